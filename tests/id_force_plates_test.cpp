// `kinchain id --force-plates TRIAL.c3d`: inverse dynamics straight from a C3D's plates, each
// contact assigned to the foot the coordinates put on it.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "command_runner.hpp"
#include "kinchain/dynamics/external_loads.hpp"
#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/sto_file.hpp"
#include "test_paths.hpp"

namespace kinchain {
namespace {

TEST(IdFromForcePlates, PlugInGaitTrialKeepsEveryNewtonOfThePlates) {
  const auto directory = test::scratchDirectory("id_force_plates");
  const auto trial = test::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d");
  const auto quoted = [](const std::filesystem::path& path) {
    return fmt::format("\"{}\"", path.string());  // fmt: GCC 12 -Wrestrict on "x" + string
  };
  // A model carrying the Plug-in Gait markers: the analysis writes one.
  auto result = test::runKinchain("analyze " + quoted(trial) + " -o " +
                                  quoted(directory / "analysis") + " --quiet");
  ASSERT_EQ(result.exitCode, 0) << result.output;
  const auto model = directory / "analysis" / "model_scaled.osim";
  result = test::runKinchain("ik --model " + quoted(model) + " --markers " + quoted(trial) +
                             " -o " + quoted(directory / "q.mot"));
  ASSERT_EQ(result.exitCode, 0) << result.output;
  result = test::runKinchain("id --model " + quoted(model) + " --coordinates " +
                             quoted(directory / "q.mot") + " --force-plates " + quoted(trial) +
                             " --lowpass 6 -o " + quoted(directory / "id.sto"));
  ASSERT_EQ(result.exitCode, 0) << result.output;

  const auto moments = io::readSto(directory / "id.sto");
  EXPECT_TRUE(moments.findColumn("ankle_angle_r_moment").has_value());
  const auto loads = dynamics::readExternalLoads(directory / "id_external_loads.xml");
  ASSERT_EQ(loads.forces.size(), 2u);
  EXPECT_EQ(loads.dataFile.filename(), "id_grf.mot");

  // Both plates' contacts go to a foot, so inside a contact the feet's vertical forces add up
  // to the plates' (C3D lab z is up here; OpenSim's y is up). Samples within one motion frame of
  // a threshold crossing are left out: contact edges are resolved to the frame
  // (PlateAssignmentOptions), not the analog sample.
  const auto c3d = io::readC3d(trial);
  const auto grf = io::readSto(directory / "id_grf.mot");
  ASSERT_EQ(grf.rowCount(), c3d.analog.rowCount());
  const auto right = grf.scalarColumn(grf.requireColumn("ground_force_vy"));
  const auto left = grf.scalarColumn(grf.requireColumn("l_ground_force_vy"));
  const Eigen::Index frame = c3d.analogSamplesPerFrame;
  const auto loaded = [&](const io::ForcePlatformWrenches& wrench, Eigen::Index row) {
    // The 10 N contact threshold on the upward force (a plate drifting negative is unloaded).
    return wrench.force(row, 2) >= 10.0;
  };
  double worst = 0.0;
  int inside = 0;
  for (Eigen::Index row = frame; row + frame < grf.rowCount(); ++row) {
    double plates = 0.0;
    bool nearEdge = false;
    for (const auto& wrench : c3d.forcePlatformWrenches) {
      nearEdge |= loaded(wrench, row - frame) != loaded(wrench, row + frame);
      if (loaded(wrench, row)) plates += wrench.force(row, 2);
    }
    if (nearEdge) continue;
    ++inside;
    worst = std::max(worst, std::abs(right[row] + left[row] - plates));
  }
  EXPECT_GT(inside, grf.rowCount() / 2);
  EXPECT_LT(worst, 1e-6);  // N: the assignment moves force between feet, it never makes any
}

}  // namespace
}  // namespace kinchain
