#include "kinchain/muscle/wrapping/wrap_ellipsoid.hpp"

#include <Eigen/Geometry>
#include <Eigen/LU>

#include <cmath>
#include <limits>
#include <numbers>

#include "kinchain/muscle/wrapping/wrap_geometry.hpp"

namespace kinchain::muscle {

using wrap_geometry::normalizeOrZero;
using wrap_geometry::signOf;

namespace {

// Constants of OpenSim WrapEllipsoid.cpp.
constexpr double kTiny = 0.00000001;             // ELLIPSOID_TINY: tangent-point residual target
constexpr double kMuBlendMin = 0.7073;           // MU_BLEND_MIN: 100 % fan below
constexpr double kMuBlendMax = 0.9;              // MU_BLEND_MAX: 100 % Frans above
constexpr int kFanSamples = 300;                 // NUM_FAN_SAMPLES
constexpr double kSvBoundaryBlend = 0.3;         // SV_BOUNDARY_BLEND
constexpr double kSurfaceSegmentLength = 0.001;  // desiredSegLength in CalcDistanceOnEllipsoid
constexpr int kMaxSurfaceSegments = 499;
constexpr double kRoundoffError = 0.0000000000002;  // SimmMacros ROUNDOFF_ERROR
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool nearZero(double value) {
  return std::abs(value) <= kRoundoffError;
}

// Closest point on the ellipse (x/a)² + (y/b)² = 1 to (u, v) (Eberly 1994, as in OpenSim).
void closestPointToEllipse(double a, double b, double u, double v, double& x, double& y) {
  const double a2 = a * a, b2 = b * b;
  const double a2u2 = a2 * u * u, b2v2 = b2 * v * v;
  const bool nearXOrigin = nearZero(u);
  const bool nearYOrigin = nearZero(v);
  if (nearXOrigin && nearYOrigin) {
    if (a < b) {
      x = u < 0.0 ? -a : a;
      y = v;
    } else {
      x = u;
      y = v < 0.0 ? -b : b;
    }
    return;
  }
  if (nearXOrigin) {
    if (a >= b || std::abs(v) >= b - a2 / b) {
      x = u;
      y = v >= 0 ? b : -b;
    } else {
      y = b2 * v / (b2 - a2);
      const double ydb = y / b;
      x = a * std::sqrt(std::abs(1 - ydb * ydb));
    }
    return;
  }
  if (nearYOrigin) {
    if (b >= a || std::abs(u) >= a - b2 / a) {
      x = u >= 0 ? a : -a;
      y = v;
    } else {
      x = a2 * u / (a2 - b2);
      const double xda = x / a;
      y = b * std::sqrt(std::abs(1 - xda * xda));
    }
    return;
  }
  double t = 0.0;
  if ((u / a) * (u / a) + (v / b) * (v / b) >= 1.0) t = std::max(a, b) * std::sqrt(u * u + v * v);
  double p = 0.0, q = 0.0;
  for (int i = 0; i < 64; ++i) {
    p = t + a2;
    q = t + b2;
    const double f = p * p * q * q - a2u2 * q * q - b2v2 * p * p;
    if (std::abs(f) < 1e-09) break;
    const double fp = 2.0 * (p * q * (p + q) - a2u2 * q - b2v2 * p);
    t -= f / fp;
  }
  x = a2 * u / p;
  y = b2 * v / q;
}

class ScaledEllipsoid {
 public:
  // `semiAxes` scaled, `unscaledSemiAxes` as in the model (OpenSim picks the 2-D special case
  // from the model's dimensions).
  ScaledEllipsoid(const Eigen::Vector3d& semiAxes, const Eigen::Vector3d& unscaledSemiAxes)
      : a_(semiAxes), dimensions_(unscaledSemiAxes) {}

  const Eigen::Vector3d& semiAxes() const { return a_; }

