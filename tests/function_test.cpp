// Exactness of kinchain::model::Function: derivatives against central differences, knot
// interpolation, extrapolation as OpenSim does it, and analytic cases.

#include "kinchain/model/function.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace kinchain::model {
namespace {

// Central differences with step h on a function whose third derivative is O(1) and values O(1):
// truncation h^2/6·|f'''| ~ 2e-11, rounding ~ 1e-16/h ~ 1e-11 (Press et al. 2007, NR 3rd ed. §5.7),
// so 1e-8 (absolute, values scaled to O(1)) leaves a wide margin yet catches any wrong formula.
constexpr double kStep = 1e-5;
constexpr double kDifferenceTolerance = 1e-8;

void expectDerivativesMatchDifferences(const Function& f, double x, double scale = 1.0) {
  const FunctionValue centre = f.evaluate(x);
  const FunctionValue plus = f.evaluate(x + kStep);
  const FunctionValue minus = f.evaluate(x - kStep);
  EXPECT_NEAR(centre.first, (plus.value - minus.value) / (2 * kStep), kDifferenceTolerance * scale)
      << f.typeName() << " first derivative at " << x;
  EXPECT_NEAR(centre.second, (plus.first - minus.first) / (2 * kStep), kDifferenceTolerance * scale)
      << f.typeName() << " second derivative at " << x;
}

const std::vector<double> kKnotsX = {-2.0, -1.3, -0.4, 0.1, 0.9, 1.7, 2.5};
const std::vector<double> kKnotsY = {0.3, -0.2, 0.5, 0.45, -0.1, 0.2, 0.6};

// Points strictly inside intervals (and outside the range), away from knots by >> kStep.
std::vector<double> probePoints() {
  std::vector<double> points;
  for (std::size_t i = 0; i + 1 < kKnotsX.size(); ++i) {
    points.push_back(kKnotsX[i] + 0.37 * (kKnotsX[i + 1] - kKnotsX[i]));
    points.push_back(kKnotsX[i] + 0.81 * (kKnotsX[i + 1] - kKnotsX[i]));
  }
  points.push_back(-2.7);
  points.push_back(3.1);
  return points;
}

TEST(FunctionTest, DerivativesMatchCentralDifferencesForEveryType) {
  const std::vector<Function> functions = {
      Function::constant(1.5),
      Function::linear(-0.7, 0.2),
      Function::simmSpline(kKnotsX, kKnotsY),
      Function::gcvSpline(1, kKnotsX, kKnotsY),
      Function::gcvSpline(2, kKnotsX, kKnotsY),
      Function::gcvSpline(3, kKnotsX, kKnotsY),
      Function::piecewiseLinear(kKnotsX, kKnotsY),
      Function::piecewiseConstant(kKnotsX, kKnotsY),
      Function::polynomial({0.1, -0.3, 0.5, 2.0}),
      Function::multiplier(1.14724, Function::simmSpline(kKnotsX, kKnotsY)),
  };
  for (const Function& f : functions) {
    for (const double x : probePoints())
      expectDerivativesMatchDifferences(f, x);
  }
}

TEST(FunctionTest, SplinesPassThroughTheirKnots) {
  for (const Function& f :
       {Function::simmSpline(kKnotsX, kKnotsY), Function::gcvSpline(2, kKnotsX, kKnotsY),
        Function::gcvSpline(3, kKnotsX, kKnotsY), Function::piecewiseLinear(kKnotsX, kKnotsY)}) {
    for (std::size_t i = 0; i < kKnotsX.size(); ++i) {
      // Rounding of a few operations on O(1) numbers.
      EXPECT_NEAR(f.value(kKnotsX[i]), kKnotsY[i], 1e-13) << f.typeName() << " knot " << i;
    }
  }
}

TEST(FunctionTest, SimmSplineReproducesACubicExactly) {
  // The end conditions match the third derivative to the third divided difference of the four
  // end points, which for a cubic is exact (Forsythe, Malcolm & Moler 1977), so the spline through
  // >= 4 samples of a cubic is that cubic, with its derivatives.
  auto cubic = [](double x) { return 0.4 * x * x * x - 1.1 * x * x + 0.3 * x - 2.0; };
  std::vector<double> x = {-1.0, -0.6, 0.05, 0.3, 1.2, 1.25, 2.0};
  std::vector<double> y;
  for (double xi : x)
    y.push_back(cubic(xi));
  const Function spline = Function::simmSpline(x, y);
  for (double t = -1.0; t <= 2.0; t += 0.0137) {
    const FunctionValue f = spline.evaluate(t);
    EXPECT_NEAR(f.value, cubic(t), 1e-12);
    EXPECT_NEAR(f.first, 1.2 * t * t - 2.2 * t + 0.3, 1e-11);
    EXPECT_NEAR(f.second, 2.4 * t - 2.2, 1e-10);
  }
}

TEST(FunctionTest, SimmSplineExtrapolatesLinearlyWithEndSlopes) {
  const Function spline = Function::simmSpline(kKnotsX, kKnotsY);
  const FunctionValue start = spline.evaluate(kKnotsX.front());
  const FunctionValue end = spline.evaluate(kKnotsX.back());
  for (const double dx : {0.1, 1.0, 5.0}) {
    const FunctionValue before = spline.evaluate(kKnotsX.front() - dx);
    EXPECT_NEAR(before.value, kKnotsY.front() - dx * start.first, 1e-13);
    EXPECT_DOUBLE_EQ(before.first, start.first);
    EXPECT_EQ(before.second, 0.0);
    const FunctionValue after = spline.evaluate(kKnotsX.back() + dx);
    EXPECT_NEAR(after.value, kKnotsY.back() + dx * end.first, 1e-13);
    EXPECT_DOUBLE_EQ(after.first, end.first);
    EXPECT_EQ(after.second, 0.0);
  }
}

TEST(FunctionTest, SimmSplineWithTwoPointsIsAStraightLine) {
  const Function line = Function::simmSpline({0.0, 2.0}, {1.0, 2.0});
  for (double x : {-1.0, 0.0, 0.5, 2.0, 3.0}) {
    const FunctionValue f = line.evaluate(x);
    EXPECT_NEAR(f.value, 1.0 + 0.5 * x, 1e-15);
    EXPECT_EQ(f.first, 0.5);
    EXPECT_EQ(f.second, 0.0);
  }
}

TEST(FunctionTest, PiecewiseLinearAndConstantFollowOpenSimAtAndBeyondEnds) {
  const Function linear = Function::piecewiseLinear({0.0, 1.0, 3.0}, {0.0, 2.0, 1.0});
  EXPECT_DOUBLE_EQ(linear.value(-1.0), -2.0);  // first segment continued, slope 2
  EXPECT_DOUBLE_EQ(linear.value(5.0), 0.0);    // last segment continued, slope -0.5
  EXPECT_DOUBLE_EQ(linear.evaluate(5.0).first, -0.5);
  EXPECT_DOUBLE_EQ(linear.value(2.0), 1.5);
  EXPECT_DOUBLE_EQ(linear.evaluate(0.5).first, 2.0);

  const Function steps = Function::piecewiseConstant({0.0, 1.0, 3.0}, {5.0, 6.0, 7.0});
  EXPECT_EQ(steps.value(-1.0), 5.0);
  EXPECT_EQ(steps.value(0.5), 5.0);
  EXPECT_EQ(steps.value(2.0), 6.0);
  EXPECT_EQ(steps.value(3.0), 7.0);
  EXPECT_EQ(steps.value(9.0), 7.0);
  EXPECT_EQ(steps.evaluate(2.0).first, 0.0);
}

TEST(FunctionTest, PolynomialCoefficientsAreHighestPowerFirst) {
  const Function p = Function::polynomial({2.0, -3.0, 1.0});  // 2x^2 - 3x + 1
  const FunctionValue f = p.evaluate(1.5);
  EXPECT_DOUBLE_EQ(f.value, 2.0 * 2.25 - 4.5 + 1.0);
  EXPECT_DOUBLE_EQ(f.first, 4.0 * 1.5 - 3.0);
  EXPECT_DOUBLE_EQ(f.second, 4.0);
}

TEST(FunctionTest, MultiplierScalesValueAndDerivatives) {
  const Function inner = Function::simmSpline(kKnotsX, kKnotsY);
  const Function scaled = Function::multiplier(-2.5, inner);
  EXPECT_EQ(scaled.typeName(), "MultiplierFunction");
  for (const double x : probePoints()) {
    const FunctionValue a = inner.evaluate(x);
    const FunctionValue b = scaled.evaluate(x);
    EXPECT_DOUBLE_EQ(b.value, -2.5 * a.value);
    EXPECT_DOUBLE_EQ(b.first, -2.5 * a.first);
    EXPECT_DOUBLE_EQ(b.second, -2.5 * a.second);
  }
}

TEST(FunctionTest, NanArgumentGivesNan) {
  EXPECT_TRUE(std::isnan(Function::simmSpline(kKnotsX, kKnotsY).value(std::nan(""))));
  EXPECT_TRUE(std::isnan(Function::piecewiseConstant(kKnotsX, kKnotsY).value(std::nan(""))));
}

TEST(FunctionTest, ConstructorsRejectBadInput) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(Function::simmSpline({0.0, 1.0}, {0.0}), std::invalid_argument);
  EXPECT_THROW(Function::simmSpline({0.0, 0.0, 1.0}, {0.0, 1.0, 2.0}), std::invalid_argument);
  EXPECT_THROW(Function::simmSpline({0.0, 2.0, 1.0}, {0.0, 1.0, 2.0}), std::invalid_argument);
  EXPECT_THROW(Function::simmSpline({0.0}, {0.0}), std::invalid_argument);
  EXPECT_THROW(Function::simmSpline({0.0, nan}, {0.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(Function::constant(std::numeric_limits<double>::infinity()), std::invalid_argument);
  EXPECT_THROW(Function::polynomial({}), std::invalid_argument);
  EXPECT_THROW(Function::gcvSpline(3, {0, 1, 2, 3, 4}, {0, 1, 2, 3, 4}), std::invalid_argument);
  EXPECT_THROW(
      Function::gcvSpline(5, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}),
      std::invalid_argument);
}

}  // namespace
}  // namespace kinchain::model
