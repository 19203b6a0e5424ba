#pragma once
// The adult reference for one trial: the shipped (or given) kinchain.norms/1 file read and
// predicted at the trial's walking speed, handed to the chain stage as plain data.

#include <filesystem>
#include <optional>

#include "kinchain/chain/reference_at_speed.hpp"
#include "kinchain/reference/reference_norms.hpp"

namespace kinchain::analysis {

/// The file name of the shipped reference under data/norms/ (data/norms/README.md).
inline constexpr const char* kDefaultNormsFileName = "schreiber2019.json";

/// The shipped reference: installed data first, then the source tree's data/norms/.
/// @throws std::runtime_error naming both places when neither holds it.
std::filesystem::path defaultNormsPath();

/// Every metric, curve and asymmetry the reference can predict, at `speedMPerS` (the
/// reference clamps a speed outside its range to the nearest end and says so). Metrics whose
/// predicted SD is not positive (a measure the markers cannot see, constant in the cohort) are
/// left out: no z-score can be formed against them.
chain::ReferenceAtSpeed predictReferenceAt(const reference::ReferenceNorms& norms,
                                           double speedMPerS);

}  // namespace kinchain::analysis
