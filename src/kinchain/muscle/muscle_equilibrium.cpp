#include "kinchain/muscle/muscle_equilibrium.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace kinchain::muscle {
namespace {

const double kEps = std::numeric_limits<double>::epsilon();
// SimTK::SignificantReal = eps^(7/8); SimTK::SqrtEps = eps^(1/2).
const double kSignificantReal = std::pow(kEps, 0.875);
const double kSqrtEps = std::sqrt(kEps);
// Millard2012EquilibriumMuscle.cpp: damping below this switches to the undamped model.
constexpr double kMinimumDamping = 0.001;

double clampActivation(const MuscleMechanics& m, double activation) {
  return std::clamp(activation, m.minimumActivation, 1.0);
}

double sign(double x) {
  return x < 0.0 ? -1.0 : 1.0;
}

// --- laws for the shared Newton scheme (estimateMuscleFiberState / initMuscleState)
// ---------------

struct Multipliers {
  CurveValue active, passive, tendon;
};

/// Thelen2003Muscle curves and partials.
struct ThelenAdapter {
  const model::Thelen2003MuscleParameters& p;
  double velocityTolerance;  // initMuscleState passes its force tolerance to calcfvInv

  Multipliers multipliers(double lceN, double tlN) const {
    return {thelenActiveForceLength(p, lceN), thelenPassiveForceLength(p, lceN),
            thelenTendonForceLength(p, tlN)};
  }
  double forceVelocity(double a, double fal, double dlceN) const {
    return thelenForceVelocity(p, a, fal, dlceN, velocityTolerance);
  }
  /// The same law with fV solved to 1e-12, so the fallback residual is smooth below the force
  /// tolerance.
  ThelenAdapter refined() const { return ThelenAdapter{p, 1e-12}; }
  double normFiberForce(double a, double fal, double fv, double fpe, double /*dlceN*/) const {
    return a * fal * fv + fpe;
  }
  /// Thelen2003Muscle::calcDFmATDlce result times cos(phi) (its dFmAT/dlceAT approximation).
  double alongTendonStiffness(double dFmATdlce, double /*lce*/, double /*sinPhi*/, double cosPhi,
                              double /*dPhidLce*/) const {
    return dFmATdlce * cosPhi;
  }
};

/// Millard2012EquilibriumMuscle curves and partials.
struct MillardAdapter {
  const MillardLaw& law;

