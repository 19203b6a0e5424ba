#pragma once
// Small line/plane helpers shared by the wrap shapes. Each reproduces the corresponding routine of
// OpenSim's WrapMath (and SimmMacros) exactly, including how it treats degenerate input, because
// wrapping decisions hinge on these numbers.

#include <Eigen/Core>

namespace kinchain::muscle::wrap_geometry {

/// +1 if value >= 0, else -1 (OpenSim DSIGN; NaN gives -1).
inline int signOf(double value) {
  return value >= 0.0 ? 1 : -1;
}

/// Writes v/|v| into `unit` (zero if |v| < machine epsilon); returns |v|.
double normalizeOrZero(const Eigen::Vector3d& v, Eigen::Vector3d& unit);

/// Closest point on the line through `linePoint` with direction `line` (any length) to `point`.
/// `t` is the parameter of that point in units of |line| (OpenSim GetClosestPointOnLineToPoint).
Eigen::Vector3d closestPointOnLine(const Eigen::Vector3d& point, const Eigen::Vector3d& linePoint,
                                   const Eigen::Vector3d& line, double& t);

/// Squared distance from `point` to the line through `linePoint` along `line`.
double distanceSquaredToLine(const Eigen::Vector3d& point, const Eigen::Vector3d& linePoint,
                             const Eigen::Vector3d& line);

/// Closest points between line p1→p2 and line p3→p4: `onFirst` = p1 + s(p2-p1), `onSecond` =
/// p3 + t(p4-p3). Returns false (s = t = NaN, points untouched) for parallel lines, i.e. when
/// |u1 × u2|² <= 2e-13 (OpenSim ROUNDOFF_ERROR).
bool intersectLines(const Eigen::Vector3d& p1, const Eigen::Vector3d& p2, const Eigen::Vector3d& p3,
                    const Eigen::Vector3d& p4, Eigen::Vector3d& onFirst, double& s,
                    Eigen::Vector3d& onSecond, double& t);

/// Intersection of the segment pt1→pt2 with the plane n·x + d = 0; false if the segment is within
/// 1e-5 of parallel or misses the plane by more than 1e-5 of its length (OpenSim LINE_EPSILON).
bool intersectSegmentPlane(const Eigen::Vector3d& pt1, const Eigen::Vector3d& pt2,
                           const Eigen::Vector3d& normal, double d, Eigen::Vector3d& intersection);

}  // namespace kinchain::muscle::wrap_geometry
