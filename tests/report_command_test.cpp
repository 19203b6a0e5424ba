// `kinchain report RESULTS.json -o REPORT.html`: renders the same page as the library, and
// refuses files that are not analysis results with the file, place and reason.

#include <gtest/gtest.h>

#include <fstream>

#include "analysis_results_fixture.hpp"
#include "command_runner.hpp"
#include "kinchain/report/analysis_report.hpp"
#include "test_paths.hpp"

namespace {

using kinchain::test::runKinchain;
using kinchain::test::scratchDirectory;

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
}

TEST(ReportCommand, RendersTheResultsFileToTheSamePageAsTheLibrary) {
  const auto directory = scratchDirectory("report");
  const auto results = kinchain::test::noForcePlateResults();
  writeFile(directory / "results.json", results.dump(2));
  const auto output = directory / "report.html";
  const auto run = runKinchain("report \"" + (directory / "results.json").string() + "\" -o \"" +
                               output.string() + "\"");
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_EQ(kinchain::test::fileText(output), kinchain::report::renderAnalysisReport(results));
}

TEST(ReportCommand, RejectsInvalidJsonAndOtherSchemasNamingThePlace) {
  const auto directory = scratchDirectory("report");
  writeFile(directory / "broken.json", "{\"schema\": \"kinchain.analysis/1\", ");
  auto run = runKinchain("report \"" + (directory / "broken.json").string() + "\" -o \"" +
                         (directory / "a.html").string() + "\"");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_NE(run.output.find("kinchain: error:"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("broken.json"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("byte"), std::string::npos) << run.output;
  EXPECT_FALSE(std::filesystem::exists(directory / "a.html"));

  writeFile(directory / "screen.json", R"({"format": "kinchain.screen-result/1"})");
  run = runKinchain("report \"" + (directory / "screen.json").string() + "\" -o \"" +
                    (directory / "b.html").string() + "\"");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_NE(run.output.find("field schema"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("kinchain.analysis/1"), std::string::npos) << run.output;

  run = runKinchain("report \"" + (directory / "missing.json").string() + "\" -o \"" +
                    (directory / "c.html").string() + "\"");
  EXPECT_EQ(run.exitCode, 1);
  EXPECT_NE(run.output.find("cannot open"), std::string::npos) << run.output;
}

TEST(ReportCommand, HasHelp) {
  const auto run = runKinchain("report --help");
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_NE(run.output.find("results.json"), std::string::npos) << run.output;
}

}  // namespace
