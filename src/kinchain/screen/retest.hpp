#pragma once
// Re-test: compares the current record with an earlier one. A test change is labelled "real"
// only when it exceeds the test's minimal detectable change (MDC) from the constants table;
// smaller changes are "within measurement error"; tests without a published MDC are
// "no published MDC" and not labelled. Questionnaire changes are compared with their minimal
// clinically important difference (MCID), pain (0–10) with its MCID.

#include "kinchain/screen/measures.hpp"
#include "kinchain/screen/screening_record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kinchain::screen {

enum class ChangeLabel { Real, WithinError, NoPublishedMdc, Important, NotImportant };
std::string_view changeLabelName(ChangeLabel label);

struct MeasureChange {
  std::string test;
  std::string side;  ///< "left", "right" or "" for single-value items
  std::string unit;
  double previous = 0;
  double current = 0;
  double change = 0;                ///< current − previous
  std::optional<double> threshold;  ///< MDC or MCID used
  ChangeLabel label = ChangeLabel::NoPublishedMdc;
  std::string source;  ///< citation of the MDC / MCID, or why none
};

struct Retest {
  std::vector<MeasureChange> tests;
  std::vector<MeasureChange> questionnaires;
  std::vector<std::string> not_compared;  ///< items present in only one of the two
  std::string note;
};

Retest compareWithPrevious(const ScreeningRecord& previous, const Measures& previous_measures,
                           const ScreeningRecord& current, const Measures& current_measures);

}  // namespace kinchain::screen
