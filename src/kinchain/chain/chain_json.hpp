#pragma once
// JSON of the "Explain it" stage in the shapes of docs/analysis-results.md (schema
// kinchain.analysis/1): the `curves`, `metrics` and `findings` arrays, and the entries this
// stage adds to `missing`. Non-finite numbers become null; an empty value carries `missing`.

#include <nlohmann/json.hpp>

#include <vector>

#include "kinchain/chain/chain_metrics.hpp"
#include "kinchain/chain/gait_curves.hpp"
#include "kinchain/chain/gait_findings.hpp"

namespace kinchain::chain {

/// [{id, label, unit, group, left: {mean, sd, cycles} | null, right: ..., reference:
///   {mean, sd, source} | null, missing: {left?, right?}}]
nlohmann::json curvesToJson(const std::vector<GaitCurve>& curves);

/// [{id, label, unit, mechanism, left: {value, per_cycle, missing?}, right: ...,
///   asymmetry_percent, asymmetry_missing?, reference: {low, high, text, source} | null, flags}]
nlohmann::json metricsToJson(const std::vector<ChainMetric>& metrics);

/// [{id, side, title, region, evidence: [{metric, value, unit, reference, source}], source}]
nlohmann::json findingsToJson(const GaitFindings& findings);

/// {left: [{start_s, foot_off_s, end_s, has_force}], right: [...]}: the complete cycles of each
/// side; has_force = the inverse-dynamics table covers the cycle's stance.
nlohmann::json cyclesToJson(const ChainInputs& inputs);

/// [{what, reason}] for metrics with no value on a side, and mechanisms not assessed.
nlohmann::json chainMissingToJson(const std::vector<ChainMetric>& metrics,
                                  const GaitFindings& findings);

}  // namespace kinchain::chain
