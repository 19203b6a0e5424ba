#pragma once
// Wraps one straight path segment over one wrap object of any shape (dispatch on the variant).

#include "kinchain/model/wrap_object.hpp"
#include "kinchain/muscle/wrapping/wrap_result.hpp"

namespace kinchain::muscle {

/// Wraps the segment p1→p2, both given in the wrap object's own frame W (m), exactly as
/// OpenSim's <Shape>::wrapLine does. Does not look at `object.active` (the caller skips inactive
/// objects, as OpenSim's GeometryPath does). Allocates nothing.
WrapResult wrapLine(const model::WrapObject& object, const Eigen::Vector3d& p1,
                    const Eigen::Vector3d& p2, const WrapSettings& settings);

}  // namespace kinchain::muscle
