// `kinchain info` and `kinchain convert`, run as the built binary.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "kinchain/io/c3d_export.hpp"
#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/trc_file.hpp"
#include "test_paths.hpp"

namespace kinchain::io {
namespace {

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

RunResult runKinchain(const std::string& arguments, const std::filesystem::path& scratch) {
  const auto out = scratch / "stdout.txt";
  const auto err = scratch / "stderr.txt";
  const std::string command =
      fmt::format("\"{}\" {} > \"{}\" 2> \"{}\"", test::kinchainBinary().string(), arguments,
                  out.string(), err.string());
  const int raw = std::system(command.c_str());
  RunResult result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

std::string infoOf(const std::filesystem::path& path) {
  return fmt::format("info \"{}\"", path.string());
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CliIo, InfoDescribesTheBundledPlugInGaitTrial) {
  const auto scratch = test::scratchDirectory("info");
  const auto trial =
      std::filesystem::path(KINCHAIN_SOURCE_DATA_DIR) / "trials/PiG_Motion-FlatFoot-One.c3d";
  const RunResult r = runKinchain(fmt::format("info \"{}\"", trial.string()), scratch);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "Intel processor format")) << r.out;
  EXPECT_TRUE(contains(r.out, "points: 193 at 100 Hz, frames 342-596 (255 frames")) << r.out;
  EXPECT_TRUE(contains(r.out, "analog: 38 channels at 1000 Hz")) << r.out;
  EXPECT_TRUE(contains(r.out, "force platforms: 2")) << r.out;
  EXPECT_TRUE(contains(r.out, "1: type 2")) << r.out;
  EXPECT_TRUE(contains(r.out, "events: 8")) << r.out;
  EXPECT_TRUE(contains(r.out, "Left Foot Strike")) << r.out;
}

TEST(CliIo, InfoReadsTrcAndSto) {
  const auto scratch = test::scratchDirectory("info-text");
  const RunResult trc = runKinchain(
      infoOf(test::sharedData("opensim-core/c3d_walking2/std_walking2_markers.trc")), scratch);
  ASSERT_EQ(trc.status, 0) << trc.err;
  EXPECT_TRUE(contains(trc.out, "TRC, 126 rows, 44 columns")) << trc.out;
  EXPECT_TRUE(contains(trc.out, "units: mm")) << trc.out;
  const RunResult sto = runKinchain(
      infoOf(test::sharedData("opensim-core/c3d_walking2/std_walking2_analog.sto")), scratch);
  ASSERT_EQ(sto.status, 0) << sto.err;
  EXPECT_TRUE(contains(sto.out, "STO, 11 rows, 12 columns")) << sto.out;
  EXPECT_TRUE(contains(sto.out, "time: 0 to 4.9955 s")) << sto.out;
}

TEST(CliIo, ConvertWalking2MarkersMatchOpenSimStandard) {
  // End to end: C3D -> TRC written by convert -> read back -> std_walking2_markers.trc within
  // OpenSim's 1e-4 (magnitude-scaled) at the standard's rows.
  const auto scratch = test::scratchDirectory("convert-walking2");
  const auto c3d = test::sharedData("opensim-core/c3d_walking2/walking2.c3d");
  const RunResult r =
      runKinchain(fmt::format("convert \"{}\" --markers \"{}\" --forces \"{}\"", c3d.string(),
                              (scratch / "m.trc").string(), (scratch / "f.mot").string()),
                  scratch);
  ASSERT_EQ(r.status, 0) << r.err;
  const TimeSeriesTable ours = readTrc(scratch / "m.trc");
  const TimeSeriesTable standard =
      readTrc(test::sharedData("opensim-core/c3d_walking2/std_walking2_markers.trc"));
  EXPECT_EQ(ours.metadataValue("Units"), "mm");
  ASSERT_EQ(ours.rowCount(), 1249);
  for (Eigen::Index row = 0; row < standard.rowCount(); ++row) {
    const auto frame = static_cast<Eigen::Index>(
        std::llround(standard.time()[static_cast<std::size_t>(row)] * 250.0));
    for (std::size_t c = 0; c < standard.columnCount(); ++c) {
      const Eigen::Vector3d a = ours.vector3(frame, ours.requireColumn(standard.column(c).label));
      const Eigen::Vector3d b = standard.vector3(row, c);
      if (a.hasNaN() || b.hasNaN()) {
        EXPECT_EQ(a.hasNaN(), b.hasNaN()) << standard.column(c).label << " row " << row;
        continue;
      }
      EXPECT_LE((a - b).norm(), 1e-4 * std::max({1.0, a.norm(), b.norm()}))
          << standard.column(c).label;
    }
  }
  // Forces (COP location) against std_cop_walking2_grfs.sto in N, mm, N·mm where a foot loads
  // the plate (our file zeroes samples under the 10 N threshold).
  const TimeSeriesTable forces = readSto(scratch / "f.mot");
  const TimeSeriesTable cop =
      readSto(test::sharedData("opensim-core/c3d_walking2/std_cop_walking2_grfs.sto"));
  std::size_t loaded = 0;
  for (Eigen::Index row = 0; row < cop.rowCount(); ++row) {
    const auto sample =
        static_cast<Eigen::Index>(std::llround(cop.time()[static_cast<std::size_t>(row)] * 2000.0));
    for (int plate = 1; plate <= 2; ++plate) {
      const int n = plate;
      const double fz =
          forces.scalar(sample, forces.requireColumn(fmt::format("plate{}_force_vz", n)));
      if (fz == 0.0) continue;
      ++loaded;
      const char* axes[] = {"x", "y", "z"};
      for (int k = 0; k < 3; ++k) {
        const int i = k + 1;
        const auto near = [](double mine, double theirs) {
          return std::abs(mine - theirs) <= 1e-6 * std::max(1.0, std::abs(theirs));
        };
        EXPECT_TRUE(near(forces.scalar(sample, forces.requireColumn(
                                                   fmt::format("plate{}_force_v{}", n, axes[k]))),
                         cop.scalar(row, cop.requireColumn(fmt::format("f{}_{}", n, i)))));
        EXPECT_TRUE(near(1000.0 * forces.scalar(sample, forces.requireColumn(fmt::format(
                                                            "plate{}_force_p{}", n, axes[k]))),
                         cop.scalar(row, cop.requireColumn(fmt::format("p{}_{}", n, i)))));
        EXPECT_TRUE(near(1000.0 * forces.scalar(sample, forces.requireColumn(fmt::format(
                                                            "plate{}_torque_{}", n, axes[k]))),
                         cop.scalar(row, cop.requireColumn(fmt::format("m{}_{}", n, i)))));
      }
    }
  }
  EXPECT_GT(loaded, 100u);
}

TEST(CliIo, ConvertPlugInGaitInMetresWithForcesAtOrigin) {
  const auto scratch = test::scratchDirectory("convert-pig");
  const auto c3d =
      std::filesystem::path(KINCHAIN_SOURCE_DATA_DIR) / "trials/PiG_Motion-FlatFoot-One.c3d";
  const RunResult r = runKinchain(
      fmt::format("convert \"{}\" --markers \"{}\" --forces \"{}\" --units m --forces-at origin",
                  c3d.string(), (scratch / "m.trc").string(), (scratch / "f.mot").string()),
      scratch);
  ASSERT_EQ(r.status, 0) << r.err;
  const C3dTrial trial = readC3d(c3d);
  const TimeSeriesTable markers = readTrc(scratch / "m.trc");
  EXPECT_EQ(markers.metadataValue("Units"), "m");
  // Model outputs (angles, forces, moments, powers) are not markers.
  EXPECT_EQ(markers.columnCount(), 193u - 26u - 20u - 18u - 16u);
  EXPECT_FALSE(markers.findColumn("LKneeAngles").has_value());
  const Eigen::Vector3d rhee = markers.vector3(100, markers.requireColumn("RHEE"));
  const Eigen::Vector3d expected =
      trial.points.vector3(100, trial.points.requireColumn("RHEE")) / 1000.0;
  EXPECT_LE((rhee - expected).norm(), 1e-12);
  const TimeSeriesTable forces = readSto(scratch / "f.mot");
  ASSERT_EQ(forces.rowCount(), 2550);
  const auto& plate = trial.forcePlatforms[0];
  const auto& w = trial.forcePlatformWrenches[0];
  EXPECT_DOUBLE_EQ(forces.scalar(1288, forces.requireColumn("plate1_force_vz")), w.force(1288, 2));
  EXPECT_DOUBLE_EQ(forces.scalar(1288, forces.requireColumn("plate1_torque_x")),
                   w.momentAtOrigin(1288, 0));
  EXPECT_DOUBLE_EQ(forces.scalar(0, forces.requireColumn("plate1_force_pz")), plate.origin.z());
}

TEST(CliIo, ErrorsGoToStderrWithNonZeroStatus) {
  const auto scratch = test::scratchDirectory("errors");
  const RunResult missing =
      runKinchain(fmt::format("info \"{}\"", (scratch / "absent.c3d").string()), scratch);
  EXPECT_NE(missing.status, 0);
  EXPECT_FALSE(missing.err.empty());

  const auto c3d = test::sharedData("btkdata/Gait.c3d");
  const RunResult nothing = runKinchain(fmt::format("convert \"{}\"", c3d.string()), scratch);
  EXPECT_NE(nothing.status, 0);
  EXPECT_TRUE(contains(nothing.err, "nothing to write")) << nothing.err;

  // A truncated copy: the message names the file and the byte.
  const std::string bytes = slurp(c3d);
  const auto cut = scratch / "cut.c3d";
  std::ofstream(cut, std::ios::binary).write(bytes.data(), 100000);
  const RunResult damaged = runKinchain(fmt::format("info \"{}\"", cut.string()), scratch);
  EXPECT_NE(damaged.status, 0);
  EXPECT_TRUE(contains(damaged.err, "kinchain: error: ")) << damaged.err;
  EXPECT_TRUE(contains(damaged.err, "cut.c3d: byte ")) << damaged.err;
  EXPECT_TRUE(contains(damaged.err, "truncated")) << damaged.err;

  const RunResult help = runKinchain("convert --help", scratch);
  EXPECT_EQ(help.status, 0);
  EXPECT_TRUE(contains(help.out, "plate1_force_v")) << help.out;
  EXPECT_EQ(runKinchain("info --help", scratch).status, 0);
}

}  // namespace
}  // namespace kinchain::io
