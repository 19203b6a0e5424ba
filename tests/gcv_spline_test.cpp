// Natural interpolating splines of degree 2m-1 (kinchain::math::GcvSpline) against analytic
// results and an independent textbook natural cubic spline.

#include "kinchain/math/gcv_spline.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>
#include <stdexcept>
#include <utility>
#include <vector>

namespace kinchain::math {
namespace {

Eigen::VectorXd unevenKnots() {
  Eigen::VectorXd x(9);
  x << -1.0, -0.7, -0.55, -0.1, 0.2, 0.26, 0.7, 1.1, 1.6;
  return x;
}

TEST(GcvSplineTest, QuinticReproducesAQuadraticEverywhere) {
  // A quadratic has zero third and fourth derivatives, so it satisfies the natural end conditions
  // of the quintic (m = 3) and, by uniqueness, is the spline; outside the range the natural
  // extension is the degree-2 Taylor polynomial, i.e. the same quadratic.
  auto q = [](double x) { return 0.3 * x * x - 1.2 * x + 0.5; };
  const Eigen::VectorXd x = unevenKnots();
  const Eigen::VectorXd y = x.unaryExpr(q);
  const GcvSpline spline = GcvSpline::interpolate(x, y, 3);
  for (double t = -2.0; t <= 2.5; t += 0.0371) {
    const SplineDerivatives s = spline.evaluate(t);
    // Rounding of the banded solve on O(1) data.
    EXPECT_NEAR(s.value, q(t), 1e-12) << t;
    EXPECT_NEAR(s.first, 0.6 * t - 1.2, 1e-11) << t;
    EXPECT_NEAR(s.second, 0.6, 1e-10) << t;
  }
}

TEST(GcvSplineTest, CubicReproducesALineAndLinearInterpolates) {
  const Eigen::VectorXd x = unevenKnots();
  const Eigen::VectorXd y = (2.0 * x.array() - 1.0).matrix();
  const GcvSpline cubic = GcvSpline::interpolate(x, y, 2);
  for (double t = -2.0; t <= 2.5; t += 0.05) {
    EXPECT_NEAR(cubic.value(t), 2.0 * t - 1.0, 1e-13);
    EXPECT_NEAR(cubic.evaluate(t).first, 2.0, 1e-12);
  }
  Eigen::VectorXd z = x.array().square();
  const GcvSpline linear = GcvSpline::interpolate(x, z, 1);
  EXPECT_NEAR(linear.value(0.23), z[4] + (z[5] - z[4]) * (0.23 - 0.2) / 0.06, 1e-14);
}

// Natural cubic spline by the classic tridiagonal system for the knot second derivatives M_i,
// M_0 = M_{n-1} = 0 (Burden & Faires, Numerical Analysis, "natural cubic spline" algorithm).
std::vector<double> textbookSecondDerivatives(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  const auto n = static_cast<std::size_t>(x.size());
  std::vector<double> h(n - 1), lower(n, 0.0), diag(n, 1.0), upper(n, 0.0), rhs(n, 0.0);
  for (std::size_t i = 0; i + 1 < n; ++i)
    h[i] = x[i + 1] - x[i];
  for (std::size_t i = 1; i + 1 < n; ++i) {
    lower[i] = h[i - 1];
    diag[i] = 2.0 * (h[i - 1] + h[i]);
    upper[i] = h[i];
    rhs[i] = 6.0 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1]);
  }
  for (std::size_t i = 1; i < n; ++i) {  // Thomas algorithm
    const double w = lower[i] / diag[i - 1];
    diag[i] -= w * upper[i - 1];
    rhs[i] -= w * rhs[i - 1];
  }
  std::vector<double> m(n);
  m[n - 1] = rhs[n - 1] / diag[n - 1];
  for (std::size_t i = n - 1; i-- > 0;)
    m[i] = (rhs[i] - upper[i] * m[i + 1]) / diag[i];
  return m;
}

