#include "kinchain/muscle/muscle_curves_bezier.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace kinchain::muscle {
namespace {

// Bernstein-basis evaluation of a quintic and its first two u-derivatives.
struct PolynomialValue {
  double value, first, second;
};

PolynomialValue quintic(const std::array<double, 6>& p, double u) {
  const double v = 1.0 - u;
  const double u2 = u * u, u3 = u2 * u, u4 = u3 * u, u5 = u4 * u;
  const double v2 = v * v, v3 = v2 * v, v4 = v3 * v, v5 = v4 * v;
  const double value = v5 * p[0] + 5.0 * v4 * u * p[1] + 10.0 * v3 * u2 * p[2] +
                       10.0 * v2 * u3 * p[3] + 5.0 * v * u4 * p[4] + u5 * p[5];
  // Derivative of a Bézier curve: degree-4 curve on 5 (p_{i+1} - p_i).
  const double d0 = p[1] - p[0], d1 = p[2] - p[1], d2 = p[3] - p[2], d3 = p[4] - p[3],
               d4 = p[5] - p[4];
  const double first =
      5.0 * (v4 * d0 + 4.0 * v3 * u * d1 + 6.0 * v2 * u2 * d2 + 4.0 * v * u3 * d3 + u4 * d4);
  // Second derivative: degree-3 curve on 20 (d_{i+1} - d_i).
  const double e0 = d1 - d0, e1 = d2 - d1, e2 = d3 - d2, e3 = d4 - d3;
  const double second = 20.0 * (v3 * e0 + 3.0 * v2 * u * e1 + 3.0 * v * u2 * e2 + u3 * e3);
  return {value, first, second};
}

/// Solves x(u) = x on [0, 1] for a monotonic segment: Newton steps kept inside a shrinking
/// bracket (bisection when Newton leaves it), to machine precision.
double solveParameter(const std::array<double, 6>& px, double x) {
  const bool increasing = px[5] >= px[0];
  double low = 0.0, high = 1.0;
  double u = (x - px[0]) / (px[5] - px[0]);
  if (!(u > 0.0 && u < 1.0)) u = 0.5;
  for (int iteration = 0; iteration < 100; ++iteration) {
    const PolynomialValue p = quintic(px, u);
    const double error = p.value - x;
    if (error == 0.0) return u;
    if ((error > 0.0) == increasing) {
      high = u;
    } else {
      low = u;
    }
    double next = (p.first != 0.0) ? u - error / p.first : 0.5 * (low + high);
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    if (std::abs(next - u) <= 4.0 * std::numeric_limits<double>::epsilon()) return next;
    u = next;
  }
  return u;
}

}  // namespace

BezierSegment bezierCornerControlPoints(double x0, double y0, double dydx0, double x1, double y1,
                                        double dydx1, double curviness) {
  if (!(curviness >= 0.0 && curviness <= 1.0)) {
    throw std::invalid_argument("Bezier corner curviness must be in [0, 1], got " +
                                std::to_string(curviness));
  }
  // Intersection of the two tangent lines; parallel lines meet "half way".
  double xC = 0.5 * (x0 + x1);
  if (std::abs(dydx0 - dydx1) > std::sqrt(std::numeric_limits<double>::epsilon())) {
    xC = (y1 - y0 - x1 * dydx1 + x0 * dydx0) / (dydx0 - dydx1);
  }
  const double yC = (xC - x1) * dydx1 + y1;
  const double a = (xC - x0) * (xC - x0) + (yC - y0) * (yC - y0);
  const double b = (xC - x1) * (xC - x1) + (yC - y1) * (yC - y1);
  const double c = (x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0);
  if (!(c > a && c > b)) {
    throw std::invalid_argument(
        "Bezier corner: the tangent lines do not form a C-shaped corner (check curve parameters)");
  }
  const double x0Mid = x0 + curviness * (xC - x0);
  const double y0Mid = y0 + curviness * (yC - y0);
  const double x1Mid = x1 + curviness * (xC - x1);
  const double y1Mid = y1 + curviness * (yC - y1);
  return BezierSegment{{x0, x0Mid, x0Mid, x1Mid, x1Mid, x1}, {y0, y0Mid, y0Mid, y1Mid, y1Mid, y1}};
}

SmoothSegmentedCurve::SmoothSegmentedCurve(std::vector<BezierSegment> segments, double xStart,
                                           double xEnd, double yStart, double yEnd,
                                           double slopeStart, double slopeEnd)
    : segments_(std::move(segments)),
      xStart_(xStart),
      xEnd_(xEnd),
      yStart_(yStart),
      yEnd_(yEnd),
      slopeStart_(slopeStart),
      slopeEnd_(slopeEnd) {
  if (segments_.empty()) throw std::invalid_argument("smooth curve needs at least one segment");
  if (!(xEnd_ > xStart_)) throw std::invalid_argument("smooth curve domain is empty");
}

CurveValue SmoothSegmentedCurve::evaluate(double x) const {
  if (std::isnan(x)) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan, nan};
  }
  if (x < xStart_) return {yStart_ + slopeStart_ * (x - xStart_), slopeStart_, 0.0};
  if (x > xEnd_) return {yEnd_ + slopeEnd_ * (x - xEnd_), slopeEnd_, 0.0};
  // Segment whose x range holds x (SmoothSegmentedFunction::calcIndex).
  std::size_t index = 0;
  while (index + 1 < segments_.size() && x > segments_[index].x[5])
    ++index;
  const BezierSegment& segment = segments_[index];
  const double u = solveParameter(segment.x, x);
  const PolynomialValue px = quintic(segment.x, u);
  const PolynomialValue py = quintic(segment.y, u);
  const double slope = py.first / px.first;
  const double curvature =
      (py.second * px.first - py.first * px.second) / (px.first * px.first * px.first);
  return {py.value, slope, curvature};
}

}  // namespace kinchain::muscle
