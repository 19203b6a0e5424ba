// `kinchain model info` run as a user would: the built binary on shared OpenSim models.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include "command_runner.hpp"
#include "test_paths.hpp"

namespace {

using kinchain::test::CommandResult;

CommandResult run(const std::string& arguments) {
  return kinchain::test::runKinchain(arguments);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ModelInfoCommand, ListsRajagopalModel) {
  const auto path =
      kinchain::test::sharedData("opensim-core/models/model_Rajagopal2015_posed.osim");
  const CommandResult result = run("model info \"" + path.string() + "\"");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  const std::string& out = result.output;
  // Counts from ../shared/data/README.md: 80 muscles, 73 markers, 31 coordinates.
  EXPECT_TRUE(contains(out, "22 bodies, 22 joints, 31 coordinates, 73 markers, 80 muscles")) << out;
  EXPECT_TRUE(contains(out, "PinJoint        tibia_r -> talus_r  [ankle_angle_r]")) << out;
  EXPECT_TRUE(contains(out, "WeldJoint       talus_r -> calcn_r")) << out;
  // knee range 0..2.0944 rad in the file, listed in degrees.
  EXPECT_TRUE(contains(out, "knee_angle_r           rotational    [0, 120]")) << out;
  // Left hip adduction is mirrored (slope -1): still rotational, as in OpenSim 4.
  EXPECT_TRUE(contains(out, "hip_adduction_l        rotational")) << out;
  EXPECT_TRUE(contains(out, "pelvis_tx              translational [-5, 5]")) << out;
  EXPECT_TRUE(contains(out, "Millard2012EquilibriumMuscle")) << out;
  EXPECT_TRUE(contains(out, "R.ASIS")) << out;
  EXPECT_TRUE(contains(out, "not understood / ignored")) << out;
}

TEST(ModelInfoCommand, ListsWhatWasIgnored) {
  // gait2392 3.x leaves activation sub-objects in its Millard muscles that OpenSim 4 ignores.
  const auto path = kinchain::test::sharedData("opensim-core/models/gait2392_millard_v30000.osim");
  const CommandResult result = run("model info \"" + path.string() + "\"");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "MuscleFirstOrderActivationDynamicModel (line 2519)"))
      << result.output;
  EXPECT_TRUE(contains(result.output, "in 92 muscles")) << result.output;
}

TEST(ModelInfoCommand, ReportsMalformedModelWithLine) {
  const auto directory = kinchain::test::scratchDirectory("model_info");
  const auto path = directory / "truncated.osim";
  std::ofstream(path) << "<OpenSimDocument Version=\"40000\"><Model name=\"m\"><BodySet>";
  const CommandResult result = run("model info \"" + path.string() + "\"");
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_TRUE(contains(result.output, "kinchain: error:")) << result.output;
  EXPECT_TRUE(contains(result.output, "truncated.osim: line 1")) << result.output;
}

TEST(ModelInfoCommand, HelpDescribesTheCommand) {
  const CommandResult result = run("model info --help");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_TRUE(contains(result.output, "MODEL")) << result.output;
}

}  // namespace
