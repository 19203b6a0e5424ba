// Vignette suite for the screening rules (tests/data/screen/vignettes.json): for every red-flag
// rule a case that must trigger it and a near miss that must not, for every finding a
// supporting and a non-supporting case, chain-vs-local stories, and program content that must
// follow the findings. Expectations are clinical (which rule / finding / block), derived from
// the cut-offs' sources, never from a stored run of this program.

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "kinchain/screen/screen_pipeline.hpp"
#include "test_paths.hpp"

namespace {

using namespace kinchain::screen;
using nlohmann::json;

json loadVignettes() {
  std::ifstream file(kinchain::test::testData("screen/vignettes.json"));
  return json::parse(file);
}

struct Parsed {
  std::string id;
  std::optional<Side> side;
};

Parsed parseFindingKey(const std::string& key) {
  const auto colon = key.find(':');
  if (colon == std::string::npos) return {key, std::nullopt};
  return {key.substr(0, colon), key.substr(colon + 1) == "left" ? Side::Left : Side::Right};
}

bool hasFinding(const Findings& findings, const Parsed& key) {
  return key.side ? findings.has(key.id, *key.side) : findings.hasAny(key.id);
}

std::set<std::string> programExercises(const Program& program) {
  std::set<std::string> ids;
  for (const auto& phase : program.phases) {
    for (const auto& exercise : phase.exercises)
      ids.insert(exercise.id);
  }
  return ids;
}

std::set<std::string> triggeredRules(const Triage& triage) {
  std::set<std::string> ids;
  for (const auto& rule : triage.triggered)
    ids.insert(rule.id);
  return ids;
}

ScreenResult screenCase(const json& vignettes, const json& vignette) {
  json record = vignettes["base"];
  record.merge_patch(vignette["patch"]);
  const ReadRecord input = readScreeningRecordDocument(record, vignette["name"].get<std::string>());
  EXPECT_TRUE(input.problems.empty())
      << "vignette record has rejected fields: " << input.problems.front().path;
  return runScreen(input, "vignette", GaitEvidence{});
}

TEST(ScreenVignettes, EveryCaseMeetsItsExpectations) {
  const json vignettes = loadVignettes();
  for (const auto& vignette : vignettes["cases"]) {
    const std::string name = vignette["name"];
    SCOPED_TRACE(name);
    const ScreenResult result = screenCase(vignettes, vignette);
    const auto triggered = triggeredRules(result.triage);
    if (vignette.contains("level")) {
      EXPECT_EQ(triageLevelName(result.triage.level), vignette["level"].get<std::string>());
    }
    for (const auto& rule : vignette.value("triggers", json::array())) {
      EXPECT_TRUE(triggered.contains(rule.get<std::string>())) << "rule should fire: " << rule;
    }
    for (const auto& rule : vignette.value("not_triggers", json::array())) {
      EXPECT_FALSE(triggered.contains(rule.get<std::string>())) << "rule should not fire: " << rule;
    }
    if (vignette.contains("program_withheld")) {
      EXPECT_EQ(result.program.withheld, vignette["program_withheld"].get<bool>());
      EXPECT_EQ(result.program.phases.empty(), vignette["program_withheld"].get<bool>());
    }
    for (const auto& key : vignette.value("findings", json::array())) {
      EXPECT_TRUE(hasFinding(result.findings, parseFindingKey(key))) << "finding expected: " << key;
    }
    for (const auto& key : vignette.value("no_findings", json::array())) {
      EXPECT_FALSE(hasFinding(result.findings, parseFindingKey(key)))
          << "finding unexpected: " << key;
    }
    if (vignette.contains("origin")) {
      EXPECT_EQ(originName(result.differential.origin), vignette["origin"].get<std::string>());
    }
    const auto exercises = programExercises(result.program);
    for (const auto& id : vignette.value("program_has", json::array())) {
      EXPECT_TRUE(exercises.contains(id.get<std::string>())) << "exercise expected: " << id;
    }
    for (const auto& id : vignette.value("program_lacks", json::array())) {
      EXPECT_FALSE(exercises.contains(id.get<std::string>())) << "exercise unexpected: " << id;
    }
    if (vignette.contains("root_cause_first")) {
      ASSERT_FALSE(result.root_causes.hypotheses.empty());
      const auto& first = result.root_causes.hypotheses.front();
      const Parsed expected = parseFindingKey(vignette["root_cause_first"]);
      EXPECT_EQ(first.finding_id, expected.id);
      EXPECT_EQ(first.side, expected.side.value_or(first.side));
      EXPECT_TRUE(first.linked_to_complaint);
    }
  }
}

// Coverage guard: a new red-flag rule or finding without its trigger and near-miss vignettes
// fails here.
TEST(ScreenVignettes, EveryRedFlagRuleHasATriggerAndANearMiss) {
  const json vignettes = loadVignettes();
  for (const auto& rule : redFlagRules()) {
    bool triggered = false;
    bool near_miss = false;
    for (const auto& vignette : vignettes["cases"]) {
      for (const auto& id : vignette.value("triggers", json::array()))
        triggered |= id == rule.id;
      for (const auto& id : vignette.value("not_triggers", json::array()))
        near_miss |= id == rule.id;
    }
    EXPECT_TRUE(triggered) << rule.id << " has no vignette that must trigger it";
    EXPECT_TRUE(near_miss) << rule.id << " has no near-miss vignette";
  }
}

TEST(ScreenVignettes, EveryFindingHasASupportingAndANonSupportingCase) {
  const json vignettes = loadVignettes();
  for (const auto& rule : findingRules()) {
    bool supported = false;
    bool unsupported = false;
    for (const auto& vignette : vignettes["cases"]) {
      for (const auto& key : vignette.value("findings", json::array())) {
        supported |= parseFindingKey(key).id == rule.id;
      }
      for (const auto& key : vignette.value("no_findings", json::array())) {
        unsupported |= parseFindingKey(key).id == rule.id && vignette["patch"] != json::object();
      }
    }
    EXPECT_TRUE(supported) << rule.id << " has no supporting vignette";
    EXPECT_TRUE(unsupported) << rule.id << " has no non-supporting vignette";
  }
}

TEST(ScreenVignettes, WithheldProgramTellsThePersonWhy) {
  const json vignettes = loadVignettes();
  json record = vignettes["base"];
  record.merge_patch(json::parse(R"({"complaint": {"cold_or_pale_foot": true}})"));
  const ScreenResult result = runScreen(readScreeningRecordDocument(record, "x"), "x", {});
  ASSERT_TRUE(result.program.withheld);
  EXPECT_NE(result.program.withheld_reason.find("emergency"), std::string::npos);
  EXPECT_NE(result.program.withheld_reason.find("red flag"), std::string::npos);
}

TEST(ScreenVignettes, GaitEvidenceAddsToFindings) {
  const json vignettes = loadVignettes();
  const ReadRecord input = readScreeningRecordDocument(vignettes["base"], "base");
  GaitEvidence gait;
  gait.items.push_back({"F7", Side::Left, "excess dorsiflexion in loading response", "trial.c3d"});
  const ScreenResult without = runScreen(input, "base", {});
  const ScreenResult with = runScreen(input, "base", gait);
  EXPECT_FALSE(without.findings.has("F7", Side::Left));
  ASSERT_TRUE(with.findings.has("F7", Side::Left));
  EXPECT_NE(with.findings.present.front().supported_by.back().find("recorded gait"),
            std::string::npos);
}

}  // namespace
