// `kinchain analyze` as a user's shell sees it: the output folder is never left half-written
// (a full disk keeps the earlier run's files intact, concurrent runs into one folder refuse
// instead of mixing their files), implausible masses and marker fits are refused with a cited
// bound, and the exit status says what happened (README "Exit status").

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "command_runner.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::test {
namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& path) {
  // Appended piecewise: GCC 12 gives a false -Wrestrict on "\"" + string + "\"".
  std::string text(1, '"');
  text.append(path.string()).push_back('"');
  return text;
}

std::string analyze(const fs::path& output, const std::string& extra = "") {
  return "analyze " + quoted(sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d")) + " -o " +
         quoted(output) + " --quiet --threads 1 " + extra;
}

nlohmann::json readJson(const fs::path& path) {
  std::ifstream file(path);
  return nlohmann::json::parse(file);
}

// The file names in a folder, hidden bookkeeping files (lock, manifest) included.
std::set<std::string> namesIn(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.insert(entry.path().filename().string());
  return names;
}

bool anyStagingFolder(const fs::path& folder) {
  for (const auto& name : namesIn(folder))
    if (name.rfind(".kinchain-staging-", 0) == 0) return true;
  return false;
}

// A full disk, made real by the shell's file-size limit (writes beyond it fail with EFBIG, as a
// full disk fails with ENOSPC; SIGXFSZ is ignored so the write returns the error instead of
// killing the process). The re-run fails, says so, and the earlier results are byte-identical.
TEST(AnalyzeOutputs, AFullDiskLeavesTheEarlierRunIntact) {
  const auto folder = scratchDirectory("analysis");
  const auto first = runKinchain(analyze(folder));
  ASSERT_EQ(first.exitCode, 0) << first.output;
  const std::string results = fileText(folder / "results.json");
  const std::string report = fileText(folder / "report.html");
  const std::string model = fileText(folder / "model_scaled.osim");
  // The limit lets every file but results.json (written last) be staged whole, so the failure
  // comes after the other new files are complete: none of them may replace the earlier ones.
  constexpr std::size_t kLimitBytes = 600u * 1024u;
  ASSERT_GT(results.size(), kLimitBytes);
  ASSERT_LT(model.size(), kLimitBytes);
  const auto files = namesIn(folder);

  const auto full =
      runShell("bash -c 'trap \"\" XFSZ; ulimit -f 600; exec " + quoted(kinchainBinary()) + " " +
               analyze(folder, "--mass 63") + "' 2>&1");
  EXPECT_EQ(full.exitCode, 1) << full.output;
  EXPECT_NE(full.output.find("kinchain: error:"), std::string::npos) << full.output;
  EXPECT_NE(full.output.find("results.json"), std::string::npos) << full.output;
  EXPECT_EQ(fileText(folder / "results.json"), results) << "results.json was damaged";
  EXPECT_EQ(fileText(folder / "report.html"), report) << "report.html was damaged";
  EXPECT_EQ(fileText(folder / "model_scaled.osim"), model) << "model_scaled.osim was damaged";
  EXPECT_EQ(namesIn(folder), files) << "the failed run left files behind";
}

// Four runs with four masses into one folder at once: each either completes or is refused with
// exit status 3, and the folder ends holding one run's files — the mass in results.json is the
// mass of the scaled model beside it.
TEST(AnalyzeOutputs, ConcurrentRunsIntoOneFolderNeverMixTheirFiles) {
  const auto folder = scratchDirectory("analysis");
  const std::vector<double> masses = {61.0, 62.0, 63.0, 64.0};
  std::vector<std::future<CommandResult>> runs;
  for (const double mass : masses) {
    runs.push_back(std::async(std::launch::async, [&folder, mass] {
      return runKinchain(analyze(folder, "--mass " + std::to_string(mass)));
    }));
  }
  int completed = 0;
  for (auto& run : runs) {
    const CommandResult result = run.get();
    if (result.exitCode == 0) {
      ++completed;
    } else {
      EXPECT_EQ(result.exitCode, 3) << result.output;
      EXPECT_NE(result.output.find("another kinchain run is writing into this folder"),
                std::string::npos)
          << result.output;
    }
  }
  ASSERT_GE(completed, 1);
  const double reported = readJson(folder / "results.json")["subject"]["mass_kg"].get<double>();
  double modelMass = 0.0;
  const model::Model scaled = model::readOsimModel(folder / "model_scaled.osim");
  for (const auto& body : scaled.bodies())
    modelMass += body.mass;
  // The scaled model carries the given mass to the printed precision of its body masses.
  EXPECT_NEAR(modelMass, reported, 1e-6) << "results.json and model_scaled.osim come from "
                                            "different runs";
  EXPECT_FALSE(anyStagingFolder(folder));
}

// A re-run whose inverse dynamics fails (a model whose pelvis centre of mass sits 1e200 m away:
// finite, so the model loads, but the moments overflow to Inf) exits 2, names the stage on
// stderr even with --quiet, and removes the earlier run's moments, muscle forces and tissue
// loads instead of leaving them beside the new results.json.
TEST(AnalyzeOutputs, AFailedStageExitsTwoAndLeavesNoStaleFiles) {
  const auto folder = scratchDirectory("analysis");
  const auto first = runKinchain(analyze(folder));
  ASSERT_EQ(first.exitCode, 0) << first.output;
  for (const char* file : {"id.sto", "joint_powers.sto", "so_force.sto", "tissue_loads.sto"})
    ASSERT_TRUE(fs::exists(folder / file)) << file;

  std::string model = fileText(fs::path(KINCHAIN_TEST_DATA_DIR).parent_path().parent_path() /
                               "data/models/kinchain_gait2392.osim");
  const auto start = model.find("<mass_center>");
  ASSERT_NE(start, std::string::npos);
  model.replace(start, model.find("</mass_center>", start) - start, "<mass_center>1e200 0 0");
  const fs::path badModel = scratchDirectory("model") / "far_mass_centre.osim";
  std::ofstream(badModel) << model;

  const auto second = runKinchain(analyze(folder, "--model " + quoted(badModel)));
  EXPECT_EQ(second.exitCode, 2) << second.output;
  EXPECT_NE(second.output.find("partial results: inverse_dynamics failed"), std::string::npos)
      << second.output;
  EXPECT_NE(second.output.find("non-finite"), std::string::npos) << second.output;
  const auto results = readJson(folder / "results.json");
  bool failed = false;
  for (const auto& stage : results["stages"])
    failed |= stage["name"] == "inverse_dynamics" && stage["status"] == "failed";
  EXPECT_TRUE(failed) << results["stages"].dump(1);
  for (const char* file : {"id.sto", "joint_powers.sto", "so_force.sto", "tissue_loads.sto"})
    EXPECT_FALSE(fs::exists(folder / file)) << file << " of the earlier run was left behind";
  EXPECT_TRUE(fs::exists(folder / "ik.mot"));
}

// A mass no person has is a typing or unit error, refused with the cited range and without
// printing the value's 309 digits.
TEST(AnalyzeOutputs, ImplausibleMassesAreRefusedWithTheCitedRange) {
  const auto folder = scratchDirectory("analysis");
  for (const char* mass : {"1e9", "1e-9", "nan", "0", "-70", "1e308"}) {
    const auto run = runKinchain(analyze(folder, std::string("--mass ") + mass));
    EXPECT_EQ(run.exitCode, 1) << mass << ": " << run.output;
    EXPECT_NE(run.output.find("is not a body mass"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("635 kg"), std::string::npos) << run.output;
    EXPECT_LT(run.output.size(), 400u) << run.output;
    EXPECT_FALSE(fs::exists(folder / "results.json")) << mass;
  }
}

// The bundled trial on a model whose markers do not fit it (Rajagopal 2015, marker RMS about
// 12 cm against OpenSim's 2 cm best practice) is refused; --force analyses it with the
// warning in results.json and at the top of the report.
TEST(AnalyzeOutputs, AMarkerFitBeyondBestPracticeIsRefusedUnlessForced) {
  const auto folder = scratchDirectory("analysis");
  const std::string model =
      "--model " + quoted(sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  const auto refused = runKinchain(analyze(folder, model));
  EXPECT_EQ(refused.exitCode, 1) << refused.output;
  EXPECT_NE(refused.output.find("beyond OpenSim's best practice"), std::string::npos)
      << refused.output;
  EXPECT_NE(refused.output.find("--force"), std::string::npos) << refused.output;
  EXPECT_FALSE(fs::exists(folder / "results.json"));

  const auto forced = runKinchain(analyze(folder, model + " --force"));
  ASSERT_EQ(forced.exitCode, 0) << forced.output;
  const auto results = readJson(folder / "results.json");
  EXPECT_FALSE(results["inverse_kinematics"]["best_practice"]["rms_within"].get<bool>());
  bool warned = false;
  for (const auto& warning : results["warnings"])
    warned |= warning.get<std::string>().find("MARKER FIT BEYOND BEST PRACTICE") == 0;
  EXPECT_TRUE(warned) << results["warnings"].dump(1);
  const std::string report = fileText(folder / "report.html");
  const auto caution = report.find("Read with caution");
  ASSERT_NE(caution, std::string::npos);
  EXPECT_LT(caution, report.find("Trial, subject and model")) << "the caution is not on top";
}

// The bundled trial is within the bound: no caution, exit 0.
TEST(AnalyzeOutputs, AGoodFitCarriesNoCaution) {
  const auto folder = scratchDirectory("analysis");
  const auto run = runKinchain(analyze(folder));
  ASSERT_EQ(run.exitCode, 0) << run.output;
  const auto results = readJson(folder / "results.json");
  EXPECT_TRUE(results["inverse_kinematics"]["best_practice"]["rms_within"].get<bool>());
  EXPECT_EQ(fileText(folder / "report.html").find("Read with caution"), std::string::npos);
}

TEST(AnalyzeOutputs, CommandLineErrorsExitWithTheUsageStatus) {
  const auto run = runKinchain("analyze --no-such-option");
  EXPECT_EQ(run.exitCode, 64) << run.output;
  EXPECT_EQ(runKinchain("--help").exitCode, 0);
}

}  // namespace
}  // namespace kinchain::test
