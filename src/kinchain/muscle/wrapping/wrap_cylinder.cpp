#include "kinchain/muscle/wrapping/wrap_cylinder.hpp"

#include <Eigen/Geometry>

#include <cmath>
#include <limits>
#include <numbers>

#include "kinchain/muscle/wrapping/wrap_geometry.hpp"

namespace kinchain::muscle {

using wrap_geometry::closestPointOnLine;
using wrap_geometry::normalizeOrZero;
using wrap_geometry::signOf;

namespace {

constexpr int kMaxTangentIterations = 100;                             // OpenSim MAX_ITERATIONS
constexpr double kTangencyThreshold = 0.1 * std::numbers::pi / 180.0;  // OpenSim, 0.1 degree
constexpr double kSurfaceSegmentLength = 0.002;    // OpenSim: surface samples every 2 mm
const Eigen::Vector3d kAxisPoint(0.0, 0.0, -1.0);  // OpenSim p0
const Eigen::Vector3d kAxis(0.0, 0.0, 1.0);        // OpenSim dn

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::Vector3d onAxis(const Eigen::Vector3d& point) {
  double t = 0.0;
  return closestPointOnLine(point, kAxisPoint, kAxis, t);
}

// The two tangent points from `point` (distance `axisDistance` from the axis, unit radial
// `radial`) in the cross-section through the point.
void tangentCandidates(const Eigen::Vector3d& axisFoot, const Eigen::Vector3d& radial,
                       double axisDistance, double radius, Eigen::Vector3d& candidateA,
                       Eigen::Vector3d& candidateB) {
  const double sinTheta = radius / axisDistance;
  double distance = radius * sinTheta;
  const Eigen::Vector3d foot = axisFoot + distance * radial;
  distance = std::sqrt(radius * radius - distance * distance);
  const Eigen::Vector3d across = kAxis.cross(radial);
  candidateA = foot + distance * across;
  candidateB = foot - distance * across;
}

// Helix over the surface between r1 and r2 (OpenSim _make_spiral_path).
struct Helix {
  Eigen::Vector3d start_on_axis;  // r1a
  Eigen::Vector3d axial;          // axial_vec
  Eigen::Vector3d start_radial;   // uu (unit radial of r1)
  Eigen::Vector3d rotation_axis;  // ax
  double theta = 0.0;
  double sense = 1.0;
  double radius = 0.0;

