// Force platforms of types 1-4 against hand-computed wrenches, through synthetic C3D files so
// the FORCE_PLATFORM parameters (CORNERS, ORIGIN, CHANNEL, CAL_MATRIX) are read as well.

#include "kinchain/io/force_platform.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <cmath>

#include "c3d_test_builder.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/io/c3d_file.hpp"

namespace kinchain::io {
namespace {

using test::C3dFormat;
using test::C3dTestBuilder;

// Plate of 400 x 200 mm centred on the lab origin with plate x = lab x, plate y = -lab y,
// plate z = -lab z (down): corner 1 (+x+y plate) = lab (200, -100, 0), etc.
const std::vector<double> kCorners{200, -100, 0, -200, -100, 0, -200, 100, 0, 200, 100, 0};
const Eigen::Matrix3d kRotation = Eigen::Vector3d(1, -1, -1).asDiagonal();

// One-frame trial whose analog channels hold `channels` (one sample) for a plate of `type`.
C3dTestBuilder plateTrial(int type, const std::vector<double>& channels,
                          const std::vector<std::string>& units, std::vector<double> origin,
                          C3dFormat format = C3dFormat::Intel) {
  C3dTestBuilder b;
  b.format = format;
  b.pointScale = -1.0;
  b.pointLabels = {"M"};
  b.points = {{{{0, 0, 0, 0}}}};
  for (std::size_t c = 0; c < channels.size(); ++c)
    b.analogLabels.push_back(std::string("C") += std::to_string(c + 1));
  b.analogUnits = units;
  b.analog = {channels};
  std::vector<double> channelIndices;
  for (std::size_t c = 0; c < channels.size(); ++c)
    channelIndices.push_back(static_cast<double>(c + 1));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "USED", {1}));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "TYPE", {static_cast<double>(type)}));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "CHANNEL", channelIndices,
                             {static_cast<int>(channels.size()), 1}));
  b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "CORNERS", kCorners, {3, 4, 1}));
  b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "ORIGIN", std::move(origin), {3, 1}));
  return b;
}

void expectVector(const Eigen::RowVector3d& actual, const Eigen::Vector3d& expected, double tol) {
  EXPECT_NEAR(actual.x(), expected.x(), tol)
      << "actual " << actual << " expected " << expected.transpose();
  EXPECT_NEAR(actual.y(), expected.y(), tol)
      << "actual " << actual << " expected " << expected.transpose();
  EXPECT_NEAR(actual.z(), expected.z(), tol)
      << "actual " << actual << " expected " << expected.transpose();
}

// Channels are float32 in the file: 1e-6 relative on values of order 1e3 gives 1e-3 N / N·mm.
constexpr double kTol = 1e-6;

TEST(ForcePlatform, Type2PointLoadGivesItsCentreOfPressure) {
  // Reaction F = (10, 20, -600) N (plate axes) applied at r = (50, -20, -30) mm from the origin
  // (surface 30 mm above the origin: ORIGIN = (0, 0, -30) as the manual stores it) with free
  // moment 1.5 N·m about plate z. M = r x F + (0, 0, T):
  //   r x F = (ry Fz - rz Fy, rz Fx - rx Fz, rx Fy - ry Fx) = (12.6, 29.7, 1.2) N·m.
  const std::vector<double> channels{10, 20, -600, 12600, 29700, 2700};  // N and N·mm
  const auto b = plateTrial(2, channels, {"N", "N", "N", "Nmm", "Nmm", "Nmm"}, {0, 0, -30});
  const C3dTrial trial = parseC3d(b.build(), "type2.c3d");
  ASSERT_EQ(trial.forcePlatforms.size(), 1u);
  const auto& plate = trial.forcePlatforms[0];
  EXPECT_TRUE(plate.rotation.isApprox(kRotation, 1e-12));
  expectVector(plate.origin.transpose(), Eigen::Vector3d(0, 0, -0.030), 1e-12);
  const auto& w = trial.forcePlatformWrenches[0];
  expectVector(w.force.row(0), Eigen::Vector3d(10, -20, 600), kTol);
  expectVector(w.centreOfPressure.row(0), Eigen::Vector3d(0.050, 0.020, 0.0), kTol);
  expectVector(w.freeMoment.row(0), Eigen::Vector3d(0, 0, -1.5), kTol);
  expectVector(w.momentAtOrigin.row(0), kRotation * Eigen::Vector3d(12.6, 29.7, 2.7), kTol);
}

