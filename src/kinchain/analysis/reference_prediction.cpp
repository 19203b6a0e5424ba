#include "kinchain/analysis/reference_prediction.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace kinchain::analysis {

std::filesystem::path defaultNormsPath() {
  const std::filesystem::path installed =
      std::filesystem::path(KINCHAIN_INSTALL_DATA_DIR) / "norms" / kDefaultNormsFileName;
  if (std::filesystem::exists(installed)) return installed;
  const std::filesystem::path source =
      std::filesystem::path(KINCHAIN_SOURCE_DATA_DIR) / "norms" / kDefaultNormsFileName;
  if (std::filesystem::exists(source)) return source;
  throw std::runtime_error(fmt::format(
      "the shipped reference {} is neither installed ({}) nor in the source tree ({}); give "
      "--norms FILE or --no-norms",
      kDefaultNormsFileName, installed.string(), source.string()));
}

chain::ReferenceAtSpeed predictReferenceAt(const reference::ReferenceNorms& norms,
                                           double speedMPerS) {
  chain::ReferenceAtSpeed out;
  const auto& provenance = norms.provenance;
  out.provenance.source = provenance.dataset;
  out.provenance.citation = provenance.citation;
  out.provenance.licence = provenance.licence;
  out.provenance.strides = static_cast<std::size_t>(std::max(provenance.strides, 0));
  if (provenance.speedRange) {
    out.provenance.speedRangeLowMPerS = provenance.speedRange->first;
    out.provenance.speedRangeHighMPerS = provenance.speedRange->second;
  }
  out.provenance.trialSpeedMPerS = speedMPerS;
  // The reader clamps to the same range (reference_norms.cpp), so this equals each prediction's
  // own `clamped`.
  out.provenance.trialSpeedClamped =
      provenance.speedRange &&
      (speedMPerS < provenance.speedRange->first || speedMPerS > provenance.speedRange->second);
  for (const auto& [id, metric] : norms.metrics) {
    const auto predicted = norms.predictMetric(id, speedMPerS);
    if (predicted && std::isfinite(predicted->mean) && predicted->sd > 0.0) {
      out.metrics[id] = {predicted->mean, predicted->sd, static_cast<std::size_t>(predicted->n),
                         predicted->speedUsed, predicted->clamped};
    }
    if (metric.asymmetry && metric.asymmetry->p95AbsPercent) {
      const auto& asymmetry = *metric.asymmetry;
      out.asymmetry[id] = {static_cast<std::size_t>(asymmetry.n), *asymmetry.p95AbsPercent,
                           asymmetry.meanAbsPercent.value_or(std::nan("")),
                           asymmetry.sdPercent.value_or(std::nan(""))};
    }
  }
  for (const auto& [id, curve] : norms.curves) {
    if (curve.points != static_cast<int>(chain::norms::kCurvePoints)) continue;
    const auto predicted = norms.predictCurve(id, speedMPerS);
    if (!predicted || predicted->mean.size() != chain::norms::kCurvePoints ||
        predicted->sd.size() != chain::norms::kCurvePoints)
      continue;
    chain::norms::CurveReference reference;
    bool usable = true;
    for (std::size_t point = 0; point < chain::norms::kCurvePoints; ++point) {
      reference.mean[point] = predicted->mean[point];
      reference.sd[point] = predicted->sd[point];
      usable = usable && std::isfinite(predicted->mean[point]) && predicted->sd[point] >= 0.0;
    }
    reference.n = static_cast<std::size_t>(predicted->n);
    if (usable) out.curves[id] = reference;
  }
  return out;
}

}  // namespace kinchain::analysis
