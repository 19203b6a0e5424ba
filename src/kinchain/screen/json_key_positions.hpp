#pragma once
// Where every object key of a JSON text stands, found with nlohmann's SAX interface, and the
// refusal of a key repeated within one object.
//
// nlohmann::json (like most parsers) silently keeps the last of two equal keys, so
// {"saddle_numbness": true, "saddle_numbness": false} would read as "no red flag". RFC 8259 §4
// says names within an object SHOULD be unique and that software receiving duplicates behaves
// unpredictably; a screening record therefore refuses them outright.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace kinchain::screen {

/// A place in a text: 1-based line and column (columns count UTF-8 characters, not bytes).
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

/// "12:5" (line:column).
std::string describePosition(const TextPosition& position);

/// Position of the opening quote of each object key, by the JSON pointer of its member
/// ("/complaint/saddle_numbness").
using KeyPositions = std::map<std::string, TextPosition, std::less<>>;

/// Scans syntactically valid JSON `text` (parse it first: syntax errors are not reported
/// here) and returns where each key stands. Throws kinchain::InputError naming the key, its
/// JSON pointer and the line:column of both occurrences if any object repeats a key.
KeyPositions findKeyPositions(std::string_view text, const std::string& source);

}  // namespace kinchain::screen
