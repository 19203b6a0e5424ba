#include "kinchain/chain/metric_z_scores.hpp"

#include <fmt/format.h>

#include <cmath>

namespace kinchain::chain {

namespace {

std::string unitSuffix(const std::string& unit) {
  return unit == "deg" ? "°" : " " + unit;
}

}  // namespace

std::string normText(const MetricNorm& norm, const std::string& unit) {
  return fmt::format("{:.3g} ± {:.2g}{} at {:.2f} m/s{} (n = {})", norm.mean, norm.sd,
                     unitSuffix(unit), norm.speedMPerS,
                     norm.clamped ? ", the nearest end of the reference's speed range" : "",
                     norm.n);
}

void scoreAgainstReference(std::vector<ChainMetric>& metrics, const ReferenceAtSpeed* reference) {
  for (auto& metric : metrics) {
    metric.norm.reset();
    metric.normMissing.clear();
    std::string sideReason;
    if (reference == nullptr) {
      metric.normMissing = "no adult reference norms given";
      sideReason = metric.normMissing;
    } else if (const auto* found = reference->metric(metric.id); found == nullptr) {
      metric.normMissing = fmt::format("the reference ({}) has no value for this metric",
                                       reference->provenance.source);
      sideReason = metric.normMissing;
    } else {
      metric.norm = MetricNorm{found->mean,       found->sd,      found->n,
                               found->speedMPerS, found->clamped, reference->provenance.source};
      if (!std::isfinite(found->mean) || !(std::isfinite(found->sd) && found->sd > 0.0))
        sideReason = fmt::format("the reference SD ({}) is not a positive number", found->sd);
    }
    for (const Side side : {Side::Left, Side::Right}) {
      SideMetric& values = metric.side(side);
      values.z.reset();
      values.zMissing.clear();
      if (!sideReason.empty()) {
        values.zMissing = sideReason;
      } else if (!values.value) {
        values.zMissing = "no value on this side";
      } else {
        values.z = (*values.value - metric.norm->mean) / metric.norm->sd;
      }
    }
  }
}

}  // namespace kinchain::chain
