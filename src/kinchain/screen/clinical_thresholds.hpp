#pragma once
// THE single table of clinical numbers used by the screening workflow: cut-offs, norms,
// measurement error (MDC), clinically important change (MCID), questionnaire scoring
// constants and exercise doses. Every entry carries its value, unit, citation (author, year),
// source line and evidence grade from ../shared/research/clinical.md, plus the file's
// [derived] / [unverified] / [convention] label where it applies. No other screening source
// file contains a clinical number (ScreenThresholds.NoClinicalNumberOutsideTheTable in
// tests/screen_thresholds_test.cpp scans for them). The record schema's plausibility limits
// (what a body can reach) are not clinical cut-offs; each cites its source in the schema.
//
// Evidence grades (clinical.md): A = systematic review / meta-analysis or large cohort;
// B = single prospective cohort or RCT; C = cross-sectional, convention or secondary source.

#include <optional>
#include <span>
#include <string_view>

namespace kinchain::screen {

/// How a measured value is compared with a cut-off; the direction is part of the data so the
/// table states exactly what "flagged" means (e.g. "< 36.5°" vs "≥ +6").
enum class Comparison { None, Below, AtOrBelow, Above, AtOrAbove };

struct ClinicalConstant {
  std::string_view id;        ///< stable key, e.g. "knee_to_wall.restricted"
  double value;               ///< in `unit`
  std::string_view unit;      ///< "cm", "deg", "mm", "N", "%", "reps", "points", "items", "days"
  Comparison flag_when;       ///< for cut-offs: a value flags when `value flag_when threshold`
  std::string_view meaning;   ///< what the number is, in words
  std::string_view citation;  ///< author, year (and population)
  std::string_view source;    ///< the web address given in clinical.md
  std::string_view grade;     ///< evidence grade A/B/C as in clinical.md
  std::string_view label;     ///< "", "[derived]", "[unverified]", "[convention]", ...
};

/// Approximate single-leg heel-rise norms by age decade (Hébert-Losier 2017 as relayed by two
/// clinic pages that differ by ±1 rep; the lower value is kept). [unverified]
struct HeelRiseNorm {
  double age_from_years;            ///< inclusive
  std::optional<double> age_below;  ///< exclusive; empty = open-ended
  double male_reps;
  double female_reps;
};

/// A published dose for one exercise. Fields are text because published doses are ranges
/// and ramps ("2–4", "3×15RM → 4×6RM"); an empty field means the source gives no number.
struct ExerciseDose {
  std::string_view exercise_id;
  std::string_view sets;
  std::string_view reps;
  std::string_view hold;
  std::string_view tempo;
  std::string_view frequency;
  std::string_view duration;
  std::string_view citation;
  std::string_view source;
  std::string_view grade;
  std::string_view label;
};

/// All constants, in table order.
std::span<const ClinicalConstant> clinicalConstants();

/// The constant with this id. Throws std::logic_error for an unknown id (a programming error:
/// ids are compile-time names used by the rule tables).
const ClinicalConstant& clinicalConstant(std::string_view id);

/// `clinicalConstant(id).value`.
double thresholdValue(std::string_view id);

/// True when `measured` is flagged by the constant's comparison (None never flags).
bool isFlagged(const ClinicalConstant& constant, double measured);

/// Heel-rise norm row for an age, if the age falls in a row.
std::optional<HeelRiseNorm> heelRiseNormForAge(double age_years);
std::span<const HeelRiseNorm> heelRiseNorms();
std::string_view heelRiseNormCitation();

/// Dose table; throws std::logic_error for an unknown exercise id.
const ExerciseDose& exerciseDose(std::string_view exercise_id);
std::span<const ExerciseDose> exerciseDoses();

/// "<", "≤", ">", "≥" or "".
std::string_view comparisonSymbol(Comparison comparison);

}  // namespace kinchain::screen
