#pragma once
// The time-normalised curves of the report: joint angles, moments, powers and tissue loads per
// side over 0..100 % of the gait cycle (mean, SD, every cycle), each with the reference curve
// where one exists (data/reference/normal_gait.mot, mean only).
//
// Angles are shown in the clinical sense of their label: knee flexion positive (whatever the
// model's knee sign), everything else as the OpenSim coordinate (see chain_metrics.hpp for the
// signs). Moments are `<coordinate>_moment` / body mass (N·m/kg), powers
// `<coordinate>_power` (ChainInputs::jointPowers) / body mass (W/kg), tissue loads keep their
// column unit, forces and moments per kg (tissueLoadDisplay). With thorax markers
// (ChainInputs::thoraxTilt) the angles also carry "thorax_forward_tilt", the trunk lean.

#include <optional>
#include <string>
#include <vector>

#include "kinchain/chain/chain_metrics.hpp"
#include "kinchain/chain/cycle_normalisation.hpp"
#include "kinchain/chain/reference_curves.hpp"

namespace kinchain::chain {

struct GaitCurve {
  std::string id;     ///< e.g. "knee_angle", "ankle_angle_moment", "achilles_force"
  std::string label;  ///< e.g. "Knee flexion"
  std::string unit;   ///< "deg", "N·m/kg", "W/kg", "N/kg"
  std::string group;  ///< "angles" | "moments" | "powers" | "loads"
  std::optional<CycleCurves> left;
  std::optional<CycleCurves> right;
  std::string leftMissing;   ///< why `left` is empty
  std::string rightMissing;  ///< why `right` is empty
  std::optional<ReferenceCurve> reference;
};

/// Every curve the inputs allow; a curve whose data are absent on both sides is still listed,
/// with the reasons, so the report can say what is missing. With ChainInputs::reference (adult
/// norms) each curve's reference is the norms' mean ± SD at the trial's speed; otherwise
/// `reference` (OpenSim's typical curve, mean only, context) when not null. The angles include
/// "foot_progression" (foot_progression.hpp).
std::vector<GaitCurve> gaitCurves(const ChainInputs& inputs, const TypicalGait* reference);

}  // namespace kinchain::chain
