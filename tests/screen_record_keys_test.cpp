// Keys a screening record cannot be trusted with are refused, not read: a key repeated within
// one object (nlohmann::json would silently keep the last, so "saddle_numbness": true then
// false read as "no red flag"), and a key the schema does not define (a misspelt
// "sadle_numbness": true was ignored, so the red flag read as unanswered). Each error names the
// key, its JSON pointer and where it stands in the text; an unknown key also gets the closest
// known key at that place.

#include <gtest/gtest.h>

#include <string>

#include "kinchain/common/error.hpp"
#include "kinchain/screen/json_key_positions.hpp"
#include "kinchain/screen/key_suggestion.hpp"
#include "kinchain/screen/screen_pipeline.hpp"

namespace {

using namespace kinchain::screen;

/// The InputError message reading `text` raises; fails the test if it reads.
std::string readError(const std::string& text) {
  try {
    readScreeningRecord(text, "record.json");
  } catch (const kinchain::InputError& error) {
    EXPECT_EQ(error.source(), "record.json");
    return error.what();
  }
  ADD_FAILURE() << "expected kinchain::InputError for:\n" << text;
  return "";
}

void expectContains(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' not in: " << message;
}

TEST(ScreenRecordKeys, DuplicateKeyAtTopLevelNamesTheKeyAndBothPlaces) {
  const std::string message = readError(
      "{\n"
      "  \"format\": \"kinchain.screen/1\",\n"
      "  \"complaint\": {\"saddle_numbness\": true},\n"
      "  \"complaint\": {\"saddle_numbness\": false}\n"
      "}\n");
  expectContains(message, "\"complaint\"");
  expectContains(message, "at /complaint: duplicate key");
  expectContains(message, "first at line 3:3, again at line 4:3");
}

TEST(ScreenRecordKeys, DuplicateNestedRedFlagAnswerIsRefusedNotReadAsTheLastValue) {
  // The reported defect: true then false read as false and triaged self_care.
  const std::string message = readError(R"({"format": "kinchain.screen/1",
 "complaint": {"saddle_numbness": true,
               "saddle_numbness": false}})");
  expectContains(message, "\"saddle_numbness\"");
  expectContains(message, "/complaint/saddle_numbness");
  expectContains(message, "first at line 2:16, again at line 3:16");
}

TEST(ScreenRecordKeys, DuplicateDeeperDownAndInsideArraysIsFoundWithItsPointer) {
  expectContains(readError(R"({"format": "kinchain.screen/1", "tests": {"knee_to_wall_cm":
{"left": 9, "right": 10, "left": 12}}})"),
                 "/tests/knee_to_wall_cm/left: duplicate key: given twice in the same object, "
                 "first at line 2:2, again at line 2:26");
  // Objects inside arrays: the pointer carries the array index. The duplicate is refused
  // before the unknown key "notes" is.
  expectContains(readError(R"({"format": "kinchain.screen/1",
"notes": [{"a": 1}, {"a": 1, "a": 2}]})"),
                 "/notes/1/a: duplicate key: given twice in the same object, first at line 2:22, "
                 "again at line 2:30");
}

TEST(ScreenRecordKeys, DuplicatePositionsCountEscapesAndCharactersNotBytes) {
  // "\u0073ex" is the key "sex": a duplicate of the earlier "sex" once decoded. The é before
  // it is two bytes but one column.
  expectContains(
      readError(
          R"({"format": "kinchain.screen/1", "person": {"id": "é", "sex": "male", "\u0073ex": "female"}})"),
      "/person/sex: duplicate key: given twice in the same object, first at line 1:55, again at "
      "line 1:70");
  // An escaped quote inside an earlier key does not confuse where the next key starts.
  expectContains(readError(R"({"format": "kinchain.screen/1", "x\"y": 1, "x\"y": 2})"),
                 "first at line 1:33, again at line 1:44");
}

TEST(ScreenRecordKeys, EqualKeysInDifferentObjectsAreFine) {
  const ReadRecord read = readScreeningRecord(R"({"format": "kinchain.screen/1",
    "complaint": {"side": "left"},
    "history": {"previous_ankle_sprain": {"side": "left"}, "previous_hamstring_strain": {"side": "right"}}})",
                                              "record.json");
  EXPECT_TRUE(read.problems.empty());
  EXPECT_EQ(read.record.complaint_side, "left");
}

TEST(ScreenRecordKeys, DuplicateKeysAreRefusedInAPreviousScreenToo) {
  EXPECT_THROW(
      readPreviousScreen(R"({"format": "kinchain.screen/1", "person": {"age": 30, "age": 31}})",
                         "before.json"),
      kinchain::InputError);
}

