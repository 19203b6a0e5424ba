#pragma once
// Padding a sampled signal before zero-lag filtering, as OpenSim's Signal::Pad and Storage::pad do
// (opensim-core OpenSim/Common/Signal.cpp): each end is extended by its point reflection,
// x[-k] = 2·x[0] - x[k] and x[n-1+k] = 2·x[n-1] - x[n-1-k], which keeps the end value and the
// end slope, so the filter's start-up transient falls in the pad. Time columns are padded the
// same way, which continues a uniform grid.

#include <Eigen/Core>

namespace kinchain::math {

/// The signal with `pad` samples prepended and appended by point reflection.
/// A pad of at least the signal length is reached as OpenSim does: repeated reflections of the
/// growing padded signal. pad 0 returns the signal unchanged.
/// @throws std::invalid_argument if pad < 0, or pad > 0 with fewer than 2 samples.
Eigen::VectorXd padByReflection(const Eigen::VectorXd& signal, Eigen::Index pad);

}  // namespace kinchain::math
