#include "kinchain/common/xml_properties.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

namespace kinchain::xml {

namespace {

std::string trim(std::string_view text) {
  const auto isSpace = [](unsigned char c) { return std::isspace(c) != 0; };
  const auto begin = std::find_if_not(text.begin(), text.end(), isSpace);
  const auto end =
      std::find_if_not(text.rbegin(), std::string_view::reverse_iterator(begin), isSpace).base();
  return std::string(begin, end);
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Parses one number token; nullopt for junk or NaN.
std::optional<double> parseNumberToken(std::string_view token) {
  const std::string lower = lowercase(std::string(token));
  const std::string_view unsigned_part = (!lower.empty() && (lower[0] == '+' || lower[0] == '-'))
                                             ? std::string_view(lower).substr(1)
                                             : std::string_view(lower);
  if (unsigned_part == "inf" || unsigned_part == "infinity") {
    return lower[0] == '-' ? -std::numeric_limits<double>::infinity()
                           : std::numeric_limits<double>::infinity();
  }
  const char* first = token.data();
  if (!token.empty() && token[0] == '+') ++first;
  double value = 0.0;
  const auto [end, error] = std::from_chars(first, token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size() || std::isnan(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::string trimmedText(const pugi::xml_node& node) {
  return trim(node.text().as_string());
}

std::string childString(const pugi::xml_node& parent, const char* name) {
  std::string value = trimmedText(parent.child(name));
  return value == "Unassigned" ? std::string() : value;
}

double parseDouble(const XmlDocument& document, const pugi::xml_node& node) {
  const std::string text = trimmedText(node);
  if (const auto value = parseNumberToken(text)) return *value;
  document.fail(node, "expected a number, found '" + text + "'");
}

bool parseBool(const XmlDocument& document, const pugi::xml_node& node) {
  const std::string text = lowercase(trimmedText(node));
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  document.fail(node, "expected true or false, found '" + trimmedText(node) + "'");
}

long parseInteger(const XmlDocument& document, const pugi::xml_node& node) {
  const std::string text = trimmedText(node);
  long value = 0;
  const char* first = text.data();
  if (!text.empty() && text[0] == '+') ++first;
  const auto [end, error] = std::from_chars(first, text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    document.fail(node, "expected an integer, found '" + text + "'");
  }
  return value;
}

std::vector<double> parseDoubleList(const XmlDocument& document, const pugi::xml_node& node) {
  std::vector<double> values;
  for (const auto& word : parseWordList(node)) {
    const auto value = parseNumberToken(word);
    if (!value) document.fail(node, "expected numbers, found '" + word + "'");
    values.push_back(*value);
  }
  return values;
}

std::vector<std::string> parseWordList(const pugi::xml_node& node) {
  std::istringstream stream(node.text().as_string());
  std::vector<std::string> words;
  std::string word;
  while (stream >> word)
    words.push_back(word);
  return words;
}

std::optional<double> childDouble(const XmlDocument& document, const pugi::xml_node& parent,
                                  const char* name) {
  const auto child = parent.child(name);
  if (!child || trimmedText(child).empty()) return std::nullopt;
  return parseDouble(document, child);
}

std::optional<bool> childBool(const XmlDocument& document, const pugi::xml_node& parent,
                              const char* name) {
  const auto child = parent.child(name);
  if (!child || trimmedText(child).empty()) return std::nullopt;
  return parseBool(document, child);
}

std::optional<std::array<double, 2>> childTimeRange(const XmlDocument& document,
                                                    const pugi::xml_node& parent) {
  const auto node = parent.child("time_range");
  if (!node || trimmedText(node).empty()) return std::nullopt;
  const auto times = parseDoubleList(document, node);
  if (times.size() != 2 || !(times[0] <= times[1])) {
    document.fail(node, "time_range must be two increasing times");
  }
  return std::array<double, 2>{times[0], times[1]};
}

std::filesystem::path resolvePath(const std::filesystem::path& base, const std::string& file) {
  if (file.empty() || file == "Unassigned") return {};
  const std::filesystem::path path(file);
  return path.is_absolute() ? path : base / path;
}

}  // namespace kinchain::xml