TEST(GcvSplineTest, CubicMatchesTextbookNaturalSpline) {
  const Eigen::VectorXd x = unevenKnots();
  Eigen::VectorXd y(x.size());
  y << 0.3, -0.2, 0.5, 0.45, -0.1, 0.2, 0.6, 0.1, -0.4;
  const GcvSpline spline = GcvSpline::interpolate(x, y, 2);
  const std::vector<double> m = textbookSecondDerivatives(x, y);
  for (Eigen::Index i = 0; i + 1 < x.size(); ++i) {
    const double h = x[i + 1] - x[i];
    for (const double u : {0.0, 0.3, 0.77}) {
      const double t = x[i] + u * h;
      const double a = (x[i + 1] - t) / h, b = (t - x[i]) / h;
      const double value = a * y[i] + b * y[i + 1] +
                           ((a * a * a - a) * m[i] + (b * b * b - b) * m[i + 1]) * h * h / 6.0;
      const double second = a * m[i] + b * m[i + 1];
      EXPECT_NEAR(spline.value(t), value, 1e-13);
      EXPECT_NEAR(spline.evaluate(t).second, second, 1e-11);
    }
  }
}

TEST(GcvSplineTest, QuinticIsNaturalAndFourTimesContinuouslyDifferentiable) {
  const Eigen::VectorXd x = unevenKnots();
  Eigen::VectorXd y(x.size());
  y << 0.3, -0.2, 0.5, 0.45, -0.1, 0.2, 0.6, 0.1, -0.4;
  const GcvSpline spline = GcvSpline::interpolate(x, y, 3);
  // Natural end conditions of order 2m: derivatives m..2m-2 (3 and 4) vanish at both ends.
  // Scale: |s''''| inside reaches ~1e3-1e4 for this data, so 1e-8 is rounding.
  for (const double end : {x[0], x[x.size() - 1]}) {
    EXPECT_NEAR(spline.derivative(3, end), 0.0, 1e-8);
    EXPECT_NEAR(spline.derivative(4, end), 0.0, 1e-8);
  }
  // C4 at interior knots: one-sided limits (±1e-10) agree to |s^(r+1)|·2e-10 plus rounding.
  for (Eigen::Index i = 1; i + 1 < x.size(); ++i) {
    for (int r = 0; r <= 4; ++r) {
      const double left = spline.derivative(r, x[i] - 1e-10);
      const double right = spline.derivative(r, x[i] + 1e-10);
      EXPECT_NEAR(left, right, 1e-5 * (1.0 + std::abs(left))) << "knot " << i << " order " << r;
    }
  }
}

TEST(GcvSplineTest, QuinticDerivativesOfASampledSineConverge) {
  // sin(2π·0.8 t) at 60 Hz for 3 s, like a gait coordinate. Away from the ends, quintic spline
  // interpolation errors scale as h^6, h^5, h^4 for value, first, second derivative (de Boor 2001,
  // A Practical Guide to Splines); with h = 1/60 they come out near 2e-11, 8e-10 and 7e-8 of
  // ω^k, so 1e-9, 1e-8 and 1e-6 keep a >10x margin and still catch an O(h^3) mistake. Near the
  // ends the natural conditions cost ~5 % in s'' (why OpenSim pads before fitting).
  const double omega = 2.0 * std::numbers::pi * 0.8;
  const int n = 181;
  Eigen::VectorXd t(n), y(n);
  for (int i = 0; i < n; ++i) {
    t[i] = i / 60.0;
    y[i] = std::sin(omega * t[i]);
  }
  const GcvSpline spline = GcvSpline::interpolate(t, y, 3);
  for (double s = 0.75; s <= 2.25; s += 0.0123) {
    const SplineDerivatives d = spline.evaluate(s);
    EXPECT_NEAR(d.value, std::sin(omega * s), 1e-9);
    EXPECT_NEAR(d.first, omega * std::cos(omega * s), 1e-8 * omega);
    EXPECT_NEAR(d.second, -omega * omega * std::sin(omega * s), 1e-6 * omega * omega);
  }
}

TEST(GcvSplineTest, ExtrapolatesWithTheNaturalPolynomial) {
  const Eigen::VectorXd x = unevenKnots();
  Eigen::VectorXd y(x.size());
  y << 0.3, -0.2, 0.5, 0.45, -0.1, 0.2, 0.6, 0.1, -0.4;
  const GcvSpline spline = GcvSpline::interpolate(x, y, 3);
  const double end = x[x.size() - 1];
  const SplineDerivatives atEnd = spline.evaluate(end);
  for (const double d : {0.1, 0.5, 2.0}) {
    const SplineDerivatives s = spline.evaluate(end + d);
    EXPECT_NEAR(s.value, atEnd.value + atEnd.first * d + 0.5 * atEnd.second * d * d, 1e-12);
    EXPECT_NEAR(s.first, atEnd.first + atEnd.second * d, 1e-12);
    EXPECT_NEAR(s.second, atEnd.second, 1e-12);
  }
}

