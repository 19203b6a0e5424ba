#include "kinchain/model/function.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace kinchain::model {
namespace {

namespace ft = function_types;

// OpenSim's SimmMacros.h: spacings are floored at TINY_NUMBER when computing slopes, and an x
// within ROUNDOFF_ERROR of an end point is treated as that end point.
constexpr double kTinyNumber = 1e-7;      // SimmMacros.h TINY_NUMBER
constexpr double kRoundoffError = 2e-13;  // SimmMacros.h ROUNDOFF_ERROR

bool equalWithinRoundoff(double a, double b) {
  return std::abs(a - b) <= kRoundoffError;
}

void requireFinite(const std::vector<double>& values, const char* what) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw std::invalid_argument(std::string(what) + "[" + std::to_string(i) + "] is not finite");
    }
  }
}

void requirePoints(const std::vector<double>& x, const std::vector<double>& y, std::size_t minimum,
                   const char* type) {
  if (x.size() != y.size()) {
    throw std::invalid_argument(std::string(type) + ": x has " + std::to_string(x.size()) +
                                " values but y has " + std::to_string(y.size()));
  }
  if (x.size() < minimum) {
    throw std::invalid_argument(std::string(type) + " needs at least " + std::to_string(minimum) +
                                " points, got " + std::to_string(x.size()));
  }
  requireFinite(x, "x");
  requireFinite(y, "y");
  for (std::size_t i = 1; i < x.size(); ++i) {
    if (!(x[i] > x[i - 1])) {
      throw std::invalid_argument(std::string(type) + ": x must be strictly increasing; x[" +
                                  std::to_string(i) + "] = " + std::to_string(x[i]) + " follows " +
                                  std::to_string(x[i - 1]));
    }
  }
}

// The interval k with x_k <= t <= x_{k+1}, found by the same bisection OpenSim uses, so a t
// exactly on an interior knot selects the same side. Requires x_0 < t < x_{n-1}, n >= 2.
std::size_t openSimInterval(const std::vector<double>& x, double t) {
  const std::size_t n = x.size();
  std::size_t low = 0;
  std::size_t high = n;
  std::size_t k = 0;
  for (int step = 0; step < 128; ++step) {  // bisection of <= 2^64 entries ends far sooner
    k = (low + high) / 2;
    if (t < x[k]) {
      high = k;
    } else if (k + 1 < n && t > x[k + 1]) {
      low = k;
    } else {
      break;
    }
  }
  return std::min(k, n - 2);
}

// Cubic spline coefficients of Forsythe, Malcolm & Moler (1977, "Computer Methods for
// Mathematical Computations", routine SPLINE) as used by OpenSim's SimmSpline: a tridiagonal
// system for the second derivatives with end conditions matching the third derivative to the
// third divided difference of the four end points.
ft::SimmSpline simmSplineCoefficients(std::vector<double> x, std::vector<double> y) {
  const std::size_t n = x.size();
  std::vector<double> b(n), c(n), d(n);
  if (n == 2) {
    const double slope = (y[1] - y[0]) / std::max(kTinyNumber, x[1] - x[0]);
    b = {slope, slope};
    return {std::move(x), std::move(y), std::move(b), std::move(c), std::move(d)};
  }
  const std::size_t last = n - 1;
  // d: interval lengths (off-diagonal); b: diagonal; c: right-hand side (divided differences).
  d[0] = std::max(kTinyNumber, x[1] - x[0]);
  c[1] = (y[1] - y[0]) / d[0];
  for (std::size_t i = 1; i < last; ++i) {
    d[i] = std::max(kTinyNumber, x[i + 1] - x[i]);
    b[i] = 2.0 * (d[i - 1] + d[i]);
    c[i + 1] = (y[i + 1] - y[i]) / d[i];
    c[i] = c[i + 1] - c[i];
  }
  b[0] = -d[0];
  b[last] = -d[last - 1];
  c[0] = 0.0;
  c[last] = 0.0;
  if (n > 3) {
    const double d31 = std::max(kTinyNumber, x[3] - x[1]);
    const double d20 = std::max(kTinyNumber, x[2] - x[0]);
    const double d1 = std::max(kTinyNumber, x[last] - x[n - 3]);
    const double d2 = std::max(kTinyNumber, x[last - 1] - x[n - 4]);
    const double d30 = std::max(kTinyNumber, x[3] - x[0]);
    const double d3 = std::max(kTinyNumber, x[last] - x[n - 4]);
    c[0] = (c[2] / d31 - c[1] / d20) * d[0] * d[0] / d30;
    c[last] = -(c[last - 1] / d1 - c[n - 3] / d2) * d[last - 1] * d[last - 1] / d3;
  }
  // Gaussian elimination of the tridiagonal system, then back substitution.
  for (std::size_t i = 1; i < n; ++i) {
    const double t = d[i - 1] / b[i - 1];
    b[i] -= t * d[i - 1];
    c[i] -= t * c[i - 1];
  }
  c[last] /= b[last];
  for (std::size_t i = last; i-- > 0;)
    c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
  // Polynomial coefficients per interval.
  b[last] = (y[last] - y[last - 1]) / d[last - 1] + d[last - 1] * (c[last - 1] + 2.0 * c[last]);
  for (std::size_t i = 0; i < last; ++i) {
    b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2.0 * c[i]);
    d[i] = (c[i + 1] - c[i]) / d[i];
    c[i] *= 3.0;
  }
  c[last] *= 3.0;
  d[last] = d[last - 1];
  return {std::move(x), std::move(y), std::move(b), std::move(c), std::move(d)};
}

