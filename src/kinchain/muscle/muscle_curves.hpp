#pragma once
// Muscle-tendon force curves exactly as OpenSim 4 defines them.
//
// Millard2012EquilibriumMuscle: smooth quintic-Bézier curves built from the curve parameters as
//   OpenSim's SmoothSegmentedFunctionFactory does (opensim-core
//   OpenSim/Common/SmoothSegmentedFunctionFactory.cpp; the *Curve.cpp classes in
//   OpenSim/Actuators supply the "in use" defaults). Millard et al. 2013, J Biomech Eng 135:021005.
// Thelen2003Muscle: closed-form curves of Thelen (2003), J Biomech Eng 125:70-77, with OpenSim's
//   modifications (OpenSim/Actuators/Thelen2003Muscle.cpp): exponential+linear tendon with the
//   exact toe strain, passive exponential zero below optimal length, force-velocity inverted in
//   closed form with linear extrapolation beyond the asymptotes.
// Schutte1993 / Delp1990: SimmSpline curves from the file, or the constructor defaults
//   (force_description.hpp); Schutte's default passive curve is exp(8(l-1))/exp(4).
//
// All lengths and velocities are normalised: fibre length by the optimal fibre length, fibre
// velocity by (optimal fibre length x max contraction velocity), tendon length by the tendon
// slack length. Multipliers are dimensionless (force / max isometric force).

#include "kinchain/model/force_description.hpp"
#include "kinchain/muscle/muscle_curves_bezier.hpp"

namespace kinchain::muscle {

// --- Millard (2012) curves
// ------------------------------------------------------------------------

/// Active force-length multiplier vs normalised fibre length: 5 Bézier corners through
/// (lmin, ymin), the shallow ascending limb, the plateau at (1, 1) and the descending limb to
/// (lmax, ymin); curviness 1 (ActiveForceLengthCurve::createSimTKFunction).
/// @throws std::invalid_argument when the parameters cannot make a curve (as OpenSim's checks).
SmoothSegmentedCurve millardActiveForceLengthCurve(
    const model::ActiveForceLengthCurveParameters& p);

/// Force-velocity multiplier vs normalised fibre velocity (-1 = max shortening): 4 Bézier corners
/// through (-1, 0), (-0.9, .), (0, 1), (0.9, .), (1, fmaxE).
SmoothSegmentedCurve millardForceVelocityCurve(const model::ForceVelocityCurveParameters& p);

/// The inverse: normalised fibre velocity vs force-velocity multiplier. OpenSim builds it with
/// the end slopes raised to at least 0.1 so it stays finite (Millard2012EquilibriumMuscle::
/// buildMuscle).
SmoothSegmentedCurve millardForceVelocityInverseCurve(const model::ForceVelocityCurveParameters& p);

/// Passive fibre force vs normalised fibre length: zero up to 1+strainAtZeroForce, reaching 1 at
/// 1+strainAtOneNormForce. Fitted defaults when the optional properties are absent: stiffness at
/// one norm force 2/(e1-e0), low-force stiffness 0.2, curviness 0.75 (FiberForceLengthCurve.cpp).
SmoothSegmentedCurve millardFiberForceLengthCurve(const model::FiberForceLengthCurveParameters& p);

/// Tendon force vs normalised tendon length: zero at 1, toe region, linear beyond the toe, 1 at
/// 1+strainAtOneNormForce. Fitted defaults when the optional properties are absent: stiffness
/// 1.375/strain, toe-end force 2/3, curviness 0.5 (TendonForceLengthCurve.cpp).
SmoothSegmentedCurve millardTendonForceLengthCurve(
    const model::TendonForceLengthCurveParameters& p);

/// The four curves of one Millard muscle, built once.
struct MillardCurves {
  SmoothSegmentedCurve activeForceLength;
  SmoothSegmentedCurve forceVelocity;
  SmoothSegmentedCurve forceVelocityInverse;
  SmoothSegmentedCurve fiberForceLength;
  SmoothSegmentedCurve tendonForceLength;
};
MillardCurves buildMillardCurves(const model::Millard2012EquilibriumMuscleParameters& p);

// --- Thelen (2003) curves
// -------------------------------------------------------------------------

/// f_AL = exp(-(l-1)^2 / KshapeActive) (Thelen 2003 Eq. 3).
CurveValue thelenActiveForceLength(const model::Thelen2003MuscleParameters& p,
                                   double normFiberLength);

/// f_PE = (exp(KshapePassive (l-1)/FmaxMuscleStrain) - 1) / (exp(KshapePassive) - 1) for l > 1,
/// else 0 (Thelen 2003 Eq. 2 as OpenSim evaluates it).
CurveValue thelenPassiveForceLength(const model::Thelen2003MuscleParameters& p,
                                    double normFiberLength);

/// Tendon force vs normalised tendon length (Thelen 2003 Eq. 1, OpenSim's form): strain e = l-1,
/// toe strain eToe = 99 e0 e^3 / (166 e^3 - 67), kToe = 3, fToe = 0.33,
/// f = fToe (exp(kToe e/eToe) - 1)/(exp(kToe) - 1) for 0 < e <= eToe,
/// f = kLin (e - eToe) + fToe beyond, kLin = 0.67 / (e0 - eToe); 0 when slack.
CurveValue thelenTendonForceLength(const model::Thelen2003MuscleParameters& p,
                                   double normTendonLength);

/// Normalised fibre velocity that gives active force a*fAL*fv = `activeForce` (Thelen 2003
/// Eqs. 6-7 with OpenSim's linear extrapolation below 0 and above fv_linear_extrap_threshold x
/// the eccentric asymptote; Thelen2003Muscle::calcdlceN). Value and d(velocity)/d(activeForce).
CurveValue thelenFiberVelocity(const model::Thelen2003MuscleParameters& p, double activation,
                               double activeForceLengthMultiplier, double activeForce);

/// Force-velocity multiplier at a normalised fibre velocity: inverts thelenFiberVelocity by
/// Newton's method (Thelen2003Muscle::calcfvInv; callers use tolerance 1e-6 in normalised
/// velocity, 100 iterations), clamped at 0.
/// @throws std::runtime_error if it does not converge; std::invalid_argument unless
///         activation x fAL > 0.
double thelenForceVelocity(const model::Thelen2003MuscleParameters& p, double activation,
                           double activeForceLengthMultiplier, double normFiberVelocity,
                           double tolerance = 1e-6);

}  // namespace kinchain::muscle