// --- Smoothing ---------------------------------------------------------------------------------

// Reinsch's cubic smoothing spline (Green & Silverman 1994, "Nonparametric Regression and
// Generalized Linear Models", §2.3): knot values g = (I + p Q R^-1 Q^T)^-1 y minimise
// sum (y - g)^2 + p ∫ g''^2. Returns the hat matrix A = (I + p K)^-1.
Eigen::MatrixXd reinschHatMatrix(const Eigen::VectorXd& x, double p) {
  const Eigen::Index n = x.size();
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(n, n - 2), r = Eigen::MatrixXd::Zero(n - 2, n - 2);
  for (Eigen::Index j = 1; j + 1 < n; ++j) {
    const double h0 = x[j] - x[j - 1], h1 = x[j + 1] - x[j];
    q(j - 1, j - 1) = 1.0 / h0;
    q(j, j - 1) = -1.0 / h0 - 1.0 / h1;
    q(j + 1, j - 1) = 1.0 / h1;
    r(j - 1, j - 1) = (h0 + h1) / 3.0;
    if (j + 2 < n) r(j - 1, j) = r(j, j - 1) = h1 / 6.0;
  }
  const Eigen::MatrixXd k = q * r.inverse() * q.transpose();
  return (Eigen::MatrixXd::Identity(n, n) + p * k).inverse();
}

// Deterministic noisy samples of a smooth curve (no random generator state).
void noisySamples(int n, Eigen::VectorXd& x, Eigen::VectorXd& y) {
  x.resize(n);
  y.resize(n);
  for (int i = 0; i < n; ++i) {
    x[i] = 0.02 * i + 0.004 * std::sin(3.7 * i);  // slightly uneven
    y[i] = std::sin(2.0 * x[i]) + 0.05 * std::sin(12.9898 * i * i + 78.233 * i);
  }
}

TEST(GcvSplineTest, CubicSmoothingMatchesReinsch) {
  Eigen::VectorXd x, y;
  noisySamples(40, x, y);
  for (const double p : {1e-6, 1e-4, 1e-2}) {
    const GcvSpline spline = GcvSpline::fit(x, y, 2, {GcvSmoothing::Mode::SmoothingParameter, p});
    const Eigen::VectorXd expected = reinschHatMatrix(x, p) * y;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      // Two different O(n) / O(n^3) solves of a system with condition ~1e6 at most.
      EXPECT_NEAR(spline.value(x[i]), expected[i], 1e-9) << "p " << p << " knot " << i;
    }
  }
}

// Each automatic mode must land on the optimum of its criterion, evaluated independently with
// Reinsch's hat matrix: no better value at p·(1 ± 5 %). The search stops at a relative bracket of
// 1e-6, far inside 5 %.
TEST(GcvSplineTest, AutomaticModesOptimiseTheirCriteria) {
  Eigen::VectorXd x, y;
  noisySamples(40, x, y);
  const double n = 40.0;
  struct Stats {
    double rss, trIA;
  };
  auto stats = [&](double p) {
    const Eigen::MatrixXd a = reinschHatMatrix(x, p);
    const Eigen::VectorXd residual = y - a * y;
    return Stats{residual.squaredNorm() / n, n - a.trace()};
  };
  const std::vector<std::pair<GcvSmoothing, std::function<double(double)>>> cases = {
      {{GcvSmoothing::Mode::GeneralizedCrossValidation, 0.0},
       [&](double p) {
         const Stats s = stats(p);
         return s.rss / std::pow(s.trIA / n, 2);
       }},
      {{GcvSmoothing::Mode::ErrorVariance, 0.0025},
       [&](double p) {
         const Stats s = stats(p);
         return s.rss - 0.0025 * (2.0 * s.trIA / n - 1.0);
       }},
      {{GcvSmoothing::Mode::DegreesOfFreedom, 30.0},
       [&](double p) { return std::abs(stats(p).trIA - 30.0); }},
  };
  for (const auto& [smoothing, criterion] : cases) {
    const GcvSpline spline = GcvSpline::fit(x, y, 2, smoothing);
    const double p = spline.smoothingParameter();
    ASSERT_GT(p, 0.0);
    const double best = criterion(p);
    EXPECT_LE(best, criterion(1.05 * p) + 1e-12);
    EXPECT_LE(best, criterion(0.95 * p) + 1e-12);
  }
}

