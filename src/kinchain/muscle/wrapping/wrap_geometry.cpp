#include "kinchain/muscle/wrapping/wrap_geometry.hpp"

#include <Eigen/Geometry>

#include <cmath>
#include <limits>

namespace kinchain::muscle::wrap_geometry {

namespace {
constexpr double kRoundoffError = 0.0000000000002;  // OpenSim SimmMacros ROUNDOFF_ERROR
constexpr double kLineEpsilon = 0.00001;            // OpenSim WrapMath LINE_EPSILON
}  // namespace

double normalizeOrZero(const Eigen::Vector3d& v, Eigen::Vector3d& unit) {
  const double magnitude = v.norm();
  if (magnitude >= std::numeric_limits<double>::epsilon()) {
    unit = v * (1.0 / magnitude);
  } else {
    unit.setZero();
  }
  return magnitude;
}

Eigen::Vector3d closestPointOnLine(const Eigen::Vector3d& point, const Eigen::Vector3d& linePoint,
                                   const Eigen::Vector3d& line, double& t) {
  Eigen::Vector3d toPoint;
  Eigen::Vector3d direction;
  const double magnitude = normalizeOrZero(point - linePoint, toPoint);
  const double lineMagnitude = normalizeOrZero(line, direction);
  t = toPoint.dot(direction) * magnitude;
  const Eigen::Vector3d closest = linePoint + t * direction;
  t /= lineMagnitude;
  return closest;
}

double distanceSquaredToLine(const Eigen::Vector3d& point, const Eigen::Vector3d& linePoint,
                             const Eigen::Vector3d& line) {
  const Eigen::Vector3d toLine = linePoint - point;
  const Eigen::Vector3d unit = line.normalized();
  return (toLine - toLine.dot(unit) * unit).squaredNorm();
}

bool intersectLines(const Eigen::Vector3d& p1, const Eigen::Vector3d& p2, const Eigen::Vector3d& p3,
                    const Eigen::Vector3d& p4, Eigen::Vector3d& onFirst, double& s,
                    Eigen::Vector3d& onSecond, double& t) {
  Eigen::Vector3d u1;
  Eigen::Vector3d u2;
  const double magnitude1 = normalizeOrZero(p2 - p1, u1);
  const double magnitude2 = normalizeOrZero(p4 - p3, u2);
  const Eigen::Vector3d cross = u1.cross(u2);
  const double denominator = cross.squaredNorm();
  if (std::abs(denominator) <= kRoundoffError) {
    s = t = std::numeric_limits<double>::quiet_NaN();
    return false;
  }
  // Cramer's rule: t = det[p3-p1; u1; u1×u2] / |u1×u2|², s = det[p3-p1; u2; u1×u2] / |u1×u2|².
  Eigen::Matrix3d rows;
  rows.row(0) = (p3 - p1).transpose();
  rows.row(1) = u1.transpose();
  rows.row(2) = cross.transpose();
  t = rows.determinant() / denominator;
  onSecond = p3 + t * u2;
  rows.row(1) = u2.transpose();
  s = rows.determinant() / denominator;
  onFirst = p1 + s * u1;
  s /= magnitude1;
  t /= magnitude2;
  return true;
}

bool intersectSegmentPlane(const Eigen::Vector3d& pt1, const Eigen::Vector3d& pt2,
                           const Eigen::Vector3d& normal, double d, Eigen::Vector3d& intersection) {
  const Eigen::Vector3d segment = pt2 - pt1;
  const double along = segment.dot(normal);
  if (std::abs(along) < kLineEpsilon) return false;
  const double t = (-d - normal.dot(pt1)) / along;
  if (t < -kLineEpsilon || t > 1.0 + kLineEpsilon) return false;
  intersection = pt1 + t * segment;
  return true;
}

}  // namespace kinchain::muscle::wrap_geometry
