#include "kinchain/chain/gait_curves.hpp"

#include <fmt/format.h>

#include <utility>

namespace kinchain::chain {

namespace {

/// One coordinate shown as an angle curve.
struct AngleSpec {
  const char* coordinate;  ///< base name; per-side columns add _l/_r unless `sided` is false
  const char* label;
  bool sided;
  bool isKnee;
};

constexpr AngleSpec kAngles[] = {
    {"pelvis_tilt", "Pelvic tilt (+ posterior)", false, false},
    {"pelvis_list", "Pelvic list", false, false},
    {"pelvis_rotation", "Pelvic rotation", false, false},
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
      fillSide(curve, side, inputs.coordinates, "coordinates table", column, sign * toDegrees,
               cyclesOf(side));
    }
    if (reference != nullptr) {
      const std::string column =
          spec.sided ? std::string(spec.coordinate) + "_r" : std::string(spec.coordinate);
      // The reference files are gait2392 (knee flexion negative).
      curve.reference = referenceCurve(*reference, column, spec.isKnee ? -1.0 : 1.0);
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
  return curves;
}

}  // namespace kinchain::chain
