#pragma once
// Gait Variable Scores, Gait Profile Score and the Movement Analysis Profile (Baker et al. 2009,
// Gait Posture 30:265; ../shared/research/gait-norms.md §3).
//
// GVS of a variable = RMS over 51 points (0, 2, ..., 100 % of the cycle) of the patient's mean
// cycle minus the reference mean at the trial's speed. The nine kinematic variables, in MAP
// order: pelvic tilt, obliquity (pelvis_list), rotation; hip flexion, abduction/adduction
// (hip_adduction), rotation; knee flexion; ankle dorsiflexion; foot progression. Each side's GPS
// = RMS of that side's nine GVS (the pelvis windowed by that side's cycles). The overall GPS =
// RMS of 15 GVS with the pelvis counted once, from the left side's cycles (Baker's convention
// as the Visual3D GPS tutorial of HAS-Motion describes it): 3 pelvic + 6 left + 6 right.
// The reference curves come from the same pipeline as the patient's, so signs agree without
// conversion.
//
// Interpretation constants: minimal clinically important difference 1.6° (Baker et al. 2012,
// Gait Posture 35:612), smallest detectable change 1.3° (Gait Posture 99:51, 2023).

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinchain/chain/gait_curves.hpp"
#include "kinchain/chain/reference_at_speed.hpp"

namespace kinchain::chain {

/// Minimal clinically important difference of the GPS (Baker et al. 2012, Gait Posture 35:612).
inline constexpr double kGaitProfileMcidDeg = 1.6;
/// Smallest detectable change of the GPS (Gait Posture 99:51, 2023; gait-norms.md §3).
inline constexpr double kGaitProfileSdcDeg = 1.3;
/// GVS points: every 2 % of the cycle, 0..100 % (Baker et al. 2009).
inline constexpr int kGaitVariablePoints = 51;

struct GaitVariable {
  std::string_view curve;  ///< results.json curve id
  std::string_view label;
  bool pelvic;  ///< not specific to a side: counted once in the overall GPS
};

/// The nine variables in MAP order.
extern const std::array<GaitVariable, 9> kGaitProfileVariables;

struct GaitVariableScore {
  std::string curve;
  std::string label;
  std::optional<double> left;
  std::optional<double> right;
  std::string leftMissing;
  std::string rightMissing;

  const std::optional<double>& side(Side s) const { return s == Side::Left ? left : right; }
};

struct GaitProfile {
  std::vector<GaitVariableScore> variables;  ///< MAP order
  std::optional<double> left;
  std::optional<double> right;
  std::optional<double> overall;
  std::string leftMissing;  ///< why a GPS is empty (a variable without a GVS)
  std::string rightMissing;
  std::string overallMissing;
  std::optional<norms::GaitProfileRange> referenceRange;  ///< the cohort's own GPS
  std::string referenceSource;
};

/// RMS over the 51 points (every 2nd of 101) of `patient` − `reference`; empty when a point
/// is not finite in either.
std::optional<double> gaitVariableScore(const Eigen::VectorXd& patientMean,
                                        const std::array<double, norms::kCurvePoints>& reference);

/// The profile of `curves` (gaitCurves) against `reference`.
GaitProfile gaitProfile(const std::vector<GaitCurve>& curves, const ReferenceAtSpeed& reference);

}  // namespace kinchain::chain