  Multipliers multipliers(double lceN, double tlN) const {
    return {law.curves.activeForceLength.evaluate(lceN), law.curves.fiberForceLength.evaluate(lceN),
            law.curves.tendonForceLength.evaluate(tlN)};
  }
  double forceVelocity(double /*a*/, double /*fal*/, double dlceN) const {
    return law.curves.forceVelocity.value(dlceN);
  }
  MillardAdapter refined() const { return *this; }
  double normFiberForce(double a, double fal, double fv, double fpe, double dlceN) const {
    return a * fal * fv + fpe + law.fiberDamping * dlceN;
  }
  /// calc_DFiberForceAT_DFiberLengthAT: dFmAT/dlce / (d(lce cos phi)/dlce).
  double alongTendonStiffness(double dFmATdlce, double lce, double sinPhi, double cosPhi,
                              double dPhidLce) const {
    return dFmATdlce / (cosPhi - lce * sinPhi * dPhidLce);
  }
};

/// d(phi)/d(lce) = -(h/l)/l / sqrt(1 - (h/l)^2) (MuscleFixedWidthPennationModel).
double pennationSlope(const PennationGeometry& g, double lce) {
  if (g.height <= 0.0) return 0.0;
  const double ratio = g.height / lce;
  return (-ratio / lce) / std::sqrt(1.0 - ratio * ratio);
}

template <typename Adapter>
MuscleTendonState newtonEquilibrium(const MuscleMechanics& m, const Adapter& law, double activation,
                                    double ml, double dml, int maxIterations, bool clampInitial) {
  const double tsl = m.tendonSlackLength;
  const double ofl = m.optimalFiberLength;
  const double fiso = m.maxIsometricForce;
  const double vmax = m.maxContractionVelocity;
  const double tolerance = std::max(1e-8 * fiso, kSignificantReal * 10.0);
  const bool staticSolution = std::abs(dml) < kSignificantReal;
  const PennationGeometry& g = m.pennation;
  const double a = activation;

  // Start with a slightly stretched tendon.
  double tl = tsl * 1.01;
  double lce = g.fiberLength(ml, tl);
  if (clampInitial) lce = std::max(lce, m.minimumFiberLength);
  double phi = 0, cosphi = 1, sinphi = 0, lceN = 0, tlN = 0;
  Multipliers f{};
  double fv = 1.0, dlce = 0.0, dlceN = 0.0, dtl = 0.0;
  double Fm = 0, FmAT = 0, Ft = 0, ferr = std::numeric_limits<double>::max();
  double dFmAT_dlce = 0, dFt_dlce = 0, dFmAT_dlceAT = 0, dFt_dtl = 0;

  const auto position = [&] {
    phi = g.angle(lce);
    cosphi = std::cos(phi);
    sinphi = std::sin(phi);
    tl = ml - lce * cosphi;
    lceN = lce / ofl;
    tlN = tl / tsl;
  };
  const auto multipliers = [&] { f = law.multipliers(lceN, tlN); };
  const auto forceError = [&] {
    Fm = fiso * law.normFiberForce(a, f.active.value, fv, f.passive.value, dlceN);
    FmAT = Fm * cosphi;
    Ft = f.tendon.value * fiso;
    ferr = FmAT - Ft;
  };
  const auto partials = [&] {
    const double dPhi = pennationSlope(g, lce);
    // Fibre stiffness: F_iso (a fV dfAL/dl + dfPE/dl) / l_opt (damping term constant in l).
    const double dFm_dlce = fiso * (a * fv * f.active.first + f.passive.first) / ofl;
    dFmAT_dlce = dFm_dlce * cosphi + Fm * (-sinphi * dPhi);
    dFmAT_dlceAT = law.alongTendonStiffness(dFmAT_dlce, lce, sinphi, cosphi, dPhi);
    dFt_dtl = f.tendon.first * fiso / tsl;
    dFt_dlce = dFt_dtl * (lce * sinphi * dPhi - cosphi);
  };
  const auto velocity = [&] {
    if (staticSolution) return;
    // Share the path velocity between tendon and fibre in proportion to their stiffnesses.
    if (std::abs(dFmAT_dlceAT + dFt_dtl) > kSignificantReal && tlN > 1.0) {
      dtl = dFmAT_dlceAT / (dFmAT_dlceAT + dFt_dtl) * dml;
    } else {
      dtl = dml;
    }
    dlce = (dml - dtl) * cosphi;  // MuscleFixedWidthPennationModel::calcFiberVelocity
    dlceN = dlce / (vmax * ofl);
    fv = law.forceVelocity(a, f.active.value, dlceN);
  };

  position();
  multipliers();
  fv = 1.0;
  Fm = fiso * law.normFiberForce(a, f.active.value, fv, f.passive.value, dlceN);
  partials();
  velocity();
  forceError();
  partials();

  double ferrPrevious = ferr;
  double lcePrevious = lce;
  int iteration = 0;
  while (std::abs(ferr) > tolerance && iteration < maxIterations) {
    const double slope = dFmAT_dlce - dFt_dlce;
    double h = 1.0;
    // Newton step, halved until the error decreases.
    while (std::abs(ferr) >= std::abs(ferrPrevious)) {
      const double step = -h * ferrPrevious / slope;
      if (std::abs(step) > kSignificantReal) {
        lce = lcePrevious + step;
      } else {
        // Stagnated: nudge from the other side and refresh the partials.
        lce = lcePrevious - sign(step) * kSqrtEps;
        h = 0.0;
      }
      lce = std::max(lce, m.minimumFiberLength);
      position();
      multipliers();
      forceError();
      if (h <= kSqrtEps) break;
      h *= 0.5;
    }
    ferrPrevious = ferr;
    lcePrevious = lce;
    partials();
    velocity();
    ++iteration;
  }

  MuscleTendonState state;
  state.activation = a;
  state.iterations = iteration;
  bool bisected = false;
  if (!(std::abs(ferr) < tolerance) && lce > m.minimumFiberLength) {
    // OpenSim's Newton iteration stalls here (it would throw MuscleCannotEquilibrate): the force-
    // velocity multiplier depends on the fibre length through the stiffness-based velocity split,
    // which the Newton slope ignores. Solve the same residual, r(l) = F_M cos(phi) - F_T with the
    // velocity split evaluated at l, by bracketing and bisection instead.
    const Adapter fine = law.refined();
    const auto residual = [&](double length) {
      lce = length;
      position();
      f = fine.multipliers(lceN, tlN);
      fv = 1.0;
      dlce = dlceN = 0.0;
      Fm = fiso * fine.normFiberForce(a, f.active.value, fv, f.passive.value, dlceN);
      partials();
      if (!staticSolution) {
        dtl = (std::abs(dFmAT_dlceAT + dFt_dtl) > kSignificantReal && tlN > 1.0)
                  ? dFmAT_dlceAT / (dFmAT_dlceAT + dFt_dtl) * dml
                  : dml;
        dlce = (dml - dtl) * cosphi;
        dlceN = dlce / (vmax * ofl);
        fv = fine.forceVelocity(a, f.active.value, dlceN);
      }
      Fm = fiso * fine.normFiberForce(a, f.active.value, fv, f.passive.value, dlceN);
      FmAT = Fm * cosphi;
      Ft = f.tendon.value * fiso;
      ferr = FmAT - Ft;
      return ferr;
    };
    // Below: fibre at its minimum, tendon longest. Above: tendon at half its slack length (slack).
    const double lowest = m.minimumFiberLength;
    const double highest = std::max(g.fiberLength(ml, 0.5 * tsl), lowest);
    constexpr int scanSteps = 200;
    double low = lowest, rLow = residual(low);
    // Closest point to a root found so far, for when the residual only jumps across zero.
    double bestLength = lcePrevious;
    double bestError = std::numeric_limits<double>::infinity();
    for (int step = 1; step <= scanSteps && !bisected; ++step) {
      const double high = lowest + (highest - lowest) * step / scanSteps;
      const double rHigh = residual(high);
      if ((rLow <= 0.0) != (rHigh <= 0.0)) {
        double lo = low, hi = high, rLo = rLow, rHi = rHigh;
        for (int k = 0; k < 200; ++k) {
          const double mid = 0.5 * (lo + hi);
          const double rMid = residual(mid);
          if (std::abs(rMid) < tolerance || hi - lo < kEps * hi) break;
          if ((rMid <= 0.0) == (rLo <= 0.0)) {
            lo = mid;
            rLo = rMid;
          } else {
            hi = mid;
            rHi = rMid;
          }
        }
        bisected = std::abs(ferr) < tolerance;
        // A jump in the residual (the velocity split follows the fibre stiffness, which jumps
        // where a curve has a kink, e.g. Thelen's passive curve at optimal length) is no root:
        // remember its closer side and keep scanning.
        const double side = std::abs(rLo) <= std::abs(rHi) ? lo : hi;
        if (!bisected && std::min(std::abs(rLo), std::abs(rHi)) < bestError) {
          bestError = std::min(std::abs(rLo), std::abs(rHi));
          bestLength = side;
        }
      }
      low = high;
      rLow = rHigh;
    }
    // No root: report the closest point as NotConverged, with its force error.
    if (!bisected) residual(bestLength);
  }
  state.forceError = ferr;
  if (std::abs(ferr) < tolerance) {
    state.status =
        bisected ? EquilibriumStatus::ConvergedByBisection : EquilibriumStatus::Converged;
  } else if (lce <= m.minimumFiberLength) {
    state.status = EquilibriumStatus::FiberAtLowerBound;
    lce = m.minimumFiberLength;
    dlce = 0.0;
    dlceN = 0.0;
    dtl = dml;
    fv = 1.0;
    position();
    multipliers();
    forceError();
  } else {
    state.status = EquilibriumStatus::NotConverged;
  }
  state.fiberLength = lce;
  state.normFiberLength = lceN;
  state.pennationAngle = phi;
  state.tendonLength = tl;
  state.tendonStrain = tlN - 1.0;
  state.fiberVelocity = dlce;
  state.normFiberVelocity = dlceN;
  state.tendonVelocity = staticSolution ? 0.0 : dtl;
  state.activeForceLengthMultiplier = f.active.value;
  state.passiveForceMultiplier = f.passive.value;
  state.forceVelocityMultiplier = fv;
  state.activeFiberForce = fiso * a * f.active.value * fv;
  state.fiberForce = Fm;
  state.passiveFiberForce = Fm - state.activeFiberForce;
  state.fiberForceAlongTendon = FmAT;
  state.tendonForce = Ft;
  return state;
}

// --- rigid tendon
// ---------------------------------------------------------------------------------

MuscleTendonState rigidEquilibrium(const MuscleMechanics& m, double a, double ml, double dml) {
  const PennationGeometry& g = m.pennation;
  const double fiso = m.maxIsometricForce;
  MuscleTendonState s;
  s.status = EquilibriumStatus::Converged;
  s.activation = a;
  s.fiberLength = std::max(g.fiberLength(ml, m.tendonSlackLength), m.minimumFiberLength);
  s.normFiberLength = s.fiberLength / m.optimalFiberLength;
  s.pennationAngle = g.angle(s.fiberLength);
  const double cosphi = std::cos(s.pennationAngle);
  s.tendonLength = ml - s.fiberLength * cosphi;
  s.tendonStrain = s.tendonLength / m.tendonSlackLength - 1.0;
  s.fiberVelocity = dml * cosphi;  // tendon velocity 0
  s.normFiberVelocity = s.fiberVelocity / (m.optimalFiberLength * m.maxContractionVelocity);
  // Fibre at its lower bound and shortening: held there (isFiberStateClamped).
  const bool clamped = s.fiberLength <= m.minimumFiberLength && s.normFiberVelocity <= 0.0 &&
                       m.minimumFiberLength > 0;
  if (clamped) {
    s.status = EquilibriumStatus::FiberAtLowerBound;
    s.fiberVelocity = 0.0;
    s.normFiberVelocity = 0.0;
  }
  double damping = 0.0;
  if (const auto* thelen = std::get_if<ThelenLaw>(&m.law)) {
    s.activeForceLengthMultiplier =
        thelenActiveForceLength(thelen->parameters, s.normFiberLength).value;
    s.passiveForceMultiplier =
        thelenPassiveForceLength(thelen->parameters, s.normFiberLength).value;
    s.forceVelocityMultiplier =
        clamped ? 1.0
                : thelenForceVelocity(thelen->parameters, a, s.activeForceLengthMultiplier,
                                      s.normFiberVelocity);
  } else if (const auto* millard = std::get_if<MillardLaw>(&m.law)) {
    s.activeForceLengthMultiplier = millard->curves.activeForceLength.value(s.normFiberLength);
    s.passiveForceMultiplier = millard->curves.fiberForceLength.value(s.normFiberLength);
    s.forceVelocityMultiplier =
        clamped ? 1.0 : millard->curves.forceVelocity.value(s.normFiberVelocity);
    damping = millard->fiberDamping;
  } else {
    const auto& simm = std::get<SimmLaw>(m.law);
    s.activeForceLengthMultiplier = std::max(0.0, simm.activeForceLength.value(s.normFiberLength));
    s.passiveForceMultiplier =
        simm.passiveForceLength ? std::max(0.0, simm.passiveForceLength->value(s.normFiberLength))
                                : std::exp(8.0 * (s.normFiberLength - 1.0)) / std::exp(4.0);
    s.forceVelocityMultiplier = 1.0;
  }
  s.activeFiberForce = fiso * a * s.activeForceLengthMultiplier * s.forceVelocityMultiplier;
  s.passiveFiberForce = fiso * (s.passiveForceMultiplier + damping * s.normFiberVelocity);
  s.fiberForce = s.activeFiberForce + s.passiveFiberForce;
  s.fiberForceAlongTendon = s.fiberForce * cosphi;
  s.tendonForce = s.fiberForceAlongTendon;
  return s;
}

// --- SIMM static iteration (computeIsometricForce) -----------------------------------------------

/// ActivationFiberLengthMuscle_Deprecated::calcPennation: asin(l_opt sin(phi_opt) / l), 0 for
/// a fibre shorter than machine epsilon, pi/2 when l is shorter than the muscle width.
double simmPennation(double fiberLength, double optimalFiberLength, double pennationAtOptimal) {
  if (fiberLength < kEps) return 0.0;
  const double value = optimalFiberLength * std::sin(pennationAtOptimal) / fiberLength;
  if (std::isnan(value) || value <= 0.0) return 0.0;
  if (value >= 1.0) return std::numbers::pi / 2.0;
  return std::asin(value);
}

MuscleTendonState simmStaticEquilibrium(const MuscleMechanics& m, const SimmLaw& law, double a,
                                        double length) {
  constexpr int maxIterations = 100;   // MAX_ITERATIONS
  constexpr double errorLimit = 0.01;  // ERROR_LIMIT, N
  const double lopt = m.optimalFiberLength;
  const double tsl = m.tendonSlackLength;
  const double fiso = m.maxIsometricForce;
  const double phiOpt = m.pennation.pennationAngleAtOptimal;
  const double width = lopt * std::sin(phiOpt);
  const auto active = [&](double l) { return law.activeForceLength.value(l / lopt); };
  const auto passive = [&](double l) {
    if (law.passiveForceLength) return law.passiveForceLength->value(l / lopt);
    return std::exp(8.0 * (l / lopt - 1.0)) / std::exp(4.0);
  };
  const auto tendonCurve = [&](double strain) { return law.tendonForceLength.value(strain); };

  MuscleTendonState s;
  s.activation = a;
  double fiberLength = 0, cosFactor = 1, tendonLength = 0;
  double activeForce = 0, passiveForce = 0, tendonForce = 0, errorForce = 0;
  double oldFiberLength = std::numeric_limits<double>::quiet_NaN();
  bool converged = false;
  int iteration = 0;

  if (length < tsl) {
    // Slack muscle-tendon unit: fibres as long as the muscle is wide, no force.
    s.status = EquilibriumStatus::Converged;
    s.fiberLength = width;
    s.tendonLength = length;
  } else {
    // Schutte starts at optimal fibre length, Delp at l_MT - l_slack.
    fiberLength = law.schutte ? lopt : length - tsl;
    cosFactor = std::cos(simmPennation(fiberLength, lopt, phiOpt));
    tendonLength = length - fiberLength * cosFactor;
    if (tendonLength < tsl) {
      tendonLength = tsl;
      cosFactor = std::cos(std::atan(width / (length - tendonLength)));
      fiberLength = std::max((length - tendonLength) / cosFactor, width);
    }
    for (iteration = 0; iteration < maxIterations; ++iteration) {
      activeForce = std::max(0.0, active(fiberLength) * a);
      passiveForce = std::max(0.0, passive(fiberLength));
      const double fiberForce = (activeForce + passiveForce) * fiso * cosFactor;
      const double strain = tendonLength / tsl - 1.0;
      tendonForce = strain < 0.0 ? 0.0 : tendonCurve(strain) * fiso;
      double oldErrorForce = errorForce;
      errorForce = tendonForce - fiberForce;
      if (std::abs(errorForce) <= errorLimit) {
        converged = true;
        break;
      }
      if (iteration == 0) oldErrorForce = errorForce;
      if ((errorForce >= 0.0) != (oldErrorForce >= 0.0)) {
        // Sign change: interpolate between the last two fibre lengths.
        const double percent =
            std::abs(errorForce) / (std::abs(errorForce) + std::abs(oldErrorForce));
        const double previous = oldFiberLength;
        oldFiberLength = fiberLength;
        fiberLength += percent * (previous - fiberLength);
      } else {
        // Step by the force error over the series stiffness of fibre and tendon; the tendon
        // stiffness is raised to (fA + fP) x 1200/32 F_iso/l_slack (tendon elastic modulus
        // 1200 MPa over max stress 32 MPa, as in SIMM) so the step does not overshoot.
        double tendonStiffness = tendonCurve(strain) * fiso / tsl;
        const double minimumTendonStiffness =
            (activeForce + passiveForce) * 1200.0 * fiso / (32.0 * tsl);
        tendonStiffness = std::max(tendonStiffness, minimumTendonStiffness);
        const double fiberStiffness = fiso / lopt * (active(fiberLength) + passive(fiberLength));
        double change = std::abs(errorForce / (fiberStiffness / cosFactor + tendonStiffness));
        if (std::abs(change / lopt) > 0.5) change = 0.5 * lopt;
        oldFiberLength = fiberLength;
        fiberLength += errorForce > 0.0 ? change : -change;
      }
      cosFactor = std::cos(simmPennation(fiberLength, lopt, phiOpt));
      tendonLength = length - fiberLength * cosFactor;
      if (tendonLength < tsl) {
        tendonLength = tsl;
        cosFactor = std::cos(std::atan(width / (length - tendonLength)));
        fiberLength = (length - tendonLength) / cosFactor;
      }
    }
    s.status = converged ? EquilibriumStatus::Converged : EquilibriumStatus::NotConverged;
    s.fiberLength = fiberLength;
    s.tendonLength = tendonLength;
  }
  s.iterations = iteration;
  s.normFiberLength = s.fiberLength / lopt;
  s.pennationAngle = simmPennation(s.fiberLength, lopt, phiOpt);
  s.tendonStrain = s.tendonLength / tsl - 1.0;
  s.activeForceLengthMultiplier = length < tsl ? 0.0 : std::max(0.0, active(s.fiberLength));
  s.passiveForceMultiplier = length < tsl ? 0.0 : std::max(0.0, passive(s.fiberLength));
  s.forceVelocityMultiplier = 1.0;
  s.activeFiberForce = length < tsl ? 0.0 : activeForce * fiso;
  s.passiveFiberForce = length < tsl ? 0.0 : passiveForce * fiso;
  s.fiberForce = s.activeFiberForce + s.passiveFiberForce;
  s.fiberForceAlongTendon = s.fiberForce * std::cos(s.pennationAngle);
  s.tendonForce = length < tsl ? 0.0 : tendonForce;
  s.forceError = s.fiberForceAlongTendon - s.tendonForce;
  return s;
}

MillardLaw buildMillardLaw(const model::Millard2012EquilibriumMuscleParameters& file,
                           bool compliant, double& minimumActivation) {
  model::Millard2012EquilibriumMuscleParameters p = file;
  const bool damped = p.fiberDamping >= kMinimumDamping;
  if (!damped) p.fiberDamping = 0.0;
  auto& fal = p.activeForceLengthCurve;
  auto& fv = p.forceVelocityCurve;
  if (compliant && !damped) {
    // Classic Hill model with an elastic tendon (extendFinalizeFromProperties).
    if (p.minimumActivation < 0.01) {
      throw std::invalid_argument(
          "Millard muscle: minimum_activation below 0.01 with an elastic tendon and no damping");
    }
    fal.minimumValue = std::max(fal.minimumValue, 0.1);
    fv.concentricSlopeAtVmax = std::max(fv.concentricSlopeAtVmax, 0.5 * fv.concentricSlopeNearVmax);
    fv.eccentricSlopeAtVmax = std::max(fv.eccentricSlopeAtVmax, 0.5 * fv.eccentricSlopeNearVmax);
  } else {
    // Damped or rigid-tendon model: singularity-free curves.
    p.minimumActivation = std::clamp(p.minimumActivation, 0.0, 1.0);
    fal.minimumValue = 0.0;
    fv.concentricSlopeAtVmax = 0.0;
    fv.eccentricSlopeAtVmax = 0.0;
  }
  model::ForceVelocityCurveParameters inverse = fv;
  inverse.concentricSlopeAtVmax = 0.5 * fv.concentricSlopeNearVmax;
  inverse.eccentricSlopeAtVmax = 0.5 * fv.eccentricSlopeNearVmax;
  minimumActivation = p.minimumActivation;
  return MillardLaw{MillardCurves{millardActiveForceLengthCurve(fal), millardForceVelocityCurve(fv),
                                  millardForceVelocityInverseCurve(inverse),
                                  millardFiberForceLengthCurve(p.fiberForceLengthCurve),
                                  millardTendonForceLengthCurve(p.tendonForceLengthCurve)},
                    p.fiberDamping};
}

model::Function splineOrDefault(const std::optional<model::Function>& given,
                                const model::SplineKnots& defaults) {
  return given ? *given : model::Function::simmSpline(defaults.x, defaults.y);
}

}  // namespace

