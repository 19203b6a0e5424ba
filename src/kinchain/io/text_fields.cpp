#include "kinchain/io/text_fields.hpp"

#include "kinchain/common/error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace kinchain::io::text {

namespace {

// Bytes read from a file at a time. Each read costs a system call (microseconds); at 1 MiB that
// is a few hundred calls for a 200 MB file, nothing against parsing it, while the buffer stays
// small against the data a reader keeps. A longer line grows the buffer to hold it.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

std::ifstream openForReading(const std::filesystem::path& path) {
  std::error_code status;
  if (std::filesystem::is_directory(path, status)) {
    throw InputError(path.string(), "", "is a directory, not a file");
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw InputError(path.string(), "", "cannot open the file for reading");
  return stream;
}

// Reads up to `size` bytes; throws InputError when the stream fails for another reason than
// reaching the end of the file.
std::size_t readSome(std::ifstream& stream, char* data, std::size_t size,
                     const std::filesystem::path& path) {
  stream.read(data, static_cast<std::streamsize>(size));
  if (stream.bad()) throw InputError(path.string(), "", "could not read the whole file");
  return static_cast<std::size_t>(stream.gcount());
}

}  // namespace

LineCursor LineCursor::openFile(const std::filesystem::path& path) {
  LineCursor cursor;
  cursor.path_ = path;
  cursor.file_ = std::make_unique<std::ifstream>(openForReading(path));
  cursor.buffer_.resize(kChunkBytes);
  cursor.fillBuffer();
  const std::string_view start(cursor.buffer_.data(), cursor.end_);
  if (withoutByteOrderMark(start).size() != start.size()) cursor.position_ = 3;
  return cursor;
}

// Moves the unread bytes to the front of the buffer and reads more after them (growing the
// buffer when it is full of one unfinished line). False at the end of the file.
bool LineCursor::fillBuffer() {
  if (endOfFile_) return false;
  if (position_ > 0) {
    std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(position_),
              buffer_.begin() + static_cast<std::ptrdiff_t>(end_), buffer_.begin());
    end_ -= position_;
    position_ = 0;
  }
  if (end_ == buffer_.size()) buffer_.resize(2 * buffer_.size());
  const std::size_t read = readSome(*file_, buffer_.data() + end_, buffer_.size() - end_, path_);
  end_ += read;
  fileOffset_ += read;
  if (read == 0) endOfFile_ = true;
  return read > 0;
}

std::optional<Line> LineCursor::next() {
  std::string_view line;
  if (file_) {
    std::size_t searchFrom = position_;
    while (true) {
      const auto begin = buffer_.begin() + static_cast<std::ptrdiff_t>(searchFrom);
      const auto stop = buffer_.begin() + static_cast<std::ptrdiff_t>(end_);
      const auto newline = std::find(begin, stop, '\n');
      if (newline != stop) {
        const auto at = static_cast<std::size_t>(newline - buffer_.begin());
        line = std::string_view(buffer_.data() + position_, at - position_);
        position_ = at + 1;
        break;
      }
      const std::size_t scanned = end_ - position_;
      if (!fillBuffer()) {
        if (position_ >= end_) return std::nullopt;
        line = std::string_view(buffer_.data() + position_, end_ - position_);
        position_ = end_;
        break;
      }
      searchFrom = position_ + scanned;  // fillBuffer moved the unread bytes to the front
    }
  } else {
    if (position_ >= text_.size()) return std::nullopt;
    const std::size_t end = text_.find('\n', position_);
    line = end == std::string_view::npos ? text_.substr(position_)
                                         : text_.substr(position_, end - position_);
    position_ = end == std::string_view::npos ? text_.size() : end + 1;
  }
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  ++lineNumber_;
  return Line{line, lineNumber_};
}

std::size_t LineCursor::remainingLineBound() const {
  if (!file_) {
    if (position_ >= text_.size()) return 0;
    const auto rest = text_.substr(position_);
    return static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n')) + 1;
  }
  const auto buffered = buffer_.begin() + static_cast<std::ptrdiff_t>(position_);
  std::size_t count = static_cast<std::size_t>(
      std::count(buffered, buffer_.begin() + static_cast<std::ptrdiff_t>(end_), '\n'));
  bool anyLeft = position_ < end_;
  if (!endOfFile_) {
    std::ifstream rest = openForReading(path_);
    rest.seekg(static_cast<std::streamoff>(fileOffset_));
    std::string chunk(kChunkBytes, '\0');
    while (const std::size_t read = readSome(rest, chunk.data(), chunk.size(), path_)) {
      anyLeft = true;
      count += static_cast<std::size_t>(
          std::count(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(read), '\n'));
    }
  }
  return anyLeft ? count + 1 : 0;
}

namespace {

// The last non-blank line of `text` when `text` holds its whole beginning: `complete` says
// whether `text` starts at the start of the whole text (or of a line).
std::optional<std::string_view> lastNonBlankLineIn(std::string_view text, bool complete) {
  std::size_t end = text.size();
  while (end > 0) {
    const std::size_t newline = text.rfind('\n', end - 1);
    const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    if (newline == std::string_view::npos && !complete) return std::nullopt;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!isBlank(line)) return line;
    if (newline == std::string_view::npos) break;
    end = newline;
  }
  return std::string_view{};
}

}  // namespace

