#pragma once
// Forward kinematics: the pose of every frame and the position of every marker in ground.
//
//   forwardKinematics(model, data, q)
//
// Inputs: q, length model.nq(), rad / m in CoordinateIndex order (no constraint is applied:
// coupled coordinates are taken as given; see applyCouplerConstraints).
// Writes: data.q, data.X_GF (every frame, indexed by FrameIndex), data.markerPositions
// (3 x markers, m, in ground). Cost: one X_FM per joint (3 axis rotations, up to 6 function
// evaluations) and one 3x3 product per step; no allocation.
// Errors: std::invalid_argument if q has the wrong length or data was made for another model.
//
// Generic over Scalar (double is compiled once in forward_kinematics.cpp; other scalars, e.g.
// Eigen::AutoDiffScalar, include forward_kinematics.hxx).

#include <Eigen/Core>

#include "kinchain/model/data.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::model {

/// Throws std::invalid_argument unless data was sized for this model.
void checkDataBelongsToModel(const Model& model, std::uint64_t dataFingerprint);

template <class Scalar>
void forwardKinematics(const Model& model, DataTpl<Scalar>& data,
                       const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& q);

extern template void forwardKinematics<double>(const Model&, DataTpl<double>&,
                                               const Eigen::VectorXd&);

/// Sets every enabled coupler constraint's dependent coordinate from its independent one,
/// q_dep = scale * f(q_indep), in model order (chains resolve when listed in dependency order).
/// q has length model.nq(). Throws std::invalid_argument on a wrong length.
void applyCouplerConstraints(const Model& model, Eigen::VectorXd& q);

}  // namespace kinchain::model
