#pragma once
// Wrapping a straight segment over an ellipsoid as OpenSim's WrapEllipsoid::wrapLine does.
//
// Algorithm (OpenSim, after SIMM; Delp et al. 2007), in coordinates scaled by 3/(a+b+c):
// 1. The segment must pierce the ellipsoid (else no wrap); an end point inside gives
//    InsideRadius; end points collinear with the centre (1 − cos < 1e-4) give no wrap.
// 2. A point c1 on the surface fixes the wrapping plane through P1, P2 and c1. `method` picks
//    c1: Axial ("Frans" technique: closest surface point to where the segment crosses the plane
//    normal to its most parallel principal axis), Midpoint (closest surface point to the
//    midpoint of the chord), or Hybrid (a blend of Axial and a 300-sample "fan" average, weighted
//    by how parallel the segment is to that axis: 100 % fan below 0.7073, 100 % Axial above 0.9).
//    With a quadrant constraint c1 is mirrored to the active side if needed.
// 3. Each tangent point is found in that plane by a damped Gauss–Newton iteration on four
//    residuals (plane, surface, tangent-plane through r and P) (OpenSim calcTangentPoint).
// 4. The surface path is the plane's section of the ellipsoid, sampled every 1 mm of chord
//    (at most 499 segments) and summed; with a quadrant constraint a path whose first or last
//    sample turns back towards its end point is recomputed the long way round.
// Returns MandatoryWrap whenever it wraps. Point-to-ellipsoid distances use Eberly's method
// (Graphics Gems IV, 1994), as OpenSim does.

#include "kinchain/model/wrap_object.hpp"
#include "kinchain/muscle/wrapping/wrap_result.hpp"

namespace kinchain::muscle {

/// @param p1, p2  segment end points in the ellipsoid's frame W (m), centre at the origin
WrapResult wrapLineOverEllipsoid(const model::WrapEllipsoid& ellipsoid,
                                 const model::WrapQuadrant& quadrant, const Eigen::Vector3d& p1,
                                 const Eigen::Vector3d& p2, const WrapSettings& settings);

}  // namespace kinchain::muscle
