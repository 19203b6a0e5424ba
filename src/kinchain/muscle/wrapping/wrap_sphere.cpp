#include "kinchain/muscle/wrapping/wrap_sphere.hpp"

#include <Eigen/Geometry>

#include <cmath>
#include <limits>
#include <numbers>

#include "kinchain/muscle/wrapping/wrap_geometry.hpp"

namespace kinchain::muscle {

using wrap_geometry::normalizeOrZero;
using wrap_geometry::signOf;

namespace {

constexpr double kCentreLineTolerance = 0.00001;  // OpenSim WrapSphere: |p1p2 × p2m| limit

// The two tangent points from `point` in the plane with normal `n`: point + |p|cos(a)·(cos a·y ∓
// sin a·z) with y towards the centre, z = n × y, sin a = radius/|p|.
void tangentCandidates(const Eigen::Vector3d& point, const Eigen::Vector3d& n, double radius,
                       Eigen::Vector3d& candidateA, Eigen::Vector3d& candidateB) {
  Eigen::Vector3d y;
  normalizeOrZero(-point, y);
  const Eigen::Vector3d z = n.cross(y);
  const double distance = point.norm();
  const double angle = std::asin(radius / distance);
  const double reach = distance * std::cos(angle);
  candidateA = point + (std::cos(angle) * y - std::sin(angle) * z) * reach;
  candidateB = point + (std::cos(angle) * y + std::sin(angle) * z) * reach;
}

}  // namespace

WrapResult wrapLineOverSphere(const model::WrapSphere& sphere, const model::WrapQuadrant& quadrant,
                              const Eigen::Vector3d& p1, const Eigen::Vector3d& p2) {
  const double radius = sphere.radius;
  WrapResult result;

  if (p1.norm() < radius || p2.norm() < radius) {
    result.status = WrapStatus::InsideRadius;
    return result;
  }

  // Intersections P2 + l·(P1−P2) with the sphere: both must lie strictly inside the segment.
  const Eigen::Vector3d p2ToP1 = p1 - p2;
  const Eigen::Vector3d centreFromP2 = -p2;
  const double a = p2ToP1.dot(p2ToP1);
  const double b = -2.0 * centreFromP2.dot(p2ToP1);
  const double c = centreFromP2.dot(centreFromP2) - radius * radius;
  const double discriminant = b * b - 4.0 * a * c;
  if (discriminant < 0.0) return result;
  const double l1 = (-b + std::sqrt(discriminant)) / (2.0 * a);
  const double l2 = (-b - std::sqrt(discriminant)) / (2.0 * a);
  if (!(0.0 < l1 && l1 < 1.0) || !(0.0 < l2 && l2 < 1.0) || l1 < l2) return result;

  WrapStatus status = WrapStatus::Wrapped;
  bool farSideWrap = false;
  Eigen::Vector3d direction;  // unit, from P2 towards P1
  normalizeOrZero(p2ToP1, direction);
  Eigen::Vector3d p2Unit;
  normalizeOrZero(p2, p2Unit);
  const Eigen::Vector3d planeNormal = direction.cross(p2Unit);

  if (planeNormal.norm() < kCentreLineTolerance) {
    // Degenerate plane: OpenSim's fallback yields NaN (see header).
    result.status = WrapStatus::Wrapped;
    result.surface_length = std::numeric_limits<double>::quiet_NaN();
    result.has_surface_path = true;
    return result;
  }

  Eigen::Vector3d n;
  normalizeOrZero(planeNormal, n);
  Eigen::Vector3d r1a, r1b, r2a, r2b;
  tangentCandidates(p1, n, radius, r1a, r1b);
  tangentCandidates(p2, n, radius, r2a, r2b);

  Eigen::Vector3d r1aUnit, r1bUnit, r2aUnit, r2bUnit;
  normalizeOrZero(r1a, r1aUnit);
  normalizeOrZero(r1b, r1bUnit);
  normalizeOrZero(r2a, r2aUnit);
  normalizeOrZero(r2b, r2bUnit);

  // Keep the pair with the most aligned radials (shortest arc); remember the other pair.
  Eigen::Vector3d r1, r2, r1Other, r2Other;
  {
    const double j1 = r1aUnit.dot(r2aUnit);
    const double j2 = r1aUnit.dot(r2bUnit);
    const double j3 = r1bUnit.dot(r2aUnit);
    const double j4 = r1bUnit.dot(r2bUnit);
    if (j1 > j2 && j1 > j3 && j1 > j4) {
      r1 = r1a, r2 = r2a, r1Other = r1b, r2Other = r2b;
    } else if (j2 > j3 && j2 > j4) {
      r1 = r1a, r2 = r2b, r1Other = r1b, r2Other = r2a;
    } else if (j3 > j4) {
      r1 = r1b, r2 = r2a, r1Other = r1a, r2Other = r2b;
    } else {
      r1 = r1b, r2 = r2b, r1Other = r1a, r2Other = r2a;
    }
  }

  if (quadrant.constrained()) {
    const int axis = quadrant.axis;
    const int sign = quadrant.sign;
    if (signOf(p1[axis]) == sign || signOf(p2[axis]) == sign) {
      // An end point on the active side: the segment must pierce the sphere (mandatory), or
      // cross the axis plane with its closest point on the inactive side (a candidate wrap).
      double t = 0.0;
      const Eigen::Vector3d closest =
          wrap_geometry::closestPointOnLine(Eigen::Vector3d::Zero(), p1, direction, t);
      t = -t;  // distance from P1 towards P2 in metres; OpenSim compares it with 1.0 as is
      if (closest.squaredNorm() < radius * radius && t > 0.0 && t < 1.0) {
        status = WrapStatus::MandatoryWrap;
      } else if (signOf(p1[axis]) != signOf(p2[axis]) && signOf(closest[axis]) != sign) {
        status = WrapStatus::Wrapped;
      } else {
        result.status = WrapStatus::NoWrap;
        return result;
      }
    }

    if (signOf(p1[axis]) != sign || signOf(p2[axis]) != sign) {
      Eigen::Vector3d wrapAxis = Eigen::Vector3d::Zero();
      wrapAxis[axis] = sign;
      // Tangent points on the side the segment bends towards, flipped to the active side.
      Eigen::Vector3d towardsCentre;
      normalizeOrZero(-p1 - p2, towardsCentre);
      if (r1aUnit.dot(towardsCentre) > r1bUnit.dot(towardsCentre)) {
        r1 = r1a, r1Other = r1b;
      } else {
        r1 = r1b, r1Other = r1a;
      }
      if (r2aUnit.dot(towardsCentre) > r2bUnit.dot(towardsCentre)) {
        r2 = r2a, r2Other = r2b;
      } else {
        r2 = r2b, r2Other = r2a;
      }
      Eigen::Vector3d pull;
      normalizeOrZero((r1 - p1) + (r2 - p2), pull);
      if (pull.dot(wrapAxis) < 0.0) {
        r1 = r1Other;
        r2 = r2Other;
      }
      const Eigen::Vector3d sumPull = (r1 - p1) + (r2 - p2);
      const Eigen::Vector3d sumRadial = r1 + r2;
      if (sumRadial.dot(sumPull) < 0.0) farSideWrap = true;
    }
  }

  Eigen::Vector3d r1Unit, r2Unit;
  normalizeOrZero(r1, r1Unit);
  normalizeOrZero(r2, r2Unit);
  double angle = std::acos(r1Unit.dot(r2Unit));
  if (farSideWrap) angle = -(2.0 * std::numbers::pi - angle);

  result.status = status;
  result.r1 = r1;
  result.r2 = r2;
  result.surface_length = radius * angle;
  result.has_surface_path = true;
  return result;
}

}  // namespace kinchain::muscle
