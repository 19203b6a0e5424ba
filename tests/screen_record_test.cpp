// Screening record reader and schema validation: impossible values are rejected with a message
// naming the field path, the rest of the record still screens, and non-records are refused.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "kinchain/common/error.hpp"
#include "kinchain/screen/json_schema_validator.hpp"
#include "kinchain/screen/screen_pipeline.hpp"
#include "kinchain/screen/screen_record_schema.hpp"
#include "test_paths.hpp"

namespace {

using namespace kinchain::screen;
using nlohmann::json;

std::filesystem::path repositoryRoot() {
  return std::filesystem::path(KINCHAIN_TEST_DATA_DIR).parent_path().parent_path();
}

bool hasProblemAt(const ReadRecord& read, const std::string& path) {
  for (const auto& problem : read.problems) {
    if (problem.path == path) return true;
  }
  return false;
}

TEST(ScreenRecord, PublishedSchemaEqualsEmbeddedSchema) {
  std::ifstream file(repositoryRoot() / "schemas/kinchain.screen-1.schema.json");
  ASSERT_TRUE(file) << "schemas/kinchain.screen-1.schema.json missing";
  EXPECT_EQ(json::parse(file), screenRecordSchema());
  EXPECT_EQ(screenRecordSchema()["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

TEST(ScreenRecord, ExamplesAreValidRecords) {
  for (const auto& entry :
       std::filesystem::directory_iterator(repositoryRoot() / "examples/screening")) {
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    const ReadRecord read = readScreeningRecord(text.str(), entry.path().string());
    EXPECT_TRUE(read.problems.empty()) << entry.path() << ": " << read.problems.front().path;
  }
}

TEST(ScreenRecord, ValuesNoBodyCanReachAreRejectedByField) {
  // Each beyond a limit the schema cites: the oldest, tallest and heaviest recorded people, a
  // shank lying past horizontal, a toe further from the wall than the tallest shank is long, a
  // navicular sinking further than the tallest ankle is high. The values just inside are kept.
  const ReadRecord read = readScreeningRecord(R"({
    "format": "kinchain.screen/1",
    "person": {"age": 400, "height_m": 25, "mass_kg": 5000},
    "tests": {
      "lunge_angle_deg": {"left": -170, "right": 89},
      "knee_to_wall_cm": {"left": 900, "right": 66},
      "navicular_drop_mm": {"left": 500, "right": 105}
    }
  })",
                                              "huge.json");
  for (const char* path :
       {"person.age", "person.height_m", "person.mass_kg", "tests.lunge_angle_deg.left",
        "tests.knee_to_wall_cm.left", "tests.navicular_drop_mm.left"})
    EXPECT_TRUE(hasProblemAt(read, path)) << path;
  for (const char* path : {"tests.lunge_angle_deg.right", "tests.knee_to_wall_cm.right",
                           "tests.navicular_drop_mm.right"})
    EXPECT_FALSE(hasProblemAt(read, path)) << path;
  EXPECT_FALSE(read.record.age_years);
  EXPECT_EQ(read.record.test("knee_to_wall_cm", Side::Right), 66.0);
  for (const auto& problem : read.problems) {
    if (problem.path == "person.age") {
      EXPECT_NE(problem.message.find("122"), std::string::npos) << problem.message;
    }
  }
}

TEST(ScreenRecord, ImpossibleValuesAreRejectedByFieldAndTheRestIsKept) {
  const ReadRecord read = readScreeningRecord(R"({
    "format": "kinchain.screen/1",
    "person": {"age": "thirty", "sex": "male"},
    "complaint": {"region": "achilles", "side": "left", "pain_now": 11, "pain_worst": 7},
    "tests": {
      "foot_posture_index": {"left": 40, "right": 5},
      "lunge_angle_deg": {"left": 300, "right": 38},
      "nordic_force_n": {"left": -20, "right": 300},
      "calf_raise_reps": {"left": 12.5, "right": 20}
    },
    "questionnaires": {"lefs": [4, 4, 9]}
  })",
                                              "bad.json");
  EXPECT_TRUE(hasProblemAt(read, "person.age"));
  EXPECT_TRUE(hasProblemAt(read, "complaint.pain_now"));
  EXPECT_TRUE(hasProblemAt(read, "tests.foot_posture_index.left"));
  EXPECT_TRUE(hasProblemAt(read, "tests.lunge_angle_deg.left"));
  EXPECT_TRUE(hasProblemAt(read, "tests.nordic_force_n.left"));
  EXPECT_TRUE(hasProblemAt(read, "tests.calf_raise_reps.left"));
  EXPECT_TRUE(hasProblemAt(read, "questionnaires.lefs"));
  // Rejected values are absent; valid neighbours are kept.
  const auto& record = read.record;
  EXPECT_FALSE(record.age_years);
  EXPECT_EQ(record.sex, "male");
  EXPECT_FALSE(record.pain_now);
  EXPECT_EQ(record.pain_worst, 7.0);
  EXPECT_FALSE(record.test("foot_posture_index", Side::Left));
  EXPECT_EQ(record.test("foot_posture_index", Side::Right), 5.0);
  EXPECT_EQ(record.test("lunge_angle_deg", Side::Right), 38.0);
  EXPECT_EQ(record.test("nordic_force_n", Side::Right), 300.0);
  EXPECT_FALSE(record.questionnaires.contains("lefs"));

