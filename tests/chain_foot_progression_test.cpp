// Foot progression angle on synthetic straight walks: a foot turned out by a known angle reads
// that angle (+ toe-out) on both sides, whatever the walking direction in the lab.

#include "kinchain/chain/foot_progression.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace kinchain::chain {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

/// Both feet walking straight at 1.2 m/s along `headingDeg` (0 = +X, OpenSim ground, Y up),
/// each foot turned `outDeg` away from the midline; cycles of 1 s, stance 60 %.
struct StraightWalk {
  dynamics::FootPoints feet;
  ChainInputs inputs;
};

StraightWalk straightWalk(double headingDeg, double outDeg) {
  StraightWalk walk;
  const int samples = 301;  // 0..3 s at 100 Hz
  const double footLength = 0.2;
  const double dx = std::cos(headingDeg * kDeg);
  const double dz = std::sin(headingDeg * kDeg);
  // The walker's right = walking × up = (−dz, dx) in the (x, z) plane.
  const double rightX = -dz;
  const double rightZ = dx;
  walk.feet.time.resize(samples);
  for (int foot = 0; foot < 2; ++foot) {
    walk.feet.heel[foot].resize(samples, 3);
    walk.feet.toe[foot].resize(samples, 3);
  }
  for (int i = 0; i < samples; ++i) {
    const double t = 0.01 * i;
    walk.feet.time[static_cast<std::size_t>(i)] = t;
    for (int foot = 0; foot < 2; ++foot) {
      const double lateral = foot == 1 ? 1.0 : -1.0;  // [0] left, [1] right
      const double along = 1.2 * t;
      const double heelX = along * dx + lateral * 0.1 * rightX;
      const double heelZ = along * dz + lateral * 0.1 * rightZ;
      // Turned out: rotated from the walking direction toward the foot's own lateral side.
      const double c = std::cos(outDeg * kDeg);
      const double s = std::sin(outDeg * kDeg);
      const double footX = c * dx + lateral * s * rightX;
      const double footZ = c * dz + lateral * s * rightZ;
      walk.feet.heel[foot].row(i) << heelX, 0.05, heelZ;
      walk.feet.toe[foot].row(i) << heelX + footLength * footX, 0.03, heelZ + footLength * footZ;
    }
  }
  using kinematics::GaitEvent;
  using kinematics::GaitEventKind;
  for (const Side side : {Side::Left, Side::Right}) {
    const double shift = side == Side::Left ? 0.5 : 0.0;
    for (int k = 0; k < 3; ++k) {
      walk.inputs.events.push_back({side, GaitEventKind::FootStrike, 0.2 + shift + k});
      walk.inputs.events.push_back({side, GaitEventKind::FootOff, 0.8 + shift + k});
    }
  }
  kinematics::sortEvents(walk.inputs.events);
  walk.inputs.footPoints = &walk.feet;
  return walk;
}

TEST(ChainFootProgression, AFootTurnedOutTenDegreesReadsPlusTen) {
  for (const double heading : {0.0, 180.0, 37.0}) {
    const StraightWalk walk = straightWalk(heading, 10.0);
    for (const Side side : {Side::Left, Side::Right}) {
      const FootProgressionSide found = footProgressionCurves(walk.inputs, side);
      ASSERT_TRUE(found.curves) << found.missing;
      ASSERT_FALSE(found.curves->cycles.empty());
      for (Eigen::Index k = 0; k < kCyclePoints; ++k)
        EXPECT_NEAR(found.curves->mean(k), 10.0, 1e-9) << heading << " " << sideName(side);
    }
    const ChainMetric metric = footProgressionMetric(walk.inputs);
    ASSERT_TRUE(metric.left.value && metric.right.value) << metric.left.missing;
    EXPECT_NEAR(*metric.left.value, 10.0, 1e-9);
    EXPECT_NEAR(*metric.right.value, 10.0, 1e-9);
  }
}

TEST(ChainFootProgression, ToeInIsNegative) {
  const StraightWalk walk = straightWalk(0.0, -7.5);
  const ChainMetric metric = footProgressionMetric(walk.inputs);
  ASSERT_TRUE(metric.left.value && metric.right.value);
  EXPECT_NEAR(*metric.left.value, -7.5, 1e-9);
  EXPECT_NEAR(*metric.right.value, -7.5, 1e-9);
}

TEST(ChainFootProgression, WithoutProgressionThereIsNoAngle) {
  StraightWalk walk = straightWalk(0.0, 10.0);
  // Walking on the spot (treadmill): the heels stay where they are.
  for (int foot = 0; foot < 2; ++foot) {
    const Eigen::MatrixX3d heel = walk.feet.heel[foot];
    for (Eigen::Index i = 0; i < heel.rows(); ++i) {
      walk.feet.toe[foot].row(i) -= heel.row(i) - heel.row(0);
      walk.feet.heel[foot].row(i) = heel.row(0);
    }
  }
  const FootProgressionSide found = footProgressionCurves(walk.inputs, Side::Right);
  EXPECT_FALSE(found.curves);
  EXPECT_NE(found.missing.find("no direction of progression"), std::string::npos) << found.missing;
  ChainInputs none;
  EXPECT_EQ(footProgressionMetric(none).left.missing, "no heel/toe trajectories");
}

}  // namespace
}  // namespace kinchain::chain
