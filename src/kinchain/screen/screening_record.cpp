#include "kinchain/screen/screening_record.hpp"

#include "kinchain/common/error.hpp"
#include "kinchain/screen/json_schema_validator.hpp"
#include "kinchain/screen/screen_record_schema.hpp"

#include <string>

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

json parseJsonText(std::string_view text, const std::string& source) {
  const json::parser_callback_t limit_depth = [&source](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) {
      throw InputError(source, "nesting", "JSON nested deeper than a screening record allows");
    }
    return true;
  };
  try {
    return json::parse(text.begin(), text.end(), limit_depth);
  } catch (const json::parse_error& error) {
    throw InputError(source, "byte " + std::to_string(error.byte), "not valid JSON");
  } catch (const json::out_of_range&) {
    throw InputError(source, "number", "a number too large to represent (e.g. 1e999)");
  } catch (const json::exception& error) {
    throw InputError(source, "", std::string("not a usable JSON document: ") + error.what());
  }
}

ReadRecord readScreeningRecord(std::string_view text, const std::string& source) {
  return readScreeningRecordDocument(parseJsonText(text, source), source);
}

ReadRecord readScreeningRecordDocument(const json& document, const std::string& source) {
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
  for (const auto& violation : validateAgainstSchema(screenRecordSchema(), document)) {
    result.problems.push_back({violation.path, violation.message + "; value ignored"});
    removeRejected(result.accepted, violation.pointer);
  }
  result.record = buildRecord(result.accepted);
  return result;
}

}  // namespace kinchain::screen