PennationGeometry PennationGeometry::make(double optimalFiberLength, double pennationAngleAtOptimal,
                                          double maximumPennationAngle) {
  PennationGeometry g;
  g.optimalFiberLength = optimalFiberLength;
  g.pennationAngleAtOptimal = pennationAngleAtOptimal;
  g.maximumPennationAngle = maximumPennationAngle;
  g.height = optimalFiberLength * std::sin(pennationAngleAtOptimal);
  g.minimumFiberLength = maximumPennationAngle > kSignificantReal
                             ? g.height / std::sin(maximumPennationAngle)
                             : 0.01 * optimalFiberLength;
  g.minimumFiberLengthAlongTendon = g.minimumFiberLength * std::cos(maximumPennationAngle);
  return g;
}

double PennationGeometry::angle(double fiberLength) const {
  if (!(pennationAngleAtOptimal > kEps)) return 0.0;
  if (fiberLength > minimumFiberLength) {
    const double sinPhi = height / fiberLength;
    return sinPhi < std::sin(maximumPennationAngle) ? std::asin(sinPhi) : maximumPennationAngle;
  }
  return maximumPennationAngle;
}

double PennationGeometry::fiberLength(double muscleTendonLength, double tendonLength) const {
  const double alongTendon = muscleTendonLength - tendonLength;
  if (alongTendon >= minimumFiberLengthAlongTendon) {
    return std::sqrt(height * height + alongTendon * alongTendon);
  }
  return minimumFiberLength;
}

