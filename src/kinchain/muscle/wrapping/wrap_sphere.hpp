#pragma once
// Wrapping a straight segment over a sphere as OpenSim's WrapSphere::wrapLine does.
//
// Algorithm (OpenSim; Delp et al. 2007): the segment P→S must pierce the sphere, else no wrap.
// The wrap lies in the plane through P, S and the centre; from each end point the two tangent
// points are found, the pair whose unit radials are most aligned is kept, and the surface length
// is radius × angle between them. A quadrant constraint ("+x", ...) may turn a piercing segment
// into no wrap, pick tangent points on the active side, or force the long way round. OpenSim
// then reports a negative length −radius·(2π − angle) for that far-side wrap; kept as is.
// If the line passes within 1e-5 (unit-direction cross product) of the centre the plane is
// undefined; OpenSim then reuses a previous wrap whose scale factor is never copied (NaN), so the
// result is Wrapped with NaN tangent points and length, which the path never selects.

#include "kinchain/model/wrap_object.hpp"
#include "kinchain/muscle/wrapping/wrap_result.hpp"

namespace kinchain::muscle {

/// @param p1, p2  segment end points in the sphere's frame W (m), centre at the origin
WrapResult wrapLineOverSphere(const model::WrapSphere& sphere, const model::WrapQuadrant& quadrant,
                              const Eigen::Vector3d& p1, const Eigen::Vector3d& p2);

}  // namespace kinchain::muscle
