#pragma once
// Foot progression angle: the angle in the ground plane between the foot's long axis (heel
// point -> toe point, ChainInputs::footPoints) and the direction of walking, in degrees,
// positive = toe-out (the toe points away from the body's midline), negative = toe-in. This is
// the clinical definition of the Conventional Gait Model / Plug-in Gait foot progression (Baker,
// Measuring Walking, 2013: the foot's long axis projected on the ground against the direction
// of progression); sign conventions differ between systems, so ours is stated here and in
// results.json. It is one of the nine variables of the Gait Profile Score (Baker et al. 2009).
//
// The direction of walking of a cycle is the heel point's horizontal displacement from foot
// strike to the next foot strike of the same foot (one stride), so a curved path is followed
// stride by stride. Frames: OpenSim ground, Y up, right-handed, so with walking direction d the
// body's right is d × Y; the lateral side of the right foot is +(d × Y), of the left foot −(d × Y).
// A stride shorter than the foot (treadmill, walking on the spot) gives no direction and the
// cycle is left out with that reason.

#include <optional>
#include <string>

#include "kinchain/chain/chain_metrics.hpp"
#include "kinchain/chain/cycle_normalisation.hpp"

namespace kinchain::chain {

/// One side's foot progression over its cycles (kCyclePoints per cycle, mean and SD), or why
/// it is unavailable (no foot points, no cycle inside the foot-point data).
struct FootProgressionSide {
  std::optional<CycleCurves> curves;
  std::string missing;
};

FootProgressionSide footProgressionCurves(const ChainInputs& inputs, Side side);

/// `foot_progression_mean_stance`: the time-weighted mean foot progression angle from foot
/// strike to foot off, per cycle, both sides (deg, + toe-out).
ChainMetric footProgressionMetric(const ChainInputs& inputs);

}  // namespace kinchain::chain
