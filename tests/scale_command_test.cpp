// `kinchain run-tool` on OpenSim's Scale setup and `kinchain scale` with flags: exit codes,
// written files, and the scaled model's mass read back (the setup's 72.6 kg).

#include <gtest/gtest.h>

#include <string>

#include "command_runner.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace {

using kinchain::test::CommandResult;

CommandResult run(const std::string& arguments) {
  return kinchain::test::runKinchain(arguments);
}

double totalMass(const std::filesystem::path& path) {
  const auto model = kinchain::model::readOsimModel(path);
  double mass = 0.0;
  for (const auto& body : model.bodies())
    mass += body.mass;
  return mass;
}

// Built by appending (GCC 12 warns falsely on "literal" + std::string here).
std::string quoted(const std::filesystem::path& path) {
  std::string text(1, '"');
  text.append(path.string()).push_back('"');
  return text;
}

TEST(ScaleCommand, RunToolRunsOpenSimScaleSetup) {
  const auto setup =
      kinchain::test::sharedData("opensim-core/scale_gait2354/subject01_Setup_Scale.xml");
  // An --output-dir that does not exist yet is created.
  const auto directory = kinchain::test::scratchDirectory("run-tool") / "not" / "yet";
  const auto result = run("run-tool " + quoted(setup) + " --output-dir " + quoted(directory));
  ASSERT_EQ(result.exitCode, 0) << result.output;
  for (const char* file :
       {"subject01_scaledOnly.osim", "subject01_scaleSet_applied.xml", "subject01_simbody.osim",
        "subject01_static_output.mot", "subject01_simbody_marker_errors.txt"}) {
    EXPECT_TRUE(std::filesystem::exists(directory / file)) << file << "\n" << result.output;
  }
  EXPECT_NEAR(totalMass(directory / "subject01_simbody.osim"), 72.6, 1e-9);
}

TEST(ScaleCommand, ScaleWithFlagsAndBadInput) {
  const auto data =
      kinchain::test::sharedData("opensim-core/scale_gait2354/subject01_static.trc").parent_path();
  const auto directory = kinchain::test::scratchDirectory("scale");
  const auto output = directory / "subject.osim";
  const std::string common = "scale --model " + quoted(data / "gait2354_simbody.osim") +
                             " --static " + quoted(data / "subject01_static.trc") + " --markers " +
                             quoted(data / "gait2354_Scale_MarkerSet.xml");
  const auto result = run(common + " --measurements " + quoted(data / "subject01_Setup_Scale.xml") +
                          " --mass 70 -o " + quoted(output));
  ASSERT_EQ(result.exitCode, 0) << result.output;
  EXPECT_NEAR(totalMass(output), 70.0, 1e-9);
  EXPECT_TRUE(std::filesystem::exists(directory / "subject_marker_errors.txt"));
  // A time range outside the trial (0..4.98 s) is an error naming the range.
  const auto bad = run(common + " --start 10 --end 11 -o " + quoted(directory / "bad.osim"));
  EXPECT_EQ(bad.exitCode, 1);
  EXPECT_NE(bad.output.find("no frame inside"), std::string::npos) << bad.output;
}

TEST(IkCommand, OutputWithoutADirectoryPartGoesToTheWorkingDirectory) {
  const auto data =
      kinchain::test::sharedData("opensim-core/ik_gait2354/subject01_simbody.osim").parent_path();
  const auto directory = kinchain::test::scratchDirectory("ik-relative");
  std::string command =
      "cd " + quoted(directory) + " && " + quoted(kinchain::test::kinchainBinary());
  command += " ik --model " + quoted(data / "subject01_simbody.osim") + " --markers " +
             quoted(data / "subject01_synthetic_marker_data.trc") +
             " -o walk.mot --errors errors.sto 2>&1";
  const auto [exitCode, output] = kinchain::test::runShell(command);
  ASSERT_EQ(exitCode, 0) << output;
  EXPECT_TRUE(std::filesystem::exists(directory / "walk.mot")) << output;
  EXPECT_TRUE(std::filesystem::exists(directory / "errors.sto")) << output;
}

}  // namespace
