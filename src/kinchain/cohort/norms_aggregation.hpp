#pragma once
// Pools the samples of the cohort's trials into reference bands (docs/norms.md): every
// complete gait cycle of each side is one stride sample (left and right pooled), a metric
// sample is a side's per-cycle value, and a stride's speed is that side's speed in its trial.
// Per stratum: mean and SD; over all strides: the least-squares line on speed; for metrics
// also min, max, percentiles and the cohort's own left-right symmetry index.

#include <string>
#include <vector>

#include "kinchain/cohort/trial_samples.hpp"
#include "kinchain/reference/reference_norms.hpp"

namespace kinchain::cohort {

struct StratifiedTrial {
  std::string participant;
  std::string stratum;
  std::string source;  ///< the results.json the samples came from, for errors
  TrialSamples samples;
};

/// The reference of `trials` (taken in the given order, so the result does not depend on the
/// order trials finished in). Fills every field except provenance's dataset, citation,
/// licence, kinchain_version, manifest, command and left_out, which the caller knows.
/// @param strata  every stratum name, in the order the file lists them
/// @throws InputError naming a results.json whose curve or metric disagrees with the earlier
///         trials' in unit, group or number of points.
reference::ReferenceNorms aggregateNorms(const std::vector<StratifiedTrial>& trials,
                                         const std::vector<std::string>& strata);

}  // namespace kinchain::cohort