TEST(ScreenRecordKeys, UnknownKeySuggestsTheClosestKnownKeyAtThatPlace) {
  // The reported defect: the real key absent, the misspelt one true, triaged self_care.
  const std::string message = readError(R"({"format": "kinchain.screen/1",
  "complaint": {"region": "low_back", "sadle_numbness": true}})");
  expectContains(message, "unknown key");
  expectContains(message, "\"sadle_numbness\"");
  expectContains(message, "/complaint/sadle_numbness (line 2:39)");
  expectContains(message, "did you mean saddle_numbness?");

  // The suggestion comes from the keys allowed at that place.
  expectContains(
      readError(R"({"format": "kinchain.screen/1", "person": {"dominant_lge": "left"}})"),
      "did you mean dominant_leg?");
  expectContains(
      readError(R"({"format": "kinchain.screen/1", "tests": {"knee_to_wall_cm": {"lfet": 9}}})"),
      "did you mean left?");
  expectContains(readError(R"({"format": "kinchain.screen/1", "complaints": {}})"),
                 "the top level has no such field; did you mean complaint?");
}

TEST(ScreenRecordKeys, UnknownKeyWithNoCloseMatchListsTheAllowedKeys) {
  const std::string message =
      readError(R"({"format": "kinchain.screen/1", "complaint": {"wobbly": true}})");
  expectContains(message, "key \"wobbly\" at /complaint/wobbly");
  expectContains(message, "no known field is close");
  EXPECT_EQ(message.find("did you mean"), std::string::npos) << message;
  expectContains(message, "saddle_numbness");  // the allowed keys are listed
  expectContains(message, "region");
}

TEST(ScreenRecordKeys, EveryUnknownKeyIsNamedInTextOrder) {
  const std::string message = readError(R"({"format": "kinchain.screen/1",
  "person": {"agee": 30},
  "clinic": "north"})");
  const auto first = message.find("\"agee\"");
  const auto second = message.find("\"clinic\"");
  ASSERT_NE(first, std::string::npos) << message;
  ASSERT_NE(second, std::string::npos) << message;
  EXPECT_LT(first, second);
  expectContains(message, "did you mean age?");
}

TEST(ScreenRecordKeys, UnknownKeyInParsedJsonIsNamedWithoutAPosition) {
  const nlohmann::json record = {{"format", "kinchain.screen/1"},
                                 {"complaint", {{"nite_pain", true}}}};
  try {
    readScreeningRecordDocument(record, "vignette");
    FAIL() << "expected kinchain::InputError";
  } catch (const kinchain::InputError& error) {
    expectContains(error.what(), "/complaint/nite_pain");
    expectContains(error.what(), "did you mean night_pain?");
  }
}

TEST(KeySuggestion, DamerauLevenshteinCountsEachSingleErrorOnce) {
  EXPECT_EQ(editDistance("saddle_numbness", "saddle_numbness"), 0U);
  EXPECT_EQ(editDistance("sadle_numbness", "saddle_numbness"), 1U);    // deletion
  EXPECT_EQ(editDistance("saddle_numbnesss", "saddle_numbness"), 1U);  // insertion
  EXPECT_EQ(editDistance("saddle_numbmess", "saddle_numbness"), 1U);   // substitution
  EXPECT_EQ(editDistance("saddle_numbenss", "saddle_numbness"), 1U);   // transposition
  EXPECT_EQ(editDistance("kitten", "sitting"), 3U);
  EXPECT_EQ(editDistance("", "abc"), 3U);
}

TEST(KeySuggestion, OnlyKeysWithinAThirdOfTheLengthAreSuggested) {
  EXPECT_EQ(suggestionLimit("ab"), 1U);
  EXPECT_EQ(suggestionLimit("sadle_numbness"), 4U);
  const std::vector<std::string> known = {"side", "onset", "saddle_numbness"};
  EXPECT_EQ(closestKey("sadle_numbness", known), "saddle_numbness");
  EXPECT_EQ(closestKey("sied", known), "side");
  EXPECT_FALSE(closestKey("xyz", known));
  EXPECT_FALSE(closestKey("numbness", known));  // 7 edits from saddle_numbness, limit 2
}

TEST(JsonKeyPositions, EveryKeyIsFoundByItsPointer) {
  const KeyPositions positions =
      findKeyPositions("{\"a\": {\"b\": [1, {\"c\": 2}]},\n \"d\": null}", "x.json");
  ASSERT_EQ(positions.size(), 4U);
  EXPECT_EQ(describePosition(positions.at("/a")), "1:2");
  EXPECT_EQ(describePosition(positions.at("/a/b")), "1:8");
  EXPECT_EQ(describePosition(positions.at("/a/b/1/c")), "1:18");
  EXPECT_EQ(describePosition(positions.at("/d")), "2:2");
}

}  // namespace
