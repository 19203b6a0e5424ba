#pragma once
// Internal to the C3D reader: parameter lookups with the fallbacks the format needs (NAME2
// continuations, unsigned counts) and errors that name the parameter, plus small text and
// number helpers shared by the reader's parts.

#include "kinchain/common/error.hpp"
#include "kinchain/io/c3d_binary.hpp"
#include "kinchain/io/c3d_parameters.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinchain::io::c3d {

class ParameterReader {
 public:
  ParameterReader(const ParameterSet& set, const ByteReader& reader) : set_(set), reader_(reader) {}

  const Parameter* find(std::string_view group, std::string_view name) const {
    return set_.find(group, name);
  }

  std::optional<double> number(std::string_view group, std::string_view name,
                               std::size_t index = 0) const {
    const Parameter* p = find(group, name);
    if (p == nullptr || index >= p->numbers.size()) return std::nullopt;
    return p->numbers[index];
  }

  std::optional<double> count(std::string_view group, std::string_view name) const {
    const Parameter* p = find(group, name);
    if (p == nullptr) return std::nullopt;
    return p->unsignedCount(0);
  }

  std::string text(std::string_view group, std::string_view name, std::size_t index = 0) const {
    const Parameter* p = find(group, name);
    if (p == nullptr || index >= p->strings.size()) return {};
    return p->strings[index];
  }

  std::vector<std::string> strings(std::string_view group, std::string_view name) const {
    const Parameter* p = find(group, name);
    return p == nullptr ? std::vector<std::string>{} : p->strings;
  }

  /// NAME, NAME2, NAME3... concatenated (C3D continuation for more than 255 entries).
  std::vector<std::string> continued(std::string_view group, std::string_view name) const {
    std::vector<std::string> all = strings(group, name);
    for (int k = 2;; ++k) {
      const Parameter* p = find(group, std::string(name) + std::to_string(k));
      if (p == nullptr) break;
      all.insert(all.end(), p->strings.begin(), p->strings.end());
    }
    return all;
  }

  /// Numbers of NAME, NAME2... (for ANALOG:SCALE2 etc.).
  std::vector<double> continuedNumbers(std::string_view group, std::string_view name) const {
    std::vector<double> all;
    const Parameter* p = find(group, name);
    if (p != nullptr) all = p->numbers;
    for (int k = 2;; ++k) {
      const Parameter* q = find(group, std::string(name) + std::to_string(k));
      if (q == nullptr) break;
      all.insert(all.end(), q->numbers.begin(), q->numbers.end());
    }
    return all;
  }

  [[noreturn]] void fail(std::string_view group, std::string_view name,
                         const std::string& reason) const {
    const Parameter* p = find(group, name);
    std::string place = "parameter " + std::string(group) + ":" + std::string(name);
    if (p != nullptr) place = "byte " + std::to_string(p->byteOffset) + " (" + place + ")";
    throw InputError(reader_.source(), place, reason);
  }

 private:
  const ParameterSet& set_;
  const ByteReader& reader_;
};

std::string upper(std::string text);
std::string trim(const std::string& text);
/// m per unit of "mm", "cm", "m" (empty = mm, the C3D default); NaN if not a length unit.
double unitLengthInMetres(const std::string& unit);
/// N·m per unit of a moment channel ("Nmm", "N.mm", "N*mm", "Nm"...); NaN if unknown.
double momentUnitInNewtonMetres(const std::string& unit);
/// A stored number as a whole count in [0, limit], or nothing if it is not one (NaN, negative,
/// fractional or huge): file values are never cast to integers unchecked.
std::optional<std::size_t> wholeCount(std::optional<double> value, double limit = 4294967295.0);
/// A file number for a message (integers without decimals).
std::string numberText(double value);

}  // namespace kinchain::io::c3d
