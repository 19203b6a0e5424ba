// Unanswered red-flag questions must never read as "no red flag". A record that leaves a
// question a red-flag rule needs unanswered is not cleared: triage is never self_care, the
// unanswered questions are listed in words with their field path, and the program is withheld
// until they are answered. A red flag that IS answered still sets the level. Every expectation
// follows the rule table (triage.cpp) and its sources (clinical.md §3), not a stored run.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "kinchain/report/screen_json_sections.hpp"
#include "kinchain/report/screen_report.hpp"
#include "kinchain/screen/screen_pipeline.hpp"
#include "test_paths.hpp"

namespace {

using namespace kinchain::screen;
using nlohmann::json;

ScreenResult screen(const json& record) {
  return runScreen(readScreeningRecordDocument(record, "record.json"), "record.json", {});
}

bool isUnanswered(const Triage& triage, const std::string& field) {
  return std::any_of(triage.unanswered.begin(), triage.unanswered.end(),
                     [&](const UnansweredQuestion& question) { return question.field == field; });
}

bool fired(const Triage& triage, const std::string& rule) {
  return std::any_of(triage.triggered.begin(), triage.triggered.end(),
                     [&](const TriggeredRule& triggered) { return triggered.id == rule; });
}

/// Every red-flag question answered with its "no red flag" answer, for a gradual heel
/// complaint of 20 days (below the 42-day no-improvement line, clinical_thresholds.cpp).
json allAnsweredNo() {
  return json::parse(R"({
    "format": "kinchain.screen/1",
    "person": {"age": 35, "sport": "running", "diabetes": false, "pregnant": false},
    "complaint": {
      "region": "heel", "side": "right", "onset": "gradual", "duration_days": 20,
      "swelling": false, "redness_warmth": false, "fever": false, "numbness_tingling": false,
      "saddle_numbness": false, "bladder_bowel_change": false, "night_pain": false,
      "calf_swelling_tenderness": false, "cold_or_pale_foot": false,
      "can_bear_weight_4_steps": true, "bone_tenderness_lateral_malleolus": false,
      "bone_tenderness_medial_malleolus": false, "bone_tenderness_navicular": false,
      "bone_tenderness_5th_metatarsal": false, "positive_calf_squeeze_test": false,
      "limits_daily_life_or_sleep": false, "previous_injury_same_site": false,
      "pain_differs_from_before": false
    },
    "history": {"recent_surgery_or_immobilisation": false, "active_cancer": false,
                "previous_dvt": false},
    "tests": {"knee_to_wall_cm": {"left": 12, "right": 7}}
  })");
}

TEST(ScreenTriageUnanswered, EmptyRecordIsNotClearedListsTheQuestionsAndWithholdsTheProgram) {
  const ScreenResult result = screen({{"format", "kinchain.screen/1"}});
  const Triage& triage = result.triage;
  EXPECT_EQ(triage.level, TriageLevel::NotCleared);
  EXPECT_FALSE(triage.cleared());
  EXPECT_TRUE(triage.triggered.empty());
  EXPECT_TRUE(triage.program_withheld);

  // The emergency questions of clinical.md §3.4–3.5 are among those listed, in words.
  for (const char* field : {"complaint.saddle_numbness", "complaint.bladder_bowel_change",
                            "complaint.cold_or_pale_foot", "complaint.calf_swelling_tenderness",
                            "complaint.positive_calf_squeeze_test", "complaint.night_pain"}) {
    EXPECT_TRUE(isUnanswered(triage, field)) << field;
    EXPECT_NE(triage.message.find(field), std::string::npos) << field;
  }
  ASSERT_FALSE(triage.unanswered.empty());
  EXPECT_EQ(triage.unanswered.front().field, "complaint.saddle_numbness");  // most urgent first
  EXPECT_NE(triage.unanswered.front().question.find("saddle"), std::string::npos);
  EXPECT_EQ(triage.unanswered.front().needed_by, std::vector<std::string>{"cauda_equina"});
  EXPECT_NE(triage.message.find("Not cleared"), std::string::npos) << triage.message;
  EXPECT_EQ(triage.message.find("No red flag was found"), std::string::npos) << triage.message;

  // No program; the reason says why and what to answer.
  const Program& program = result.program;
  EXPECT_TRUE(program.withheld);
  EXPECT_TRUE(program.phases.empty());
  EXPECT_NE(program.withheld_reason.find("unanswered"), std::string::npos);
  EXPECT_NE(program.withheld_reason.find("complaint.saddle_numbness"), std::string::npos);
  EXPECT_EQ(program.answer_first.size(), triage.unanswered.size());

  // screen.json and screen.html show the state, and not as "clear".
  const json document = screenResultToJson(result);
  EXPECT_EQ(document["triage"]["level"], "not_cleared");
  EXPECT_EQ(document["triage"]["cleared"], false);
  ASSERT_EQ(document["triage"]["unanswered_questions"].size(), triage.unanswered.size());
  EXPECT_EQ(document["triage"]["unanswered_questions"][0]["field"], "complaint.saddle_numbness");
  EXPECT_TRUE(document["program"]["withheld"].get<bool>());
  EXPECT_FALSE(document["program"]["answer_first"].empty());
  const std::string html = kinchain::report::renderScreenReport(result);
  EXPECT_NE(html.find("Not cleared"), std::string::npos);
  EXPECT_NE(html.find("class=\"level not_cleared\""), std::string::npos);
  EXPECT_EQ(html.find("class=\"level self_care\""), std::string::npos);
  EXPECT_NE(html.find("complaint.saddle_numbness"), std::string::npos);
}

