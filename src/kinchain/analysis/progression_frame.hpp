#pragma once
// Turns a trial about the vertical so that the subject walks along +x.
//
// OpenSim's gait models order the pelvis rotations tilt (about ground z), list (about x), then
// rotation (about y), so tilt and list are read in the ground's axes: a subject walking along −x
// shows every anterior tilt as a posterior one and every obliquity mirrored, and the pelvis
// rotation sits near ±180°. Labs walk their subjects both ways across the room (the
// schreiber2019 participants did), so without this turn a reference built from them averages
// mirrored pelvis curves into a flat line with an inflated spread. Clinical gait analysis reads
// pelvis and foot angles in the progression frame for the same reason (Baker 2013, Measuring
// Walking, ch. 2: the Conventional Gait Model's progression frame). Ground is isotropic about
// the vertical, so the turn changes no joint angle, moment or load; it only fixes the frame
// the segment angles to the ground are read in.

#include <optional>
#include <string>

#include "kinchain/analysis/recorded_trial.hpp"

namespace kinchain::analysis {

struct ProgressionTurn {
  double angleDeg = 0.0;  ///< the turn applied about +y (OpenSim's vertical), degrees
  double travelM = 0.0;   ///< horizontal travel of the markers' centroid that set the direction
};

/// The direction of travel is the horizontal displacement of the centroid of the markers seen
/// in both the first and the last frame that has any (none shared: nothing is turned). With less than kMinimumTravelM of travel
/// (treadmill, standing) nothing is turned and the result is empty.
std::optional<ProgressionTurn> alignProgressionWithX(RecordedTrial& trial);

/// Travel below which there is no direction of progression to align with: a quarter of an adult
/// stride (about 1.4 m at 1.2 m/s, Schreiber & Moissenet 2019 spontaneous speed; gait-norms.md
/// §1) is still inside one step, where the trunk's sway dominates the centroid's path.
inline constexpr double kMinimumTravelM = 0.35;

}  // namespace kinchain::analysis
