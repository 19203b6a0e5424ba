#include "kinchain/muscle/muscle_curves.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace kinchain::muscle {
namespace {

// SmoothSegmentedFunctionFactory::scaleCurviness: user curviness [0, 1] -> Bézier weight.
double scaleCurviness(double curviness) {
  return 0.1 + 0.8 * curviness;
}

// SimTK::SignificantReal = eps^(7/8), the threshold OpenSim uses for "non-zero" slopes.
const double kSignificantReal = std::pow(std::numeric_limits<double>::epsilon(), 0.875);

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument(message);
}

void requireCurviness(double curviness, const char* curve) {
  require(curviness >= 0.0 && curviness <= 1.0,
          std::string(curve) + ": curviness must be in [0, 1], got " + std::to_string(curviness));
}

}  // namespace

// --- Millard curves (SmoothSegmentedFunctionFactory.cpp)
// -------------------------------------------

SmoothSegmentedCurve millardActiveForceLengthCurve(
    const model::ActiveForceLengthCurveParameters& p) {
  const double x0 = p.minNormActiveFiberLength;
  const double x1 = p.transitionNormFiberLength;
  const double x2 = 1.0;  // optimal length (ActiveForceLengthCurve::createSimTKFunction)
  const double x3 = p.maxNormActiveFiberLength;
  const double ylow = p.minimumValue;
  const double dydx = p.shallowAscendingSlope;
  const double rootEps = std::sqrt(std::numeric_limits<double>::epsilon());
  require(x0 >= 0 && x1 > x0 + rootEps && x2 > x1 + rootEps && x3 > x2 + rootEps,
          "active force-length curve: need 0 <= min < transition < 1 < max length");
  require(ylow >= 0, "active force-length curve: minimum value must be >= 0");
  require(
      dydx >= 0 && dydx < (1 - ylow) / (x2 - x1),
      "active force-length curve: shallow ascending slope must be in [0, (1-min)/(1-transition))");
  const double c = scaleCurviness(1.0);  // curviness 1 in ActiveForceLengthCurve

  // Shoulder half-width 0.05 x optimal length ("TM Winter's data has a wider shoulder").
  const double xDelta = 0.05 * x2;
  const double xs = x2 - xDelta;
  // Ascending limb.
  const double y0 = 0.0, dydx0 = 0.0;
  const double y1 = 1.0 - dydx * (xs - x1);
  const double dydx01 = 1.25 * (y1 - y0) / (x1 - x0);
  const double x01 = x0 + 0.5 * (x1 - x0);
  const double y01 = y0 + 0.5 * (y1 - y0);
  // Shallow plateau.
  const double x1s = x1 + 0.5 * (xs - x1);
  const double y1s = y1 + 0.5 * (1.0 - y1);
  const double dydx1s = dydx;
  // Peak and descending limb.
  const double y2 = 1.0, dydx2 = 0.0;
  const double y3 = 0.0, dydx3 = 0.0;
  const double x23 = (x2 + xDelta) + 0.5 * (x3 - (x2 + xDelta));
  const double y23 = y2 + 0.5 * (y3 - y2);
  const double dydx23 = (y3 - y2) / ((x3 - xDelta) - (x2 + xDelta));

  std::vector<BezierSegment> segments{
      bezierCornerControlPoints(x0, ylow, dydx0, x01, y01, dydx01, c),
      bezierCornerControlPoints(x01, y01, dydx01, x1s, y1s, dydx1s, c),
      bezierCornerControlPoints(x1s, y1s, dydx1s, x2, y2, dydx2, c),
      bezierCornerControlPoints(x2, y2, dydx2, x23, y23, dydx23, c),
      bezierCornerControlPoints(x23, y23, dydx23, x3, ylow, dydx3, c)};
  return SmoothSegmentedCurve(std::move(segments), x0, x3, ylow, ylow, 0.0, 0.0);
}

