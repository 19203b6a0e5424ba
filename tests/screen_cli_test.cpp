// `kinchain screen` end to end: the built binary on the bundled example records writes a
// versioned screen.json and a self-contained screen.html; bad values warn and still produce a
// partial result; a non-record fails with exit status 1.

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

}  // namespace
