// Reading only the time window a caller needs from a storage file, and a TRC trial whose
// ground-reaction file runs far beyond its markers (issue #12): only the window is kept, the
// warning names both time ranges, and the rows kept are those of a full read.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "kinchain/analysis/recorded_trial.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/math/gcv_spline.hpp"
#include "test_paths.hpp"

namespace kinchain {
namespace {

namespace fs = std::filesystem;

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream stream(path, std::ios::binary);
  stream << text;
}

// An STO with columns a and b sampled at `rate` Hz from `first` to `last` s; a = time, b a
// wave, so every row is different.
std::string storageText(double first, double last, double rate) {
  std::string text = "version=1\nnRows=0\ninDegrees=no\nendheader\ntime\ta\tb\n";
  const auto rows = static_cast<int>(std::lround((last - first) * rate)) + 1;
  for (int i = 0; i < rows; ++i) {
    const double t = first + i / rate;
    text += fmt::format("{}\t{}\t{}\n", t, t, std::sin(3.0 * t));
  }
  return text;
}

// The rows of `full` whose times lie in [from, to].
std::vector<double> timesBetween(const io::TimeSeriesTable& full, double from, double to) {
  std::vector<double> times;
  for (const double t : full.time())
    if (t >= from && t <= to) times.push_back(t);
  return times;
}

TEST(LargeInputWindow, KeepsOnlyTheWindowAndItsExtraRowsFromA100SecondFile) {
  const auto dir = test::scratchDirectory("window");
  const auto path = dir / "long.sto";
  writeFile(path, storageText(0.0, 100.0, 100.0));
  const auto full = io::readSto(path);
  ASSERT_EQ(full.rowCount(), 10001);

  const io::StoTimeWindow window{40.0, 42.0, 3};
  const auto read = io::readSto(path, window);
  // 40.00..42.00 at 100 Hz is 201 rows, plus 3 before and 3 after.
  ASSERT_EQ(read.table.rowCount(), 207);
  EXPECT_EQ(read.table.time(), timesBetween(full, 39.97 - 1e-9, 42.03 + 1e-9));
  EXPECT_TRUE(read.rowsDropped);
  EXPECT_EQ(read.fileFirstTime, 0.0);
  EXPECT_EQ(read.fileLastTime, 100.0);
  EXPECT_EQ(read.table.metadata(), full.metadata());
  EXPECT_EQ(read.table.labels(), full.labels());
  // The values are those of the full read, row for row.
  const Eigen::Index offset = 3997;  // row of 39.97 s
  EXPECT_EQ(full.time()[offset], read.table.time()[0]);
  EXPECT_TRUE(read.table.values().isApprox(full.values().middleRows(offset, 207), 0.0));

  // The same from a text held in memory.
  const auto parsed = io::parseSto(test::fileText(path), path.string(), window);
  EXPECT_EQ(parsed.table.time(), read.table.time());
  EXPECT_TRUE(parsed.table.values().isApprox(read.table.values(), 0.0));
  EXPECT_EQ(parsed.fileLastTime, 100.0);
}

TEST(LargeInputWindow, WindowAtTheStartAtTheEndAndAroundTheWholeFile) {
  const auto dir = test::scratchDirectory("window_edges");
  const auto path = dir / "short.sto";
  writeFile(path, storageText(1.0, 3.0, 10.0));  // 21 rows, 1.0 .. 3.0 s
  const auto full = io::readSto(path);

  const auto start = io::readSto(path, {0.0, 1.25, 2});
  EXPECT_EQ(start.table.time(), timesBetween(full, 1.0, 1.45));  // 1.0, 1.1, 1.2 + 1.3, 1.4
  EXPECT_TRUE(start.rowsDropped);

  const auto end = io::readSto(path, {2.85, 5.0, 2});
  EXPECT_EQ(end.table.time(), timesBetween(full, 2.65, 3.0));  // 2.7, 2.8 + 2.9, 3.0
  EXPECT_TRUE(end.rowsDropped);
  EXPECT_EQ(end.fileLastTime, 3.0);

  const auto whole = io::readSto(path, {0.5, 3.5, 28});
  EXPECT_FALSE(whole.rowsDropped);
  EXPECT_EQ(whole.table.time(), full.time());
  EXPECT_EQ(whole.fileFirstTime, 1.0);
  EXPECT_EQ(whole.fileLastTime, 3.0);

  // No extra rows: exactly the window.
  const auto exact = io::readSto(path, {1.5, 2.0, 0});
  EXPECT_EQ(exact.table.time(), timesBetween(full, 1.45, 2.05));
  // A window between two samples keeps the extra rows on each side only.
  const auto between = io::readSto(path, {1.52, 1.58, 1});
  EXPECT_EQ(between.table.time(), timesBetween(full, 1.45, 1.65));
}

TEST(LargeInputWindow, RowsUpToTheWindowAreCheckedAndTheLastLineGivesTheEndTime) {
  const auto dir = test::scratchDirectory("window_checks");
  const std::string good = storageText(0.0, 10.0, 10.0);
  // A bad value before the window is an error, as in a full read.
  std::string before = good;
  before.replace(before.find("\n0.5\t"), 5, "\n0.5\tx");
  writeFile(dir / "before.sto", before);
  try {
    io::readSto(dir / "before.sto", {5.0, 6.0, 2});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.place(), "line 11 (column 'a')");
  }
  // The file's last time comes from its last line, which must be a time.
  std::string badEnd = good + "end\t1\t2\n\n";
  writeFile(dir / "bad_end.sto", badEnd);
  try {
    io::readSto(dir / "bad_end.sto", {1.0, 2.0, 2});
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.place(), "last line (column 'time')");
    EXPECT_NE(error.reason().find("'end'"), std::string::npos) << error.reason();
  }
  // A last time earlier than the rows read is an error too.
  writeFile(dir / "backwards.sto", good + "0.5\t1\t2\n");
  EXPECT_THROW(io::readSto(dir / "backwards.sto", {1.0, 2.0, 2}), InputError);
}