TEST(ScreenTriageUnanswered, AnalysisReportSectionsShowTheStateFromScreenJson) {
  // The analysis report renders the screen from its JSON (kinchain analyze --screen).
  const json document = screenResultToJson(screen({{"format", "kinchain.screen/1"}}));
  const std::string triage = kinchain::report::screenTriageSection(document);
  EXPECT_NE(triage.find("Not cleared"), std::string::npos);
  EXPECT_NE(triage.find("complaint.saddle_numbness"), std::string::npos);
  EXPECT_NE(triage.find("class=\"level not_cleared\" style=\""), std::string::npos) << triage;
  const std::string program = kinchain::report::screenProgramSection(document);
  EXPECT_NE(program.find("Answer first"), std::string::npos);
  EXPECT_NE(program.find("complaint.saddle_numbness"), std::string::npos);
  EXPECT_EQ(program.find("<h3>"), std::string::npos);  // no phase is shown

  // The decided levels keep their stylesheet colours; an unknown level is not shown as clear.
  EXPECT_EQ(kinchain::report::triageLevelBadge("self_care"),
            "<span class=\"level self_care\">self_care</span>");
  EXPECT_NE(kinchain::report::triageLevelBadge("cleared?").find("style="), std::string::npos);
}

TEST(ScreenTriageUnanswered, AnsweredRedFlagStillSetsTheLevelWhenOthersAreUnanswered) {
  // Saddle numbness alone: cauda equina, emergency (clinical.md §3.4).
  const ScreenResult emergency =
      screen({{"format", "kinchain.screen/1"}, {"complaint", {{"saddle_numbness", true}}}});
  EXPECT_EQ(emergency.triage.level, TriageLevel::Emergency);
  EXPECT_TRUE(fired(emergency.triage, "cauda_equina"));
  EXPECT_FALSE(emergency.triage.unanswered.empty());
  EXPECT_TRUE(isUnanswered(emergency.triage, "complaint.cold_or_pale_foot"));
  EXPECT_FALSE(isUnanswered(emergency.triage, "complaint.bladder_bowel_change"));  // decided
  EXPECT_TRUE(emergency.program.withheld);
  EXPECT_NE(emergency.program.withheld_reason.find("emergency"), std::string::npos);

  // A positive calf-squeeze test at the Achilles: suspected rupture, same day (§3.2).
  const ScreenResult same_day =
      screen({{"format", "kinchain.screen/1"},
              {"complaint", {{"region", "achilles"}, {"positive_calf_squeeze_test", true}}}});
  EXPECT_EQ(same_day.triage.level, TriageLevel::SameDay);
  EXPECT_TRUE(fired(same_day.triage, "achilles_rupture"));
  EXPECT_FALSE(same_day.triage.unanswered.empty());

  // Night pain alone: clinician soon (§3.6), but with the rest unanswered the program that
  // 'soon' normally allows meanwhile is withheld.
  const ScreenResult soon =
      screen({{"format", "kinchain.screen/1"}, {"complaint", {{"night_pain", true}}}});
  EXPECT_EQ(soon.triage.level, TriageLevel::Soon);
  EXPECT_TRUE(fired(soon.triage, "night_pain"));
  EXPECT_TRUE(soon.triage.program_withheld);
  EXPECT_TRUE(soon.program.withheld);
  EXPECT_TRUE(soon.program.phases.empty());
  EXPECT_EQ(soon.triage.message.find("may be used meanwhile"), std::string::npos);
  EXPECT_NE(soon.triage.message.find("complaint.saddle_numbness"), std::string::npos);
}

