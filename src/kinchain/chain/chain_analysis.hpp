#pragma once
// The "Explain it" stage in one call: curves, metrics (with asymmetry and the typical-gait
// context values), findings and their screening evidence, from the stage inputs.
//
//   ChainAnalysis a = analyseChain(inputs, &reference);   // reference = normalGait()
//   results["curves"] = curvesToJson(a.curves); ... (chain_json.hpp)

#include <optional>
#include <string>
#include <vector>

#include "kinchain/chain/chain_metrics.hpp"
#include "kinchain/chain/gait_curves.hpp"
#include "kinchain/chain/gait_findings.hpp"
#include "kinchain/chain/gait_profile.hpp"
#include "kinchain/chain/reference_at_speed.hpp"
#include "kinchain/chain/reference_curves.hpp"

namespace kinchain::chain {

struct ChainAnalysis {
  std::vector<GaitCurve> curves;
  std::vector<ChainMetric> metrics;
  GaitFindings findings;
  /// With adult norms (ChainInputs::reference): where they come from, the judging rule used,
  /// and the Gait Profile Score against them. Empty without norms.
  std::optional<norms::Provenance> reference;
  ReferenceJudging judging;
  std::optional<GaitProfile> gaitProfile;
};

/// Sets reference.text/source of every metric that has no cited reference to the value the
/// same metric takes on `typical` (a typical-gait curve with Perry & Burnfield event timing),
/// marked as context, not a cut-off. Metrics with a cited cut-off, or with an adult norm
/// (ChainMetric::norm), keep theirs.
void addTypicalGaitContext(std::vector<ChainMetric>& metrics, const TypicalGait& typical);

/// Curves, metrics (flags, asymmetry, context from `reference`) and findings. `reference`
/// may be null (no reference curves, no context values). With inputs.reference (adult norms)
/// the metrics get z-scores, the curves the norms' band, the findings are judged against the
/// norms by `judging`, and the Gait Profile Score is computed. Throws std::invalid_argument
/// when inputs.coordinates is null.
ChainAnalysis analyseChain(const ChainInputs& inputs, const TypicalGait* reference,
                           const ReferenceJudging& judging = {});

}  // namespace kinchain::chain
