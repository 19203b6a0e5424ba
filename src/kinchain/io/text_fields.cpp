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

std::optional<Line> LineCursor::next() {
  if (position_ >= text_.size()) return std::nullopt;
  const std::size_t end = text_.find('\n', position_);
  std::string_view line = end == std::string_view::npos ? text_.substr(position_)
                                                        : text_.substr(position_, end - position_);
  position_ = end == std::string_view::npos ? text_.size() : end + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  ++lineNumber_;
  return Line{line, lineNumber_};
}

std::size_t LineCursor::remainingLineBound() const {
  if (position_ >= text_.size()) return 0;
  const auto rest = text_.substr(position_);
  return static_cast<std::size_t>(std::count(rest.begin(), rest.end(), '\n')) + 1;
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
  std::error_code status;
  if (std::filesystem::is_directory(path, status)) {
    throw InputError(path.string(), "", "is a directory, not a file");
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw InputError(path.string(), "", "cannot open the file for reading");
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
