#include "kinchain/chain/chain_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "kinchain/chain/asymmetry.hpp"
#include "kinchain/chain/metric_z_scores.hpp"

namespace kinchain::chain {

void addTypicalGaitContext(std::vector<ChainMetric>& metrics, const TypicalGait& typical) {
  ChainInputs inputs;
  inputs.coordinates = &typical.twoCycles;
  inputs.events = typical.events;
  const std::vector<ChainMetric> reference = computeChainMetrics(inputs);
  for (auto& metric : metrics) {
    if (metric.reference.low || metric.reference.high || !metric.reference.text.empty()) continue;
    if (metric.norm) continue;  // the adult reference replaces the mean-only context
    const auto match = std::find_if(reference.begin(), reference.end(),
                                    [&](const ChainMetric& m) { return m.id == metric.id; });
    if (match == reference.end() || !match->right.value) continue;
    metric.reference.text = fmt::format(
        "{:.1f} {} on the typical normal gait curve (right side; mean curve without SD, so "
        "context only, not a cut-off)",
        *match->right.value, metric.unit);
    metric.reference.source = typical.source;
  }
}

ChainAnalysis analyseChain(const ChainInputs& inputs, const TypicalGait* reference,
                           const ReferenceJudging& judging) {
  ChainAnalysis analysis;
  analysis.judging = judging;
  analysis.metrics = computeChainMetrics(inputs);
  addAsymmetry(analysis.metrics);
  scoreAgainstReference(analysis.metrics, inputs.reference);
  if (reference != nullptr) addTypicalGaitContext(analysis.metrics, *reference);
  analysis.findings = gaitFindings(analysis.metrics, gaitRules(), inputs.reference, judging);
  analysis.curves = gaitCurves(inputs, reference);
  if (inputs.reference != nullptr) {
    analysis.reference = inputs.reference->provenance;
    analysis.gaitProfile = gaitProfile(analysis.curves, *inputs.reference);
  }
  return analysis;
}

}  // namespace kinchain::chain
