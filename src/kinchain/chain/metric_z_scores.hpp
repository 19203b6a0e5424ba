#pragma once
// Each metric side against the adult reference at the trial's speed: z = (value − mean) / sd
// (ReferenceAtSpeed, reference_at_speed.hpp). A z that cannot be computed is empty and says why:
// no reference given, the reference lacks the metric, its SD is not positive, or the side has
// no value. Cited cut-offs (MetricReference low/high) are left as they are, alongside.

#include <string>
#include <vector>

#include "kinchain/chain/chain_metrics.hpp"
#include "kinchain/chain/reference_at_speed.hpp"

namespace kinchain::chain {

/// Sets ChainMetric::norm / normMissing and SideMetric::z / zMissing of every metric.
/// `reference` may be null (no norms given): then every z is missing with that reason.
void scoreAgainstReference(std::vector<ChainMetric>& metrics, const ReferenceAtSpeed* reference);

/// "12.1 ± 3.2° at 1.25 m/s (n = 60)": the reference of a metric as a reader sees it.
std::string normText(const MetricNorm& norm, const std::string& unit);

}  // namespace kinchain::chain