MuscleMechanics buildMuscleMechanics(const model::MuscleDescription& muscle,
                                     std::optional<TendonModel> tendon) {
  MuscleMechanics m;
  m.name = muscle.name;
  m.tendon =
      tendon.value_or(muscle.ignoreTendonCompliance ? TendonModel::Rigid : TendonModel::Compliant);
  m.maxIsometricForce = muscle.maxIsometricForce;
  m.optimalFiberLength = muscle.optimalFiberLength;
  m.tendonSlackLength = muscle.tendonSlackLength;
  m.maxContractionVelocity = muscle.maxContractionVelocity;
  const bool compliant = m.tendon == TendonModel::Compliant;

  if (const auto* thelen = std::get_if<model::Thelen2003MuscleParameters>(&muscle.parameters)) {
    m.minimumActivation = thelen->minimumActivation;
    m.pennation = PennationGeometry::make(m.optimalFiberLength, muscle.pennationAngleAtOptimal,
                                          thelen->maximumPennationAngle);
    m.minimumFiberLength = m.pennation.minimumFiberLength;
    m.law = ThelenLaw{*thelen};
  } else if (const auto* millard =
                 std::get_if<model::Millard2012EquilibriumMuscleParameters>(&muscle.parameters)) {
    m.law = buildMillardLaw(*millard, compliant, m.minimumActivation);
    m.pennation = PennationGeometry::make(m.optimalFiberLength, muscle.pennationAngleAtOptimal,
                                          millard->maximumPennationAngle);
    // Millard2012EquilibriumMuscle: the fibre is also bounded by the active curve's minimum.
    m.minimumFiberLength = std::max(
        kSignificantReal,
        std::max(millard->activeForceLengthCurve.minNormActiveFiberLength * m.optimalFiberLength,
                 m.pennation.minimumFiberLength));
  } else {
    if (const auto* schutte = std::get_if<model::Schutte1993MuscleParameters>(&muscle.parameters)) {
      m.law = SimmLaw{true,
                      splineOrDefault(schutte->tendonForceLengthCurve,
                                      model::simmDefaultTendonForceLengthCurve()),
                      splineOrDefault(schutte->activeForceLengthCurve,
                                      model::simmDefaultActiveForceLengthCurve()),
                      schutte->passiveForceLengthCurve,
                      std::nullopt,
                      schutte->timeScale};
    } else {
      const auto& delp = std::get<model::Delp1990MuscleParameters>(muscle.parameters);
      m.law = SimmLaw{
          false,
          splineOrDefault(delp.tendonForceLengthCurve, model::simmDefaultTendonForceLengthCurve()),
          splineOrDefault(delp.activeForceLengthCurve, model::simmDefaultActiveForceLengthCurve()),
          splineOrDefault(delp.passiveForceLengthCurve,
                          model::simmDefaultPassiveForceLengthCurve()),
          splineOrDefault(delp.forceVelocityCurve, model::delpDefaultForceVelocityCurve()),
          delp.timeScale};
    }
    m.minimumActivation = 0.0;
    // SIMM muscles: fibre no shorter than the muscle width (pennation up to pi/2).
    m.pennation = PennationGeometry::make(m.optimalFiberLength, muscle.pennationAngleAtOptimal,
                                          std::numbers::pi / 2);
    m.minimumFiberLength = m.pennation.height;
  }
  return m;
}