FunctionValue evaluateSimmSpline(const ft::SimmSpline& s, double t) {
  const std::size_t last = s.x.size() - 1;
  // Outside the range OpenSim extrapolates linearly with the end slope.
  if (t < s.x[0]) return {s.y[0] + (t - s.x[0]) * s.b[0], s.b[0], 0.0};
  if (t > s.x[last]) return {s.y[last] + (t - s.x[last]) * s.b[last], s.b[last], 0.0};
  if (equalWithinRoundoff(t, s.x[0])) return {s.y[0], s.b[0], 2.0 * s.c[0]};
  if (equalWithinRoundoff(t, s.x[last])) return {s.y[last], s.b[last], 2.0 * s.c[last]};
  const std::size_t k = s.x.size() < 3 ? 0 : openSimInterval(s.x, t);
  const double dx = t - s.x[k];
  return {s.y[k] + dx * (s.b[k] + dx * (s.c[k] + dx * s.d[k])),
          s.b[k] + dx * (2.0 * s.c[k] + 3.0 * dx * s.d[k]), 2.0 * s.c[k] + 6.0 * dx * s.d[k]};
}

FunctionValue evaluatePiecewiseLinear(const ft::PiecewiseLinear& f, double t) {
  const std::size_t last = f.x.size() - 1;
  if (t < f.x[0]) return {f.y[0] + (t - f.x[0]) * f.slope[0], f.slope[0], 0.0};
  if (t > f.x[last]) return {f.y[last] + (t - f.x[last]) * f.slope[last], f.slope[last], 0.0};
  if (equalWithinRoundoff(t, f.x[0])) return {f.y[0], f.slope[0], 0.0};
  if (equalWithinRoundoff(t, f.x[last])) return {f.y[last], f.slope[last], 0.0};
  const std::size_t k = openSimInterval(f.x, t);
  return {f.y[k] + (t - f.x[k]) * f.slope[k], f.slope[k], 0.0};
}

FunctionValue evaluatePiecewiseConstant(const ft::PiecewiseConstant& f, double t) {
  const std::size_t last = f.x.size() - 1;
  if (t < f.x[0] || equalWithinRoundoff(t, f.x[0])) return {f.y[0], 0.0, 0.0};
  if (t > f.x[last] || equalWithinRoundoff(t, f.x[last])) return {f.y[last], 0.0, 0.0};
  return {f.y[openSimInterval(f.x, t)], 0.0, 0.0};
}

FunctionValue evaluatePolynomial(const ft::Polynomial& p, double t) {
  // Horner's scheme carried for the value and its first two derivatives.
  double value = 0.0, first = 0.0, second = 0.0;
  for (const double coefficient : p.coefficients) {
    second = second * t + 2.0 * first;
    first = first * t + value;
    value = value * t + coefficient;
  }
  return {value, first, second};
}

}  // namespace