// A TRC with three markers at 64 Hz from `first` to `last` s (mm). 64 Hz and the forces' 1024 Hz
// make every time stamp and the window's ends exact binary fractions, so the rows kept are
// known exactly.
std::string markerText(double first, double last) {
  const auto frames = static_cast<int>(std::lround((last - first) * 64.0)) + 1;
  std::string text = fmt::format(
      "PathFileType\t4\t(X/Y/Z)\tm.trc\nDataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\t"
      "OrigDataRate\tOrigDataStartFrame\tOrigNumFrames\n64\t64\t{0}\t3\tmm\t64\t1\t{0}\n"
      "Frame#\tTime\tA\t\t\tB\t\t\tC\n\t\tX1\tY1\tZ1\tX2\tY2\tZ2\tX3\tY3\tZ3\n\n",
      frames);
  for (int i = 0; i < frames; ++i) {
    const double t = first + i / 64.0;
    text += fmt::format("{}\t{}\t{}\t0\t0\t0\t100\t0\t0\t0\t100\n", i + 1, t, 1000.0 * t);
  }
  return text;
}

// Ground reactions of one plate at 1024 Hz from `first` to `last` s.
std::string forceText(double first, double last) {
  std::string text =
      "grf\nversion=1\ninDegrees=no\nendheader\ntime\tground_force_vx\tground_force_vy\t"
      "ground_force_vz\tground_force_px\tground_force_py\tground_force_pz\tground_torque_x\t"
      "ground_torque_y\tground_torque_z\n";
  const auto rows = static_cast<int>(std::lround((last - first) * 1024.0)) + 1;
  for (int i = 0; i < rows; ++i) {
    const double t = first + i / 1024.0;
    text += fmt::format("{}\t{}\t{}\t0\t{}\t0\t0\t0\t{}\t0\n", t, std::sin(t), 700 + t, 0.1 * t,
                        std::cos(t));
  }
  return text;
}

TEST(LargeInputWindow, TrcTrialReadsOnlyTheForcesAroundItsMarkersAndWarnsWithBothRanges) {
  const auto dir = test::scratchDirectory("trial_window");
  writeFile(dir / "markers.trc", markerText(10.0, 12.0));
  writeFile(dir / "grf.mot", forceText(0.0, 100.0));
  const fs::path grf = dir / "grf.mot";
  const auto trial = analysis::readTrcTrial(dir / "markers.trc", &grf);
  ASSERT_EQ(trial.plates.size(), 1u);
  const auto& time = trial.plates[0].time;
  // One marker frame (1/64 s) and 28 force samples (28/1024 s) beyond 10..12 s.
  ASSERT_FALSE(time.empty());
  const double front = 10.0 - 1.0 / 64 - 28.0 / 1024;
  const double back = 12.0 + 1.0 / 64 + 28.0 / 1024;
  EXPECT_EQ(time.front(), front);
  EXPECT_EQ(time.back(), back);
  EXPECT_EQ(time.size(), static_cast<std::size_t>(std::lround((back - front) * 1024)) + 1);

  // Values as in a full read of the file, at the same times.
  const auto full = io::readSto(grf);
  const auto first = static_cast<Eigen::Index>(
      std::find(full.time().begin(), full.time().end(), time.front()) - full.time().begin());
  ASSERT_LT(first, full.rowCount());
  const auto rows = static_cast<Eigen::Index>(time.size());
  EXPECT_TRUE(trial.plates[0].force.col(1).isApprox(
      full.scalarColumn(full.requireColumn("ground_force_vy")).segment(first, rows), 0.0));
  EXPECT_TRUE(trial.plates[0].freeMoment.col(1).isApprox(
      full.scalarColumn(full.requireColumn("ground_torque_y")).segment(first, rows), 0.0));

  ASSERT_EQ(trial.warnings.size(), 1u);
  const std::string& warning = trial.warnings[0];
  EXPECT_NE(warning.find("grf.mot"), std::string::npos) << warning;
  EXPECT_NE(warning.find("spans 0 to 100 s"), std::string::npos) << warning;
  EXPECT_NE(warning.find("markers only 10 to 12 s"), std::string::npos) << warning;
  EXPECT_NE(warning.find(fmt::format("only {:g} to {:g} s", front, back)), std::string::npos)
      << warning;
}

