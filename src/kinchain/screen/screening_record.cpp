#include "kinchain/screen/screening_record.hpp"

#include "kinchain/common/error.hpp"
#include "kinchain/screen/json_schema_validator.hpp"
#include "kinchain/screen/key_suggestion.hpp"
#include "kinchain/screen/screen_record_schema.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <tuple>

namespace kinchain::screen {

namespace {

using nlohmann::json;

// Deeper JSON than any record needs is refused before it can exhaust the stack.
constexpr int kMaxJsonDepth = 32;  // not a clinical number: a parser guard

std::optional<double> numberAt(const json& object, std::string_view key) {
  const auto found = object.find(std::string(key));
  if (found == object.end() || !found->is_number()) return std::nullopt;
  return found->get<double>();
}

std::optional<std::string> stringAt(const json& object, std::string_view key) {
  const auto found = object.find(std::string(key));
  if (found == object.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

const json& objectAt(const json& object, std::string_view key) {
  static const json kEmpty = json::object();
  const auto found = object.find(std::string(key));
  if (found == object.end() || !found->is_object()) return kEmpty;
  return *found;
}

/// Removes a rejected value: array items become null (unanswered) so indices stay put;
/// object members are erased.
void removeRejected(json& document, const json::json_pointer& pointer) {
  if (pointer.empty() || !document.contains(pointer)) return;
  json& parent = document[pointer.parent_pointer()];
  if (parent.is_array()) {
    document[pointer] = nullptr;
  } else if (parent.is_object()) {
    parent.erase(pointer.back());
  }
}

void readAnswers(const json& section, std::string_view section_name, ScreeningRecord& record) {
  for (const auto& [key, value] : section.items()) {
    if (value.is_boolean())
      record.answers[std::string(section_name) + "." + key] = value.get<bool>();
  }
}

std::optional<PreviousInjury> readPreviousInjury(const json& history, std::string_view key) {
  const auto found = history.find(std::string(key));
  if (found == history.end() || !found->is_object()) return std::nullopt;
  return PreviousInjury{stringAt(*found, "side"), numberAt(*found, "months_ago")};
}

ScreeningRecord buildRecord(const json& document) {
  ScreeningRecord record;
  const json& person = objectAt(document, "person");
  record.id = stringAt(person, "id");
  record.age_years = numberAt(person, "age");
  record.sex = stringAt(person, "sex");
  record.height_m = numberAt(person, "height_m");
  record.mass_kg = numberAt(person, "mass_kg");
  record.sport = stringAt(person, "sport");
  record.dominant_leg = stringAt(person, "dominant_leg");
  readAnswers(person, "person", record);

  const json& complaint = objectAt(document, "complaint");
  record.region = stringAt(complaint, "region");
  record.complaint_side = stringAt(complaint, "side");
  record.onset = stringAt(complaint, "onset");
  record.mechanism = stringAt(complaint, "mechanism");
  record.duration_days = numberAt(complaint, "duration_days");
  record.pain_now = numberAt(complaint, "pain_now");
  record.pain_worst = numberAt(complaint, "pain_worst");
  readAnswers(complaint, "complaint", record);

  const json& history = objectAt(document, "history");
  readAnswers(history, "history", record);
  record.previous_hamstring_strain = readPreviousInjury(history, "previous_hamstring_strain");
  record.previous_ankle_sprain = readPreviousInjury(history, "previous_ankle_sprain");

  const json& tests = objectAt(document, "tests");
  for (const auto& [name, value] : tests.items()) {
    if (!value.is_object()) continue;
    Bilateral pair{numberAt(value, "left"), numberAt(value, "right")};
    if (pair.left || pair.right) record.tests[name] = pair;
  }
  record.hop_lsi_percent = numberAt(tests, "hop_lsi_percent");

  const json& questionnaires = objectAt(document, "questionnaires");
  for (const auto& [name, items] : questionnaires.items()) {
    if (!items.is_array()) continue;
    std::vector<std::optional<double>> answers;
    for (const auto& item : items) {
      answers.push_back(item.is_number() ? std::optional<double>(item.get<double>())
                                         : std::nullopt);
    }
    record.questionnaires[name] = std::move(answers);
  }
  return record;
}

/// "/complaint" → "object /complaint"; the root → "the top level".
std::string describeObject(const json::json_pointer& pointer) {
  return pointer.empty() ? std::string("the top level") : "object " + pointer.to_string();
}

std::optional<TextPosition> positionOf(const SchemaViolation& violation,
                                       const KeyPositions* key_positions) {
  if (key_positions == nullptr) return std::nullopt;
  const auto found = key_positions->find(violation.pointer.to_string());
  if (found == key_positions->end()) return std::nullopt;
  return found->second;
}

/// " (line 4:5)" when the position is known.
std::string lineSuffix(const std::optional<TextPosition>& position) {
  return position ? fmt::format(" (line {})", describePosition(*position)) : std::string();
}

/// What is wrong with one unknown key: the object has no such field, and the nearest known key
/// there or, when none is close, the keys allowed there.
std::string unknownKeyReason(const SchemaViolation& violation) {
  const std::string object = describeObject(violation.pointer.parent_pointer());
  if (const auto suggestion = closestKey(violation.pointer.back(), violation.known_keys)) {
    return fmt::format("{} has no such field; did you mean {}?", object, *suggestion);
  }
  return fmt::format("{} has no such field and no known field is close (allowed there: {}).",
                     object, fmt::join(violation.known_keys, ", "));
}

/// Refuses a record with keys the schema does not define, naming every one (in text order
/// when positions are known).
void refuseUnknownKeys(std::vector<SchemaViolation> unknown, const std::string& source,
                       const KeyPositions* key_positions) {
  if (unknown.empty()) return;
  const auto order = [&](const SchemaViolation& violation) {
    const auto position = positionOf(violation, key_positions);
    return std::make_tuple(position ? position->line : 0, position ? position->column : 0,
                           violation.pointer.to_string());
  };
  std::sort(
      unknown.begin(), unknown.end(),
      [&](const SchemaViolation& a, const SchemaViolation& b) { return order(a) < order(b); });
  const SchemaViolation& first = unknown.front();
  const std::string place =
      fmt::format("key \"{}\" at {}{}", first.pointer.back(), first.pointer.to_string(),
                  lineSuffix(positionOf(first, key_positions)));
  std::string reason = "unknown key: " + unknownKeyReason(first);
  for (std::size_t i = 1; i < unknown.size(); ++i) {
    const SchemaViolation& other = unknown[i];
    reason += fmt::format(" Also unknown: \"{}\" at {}{}: {}", other.pointer.back(),
                          other.pointer.to_string(), lineSuffix(positionOf(other, key_positions)),
                          unknownKeyReason(other));
  }
  reason += fmt::format(
      " A {} record allows only the keys its schema defines (kinchain screen --print-schema): a "
      "misspelt answer would otherwise be ignored, and a misspelt red-flag answer would read as "
      "unanswered.",
      kScreenRecordFormat);
  throw InputError(source, place, reason);
}

}  // namespace

std::string_view sideName(Side side) {
  return side == Side::Left ? "left" : "right";
}
Side otherSide(Side side) {
  return side == Side::Left ? Side::Right : Side::Left;
}

std::optional<bool> ScreeningRecord::answer(std::string_view path) const {
  const auto found = answers.find(path);
  if (found == answers.end()) return std::nullopt;
  return found->second;
}

std::optional<double> ScreeningRecord::test(std::string_view name, Side side) const {
  const auto found = tests.find(name);
  if (found == tests.end()) return std::nullopt;
  return found->second.at(side);
}

bool ScreeningRecord::complaintOn(Side side) const {
  return complaint_side && (*complaint_side == "both" || *complaint_side == sideName(side));
}

ParsedJson parseJsonWithKeyPositions(std::string_view text, const std::string& source) {
  const json::parser_callback_t limit_depth = [&source](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) {
      throw InputError(source, "nesting", "JSON nested deeper than a screening record allows");
    }
    return true;
  };
  ParsedJson parsed;
  try {
    parsed.document = json::parse(text.begin(), text.end(), limit_depth);
  } catch (const json::parse_error& error) {
    throw InputError(source, "byte " + std::to_string(error.byte), "not valid JSON");
  } catch (const json::out_of_range&) {
    throw InputError(source, "number", "a number too large to represent (e.g. 1e999)");
  } catch (const json::exception& error) {
    throw InputError(source, "", std::string("not a usable JSON document: ") + error.what());
  }
  // Second pass over the now known-valid text: the DOM keeps only the last of two equal keys,
  // so duplicates can only be seen in the text.
  parsed.key_positions = findKeyPositions(text, source);
  return parsed;
}

json parseJsonText(std::string_view text, const std::string& source) {
  return parseJsonWithKeyPositions(text, source).document;
}

ReadRecord readScreeningRecord(std::string_view text, const std::string& source) {
  const ParsedJson parsed = parseJsonWithKeyPositions(text, source);
  return readScreeningRecordDocument(parsed.document, source, &parsed.key_positions);
}

ReadRecord readScreeningRecordDocument(const json& document, const std::string& source,
                                       const KeyPositions* key_positions) {
  if (!document.is_object()) {
    throw InputError(source, "top level", "a screening record is a JSON object");
  }
  const auto format = document.find("format");
  if (format == document.end()) {
    throw InputError(source, "field format",
                     "missing; a screening record starts with \"format\": \"" +
                         std::string(kScreenRecordFormat) + "\"");
  }
  if (!format->is_string() || format->get<std::string>() != kScreenRecordFormat) {
    throw InputError(source, "field format",
                     format->dump() + " is not a supported format (expected \"" +
                         std::string(kScreenRecordFormat) + "\")");
  }

  ReadRecord result;
  result.accepted = document;
  std::vector<SchemaViolation> unknown_keys;
  for (auto& violation : validateAgainstSchema(screenRecordSchema(), document)) {
    if (violation.kind == SchemaViolation::Kind::UnknownKey) {
      unknown_keys.push_back(std::move(violation));
      continue;
    }
    result.problems.push_back({violation.path, violation.message + "; value ignored"});
    removeRejected(result.accepted, violation.pointer);
  }
  refuseUnknownKeys(std::move(unknown_keys), source, key_positions);
  result.record = buildRecord(result.accepted);
  return result;
}

}  // namespace kinchain::screen
