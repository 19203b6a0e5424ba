#pragma once
// An XML file (an .osim model, an OpenSim setup or ExternalLoads file) loaded with pugixml,
// kept together with its text so errors can name the line of the element they concern.

#include <pugixml.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kinchain {

class XmlDocument {
 public:
  /// Parses a file; throws InputError naming the file and line for malformed XML or a missing file.
  static XmlDocument fromFile(const std::filesystem::path& path);
  /// Parses text held in memory; `sourceName` is used in error messages.
  static XmlDocument fromText(std::string text, std::string sourceName);

  XmlDocument(XmlDocument&&) noexcept = default;
  XmlDocument& operator=(XmlDocument&&) noexcept = default;

  const pugi::xml_document& document() const { return document_; }
  pugi::xml_node root() const { return document_.document_element(); }
  const std::string& sourceName() const { return sourceName_; }
  const std::filesystem::path& path() const { return path_; }

  /// 1-based line of a node of this document (0 if the node is null or not from here).
  std::size_t lineOf(const pugi::xml_node& node) const;
  /// "line N (<ElementName name="x">)" for error messages.
  std::string placeOf(const pugi::xml_node& node) const;
  /// Things tolerated while reading (e.g. a stray closing tag after the root element, which
  /// OpenSim's own parser ignores and some shipped OpenSim files contain).
  const std::vector<std::string>& warnings() const { return warnings_; }

  /// Throws InputError(sourceName(), placeOf(node), reason).
  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& reason) const;

 private:
  XmlDocument() = default;
  void indexLines();
  std::size_t lineAt(std::size_t offset) const;

  std::string sourceName_;
  std::filesystem::path path_;
  std::string text_;
  pugi::xml_document document_;
  std::vector<std::size_t> lineStarts_;  // byte offset of each line start
  std::vector<std::string> warnings_;
};

}  // namespace kinchain
