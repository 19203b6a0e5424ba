#pragma once
// The C3D parameter section: groups and parameters as stored, with lookup by GROUP:NAME.
//
// Layout (C3D User Guide, "The parameter section"): a 4-byte block header (reserved, key 0x50,
// number of 512-byte blocks, processor type 83 + n), then records. Each record starts with a
// signed name length (negative = locked, 0 = end) and a signed id (negative = group, positive =
// parameter of group |id|), the name, and a 16-bit offset from that offset word to the next
// record (0 = last). A group then holds a description; a parameter holds its type (-1 char,
// 1 byte, 2 int16, 4 float), up to 7 dimensions (one byte each), the values (first dimension
// varies fastest) and a description.

#include "kinchain/io/c3d_binary.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinchain::io::c3d {

enum class ParameterType { Char = -1, Byte = 1, Int16 = 2, Float = 4 };

struct Group {
  int id = 0;  ///< positive group number (the file stores it negated)
  std::string name;
  std::string description;
  bool locked = false;
};

struct Parameter {
  std::string group;  ///< group name (upper case as stored), or "GROUP<id>" if undeclared
  std::string name;
  std::string description;
  ParameterType type = ParameterType::Float;
  std::vector<int> dimensions;  ///< empty for a scalar
  bool locked = false;
  std::size_t byteOffset = 0;  ///< offset of the record in the file (for messages)

  /// Byte, Int16 and Float values in storage order (bytes and int16 as signed numbers).
  std::vector<double> numbers;
  /// Char values: one string per column of the first dimension, trailing blanks removed.
  std::vector<std::string> strings;

  /// "GROUP:NAME", for messages.
  std::string fullName() const { return group + ":" + name; }
  /// Number of stored elements (product of the dimensions; 1 for a scalar).
  std::size_t elementCount() const;
  /// Value i read as an unsigned 16-bit count (C3D stores counts above 32767 in int16).
  std::optional<double> unsignedCount(std::size_t index) const;
};

class ParameterSet {
 public:
  const std::vector<Group>& groups() const { return groups_; }
  const std::vector<Parameter>& parameters() const { return parameters_; }

  /// The parameter GROUP:NAME (case-insensitive), or nullptr.
  const Parameter* find(std::string_view group, std::string_view name) const;
  /// Lookup by "GROUP:NAME".
  const Parameter* find(std::string_view groupColonName) const;
  /// All parameters of a group, in file order.
  std::vector<const Parameter*> inGroup(std::string_view group) const;

  void addGroup(Group group) { groups_.push_back(std::move(group)); }
  void addParameter(Parameter parameter) { parameters_.push_back(std::move(parameter)); }
  Group* findGroup(int id);

 private:
  std::vector<Group> groups_;
  std::vector<Parameter> parameters_;
};

struct ParameterSection {
  ProcessorFormat format = ProcessorFormat::Intel;
  std::size_t blockCount = 0;
  ParameterSet parameters;
};

/// Reads the parameter section that starts at byte `start` (block boundary). Sets the reader's
/// processor format from the section header. Duplicated parameters, parameters of undeclared
/// groups and similar oddities that do not prevent reading are appended to `warnings`.
/// @throws InputError (file, byte offset, parameter GROUP:NAME where known, reason) for a
///         missing key, unknown processor, truncated record, unknown type, more than 7
///         dimensions, or a next-record offset that points backwards or past the section.
ParameterSection readParameterSection(ByteReader& reader, std::size_t start,
                                      std::vector<std::string>& warnings);

}  // namespace kinchain::io::c3d
