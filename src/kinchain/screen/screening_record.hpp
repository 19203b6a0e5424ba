#pragma once
// A clinical screening record (format "kinchain.screen/1", schema in
// schemas/kinchain.screen-1.schema.json) read into plain values. Every field is optional:
// an absent or rejected field is empty, and the screen reports what it could not assess.
//
// Reading never throws for a bad *value*: a value the schema rejects (negative force,
// FPI 40, a 300° angle, pain 11) becomes a RecordProblem naming the field path and is left
// out, so the rest of the record still produces a partial result. Input that is not a
// screening record at all (not JSON, not an object, wrong or missing "format") throws
// kinchain::InputError, and so does a record whose *keys* cannot be trusted:
//   - a key repeated within one object ("saddle_numbness": true, "saddle_numbness": false
//     would otherwise read as the last value): the error names the key, its JSON pointer and
//     the line:column of both occurrences;
//   - a key the schema does not define (additionalProperties: false on every object): a
//     misspelt "sadle_numbness": true would otherwise be ignored and the red flag read as
//     unanswered. The error names the key, its JSON pointer, its line:column and the closest
//     known key at that place (key_suggestion.hpp).

#include "kinchain/screen/json_key_positions.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinchain::screen {

enum class Side { Left, Right };
inline constexpr Side kBothSides[] = {Side::Left, Side::Right};
std::string_view sideName(Side side);
Side otherSide(Side side);

/// One clinical test on both legs, in the unit its name carries (…_cm, …_deg, …_n).
struct Bilateral {
  std::optional<double> left;
  std::optional<double> right;
  const std::optional<double>& at(Side side) const { return side == Side::Left ? left : right; }
};

struct PreviousInjury {
  std::optional<std::string> side;  ///< "left", "right", "both"
  std::optional<double> months_ago;
};

struct ScreeningRecord {
  // person
  std::optional<std::string> id;
  std::optional<double> age_years;
  std::optional<std::string> sex;  ///< "male", "female", "other"
  std::optional<double> height_m;
  std::optional<double> mass_kg;
  std::optional<std::string> sport;
  std::optional<std::string> dominant_leg;

  // complaint
  std::optional<std::string> region;  ///< heel, arch, forefoot, big_toe, ankle, achilles, …
  std::optional<std::string> complaint_side;  ///< left, right, both
  std::optional<std::string> onset;           ///< sudden, gradual
  std::optional<std::string> mechanism;
  std::optional<double> duration_days;
  std::optional<double> pain_now;    ///< 0–10 NRS
  std::optional<double> pain_worst;  ///< 0–10 NRS

  /// Every yes/no answer by its dotted field path ("complaint.fever", "person.diabetes",
  /// "history.active_cancer"); absent = not answered.
  std::map<std::string, bool, std::less<>> answers;

  std::optional<PreviousInjury> previous_hamstring_strain;
  std::optional<PreviousInjury> previous_ankle_sprain;

  /// Clinical tests by name ("knee_to_wall_cm", …); a test is present if either side is.
  std::map<std::string, Bilateral, std::less<>> tests;
  std::optional<double> hop_lsi_percent;

  /// Questionnaire item answers by name ("faam_adl", "faam_sport", "lefs", "visa_a"); an
  /// empty optional is an unanswered item.
  std::map<std::string, std::vector<std::optional<double>>, std::less<>> questionnaires;

  /// Yes/no answer by dotted path, empty when not answered.
  std::optional<bool> answer(std::string_view path) const;
  /// Test value, empty when the test or side is missing.
  std::optional<double> test(std::string_view name, Side side) const;
  /// True when the complaint is on `side` (side "both" counts for each leg).
  bool complaintOn(Side side) const;
};

/// A field the reader rejected or could not use, with its dotted path.
struct RecordProblem {
  std::string path;
  std::string message;
};

struct ReadRecord {
  ScreeningRecord record;
  std::vector<RecordProblem> problems;  ///< rejected values (they are absent from `record`)
  nlohmann::json accepted;              ///< the input with rejected values removed
};

/// Reads a record from JSON text. `source` names it in messages (file name).
/// Throws kinchain::InputError if the text is not a JSON object of format kinchain.screen/1,
/// or if it repeats a key within an object or uses a key the schema does not define.
ReadRecord readScreeningRecord(std::string_view text, const std::string& source);

/// Same, from already parsed JSON. `key_positions` (from parseJsonWithKeyPositions, pointers
/// relative to `document`) lets an unknown-key error give the line:column; without it the
/// error names the JSON pointer only. Duplicate keys cannot be seen in parsed JSON: parse text
/// with parseJsonText / parseJsonWithKeyPositions, which refuse them.
ReadRecord readScreeningRecordDocument(const nlohmann::json& document, const std::string& source,
                                       const KeyPositions* key_positions = nullptr);

struct ParsedJson {
  nlohmann::json document;
  KeyPositions key_positions;  ///< where each key stands in the text, by JSON pointer
};

/// Parses JSON text with a nesting limit; throws kinchain::InputError with the byte offset for
/// invalid JSON, and with the key, JSON pointer and both line:column places for a key repeated
/// within one object (json_key_positions.hpp).
ParsedJson parseJsonWithKeyPositions(std::string_view text, const std::string& source);

/// parseJsonWithKeyPositions without the positions.
nlohmann::json parseJsonText(std::string_view text, const std::string& source);

}  // namespace kinchain::screen