TEST(LargeInputWindow, ForcesOverTheMarkersRangeAreReadWholeWithoutAWarning) {
  const auto dir = test::scratchDirectory("trial_same_range");
  writeFile(dir / "markers.trc", markerText(0.0, 2.0));
  writeFile(dir / "grf.mot", forceText(0.0, 2.0));
  const fs::path grf = dir / "grf.mot";
  const auto trial = analysis::readTrcTrial(dir / "markers.trc", &grf);
  EXPECT_TRUE(trial.warnings.empty());
  ASSERT_EQ(trial.plates.size(), 1u);
  EXPECT_EQ(trial.plates[0].time, io::readSto(grf).time());
}

TEST(LargeInputWindow, ForcesThatDoNotOverlapTheMarkersAreAnErrorNamingBothRanges) {
  const auto dir = test::scratchDirectory("trial_no_overlap");
  writeFile(dir / "markers.trc", markerText(10.0, 12.0));
  writeFile(dir / "grf.mot", forceText(20.0, 30.0));
  const fs::path grf = dir / "grf.mot";
  try {
    analysis::readTrcTrial(dir / "markers.trc", &grf);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), grf.string());
    EXPECT_NE(error.reason().find("spans 20 to 30 s"), std::string::npos) << error.reason();
    EXPECT_NE(error.reason().find("markers 10 to 12 s"), std::string::npos) << error.reason();
  }
}

// The margin's reason (recorded_trial.hpp): inverse dynamics evaluates interpolating cubic splines
// through the force samples at the marker frames only, and 28 samples beyond one marker frame
// leave those values as they are with the whole file, up to rounding. Without the margin they
// are not, which is what makes this test able to fail.
TEST(LargeInputWindow, TheForceMarginLeavesTheLoadSplinesAtTheMarkerFramesUnchanged) {
  // A vertical force of a foot on a plate at 1000 Hz over 10 s: half-sine contacts with a
  // ripple, zero between them (the kinks at contact are what a cut spline would feel most).
  std::string text = "endheader\ntime\tfy\n";
  for (int i = 0; i <= 10000; ++i) {
    const double t = i / 1000.0;
    const double contact = std::max(0.0, std::sin(2.0 * M_PI * 0.9 * t));
    text += fmt::format("{}\t{}\n", t, 800.0 * contact * (1.0 + 0.05 * std::sin(37.0 * t)));
  }
  const auto full = io::parseSto(text, "grf.mot");
  const auto splineOf = [](const io::TimeSeriesTable& table) {
    const Eigen::VectorXd time =
        Eigen::Map<const Eigen::VectorXd>(table.time().data(), table.rowCount());
    return math::GcvSpline::interpolate(time, table.scalarColumn(0), 2);
  };
  const auto fullSpline = splineOf(full);
  // Markers at 100 Hz from 4.00037 to 5.99037 s.
  const auto largestChange = [&](const io::StoTimeWindow& window) {
    const auto windowed = io::parseSto(text, "grf.mot", window);
    EXPECT_TRUE(windowed.rowsDropped);
    const auto spline = splineOf(windowed.table);
    double largest = 0.0;
    // Marker frames between force samples (a frame on a sample would give the sample itself,
    // whatever the spline): 0.37 ms after each 100 Hz frame.
    for (int k = 0; k < 200; ++k) {
      const double t = 4.00037 + k / 100.0;
      largest = std::max(largest, std::abs(spline.value(t) - fullSpline.value(t)));
    }
    return largest;
  };
  // Rounding: the force is at most 840 N and the two splines are solved from different systems;
  // 1e-12 relative to that is a few hundred times double precision.
  const double rounding = 1e-12 * 840.0;
  EXPECT_LE(largestChange(analysis::forceWindowAround(4.00037, 5.99037, 100.0)), rounding);
  EXPECT_GT(largestChange({4.00037, 5.99037, 0}), 1000.0 * rounding);
}

}  // namespace
}  // namespace kinchain
