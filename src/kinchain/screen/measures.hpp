#pragma once
// Each clinical test against its norm and cut-off (clinical.md §1 and §7), per side, plus the
// left–right asymmetry and the questionnaire scores. Cut-offs are research reference lines
// from specific populations, not diagnostic thresholds: every flag carries its source,
// evidence grade and population, and a test without a validated cut-off says so.
//
// Asymmetry: absolute difference |L − R| in the test's unit; percentage asymmetry
// (1 − smaller ÷ larger) × 100, used where the source states a % rule (heel raises, Nordic).

#include "kinchain/screen/questionnaires.hpp"
#include "kinchain/screen/screening_record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kinchain::screen {

/// Which way a side's value was flagged.
enum class MeasureFlag { Missing, NoCutoff, Within, Low, High };
std::string_view measureFlagName(MeasureFlag flag);

struct SideMeasure {
  std::optional<double> value;
  MeasureFlag flag = MeasureFlag::Missing;
  std::string flag_text;   ///< e.g. "below 36.5 deg (restricted)" or "no validated cut-off"
  std::string cutoff_ids;  ///< clinical constants used, comma separated
};

struct Asymmetry {
  std::optional<double> difference;  ///< left − right, in the test's unit
  std::optional<double> percent;     ///< (1 − smaller/larger) × 100 where the source uses %
  bool flagged = false;              ///< beyond the source's asymmetry threshold
  std::optional<Side> lower_side;    ///< side with the smaller value (if values differ)
  std::string text;                  ///< explanation with threshold and source, or "no cut-off"
};

struct Measure {
  std::string test;   ///< record name, e.g. "knee_to_wall_cm"
  std::string title;  ///< e.g. "Weight-bearing lunge (knee-to-wall) distance"
  std::string unit;
  std::string norm;     ///< norm text with source
  std::string cutoff;   ///< cut-off text with source, grade and label
  std::string caution;  ///< population / reliability caveat
  SideMeasure left;
  SideMeasure right;
  Asymmetry asymmetry;
  const SideMeasure& at(Side side) const { return side == Side::Left ? left : right; }
};

struct Measures {
  std::vector<Measure> tests;  ///< in protocol order; a test absent from the record is absent
  std::optional<double> hop_lsi_percent;
  std::string hop_lsi_text;
  std::vector<QuestionnaireScore> questionnaires;
  std::vector<std::string> not_assessed;  ///< tests with no value at all

  const Measure* find(std::string_view test) const;
  /// Flag of a test on one side; Missing when the test is absent.
  MeasureFlag flag(std::string_view test, Side side) const;
};

Measures assessMeasures(const ScreeningRecord& record);

/// Record test names in protocol order, with their units (for forms and re-test).
struct TestDefinition {
  std::string_view name;
  std::string_view title;
  std::string_view unit;
  std::string_view mdc_id;  ///< clinical constant id of its MDC, empty if none published
  std::string_view no_mdc_reason;
};
const std::vector<TestDefinition>& testDefinitions();

}  // namespace kinchain::screen
