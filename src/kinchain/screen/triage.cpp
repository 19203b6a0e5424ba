#include "kinchain/screen/triage.hpp"

#include "kinchain/screen/clinical_thresholds.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>

namespace kinchain::screen {

namespace {

using Kind = Condition::Kind;
using L = TriageLevel;

Condition yes(std::string_view field) {
  return {field, Kind::IsYes, {}, {}};
}
Condition no(std::string_view field) {
  return {field, Kind::IsNo, {}, {}};
}
Condition oneOf(std::string_view field, std::vector<std::string_view> values) {
  return {field, Kind::OneOf, std::move(values), {}};
}
Condition reaches(std::string_view field, std::string_view threshold_id) {
  return {field, Kind::ReachesThreshold, {}, threshold_id};
}

const std::vector<std::string_view> kOttawaAnkleZone = {"ankle"};
// Midfoot zone: the navicular and the base of the 5th metatarsal (ankle injuries are checked
// with both rules in practice).
const std::vector<std::string_view> kOttawaFootZone = {"ankle", "arch", "forefoot"};

std::vector<RedFlagRule> buildRules() {
  return {
      {"cauda_equina",
       L::Emergency,
       "possible cauda equina syndrome",
       "emergency referral within hours",
       "clinical.md §3.4 (BMJ Best Practice cauda equina; PMC3082683)",
       {},
       {},
       {yes("complaint.saddle_numbness"), yes("complaint.bladder_bowel_change")},
       {}},
      {"cold_pale_foot",
       L::Emergency,
       "cold or pale foot: possible neurovascular compromise",
       "emergency department now",
       "clinical.md §3.5 (NHS foot & ankle pathway; seattlefeet referral guidelines)",
       {},
       {yes("complaint.cold_or_pale_foot")},
       {},
       {}},
      {"ottawa_ankle",
       L::SameDay,
       "Ottawa ankle rule positive after an acute injury",
       "same-day doctor: X-ray decision to rule out fracture",
       "Ottawa ankle rules; Bachmann 2003 meta-analysis, clinical.md §3.1",
       {oneOf("complaint.onset", {"sudden"}), oneOf("complaint.region", kOttawaAnkleZone)},
       {},
       {yes("complaint.bone_tenderness_lateral_malleolus"),
        yes("complaint.bone_tenderness_medial_malleolus"), no("complaint.can_bear_weight_4_steps")},
       {yes("person.pregnant")}},
      {"ottawa_foot",
       L::SameDay,
       "Ottawa foot rule positive after an acute injury",
       "same-day doctor: X-ray decision to rule out fracture",
       "Ottawa ankle and foot rules; Bachmann 2003, clinical.md §3.1",
       {oneOf("complaint.onset", {"sudden"}), oneOf("complaint.region", kOttawaFootZone)},
       {},
       {yes("complaint.bone_tenderness_navicular"), yes("complaint.bone_tenderness_5th_metatarsal"),
        no("complaint.can_bear_weight_4_steps")},
       {yes("person.pregnant")}},
      {"achilles_rupture",
       L::SameDay,
       "suspected Achilles tendon rupture (calf-squeeze test positive)",
       "same-day doctor; do not treat as a sprain",
       "Maffulli 1998 (calf-squeeze / Thompson test), clinical.md §3.2",
       {oneOf("complaint.region", {"achilles", "calf", "heel", "ankle"})},
       {yes("complaint.positive_calf_squeeze_test")},
       {},
       {}},
      {"dvt_wells",
       L::SameDay,
       "calf swelling and tenderness with a Wells risk item: possible deep vein thrombosis",
       "urgent same-day medical review; no stretching or massage of the calf",
       "Wells criteria (dickyricky Wells chart; Thrombosis J 2015), clinical.md §3.3 software rule",
       {},
       {yes("complaint.calf_swelling_tenderness")},
       {yes("history.active_cancer"), yes("history.recent_surgery_or_immobilisation"),
        yes("history.previous_dvt")},
       {}},
      {"hot_swollen_joint",
       L::SameDay,
       "hot, red, swollen joint with fever: possible infection",
       "same-day doctor",
       "NHS foot & ankle pathway red flags (g-care.glos.nhs.uk), clinical.md §3.5",
       {},
       {yes("complaint.redness_warmth"), yes("complaint.swelling"), yes("complaint.fever")},
       {},
       {}},
      {"charcot_pattern",
       L::SameDay,
       "diabetes with numbness and a red, warm, swollen foot: possible active Charcot foot",
       "same-day doctor; offload and do not exercise the foot until assessed",
       "clinical.md §3.5 (Charcot: diabetes + neuropathy + red, warm, swollen foot)",
       {},
       {yes("person.diabetes"), yes("complaint.numbness_tingling"), yes("complaint.redness_warmth"),
        yes("complaint.swelling")},
       {},
       {}},
      {"no_improvement",
       L::Soon,
       "complaint present beyond the no-improvement duration",
       "see a clinician soon",
       "clinical.md §3.6 suggested tiers; kinetic-chain.md §3 (pain persisting despite rest)",
       {},
       {reaches("complaint.duration_days", "triage.no_improvement_days")},
       {},
       {}},
      {"limits_daily_life",
       L::Soon,
       "severe pain limiting daily life or sleep",
       "see a clinician soon",
       "kinetic-chain.md §3 (when to see a doctor)",
       {},
       {yes("complaint.limits_daily_life_or_sleep")},
       {},
       {}},
      {"swelling_redness_warmth",
       L::Soon,
       "swelling, redness or warmth",
       "see a clinician soon",
       "kinetic-chain.md §3 (when to see a doctor)",
       {},
       {},
       {yes("complaint.swelling"), yes("complaint.redness_warmth"),
        yes("complaint.calf_swelling_tenderness")},
       {}},
      {"numbness_tingling",
       L::Soon,
       "numbness or tingling",
       "see a clinician soon",
       "kinetic-chain.md §3 (when to see a doctor); clinical.md §3.4",
       {},
       {yes("complaint.numbness_tingling")},
       {},
       {}},
      {"difficulty_bearing_weight",
       L::Soon,
       "difficulty walking or bearing weight",
       "see a clinician soon (same day if after an injury, see Ottawa rules)",
       "kinetic-chain.md §3 (when to see a doctor)",
       {},
       {no("complaint.can_bear_weight_4_steps")},
       {},
       {}},
      {"new_pain_at_old_injury",
       L::Soon,
       "a past injury at the same site with a new kind of pain",
       "see a clinician soon",
       "kinetic-chain.md §3 (when to see a doctor)",
       {},
       {yes("complaint.previous_injury_same_site"), yes("complaint.pain_differs_from_before")},
       {},
       {}},
      {"night_pain",
       L::Soon,
       "night pain",
       "see a clinician soon",
       "clinical.md §3.5 and §3.6 (non-mechanical night pain; clinician soon)",
       {},
       {yes("complaint.night_pain")},
       {},
       {}},
  };
}

// The question behind each field a rule reads, as a clinician would ask it; the wording
// follows the sign each rule's source describes (clinical.md §3, kinetic-chain.md §3).
struct FieldQuestion {
  std::string_view field;
  std::string_view question;
};
constexpr FieldQuestion kRedFlagQuestions[] = {
    {"complaint.saddle_numbness",
     "Any numbness in the saddle area (between the legs, around the back passage)?"},
    {"complaint.bladder_bowel_change", "Any new change in bladder or bowel control?"},
    {"complaint.cold_or_pale_foot", "Is the foot cold or pale?"},
    {"complaint.onset", "Did the complaint start suddenly (an injury) or gradually?"},
    {"complaint.region", "Where is the complaint (heel, ankle, arch, calf, …)?"},
    {"complaint.bone_tenderness_lateral_malleolus",
     "Bone tenderness at the back edge or tip of the outer ankle bone (lateral malleolus)?"},
    {"complaint.bone_tenderness_medial_malleolus",
     "Bone tenderness at the back edge or tip of the inner ankle bone (medial malleolus)?"},
    {"complaint.bone_tenderness_navicular", "Bone tenderness at the navicular (inner midfoot)?"},
    {"complaint.bone_tenderness_5th_metatarsal",
     "Bone tenderness at the base of the fifth metatarsal (outer midfoot)?"},
    {"complaint.can_bear_weight_4_steps", "Can the person take four steps bearing weight?"},
    {"complaint.positive_calf_squeeze_test",
     "Calf-squeeze (Thompson) test: does squeezing the calf fail to point the foot down?"},
    {"complaint.calf_swelling_tenderness", "Is the calf swollen and tender?"},
    {"history.active_cancer", "Active cancer?"},
    {"history.recent_surgery_or_immobilisation",
     "Recent surgery, a cast or other immobilisation of the leg?"},
    {"history.previous_dvt", "A previous deep vein thrombosis?"},
    {"complaint.redness_warmth", "Is the painful area red or warm?"},
    {"complaint.swelling", "Is the painful area swollen?"},
    {"complaint.fever", "Fever?"},
    {"person.diabetes", "Diabetes?"},
    {"complaint.numbness_tingling", "Any numbness or tingling?"},
    {"complaint.duration_days", "How many days has the complaint lasted?"},
    {"complaint.limits_daily_life_or_sleep",
     "Is the pain severe enough to limit daily life or sleep?"},
    {"complaint.previous_injury_same_site", "A previous injury at the same site?"},
    {"complaint.pain_differs_from_before", "Is the pain a different kind from the earlier injury?"},
    {"complaint.night_pain", "Pain at night?"},
    {"person.pregnant", "Pregnant?"},
};

enum class Truth { Yes, No, Unknown };

std::optional<std::string> textField(const ScreeningRecord& record, std::string_view field) {
  if (field == "complaint.region") return record.region;
  if (field == "complaint.onset") return record.onset;
  if (field == "complaint.side") return record.complaint_side;
  if (field == "complaint.mechanism") return record.mechanism;
  if (field == "person.sex") return record.sex;
  throw std::logic_error("triage: no text field " + std::string(field));
}

std::optional<double> numberField(const ScreeningRecord& record, std::string_view field) {
  if (field == "complaint.duration_days") return record.duration_days;
  if (field == "complaint.pain_now") return record.pain_now;
  if (field == "complaint.pain_worst") return record.pain_worst;
  if (field == "person.age") return record.age_years;
  throw std::logic_error("triage: no number field " + std::string(field));
}

Truth evaluate(const ScreeningRecord& record, const Condition& condition, std::string& reason) {
  switch (condition.kind) {
    case Kind::IsYes:
    case Kind::IsNo: {
      const auto answer = record.answer(condition.field);
      if (!answer) return Truth::Unknown;
      const bool wanted = condition.kind == Kind::IsYes;
      reason = fmt::format("{} = {}", condition.field, *answer ? "yes" : "no");
      return *answer == wanted ? Truth::Yes : Truth::No;
    }
    case Kind::OneOf: {
      const auto text = textField(record, condition.field);
      if (!text) return Truth::Unknown;
      reason = fmt::format("{} = {}", condition.field, *text);
      return std::find(condition.values.begin(), condition.values.end(), *text) !=
                     condition.values.end()
                 ? Truth::Yes
                 : Truth::No;
    }
    case Kind::ReachesThreshold: {
      const auto number = numberField(record, condition.field);
      if (!number) return Truth::Unknown;
      const auto& constant = clinicalConstant(condition.threshold_id);
      reason = fmt::format("{} = {} ({} {} {} {} {})", condition.field, *number,
                           comparisonSymbol(constant.flag_when), constant.value, constant.unit,
                           constant.citation, constant.label);
      return isFlagged(constant, *number) ? Truth::Yes : Truth::No;
    }
  }
  return Truth::Unknown;
}

struct Outcome {
  Truth truth = Truth::Yes;
  std::vector<std::string> because;
  std::vector<std::string> missing;
  bool excluded = false;
};

Outcome evaluate(const ScreeningRecord& record, const RedFlagRule& rule) {
  Outcome outcome;
  std::string reason;
  for (const auto& condition : rule.unless) {
    if (evaluate(record, condition, reason) == Truth::Yes) {
      outcome.excluded = true;
      outcome.because.push_back(reason);
      outcome.truth = Truth::No;
      return outcome;
    }
  }
  const auto require = [&](const Condition& condition) {
    reason.clear();
    const Truth truth = evaluate(record, condition, reason);
    if (truth == Truth::No) outcome.truth = Truth::No;
    if (truth == Truth::Unknown) {
      if (outcome.truth == Truth::Yes) outcome.truth = Truth::Unknown;
      outcome.missing.emplace_back(condition.field);
    }
    if (truth == Truth::Yes) outcome.because.push_back(reason);
  };
  for (const auto& condition : rule.applies_when)
    require(condition);
  if (outcome.truth == Truth::No) return outcome;  // not applicable: nothing to report
  for (const auto& condition : rule.all_of)
    require(condition);
  if (!rule.any_of.empty() && outcome.truth != Truth::No) {
    bool any_yes = false;
    bool any_unknown = false;
    std::vector<std::string> unknown_fields;
    for (const auto& condition : rule.any_of) {
      reason.clear();
      const Truth truth = evaluate(record, condition, reason);
      if (truth == Truth::Yes) {
        any_yes = true;
        outcome.because.push_back(reason);
      }
      if (truth == Truth::Unknown) {
        any_unknown = true;
        unknown_fields.emplace_back(condition.field);
      }
    }
    if (!any_yes) {
      if (any_unknown) {
        if (outcome.truth == Truth::Yes) outcome.truth = Truth::Unknown;
        outcome.missing.insert(outcome.missing.end(), unknown_fields.begin(), unknown_fields.end());
      } else {
        outcome.truth = Truth::No;
      }
    }
  }
  return outcome;
}

}  // namespace

std::string_view triageLevelName(TriageLevel level) {
  switch (level) {
    case L::Emergency:
      return "emergency";
    case L::SameDay:
      return "same_day";
    case L::Soon:
      return "soon";
    case L::NotCleared:
      return "not_cleared";
    case L::SelfCare:
      return "self_care";
  }
  return "not_cleared";  // never claim "clear" for a value outside the enum
}

std::string_view triageAdvice(TriageLevel level) {
  switch (level) {
    case L::Emergency:
      return "Seek emergency care now. The exercise program is withheld: red-flag signs need "
             "medical assessment before any exercise.";
    case L::SameDay:
      return "See a doctor today. The exercise program is withheld until a doctor has assessed "
             "the red-flag signs below.";
    case L::Soon:
      return "Book a clinician soon (see the time frame below). The program below may be used "
             "meanwhile if it does not increase symptoms.";
    case L::NotCleared:
      return "Not cleared: red-flag questions are unanswered, so no red flag can be ruled out "
             "and self-care cannot be advised. The exercise program is withheld until they are "
             "answered.";
    case L::SelfCare:
      return "No red flag was found, and every red-flag question needed was answered. A "
             "self-managed program under clinician guidance is reasonable; return if symptoms "
             "change.";
  }
  return "";
}

bool withholdsProgram(TriageLevel level) {
  return level == L::Emergency || level == L::SameDay || level == L::NotCleared;
}

std::string_view redFlagQuestion(std::string_view field) {
  for (const auto& entry : kRedFlagQuestions) {
    if (entry.field == field) return entry.question;
  }
  throw std::logic_error("triage: no red-flag question for field " + std::string(field));
}

const std::vector<RedFlagRule>& redFlagRules() {
  static const std::vector<RedFlagRule> rules = buildRules();
  return rules;
}

Triage triage(const ScreeningRecord& record) {
  Triage result;
  for (const auto& rule : redFlagRules()) {
    const Outcome outcome = evaluate(record, rule);
    if (outcome.excluded) {
      result.notes.push_back(fmt::format(
          "{} not applied: the rule is not validated here ({}); the clinician decides on imaging",
          rule.id, fmt::join(outcome.because, ", ")));
      continue;
    }
    if (outcome.truth == Truth::Yes) {
      result.triggered.push_back({std::string(rule.id), rule.level, std::string(rule.title),
                                  std::string(rule.action), std::string(rule.source),
                                  outcome.because});
      result.level = std::max(result.level, rule.level);
    } else if (outcome.truth == Truth::Unknown) {
      result.not_assessed.push_back(
          {std::string(rule.id), std::string(rule.title), outcome.missing});
      for (const auto& field : outcome.missing) {
        const auto known = std::find_if(
            result.unanswered.begin(), result.unanswered.end(),
            [&](const UnansweredQuestion& question) { return question.field == field; });
        if (known != result.unanswered.end()) {
          known->needed_by.emplace_back(rule.id);
        } else {
          result.unanswered.push_back(
              {field, std::string(redFlagQuestion(field)), {std::string(rule.id)}});
        }
      }
    }
  }
  if (!result.unanswered.empty()) result.level = std::max(result.level, L::NotCleared);
  const auto& young = clinicalConstant("ottawa.thin_evidence_below_age");
  if (record.age_years && isFlagged(young, *record.age_years)) {
    result.notes.push_back(fmt::format(
        "Age {} years: evidence for the Ottawa rules below {} years is thin ({}); rely on "
        "clinical judgement for imaging.",
        *record.age_years, young.value, young.citation));
  }
  result.notes.push_back(
      "'Pain persisting beyond a few days despite rest' (kinetic-chain.md §3) has no number in "
      "the sources; the clinician should ask about it.");
  const bool unanswered = !result.unanswered.empty();
  result.program_withheld = withholdsProgram(result.level) || unanswered;
  // At 'soon' the usual advice offers the program meanwhile; not while questions are open.
  result.message = result.level == L::Soon && unanswered
                       ? std::string("Book a clinician soon (see the time frame below).")
                       : std::string(triageAdvice(result.level));
  if (result.level == L::Soon) {
    const auto& upper = clinicalConstant("triage.soon_weeks_max");
    result.message +=
        fmt::format(" Time frame: within {}–{} weeks ({}).",
                    thresholdValue("triage.soon_weeks_min"), upper.value, upper.citation);
  }
  if (unanswered) {
    std::vector<std::string> asks;
    for (const auto& question : result.unanswered)
      asks.push_back(fmt::format("{} ({})", question.question, question.field));
    if (result.level == L::Soon) {
      result.message += fmt::format(
          " Not cleared for the self-managed program: {} red-flag question(s) are unanswered, "
          "and the program is withheld until they are answered.",
          result.unanswered.size());
    } else if (result.level != L::NotCleared) {
      result.message +=
          fmt::format(" {} further red-flag question(s) are unanswered; ask them too.",
                      result.unanswered.size());
    }
    result.message +=
        fmt::format(" Ask these {} question(s): {}", asks.size(), fmt::join(asks, "; "));
  }
  return result;
}

}  // namespace kinchain::screen