  // The message names the limit and why it exists.
  for (const auto& problem : read.problems) {
    if (problem.path == "tests.foot_posture_index.left") {
      EXPECT_NE(problem.message.find("12"), std::string::npos) << problem.message;
    }
  }

  // The partial result says what it could not assess.
  const ScreenResult result = runScreen(read, "bad.json", {});
  bool mentions_fpi = false;
  for (const auto& gap : result.could_not_assess) {
    mentions_fpi |= gap.find("tests.foot_posture_index.left") != std::string::npos;
  }
  EXPECT_TRUE(mentions_fpi);
  ASSERT_NE(result.measures.find("foot_posture_index"), nullptr);
  EXPECT_EQ(result.measures.find("foot_posture_index")->left.flag, MeasureFlag::Missing);
}

TEST(ScreenRecord, RejectedQuestionnaireItemBecomesUnanswered) {
  json items = json::array();
  for (int i = 0; i < 21; ++i)
    items.push_back(4);
  items[3] = 7;  // outside 0-4
  json record = {{"format", "kinchain.screen/1"}, {"questionnaires", {{"faam_adl", items}}}};
  const ReadRecord read = readScreeningRecordDocument(record, "q.json");
  EXPECT_TRUE(hasProblemAt(read, "questionnaires.faam_adl[3]"));
  ASSERT_TRUE(read.record.questionnaires.contains("faam_adl"));
  EXPECT_FALSE(read.record.questionnaires.at("faam_adl")[3]);
  EXPECT_EQ(read.record.questionnaires.at("faam_adl").size(), 21U);
}

TEST(ScreenRecord, EmptyRecordScreensAndListsWhatIsMissing) {
  // The triage side of an empty record (not cleared, no program) is in
  // screen_triage_unanswered_test.cpp; here: it still reads and lists what it could not assess.
  const ReadRecord read = readScreeningRecord(R"({"format": "kinchain.screen/1"})", "empty.json");
  EXPECT_TRUE(read.problems.empty());
  const ScreenResult result = runScreen(read, "empty.json", {});
  EXPECT_NE(result.triage.level, TriageLevel::SelfCare);
  EXPECT_FALSE(result.triage.not_assessed.empty());
  EXPECT_FALSE(result.could_not_assess.empty());
  EXPECT_EQ(result.differential.origin, Origin::NotApplicable);
}

TEST(ScreenRecord, NonRecordsAreRefusedWithAPlace) {
  EXPECT_THROW(readScreeningRecord("{\"format\": ", "cut.json"), kinchain::InputError);
  try {
    readScreeningRecord("[1, 2", "cut.json");
    FAIL() << "expected InputError";
  } catch (const kinchain::InputError& error) {
    EXPECT_EQ(error.source(), "cut.json");
    EXPECT_NE(error.place().find("byte"), std::string::npos);
  }
  EXPECT_THROW(readScreeningRecord("[]", "a.json"), kinchain::InputError);
  EXPECT_THROW(readScreeningRecord("{}", "a.json"), kinchain::InputError);
  EXPECT_THROW(readScreeningRecord(R"({"format": "kinchain.screen/2"})", "a.json"),
               kinchain::InputError);
  EXPECT_THROW(
      readScreeningRecord(R"({"format": "kinchain.screen/1", "complaint": {"pain_now": 1e999}})",
                          "big.json"),
      kinchain::InputError);
  std::string deep(10000, '[');
  EXPECT_THROW(readScreeningRecord(deep, "deep.json"), kinchain::InputError);
}

