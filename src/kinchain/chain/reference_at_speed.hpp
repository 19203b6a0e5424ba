#pragma once
// The adult reference a trial is judged against, already predicted at the trial's walking
// speed: what the chain stage needs from a `kinchain.norms/1` file (docs/norms.md), as plain
// data, so the judging does not depend on the file reader. The analysis pipeline fills it from
// the file's speed models (mean = intercept + slope·v, sd = residual_sd, v clamped to the
// file's speed range) and hands it over in ChainInputs::reference.
//
// Metric and curve ids are the ids of results.json (`metrics[].id`, `curves[].id`); curves
// are 101 points over 0..100 % of the gait cycle, as results.json curves. The reference is
// built by the same pipeline as the trial, so signs and units need no conversion.

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kinchain::chain {

namespace norms {

/// Points of a reference curve: 0, 1, ..., 100 % of the cycle (as cycle_normalisation.hpp).
inline constexpr std::size_t kCurvePoints = 101;

/// One metric's reference at the trial's speed.
struct MetricReference {
  double mean = 0.0;
  double sd = 0.0;          ///< the speed model's residual SD (n − 2 denominator)
  std::size_t n = 0;        ///< strides behind the model
  double speedMPerS = 0.0;  ///< speed the prediction was taken at
  bool clamped = false;     ///< the trial speed lay outside the reference's speed range
};

/// One curve's reference at the trial's speed, point by point.
struct CurveReference {
  std::array<double, kCurvePoints> mean{};
  std::array<double, kCurvePoints> sd{};
  std::size_t n = 0;
};

/// The cohort's own left-right symmetry index of a metric (Robinson et al. 1987, results.json
/// `asymmetry_percent`), one value per trial.
struct AsymmetryReference {
  std::size_t n = 0;
  double p95AbsPercent = 0.0;  ///< 95th percentile of |SI|: the cut-off asymmetry rules use
  double meanAbsPercent = 0.0;
  double sdPercent = 0.0;
};

/// The cohort's own Gait Profile Scores (each reference participant against the reference),
/// shown beside the patient's GPS on the Movement Analysis Profile (Baker et al. 2009).
struct GaitProfileRange {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;
  double min = 0.0;
  double max = 0.0;
};

/// Where the reference comes from and at which speed it was predicted.
struct Provenance {
  std::string source;    ///< short name, e.g. "Schreiber & Moissenet 2019 (15 adults)"
  std::string citation;  ///< full citation with DOI
  std::string licence;   ///< e.g. "CC BY 4.0"
  std::size_t strides = 0;
  double speedRangeLowMPerS = 0.0;
  double speedRangeHighMPerS = 0.0;
  double trialSpeedMPerS = 0.0;  ///< the trial speed the prediction used (before clamping)
  bool trialSpeedClamped = false;

  /// The speed the reference was predicted at: the trial's, or the nearest end of the range.
  double predictionSpeedMPerS() const {
    if (!trialSpeedClamped) return trialSpeedMPerS;
    return trialSpeedMPerS < speedRangeLowMPerS ? speedRangeLowMPerS : speedRangeHighMPerS;
  }
};

}  // namespace norms

struct ReferenceAtSpeed {
  norms::Provenance provenance;
  std::map<std::string, norms::MetricReference, std::less<>> metrics;
  std::map<std::string, norms::CurveReference, std::less<>> curves;
  std::map<std::string, norms::AsymmetryReference, std::less<>> asymmetry;
  std::optional<norms::GaitProfileRange> gaitProfileScore;

  const norms::MetricReference* metric(std::string_view id) const {
    const auto found = metrics.find(id);
    return found == metrics.end() ? nullptr : &found->second;
  }
  const norms::CurveReference* curve(std::string_view id) const {
    const auto found = curves.find(id);
    return found == curves.end() ? nullptr : &found->second;
  }
  const norms::AsymmetryReference* asymmetryOf(std::string_view id) const {
    const auto found = asymmetry.find(id);
    return found == asymmetry.end() ? nullptr : &found->second;
  }
};

}  // namespace kinchain::chain