TEST(ScreenTriageUnanswered, EveryQuestionAnsweredNoIsSelfCareWithAProgram) {
  const ScreenResult result = screen(allAnsweredNo());
  EXPECT_EQ(result.triage.level, TriageLevel::SelfCare);
  EXPECT_TRUE(result.triage.cleared());
  EXPECT_TRUE(result.triage.unanswered.empty());
  EXPECT_TRUE(result.triage.not_assessed.empty());
  EXPECT_FALSE(result.triage.program_withheld);
  EXPECT_FALSE(result.program.withheld);
  EXPECT_FALSE(result.program.phases.empty());  // knee-to-wall 7 cm: ankle mobility (F3)
  EXPECT_EQ(screenResultToJson(result)["triage"]["cleared"], true);
}

TEST(ScreenTriageUnanswered, OneMissingAnswerIsEnoughToWithholdClearance) {
  json record = allAnsweredNo();
  record["complaint"].erase("bladder_bowel_change");
  const ScreenResult result = screen(record);
  EXPECT_EQ(result.triage.level, TriageLevel::NotCleared);
  ASSERT_EQ(result.triage.unanswered.size(), 1U);
  EXPECT_EQ(result.triage.unanswered.front().field, "complaint.bladder_bowel_change");
  EXPECT_TRUE(result.program.withheld);
  EXPECT_NE(result.program.withheld_reason.find("complaint.bladder_bowel_change"),
            std::string::npos);
}

TEST(ScreenTriageUnanswered, QuestionsNoRuleNeedsAreNotAsked) {
  // Ottawa rules apply only after an acute injury (clinical.md §3.1): after a gradual onset
  // the bone-tenderness questions are not needed, so leaving them out still clears.
  json gradual = allAnsweredNo();
  for (const char* bone : {"bone_tenderness_lateral_malleolus", "bone_tenderness_medial_malleolus",
                           "bone_tenderness_navicular", "bone_tenderness_5th_metatarsal"})
    gradual["complaint"].erase(bone);
  EXPECT_EQ(screen(gradual).triage.level, TriageLevel::SelfCare);

  // After a sudden ankle injury they are needed.
  json sudden = gradual;
  sudden["complaint"]["onset"] = "sudden";
  sudden["complaint"]["region"] = "ankle";
  const Triage triage = screen(sudden).triage;
  EXPECT_EQ(triage.level, TriageLevel::NotCleared);
  EXPECT_TRUE(isUnanswered(triage, "complaint.bone_tenderness_lateral_malleolus"));
  EXPECT_TRUE(isUnanswered(triage, "complaint.bone_tenderness_navicular"));

  // Wells risk items matter only with calf swelling and tenderness (clinical.md §3.3).
  json no_history = allAnsweredNo();
  no_history.erase("history");
  EXPECT_EQ(screen(no_history).triage.level, TriageLevel::SelfCare);
  no_history["complaint"]["calf_swelling_tenderness"] = true;
  const Triage calf = screen(no_history).triage;
  EXPECT_EQ(calf.level, TriageLevel::Soon);  // swelling_redness_warmth fires
  EXPECT_TRUE(isUnanswered(calf, "history.active_cancer"));
  EXPECT_TRUE(calf.program_withheld);
}

TEST(ScreenTriageUnanswered, ExamplesAnswerEveryRedFlagQuestionTheyNeed) {
  // The bundled examples show a complete screen: each is cleared or fires a red flag on its
  // answers, never stopped by a question left open; without a red flag they get a program.
  const auto examples = std::filesystem::path(KINCHAIN_TEST_DATA_DIR).parent_path().parent_path() /
                        "examples/screening";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(examples)) {
    SCOPED_TRACE(entry.path().string());
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    const ScreenResult result = runScreen(readScreeningRecord(text.str(), entry.path().string()),
                                          entry.path().string(), {});
    ++count;
    EXPECT_TRUE(result.triage.unanswered.empty())
        << result.triage.unanswered.front().field << " unanswered";
    EXPECT_NE(result.triage.level, TriageLevel::NotCleared);
    if (result.triage.triggered.empty()) {
      EXPECT_FALSE(result.program.withheld);
      EXPECT_FALSE(result.program.phases.empty());
    }
  }
  EXPECT_GE(count, 3);
}

TEST(ScreenTriageUnanswered, EveryFieldARuleReadsHasAQuestionInWords) {
  for (const auto& rule : redFlagRules()) {
    for (const auto* conditions : {&rule.applies_when, &rule.all_of, &rule.any_of, &rule.unless}) {
      for (const auto& condition : *conditions) {
        EXPECT_NO_THROW(EXPECT_FALSE(redFlagQuestion(condition.field).empty()))
            << rule.id << ": " << condition.field;
      }
    }
  }
  EXPECT_THROW(redFlagQuestion("complaint.not_a_field"), std::logic_error);
}

}  // namespace