std::optional<std::string> LineCursor::lastNonBlankLine() const {
  if (!file_) {
    const auto line = lastNonBlankLineIn(text_, true);
    if (!line || line->empty()) return std::nullopt;
    return std::string(*line);
  }
  std::ifstream stream = openForReading(path_);
  stream.seekg(0, std::ios::end);
  const auto size = static_cast<std::uint64_t>(stream.tellg());
  // Read a growing tail of the file until it holds the start of its last non-blank line.
  for (std::uint64_t tail = std::min<std::uint64_t>(size, kChunkBytes);;
       tail = std::min<std::uint64_t>(size, 2 * tail)) {
    std::string chunk(static_cast<std::size_t>(tail), '\0');
    stream.clear();
    stream.seekg(static_cast<std::streamoff>(size - tail));
    chunk.resize(readSome(stream, chunk.data(), chunk.size(), path_));
    const bool complete = tail == size;
    const auto line = lastNonBlankLineIn(chunk, complete);
    if (line) {
      if (line->empty()) return std::nullopt;
      return std::string(*line);
    }
    if (complete) return std::nullopt;
  }
}

namespace {
constexpr bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}
}  // namespace

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view withoutByteOrderMark(std::string_view text) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  return text;
}

std::string_view trim(std::string_view text) {
  std::size_t first = 0;
  while (first < text.size() && isSpace(text[first]))
    ++first;
  std::size_t last = text.size();
  while (last > first && isSpace(text[last - 1]))
    --last;
  return text.substr(first, last - first);
}

bool isBlank(std::string_view line) {
  return trim(line).empty();
}

void splitFields(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  if (line.find('\t') != std::string_view::npos) {
    std::size_t start = 0;
    while (true) {
      const std::size_t tab = line.find('\t', start);
      if (tab == std::string_view::npos) {
        fields.push_back(trim(line.substr(start)));
        return;
      }
      fields.push_back(trim(line.substr(start, tab - start)));
      start = tab + 1;
    }
  }
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && isSpace(line[i]))
      ++i;
    const std::size_t start = i;
    while (i < line.size() && !isSpace(line[i]))
      ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
}

std::optional<double> parseDouble(std::string_view field) {
  if (field.empty()) return std::nullopt;
  bool negative = false;
  std::string_view body = field;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
    // "+-1" or a lone sign is not a number.
    if (body.empty() || body.front() == '+' || body.front() == '-') return std::nullopt;
  }
  double value = 0.0;
  const auto [end, error] = std::from_chars(body.data(), body.data() + body.size(), value);
  // Out-of-range values (beyond about 1.8e308 or below the smallest subnormal) are not data a
  // motion file can hold, so they count as "not a number" like any other malformed field.
  if (error != std::errc()) return std::nullopt;
  if (end != body.data() + body.size()) return std::nullopt;
  return negative ? -value : value;
}

std::optional<std::uint64_t> parseCount(std::string_view field) {
  if (!field.empty() && field.front() == '+') field.remove_prefix(1);
  if (field.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size()) return std::nullopt;
  return value;
}

void appendDouble(std::string& out, double value, std::string_view nanText) {
  if (std::isnan(value)) {
    out += nanText;
    return;
  }
  std::array<char, 32> buffer{};
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  // 32 characters always hold the shortest round-trip form of a double (at most 24).
  if (error != std::errc()) throw std::logic_error("to_chars failed for a double");
  out.append(buffer.data(), end);
}

std::string readWholeFile(const std::filesystem::path& path) {
  std::ifstream stream = openForReading(path);
  std::string content;
  stream.seekg(0, std::ios::end);
  const auto size = stream.tellg();
  if (size > 0) {
    content.resize(static_cast<std::size_t>(size));
    stream.seekg(0, std::ios::beg);
    stream.read(content.data(), static_cast<std::streamsize>(content.size()));
    if (stream.gcount() != static_cast<std::streamsize>(content.size())) {
      throw InputError(path.string(), "", "could not read the whole file");
    }
  }
  return content;
}

void writeWholeFile(const std::filesystem::path& path, std::string_view text) {
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  if (!stream) throw std::runtime_error(path.string() + ": cannot open the file for writing");
  stream.write(text.data(), static_cast<std::streamsize>(text.size()));
  stream.close();
  if (!stream) throw std::runtime_error(path.string() + ": writing the file failed");
}

std::string linePlace(std::size_t lineNumber) {
  return "line " + std::to_string(lineNumber);
}

std::string quoteField(std::string_view field) {
  constexpr std::size_t kShown = 40;
  std::string quoted = "'";
  if (field.size() > kShown) {
    quoted.append(field.substr(0, kShown));
    quoted += "...";
  } else {
    quoted.append(field);
  }
  quoted += "'";
  return quoted;
}

}  // namespace kinchain::io::text