namespace {

/// The four corners of the force-velocity curve (shared by the curve and its inverse).
std::vector<BezierSegment> forceVelocitySegments(double fmaxE, double dydxC, double dydxNearC,
                                                 double dydxIso, double dydxE, double dydxNearE,
                                                 double concCurviness, double eccCurviness) {
  const double cC = scaleCurviness(concCurviness);
  const double cE = scaleCurviness(eccCurviness);
  const double xC = -1.0, yC = 0.0;
  const double xNearC = -0.9;
  const double yNearC = yC + 0.5 * dydxNearC * (xNearC - xC) + 0.5 * dydxC * (xNearC - xC);
  const double xIso = 0.0, yIso = 1.0;
  const double xE = 1.0, yE = fmaxE;
  const double xNearE = 0.9;
  const double yNearE = yE + 0.5 * dydxNearE * (xNearE - xE) + 0.5 * dydxE * (xNearE - xE);
  return {bezierCornerControlPoints(xC, yC, dydxC, xNearC, yNearC, dydxNearC, cC),
          bezierCornerControlPoints(xNearC, yNearC, dydxNearC, xIso, yIso, dydxIso, cC),
          bezierCornerControlPoints(xIso, yIso, dydxIso, xNearE, yNearE, dydxNearE, cE),
          bezierCornerControlPoints(xNearE, yNearE, dydxNearE, xE, yE, dydxE, cE)};
}

void checkForceVelocity(const model::ForceVelocityCurveParameters& p, bool inverse) {
  const double fmaxE = p.maxEccentricVelocityForceMultiplier;
  require(fmaxE > 1.0, "force-velocity curve: max eccentric force multiplier must exceed 1");
  const double minimumEndSlope = inverse ? std::numeric_limits<double>::min() : 0.0;
  require(p.concentricSlopeAtVmax >= minimumEndSlope && p.concentricSlopeAtVmax < 1.0,
          "force-velocity curve: concentric slope at vmax must be in [0, 1)");
  require(p.concentricSlopeNearVmax > p.concentricSlopeAtVmax && p.concentricSlopeNearVmax <= 1.0,
          "force-velocity curve: concentric slope near vmax must exceed the slope at vmax and be "
          "<= 1");
  require(p.isometricSlope > 1.0, "force-velocity curve: isometric slope must exceed 1");
  require(p.eccentricSlopeAtVmax >= minimumEndSlope && p.eccentricSlopeAtVmax < fmaxE - 1.0,
          "force-velocity curve: eccentric slope at vmax must be in [0, fmaxE-1)");
  require(
      p.eccentricSlopeNearVmax >= p.eccentricSlopeAtVmax && p.eccentricSlopeNearVmax < fmaxE - 1.0,
      "force-velocity curve: eccentric slope near vmax must be in [slope at vmax, fmaxE-1)");
  requireCurviness(p.concentricCurviness, "force-velocity curve");
  requireCurviness(p.eccentricCurviness, "force-velocity curve");
}

}  // namespace

SmoothSegmentedCurve millardForceVelocityCurve(const model::ForceVelocityCurveParameters& p) {
  checkForceVelocity(p, false);
  return SmoothSegmentedCurve(
      forceVelocitySegments(p.maxEccentricVelocityForceMultiplier, p.concentricSlopeAtVmax,
                            p.concentricSlopeNearVmax, p.isometricSlope, p.eccentricSlopeAtVmax,
                            p.eccentricSlopeNearVmax, p.concentricCurviness, p.eccentricCurviness),
      -1.0, 1.0, 0.0, p.maxEccentricVelocityForceMultiplier, p.concentricSlopeAtVmax,
      p.eccentricSlopeAtVmax);
}

SmoothSegmentedCurve millardForceVelocityInverseCurve(
    const model::ForceVelocityCurveParameters& p) {
  checkForceVelocity(p, true);
  std::vector<BezierSegment> segments =
      forceVelocitySegments(p.maxEccentricVelocityForceMultiplier, p.concentricSlopeAtVmax,
                            p.concentricSlopeNearVmax, p.isometricSlope, p.eccentricSlopeAtVmax,
                            p.eccentricSlopeNearVmax, p.concentricCurviness, p.eccentricCurviness);
  for (auto& segment : segments)
    std::swap(segment.x, segment.y);  // x = multiplier
  return SmoothSegmentedCurve(std::move(segments), 0.0, p.maxEccentricVelocityForceMultiplier, -1.0,
                              1.0, 1.0 / p.concentricSlopeAtVmax, 1.0 / p.eccentricSlopeAtVmax);
}