MuscleTendonState solveMuscleEquilibrium(const MuscleMechanics& mechanics, double activation,
                                         double muscleTendonLength, double muscleTendonVelocity) {
  if (std::isnan(activation) || std::isnan(muscleTendonLength) ||
      std::isnan(muscleTendonVelocity)) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    MuscleTendonState state;
    state.fiberLength = state.tendonLength = state.tendonForce = state.fiberForce = nan;
    state.forceError = nan;
    return state;
  }
  const double a = clampActivation(mechanics, activation);
  try {
    if (mechanics.tendon == TendonModel::Rigid) {
      return rigidEquilibrium(mechanics, a, muscleTendonLength, muscleTendonVelocity);
    }
    if (const auto* thelen = std::get_if<ThelenLaw>(&mechanics.law)) {
      const double tolerance = std::max(1e-8 * mechanics.maxIsometricForce, kSignificantReal * 10);
      const ThelenAdapter law{thelen->parameters, tolerance};
      // Thelen2003Muscle::computeInitialFiberEquilibrium: 20 iterations, no initial clamp.
      return newtonEquilibrium(mechanics, law, a, muscleTendonLength, muscleTendonVelocity, 20,
                               false);
    }
    if (const auto* millard = std::get_if<MillardLaw>(&mechanics.law)) {
      const MillardAdapter law{*millard};
      return newtonEquilibrium(mechanics, law, a, muscleTendonLength, muscleTendonVelocity, 200,
                               true);
    }
    return simmStaticEquilibrium(mechanics, std::get<SimmLaw>(mechanics.law), a,
                                 muscleTendonLength);
  } catch (const std::runtime_error&) {
    // The Thelen force-velocity inverse failed to converge inside the iteration.
    MuscleTendonState state;
    state.activation = a;
    state.status = EquilibriumStatus::NotConverged;
    state.fiberLength = state.tendonForce = std::numeric_limits<double>::quiet_NaN();
    return state;
  }
}

