// Muscle curves against the properties OpenSim and the source papers define them by: values and
// slopes at the control points (Millard et al. 2013; OpenSim SmoothSegmentedFunctionFactory),
// Thelen (2003) Eqs. 1-3 and 6-7, and exact derivatives against finite differences.

#include <gtest/gtest.h>

#include <cmath>

#include "kinchain/muscle/muscle_curves.hpp"

namespace kinchain::muscle {
namespace {

// Central differences: truncation h^2 f'''/6, rounding eps|f|/h. With h = 1e-7, third derivatives
// up to ~1e7 (tendon toe just above slack length) and |f| <= 2, both stay below 2e-8.
constexpr double kStep = 1e-7;
constexpr double kDerivativeTolerance = 1e-6;
// The Bézier parameter is solved to machine precision; values at control points agree to a few
// ulps of O(1) numbers.
constexpr double kValueTolerance = 1e-12;

template <typename Curve>
void expectDerivativesMatchDifferences(const Curve& curve, double from, double to, int samples) {
  for (int i = 0; i <= samples; ++i) {
    const double x = from + (to - from) * i / samples;
    const CurveValue at = curve(x);
    const CurveValue plus = curve(x + kStep);
    const CurveValue minus = curve(x - kStep);
    const double scale = std::max(1.0, std::abs(at.first));
    EXPECT_NEAR(at.first, (plus.value - minus.value) / (2 * kStep), kDerivativeTolerance * scale)
        << "x = " << x;
    const double scale2 = std::max(1.0, std::abs(at.second));
    EXPECT_NEAR(at.second, (plus.first - minus.first) / (2 * kStep), 1e-4 * scale2) << "x = " << x;
  }
}

TEST(MuscleCurvesMillard, ActiveForceLengthDefaultShape) {
  const model::ActiveForceLengthCurveParameters p;  // OpenSim defaults
  const auto curve = millardActiveForceLengthCurve(p);
  // Peak of 1 with zero slope at optimal length.
  EXPECT_NEAR(curve.value(1.0), 1.0, kValueTolerance);
  EXPECT_NEAR(curve.evaluate(1.0).first, 0.0, kValueTolerance);
  // Minimum value and zero slope at both ends, flat outside.
  EXPECT_NEAR(curve.value(p.minNormActiveFiberLength), p.minimumValue, kValueTolerance);
  EXPECT_NEAR(curve.value(p.maxNormActiveFiberLength), p.minimumValue, kValueTolerance);
  EXPECT_DOUBLE_EQ(curve.value(0.1), p.minimumValue);
  EXPECT_DOUBLE_EQ(curve.value(2.5), p.minimumValue);
  EXPECT_DOUBLE_EQ(curve.evaluate(2.5).first, 0.0);
  // Shallow ascending limb: slope shallowAscendingSlope at the plateau joint
  // x1s = x1 + (0.95 - x1)/2 (corner end points of the factory).
  const double xs = 0.95;
  const double x1s = p.transitionNormFiberLength + 0.5 * (xs - p.transitionNormFiberLength);
  const double y1 = 1.0 - p.shallowAscendingSlope * (xs - p.transitionNormFiberLength);
  EXPECT_NEAR(curve.value(x1s), y1 + 0.5 * (1.0 - y1), kValueTolerance);
  EXPECT_NEAR(curve.evaluate(x1s).first, p.shallowAscendingSlope, 1e-9);
  // Monotonic rise to the peak, fall after it.
  double previous = curve.value(p.minNormActiveFiberLength);
  for (double x = p.minNormActiveFiberLength + 0.01; x <= 1.0; x += 0.01) {
    EXPECT_GE(curve.value(x), previous - 1e-12) << x;
    previous = curve.value(x);
  }
  for (double x = 1.01; x <= p.maxNormActiveFiberLength; x += 0.01) {
    EXPECT_LE(curve.value(x), previous + 1e-12) << x;
    previous = curve.value(x);
  }
  expectDerivativesMatchDifferences([&](double x) { return curve.evaluate(x); }, 0.45, 1.8, 271);
}

TEST(MuscleCurvesMillard, ForceVelocityEndPointsAndSlopes) {
  const model::ForceVelocityCurveParameters p;
  const auto curve = millardForceVelocityCurve(p);
  EXPECT_NEAR(curve.value(0.0), 1.0, kValueTolerance);
  EXPECT_NEAR(curve.evaluate(0.0).first, p.isometricSlope, 1e-9);
  EXPECT_NEAR(curve.value(-1.0), 0.0, kValueTolerance);
  EXPECT_NEAR(curve.value(1.0), p.maxEccentricVelocityForceMultiplier, kValueTolerance);
  // Near-vmax joints at -0.9 and 0.9 carry the "near" slopes.
  EXPECT_NEAR(curve.evaluate(-0.9).first, p.concentricSlopeNearVmax, 1e-9);
  EXPECT_NEAR(curve.value(-0.9), 0.5 * p.concentricSlopeNearVmax * 0.1, kValueTolerance);
  EXPECT_NEAR(curve.evaluate(0.9).first, p.eccentricSlopeNearVmax, 1e-9);
  EXPECT_NEAR(curve.value(0.9),
              p.maxEccentricVelocityForceMultiplier - 0.5 * 0.1 * p.eccentricSlopeNearVmax,
              kValueTolerance);
  // Beyond vmax: linear with the at-vmax slopes (0 by default).
  EXPECT_DOUBLE_EQ(curve.value(-1.5), 0.0);
  EXPECT_DOUBLE_EQ(curve.value(1.5), p.maxEccentricVelocityForceMultiplier);
  expectDerivativesMatchDifferences([&](double x) { return curve.evaluate(x); }, -0.99, 0.99, 199);
}

TEST(MuscleCurvesMillard, ForceVelocityInverseInvertsBetweenNearPoints) {
  model::ForceVelocityCurveParameters p;
  // As Millard2012EquilibriumMuscle builds the inverse: end slopes half the near slopes.
  p.concentricSlopeAtVmax = 0.5 * p.concentricSlopeNearVmax;
  p.eccentricSlopeAtVmax = 0.5 * p.eccentricSlopeNearVmax;
  const auto forward = millardForceVelocityCurve(p);
  const auto inverse = millardForceVelocityInverseCurve(p);
  for (double v = -1.0; v <= 1.0; v += 0.05) {
    EXPECT_NEAR(inverse.value(forward.value(v)), v, 1e-10) << v;
  }
}

TEST(MuscleCurvesMillard, FiberForceLengthFittedDefaults) {
  const model::FiberForceLengthCurveParameters p;  // e0 = 0, e1 = 0.7
  const auto curve = millardFiberForceLengthCurve(p);
  EXPECT_DOUBLE_EQ(curve.value(0.9), 0.0);
  EXPECT_NEAR(curve.value(1.0), 0.0, kValueTolerance);
  EXPECT_NEAR(curve.value(1.7), 1.0, kValueTolerance);
  // Stiffness at one norm force 2/(e1-e0) (FiberForceLengthCurve.cpp), linear beyond.
  EXPECT_NEAR(curve.evaluate(1.7).first, 2.0 / 0.7, 1e-9);
  EXPECT_NEAR(curve.value(1.8), 1.0 + 0.1 * 2.0 / 0.7, kValueTolerance);
  // Low-force stiffness 0.2 at xLow = 1 + min(0.1/kIso, 0.07).
  const double xLow = 1.0 + std::min(0.1 * 0.7 / 2.0, 0.07);
  EXPECT_NEAR(curve.evaluate(xLow).first, 0.2, 1e-9);
  expectDerivativesMatchDifferences([&](double x) { return curve.evaluate(x); }, 1.001, 1.69, 137);
}

TEST(MuscleCurvesMillard, TendonForceLengthFittedDefaults) {
  const model::TendonForceLengthCurveParameters p;  // strain 0.049
  const auto curve = millardTendonForceLengthCurve(p);
  const double kIso = 1.375 / 0.049;
  const double xToe = (2.0 / 3.0 - 1.0) / kIso + 1.049;
  EXPECT_NEAR(curve.value(1.0), 0.0, kValueTolerance);
  EXPECT_DOUBLE_EQ(curve.value(0.99), 0.0);
  EXPECT_NEAR(curve.value(xToe), 2.0 / 3.0, kValueTolerance);
  EXPECT_NEAR(curve.value(1.049), 1.0, kValueTolerance);  // linear region through (1+e, 1)
  EXPECT_NEAR(curve.evaluate(1.049).first, kIso, 1e-9);
  expectDerivativesMatchDifferences([&](double x) { return curve.evaluate(x); }, 1.0005, 1.06, 119);
}

TEST(MuscleCurvesMillard, InvalidParametersAreRejected) {
  model::ActiveForceLengthCurveParameters active;
  active.transitionNormFiberLength = 0.3;  // below the minimum length
  EXPECT_THROW(millardActiveForceLengthCurve(active), std::invalid_argument);
  model::ForceVelocityCurveParameters fv;
  fv.maxEccentricVelocityForceMultiplier = 0.9;
  EXPECT_THROW(millardForceVelocityCurve(fv), std::invalid_argument);
  model::TendonForceLengthCurveParameters tendon;
  tendon.stiffnessAtOneNormForce = 5.0;  // below 1/strain
  tendon.normForceAtToeEnd = 0.5;
  tendon.curviness = 0.5;
  EXPECT_THROW(millardTendonForceLengthCurve(tendon), std::invalid_argument);
}

// --- Thelen 2003 ---------------------------------------------------------------------------------

TEST(MuscleCurvesThelen, ActiveAndPassiveForceLength) {
  const model::Thelen2003MuscleParameters p;  // gamma = 0.45, kPE = 5, e0M = 0.6
  EXPECT_DOUBLE_EQ(thelenActiveForceLength(p, 1.0).value, 1.0);
  // Eq. 3: f = exp(-(l-1)^2/gamma) = e^-1 at l = 1 +- sqrt(gamma).
  EXPECT_NEAR(thelenActiveForceLength(p, 1.0 + std::sqrt(0.45)).value, std::exp(-1.0), 1e-15);
  EXPECT_NEAR(thelenActiveForceLength(p, 1.0 - std::sqrt(0.45)).value, std::exp(-1.0), 1e-15);
  // Eq. 2: passive force 1 at strain e0M, 0 at and below optimal length.
  EXPECT_NEAR(thelenPassiveForceLength(p, 1.6).value, 1.0, 1e-14);
  EXPECT_DOUBLE_EQ(thelenPassiveForceLength(p, 1.0).value, 0.0);
  EXPECT_DOUBLE_EQ(thelenPassiveForceLength(p, 0.8).value, 0.0);
  expectDerivativesMatchDifferences([&](double x) { return thelenActiveForceLength(p, x); }, 0.4,
                                    1.6, 60);
  expectDerivativesMatchDifferences([&](double x) { return thelenPassiveForceLength(p, x); }, 1.01,
                                    1.7, 60);
}

TEST(MuscleCurvesThelen, TendonToeRegionJoinsLinearRegionSmoothly) {
  model::Thelen2003MuscleParameters p;
  p.FmaxTendonStrain = 0.033;  // Thelen (2003) value
  const double e3 = std::exp(3.0);
  const double eToe = 99.0 * 0.033 * e3 / (166.0 * e3 - 67.0);
  // Eq. 1: force 1 at the strain e0T; 0.33 at the toe strain; ~0.609 e0T toe strain.
  EXPECT_NEAR(thelenTendonForceLength(p, 1.033).value, 1.0, 1e-14);
  EXPECT_NEAR(thelenTendonForceLength(p, 1.0 + eToe).value, 0.33, 1e-14);
  EXPECT_NEAR(eToe / 0.033, 0.609, 5e-4);  // the paper's rounded 0.609
  // The exact eToe makes the slope continuous at the toe end.
  const double below = thelenTendonForceLength(p, 1.0 + eToe * (1 - 1e-12)).first;
  const double above = thelenTendonForceLength(p, 1.0 + eToe * (1 + 1e-12)).first;
  EXPECT_NEAR(below, above, 1e-6 * above);
  EXPECT_DOUBLE_EQ(thelenTendonForceLength(p, 0.99).value, 0.0);
  expectDerivativesMatchDifferences([&](double x) { return thelenTendonForceLength(p, x); }, 1.001,
                                    1.05, 50);
}

TEST(MuscleCurvesThelen, ForceVelocityEquationsSixAndSeven) {
  const model::Thelen2003MuscleParameters p;
  for (double a : {0.1, 0.5, 1.0}) {
    // Isometric: force a*fAL gives zero velocity.
    EXPECT_NEAR(thelenFiberVelocity(p, a, 0.8, a * 0.8).value, 0.0, 1e-15);
    // Zero force: maximum shortening velocity (0.25 + 0.75 a) of Vmax (Eq. 6 with b = a fAL).
    EXPECT_NEAR(thelenFiberVelocity(p, a, 0.8, 0.0).value, -(0.25 + 0.75 * a), 1e-15);
    // The inverse recovers the multiplier (tolerance 1e-6 in velocity, OpenSim's calcfvInv).
    for (double fv : {0.2, 0.7, 1.0, 1.2, 1.3}) {
      const double velocity = thelenFiberVelocity(p, a, 0.8, a * 0.8 * fv).value;
      EXPECT_NEAR(thelenForceVelocity(p, a, 0.8, velocity), fv, 1e-5) << a << " " << fv;
    }
  }
}

}  // namespace
}  // namespace kinchain::muscle
