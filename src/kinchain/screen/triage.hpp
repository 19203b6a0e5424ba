#pragma once
// Red-flag triage (clinical.md §3, kinetic-chain.md §3 "when to see a doctor"). Red flags are
// evaluated first and win over everything: at `emergency` or `same_day` the exercise program
// is withheld and the person is told why.
//
// Each rule is data: an id, the level it raises, the record fields it reads, its source, and
// three condition lists evaluated with three-valued logic (yes / no / not answered):
//   applies_when : all must hold (an unanswered one still counts as applicable)
//   all_of       : all must be yes for the rule to fire
//   any_of       : at least one must be yes (empty = no requirement)
//   unless       : any yes makes the rule not applicable (e.g. Ottawa rules exclude pregnancy)
// A rule that cannot be decided because answers are missing is reported as "not assessed",
// never silently passed.

#include "kinchain/screen/screening_record.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kinchain::screen {

enum class TriageLevel { SelfCare, Soon, SameDay, Emergency };
std::string_view triageLevelName(TriageLevel level);
/// What the person should do at this level, in plain words.
std::string_view triageAdvice(TriageLevel level);
/// True when the level withholds the self-managed program.
bool withholdsProgram(TriageLevel level);

/// One condition on a record field. Fields are dotted paths: "complaint.fever",
/// "complaint.region", "complaint.duration_days".
struct Condition {
  enum class Kind { IsYes, IsNo, OneOf, ReachesThreshold };
  std::string_view field;
  Kind kind = Kind::IsYes;
  std::vector<std::string_view> values;  ///< for OneOf
  std::string_view threshold_id;         ///< for ReachesThreshold (clinical constant id)
};

struct RedFlagRule {
  std::string_view id;
  TriageLevel level;
  std::string_view title;
  std::string_view action;  ///< what to do, e.g. "X-ray decision by a doctor today"
  std::string_view source;  ///< citation + source line
  std::vector<Condition> applies_when;
  std::vector<Condition> all_of;
  std::vector<Condition> any_of;
  std::vector<Condition> unless;
};

/// The rule table, most urgent first.
const std::vector<RedFlagRule>& redFlagRules();

struct TriggeredRule {
  std::string id;
  TriageLevel level;
  std::string title;
  std::string action;
  std::string source;
  std::vector<std::string> because;  ///< the answers that made it fire
};

struct UnassessedRule {
  std::string id;
  std::string title;
  std::vector<std::string> missing;  ///< fields that were not answered
};

struct Triage {
  TriageLevel level = TriageLevel::SelfCare;
  std::vector<TriggeredRule> triggered;
  std::vector<UnassessedRule> not_assessed;
  std::vector<std::string> notes;  ///< e.g. rules that do not apply (pregnancy)
  bool program_withheld = false;
  std::string message;  ///< plain-language summary for the person
};

Triage triage(const ScreeningRecord& record);

}  // namespace kinchain::screen
