#include "kinchain/chain/gait_profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace kinchain::chain {

const std::array<GaitVariable, 9> kGaitProfileVariables = {{
    {"pelvis_tilt", "Pelvic tilt", true},
    {"pelvis_list", "Pelvic obliquity", true},
    {"pelvis_rotation", "Pelvic rotation", true},
    {"hip_flexion", "Hip flexion", false},
    {"hip_adduction", "Hip abduction/adduction", false},
    {"hip_rotation", "Hip rotation", false},
    {"knee_angle", "Knee flexion", false},
    {"ankle_angle", "Ankle dorsiflexion", false},
    {"foot_progression", "Foot progression", false},
}};

namespace {

bool variablePelvic(std::string_view curve) {
  return std::any_of(kGaitProfileVariables.begin(), kGaitProfileVariables.end(),
                     [&](const GaitVariable& v) { return v.curve == curve && v.pelvic; });
}

std::optional<double> rms(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0.0;
  for (const double v : values)
    sum += v * v;
  return std::sqrt(sum / static_cast<double>(values.size()));
}

}  // namespace

std::optional<double> gaitVariableScore(const Eigen::VectorXd& patientMean,
                                        const std::array<double, norms::kCurvePoints>& reference) {
  if (patientMean.size() != static_cast<Eigen::Index>(norms::kCurvePoints)) return std::nullopt;
  double sum = 0.0;
  for (int point = 0; point < kGaitVariablePoints; ++point) {
    const auto index = static_cast<std::size_t>(2 * point);
    const double difference = patientMean(static_cast<Eigen::Index>(index)) - reference[index];
    if (!std::isfinite(difference)) return std::nullopt;
    sum += difference * difference;
  }
  return std::sqrt(sum / kGaitVariablePoints);
}

GaitProfile gaitProfile(const std::vector<GaitCurve>& curves, const ReferenceAtSpeed& reference) {
  GaitProfile profile;
  profile.referenceRange = reference.gaitProfileScore;
  profile.referenceSource = reference.provenance.source;
  for (const auto& variable : kGaitProfileVariables) {
    GaitVariableScore score;
    score.curve = variable.curve;
    score.label = variable.label;
    const auto curve = std::find_if(curves.begin(), curves.end(),
                                    [&](const GaitCurve& c) { return c.id == variable.curve; });
    const auto* norm = reference.curve(variable.curve);
    for (const Side side : {Side::Left, Side::Right}) {
      auto& value = side == Side::Left ? score.left : score.right;
      auto& missing = side == Side::Left ? score.leftMissing : score.rightMissing;
      if (curve == curves.end()) {
        missing = "curve not computed";
      } else if (norm == nullptr) {
        missing = fmt::format("the reference ({}) has no {} curve", reference.provenance.source,
                              variable.curve);
      } else if (const auto& sideCurve = side == Side::Left ? curve->left : curve->right;
                 !sideCurve) {
        missing = side == Side::Left ? curve->leftMissing : curve->rightMissing;
      } else {
        value = gaitVariableScore(sideCurve->mean, norm->mean);
        if (!value) missing = "the mean cycle or the reference has a gap at one of the 51 points";
      }
    }
    profile.variables.push_back(std::move(score));
  }

  const auto sideScores = [&](Side side, std::string& missing) {
    std::vector<double> values;
    for (const auto& score : profile.variables) {
      if (!score.side(side)) {
        missing = fmt::format("{} has no score: {}", score.label,
                              side == Side::Left ? score.leftMissing : score.rightMissing);
        return std::vector<double>{};
      }
      values.push_back(*score.side(side));
    }
    return values;
  };
  profile.left = rms(sideScores(Side::Left, profile.leftMissing));
  profile.right = rms(sideScores(Side::Right, profile.rightMissing));

  // Overall: the pelvis once (left cycles), the six limb variables of each side.
  std::vector<double> all;
  for (const auto& score : profile.variables) {
    for (const Side side : {Side::Left, Side::Right}) {
      if (variablePelvic(score.curve) && side == Side::Right) continue;
      if (!score.side(side)) {
        profile.overallMissing =
            fmt::format("{} ({}) has no score: {}", score.label, sideName(side),
                        side == Side::Left ? score.leftMissing : score.rightMissing);
        all.clear();
        break;
      }
      all.push_back(*score.side(side));
    }
    if (!profile.overallMissing.empty()) break;
  }
  profile.overall = rms(all);
  return profile;
}

}  // namespace kinchain::chain
