#pragma once
// Writes an edited model (scaled, markers placed) back to OpenSim's .osim format by editing a
// copy of the ORIGINAL model document, so everything Kinchain does not model (geometry, muscle
// curves, controllers, comments) survives. Only numbers that scaling and marker placement
// change are rewritten, taken from `model` by name:
//   Body           mass, mass_center, inertia (<inertia> or <inertia_xx>..<inertia_yz>)
//   joint frames   2.x/3.x location_in_parent / location; 4.x PhysicalOffsetFrame translation
//   joint axes     translation TransformAxis functions (wrapped in / updating a MultiplierFunction)
//   markers        the whole MarkerSet (added, moved and deleted markers)
//   muscles        optimal_fiber_length, tendon_slack_length, path point locations and moving
//                  path point functions
//   wrap objects   translation, radius, length, dimensions, inner/outer radius
// The result reads back with readOsimModel into the same numbers (to the 17 digits written).

#include <filesystem>
#include <string>

#include "kinchain/model/model.hpp"

namespace kinchain::model {

/// Writes `model`, which must have been read from `originalFile` (same bodies, joints, muscles,
/// wrap objects by name; markers may differ), to `output`. `modelName` renames the <Model>
/// (empty: keep).
/// @throws InputError naming the original file when it cannot be parsed or an element has no
///         counterpart in `model`, or the output cannot be written.
void writeEditedOsimModel(const std::filesystem::path& originalFile, const Model& model,
                          const std::filesystem::path& output, const std::string& modelName = {});

}  // namespace kinchain::model
