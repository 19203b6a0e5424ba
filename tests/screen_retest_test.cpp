// Re-test labels: a change is "real" only beyond the test's MDC (clinical.md caveat 2 and §7),
// questionnaire changes against their MCID. Expected labels follow from the published MDC /
// MCID values: knee-to-wall 1.9 cm (Powden 2015), Nordic 76.2 N (Opar 2013), VISA-A 14 points.

#include <gtest/gtest.h>

#include "kinchain/screen/screen_pipeline.hpp"

namespace {

using namespace kinchain::screen;
using nlohmann::json;

ReadRecord recordWith(double knee_to_wall_right, double nordic_right, double fpi_right,
                      const json& visa_a) {
  json record = {{"format", "kinchain.screen/1"},
                 {"tests",
                  {{"knee_to_wall_cm", {{"right", knee_to_wall_right}}},
                   {"nordic_force_n", {{"right", nordic_right}}},
                   {"foot_posture_index", {{"right", fpi_right}}}}},
                 {"questionnaires", {{"visa_a", visa_a}}}};
  return readScreeningRecordDocument(record, "r.json");
}

const MeasureChange& changeOf(const std::vector<MeasureChange>& changes, const std::string& item) {
  for (const auto& change : changes) {
    if (change.test == item) return change;
  }
  throw std::runtime_error("no change for " + item);
}

TEST(ScreenRetest, ChangesAreRealOnlyBeyondTheMdc) {
  const json visa_before = {6, 5, 6, 5, 7, 5, 6, 10};  // 50
  const json visa_small = {7, 6, 7, 6, 8, 6, 7, 13};   // 60: +10 < 14
  const json visa_large = {8, 7, 8, 7, 8, 7, 7, 13};   // 65: +15 ≥ 14
  const ReadRecord before = recordWith(7.0, 250, 6, visa_before);
  const ReadRecord within = recordWith(8.5, 300, 3, visa_small);  // +1.5 cm, +50 N
  const ReadRecord beyond = recordWith(9.5, 330, 3, visa_large);  // +2.5 cm, +80 N

  const ScreenResult small = runScreen(within, "now.json", {}, &before, "before.json");
  ASSERT_TRUE(small.retest);
  EXPECT_EQ(changeOf(small.retest->tests, "knee_to_wall_cm").label, ChangeLabel::WithinError);
  EXPECT_EQ(changeOf(small.retest->tests, "nordic_force_n").label, ChangeLabel::WithinError);
  EXPECT_EQ(changeOf(small.retest->tests, "foot_posture_index").label, ChangeLabel::NoPublishedMdc);
  EXPECT_EQ(changeOf(small.retest->questionnaires, "visa_a").label, ChangeLabel::NotImportant);

  const ScreenResult large = runScreen(beyond, "now.json", {}, &before, "before.json");
  const auto& knee_to_wall = changeOf(large.retest->tests, "knee_to_wall_cm");
  EXPECT_EQ(knee_to_wall.label, ChangeLabel::Real);
  EXPECT_DOUBLE_EQ(knee_to_wall.change, 2.5);
  EXPECT_DOUBLE_EQ(*knee_to_wall.threshold, 1.9);
  EXPECT_EQ(changeOf(large.retest->tests, "nordic_force_n").label, ChangeLabel::Real);
  EXPECT_EQ(changeOf(large.retest->questionnaires, "visa_a").label, ChangeLabel::Important);
}

TEST(ScreenRetest, PreviousResultFileIsAcceptedAsBaseline) {
  const ReadRecord before = recordWith(7.0, 250, 6, json::array({6, 5, 6, 5, 7, 5, 6, 10}));
  const ScreenResult first = runScreen(before, "before.json", {});
  const std::string result_text = screenResultToJson(first).dump();
  const ReadRecord baseline = readPreviousScreen(result_text, "before/screen.json");
  EXPECT_EQ(baseline.record.test("knee_to_wall_cm", Side::Right), 7.0);
}

}  // namespace