FunctionValue Function::evaluate(double x) const {
  if (std::isnan(x)) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, nan};
  }
  return std::visit(
      [x](const auto& f) -> FunctionValue {
        using T = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<T, ft::Constant>) {
          return {f.value, 0.0, 0.0};
        } else if constexpr (std::is_same_v<T, ft::Linear>) {
          return {f.slope * x + f.intercept, f.slope, 0.0};
        } else if constexpr (std::is_same_v<T, ft::SimmSpline>) {
          return evaluateSimmSpline(f, x);
        } else if constexpr (std::is_same_v<T, ft::GcvSpline>) {
          const math::SplineDerivatives s = f.spline.evaluate(x);
          return {s.value, s.first, s.second};
        } else if constexpr (std::is_same_v<T, ft::PiecewiseLinear>) {
          return evaluatePiecewiseLinear(f, x);
        } else if constexpr (std::is_same_v<T, ft::PiecewiseConstant>) {
          return evaluatePiecewiseConstant(f, x);
        } else if constexpr (std::is_same_v<T, ft::Polynomial>) {
          return evaluatePolynomial(f, x);
        } else {
          static_assert(std::is_same_v<T, ft::Multiplier>);
          const FunctionValue inner = f.inner->evaluate(x);
          return {f.scale * inner.value, f.scale * inner.first, f.scale * inner.second};
        }
      },
      *data_);
}

std::string_view Function::typeName() const {
  static constexpr std::string_view kNames[] = {
      "Constant",           "LinearFunction",          "SimmSpline",
      "GCVSpline",          "PiecewiseLinearFunction", "PiecewiseConstantFunction",
      "PolynomialFunction", "MultiplierFunction"};
  static_assert(std::size(kNames) == std::variant_size_v<Variant>);
  return kNames[data_->index()];
}

Function Function::constant(double value) {
  if (!std::isfinite(value)) throw std::invalid_argument("Constant value is not finite");
  return Function(ft::Constant{value});
}

Function Function::linear(double slope, double intercept) {
  if (!std::isfinite(slope) || !std::isfinite(intercept)) {
    throw std::invalid_argument("LinearFunction coefficients are not finite");
  }
  return Function(ft::Linear{slope, intercept});
}

Function Function::simmSpline(std::vector<double> x, std::vector<double> y) {
  requirePoints(x, y, 2, "SimmSpline");
  return Function(simmSplineCoefficients(std::move(x), std::move(y)));
}

Function Function::gcvSpline(int halfOrder, std::vector<double> x, std::vector<double> y) {
  requirePoints(x, y, 1, "GCVSpline");
  const Eigen::Map<const Eigen::VectorXd> xs(x.data(), static_cast<Eigen::Index>(x.size()));
  const Eigen::Map<const Eigen::VectorXd> ys(y.data(), static_cast<Eigen::Index>(y.size()));
  return Function(ft::GcvSpline{math::GcvSpline::interpolate(xs, ys, halfOrder)});
}

Function Function::piecewiseLinear(std::vector<double> x, std::vector<double> y) {
  requirePoints(x, y, 2, "PiecewiseLinearFunction");
  std::vector<double> slope(x.size());
  for (std::size_t i = 0; i + 1 < x.size(); ++i) {
    slope[i] = (y[i + 1] - y[i]) / std::max(kTinyNumber, x[i + 1] - x[i]);
  }
  slope.back() = slope[slope.size() - 2];
  return Function(ft::PiecewiseLinear{std::move(x), std::move(y), std::move(slope)});
}

Function Function::piecewiseConstant(std::vector<double> x, std::vector<double> y) {
  requirePoints(x, y, 1, "PiecewiseConstantFunction");
  return Function(ft::PiecewiseConstant{std::move(x), std::move(y)});
}

Function Function::polynomial(std::vector<double> coefficients) {
  if (coefficients.empty()) throw std::invalid_argument("PolynomialFunction has no coefficients");
  requireFinite(coefficients, "coefficients");
  return Function(ft::Polynomial{std::move(coefficients)});
}

Function Function::multiplier(double scale, Function inner) {
  if (!std::isfinite(scale)) throw std::invalid_argument("MultiplierFunction scale is not finite");
  return Function(ft::Multiplier{scale, std::make_shared<const Function>(std::move(inner))});
}

}  // namespace kinchain::model
