#pragma once
// Muscle-tendon equilibrium: for a given activation, muscle-tendon (path) length and lengthening
// velocity, the fibre length, fibre velocity, pennation, tendon strain and forces at which the
// tendon force equals the fibre force along the tendon — computed the way OpenSim 4 computes a
// muscle's initial equilibrium (opensim-core OpenSim/Actuators/*.cpp):
//
//   Millard2012Equilibrium, compliant tendon: Millard2012EquilibriumMuscle::
//     estimateMuscleFiberState — Newton on fibre length with step halving, the path velocity
//     shared between fibre and tendon in proportion to their stiffnesses, fibre damping included
//     (F_M = F_iso (a fAL fV + fPE + beta vN)). Tolerance max(1e-8 F_iso, 10 SignificantReal) N,
//     200 iterations (computeFiberEquilibrium).
//   Millard2012Equilibrium, rigid tendon: tendon at slack length, fibre from the pennation
//     geometry, fibre velocity (v_MT - 0) cos(phi) (calcMuscleLengthInfo / calcFiberVelocityInfo
//     with ignore_tendon_compliance).
//   Thelen2003, compliant tendon: Thelen2003Muscle::initMuscleState — the same Newton scheme with
//     Thelen's curves and the force-velocity inverse; 20 iterations.
//   Thelen2003, rigid tendon: the inextensible-tendon kinematics OpenSim uses for static
//     optimisation (Thelen2003Muscle::calcInextensibleTendonActiveFiberForce), with fV from the
//     Thelen inverse (tolerance 1e-6, 100 iterations).
//   Schutte1993 / Delp1990, compliant tendon: the SIMM static iteration of
//     computeIsometricForce (Schutte1993Muscle_Deprecated.cpp, Delp1990Muscle_Deprecated.cpp):
//     force error limit 0.01 N, 100 iterations, velocity not solved (reported as 0).
//   Schutte1993 / Delp1990, rigid tendon: tendon at slack length, fV = 1.
//
// Pennation at constant thickness (MuscleFixedWidthPennationModel): h = l_opt sin(phi_opt),
// phi = asin(h / l_M) up to the maximum pennation angle, l_T = l_MT - l_M cos(phi).
//
// Activation is clamped to [minimum_activation, 1] for Thelen and Millard muscles as OpenSim's
// activation models do. Units: m, m/s, N, rad.

#include <optional>
#include <string>
#include <variant>

#include "kinchain/model/force_description.hpp"
#include "kinchain/model/function.hpp"
#include "kinchain/muscle/muscle_curves.hpp"

namespace kinchain::muscle {

enum class TendonModel { Rigid, Compliant };

/// Fixed-width (constant thickness) pennation geometry (MuscleFixedWidthPennationModel.cpp).
struct PennationGeometry {
  double optimalFiberLength = 0.0;       ///< m
  double pennationAngleAtOptimal = 0.0;  ///< rad
  double maximumPennationAngle = 0.0;    ///< rad
  double height = 0.0;                   ///< h = l_opt sin(phi_opt), m
  double minimumFiberLength = 0.0;       ///< h / sin(phi_max), or 1% of l_opt if phi_max = 0
  double minimumFiberLengthAlongTendon = 0.0;