  // Point at fraction t of the helix (OpenSim _calc_spiral_wrap_point).
  Eigen::Vector3d pointAt(double t) const {
    const Eigen::AngleAxisd rotation(sense * t * theta, rotation_axis.normalized());
    return start_on_axis + radius * (rotation * start_radial) + t * axial;
  }
};

Helix makeHelix(const Eigen::Vector3d& r1, const Eigen::Vector3d& r2, double radius, bool farSide,
                double& length) {
  Helix helix;
  helix.radius = radius;
  helix.sense = farSide ? -1.0 : 1.0;
  helix.start_on_axis = onAxis(r1);
  const Eigen::Vector3d endOnAxis = onAxis(r2);
  helix.axial = endOnAxis - helix.start_on_axis;
  const double axialDistance = helix.axial.norm();
  const Eigen::Vector3d u = (r1 - helix.start_on_axis) / radius;
  const Eigen::Vector3d v = (r2 - endOnAxis) / radius;
  helix.theta = std::acos(u.dot(v) / (u.norm() * v.norm()));
  if (farSide) helix.theta = 2.0 * std::numbers::pi - helix.theta;
  const double around = radius * helix.theta;
  length = std::sqrt(around * around + axialDistance * axialDistance);
  normalizeOrZero(u.cross(v), helix.rotation_axis);
  helix.start_radial = u;
  return helix;
}

// Slides tangent point `r` along the axis direction if the line end→r and the helix start
// r→w differ in angle to the axis by more than the threshold (OpenSim _adjust_tangent_point).
bool adjustTangentPoint(const Eigen::Vector3d& end, Eigen::Vector3d& r, const Eigen::Vector3d& w) {
  Eigen::Vector3d incoming, outgoing;
  normalizeOrZero(r - end, incoming);
  normalizeOrZero(w - r, outgoing);
  const double alpha = std::acos(incoming.dot(kAxis));
  const double omega = std::acos(outgoing.dot(kAxis));
  if (!(std::abs(alpha - omega) > kTangencyThreshold)) return false;
  double t = 0.0;
  const Eigen::Vector3d endFoot = closestPointOnLine(end, r, kAxis, t);
  const Eigen::Vector3d helixFoot = closestPointOnLine(w, r, kAxis, t);
  Eigen::Vector3d onEndLine = Eigen::Vector3d::Constant(kNaN);
  Eigen::Vector3d onFootLine = Eigen::Vector3d::Constant(kNaN);
  double s = 0.0;
  wrap_geometry::intersectLines(end, w, endFoot, helixFoot, onEndLine, s, onFootLine, t);
  r += 1.5 * (onFootLine - r);
  return true;
}

// Surface length from r1 to r2, with OpenSim's tangent-point iteration when asked for.
double spiralPath(const Eigen::Vector3d& p1, const Eigen::Vector3d& p2, double radius, bool farSide,
                  bool adjustTangentPoints, Eigen::Vector3d& r1, Eigen::Vector3d& r2) {
  double length = 0.0;
  for (int iteration = 0;; ++iteration) {
    const Helix helix = makeHelix(r1, r2, radius, farSide, length);
    if (!adjustTangentPoints || iteration >= kMaxTangentIterations) return length;
    // OpenSim checks tangency at the first interior sample of the 2 mm sampling.
    const int segments = std::max(1, static_cast<int>(length / kSurfaceSegmentLength));
    if (segments < 2) return length;
    const double t = 1.0 / segments;
    const Eigen::Vector3d nearR1 = helix.pointAt(t);
    const bool movedR1 = adjustTangentPoint(p1, r1, nearR1);
    const Eigen::Vector3d nearR2 = helix.pointAt(1.0 - t);
    const bool movedR2 = adjustTangentPoint(p2, r2, nearR2);
    if (!movedR1 && !movedR2) return length;
  }
}

}  // namespace

WrapResult wrapLineOverCylinder(const model::WrapCylinder& cylinder,
                                const model::WrapQuadrant& quadrant, const Eigen::Vector3d& p1,
                                const Eigen::Vector3d& p2, const WrapSettings& settings) {
  const double radius = cylinder.radius;
  const double radiusSquared = radius * radius;
  const bool constrained = quadrant.constrained();
  const int axis = quadrant.axis;
  const int sign = quadrant.sign;
  WrapResult result;

  if (wrap_geometry::distanceSquaredToLine(p1, kAxisPoint, kAxis) < radiusSquared ||
      wrap_geometry::distanceSquaredToLine(p2, kAxisPoint, kAxis) < radiusSquared) {
    result.status = WrapStatus::InsideRadius;
    return result;
  }

  // Closest approach of the segment to the cylinder's axis segment.
  const Eigen::Vector3d axisStart(0.0, 0.0, -0.5 * cylinder.length);
  const Eigen::Vector3d axisEnd(0.0, 0.0, 0.5 * cylinder.length);
  Eigen::Vector3d nearOnSegment = Eigen::Vector3d::Constant(kNaN);
  Eigen::Vector3d nearOnAxis = Eigen::Vector3d::Constant(kNaN);
  double tSegment = kNaN;
  double tAxis = kNaN;
  wrap_geometry::intersectLines(p1, p2, axisStart, axisEnd, nearOnSegment, tSegment, nearOnAxis,
                                tAxis);
  const bool pierces = (nearOnSegment - nearOnAxis).squaredNorm() < radiusSquared &&
                       tSegment > 0.0 && tSegment < 1.0;

  WrapStatus status = WrapStatus::Wrapped;
  if (!constrained) {
    if (!pierces) return result;
    status = WrapStatus::MandatoryWrap;
  }

  Eigen::Vector3d p1Radial, p2Radial;
  const Eigen::Vector3d p1Foot = onAxis(p1);
  const Eigen::Vector3d p2Foot = onAxis(p2);
  const double p1Distance = normalizeOrZero(p1 - p1Foot, p1Radial);
  const double p2Distance = normalizeOrZero(p2 - p2Foot, p2Radial);
  Eigen::Vector3d r1a, r1b, r2a, r2b;
  tangentCandidates(p1Foot, p1Radial, p1Distance, radius, r1a, r1b);
  tangentCandidates(p2Foot, p2Radial, p2Distance, radius, r2a, r2b);

  Eigen::Vector3d r1, r2;
  bool farSideWrap = false;
  bool longWrap = false;
  if (constrained) {
    if (signOf(p1[axis]) == sign || signOf(p2[axis]) == sign) {
      if (pierces) {
        status = WrapStatus::MandatoryWrap;
      } else if (signOf(p1[axis]) != signOf(p2[axis]) && signOf(nearOnSegment[axis]) != sign) {
        status = WrapStatus::Wrapped;
      } else {
        return result;
      }
    }

    const Eigen::Vector3d r1aRadial = r1a - p1Foot;
    const Eigen::Vector3d r1bRadial = r1b - p1Foot;
    const Eigen::Vector3d r2aRadial = r2a - p2Foot;
    const Eigen::Vector3d r2bRadial = r2b - p2Foot;
    const double alpha =
        std::acos(r1aRadial.dot(r2bRadial) / (r1aRadial.norm() * r2bRadial.norm()));
    const double beta = std::acos(r1bRadial.dot(r2aRadial) / (r1bRadial.norm() * r2aRadial.norm()));

    // Choose the pair on the active side (OpenSim's decision table, including the case where no
    // candidate is active).
    const bool r1aActive = signOf(r1a[axis]) == sign;
    const bool r1bActive = signOf(r1b[axis]) == sign;
    const bool r2aActive = signOf(r2a[axis]) == sign;
    const bool r2bActive = signOf(r2b[axis]) == sign;
    const auto chooseBA = [&](bool farWhenAlphaLarger) {
      r1 = r1b, r2 = r2a;
      farSideWrap = farWhenAlphaLarger ? alpha > beta : !(alpha > beta);
    };
    const auto chooseAB = [&](bool farWhenAlphaLarger) {
      r1 = r1a, r2 = r2b;
      farSideWrap = farWhenAlphaLarger ? alpha > beta : !(alpha > beta);
    };
    if (r1aActive && r1bActive) {
      if (r2aActive) {
        chooseBA(false);
      } else {
        chooseAB(true);
      }
    } else if (r1aActive) {
      chooseAB(true);
    } else if (r1bActive) {
      chooseBA(false);
    } else if (r2aActive) {
      chooseBA(false);
    } else if (r2bActive) {
      chooseAB(true);
    } else if (alpha > beta) {
      r1 = r1a, r2 = r2b, farSideWrap = true;
    } else {
      r1 = r1b, r2 = r2a, farSideWrap = true;
    }
    // A long wrap (more than half way round) when the radials oppose the pull of the path.
    const Eigen::Vector3d sumPull = (r1 - p1) + (r2 - p2);
    const Eigen::Vector3d sumRadial = (r1 - p1Foot) + (r2 - p2Foot);
    if (sumRadial.dot(sumPull) < 0.0) longWrap = true;
  } else {
    Eigen::Vector3d r1aUnit, r1bUnit, r2aUnit, r2bUnit;
    normalizeOrZero(r1a - p1Foot, r1aUnit);
    normalizeOrZero(r1b - p1Foot, r1bUnit);
    normalizeOrZero(r2a - p2Foot, r2aUnit);
    normalizeOrZero(r2b - p2Foot, r2bUnit);
    const double dot1 = r1aUnit.dot(r2aUnit);
    const double dot2 = r1aUnit.dot(r2bUnit);
    const double dot3 = r1bUnit.dot(r2aUnit);
    const double dot4 = r1bUnit.dot(r2bUnit);
    if (dot1 > dot2 && dot1 > dot3 && dot1 > dot4) {
      r1 = r1a, r2 = r2a;
    } else if (dot2 > dot3 && dot2 > dot4) {
      r1 = r1a, r2 = r2b;
    } else if (dot3 > dot4) {
      r1 = r1b, r2 = r2a;
    } else {
      r1 = r1b, r2 = r2b;
    }
  }

  // Apex: the cylinder edge facing the segment, on the axis point below the segment point that
  // divides it in the ratio of the end points' axis distances.
  const double ratio = p1Distance / (p1Distance + p2Distance);
  const Eigen::Vector3d segmentPoint = p1 + ratio * (p2 - p1);
  const Eigen::Vector3d apexFoot = onAxis(segmentPoint);
  Eigen::Vector3d toP1, toP2;
  normalizeOrZero(p1 - apexFoot, toP1);
  normalizeOrZero(p2 - apexFoot, toP2);
  Eigen::Vector3d planeNormal = toP1.cross(toP2).normalized();  // SimTK UnitVec3 construction
  normalizeOrZero(planeNormal, planeNormal);
  Eigen::Vector3d vertical1, vertical2;
  normalizeOrZero(kAxis.cross(planeNormal), vertical1);
  normalizeOrZero(planeNormal.cross(kAxis), vertical2);
  const Eigen::Vector3d apex1 = apexFoot + radius * vertical1;
  const Eigen::Vector3d apex2 = apexFoot + radius * vertical2;
  const bool apex1Nearer =
      (segmentPoint - apex1).squaredNorm() < (segmentPoint - apex2).squaredNorm();
  const Eigen::Vector3d apex = (apex1Nearer != farSideWrap) ? apex1 : apex2;

  // Slide r1, r2 along the axis onto the plane through P1, P2 and the apex.
  Eigen::Vector3d apexToP1, apexToP2;
  normalizeOrZero(p1 - apex, apexToP1);
  normalizeOrZero(p2 - apex, apexToP2);
  const Eigen::Vector3d slideNormal = apexToP1.cross(apexToP2).normalized();
  const double slideOffset = -p1.dot(slideNormal);
  Eigen::Vector3d r1OnPlane, r2OnPlane;
  const bool r1Slides = wrap_geometry::intersectSegmentPlane(r1 - 10.0 * kAxis, r1 + 10.0 * kAxis,
                                                             slideNormal, slideOffset, r1OnPlane);
  const bool r2Slides = wrap_geometry::intersectSegmentPlane(r2 - 10.0 * kAxis, r2 + 10.0 * kAxis,
                                                             slideNormal, slideOffset, r2OnPlane);
  double t = 0.0;
  if (r1Slides) {
    // OpenSim passes the point p22 as the line direction here; reproduced.
    const Eigen::Vector3d foot = closestPointOnLine(r1OnPlane, p1Foot, p2Foot, t);
    if ((foot - p2Foot).squaredNorm() < (p1Foot - p2Foot).squaredNorm()) r1 = r1OnPlane;
  }
  if (r2Slides) {
    const Eigen::Vector3d foot = closestPointOnLine(r2OnPlane, p1Foot, p2Foot, t);
    if ((foot - p1Foot).squaredNorm() < (p2Foot - p1Foot).squaredNorm()) r2 = r2OnPlane;
  }

  // Both tangent points beyond the cylinder's ends: no wrap.
  const double halfLength = cylinder.length / 2.0;
  if ((r1.z() < -halfLength || r1.z() > halfLength) &&
      (r2.z() < -halfLength || r2.z() > halfLength)) {
    return result;
  }

  result.surface_length = spiralPath(p1, p2, radius, longWrap, !settings.single_wrap, r1, r2);
  result.status = status;
  result.r1 = r1;
  result.r2 = r2;
  result.has_surface_path = true;
  return result;
}

}  // namespace kinchain::muscle
