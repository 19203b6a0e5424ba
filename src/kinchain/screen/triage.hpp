#pragma once
// Red-flag triage (clinical.md §3, kinetic-chain.md §3 "when to see a doctor"). Red flags are
// evaluated first and win over everything: at `emergency` or `same_day` the exercise program
// is withheld and the person is told why; so it is while red-flag questions are unanswered.
//
// Each rule is data: an id, the level it raises, the record fields it reads, its source, and
// three condition lists evaluated with three-valued logic (yes / no / not answered):
//   applies_when : all must hold (an unanswered one still counts as applicable)
//   all_of       : all must be yes for the rule to fire
//   any_of       : at least one must be yes (empty = no requirement)
//   unless       : any yes makes the rule not applicable (e.g. Ottawa rules exclude pregnancy)
// A rule that cannot be decided because answers are missing is reported as "not assessed",
// never silently passed.
//
// Red-flag questions are the record fields these rules read: the neurological, vascular,
// fracture, rupture, thrombosis, infection and Charcot signs of clinical.md §3.1–3.5, the
// "clinician soon" signs of clinical.md §3.6 and kinetic-chain.md §3 ("when to see a doctor"),
// and the context the rules need (complaint region and onset, duration). A question is
// *unanswered* when it is missing and a rule needs it to decide: a question no rule needs,
// given the other answers, is not asked (e.g. Ottawa bone tenderness after a gradual onset —
// the Ottawa rules apply only after an acute injury, clinical.md §3.1; Wells risk items
// without calf swelling and tenderness, clinical.md §3.3 software rule).
//
// The person is cleared for self-care only when every rule is decided "no". With any
// red-flag question unanswered the level is never self_care: it is `not_cleared` (nothing
// answered fires), or the level of a rule that an answered sign does fire (a red flag that is
// answered wins, even with others unanswered); either way the unanswered questions are listed
// and the program is withheld until they are answered.

#include "kinchain/screen/screening_record.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kinchain::screen {

/// Ordered by what the person must do: a more urgent level wins (std::max). NotCleared sits
/// just above SelfCare: nothing answered fires, but unanswered red-flag questions stop the
/// screen from clearing the person; any rule an answered sign fires outranks it.
enum class TriageLevel { SelfCare, NotCleared, Soon, SameDay, Emergency };
std::string_view triageLevelName(TriageLevel level);
/// What the person should do at this level, in plain words.
std::string_view triageAdvice(TriageLevel level);
/// True when the level withholds the self-managed program (emergency, same_day, not_cleared).
/// Unanswered red-flag questions withhold it at every level (Triage::program_withheld).
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

/// The question behind a field the rules read, in words a clinician asks ("Any numbness in
/// the saddle area …?"). Throws std::logic_error for a field no rule reads.
std::string_view redFlagQuestion(std::string_view field);

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

/// A red-flag question that must be answered before the person can be cleared.
struct UnansweredQuestion {
  std::string field;                   ///< dotted record path, "complaint.saddle_numbness"
  std::string question;                ///< redFlagQuestion(field)
  std::vector<std::string> needed_by;  ///< ids of the rules it would decide, most urgent first
};

struct Triage {
  TriageLevel level = TriageLevel::SelfCare;
  std::vector<TriggeredRule> triggered;
  std::vector<UnassessedRule> not_assessed;
  /// Every field the not-assessed rules are missing, once each, in rule order (most urgent
  /// rule first). Non-empty ⇒ never self_care and the program is withheld.
  std::vector<UnansweredQuestion> unanswered;
  std::vector<std::string> notes;  ///< e.g. rules that do not apply (pregnancy)
  bool program_withheld = false;
  std::string message;  ///< plain-language summary for the person

  /// Cleared for self-care: no rule fired and every red-flag question needed was answered.
  bool cleared() const { return level == TriageLevel::SelfCare; }
};

Triage triage(const ScreeningRecord& record);

}  // namespace kinchain::screen