  // Closest surface point to `point` (OpenSim findClosestPoint). `specialCaseAxis` >= 0 forces
  // the 2-D section normal to that axis. If Newton's method does not converge in 64 steps,
  // `closest` is left unchanged, as in OpenSim.
  void closestPoint(const Eigen::Vector3d& point, Eigen::Vector3d& closest,
                    int specialCaseAxis = -1) const {
    const double a = a_[0], b = a_[1], c = a_[2];
    const double u = point[0], v = point[1], w = point[2];
    if (specialCaseAxis < 0) {
      double minRadiiSum = std::numeric_limits<double>::infinity();
      for (int i = 0; i < 3; ++i) {
        if (!nearZero(point[i])) continue;
        double radiiSum = 0.0;
        for (int j = 0; j < 3; ++j) {
          if (j != i) radiiSum += dimensions_[j];
        }
        if (minRadiiSum > radiiSum) {
          specialCaseAxis = i;
          minRadiiSum = radiiSum;
        }
      }
    }
    if (specialCaseAxis == 0) {
      closest[0] = u;
      closestPointToEllipse(b, c, v, w, closest[1], closest[2]);
      return;
    }
    if (specialCaseAxis == 1) {
      closest[1] = v;
      closestPointToEllipse(c, a, w, u, closest[2], closest[0]);
      return;
    }
    if (specialCaseAxis == 2) {
      closest[2] = w;
      closestPointToEllipse(a, b, u, v, closest[0], closest[1]);
      return;
    }
    const double a2 = a * a, b2 = b * b, c2 = c * c;
    const double a2u2 = a2 * u * u, b2v2 = b2 * v * v, c2w2 = c2 * w * w;
    double t = 0.0;
    if ((u / a) * (u / a) + (v / b) * (v / b) + (w / c) * (w / c) >= 1.0) {
      t = std::max({a, b, c}) * std::sqrt(u * u + v * v + w * w);
    }
    for (int i = 0; i < 64; ++i) {
      const double p = t + a2, q = t + b2, r = t + c2;
      const double p2 = p * p, q2 = q * q, r2 = r * r;
      const double f = p2 * q2 * r2 - a2u2 * q2 * r2 - b2v2 * p2 * r2 - c2w2 * p2 * q2;
      if (std::abs(f) < 1e-09) {
        closest = Eigen::Vector3d(a2 * u / p, b2 * v / q, c2 * w / r);
        return;
      }
      const double pq = p * q, pr = p * r, qr = q * r, pqr = p * q * r;
      const double fp = 2.0 * (pqr * (qr + pr + pq) - a2u2 * qr * (q + r) - b2v2 * pr * (p + r) -
                               c2w2 * pq * (p + q));
      t -= f / fp;
    }
  }

  double levelOf(const Eigen::Vector3d& point) const {
    return point.cwiseQuotient(a_).squaredNorm() - 1.0;
  }

  // Moves r (on the surface, in the plane vs·x + vs4 = 0) until the line P→r is tangent to the
  // surface (OpenSim calcTangentPoint: Levenberg–Marquardt-like iteration on 4 residuals).
  void tangentPoint(double pointLevel, Eigen::Vector3d& r, const Eigen::Vector3d& p,
                    const Eigen::Vector3d& vs, double vs4) const {
    if (std::abs(pointLevel) < 0.0001) {
      r = p;
      return;
    }
    const Eigen::Vector3d a2 = a_.cwiseProduct(a_);
    double d1 = 0.0;
    const auto residuals = [&](const Eigen::Vector3d& point, double offset) {
      const Eigen::Vector3d normal = 2.0 * point.cwiseQuotient(a2);
      return Eigen::Vector4d(vs.dot(point) + vs4, levelOf(point), normal.dot(point) + offset,
                             normal.dot(p) + offset);
    };
    d1 = -(2.0 * r.cwiseQuotient(a2)).dot(r);
    Eigen::Vector4d e = residuals(r, d1);
    double ssqOld = e.squaredNorm();
    double ssq = ssqOld;
    double alpha = 0.01;
    constexpr int kMaxOuter = 50;
    constexpr int kMaxInner = 1000;
    for (int outer = 0; ssq > kTiny && outer < kMaxOuter; ++outer) {
      Eigen::Matrix4d jacobian;  // OpenSim dedth: rows are unknowns (r, d1), columns residuals
      for (int i = 0; i < 3; ++i) {
        jacobian(i, 0) = vs[i];
        jacobian(i, 1) = 2.0 * r[i] / a2[i];
        jacobian(i, 2) = 2.0 * (2.0 * r[i]) / a2[i];
        jacobian(i, 3) = 2.0 * p[i] / a2[i];
      }
      jacobian.row(3) << 0.0, 0.0, 1.0, 1.0;

      Eigen::Vector3d pr, pm;
      normalizeOrZero(p - r, pr);
      normalizeOrZero(p, pm);
      const double pcos = pr.dot(pm);
      const double damping = pcos > 0.1 ? 1.0 - std::pow(pcos, 100) : 1.0;

      const Eigen::Vector4d gradient = -jacobian * e;
      Eigen::Matrix4d normal = jacobian * jacobian.transpose();
      const Eigen::Vector4d diagonal = normal.diagonal();
      Eigen::Vector4d step = Eigen::Vector4d::Zero();
      // Raise the damping until the residual falls.
      for (int inner = 0; ssq >= ssqOld && inner < kMaxInner; ++inner) {
        normal.diagonal() = diagonal * (1.0 + alpha);
        step = damping * (normal.inverse() * gradient) / 16.0;
        r += step.head<3>();
        d1 += step[3];
        e = residuals(r, d1);
        ssqOld = ssq;
        ssq = e.squaredNorm();
        alpha *= 4.0;
      }
      alpha /= 8.0;
      // Then double the step while the residual keeps falling, and undo the last doubling.
      double factor = 0.5;
      for (int inner = 0; ssq <= ssqOld && inner < kMaxInner; ++inner) {
        factor *= 2.0;
        r += step.head<3>() * factor;
        d1 += step[3] * factor;
        e = residuals(r, d1);
        ssqOld = ssq;
        ssq = e.squaredNorm();
      }
      r -= step.head<3>() * factor;
      d1 -= step[3] * factor;
      e = residuals(r, d1);
      ssq = e.squaredNorm();
      ssqOld = ssq;
    }
  }

