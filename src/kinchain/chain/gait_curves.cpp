#include "kinchain/chain/gait_curves.hpp"

#include <fmt/format.h>

#include <utility>

#include "kinchain/chain/foot_progression.hpp"

namespace kinchain::chain {

namespace {

/// The adult reference of curve `id` at the trial's speed, mean ± SD; nullopt when absent.
std::optional<ReferenceCurve> normCurve(const ReferenceAtSpeed& reference, const std::string& id) {
  const auto* curve = reference.curve(id);
  if (curve == nullptr) return std::nullopt;
  const auto& provenance = reference.provenance;
  ReferenceCurve out;
  out.mean = Eigen::Map<const Eigen::VectorXd>(curve->mean.data(), kCyclePoints);
  out.sd = Eigen::Map<const Eigen::VectorXd>(curve->sd.data(), kCyclePoints);
  out.source =
      fmt::format("{}, mean ± 1 SD at {:.2f} m/s{} (n = {})", provenance.source,
                  provenance.predictionSpeedMPerS(),
                  provenance.trialSpeedClamped
                      ? fmt::format(", the nearest end of its speed range (trial {:.2f} m/s)",
                                    provenance.trialSpeedMPerS)
                      : std::string(),
                  curve->n);
  return out;
}

/// One coordinate shown as an angle curve.
struct AngleSpec {
  const char* coordinate;  ///< base name; per-side columns add _l/_r unless `sided` is false
  const char* label;
  bool sided;
  bool isKnee;
  /// Sign per cycle side (left, right) for a whole-pelvis angle read from the cycle's side, as
  /// clinical gait analysis reports pelvic obliquity and rotation (Baker 2013, Measuring
  /// Walking: + pelvis up on the cycle's side, + the cycle's side forward). OpenSim's ground is
  /// x forward, y up, z right (gait2392), so + pelvis_list (about x) lifts the left side and
  /// + pelvis_rotation (about y) brings the right side forward. Read this way, left and right
  /// cycles of a healthy walk agree instead of mirroring each other, so a reference pooling
  /// both sides keeps the pattern rather than averaging it flat.
  double leftSign = 1.0;
  double rightSign = 1.0;
};

constexpr AngleSpec kAngles[] = {
    {"pelvis_tilt", "Pelvic tilt (+ posterior)", false, false},
    {"pelvis_list", "Pelvic obliquity (+ up on the cycle's side)", false, false, 1.0, -1.0},
    {"pelvis_rotation", "Pelvic rotation (+ the cycle's side forward)", false, false, -1.0, 1.0},
    {"lumbar_extension", "Lumbar extension", false, false},
    {"hip_flexion", "Hip flexion (+) / extension (−)", true, false},
    {"hip_adduction", "Hip adduction (+) / abduction (−)", true, false},
    {"hip_rotation", "Hip internal (+) / external (−) rotation", true, false},
    {"knee_angle", "Knee flexion", true, true},
    {"ankle_angle", "Ankle dorsiflexion (+) / plantarflexion (−)", true, false},
    {"subtalar_angle", "Subtalar inversion (+) / eversion (−)", true, false},
    {"mtp_angle", "Big-toe (MTP) extension", true, false},
};

struct KineticSpec {
  const char* coordinate;
  const char* label;
};
constexpr KineticSpec kMoments[] = {
    {"hip_flexion", "Hip flexion (+) moment"},
    {"hip_adduction", "Hip adduction (+) moment"},
    {"knee_angle", "Knee moment (model knee_angle direction)"},
    {"ankle_angle", "Ankle dorsiflexion (+) moment"},
};
constexpr KineticSpec kPowers[] = {
    {"hip_flexion", "Hip power (+ generation)"},
    {"knee_angle", "Knee power (+ generation)"},
    {"ankle_angle", "Ankle power (+ generation)"},
};

/// Fills one side of a curve from a table column.
void fillSide(GaitCurve& curve, Side side, const io::TimeSeriesTable* table,
              const std::string& tableName, const std::string& column, double scale,
              const std::vector<kinematics::GaitCycle>& cycles) {
  auto& slot = side == Side::Left ? curve.left : curve.right;
  auto& missing = side == Side::Left ? curve.leftMissing : curve.rightMissing;
  if (table == nullptr) {
    missing = fmt::format("no {}", tableName);
    return;
  }
  if (cycles.empty()) {
    missing = "no complete gait cycle on this side";
    return;
  }
  auto curves = normaliseColumn(*table, column, cycles, scale);
  if (!curves) {
    missing = fmt::format("column {} not in the {}", column, tableName);
    return;
  }
  if (curves->cycles.empty()) {
    missing = curves->skipped.empty() ? "no cycle inside the data" : curves->skipped.front();
    return;
  }
  slot = std::move(*curves);
}

}  // namespace

std::vector<GaitCurve> gaitCurves(const ChainInputs& inputs, const TypicalGait* reference) {
  std::vector<GaitCurve> curves;
  const auto leftCycles = sideCycles(inputs, Side::Left);
  const auto rightCycles = sideCycles(inputs, Side::Right);
  const auto cyclesOf = [&](Side side) -> const auto& {
    return side == Side::Left ? leftCycles : rightCycles;
  };
  const double toDegrees =
      inputs.coordinates != nullptr ? degreesPerUnit(*inputs.coordinates) : 1.0;

  for (const auto& spec : kAngles) {
    GaitCurve curve;
    curve.id = spec.coordinate;
    curve.label = spec.label;
    curve.unit = "deg";
    curve.group = "angles";
    // Knee: flexion positive whatever the model's sign (gait2392 flexion is negative).
    const double sign = spec.isKnee ? inputs.kneeFlexionSign : 1.0;
    for (const Side side : {Side::Left, Side::Right}) {
      const std::string column =
          spec.sided ? std::string(spec.coordinate) + sideSuffix(side) : spec.coordinate;
      if (auto reason = unobservedReason(inputs, column); !reason.empty()) {
        (side == Side::Left ? curve.leftMissing : curve.rightMissing) = reason;
        continue;
      }
      const double sideSign = side == Side::Left ? spec.leftSign : spec.rightSign;
      fillSide(curve, side, inputs.coordinates, "coordinates table", column,
               sideSign * sign * toDegrees, cyclesOf(side));
    }
    if (reference != nullptr && inputs.reference == nullptr) {
      const std::string column =
          spec.sided ? std::string(spec.coordinate) + "_r" : std::string(spec.coordinate);
      // The reference files are gait2392 (knee flexion negative).
      curve.reference =
          referenceCurve(*reference, column, (spec.isKnee ? -1.0 : 1.0) * spec.rightSign);
    }
    curves.push_back(std::move(curve));
  }
  // Foot progression (+ toe-out) from the heel and toe points: a Gait Profile Score variable.
  {
    GaitCurve curve;
    curve.id = "foot_progression";
    curve.label = "Foot progression (+ toe-out / − toe-in)";
    curve.unit = "deg";
    curve.group = "angles";
    for (const Side side : {Side::Left, Side::Right}) {
      FootProgressionSide found = footProgressionCurves(inputs, side);
      (side == Side::Left ? curve.left : curve.right) = std::move(found.curves);
      (side == Side::Left ? curve.leftMissing : curve.rightMissing) = std::move(found.missing);
    }
    curves.push_back(std::move(curve));
  }
  // Trunk lean from the thorax markers, when the marker set has them; windowed by each side's
  // cycles like the pelvis. No reference curve: the typical gait files have no thorax.
  if (inputs.thoraxTilt != nullptr) {
    GaitCurve curve;
    curve.id = "thorax_forward_tilt";
    curve.label = "Trunk forward lean (+), thorax markers";
    curve.unit = "deg";
    curve.group = "angles";
    for (const Side side : {Side::Left, Side::Right})
      fillSide(curve, side, inputs.thoraxTilt, "thorax tilt", "thorax_forward_tilt", 1.0,
               cyclesOf(side));
    curves.push_back(std::move(curve));
  }

  const bool haveMass = inputs.bodyMassKg > 0.0;
  const double perKg = haveMass ? 1.0 / inputs.bodyMassKg : 1.0;
  const auto massMissing = [&](GaitCurve& curve) {
    curve.leftMissing = curve.rightMissing = "body mass unknown";
  };

  for (const auto& spec : kMoments) {
    GaitCurve curve;
    curve.id = std::string(spec.coordinate) + "_moment";
    curve.label = spec.label;
    curve.unit = "N·m/kg";
    curve.group = "moments";
    if (!haveMass) {
      massMissing(curve);
    } else {
      for (const Side side : {Side::Left, Side::Right})
        fillSide(curve, side, inputs.inverseDynamics, "inverse dynamics (no force plates?)",
                 spec.coordinate + sideSuffix(side) + "_moment", perKg, cyclesOf(side));
    }
    curves.push_back(std::move(curve));
  }

  for (const auto& spec : kPowers) {
    GaitCurve curve;
    curve.id = std::string(spec.coordinate) + "_power";
    curve.label = spec.label;
    curve.unit = "W/kg";
    curve.group = "powers";
    if (!haveMass) {
      massMissing(curve);
    } else {
      for (const Side side : {Side::Left, Side::Right})
        fillSide(curve, side, inputs.jointPowers, "inverse dynamics (no force plates?)",
                 spec.coordinate + sideSuffix(side) + "_power", perKg, cyclesOf(side));
    }
    curves.push_back(std::move(curve));
  }

  for (const auto& quantity : inputs.tissueLoadQuantities) {
    if (isMomentShare(quantity) || isAnkleMomentDenominator(quantity)) continue;
    GaitCurve curve;
    curve.id = quantity;
    curve.label = tissueLoadTitle(quantity);
    curve.group = "loads";
    if (inputs.tissueLoads == nullptr) {
      curve.unit = "";
      curve.leftMissing = curve.rightMissing = "no tissue loads computed";
    } else {
      const TissueLoadDisplay display =
          tissueLoadDisplay(*inputs.tissueLoads, quantity, inputs.bodyMassKg);
      curve.unit = display.unit;
      if (!display.missing.empty()) {
        curve.leftMissing = curve.rightMissing = display.missing;
      } else {
        for (const Side side : {Side::Left, Side::Right})
          fillSide(curve, side, inputs.tissueLoads, "tissue loads", quantity + sideSuffix(side),
                   display.scale, cyclesOf(side));
      }
    }
    curves.push_back(std::move(curve));
  }
  // With adult norms, every curve's reference is the norms' band at the trial's speed (none
  // where the norms lack the curve); OpenSim's mean-only curve is context without norms only.
  if (inputs.reference != nullptr)
    for (auto& curve : curves)
      curve.reference = normCurve(*inputs.reference, curve.id);
  return curves;
}

}  // namespace kinchain::chain