SmoothSegmentedCurve millardFiberForceLengthCurve(const model::FiberForceLengthCurveParameters& p) {
  const double eZero = p.strainAtZeroForce;
  const double eIso = p.strainAtOneNormForce;
  require(eIso > eZero,
          "fiber force-length curve: strain at one norm force must exceed strain at "
          "zero force");
  // FiberForceLengthCurve::ensureCurveUpToDate fitted defaults.
  const double kIso = p.stiffnessAtOneNormForce.value_or(2.0 / (eIso - eZero));
  const double kLow = p.stiffnessAtLowForce.value_or(0.2);
  const double curviness = p.curviness.value_or(0.75);
  require(kIso > 1.0 / (eIso - eZero),
          "fiber force-length curve: stiffness at one norm force must exceed 1/(eIso-eZero)");
  require(kLow > 0.0 && kLow < 1.0 / (eIso - eZero),
          "fiber force-length curve: stiffness at low force must be in (0, 1/(eIso-eZero))");
  requireCurviness(curviness, "fiber force-length curve");
  const double c = scaleCurviness(curviness);
  const double xZero = 1.0 + eZero, yZero = 0.0;
  const double xIso = 1.0 + eIso, yIso = 1.0;
  const double deltaX = std::min(0.1 * (1.0 / kIso), 0.1 * (xIso - xZero));
  const double xLow = xZero + deltaX;
  const double xFoot = xZero + 0.5 * (xLow - xZero);
  const double yLow = kLow * (xLow - xFoot);
  std::vector<BezierSegment> segments{
      bezierCornerControlPoints(xZero, yZero, 0.0, xLow, yLow, kLow, c),
      bezierCornerControlPoints(xLow, yLow, kLow, xIso, yIso, kIso, c)};
  return SmoothSegmentedCurve(std::move(segments), xZero, xIso, yZero, yIso, 0.0, kIso);
}

SmoothSegmentedCurve millardTendonForceLengthCurve(
    const model::TendonForceLengthCurveParameters& p) {
  const double eIso = p.strainAtOneNormForce;
  require(eIso > 0.0, "tendon force-length curve: strain at one norm force must be positive");
  // TendonForceLengthCurve::ensureCurveUpToDate fitted defaults.
  const double kIso = p.stiffnessAtOneNormForce.value_or(1.375 / eIso);
  const double fToe = p.normForceAtToeEnd.value_or(2.0 / 3.0);
  const double curviness = p.curviness.value_or(0.5);
  require(fToe > 0.0 && fToe < 1.0, "tendon force-length curve: toe-end force must be in (0, 1)");
  require(kIso > 1.0 / eIso, "tendon force-length curve: stiffness must exceed 1/strain");
  requireCurviness(curviness, "tendon force-length curve");
  const double c = scaleCurviness(curviness);
  const double x0 = 1.0, y0 = 0.0, dydx0 = 0.0;
  const double xIso = 1.0 + eIso, yIso = 1.0;
  // End of the toe region, where the curve becomes linear with slope kIso.
  const double yToe = fToe;
  const double xToe = (yToe - 1.0) / kIso + xIso;
  // The toe's asymptote meets the x axis right of slack length, limiting the curvature.
  const double xFoot = 1.0 + (xToe - 1.0) / 10.0;
  const double yFoot = 0.0;
  const double yToeMid = 0.5 * yToe;
  const double xToeMid = (yToeMid - yIso) / kIso + xIso;
  const double dydxToeMid = (yToeMid - yFoot) / (xToeMid - xFoot);
  const double xToeCtrl = xFoot + 0.5 * (xToeMid - xFoot);
  const double yToeCtrl = yFoot + dydxToeMid * (xToeCtrl - xFoot);
  std::vector<BezierSegment> segments{
      bezierCornerControlPoints(x0, y0, dydx0, xToeCtrl, yToeCtrl, dydxToeMid, c),
      bezierCornerControlPoints(xToeCtrl, yToeCtrl, dydxToeMid, xToe, yToe, kIso, c)};
  return SmoothSegmentedCurve(std::move(segments), x0, xToe, y0, yToe, dydx0, kIso);
}

MillardCurves buildMillardCurves(const model::Millard2012EquilibriumMuscleParameters& p) {
  return MillardCurves{millardActiveForceLengthCurve(p.activeForceLengthCurve),
                       millardForceVelocityCurve(p.forceVelocityCurve),
                       millardForceVelocityInverseCurve(p.forceVelocityCurve),
                       millardFiberForceLengthCurve(p.fiberForceLengthCurve),
                       millardTendonForceLengthCurve(p.tendonForceLengthCurve)};
}

// --- Thelen curves (Thelen2003Muscle.cpp)
// ----------------------------------------------------------

CurveValue thelenActiveForceLength(const model::Thelen2003MuscleParameters& p,
                                   double normFiberLength) {
  const double d = normFiberLength - 1.0;
  const double k = p.KshapeActive;
  const double f = std::exp(-d * d / k);
  return {f, -2.0 * d / k * f, (4.0 * d * d / (k * k) - 2.0 / k) * f};
}