 private:
  Eigen::Vector3d a_;
  Eigen::Vector3d dimensions_;
};

// Surface path r1→r2 in the plane (vs, vs4): sampled section of the ellipsoid (OpenSim
// CalcDistanceOnEllipsoid). Returns the length (scaled units) and the first and last interior
// samples (w1, w2), or `interiorSamples` = 0 when there are none.
double surfaceDistance(const ScaledEllipsoid& ellipsoid, const Eigen::Vector3d& r1,
                       const Eigen::Vector3d& r2, const Eigen::Vector3d& vs, double vs4,
                       bool farSide, double factor, Eigen::Vector3d& firstInterior,
                       Eigen::Vector3d& lastInterior, int& interiorSamples) {
  interiorSamples = 0;
  const Eigen::Vector3d& a = ellipsoid.semiAxes();
  const double chord = (r1 - r2).norm() / factor;
  if (chord < kSurfaceSegmentLength) return chord * factor;
  int segments = static_cast<int>(chord / kSurfaceSegmentLength);
  if (segments <= 0) return chord;  // unreachable; kept from OpenSim
  segments = std::min(segments, kMaxSurfaceSegments);
  interiorSamples = segments - 1;

  // Rotate about the point a0 where the plane meets the principal axis most normal to it.
  int imax = 0;
  for (int i = 1; i < 3; ++i) {
    if (std::abs(vs[i]) > std::abs(vs[imax])) imax = i;
  }
  Eigen::Vector3d u = Eigen::Vector3d::Zero();
  u[imax] = 1.0;
  const double mu = -vs4 / vs.dot(u);
  const Eigen::Vector3d a0 = mu * u;
  Eigen::Vector3d ar1, ar2;
  normalizeOrZero(r1 - a0, ar1);
  normalizeOrZero(r2 - a0, ar2);
  const double phi0 = std::acos(ar1.dot(ar2));
  const double dphi = farSide ? -(2 * std::numbers::pi - phi0) / segments : phi0 / segments;
  Eigen::Vector3d vsz;
  normalizeOrZero(ar1.cross(ar2), vsz);
  const Eigen::Vector3d vsy = vsz.cross(ar1);
  const Eigen::Vector3d f2 = a0.cwiseQuotient(a);
  const double cc = f2.dot(f2) - 1.0;

  double length = 0.0;
  Eigen::Vector3d previous = r1;
  for (int i = 0; i < interiorSamples; ++i) {
    const double phi = (i + 1) * dphi;
    const Eigen::Vector3d ray = std::cos(phi) * ar1 + std::sin(phi) * vsy;
    const Eigen::Vector3d f1 = ray.cwiseQuotient(a);
    const double aa = f1.dot(f1);
    const double bb = 2.0 * f1.dot(f2);
    const double reach = (-bb + std::sqrt(bb * bb - 4.0 * aa * cc)) / (2.0 * aa);
    const Eigen::Vector3d sample = a0 + reach * ray;
    if (i == 0) firstInterior = sample;
    lastInterior = sample;
    length += (sample - previous).norm();
    previous = sample;
  }
  length += (r2 - previous).norm();
  return length;
}

}  // namespace

WrapResult wrapLineOverEllipsoid(const model::WrapEllipsoid& ellipsoid,
                                 const model::WrapQuadrant& quadrant, const Eigen::Vector3d& point1,
                                 const Eigen::Vector3d& point2, const WrapSettings& settings) {
  WrapResult result;
  // Scale so that coordinates are near 1 (OpenSim: factor = 3 / sum of semi-axes).
  const double factor = 3.0 / ellipsoid.dimensions.sum();
  const Eigen::Vector3d p1 = point1 * factor;
  const Eigen::Vector3d p2 = point2 * factor;
  const ScaledEllipsoid shape(ellipsoid.dimensions * factor, ellipsoid.dimensions);
  const Eigen::Vector3d& a = shape.semiAxes();

  const double p1Level = shape.levelOf(p1);
  const double p2Level = shape.levelOf(p2);
  if (p1Level < -0.0001 || p2Level < -0.0001) {
    result.status = WrapStatus::InsideRadius;
    return result;
  }

  const Eigen::Vector3d p1p2 = p1 - p2;  // from P2 to P1
  Eigen::Vector3d p1Unit, p2Unit;
  normalizeOrZero(p1, p1Unit);
  normalizeOrZero(p2, p2Unit);
  if (std::abs(p1Unit.dot(p2Unit) - 1.0) < 0.0001) return result;  // collinear with the centre

  // Intersections P2 + l·(P1−P2) of the line with the surface; both must be inside the segment.
  const Eigen::Vector3d f1 = p1p2.cwiseQuotient(a);
  const Eigen::Vector3d f2 = p2.cwiseQuotient(a);
  const double aa = f1.dot(f1);
  const double bb = 2.0 * f1.dot(f2);
  const double cc = f2.dot(f2) - 1.0;
  const double discriminant = bb * bb - 4.0 * aa * cc;
  if (discriminant < 0.0) return result;
  const double l1 = (-bb + std::sqrt(discriminant)) / (2.0 * aa);
  const double l2 = (-bb - std::sqrt(discriminant)) / (2.0 * aa);
  if (!(0.0 < l1 && l1 < 1.0) || !(0.0 < l2 && l2 < 1.0)) return result;
  Eigen::Vector3d r1 = p2 + l1 * p1p2;
  Eigen::Vector3d r2 = p2 + l2 * p1p2;

  // ---- Wrapping plane: choose c1 on the surface (and sv on the chord). ----
  Eigen::Vector3d c1 = Eigen::Vector3d::Constant(kNaN);
  Eigen::Vector3d sv = Eigen::Vector3d::Constant(kNaN);
  const Eigen::Vector3d chord = r2 - r1;
  Eigen::Vector3d mu;
  normalizeOrZero(p1p2, mu);
  Eigen::Vector3d t;
  Eigen::Vector3d axialSv[3];
  Eigen::Vector3d axialC1[3];
  for (int i = 0; i < 3; ++i) {
    mu[i] = std::abs(mu[i]);
    t[i] = -r1[i] / chord[i];  // where the chord crosses the plane x_i = 0
    axialSv[i] = r1 + t[i] * chord;
    axialC1[i] = Eigen::Vector3d::Constant(kNaN);
    shape.closestPoint(axialSv[i], axialC1[i], i);
  }
  int bestMu = 0;
  for (int i = 1; i < 3; ++i) {
    if (mu[i] > mu[bestMu]) bestMu = i;
  }

  double fanWeight = -std::numeric_limits<double>::infinity();
  if (settings.method == WrapMethod::Hybrid || settings.method == WrapMethod::Axial) {
    if (settings.method == WrapMethod::Hybrid && mu[bestMu] > kMuBlendMin) {
      // Fade out the axial ("Frans") solution when its sv lies near or beyond the chord's ends.
      double s = 1.0;
      if (t[bestMu] < 0.0 || t[bestMu] > 1.0) {
        s = 0.0;
      } else if (t[bestMu] < kSvBoundaryBlend) {
        s = t[bestMu] / kSvBoundaryBlend;
      } else if (t[bestMu] > 1.0 - kSvBoundaryBlend) {
        s = (1.0 - t[bestMu]) / kSvBoundaryBlend;
      }
      if (s < 1.0) mu[bestMu] = kMuBlendMin + s * (mu[bestMu] - kMuBlendMin);
    }
    if (settings.method == WrapMethod::Axial || mu[bestMu] > kMuBlendMin) {
      c1 = axialC1[bestMu];
      sv = axialSv[bestMu];
    }
    if (settings.method == WrapMethod::Hybrid && mu[bestMu] < kMuBlendMax) {
      // Fan: average the unit vectors from chord samples to their closest surface points.
      const Eigen::Vector3d midChord = r1 + 0.5 * chord;
      Eigen::Vector3d bladeSum = Eigen::Vector3d::Zero();
      Eigen::Vector3d closest = Eigen::Vector3d::Constant(kNaN);
      for (int i = 1; i < kFanSamples - 1; ++i) {
        const double tt = static_cast<double>(i) / kFanSamples;
        const Eigen::Vector3d sample = r1 + tt * chord;
        shape.closestPoint(sample, closest);
        Eigen::Vector3d blade;
        normalizeOrZero(closest - sample, blade);
        bladeSum += blade;
      }
      normalizeOrZero(bladeSum, bladeSum);
      const Eigen::Vector3d fanTip = midChord + bladeSum;
      if (mu[bestMu] <= kMuBlendMin) {
        shape.closestPoint(fanTip, c1);
        sv = midChord;
        fanWeight = 1.0;
      } else {
        const double tt = (mu[bestMu] - kMuBlendMin) / (kMuBlendMax - kMuBlendMin);
        const double oneMinusT = 1.0 - tt;
        Eigen::Vector3d fanC1 = axialC1[1];  // OpenSim writes into that slot (t_c1[1])
        shape.closestPoint(fanTip, fanC1);
        const Eigen::Vector3d blended = tt * c1 + oneMinusT * fanC1;
        sv = tt * sv + oneMinusT * midChord;
        shape.closestPoint(blended, c1);
        fanWeight = oneMinusT;
      }
    }
  } else {  // Midpoint
    sv = r1 + 0.5 * (r2 - r1);
    shape.closestPoint(sv, c1);
  }

  // Start the tangent-point search from c1 (keeps the path on c1's side).
  bool useC1 = true;
  if (settings.method == WrapMethod::Axial) useC1 = t[bestMu] > 0.0 && t[bestMu] < 1.0;
  if (useC1) r1 = r2 = c1;

  // Quadrant constraint: mirror c1 onto the active side, part way back towards the axis plane
  // by the fan weight.
  if (quadrant.constrained()) {
    const int axis = quadrant.axis;
    if (signOf(c1[axis]) != quadrant.sign) {
      const Eigen::Vector3d originalC1 = c1;
      c1[axis] = -c1[axis];
      r1 = r2 = c1;
      // OpenSim would recompute a -infinite fan weight here, but its test
      // EQUAL_WITHIN_ERROR(fanWeight, -Infinity) is never true (inf - inf is NaN), so the
      // Frans-only case keeps fanWeight = -infinity and c1 is mirrored without blending.
      fanWeight = std::min(fanWeight, 1.0);
      if (fanWeight > 0.0) {
        const double bisection = (originalC1[axis] + c1[axis]) / 2.0;
        c1[axis] = c1[axis] + fanWeight * (bisection - c1[axis]);
        const Eigen::Vector3d target = c1;
        shape.closestPoint(target, c1);
      }
    }
  }

  // Wrapping plane through P1, P2, c1.
  Eigen::Vector3d vs;
  normalizeOrZero(p1p2.cross(p1 - c1), vs);
  const double vs4 = -vs.dot(c1);
  shape.tangentPoint(p1Level, r1, p1, vs, vs4);
  shape.tangentPoint(p2Level, r2, p2, vs, vs4);

  bool farSide = false;
  Eigen::Vector3d w1, w2;
  int interior = 0;
  double length = surfaceDistance(shape, r1, r2, vs, vs4, farSide, factor, w1, w2, interior);
  if (quadrant.constrained() && interior > 0) {
    // A first or last surface step that turns back towards its end point is a wrong-way wrap:
    // go round the far side instead (OpenSim, KMS 1999).
    Eigen::Vector3d r1p1, r1w1, r2p2, r2w2;
    normalizeOrZero(p1 - r1, r1p1);
    normalizeOrZero(w1 - r1, r1w1);
    normalizeOrZero(p2 - r2, r2p2);
    normalizeOrZero(w2 - r2, r2w2);
    if (r1p1.dot(r1w1) > 0.0 || r2p2.dot(r2w2) > 0.0) {
      farSide = true;
      length = surfaceDistance(shape, r1, r2, vs, vs4, farSide, factor, w1, w2, interior);
    }
  }

  result.status = WrapStatus::MandatoryWrap;
  result.surface_length = length / factor;
  result.r1 = r1 / factor;
  result.r2 = r2 / factor;
  result.has_surface_path = true;
  return result;
}

}  // namespace kinchain::muscle
