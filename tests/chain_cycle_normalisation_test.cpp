#include "kinchain/chain/cycle_normalisation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace kinchain::chain {
namespace {

using kinematics::GaitCycle;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> sampleTimes(double rate, double duration) {
  std::vector<double> time;
  const int count = static_cast<int>(std::lround(duration * rate)) + 1;
  for (int i = 0; i < count; ++i)
    time.push_back(i / rate);
  return time;
}

GaitCycle cycle(double strike, double off, double next) {
  GaitCycle c;
  c.side = Side::Right;
  c.footStrike = strike;
  c.footOff = off;
  c.nextFootStrike = next;
  return c;
}

TEST(ChainCycleNormalisation, LinearSignalIsExact) {
  // f(t) = 3t + 1 is linear between samples, so linear interpolation reproduces it exactly
  // (up to rounding, 1e-12 for values of order 10).
  const auto time = sampleTimes(100.0, 2.0);
  Eigen::VectorXd values(static_cast<Eigen::Index>(time.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i)
    values(i) = 3.0 * time[i] + 1.0;
  const Eigen::VectorXd curve = normaliseInterval(time, values, 0.234, 1.377);
  ASSERT_EQ(curve.size(), kCyclePoints);
  for (Eigen::Index k = 0; k < kCyclePoints; ++k) {
    const double t = 0.234 + (1.377 - 0.234) * static_cast<double>(k) / 100.0;
    EXPECT_NEAR(curve(k), 3.0 * t + 1.0, 1e-12) << "point " << k;
  }
}

TEST(ChainCycleNormalisation, SineWithinInterpolationBound) {
  // f(t) = sin(2 pi t) sampled at h = 0.01 s: |error| <= h^2/8 max|f''| = h^2/8 (2 pi)^2.
  const double h = 0.01;
  const auto time = sampleTimes(1.0 / h, 3.0);
  Eigen::VectorXd values(static_cast<Eigen::Index>(time.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i)
    values(i) = std::sin(2.0 * std::numbers::pi * time[i]);
  const double bound = h * h / 8.0 * std::pow(2.0 * std::numbers::pi, 2);
  const Eigen::VectorXd curve = normaliseInterval(time, values, 0.5037, 1.6211);
  for (Eigen::Index k = 0; k < kCyclePoints; ++k) {
    const double t = 0.5037 + (1.6211 - 0.5037) * static_cast<double>(k) / 100.0;
    EXPECT_LE(std::abs(curve(k) - std::sin(2.0 * std::numbers::pi * t)), bound) << "point " << k;
  }
}

TEST(ChainCycleNormalisation, MeanAndSampleSdAcrossCycles) {
  // Two cycles of f(t) = t: at point k the values are a_k = s1 + k d1 and b_k = s2 + k d2, so the
  // mean is (a + b)/2 and the sample SD |a - b| / sqrt(2).
  const auto time = sampleTimes(100.0, 4.0);
  Eigen::VectorXd values(static_cast<Eigen::Index>(time.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i)
    values(i) = time[i];
  const std::vector<GaitCycle> cycles = {cycle(0.1, 0.7, 1.1), cycle(1.1, 1.8, 2.3)};
  const CycleCurves curves = normaliseCycles(time, values, cycles);
  ASSERT_EQ(curves.cycles.size(), 2U);
  for (Eigen::Index k = 0; k < kCyclePoints; ++k) {
    const double a = 0.1 + 1.0 * static_cast<double>(k) / 100.0;
    const double b = 1.1 + 1.2 * static_cast<double>(k) / 100.0;
    EXPECT_NEAR(curves.mean(k), 0.5 * (a + b), 1e-12);
    EXPECT_NEAR(curves.sd(k), std::abs(a - b) / std::sqrt(2.0), 1e-12);
  }
}

TEST(ChainCycleNormalisation, NaNSamplesOnlyBlankTheirNeighbourhood) {
  const auto time = sampleTimes(100.0, 2.0);  // 201 samples
  Eigen::VectorXd values(static_cast<Eigen::Index>(time.size()));
  for (Eigen::Index i = 0; i < values.size(); ++i)
    values(i) = time[i];
  values(50) = kNaN;  // t = 0.50 s
  // Cycle 0..1 s in 1 % steps lands exactly on samples: only point 50 touches the NaN sample
  // (its bracket is [0.50, 0.51]); point 49 (0.49 s) uses [0.49, 0.50] but sits on 0.49.
  const CycleCurves curves = normaliseCycles(time, values, {cycle(0.0, 0.6, 1.0)});
  ASSERT_EQ(curves.cycles.size(), 1U);
  for (Eigen::Index k = 0; k < kCyclePoints; ++k) {
    if (k == 50)
      EXPECT_TRUE(std::isnan(curves.cycles[0](k)));
    else
      EXPECT_NEAR(curves.cycles[0](k), static_cast<double>(k) / 100.0, 1e-12) << k;
  }
  EXPECT_TRUE(std::isnan(curves.mean(50)));
  EXPECT_TRUE(std::isnan(curves.sd(0)));  // one cycle: no SD
}

TEST(ChainCycleNormalisation, CyclesOutsideTheDataAreSkippedWithAReason) {
  const auto time = sampleTimes(100.0, 1.5);
  const Eigen::VectorXd values = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(time.size()));
  const CycleCurves curves =
      normaliseCycles(time, values, {cycle(0.2, 0.8, 1.2), cycle(1.2, 1.8, 2.3)});
  ASSERT_EQ(curves.cycleIndices.size(), 1U);
  EXPECT_EQ(curves.cycleIndices[0], 0U);
  ASSERT_EQ(curves.skipped.size(), 1U);
  EXPECT_NE(curves.skipped[0].find("cycle 2"), std::string::npos);
}

TEST(ChainCycleNormalisation, AnyTableColumnAndAbsentColumn) {
  io::TimeSeriesTable table(sampleTimes(100.0, 1.0));
  Eigen::VectorXd values(table.rowCount());
  for (Eigen::Index i = 0; i < values.size(); ++i)
    values(i) = 2.0 * table.time()[i];
  table.addScalarColumn("achilles_force_r", values, "N");
  const auto curves = normaliseColumn(table, "achilles_force_r", {cycle(0.0, 0.6, 1.0)}, 0.5);
  ASSERT_TRUE(curves.has_value());
  EXPECT_NEAR(curves->mean(100), 1.0, 1e-12);  // 0.5 * 2 * 1.0 s
  EXPECT_FALSE(normaliseColumn(table, "achilles_force_l", {cycle(0.0, 0.6, 1.0)}).has_value());
}

TEST(ChainCycleNormalisation, RejectsBadInterval) {
  const auto time = sampleTimes(100.0, 1.0);
  const Eigen::VectorXd values = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(time.size()));
  EXPECT_THROW(normaliseInterval(time, values, 0.5, 0.5), std::invalid_argument);
  EXPECT_THROW(normaliseInterval(time, values.head(3), 0.0, 0.5), std::invalid_argument);
}

}  // namespace
}  // namespace kinchain::chain
