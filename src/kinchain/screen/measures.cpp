#include "kinchain/screen/measures.hpp"

#include "kinchain/screen/clinical_thresholds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace kinchain::screen {

namespace {

constexpr double kPercent = 100.0;  // not a clinical number: converts a fraction to %

using CutoffChooser = std::function<std::optional<std::string_view>(const ScreeningRecord&)>;

CutoffChooser fixed(std::string_view id) {
  return [id](const ScreeningRecord&) { return std::optional<std::string_view>(id); };
}
const CutoffChooser kNone = [](const ScreeningRecord&) {
  return std::optional<std::string_view>();
};

struct MeasureSpec {
  TestDefinition definition;
  CutoffChooser low_cutoff = kNone;
  CutoffChooser high_cutoff = kNone;
  std::string_view asymmetry_absolute_id;  ///< |L − R| rule, in the test unit
  std::string_view asymmetry_percent_id;   ///< % rule
  std::function<std::string(const ScreeningRecord&)> norm;
  std::string_view caution;
};

std::string constantText(std::string_view id) {
  const auto& constant = clinicalConstant(id);
  return fmt::format("{} {} {} — {}; {} [grade {}]{}{}", comparisonSymbol(constant.flag_when),
                     constant.value, constant.unit, constant.meaning, constant.citation,
                     constant.grade, constant.label.empty() ? "" : " ", constant.label);
}

std::string normOf(std::string_view id) {
  const auto& constant = clinicalConstant(id);
  return fmt::format("{} {} ({}; {})", constant.value, constant.unit, constant.meaning,
                     constant.citation);
}

std::optional<std::string_view> akeCutoff(const ScreeningRecord& record) {
  if (record.sex == "male") return "ake.tight_male";
  if (record.sex == "female") return "ake.tight_female";
  return "ake.tight_classic";
}

std::optional<std::string_view> nordicCutoff(const ScreeningRecord& record) {
  if (record.sport == "soccer" || record.sport == "football") return "nordic.soccer";
  return "nordic.afl_preseason_start";
}

std::string heelRiseNormText(const ScreeningRecord& record) {
  std::string text;
  if (record.age_years && record.sex && (*record.sex == "male" || *record.sex == "female")) {
    if (const auto norm = heelRiseNormForAge(*record.age_years)) {
      text = fmt::format("age/sex norm ≈ {} reps — ",
                         *record.sex == "male" ? norm->male_reps : norm->female_reps);
    }
  }
  if (text.empty())
    text = "age/sex norm not looked up (age or sex missing, or age outside the table) — ";
  return text + std::string(heelRiseNormCitation());
}

const std::vector<MeasureSpec>& measureSpecs() {
  static const std::vector<MeasureSpec> specs = {
      {{"knee_to_wall_cm", "Weight-bearing lunge, knee-to-wall distance", "cm", "knee_to_wall.mdc",
        ""},
       fixed("knee_to_wall.restricted"),
       kNone,
       "knee_to_wall.asymmetry",
       "",
       [](const ScreeningRecord&) {
         return fmt::format("{} ± {} cm (Hoch & McKeon 2011)",
                            thresholdValue("knee_to_wall.norm_mean"),
                            thresholdValue("knee_to_wall.norm_sd"));
       },
       "Declines with age; symmetry cannot be assumed in healthy people (Rabin 2015)."},
      {{"lunge_angle_deg", "Weight-bearing lunge, tibial angle", "deg", "lunge_angle.mdc", ""},
       fixed("lunge_angle.restricted"),
       kNone,
       "",
       "",
       [](const ScreeningRecord&) { return normOf("lunge_angle.norm_mean"); },
       "The cut-off comes from junior basketball players (patellar tendinopathy risk)."},
      {{"first_mtp_dorsiflexion_deg", "First MTP (big-toe) dorsiflexion", "deg", "",
        "no MDC found for first-MTP dorsiflexion [unverified] (clinical.md §1.2)"},
       fixed("first_mtp.limitus"),
       kNone,
       "",
       "",
       [](const ScreeningRecord&) { return normOf("first_mtp.used_in_walking"); },
       "Record whether passive non-weight-bearing, passive weight-bearing or active; they differ."},
      {{"navicular_drop_mm", "Navicular drop", "mm", "",
        "test–retest agreement only fair; no MDC (clinical.md §1.3)"},
       fixed("navicular_drop.rigid"),
       fixed("navicular_drop.excessive"),
       "",
       "",
       [](const ScreeningRecord&) {
         return fmt::format("healthy means {}–{} mm (clinical.md §1.3)",
                            thresholdValue("navicular_drop.healthy_mean_low"),
                            thresholdValue("navicular_drop.healthy_mean_high"));
       },
       "Low confidence: static foot posture is a descriptor, not a cause (clinical.md, general "
       "caveats)."},
      {{"foot_posture_index", "Foot Posture Index (FPI-6)", "score", "",
        "no MDC published (clinical.md §1.4)"},
       fixed("fpi.supinated"),
       fixed("fpi.pronated"),
       "",
       "",
       [](const ScreeningRecord&) { return normOf("fpi.norm_mean"); },
       "Static foot posture predicts dynamic motion and injury only weakly (clinical.md, general "
       "caveats)."},
      {{"active_knee_extension_deg", "Active knee extension (degrees short of straight)", "deg",
        "ake.mdc", ""},
       kNone,
       akeCutoff,
       "",
       "",
       [](const ScreeningRecord& record) {
         if (record.sex == "female") return normOf("ake.norm_female_mean");
         return normOf("ake.norm_male_mean");
       },
       "Perceived tightness is often neural rather than muscle length (Kuilart 2005)."},
      {{"straight_leg_raise_deg", "Passive straight-leg raise", "deg", "slr.mdc", ""},
       fixed("slr.restricted"),
       kNone,
       "",
       "",
       [](const ScreeningRecord&) {
         return fmt::format(
             "{}–{}° commonly quoted; highly variable as a neurodynamic test "
             "(clinical.md §1.6)",
             thresholdValue("slr.norm_low"), thresholdValue("slr.norm_high"));
       },
       "Depends on the other hip's position, active vs passive and trial number; store the "
       "method."},
      {{"calf_raise_reps", "Single-leg heel-rise endurance", "reps", "calf_raise.mdc", ""},
       fixed("calf_raise.low"),
       kNone,
       "",
       "calf_raise.asymmetry",
       heelRiseNormText,
       "Reps ignore heel height; total work is more robust (clinical.md §1.7)."},
      {{"single_leg_balance_s", "Single-leg balance", "s", "",
        "no MDC published for single-leg stance time"},
       kNone,
       kNone,
       "",
       "",
       [](const ScreeningRecord&) {
         return std::string("per-age norms (Springer 2007) not verified; no validated cut-off");
       },
       "Protocol: barefoot, arms crossed, free foot at ankle height, best of three."},
      {{"nordic_force_n", "Nordic hamstring eccentric force", "N", "nordic.mdc", ""},
       kNone,
       kNone,
       "",
       "nordic.imbalance",
       [](const ScreeningRecord&) {
         return fmt::format(
             "research reference lines {} / {} N (AFL), {} N (soccer) — sport- and "
             "device-specific, they contradict each other",
             thresholdValue("nordic.afl_preseason_start"),
             thresholdValue("nordic.afl_preseason_end"), thresholdValue("nordic.soccer"));
       },
       "Reference lines, not diagnostic thresholds; imbalance evidence conflicts (rugby yes, AFL "
       "no)."},
  };
  return specs;
}

SideMeasure assessSide(const MeasureSpec& spec, const ScreeningRecord& record,
                       std::optional<double> value) {
  SideMeasure side;
  side.value = value;
  if (!value) return side;
  const auto low = spec.low_cutoff(record);
  const auto high = spec.high_cutoff(record);
  if (!low && !high) {
    side.flag = MeasureFlag::NoCutoff;
    side.flag_text = "no validated cut-off";
    return side;
  }
  side.flag = MeasureFlag::Within;
  side.flag_text = "within the reference line";
  std::vector<std::string> ids;
  for (const auto& [id, flag] :
       {std::pair{low, MeasureFlag::Low}, std::pair{high, MeasureFlag::High}}) {
    if (!id) continue;
    ids.emplace_back(*id);
    const auto& constant = clinicalConstant(*id);
    if (isFlagged(constant, *value)) {
      side.flag = flag;
      side.flag_text =
          fmt::format("{} {} {} {}: {} ({}){}{}", *value, comparisonSymbol(constant.flag_when),
                      constant.value, constant.unit, constant.meaning, constant.citation,
                      constant.label.empty() ? "" : " ", constant.label);
    }
  }
  side.cutoff_ids = fmt::format("{}", fmt::join(ids, ","));
  return side;
}

Asymmetry assessAsymmetry(const MeasureSpec& spec, const Bilateral& values) {
  Asymmetry asymmetry;
  if (!values.left || !values.right) {
    asymmetry.text = "needs both sides";
    return asymmetry;
  }
  const double left = *values.left;
  const double right = *values.right;
  asymmetry.difference = left - right;
  if (left != right) asymmetry.lower_side = left < right ? Side::Left : Side::Right;
  const double larger = std::max(std::abs(left), std::abs(right));
  if (larger > 0) {
    asymmetry.percent = (1.0 - std::min(std::abs(left), std::abs(right)) / larger) * kPercent;
  }
  if (!spec.asymmetry_absolute_id.empty()) {
    const auto& constant = clinicalConstant(spec.asymmetry_absolute_id);
    asymmetry.flagged = isFlagged(constant, std::abs(left - right));
    asymmetry.text = fmt::format("|L − R| = {:.1f} {}; flagged when {}", std::abs(left - right),
                                 constant.unit, constantText(spec.asymmetry_absolute_id));
  } else if (!spec.asymmetry_percent_id.empty() && asymmetry.percent) {
    const auto& constant = clinicalConstant(spec.asymmetry_percent_id);
    asymmetry.flagged = isFlagged(constant, *asymmetry.percent);
    asymmetry.text = fmt::format("asymmetry {:.1f}%; flagged when {}", *asymmetry.percent,
                                 constantText(spec.asymmetry_percent_id));
  } else {
    asymmetry.text = "no validated asymmetry cut-off; difference shown only";
  }
  return asymmetry;
}

std::string cutoffText(const MeasureSpec& spec, const ScreeningRecord& record) {
  std::vector<std::string> parts;
  if (const auto low = spec.low_cutoff(record)) parts.push_back(constantText(*low));
  if (const auto high = spec.high_cutoff(record)) parts.push_back(constantText(*high));
  if (parts.empty()) return "no validated cut-off";
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace

std::string_view measureFlagName(MeasureFlag flag) {
  switch (flag) {
    case MeasureFlag::Missing:
      return "missing";
    case MeasureFlag::NoCutoff:
      return "no_cutoff";
    case MeasureFlag::Within:
      return "within";
    case MeasureFlag::Low:
      return "low";
    case MeasureFlag::High:
      return "high";
  }
  return "missing";
}

const std::vector<TestDefinition>& testDefinitions() {
  static const std::vector<TestDefinition> definitions = [] {
    std::vector<TestDefinition> result;
    for (const auto& spec : measureSpecs())
      result.push_back(spec.definition);
    return result;
  }();
  return definitions;
}

const Measure* Measures::find(std::string_view test) const {
  for (const auto& measure : tests) {
    if (measure.test == test) return &measure;
  }
  return nullptr;
}

MeasureFlag Measures::flag(std::string_view test, Side side) const {
  const Measure* measure = find(test);
  return measure ? measure->at(side).flag : MeasureFlag::Missing;
}

Measures assessMeasures(const ScreeningRecord& record) {
  Measures measures;
  for (const auto& spec : measureSpecs()) {
    const auto found = record.tests.find(spec.definition.name);
    if (found == record.tests.end()) {
      measures.not_assessed.push_back(std::string(spec.definition.name) + ": not recorded");
      continue;
    }
    Measure measure;
    measure.test = spec.definition.name;
    measure.title = spec.definition.title;
    measure.unit = spec.definition.unit;
    measure.norm = spec.norm(record);
    measure.caution = spec.caution;
    // The Nordic cut-off depends on the sport; other tests have fixed choosers.
    MeasureSpec chosen = spec;
    if (spec.definition.name == "nordic_force_n") chosen.low_cutoff = nordicCutoff;
    measure.cutoff = cutoffText(chosen, record);
    if (spec.definition.name == "nordic_force_n" && record.sport != "soccer" &&
        record.sport != "football" && record.sport != "australian_football") {
      measure.cutoff += " (AFL reference line used; not validated for this sport)";
    }
    measure.left = assessSide(chosen, record, found->second.left);
    measure.right = assessSide(chosen, record, found->second.right);
    measure.asymmetry = assessAsymmetry(chosen, found->second);
    measures.tests.push_back(std::move(measure));
  }
  measures.hop_lsi_percent = record.hop_lsi_percent;
  if (record.hop_lsi_percent) {
    const auto& constant = clinicalConstant("hop_lsi.low");
    measures.hop_lsi_text =
        fmt::format("{}% — {} when {}", *record.hop_lsi_percent,
                    isFlagged(constant, *record.hop_lsi_percent) ? "flagged" : "not flagged",
                    constantText("hop_lsi.low"));
  } else {
    measures.not_assessed.emplace_back("hop_lsi_percent: not recorded");
  }
  measures.questionnaires = scoreQuestionnaires(record);
  return measures;
}

}  // namespace kinchain::screen
