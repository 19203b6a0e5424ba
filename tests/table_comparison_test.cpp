// Tests of compareWithStandard on data with known answers: straight lines (which a natural cubic
// spline reproduces exactly), hand-computed RMS with OpenSim's N-1 divisor, the h^4 convergence of
// cubic-spline interpolation, and a real OpenSim file compared with its own rows.

#include "kinchain/io/table_comparison.hpp"

#include "kinchain/io/sto_file.hpp"
#include "test_paths.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace kinchain::io {
namespace {

std::vector<double> linspace(double first, double last, int count) {
  std::vector<double> values(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    values[static_cast<std::size_t>(i)] = first + (last - first) * i / (count - 1);
  return values;
}

template <typename Function>
TimeSeriesTable sampled(const std::vector<double>& time, const std::string& label, Function f) {
  TimeSeriesTable table(time);
  Eigen::VectorXd values(static_cast<Eigen::Index>(time.size()));
  for (std::size_t i = 0; i < time.size(); ++i)
    values(static_cast<Eigen::Index>(i)) = f(time[i]);
  table.addScalarColumn(label, values);
  return table;
}

// Rounding of a handful of double operations on values of order 1.
constexpr double kRoundoff = 1e-12;

TEST(TableComparison, ConstantOffsetFromALineGivesOffsetTimesSqrtNOverNMinusOne) {
  const auto standard = sampled(linspace(0.0, 1.0, 11), "q", [](double t) { return 2 * t + 1; });
  const auto result = sampled(linspace(0.0, 1.0, 21), "q", [](double t) { return 2 * t + 1.3; });
  const auto comparisons = compareWithStandard(result, standard);
  ASSERT_EQ(comparisons.size(), 1u);
  EXPECT_EQ(comparisons[0].label, "q");
  EXPECT_EQ(comparisons[0].samples, 21u);
  EXPECT_NEAR(comparisons[0].rms, 0.3 * std::sqrt(21.0 / 20.0), kRoundoff);
  EXPECT_NEAR(comparisons[0].maxAbs, 0.3, kRoundoff);
}

TEST(TableComparison, OnlyResultSamplesInsideTheOverlapCount) {
  // Result spans [-0.5, 1.5] in steps of 0.25; the standard spans [0, 1].
  const std::vector<double> resultTime = linspace(-0.5, 1.5, 9);
  TimeSeriesTable result(resultTime);
  Eigen::VectorXd values(9);
  // Outside the overlap the values are wild and must be ignored; inside they differ from the
  // standard (5) by +1, -1, +1, -1, +1.
  values << 100, 100, 6, 4, 6, 4, 6, 100, 100;
  result.addScalarColumn("q", values);
  result.addScalarColumn("not_in_standard", values);
  const auto standard = sampled(linspace(0.0, 1.0, 5), "q", [](double) { return 5.0; });
  const auto comparisons = compareWithStandard(result, standard);
  ASSERT_EQ(comparisons.size(), 1u);
  EXPECT_EQ(comparisons[0].samples, 5u);
  EXPECT_NEAR(comparisons[0].rms, std::sqrt(5.0 / 4.0), kRoundoff);  // sum 5, divided by N-1 = 4
  EXPECT_NEAR(comparisons[0].maxAbs, 1.0, kRoundoff);
}

TEST(TableComparison, CubicSplineInterpolationConvergesAtFourthOrder) {
  // Interpolating sin on [0, pi] (f'' = 0 at both ends, matching the natural end condition)
  // from S samples and evaluating between them: the error of cubic-spline interpolation of a
  // smooth function falls as h^4, so doubling the samples divides it by about 16.
  const auto error = [](int standardSamples) {
    const auto standard = sampled(linspace(0.0, std::numbers::pi, standardSamples), "s",
                                  [](double t) { return std::sin(t); });
    const auto result =
        sampled(linspace(0.0, std::numbers::pi, 997), "s", [](double t) { return std::sin(t); });
    return compareWithStandard(result, standard).at(0).maxAbs;
  };
  const double coarse = error(21);
  const double fine = error(41);
  EXPECT_GT(coarse, 0.0);
  EXPECT_GT(coarse / fine, 12.0);
  EXPECT_LT(coarse / fine, 20.0);
  EXPECT_LT(fine, 1e-5);
}

TEST(TableComparison, Vector3ColumnsComparePerComponent) {
  const auto time = linspace(0.0, 1.0, 4);
  TimeSeriesTable standard(time);
  standard.addVector3Column("RHEE", Eigen::MatrixX3d::Zero(4, 3), "mm");
  TimeSeriesTable result(time);
  Eigen::MatrixX3d offset(4, 3);
  offset.col(0).setConstant(1.0);
  offset.col(1).setConstant(0.0);
  offset.col(2).setConstant(-2.0);
  result.addVector3Column("RHEE", offset, "mm");
  const auto comparisons = compareWithStandard(result, standard);
  ASSERT_EQ(comparisons.size(), 3u);
  EXPECT_EQ(comparisons[0].label, "RHEE_x");
  EXPECT_EQ(comparisons[2].label, "RHEE_z");
  EXPECT_NEAR(comparisons[0].rms, std::sqrt(4.0 / 3.0), kRoundoff);
  EXPECT_NEAR(comparisons[1].rms, 0.0, kRoundoff);
  EXPECT_NEAR(comparisons[2].maxAbs, 2.0, kRoundoff);
}

TEST(TableComparison, NaNAndTooFewSamplesGiveNaNRms) {
  const auto standard = sampled(linspace(0.0, 1.0, 5), "q", [](double t) { return t; });
  auto result = sampled(linspace(0.0, 1.0, 5), "q", [](double t) { return t; });
  result.values()(2, 0) = std::nan("");
  EXPECT_TRUE(std::isnan(compareWithStandard(result, standard)[0].rms));

  auto standardWithNaN = standard;
  standardWithNaN.values()(4, 0) = std::nan("");
  const auto clean = sampled(linspace(0.0, 1.0, 5), "q", [](double t) { return t; });
  EXPECT_TRUE(std::isnan(compareWithStandard(clean, standardWithNaN)[0].rms));

  // Touching at a single time stamp: one sample, RMS undefined (OpenSim divides by zero).
  const auto touching = sampled(linspace(1.0, 2.0, 3), "q", [](double t) { return t; });
  const auto single = compareWithStandard(touching, standard);
  EXPECT_EQ(single[0].samples, 1u);
  EXPECT_TRUE(std::isnan(single[0].rms));
  EXPECT_NEAR(single[0].maxAbs, 0.0, kRoundoff);
}

TEST(TableComparison, RepeatedStandardTimeStampIsTolerated) {
  auto standard = sampled({0.0, 0.5, 1.0, 1.0}, "q", [](double t) { return 3 * t; });
  const auto result = sampled(linspace(0.0, 1.0, 11), "q", [](double t) { return 3 * t; });
  const auto comparisons = compareWithStandard(result, standard);
  EXPECT_NEAR(comparisons.at(0).rms, 0.0, kRoundoff);
}

TEST(TableComparison, RejectsUnusableStandards) {
  const auto result = sampled(linspace(0.0, 1.0, 3), "q", [](double t) { return t; });
  EXPECT_THROW(compareWithStandard(result, sampled({0.0}, "q", [](double) { return 1.0; })),
               std::invalid_argument);
  EXPECT_THROW(
      compareWithStandard(result, sampled({0.0, 1.0, 0.5}, "q", [](double t) { return t; })),
      std::invalid_argument);
}

TEST(TableComparison, RealStandardComparedWithItsOwnRowsIsZero) {
  // The interpolant passes through the standard's samples, so every other row of OpenSim's IK
  // standard compared with the whole standard differs only by rounding.
  const auto standard =
      readSto(test::sharedData("opensim-core/ik_gait2354/std_subject01_walk1_ik.mot"));
  TimeSeriesTable everyOther;
  std::vector<double> time;
  for (std::size_t i = 0; i < standard.time().size(); i += 2)
    time.push_back(standard.time()[i]);
  everyOther = TimeSeriesTable(time);
  for (std::size_t column = 0; column < standard.columnCount(); ++column) {
    Eigen::VectorXd values(static_cast<Eigen::Index>(time.size()));
    for (Eigen::Index row = 0; row < values.size(); ++row) {
      values(row) = standard.scalar(2 * row, column);
    }
    everyOther.addScalarColumn(standard.column(column).label, values);
  }
  const auto comparisons = compareWithStandard(everyOther, standard);
  ASSERT_EQ(comparisons.size(), standard.columnCount());
  for (const auto& comparison : comparisons) {
    EXPECT_EQ(comparison.samples, time.size()) << comparison.label;
    // Values are at most ~100 (degrees); rounding of the spline formula stays below 1e-10.
    EXPECT_LT(comparison.maxAbs, 1e-10) << comparison.label;
  }
}

}  // namespace
}  // namespace kinchain::io