TEST(GcvSplineTest, HeavySmoothingTendsToTheLeastSquaresPolynomial) {
  // As p grows the natural smoothing spline of order 2m tends to the least-squares polynomial of
  // degree m-1 (its penalty null space): a quadratic for the quintic.
  Eigen::VectorXd x, y;
  noisySamples(30, x, y);
  Eigen::MatrixXd vandermonde(x.size(), 3);
  vandermonde.col(0).setOnes();
  vandermonde.col(1) = x;
  vandermonde.col(2) = x.array().square();
  const Eigen::Vector3d c = vandermonde.colPivHouseholderQr().solve(y);
  auto departure = [&](double p) {
    const GcvSpline spline = GcvSpline::fit(x, y, 3, {GcvSmoothing::Mode::SmoothingParameter, p});
    double worst = 0.0;
    for (double t = 0.0; t <= 0.6; t += 0.01) {
      worst = std::max(worst, std::abs(spline.value(t) - (c[0] + c[1] * t + c[2] * t * t)));
    }
    return worst;
  };
  // The departure falls like 1/p (here 3.3e-4 at p = 1e-3, 3.4e-5 at p = 1e-2). Larger p runs
  // into the rounding limit documented in gcv_spline.hpp, so the law is checked below it.
  const double moderate = departure(1e-3), heavy = departure(1e-2);
  EXPECT_LT(heavy, 1e-4);
  EXPECT_NEAR(moderate / heavy, 10.0, 1.0);
}

TEST(GcvSplineTest, QuinticSmoothingActsAsWoltringsDoubleButterworth) {
  // Woltring's GCVSPL notes: a smoothing spline of order 2M on samples at interval T acts like
  // H(w) = 1 / (1 + (w/w0)^(2M)) with w0 = (p T)^(-1/(2M)) (quoted in OpenSim's
  // Signal::SmoothSpline). A sine at w0 therefore comes out at half amplitude. The relation is the
  // continuous-time limit; at w0·T = 0.063 the discrete response differs by well under 1 %.
  const double t = 0.01, f0 = 1.0, w0 = 2.0 * std::numbers::pi * f0;
  const double p = 1.0 / (t * std::pow(w0, 6));
  const int n = 1001;
  Eigen::VectorXd x(n), y(n);
  for (int i = 0; i < n; ++i) {
    x[i] = i * t;
    y[i] = std::sin(w0 * x[i]);
  }
  const GcvSpline spline = GcvSpline::fit(x, y, 3, {GcvSmoothing::Mode::SmoothingParameter, p});
  for (int i = 400; i <= 600; i += 10)
    EXPECT_NEAR(spline.value(x[i]), 0.5 * y[i], 0.005) << i;
}

TEST(GcvSplineTest, HandlesLongSeriesAndRejectsBadInput) {
  const int n = 5000;
  Eigen::VectorXd t = Eigen::VectorXd::LinSpaced(n, 0.0, n / 600.0);
  Eigen::VectorXd y = t.array().sin();
  const GcvSpline spline = GcvSpline::interpolate(t, y, 3);
  EXPECT_NEAR(spline.value(t[2500]), y[2500], 1e-13);

  Eigen::VectorXd x3(3), y3(3);
  x3 << 0, 1, 2;
  y3 << 0, 1, 2;
  EXPECT_THROW(GcvSpline::interpolate(x3, y3, 2), std::invalid_argument);  // needs 4 points
  Eigen::VectorXd bad(6), y6 = Eigen::VectorXd::Zero(6);
  bad << 0, 1, 2, 2, 3, 4;
  EXPECT_THROW(GcvSpline::interpolate(bad, y6, 3), std::invalid_argument);
  bad << 0, 1, 2, std::nan(""), 3, 4;
  EXPECT_THROW(GcvSpline::interpolate(bad, y6, 3), std::invalid_argument);
  EXPECT_THROW(GcvSpline::interpolate(y6, y6, 0), std::invalid_argument);
  // Automatic smoothing is bounded in size (O(n^2) trace); fixed p and variance 0 are not.
  const Eigen::VectorXd many = Eigen::VectorXd::LinSpaced(kMaxAutomaticPoints + 1, 0.0, 1.0);
  EXPECT_THROW(GcvSpline::fit(many, many, 2, {GcvSmoothing::Mode::GeneralizedCrossValidation, 0}),
               std::invalid_argument);
  EXPECT_NO_THROW(GcvSpline::fit(many, many, 2, {GcvSmoothing::Mode::SmoothingParameter, 1e-3}));
}

}  // namespace
}  // namespace kinchain::math
