#pragma once
// Joint powers: the power each rotational generalized force delivers, moment (N·m) x angular
// velocity (rad/s), in W. Positive power is generation (the moment and the motion agree),
// negative is absorption, as in gait analysis (Winter 2009). The angular velocities are the
// derivatives of the same processed coordinate trajectories inverse dynamics used (OpenSim's
// filtering and spline derivatives), so moment and velocity come from one consistent signal.

#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::dynamics {

/// "<coordinate>_power" (W) for every coordinate whose "<coordinate>_moment" column (a
/// rotational coordinate, as inverse dynamics names them) is in `generalizedForces` (hip flexion,
/// adduction and rotation, knee, ankle, subtalar, MTP and any other), sampled at the
/// generalized-force times.
io::TimeSeriesTable computeJointPowers(const model::Model& model,
                                       const kinematics::CoordinateTrajectories& coordinates,
                                       const io::TimeSeriesTable& generalizedForces);

}  // namespace kinchain::dynamics
