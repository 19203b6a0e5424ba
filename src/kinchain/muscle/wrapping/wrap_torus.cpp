#include "kinchain/muscle/wrapping/wrap_torus.hpp"

#include <cmath>
#include <limits>
#include <optional>

#include "kinchain/muscle/wrapping/wrap_cylinder.hpp"
#include "kinchain/muscle/wrapping/wrap_geometry.hpp"

namespace kinchain::muscle {

using wrap_geometry::signOf;

namespace {

constexpr double kCylinderLength = 10000.0;  // OpenSim WrapTorus CYL_LENGTH
constexpr int kMaxIterations = 500;          // OpenSim lmdif max_iter

// OpenSim's residual (WrapTorus::calcCircleResids) for the point start + u·n on the line from
// `start` towards `end`; its root is where that point is nearest the circle of radius r.
double circleResidual(const Eigen::Vector3d& start, const Eigen::Vector3d& end, double r,
                      double u) {
  const Eigen::Vector3d n = (end - start) / (end - start).norm();
  const double c2 = 2.0 * start.dot(n);
  const double c3 = start[0] * n[0] + start[1] * n[1];
  const double c4 = n[0] * n[0] + n[1] * n[1];
  const double c5 = start[0] * start[0] + start[1] * start[1];
  return c2 + 2.0 * u -
         2.0 * r * (2.0 * c4 * u + 2.0 * c3) / std::sqrt(u * u * c4 + 2.0 * c3 * u + c5);
}

// Root of the residual from u = 0 by Newton's method with a central-difference slope.
double solveAlongLine(const Eigen::Vector3d& start, const Eigen::Vector3d& end, double r) {
  double u = 0.0;
  const double scale = (end - start).norm();
  for (int i = 0; i < kMaxIterations; ++i) {
    const double f = circleResidual(start, end, r, u);
    const double h = 1e-7 * (scale + std::abs(u));
    const double slope =
        (circleResidual(start, end, r, u + h) - circleResidual(start, end, r, u - h)) / (2 * h);
    if (!(std::abs(slope) > 0.0) || !std::isfinite(slope)) break;
    const double step = f / slope;
    u -= step;
    if (std::abs(step) <= 1e-14 * (scale + std::abs(u))) break;
  }
  return u;
}

// Point of the circle (radius r, z = 0) nearest the line through p1, p2, or none if the quadrant
// excludes both candidates (OpenSim WrapTorus::findClosestPoint).
std::optional<Eigen::Vector3d> closestCirclePoint(double r, const Eigen::Vector3d& p1,
                                                  const Eigen::Vector3d& p2,
                                                  const model::WrapQuadrant& quadrant) {
  const double length = (p2 - p1).norm();
  const Eigen::Vector3d a1 = p1 + solveAlongLine(p1, p2, r) * (p2 - p1) / length;
  const Eigen::Vector3d a2 = p2 + solveAlongLine(p2, p1, r) * (p1 - p2) / length;
  const auto distance = [r](const Eigen::Vector3d& x) {
    return std::sqrt(x.squaredNorm() + r * r - 2.0 * r * std::hypot(x[0], x[1]));
  };
  bool useFirst = distance(a1) < distance(a2);
  if (quadrant.constrained()) {
    const bool firstActive = signOf(a1[quadrant.axis]) == quadrant.sign;
    const bool secondActive = signOf(a2[quadrant.axis]) == quadrant.sign;
    if (!firstActive && !secondActive) return std::nullopt;
    if (firstActive != secondActive) useFirst = firstActive;
  }
  const Eigen::Vector3d& nearest = useFirst ? a1 : a2;
  const double radial = std::hypot(nearest[0], nearest[1]);
  return Eigen::Vector3d(nearest[0] * r / radial, nearest[1] * r / radial, 0.0);
}

}  // namespace

WrapResult wrapLineOverTorus(const model::WrapTorus& torus, const model::WrapQuadrant& quadrant,
                             const Eigen::Vector3d& p1, const Eigen::Vector3d& p2,
                             const WrapSettings& settings) {
  WrapResult result;
  const auto circlePoint = closestCirclePoint(torus.outer_radius, p1, p2, quadrant);
  if (!circlePoint) return result;

  // Cylinder frame C at the circle point: x towards the torus axis, y = −z_W, z = x × y (the
  // circle's tangent). Rows of R are C's axes in W, so p_C = R (p_W − c).
  Eigen::Vector3d xAxis;
  wrap_geometry::normalizeOrZero(-*circlePoint, xAxis);
  const Eigen::Vector3d yAxis(0.0, 0.0, -1.0);
  Eigen::Matrix3d rotation;
  rotation.row(0) = xAxis.transpose();
  rotation.row(1) = yAxis.transpose();
  rotation.row(2) = xAxis.cross(yAxis).transpose();

  // OpenSim builds the cylinder without finalising its quadrant, so it keeps the member default
  // (axis x, sign +1), i.e. "+x".
  const model::WrapCylinder cylinder{torus.inner_radius, kCylinderLength};
  const model::WrapQuadrant towardsAxis{0, 1};
  const WrapResult onCylinder =
      wrapLineOverCylinder(cylinder, towardsAxis, rotation * (p1 - *circlePoint),
                           rotation * (p2 - *circlePoint), settings);
  result.status = WrapStatus::Wrapped;
  if (onCylinder.wraps() && onCylinder.has_surface_path) {
    result.r1 = rotation.transpose() * onCylinder.r1 + *circlePoint;
    result.r2 = rotation.transpose() * onCylinder.r2 + *circlePoint;
    result.surface_length = onCylinder.surface_length;
    result.has_surface_path = true;
  } else {
    result.surface_length = std::numeric_limits<double>::quiet_NaN();
  }
  return result;
}

}  // namespace kinchain::muscle