TEST(ScreenRecord, UnknownExtraFieldsAreRefused) {
  // Formerly allowed and ignored; a misspelt red-flag answer then read as unanswered. Every
  // object of the schema now has a fixed set of keys (screen_record_keys_test.cpp has more).
  EXPECT_THROW(readScreeningRecord(R"({"format": "kinchain.screen/1", "clinic": {"name": "x"}})",
                                   "extra.json"),
               kinchain::InputError);
  EXPECT_THROW(
      readScreeningRecord(R"({"format": "kinchain.screen/1", "tests": {"my_test": {"left": 1}}})",
                          "extra.json"),
      kinchain::InputError);
}

TEST(ScreenRecord, EverySchemaObjectHasAFixedSetOfKeys) {
  // additionalProperties: false wherever the schema describes an object, so no object of a
  // record can carry a key the reader would ignore.
  std::vector<std::string> open_objects;
  const auto walk = [&](const auto& self, const json& node, const std::string& where) -> void {
    if (node.is_object()) {
      if (node.value("type", json()) == "object" &&
          node.value("additionalProperties", json(true)) != json(false)) {
        open_objects.push_back(where);
      }
      for (const auto& [key, child] : node.items())
        self(self, child, where + "/" + key);
    } else if (node.is_array()) {
      for (std::size_t i = 0; i < node.size(); ++i)
        self(self, node[i], where + "/" + std::to_string(i));
    }
  };
  walk(walk, screenRecordSchema(), "#");
  EXPECT_TRUE(open_objects.empty()) << open_objects.front();
}

TEST(JsonSchemaValidator, ChecksTheKeywordsItClaims) {
  const json schema = json::parse(R"({
    "type": "object", "required": ["a"], "additionalProperties": false,
    "properties": {
      "a": {"type": "integer", "minimum": 1, "maximum": 3},
      "b": {"enum": ["x", "y"]},
      "c": {"type": "array", "minItems": 2, "prefixItems": [{"type": "string"}], "items": {"type": "number", "exclusiveMaximum": 5}},
      "d": {"$ref": "#/$defs/positive"}
    },
    "$defs": {"positive": {"type": "number", "exclusiveMinimum": 0}}
  })");
  EXPECT_TRUE(
      validateAgainstSchema(schema, json::parse(R"({"a": 2, "b": "x", "c": ["s", 4], "d": 1})"))
          .empty());
  const auto violations =
      validateAgainstSchema(schema, json::parse(R"({"b": "z", "c": [1, 5], "d": 0, "e": true})"));
  std::set<std::string> paths;
  for (const auto& violation : violations)
    paths.insert(violation.path);
  EXPECT_EQ(paths, (std::set<std::string>{"a", "b", "c[0]", "c[1]", "d", "e"}));
  EXPECT_EQ(validateAgainstSchema(schema, json::parse(R"({"a": 2.5})")).size(), 1U);
  EXPECT_EQ(validateAgainstSchema(schema, json::parse(R"({"a": 4})")).size(), 1U);
  EXPECT_THROW(validateAgainstSchema(json::parse(R"({"pattern": "x"})"), json(1)),
               std::logic_error);
}

TEST(JsonSchemaValidator, UnknownKeysAreTheirOwnKindWithTheKeysAllowedThere) {
  const json schema = json::parse(R"({
    "type": "object", "additionalProperties": false,
    "properties": {"inner": {"type": "object", "additionalProperties": false,
                             "properties": {"alpha": {"type": "number"}, "beta": {}}},
                   "n": {"type": "number"}}
  })");
  const auto violations =
      validateAgainstSchema(schema, json::parse(R"({"n": "x", "inner": {"alpah": 1}})"));
  ASSERT_EQ(violations.size(), 2U);
  for (const auto& violation : violations) {
    if (violation.path == "inner.alpah") {
      EXPECT_EQ(violation.kind, SchemaViolation::Kind::UnknownKey);
      EXPECT_EQ(violation.pointer.to_string(), "/inner/alpah");
      EXPECT_EQ(violation.known_keys, (std::vector<std::string>{"alpha", "beta"}));
    } else {
      EXPECT_EQ(violation.path, "n");
      EXPECT_EQ(violation.kind, SchemaViolation::Kind::BadValue);
      EXPECT_TRUE(violation.known_keys.empty());
    }
  }
}

}  // namespace