double inextensibleTendonActiveFiberForce(const MuscleMechanics& m, double activation,
                                          double muscleTendonLength, double muscleTendonVelocity) {
  if (std::isnan(activation) || std::isnan(muscleTendonLength) ||
      std::isnan(muscleTendonVelocity)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const double a = clampActivation(m, activation);
  const double fiso = m.maxIsometricForce;
  const double lopt = m.optimalFiberLength;
  const PennationGeometry& g = m.pennation;
  if (const auto* simm = std::get_if<SimmLaw>(&m.law)) {
    const double isometric = simmStaticEquilibrium(m, *simm, a, muscleTendonLength).tendonForce;
    const double velocity = -std::cos(g.pennationAngleAtOptimal) * muscleTendonVelocity /
                            (m.maxContractionVelocity * lopt);
    return isometric * (1.8 - 1.8 / (1.0 + std::exp((0.04 - velocity) / 0.18)));
  }
  const double fiberLength = g.fiberLength(muscleTendonLength, m.tendonSlackLength);
  const double phi = g.angle(fiberLength);
  const double fiberVelocity = muscleTendonVelocity * std::cos(phi);  // tendon velocity 0
  const double normVelocity = fiberVelocity / (lopt * m.maxContractionVelocity);
  if (const auto* thelen = std::get_if<ThelenLaw>(&m.law)) {
    if (!(fiberLength > g.minimumFiberLength)) return 0.0;
    const double lceN = std::max(fiberLength, g.minimumFiberLength) / lopt;
    const double fal = thelenActiveForceLength(thelen->parameters, lceN).value;
    try {
      const double fv = thelenForceVelocity(thelen->parameters, a, fal, normVelocity);
      return fiso * a * fal * fv * std::cos(g.angle(fiberLength));
    } catch (const std::exception&) {
      return std::numeric_limits<double>::quiet_NaN();  // OpenSim throws here
    }
  }
  const auto& millard = std::get<MillardLaw>(m.law);
  if (fiberLength <= m.minimumFiberLength) return 0.0;
  const double lceN = fiberLength / lopt;
  const double fal = millard.curves.activeForceLength.value(lceN);
  const double fv = millard.curves.forceVelocity.value(normVelocity);
  // OpenSim 4 quirk kept on purpose: pennation evaluated at the normalised length.
  return fiso * a * fal * fv * std::cos(g.angle(lceN));
}

}  // namespace kinchain::muscle
