// Questionnaire scoring against the published scoring rules (clinical.md §4): FAAM % of the
// maximum over answered items with a minimum-answered rule, LEFS sum /80, VISA-A sum /100.
// Expected values are hand-computed from those rules.

#include <gtest/gtest.h>

#include "kinchain/screen/questionnaires.hpp"

namespace {

using namespace kinchain::screen;

std::vector<std::optional<double>> items(std::size_t count, double value) {
  return std::vector<std::optional<double>>(count, value);
}

const QuestionnaireScore& scoreOf(const std::vector<QuestionnaireScore>& scores,
                                  const std::string& name) {
  for (const auto& score : scores) {
    if (score.name == name) return score;
  }
  throw std::runtime_error("no score " + name);
}

TEST(ScreenQuestionnaires, FaamAdlIsPercentOfAnsweredMaximum) {
  ScreeningRecord record;
  record.questionnaires["faam_adl"] = items(21, 4);
  EXPECT_DOUBLE_EQ(*scoreOf(scoreQuestionnaires(record), "faam_adl").score, 100.0);
  // 19 of 21 answered, all 3: 57 / (4 × 19) = 75 %.
  auto answers = items(21, 3);
  answers[0].reset();
  answers[20].reset();
  record.questionnaires["faam_adl"] = answers;
  const auto scores = scoreQuestionnaires(record);
  const auto& score = scoreOf(scores, "faam_adl");
  EXPECT_DOUBLE_EQ(*score.score, 75.0);
  EXPECT_EQ(score.answered, 19U);
  // 18 answered: below the ≥ 19 rule, not scored.
  answers[1].reset();
  record.questionnaires["faam_adl"] = answers;
  EXPECT_FALSE(scoreOf(scoreQuestionnaires(record), "faam_adl").score);
  EXPECT_FALSE(scoreOf(scoreQuestionnaires(record), "faam_adl").not_scored_reason.empty());
}

TEST(ScreenQuestionnaires, FaamSportNeedsSevenOfEight) {
  ScreeningRecord record;
  auto answers = items(8, 2);
  answers[7].reset();
  record.questionnaires["faam_sport"] = answers;  // 14 / (4 × 7) = 50 %
  EXPECT_DOUBLE_EQ(*scoreOf(scoreQuestionnaires(record), "faam_sport").score, 50.0);
  answers[6].reset();
  record.questionnaires["faam_sport"] = answers;
  EXPECT_FALSE(scoreOf(scoreQuestionnaires(record), "faam_sport").score);
}

TEST(ScreenQuestionnaires, LefsIsTheSumOutOfEighty) {
  ScreeningRecord record;
  auto answers = items(20, 3);
  answers[0] = 0;
  record.questionnaires["lefs"] = answers;  // 19 × 3 = 57
  const auto scores = scoreQuestionnaires(record);
  const auto& score = scoreOf(scores, "lefs");
  EXPECT_DOUBLE_EQ(*score.score, 57.0);
  EXPECT_DOUBLE_EQ(score.maximum, 80.0);
  answers[5].reset();
  record.questionnaires["lefs"] = answers;
  EXPECT_FALSE(scoreOf(scoreQuestionnaires(record), "lefs").score);
}

TEST(ScreenQuestionnaires, VisaAIsTheSumOutOfHundredWithRecoveryLine) {
  ScreeningRecord record;
  record.questionnaires["visa_a"] = {10, 10, 10, 10, 10, 10, 10, 30};
  const auto full_scores = scoreQuestionnaires(record);
  const auto& full = scoreOf(full_scores, "visa_a");
  EXPECT_DOUBLE_EQ(*full.score, 100.0);
  EXPECT_DOUBLE_EQ(full.maximum, 100.0);
  EXPECT_NE(full.interpretation.find("recovered"), std::string::npos);
  record.questionnaires["visa_a"] = {6, 5, 6, 5, 7, 5, 6, 10};  // 50, below 90
  const auto partial_scores = scoreQuestionnaires(record);
  const auto& partial = scoreOf(partial_scores, "visa_a");
  EXPECT_DOUBLE_EQ(*partial.score, 50.0);
  EXPECT_NE(partial.interpretation.find("not recovered"), std::string::npos);
}

}  // namespace
