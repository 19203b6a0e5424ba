#pragma once
// JSON of the "Explain it" stage in the shapes of docs/analysis-results.md (schema
// kinchain.analysis/1): the `curves`, `metrics` and `findings` arrays, and the entries this
// stage adds to `missing`. Non-finite numbers become null; an empty value carries `missing`.

#include <nlohmann/json.hpp>

#include <vector>

#include "kinchain/chain/chain_analysis.hpp"
#include "kinchain/chain/chain_metrics.hpp"
#include "kinchain/chain/gait_curves.hpp"
#include "kinchain/chain/gait_findings.hpp"

namespace kinchain::chain {

/// [{id, label, unit, group, left: {mean, sd, cycles} | null, right: ..., reference:
///   {mean, sd, source} | null, missing: {left?, right?}}]
nlohmann::json curvesToJson(const std::vector<GaitCurve>& curves);

/// [{id, label, unit, mechanism, left: {value, per_cycle, missing?, z, z_missing?}, right: ...,
///   asymmetry_percent, asymmetry_missing?, reference: {low, high, text, source, and with norms
///   mean, sd, n, speed_m_per_s, clamped, cutoff_source?} | null, flags}]
nlohmann::json metricsToJson(const std::vector<ChainMetric>& metrics);

/// [{id, mechanism, side, title, region, evidence: [{metric, side, value, unit, reference,
///   source, and against norms reference_mean, reference_sd, z, speed_m_per_s}], source}]
nlohmann::json findingsToJson(const GaitFindings& findings);

/// {left: [{start_s, foot_off_s, end_s, has_force}], right: [...]}: the complete cycles of each
/// side; has_force = the inverse-dynamics table covers the cycle's stance.
nlohmann::json cyclesToJson(const ChainInputs& inputs);

/// [{what, reason}] for metrics with no value on a side, and mechanisms not assessed.
nlohmann::json chainMissingToJson(const std::vector<ChainMetric>& metrics,
                                  const GaitFindings& findings);

/// What the chain stage adds to results.json `norms` (whose provenance the analysis pipeline
/// writes): {band_z, judging: {supporting_z, supporting_count, decisive_z, source},
/// measures_compared, measures_outside}; null without norms.
nlohmann::json normsJudgingToJson(const ChainAnalysis& analysis);

/// results.json `gait_profile_score`: {left, right, overall, variables: [{id, label}] (MAP
///   order), variable_scores: {left: {id: gvs}, right: {...}}, reference_range: {n, mean, sd,
///   min, max} | null, reference, mcid_deg, sdc_deg, source, mcid_source, sdc_source,
///   missing?}; null without norms.
nlohmann::json gaitProfileToJson(const std::optional<GaitProfile>& profile);

}  // namespace kinchain::chain
