#include "kinchain/common/xml_document.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "kinchain/common/error.hpp"

namespace kinchain {

XmlDocument XmlDocument::fromFile(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw InputError(path.string(), "", "cannot open file");
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  XmlDocument document = fromText(buffer.str(), path.string());
  document.path_ = path;
  return document;
}

XmlDocument XmlDocument::fromText(std::string text, std::string sourceName) {
  XmlDocument document;
  document.sourceName_ = std::move(sourceName);
  document.text_ = std::move(text);
  document.indexLines();
  // parse_default keeps pugixml's offsets meaningful (no in-place buffer) and handles CRLF.
  const pugi::xml_parse_result result = document.document_.load_buffer(
      document.text_.data(), document.text_.size(), pugi::parse_default, pugi::encoding_auto);
  if (!result) {
    const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    // A closing tag after a complete root element (OpenSim's gait2354_IK_Tasks.xml ends with a
    // stray </OpenSimDocument>): OpenSim reads such files, so we keep the complete root and warn.
    const std::size_t tagStart = document.text_.rfind('<', std::min(offset, document.text_.size()));
    bool recovered = false;
    if (result.status == pugi::status_end_element_mismatch && tagStart != std::string::npos &&
        tagStart + 1 < document.text_.size() && document.text_[tagStart + 1] == '/') {
      pugi::xml_document prefix;
      if (prefix.load_buffer(document.text_.data(), tagStart, pugi::parse_default,
                             pugi::encoding_auto) &&
          prefix.document_element()) {
        document.document_.reset(prefix);
        document.warnings_.push_back("line " + std::to_string(document.lineAt(tagStart)) +
                                     ": ignored a closing tag after the root element");
        recovered = true;
      }
    }
    if (!recovered) {
      throw InputError(document.sourceName_, "line " + std::to_string(document.lineAt(offset)),
                       std::string("malformed XML: ") + result.description());
    }
  }
  if (!document.document_.document_element()) {
    throw InputError(document.sourceName_, "", "XML file has no root element");
  }
  return document;
}

void XmlDocument::indexLines() {
  lineStarts_.clear();
  lineStarts_.push_back(0);
  for (std::size_t index = 0; index < text_.size(); ++index) {
    if (text_[index] == '\n') lineStarts_.push_back(index + 1);
  }
}

std::size_t XmlDocument::lineAt(std::size_t offset) const {
  return static_cast<std::size_t>(std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset) -
                                  lineStarts_.begin());
}

std::size_t XmlDocument::lineOf(const pugi::xml_node& node) const {
  if (!node) return 0;
  const std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return 0;
  return static_cast<std::size_t>(
      std::upper_bound(lineStarts_.begin(), lineStarts_.end(), static_cast<std::size_t>(offset)) -
      lineStarts_.begin());
}

std::string XmlDocument::placeOf(const pugi::xml_node& node) const {
  std::string place = "line " + std::to_string(lineOf(node));
  if (node && node.type() == pugi::node_element) {
    place += std::string(" (<") + node.name();
    if (const auto name = node.attribute("name"))
      place += std::string(" name=\"") + name.value() + "\"";
    place += ">)";
  }
  return place;
}

void XmlDocument::fail(const pugi::xml_node& node, const std::string& reason) const {
  throw InputError(sourceName_, placeOf(node), reason);
}

}  // namespace kinchain