CurveValue thelenPassiveForceLength(const model::Thelen2003MuscleParameters& p,
                                    double normFiberLength) {
  if (!(normFiberLength > 1.0)) return {0.0, 0.0, 0.0};
  const double rate = p.KshapePassive / p.FmaxMuscleStrain;
  const double e = std::exp(rate * (normFiberLength - 1.0));
  const double scale = 1.0 / (std::exp(p.KshapePassive) - 1.0);
  return {(e - 1.0) * scale, rate * e * scale, rate * rate * e * scale};
}

CurveValue thelenTendonForceLength(const model::Thelen2003MuscleParameters& p,
                                   double normTendonLength) {
  const double strain = normTendonLength - 1.0;
  const double e0 = p.FmaxTendonStrain;
  constexpr double kToe = 3.0;
  constexpr double fToe = 0.33;
  const double e3 = std::exp(3.0);
  // Exact toe strain and linear stiffness (the paper rounds eToe to 0.609 e0).
  const double eToe = 99.0 * e0 * e3 / (166.0 * e3 - 67.0);
  const double kLin = 0.67 / (e0 - eToe);
  if (strain > eToe) return {kLin * (strain - eToe) + fToe, kLin, 0.0};
  if (strain > 0.0) {
    const double scale = fToe / (std::exp(kToe) - 1.0);
    const double e = std::exp(kToe * strain / eToe);
    return {scale * (e - 1.0), scale * (kToe / eToe) * e,
            scale * (kToe / eToe) * (kToe / eToe) * e};
  }
  return {0.0, 0.0, 0.0};
}

CurveValue thelenFiberVelocity(const model::Thelen2003MuscleParameters& p, double activation,
                               double activeForceLengthMultiplier, double activeForce) {
  const double a = activation;
  const double afl = a * activeForceLengthMultiplier;
  const double af = p.Af;
  const double flen = p.Flen;
  const double eccentricAsymptote = afl * flen;
  const double threshold = p.fvLinearExtrapolationThreshold;
  // b of Thelen 2003 Eq. 7 (concentric / eccentric) and its derivative with respect to force.
  const auto bOf = [&](double force, double& db) {
    if (force <= afl) {
      db = 1.0 / af;
      return afl + force / af;
    }
    db = -(2.0 + 2.0 / af) / (flen - 1.0);
    return (2.0 + 2.0 / af) * (afl * flen - force) / (flen - 1.0);
  };
  const double gain = 0.25 + 0.75 * a;
  double db = 0.0;
  if (activeForce > 0.0 && activeForce < eccentricAsymptote * threshold) {
    const double b = bOf(activeForce, db);
    const double velocity = gain * (activeForce - afl) / b;  // Thelen 2003 Eq. 6
    const double slope = gain / b - gain * (activeForce - afl) / (b * b) * db;
    return {velocity, slope, 0.0};
  }
  // Linear extrapolation from the last point where Eq. 6 is used.
  const double edge = activeForce <= 0.0 ? 0.0 : threshold * eccentricAsymptote;
  const double b = bOf(edge, db);
  const double velocityAtEdge = gain * (edge - afl) / b;
  const double slope = gain / b - gain * (edge - afl) / (b * b) * db;
  return {velocityAtEdge + slope * (activeForce - edge), slope, 0.0};
}

double thelenForceVelocity(const model::Thelen2003MuscleParameters& p, double activation,
                           double activeForceLengthMultiplier, double normFiberVelocity,
                           double tolerance) {
  const double afl = activation * activeForceLengthMultiplier;
  if (!(afl > 0.0)) {
    throw std::invalid_argument("Thelen force-velocity needs activation x fAL > 0");
  }
  constexpr int maxIterations = 100;
  double force = afl;  // start at fv = 1
  double error = 1.0;
  for (int iteration = 0; iteration < maxIterations && std::abs(error) >= tolerance; ++iteration) {
    const CurveValue velocity =
        thelenFiberVelocity(p, activation, activeForceLengthMultiplier, force);
    error = velocity.value - normFiberVelocity;
    if (std::abs(velocity.first) > kSignificantReal) {
      force -= error / velocity.first;
    }
  }
  if (std::abs(error) >= tolerance) {
    throw std::runtime_error("Thelen force-velocity inversion did not converge");
  }
  return std::max(0.0, force / afl);
}

}  // namespace kinchain::muscle
