#pragma once
// Wrapping a straight segment over a cylinder as OpenSim's WrapCylinder::wrapLine does.
//
// The cylinder's axis is W's z axis; wrapping treats it as infinitely long except that a wrap
// whose two tangent points both lie beyond ±length/2 is dropped. Algorithm (OpenSim; Delp et
// al. 2007): tangent-point candidates from each end point in its own cross-section; the pair is
// chosen by alignment (unconstrained) or by the active quadrant; the tangent points are slid
// along the axis onto the plane through P, S and the "apex" of the cylinder; the path over the
// surface is a helix of length sqrt((radius·θ)² + axial²). When the path has more than one
// PathWrap, OpenSim then iterates the tangent points (up to 100 times) until the helix meets
// the straight segments within 0.1° (WrapCylinder TANGENCY_THRESHOLD); with a single PathWrap it
// does not (WrapResult::singleWrap), and neither do we.
// An unconstrained cylinder wraps only if the segment passes within `radius` of the axis
// segment between its closest points (IntersectLines); a constrained one may also wrap a segment
// that misses it, to keep the path on the active side.

#include "kinchain/model/wrap_object.hpp"
#include "kinchain/muscle/wrapping/wrap_result.hpp"

namespace kinchain::muscle {

/// @param p1, p2  segment end points in the cylinder's frame W (m)
WrapResult wrapLineOverCylinder(const model::WrapCylinder& cylinder,
                                const model::WrapQuadrant& quadrant, const Eigen::Vector3d& p1,
                                const Eigen::Vector3d& p2, const WrapSettings& settings);

}  // namespace kinchain::muscle
