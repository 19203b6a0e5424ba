#include "kinchain/screen/json_key_positions.hpp"

#include "kinchain/common/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <iterator>
#include <optional>
#include <vector>

namespace kinchain::screen {

namespace {

using nlohmann::json;

/// A read-only character iterator that counts how many characters the parser has taken.
/// nlohmann's SAX events carry no position, but its lexer reads the input strictly forward
/// through the iterator, so when `key()` fires the count is just past the key's closing quote.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, std::size_t* consumed) : at_(at), consumed_(consumed) {}

  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    ++*consumed_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& other) const { return at_ == other.at_; }

 private:
  const char* at_;
  std::size_t* consumed_;
};

// UTF-8 continuation bytes are 10xxxxxx (RFC 3629 §3).
constexpr std::uint8_t kUtf8LeadMask = 0xC0U;      // not a clinical number: UTF-8 bit pattern
constexpr std::uint8_t kUtf8Continuation = 0x80U;  // not a clinical number: UTF-8 bit pattern
// The standard that says object names should be unique.
constexpr std::string_view kJsonStandard = "RFC 8259 §4";  // not a clinical number: a citation

/// Converts increasing byte offsets to line:column without rescanning the text each time.
class PositionCursor {
 public:
  explicit PositionCursor(std::string_view text) : text_(text) {}

  TextPosition advanceTo(std::size_t offset) {
    for (; offset_ < offset && offset_ < text_.size(); ++offset_) {
      const auto byte = static_cast<std::uint8_t>(text_[offset_]);
      if (byte == '\n') {
        ++position_.line;
        position_.column = 1;
      } else if ((byte & kUtf8LeadMask) != kUtf8Continuation) {  // continuations add no column
        ++position_.column;
      }
    }
    return position_;
  }

 private:
  std::string_view text_;
  std::size_t offset_ = 0;
  TextPosition position_;
};

/// Offset of the opening quote of the string whose closing quote is at `closing`. Inside a
/// JSON string a literal quote is always escaped, i.e. preceded by an odd run of backslashes.
std::size_t openingQuote(std::string_view text, std::size_t closing) {
  for (std::size_t at = closing; at-- > 0;) {
    if (text[at] != '"') continue;
    std::size_t backslashes = 0;
    while (backslashes < at && text[at - 1 - backslashes] == '\\')
      ++backslashes;
    const bool escaped = (backslashes & 1U) == 1U;  // an odd run escapes the quote
    if (!escaped) return at;
  }
  return closing;
}

struct Duplicate {
  std::string key;
  std::string pointer;
  TextPosition first;
  TextPosition again;
};

class KeyPositionHandler : public json::json_sax_t {
 public:
  KeyPositionHandler(std::string_view text, const std::size_t& consumed)
      : text_(text), consumed_(consumed), cursor_(text) {}

  bool null() override { return scalar(); }
  bool boolean(bool /*value*/) override { return scalar(); }
  bool number_integer(number_integer_t /*value*/) override { return scalar(); }
  bool number_unsigned(number_unsigned_t /*value*/) override { return scalar(); }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override {
    return scalar();
  }
  bool string(string_t& /*value*/) override { return scalar(); }
  bool binary(binary_t& /*value*/) override { return scalar(); }

  bool start_object(std::size_t /*elements*/) override {
    frames_.push_back({nextPointer(), true, {}, {}, 0});
    return true;
  }
  bool end_object() override {
    frames_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*elements*/) override {
    frames_.push_back({nextPointer(), false, {}, {}, 0});
    return true;
  }
  bool end_array() override {
    frames_.pop_back();
    return true;
  }

  bool key(string_t& name) override {
    Frame& object = frames_.back();
    const std::size_t closing = consumed_ > 0 ? consumed_ - 1 : 0;
    const TextPosition position = cursor_.advanceTo(openingQuote(text_, closing));
    const std::string pointer = (object.pointer / name).to_string();
    const auto [seen, inserted] = object.keys.try_emplace(name, position);
    if (!inserted) {
      duplicate_ = Duplicate{name, pointer, seen->second, position};
      return false;  // stops the parse; the caller reports it
    }
    object.current_key = name;
    positions_.emplace(pointer, position);
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const json::exception& /*error*/) override {
    return false;  // the text was parsed before this scan, so this does not happen
  }

  const std::optional<Duplicate>& duplicate() const { return duplicate_; }
  KeyPositions takePositions() { return std::move(positions_); }

 private:
  struct Frame {
    json::json_pointer pointer;
    bool is_object = false;
    std::map<std::string, TextPosition, std::less<>> keys;  ///< keys seen in this object
    std::string current_key;
    std::size_t next_index = 0;  ///< arrays: index of the next element
  };

  /// The pointer of the value that starts now (and counts it, inside an array).
  json::json_pointer nextPointer() {
    if (frames_.empty()) return json::json_pointer();
    Frame& parent = frames_.back();
    if (parent.is_object) return parent.pointer / parent.current_key;
    return parent.pointer / parent.next_index++;
  }

  bool scalar() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().next_index;
    return true;
  }

  std::string_view text_;
  const std::size_t& consumed_;
  PositionCursor cursor_;
  std::vector<Frame> frames_;
  KeyPositions positions_;
  std::optional<Duplicate> duplicate_;
};

}  // namespace

std::string describePosition(const TextPosition& position) {
  return fmt::format("{}:{}", position.line, position.column);
}

KeyPositions findKeyPositions(std::string_view text, const std::string& source) {
  std::size_t consumed = 0;
  KeyPositionHandler handler(text, consumed);
  const CountingIterator first(text.data(), &consumed);
  const CountingIterator last(text.data() + text.size(), &consumed);
  json::sax_parse(first, last, &handler);
  if (const auto& duplicate = handler.duplicate()) {
    throw InputError(
        source, fmt::format("key \"{}\" at {}", duplicate->key, duplicate->pointer),
        fmt::format("duplicate key: given twice in the same object, first at line {}, again at "
                    "line {} (line:column); give each field once ({}: names within an object "
                    "should be unique, and parsers differ in which value they keep, so a "
                    "repeated answer cannot be trusted)",
                    describePosition(duplicate->first), describePosition(duplicate->again),
                    kJsonStandard));
  }
  return handler.takePositions();
}

}  // namespace kinchain::screen
