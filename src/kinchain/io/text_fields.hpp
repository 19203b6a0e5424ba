#pragma once
// Small pieces shared by the OpenSim text readers and writers (.trc, .sto, .mot): walking the
// lines of an in-memory file, splitting a line into fields, and converting fields to and from
// numbers without iostreams (std::from_chars / std::to_chars).
//
// Conventions the readers rely on:
// - Lines end with LF or CRLF; a lone trailing CR is stripped.
// - A line that contains a tab is split at every tab and each field is trimmed of spaces, so
//   "a\t\tb" has an empty middle field (a blank value) and fixed-width padded fields
//   ("      1.5\t") read as their number. A line without any tab is split at runs of spaces
//   (fixed-width, space-separated files); such a line never has empty fields.
// - Numbers: decimal or e-notation, optional leading '+' or '-', and the spellings NaN / nan /
//   NAN / -nan and inf / infinity in any case. Anything else in a field is an error.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinchain::io::text {

/// One line of a text file without its line terminator; `number` counts from 1.
struct Line {
  std::string_view text;
  std::size_t number = 0;
};

/// Walks the lines of a text, tracking line numbers: either a text held in memory, or a file
/// read a chunk at a time (openFile), so a reader never holds a whole file in memory. In the
/// file mode the returned line's text lives in the cursor's buffer and is valid only until the
/// next call to next(); a reader copies what it keeps.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}
  /// Reads `path` a chunk at a time; a leading UTF-8 byte-order mark is skipped. Throws
  /// InputError naming the file when it is a directory or cannot be opened.
  static LineCursor openFile(const std::filesystem::path& path);

  LineCursor(LineCursor&&) noexcept = default;
  LineCursor& operator=(LineCursor&&) noexcept = default;

  /// The next line, or nothing at the end of the text. Throws InputError when reading the file
  /// fails.
  std::optional<Line> next();
  /// Line number of the most recently returned line (0 before the first).
  std::size_t lineNumber() const { return lineNumber_; }
  /// Upper bound on the number of lines left (for reserving storage; never trusts a header).
  /// In the file mode this reads the rest of the file once more, counting line feeds.
  std::size_t remainingLineBound() const;
  /// The last line of the whole text that is not blank (copied), or nothing when every line is
  /// blank. In the file mode only the end of the file is read.
  std::optional<std::string> lastNonBlankLine() const;

 private:
  LineCursor() = default;
  bool fillBuffer();

  std::string_view text_;
  std::size_t position_ = 0;
  std::size_t lineNumber_ = 0;
  // File mode (file_ open): bytes [position_, end_) of buffer_ are read and not yet returned;
  // fileOffset_ is the file offset just after them.
  std::unique_ptr<std::ifstream> file_;
  std::filesystem::path path_;
  std::string buffer_;
  std::size_t end_ = 0;
  std::uint64_t fileOffset_ = 0;
  bool endOfFile_ = false;
};

/// `text` without a leading UTF-8 byte-order mark (editors on Windows add one).
std::string_view withoutByteOrderMark(std::string_view text);

/// `text` without leading and trailing spaces, tabs, CR, vertical tabs and form feeds.
std::string_view trim(std::string_view text);

/// ASCII case-insensitive equality ("NaN" == "nan", "inDegrees" values "Yes" == "yes").
bool equalsIgnoringCase(std::string_view a, std::string_view b);

/// True when the line holds nothing but whitespace.
bool isBlank(std::string_view line);

/// Splits a line into trimmed fields (see the conventions above). Clears `fields` first.
void splitFields(std::string_view line, std::vector<std::string_view>& fields);

/// Parses a whole (already trimmed) field as a double; nothing if it is empty or not a number.
std::optional<double> parseDouble(std::string_view field);

/// Parses a whole (already trimmed) field as a non-negative integer that fits in 64 bits.
std::optional<std::uint64_t> parseCount(std::string_view field);

/// Shortest decimal text that reads back to exactly `value` (std::to_chars; this is printf's
/// "%.*g" with the smallest precision that round-trips, at most 17 digits). NaN is written as
/// `nanText`, infinities as "inf" / "-inf".
void appendDouble(std::string& out, double value, std::string_view nanText = "nan");

/// Reads a whole file into memory. Throws InputError naming the file when it cannot be read.
std::string readWholeFile(const std::filesystem::path& path);

/// Writes `text` to a file, replacing it. Throws std::runtime_error naming the file on failure.
void writeWholeFile(const std::filesystem::path& path, std::string_view text);

/// "line 12" — the place string used in InputError for a line-oriented file.
std::string linePlace(std::size_t lineNumber);

/// A field quoted for an error message, shortened to at most 40 characters.
std::string quoteField(std::string_view field);

}  // namespace kinchain::io::text