  static PennationGeometry make(double optimalFiberLength, double pennationAngleAtOptimal,
                                double maximumPennationAngle);
  /// asin(h / l) below the maximum angle, else the maximum; 0 for unpennated muscles.
  double angle(double fiberLength) const;
  /// sqrt(h^2 + (l_MT - l_T)^2), or the minimum fibre length when l_MT - l_T is shorter than the
  /// minimum along the tendon.
  double fiberLength(double muscleTendonLength, double tendonLength) const;
};

/// Thelen law: the file's parameters (curves are closed form).
struct ThelenLaw {
  model::Thelen2003MuscleParameters parameters;
};

/// Millard law with the curves OpenSim actually uses after Millard2012EquilibriumMuscle::
/// extendFinalizeFromProperties has adjusted them: with damping (>= 0.001) or a rigid tendon,
/// the active force-length minimum and the force-velocity slopes at vmax become 0; for an elastic
/// tendon without damping they are raised to at least 0.1 and half the near-vmax slopes. The
/// inverse force-velocity curve always uses half the near-vmax slopes at vmax.
struct MillardLaw {
  MillardCurves curves;
  double fiberDamping = 0.0;  ///< 0 when below 0.001 (undamped model)
};

/// SIMM (Schutte 1993 / Delp 1990) law: the spline curves (file or constructor defaults).
struct SimmLaw {
  bool schutte = true;
  model::Function tendonForceLength;  ///< normalised force vs tendon strain
  model::Function activeForceLength;  ///< vs normalised fibre length
  /// vs normalised fibre length; absent for a Schutte muscle whose file gives none: then
  /// exp(8(l-1))/exp(4) (Schutte1993Muscle_Deprecated::calcNonzeroPassiveForce).
  std::optional<model::Function> passiveForceLength;
  std::optional<model::Function> forceVelocity;  ///< Delp only
  double timeScale = 0.1;
};

using MuscleLaw = std::variant<ThelenLaw, MillardLaw, SimmLaw>;

/// Everything the equilibrium needs about one muscle, built once (immutable, thread-safe).
struct MuscleMechanics {
  std::string name;
  TendonModel tendon = TendonModel::Compliant;
  double maxIsometricForce = 0.0;       ///< N
  double optimalFiberLength = 0.0;      ///< m
  double tendonSlackLength = 0.0;       ///< m
  double maxContractionVelocity = 0.0;  ///< optimal fibre lengths per second
  double minimumActivation = 0.0;       ///< activation clamp
  double minimumFiberLength = 0.0;      ///< m, lower bound of the fibre length
  PennationGeometry pennation;
  MuscleLaw law;
};

/// Builds the mechanics of a muscle. `tendon` overrides the file's ignore_tendon_compliance
/// (std::nullopt keeps it). @throws std::invalid_argument when OpenSim would refuse the
/// parameters (curve checks, minimum activation < 0.01 for an undamped elastic Millard muscle).
MuscleMechanics buildMuscleMechanics(const model::MuscleDescription& muscle,
                                     std::optional<TendonModel> tendon = std::nullopt);

enum class EquilibriumStatus {
  Converged,  ///< |tendon force - fibre force along tendon| below the tolerance
  /// Converged after OpenSim's Newton iteration stalled (where OpenSim throws
  /// MuscleCannotEquilibrate, typically fast shortening of a short-fibred muscle): the same
  /// residual, with the velocity split evaluated at each fibre length, solved by bisection.
  ConvergedByBisection,
  FiberAtLowerBound,  ///< no equilibrium above the minimum fibre length; fibre clamped there
  NotConverged,       ///< iteration limit reached; values are the last iterate
};

struct MuscleTendonState {
  EquilibriumStatus status = EquilibriumStatus::NotConverged;
  int iterations = 0;
  double forceError = 0.0;  ///< N, fibre force along tendon - tendon force at the solution

  double activation = 0.0;         ///< after clamping
  double fiberLength = 0.0;        ///< m
  double normFiberLength = 0.0;    ///< / optimal fibre length
  double pennationAngle = 0.0;     ///< rad
  double tendonLength = 0.0;       ///< m
  double tendonStrain = 0.0;       ///< l_T / l_slack - 1
  double fiberVelocity = 0.0;      ///< m/s, lengthening positive
  double normFiberVelocity = 0.0;  ///< / (l_opt v_max)
  double tendonVelocity = 0.0;     ///< m/s
  double activeForceLengthMultiplier = 0.0;
  double passiveForceMultiplier = 0.0;  ///< elastic passive force / F_iso
  double forceVelocityMultiplier = 1.0;
  double activeFiberForce = 0.0;       ///< N, a fAL fV F_iso
  double passiveFiberForce = 0.0;      ///< N, elastic + damping
  double fiberForce = 0.0;             ///< N
  double fiberForceAlongTendon = 0.0;  ///< N
  double tendonForce = 0.0;            ///< N
};

/// Equilibrium of `mechanics` at the given activation (clamped as above), muscle-tendon length
/// (m) and lengthening velocity (m/s). Never throws for finite inputs; a NaN input gives NaN
/// fields with status NotConverged.
MuscleTendonState solveMuscleEquilibrium(const MuscleMechanics& mechanics, double activation,
                                         double muscleTendonLength, double muscleTendonVelocity);

/// Active fibre force along the tendon with an inextensible tendon, without passive force — the
/// per-muscle "optimal force" OpenSim's StaticOptimization (use_muscle_physiology) and CMC use:
/// Muscle::calcInextensibleTendonActiveFiberForce(state, activation), in N.
///   Thelen2003: l_M from the pennation geometry with l_T = l_slack, v_M = v_MT cos(phi),
///     F = F_iso a fAL fV cos(phi) with fV from the Thelen inverse (tolerance 1e-6); 0 at or
///     below the minimum fibre length.
///   Millard2012: the same kinematics and fV from the force-velocity curve, but OpenSim 4
///     evaluates the pennation angle at the *normalised* fibre length
///     (Millard2012EquilibriumMuscle::calcActiveFiberForceAlongTendon passes lceN to
///     calcPennationAngle); reproduced here so results match OpenSim.
///   Schutte1993/Delp1990: the SIMM static equilibrium force at `activation` times
///     1.8 - 1.8/(1 + exp((0.04 - v)/0.18)), v = -cos(phi_opt) v_MT / (v_max l_opt)
///     (ActivationFiberLengthMuscle_Deprecated).
/// Activation is clamped as for solveMuscleEquilibrium. NaN inputs give NaN.
double inextensibleTendonActiveFiberForce(const MuscleMechanics& mechanics, double activation,
                                          double muscleTendonLength, double muscleTendonVelocity);

}  // namespace kinchain::muscle