TEST(ForcePlatform, Type2OriginStoredWithPositiveZIsReadTheSameWay) {
  const std::vector<double> channels{10, 20, -600, 12600, 29700, 2700};
  const auto b = plateTrial(2, channels, {"N", "N", "N", "Nmm", "Nmm", "Nmm"}, {0, 0, 30});
  const C3dTrial trial = parseC3d(b.build(), "type2-positive.c3d");
  expectVector(trial.forcePlatformWrenches[0].centreOfPressure.row(0),
               Eigen::Vector3d(0.050, 0.020, 0.0), kTol);
  bool warned = false;
  for (const auto& warning : trial.warnings)
    warned |= warning.find("ORIGIN") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(ForcePlatform, Type1ChannelsAreCopAndFreeMoment) {
  // Fx Fy Fz = (10, 20, -500) N, COP (30, 40) mm from the surface centre, Tz = 2000 N·mm.
  const std::vector<double> channels{10, 20, -500, 30, 40, 2000};
  const auto b =
      plateTrial(1, channels, {"N", "N", "N", "mm", "mm", "Nmm"}, {0, 0, 0}, C3dFormat::Mips);
  const C3dTrial trial = parseC3d(b.build(), "type1.c3d");
  const auto& w = trial.forcePlatformWrenches.at(0);
  expectVector(w.force.row(0), Eigen::Vector3d(10, -20, 500), kTol);
  expectVector(w.centreOfPressure.row(0), Eigen::Vector3d(0.030, -0.040, 0.0), kTol);
  expectVector(w.freeMoment.row(0), Eigen::Vector3d(0, 0, -2.0), kTol);
}

TEST(ForcePlatform, Type3KistlerEightChannels) {
  // a = 120 mm, b = 200 mm, az0 = -40 mm. Channels Fx12 Fx34 Fy14 Fy23 Fz1..Fz4:
  const std::vector<double> channels{5, 7, -3, 4, -100, -150, -200, -60};
  // Kistler manual: Fx = 12, Fy = 1, Fz = -510,
  //   Mx = b (Fz1 + Fz2 - Fz3 - Fz4) = 0.2 (10) = 2.0 N·m
  //   My = a (-Fz1 + Fz2 + Fz3 - Fz4) = 0.12 (-190) = -22.8 N·m
  //   Mz = b (-Fx12 + Fx34) + a (Fy14 - Fy23) = 0.4 - 0.84 = -0.44 N·m
  //   ax = (Fx az0 - My) / Fz = (-0.48 + 22.8) / -510,  ay = (Fy az0 + Mx) / Fz = 1.96 / -510
  //   Tz = Mz - Fy ax + Fx ay
  const double ax = 22.32 / -510.0, ay = 1.96 / -510.0;
  const double tz = -0.44 - 1.0 * ax + 12.0 * ay;
  const auto b =
      plateTrial(3, channels, std::vector<std::string>(8, "N"), {120, 200, -40}, C3dFormat::Dec);
  const C3dTrial trial = parseC3d(b.build(), "type3.c3d");
  const auto& w = trial.forcePlatformWrenches.at(0);
  expectVector(w.force.row(0), Eigen::Vector3d(12, -1, 510), kTol);
  expectVector(w.centreOfPressure.row(0), Eigen::Vector3d(ax, -ay, 0.0), kTol);
  expectVector(w.freeMoment.row(0), Eigen::Vector3d(0, 0, -tz), kTol);
  expectVector(w.momentAtOrigin.row(0), kRotation * Eigen::Vector3d(2.0, -22.8, -0.44), kTol);
}

TEST(ForcePlatform, Type4AppliesTheCalibrationMatrixRowByColumn) {
  // Wrench of the type-2 test, produced from volts by a non-symmetric calibration matrix.
  Eigen::Matrix<double, 6, 6> cal = Eigen::Matrix<double, 6, 6>::Zero();
  cal.diagonal() << 100, 100, 200, 1000, 1000, 500;
  cal(0, 2) = 5.0;   // Fx picks up cross-talk from channel 3
  cal(5, 0) = 20.0;  // Mz from channel 1
  Eigen::Matrix<double, 6, 1> wrench;
  wrench << 10, 20, -600, 12600, 29700, 2700;
  const Eigen::Matrix<double, 6, 1> volts = cal.fullPivLu().solve(wrench);
  std::vector<double> channels(volts.data(), volts.data() + 6);
  auto b = plateTrial(4, channels, std::vector<std::string>(6, "V"), {0, 0, -30});
  std::vector<double> stored;  // first dimension (row) fastest
  for (int c = 0; c < 6; ++c) {
    for (int r = 0; r < 6; ++r)
      stored.push_back(cal(r, c));
  }
  b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "CAL_MATRIX", stored, {6, 6, 1}));
  const C3dTrial trial = parseC3d(b.build(), "type4.c3d");
  const auto& w = trial.forcePlatformWrenches.at(0);
  // Volts stored as float32: 1e-7 relative of ~600 N.
  expectVector(w.force.row(0), Eigen::Vector3d(10, -20, 600), 1e-3);
  expectVector(w.centreOfPressure.row(0), Eigen::Vector3d(0.050, 0.020, 0.0), 1e-6);
  expectVector(w.freeMoment.row(0), Eigen::Vector3d(0, 0, -1.5), 1e-3);
}

