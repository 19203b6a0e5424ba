#pragma once
// Moment arms of muscle paths about every coordinate, with OpenSim's sign convention
// (MomentArmSolver; Sherman, Seth & Delp 2013, "What is a moment arm?"):
//
//   r_j = −(dL/dq) · C_j
//
// i.e. the generalized force per newton of path tension; positive when shortening the path
// increases q_j. C_j is the change of all coordinates per unit change of q_j that keeps the
// coupler constraints (q_dep = s·f(q_ind)) satisfied: OpenSim sets u = e_j, projects it onto the
// constraint manifold in the least-squares sense (Simbody projectU) and divides by the
// projected u_j. For the constraint rows G = [e_dep − s f'(q_ind) e_ind] this is
//   u = e_j − Gᵀ (G Gᵀ)⁻¹ G e_j,   C_j = u / u_j.
// Coordinates in no coupler have C_j = e_j, so r_j = −dL/dq_j. For a translational coordinate
// r_j is dimensionless (N per N).
//
//   computeMomentArms(model, data, pathData)
// Requires computeLengthGradients (geometry_path.hpp) at data.q. Writes pathData.moment_arms
// (nq x paths) and pathData.coupling. Cost: O(nq·paths) plus O(couplers³); allocates only
// for models with coupler constraints (the small constraint solve).

#include "kinchain/model/data.hpp"
#include "kinchain/model/model.hpp"
#include "kinchain/muscle/geometry_path.hpp"

namespace kinchain::muscle {

void computeMomentArms(const model::Model& model, const model::Data& data, PathData& pathData);

}  // namespace kinchain::muscle
