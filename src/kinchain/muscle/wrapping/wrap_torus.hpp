#pragma once
// Wrapping a straight segment over a torus as OpenSim's WrapTorus::wrapLine does.
//
// The torus lies in W's x-y plane about the z axis: its tube (radius inner_radius) follows the
// circle of radius outer_radius. OpenSim finds the point of that circle nearest the segment's
// line (a 1-D root search started from each end point; with a quadrant constraint the candidate
// on the active side), places a cylinder of radius inner_radius tangent to the circle there,
// constrained to the "+x" side of the cylinder frame (towards the torus axis), and wraps over that
// cylinder (wrap_cylinder.hpp). It reports Wrapped even when the cylinder does not wrap; such a
// result has no surface path and NaN tangent points, so a path never selects it.
//
// Known difference: OpenSim solves the 1-D problem with MINPACK lmdif (ftol = xtol = 1e-4); we
// solve the same residual to machine precision, so the circle point may differ by up to that
// tolerance (relative to the distance along the line).

#include "kinchain/model/wrap_object.hpp"
#include "kinchain/muscle/wrapping/wrap_result.hpp"

namespace kinchain::muscle {

/// @param p1, p2  segment end points in the torus frame W (m)
WrapResult wrapLineOverTorus(const model::WrapTorus& torus, const model::WrapQuadrant& quadrant,
                             const Eigen::Vector3d& p1, const Eigen::Vector3d& p2,
                             const WrapSettings& settings);

}  // namespace kinchain::muscle