TEST(ForcePlatform, ZeroBaselineIsSubtractedWhenItNamesFrames) {
  // Two frames: frame 1 unloaded but offset by (1, 1, 5, 10, 10, 10); frame 2 the type-2 load
  // of the point-load test plus the same offset. ZERO = (1, 1) removes it.
  auto b = plateTrial(2, {1, 1, 5, 10, 10, 10}, {"N", "N", "N", "Nmm", "Nmm", "Nmm"}, {0, 0, -30});
  b.points = {{{{0, 0, 0, 0}}}, {{{0, 0, 0, 0}}}};
  b.analog = {{1, 1, 5, 10, 10, 10}, {11, 21, -595, 12610, 29710, 2710}};
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "ZERO", {1, 1}));
  const C3dTrial trial = parseC3d(b.build(), "zero.c3d");
  const auto& w = trial.forcePlatformWrenches.at(0);
  expectVector(w.force.row(1), Eigen::Vector3d(10, -20, 600), kTol);
  expectVector(w.centreOfPressure.row(1), Eigen::Vector3d(0.050, 0.020, 0.0), kTol);
  // (1, 0) is the "no baseline" value Vicon writes.
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "ZERO", {1, 0}));
  const C3dTrial raw = parseC3d(b.build(), "zero-off.c3d");
  expectVector(raw.forcePlatformWrenches.at(0).force.row(1), Eigen::Vector3d(11, -21, 595), kTol);
}

TEST(ForcePlatform, CopIsUndefinedBelowTheThreshold) {
  const std::vector<double> channels{1, 2, -9.5, 0, 0, 0};  // 9.5 N < 10 N default
  const auto b = plateTrial(2, channels, {"N", "N", "N", "Nmm", "Nmm", "Nmm"}, {0, 0, -30});
  const C3dTrial trial = parseC3d(b.build(), "light.c3d");
  const auto& w = trial.forcePlatformWrenches.at(0);
  EXPECT_TRUE(w.centreOfPressure.row(0).array().isNaN().all());
  EXPECT_TRUE(w.freeMoment.row(0).array().isNaN().all());
  EXPECT_FALSE(w.force.row(0).array().isNaN().any());
  C3dReadOptions options;
  options.forcePlatforms.copForceThreshold = 5.0;
  const C3dTrial lower = parseC3d(b.build(), "light.c3d", options);
  EXPECT_FALSE(lower.forcePlatformWrenches.at(0).centreOfPressure.row(0).array().isNaN().any());
}

TEST(ForcePlatform, MomentAboutMovesTheReferencePoint) {
  Eigen::MatrixX3d force(1, 3), moment(1, 3);
  force << 0, 0, 100;
  moment << 0, 0, 0;
  // Moving the point 0.1 m along -x: M_p = (o - p) x f = (0.1, 0, 0) x (0, 0, 100) = (0, -10, 0).
  const auto result =
      momentAbout(force, moment, Eigen::Vector3d::Zero(), Eigen::Vector3d(-0.1, 0, 0));
  expectVector(result.row(0), Eigen::Vector3d(0, -10, 0), 1e-12);
}

TEST(ForcePlatform, DegenerateCornersAreAnInputError) {
  auto b = plateTrial(2, {0, 0, 0, 0, 0, 0}, {"N", "N", "N", "Nmm", "Nmm", "Nmm"}, {0, 0, 0});
  b.set(
      C3dTestBuilder::floats("FORCE_PLATFORM", "CORNERS", std::vector<double>(12, 1.0), {3, 4, 1}));
  EXPECT_THROW(parseC3d(b.build(), "flat.c3d"), InputError);
}

}  // namespace
}  // namespace kinchain::io
