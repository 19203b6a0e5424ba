#include "kinchain/screen/retest.hpp"

#include "kinchain/screen/clinical_thresholds.hpp"

#include <fmt/format.h>

#include <cmath>

namespace kinchain::screen {

namespace {

MeasureChange compareTest(const TestDefinition& definition, std::string side, double previous,
                          double current) {
  MeasureChange change{std::string(definition.name),
                       std::move(side),
                       std::string(definition.unit),
                       previous,
                       current,
                       current - previous,
                       std::nullopt,
                       ChangeLabel::NoPublishedMdc,
                       std::string(definition.no_mdc_reason)};
  if (definition.mdc_id.empty()) return change;
  const auto& mdc = clinicalConstant(definition.mdc_id);
  change.threshold = mdc.value;
  // "Real" needs the change to exceed the MDC (clinical.md caveat 2).
  change.label = std::abs(change.change) > mdc.value ? ChangeLabel::Real : ChangeLabel::WithinError;
  change.source = fmt::format("MDC {} {} — {} [grade {}]{}{}", mdc.value, mdc.unit, mdc.citation,
                              mdc.grade, mdc.label.empty() ? "" : " ", mdc.label);
  return change;
}

MeasureChange compareScore(std::string name, std::string unit, double previous, double current,
                           std::string_view mcid_id) {
  const auto& mcid = clinicalConstant(mcid_id);
  MeasureChange change{std::move(name),    "",         std::move(unit),           previous, current,
                       current - previous, mcid.value, ChangeLabel::NotImportant, ""};
  change.label =
      std::abs(change.change) >= mcid.value ? ChangeLabel::Important : ChangeLabel::NotImportant;
  change.source =
      fmt::format("MCID {} {} — {} [grade {}]", mcid.value, mcid.unit, mcid.citation, mcid.grade);
  return change;
}

}  // namespace

std::string_view changeLabelName(ChangeLabel label) {
  switch (label) {
    case ChangeLabel::Real:
      return "real_change";
    case ChangeLabel::WithinError:
      return "within_measurement_error";
    case ChangeLabel::NoPublishedMdc:
      return "no_published_mdc";
    case ChangeLabel::Important:
      return "clinically_important";
    case ChangeLabel::NotImportant:
      return "below_mcid";
  }
  return "no_published_mdc";
}

Retest compareWithPrevious(const ScreeningRecord& previous, const Measures& previous_measures,
                           const ScreeningRecord& current, const Measures& current_measures) {
  Retest retest;
  retest.note =
      "A test change counts as real only beyond the test's minimal detectable change (MDC); "
      "questionnaire changes are compared with their minimal clinically important difference "
      "(MCID). Changes within measurement error should be read as 'no change'.";
  for (const auto& definition : testDefinitions()) {
    for (const Side side : kBothSides) {
      const auto before = previous.test(definition.name, side);
      const auto now = current.test(definition.name, side);
      if (before && now) {
        retest.tests.push_back(compareTest(definition, std::string(sideName(side)), *before, *now));
      } else if (before || now) {
        retest.not_compared.push_back(fmt::format("{} {}: only in the {} record", definition.name,
                                                  sideName(side), before ? "earlier" : "current"));
      }
    }
  }
  for (const auto& now : current_measures.questionnaires) {
    for (const auto& before : previous_measures.questionnaires) {
      if (before.name != now.name) continue;
      if (before.score && now.score) {
        retest.questionnaires.push_back(
            compareScore(now.name, now.unit, *before.score, *now.score, now.mcid_id));
      } else {
        retest.not_compared.push_back(now.name + ": not scored in both records");
      }
    }
  }
  if (previous.hop_lsi_percent && current.hop_lsi_percent) {
    retest.tests.push_back(
        {"hop_lsi_percent", "", "%", *previous.hop_lsi_percent, *current.hop_lsi_percent,
         *current.hop_lsi_percent - *previous.hop_lsi_percent, std::nullopt,
         ChangeLabel::NoPublishedMdc, "no hop-test MDC found (clinical.md §8 gaps)"});
  }
  if (previous.pain_now && current.pain_now) {
    retest.questionnaires.push_back(
        compareScore("pain_now", "points", *previous.pain_now, *current.pain_now, "pain.mcid"));
  }
  return retest;
}

}  // namespace kinchain::screen
