#pragma once
// Reserve and residual actuators for static optimisation of a whole-body gait model that comes
// without an actuator file (the `kinchain analyze` pipeline).
//
// Each unlocked, independent coordinate that the model's own CoordinateActuators do not already
// drive gets a CoordinateActuator "<coordinate>_reserve" with optimal force 1 (N·m or N per unit
// control) and unbounded control. Optimal force 1 follows the "weak" reserves of OpenSim's own
// static-optimisation test (opensim-core so_gait10dof18musc_ankle_spring,
// gait10dof_Actuators_weak.xml: FX, FY, MZ on the pelvis and <coordinate>_reserve with
// optimal_force 1): muscles stay much cheaper than reserves wherever they can act, so the
// reserve carries only what the muscles cannot. On the pelvis (root) coordinates muscles have
// no moment arm, so there the reserves are the residual forces and are fully determined by the
// dynamics whatever their optimal force; the same holds for joints no muscle crosses (gait2392's
// lumbar joint).

#include <string>
#include <vector>

#include "kinchain/model/force_description.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::muscle {

/// Optimal force of each reserve (see the file comment for the source).
inline constexpr double kReserveOptimalForce = 1.0;

/// The reserve set for `model` (sourceName "reserve actuators (kinchain analyze)").
model::ForceSetDescription reserveActuators(const model::Model& model,
                                            double optimalForce = kReserveOptimalForce);

/// Names of the reserves in `set` that act on the root (ground-to-first-body) joint's
/// coordinates: the residual forces and moments, reported separately.
std::vector<std::string> residualActuatorNames(const model::Model& model,
                                               const model::ForceSetDescription& set);

}  // namespace kinchain::muscle
