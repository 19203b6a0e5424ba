// `kinchain screen` end to end: the built binary on the bundled example records writes a
// versioned screen.json and a self-contained screen.html; bad values warn and still produce a
// partial result; a non-record, a repeated key or an unknown key fails with a non-zero exit
// status and the place on stderr; unanswered red-flag questions are not cleared.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_paths.hpp"

namespace {

namespace fs = std::filesystem;

fs::path examples() {
  return fs::path(KINCHAIN_TEST_DATA_DIR).parent_path().parent_path() / "examples/screening";
}

int run(const std::string& arguments, const fs::path& log) {
  const std::string command =
      fmt::format("\"{}\" {} > \"{}\" 2>&1", kinchain::test::kinchainBinary().string(), arguments,
                  log.string());
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string slurp(const fs::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(ScreenCommand, WritesJsonAndSelfContainedHtml) {
  const fs::path out = kinchain::test::scratchDirectory("out");
  ASSERT_EQ(run("screen \"" + (examples() / "achilles_chain_runner.json").string() + "\" -o \"" +
                    out.string() + "\"",
                out / "log.txt"),
            0)
      << slurp(out / "log.txt");
  const auto result = nlohmann::json::parse(slurp(out / "screen.json"));
  EXPECT_EQ(result["format"], "kinchain.screen-result/1");
  EXPECT_EQ(result["triage"]["level"], "self_care");
  EXPECT_EQ(result["differential"]["origin"], "chain");
  EXPECT_FALSE(result["findings"]["present"].empty());
  EXPECT_FALSE(result["program"]["phases"].empty());
  const std::string html = slurp(out / "screen.html");
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_NE(html.find("diagnoses nothing"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  for (const char* external : {"<link", "<script", "<img", "src=", "url("}) {
    EXPECT_EQ(html.find(external), std::string::npos) << "external asset: " << external;
  }
  const std::string summary = slurp(out / "log.txt");
  EXPECT_NE(summary.find("Triage: self_care"), std::string::npos);

  // Re-test against the result just written.
  const fs::path again = out / "retest";
  ASSERT_EQ(run("screen \"" + (examples() / "achilles_chain_runner.json").string() + "\" -o \"" +
                    again.string() + "\" --previous \"" + (out / "screen.json").string() + "\"",
                out / "log2.txt"),
            0)
      << slurp(out / "log2.txt");
  const auto retest = nlohmann::json::parse(slurp(again / "screen.json"))["retest"];
  ASSERT_FALSE(retest.is_null());
  for (const auto& change : retest["tests"]) {
    EXPECT_NE(change["label"], "real_change") << change.dump();  // identical records
  }
}

TEST(ScreenCommand, RedFlagWithholdsTheProgram) {
  const fs::path out = kinchain::test::scratchDirectory("out");
  ASSERT_EQ(run("screen \"" + (examples() / "acute_ankle_sprain.json").string() + "\" -o \"" +
                    out.string() + "\"",
                out / "log.txt"),
            0);
  const auto result = nlohmann::json::parse(slurp(out / "screen.json"));
  EXPECT_EQ(result["triage"]["level"], "same_day");
  EXPECT_TRUE(result["program"]["withheld"].get<bool>());
  EXPECT_TRUE(result["program"]["phases"].empty());
  EXPECT_NE(slurp(out / "log.txt").find("withheld"), std::string::npos);
}

TEST(ScreenCommand, BadValueWarnsAndStillScreens) {
  const fs::path out = kinchain::test::scratchDirectory("out");
  {
    std::ofstream record(out / "bad.json");
    record << R"({"format": "kinchain.screen/1", "complaint": {"region": "heel", "pain_now": 11},
                 "tests": {"foot_posture_index": {"left": 40, "right": 2}}})";
  }
  ASSERT_EQ(
      run("screen \"" + (out / "bad.json").string() + "\" -o \"" + (out / "r").string() + "\"",
          out / "log.txt"),
      0);
  const std::string log = slurp(out / "log.txt");
  EXPECT_NE(log.find("tests.foot_posture_index.left"), std::string::npos) << log;
  EXPECT_NE(log.find("complaint.pain_now"), std::string::npos) << log;
  const auto result = nlohmann::json::parse(slurp(out / "r/screen.json"));
  EXPECT_EQ(result["input_problems"].size(), 2U);
  EXPECT_EQ(result["record"]["tests"]["foot_posture_index"]["right"], 2);
}

TEST(ScreenCommand, NonRecordFailsWithExitOne) {
  const fs::path out = kinchain::test::scratchDirectory("out");
  {
    std::ofstream record(out / "broken.json");
    record << "{\"format\": \"kinchain.screen/1\", ";
  }
  EXPECT_EQ(
      run("screen \"" + (out / "broken.json").string() + "\" -o \"" + (out / "r").string() + "\"",
          out / "log.txt"),
      1);
  EXPECT_NE(slurp(out / "log.txt").find("broken.json: byte"), std::string::npos);
  EXPECT_EQ(run("screen --print-schema", out / "schema.txt"), 0);
  EXPECT_EQ(nlohmann::json::parse(slurp(out / "schema.txt"))["title"].get<std::string>().find(
                "kinchain.screen/1") != std::string::npos,
            true);
}

/// Runs `kinchain ARGUMENTS` with stdout and stderr in separate files; returns the exit status.
int runSeparated(const std::string& arguments, const fs::path& out, const fs::path& err) {
  const std::string command =
      fmt::format("\"{}\" {} > \"{}\" 2> \"{}\"", kinchain::test::kinchainBinary().string(),
                  arguments, out.string(), err.string());
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ScreenCommand, DuplicateKeyRecordFailsAndSaysWhereOnStderr) {
  const fs::path out = kinchain::test::scratchDirectory("out");
  {
    std::ofstream record(out / "duplicate.json");
    record << "{\"format\": \"kinchain.screen/1\",\n"
              " \"complaint\": {\"saddle_numbness\": true,\n"
              "               \"saddle_numbness\": false}}\n";
  }
  const int status = runSeparated(
      "screen \"" + (out / "duplicate.json").string() + "\" -o \"" + (out / "r").string() + "\"",
      out / "stdout.txt", out / "stderr.txt");
  EXPECT_NE(status, 0);
  const std::string error = slurp(out / "stderr.txt");
  for (const char* part : {"duplicate.json", "duplicate key", "\"saddle_numbness\"",
                           "/complaint/saddle_numbness", "line 2:16", "line 3:16"}) {
    EXPECT_NE(error.find(part), std::string::npos) << part << " not in stderr: " << error;
  }
  EXPECT_EQ(slurp(out / "stdout.txt").find("Triage:"), std::string::npos);  // nothing screened
  EXPECT_FALSE(fs::exists(out / "r/screen.json"));
}

TEST(ScreenCommand, MisspeltKeyFailsWithASuggestion) {
  const fs::path out = kinchain::test::scratchDirectory("out");
  {
    std::ofstream record(out / "misspelt.json");
    record << R"({"format": "kinchain.screen/1", "complaint": {"sadle_numbness": true}})";
  }
  EXPECT_NE(runSeparated("screen \"" + (out / "misspelt.json").string() + "\" -o \"" +
                             (out / "r").string() + "\"",
                         out / "stdout.txt", out / "stderr.txt"),
            0);
  const std::string error = slurp(out / "stderr.txt");
  EXPECT_NE(error.find("did you mean saddle_numbness?"), std::string::npos) << error;
  EXPECT_NE(error.find("/complaint/sadle_numbness"), std::string::npos) << error;
}

TEST(ScreenCommand, UnansweredRedFlagsAreNotClearedAndGetNoProgram) {
  const fs::path out = kinchain::test::scratchDirectory("out");
  {
    std::ofstream record(out / "empty.json");
    record << R"({"format": "kinchain.screen/1"})";
  }
  ASSERT_EQ(
      run("screen \"" + (out / "empty.json").string() + "\" -o \"" + (out / "r").string() + "\"",
          out / "log.txt"),
      0)
      << slurp(out / "log.txt");
  const std::string summary = slurp(out / "log.txt");
  EXPECT_NE(summary.find("Triage: not_cleared"), std::string::npos) << summary;
  EXPECT_NE(summary.find("complaint.saddle_numbness"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Program: withheld"), std::string::npos) << summary;
  const auto result = nlohmann::json::parse(slurp(out / "r/screen.json"));
  EXPECT_EQ(result["triage"]["level"], "not_cleared");
  EXPECT_TRUE(result["program"]["phases"].empty());
  EXPECT_NE(slurp(out / "r/screen.html").find("Not cleared"), std::string::npos);
}

}  // namespace
