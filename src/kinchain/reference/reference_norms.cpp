#include "kinchain/reference/reference_norms.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kinchain::reference {

namespace {

struct SpeedChoice {
  double used = 0.0;
  bool clamped = false;
};

// The speed line is fitted over the cohort's strides only; beyond them it is an extrapolation
// nobody measured, so the nearest end of the range is used instead (docs/norms.md).
std::optional<SpeedChoice> chooseSpeed(const Provenance& provenance, double speedMps) {
  if (!std::isfinite(speedMps))
    throw std::invalid_argument("reference prediction: the walking speed is not a finite number");
  if (!provenance.speedRange) return std::nullopt;
  const auto [slowest, fastest] = *provenance.speedRange;
  const double used = std::clamp(speedMps, slowest, fastest);
  return SpeedChoice{used, used != speedMps};
}

}  // namespace

std::optional<MetricPrediction> ReferenceNorms::predictMetric(const std::string& id,
                                                              double speedMps) const {
  const auto speed = chooseSpeed(provenance, speedMps);
  const auto found = metrics.find(id);
  if (!speed || found == metrics.end()) return std::nullopt;
  const SpeedLine& line = found->second.speedModel;
  if (!line.intercept || !line.slope || !line.residualSd) return std::nullopt;
  MetricPrediction prediction;
  prediction.mean = *line.intercept + *line.slope * speed->used;
  prediction.sd = *line.residualSd;
  prediction.n = line.n;
  prediction.requestedSpeed = speedMps;
  prediction.speedUsed = speed->used;
  prediction.clamped = speed->clamped;
  return prediction;
}

std::optional<CurvePrediction> ReferenceNorms::predictCurve(const std::string& id,
                                                            double speedMps) const {
  const auto speed = chooseSpeed(provenance, speedMps);
  const auto found = curves.find(id);
  if (!speed || found == curves.end()) return std::nullopt;
  const CurveSpeedLine& line = found->second.speedModel;
  if (line.intercept.empty()) return std::nullopt;
  CurvePrediction prediction;
  prediction.mean.resize(line.intercept.size());
  for (std::size_t point = 0; point < line.intercept.size(); ++point)
    prediction.mean[point] = line.intercept[point] + line.slope[point] * speed->used;
  prediction.sd = line.residualSd;
  prediction.n = line.n;
  prediction.requestedSpeed = speedMps;
  prediction.speedUsed = speed->used;
  prediction.clamped = speed->clamped;
  return prediction;
}

}  // namespace kinchain::reference
