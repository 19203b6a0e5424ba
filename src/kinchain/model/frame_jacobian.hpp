#pragma once
// Kinematic Jacobians with respect to q (analytic, double):
//
//   computeJointMotions(model, data)          requires forwardKinematics(model, data, q)
//   stationJacobian(model, data, frame, p_FS, J)   J = d p_GS / d q        (3 x nq)
//   markerJacobian(model, data, marker, J)          J = d p_GM / d q        (3 x nq)
//   frameJacobian(model, data, frame, J)            J = [d theta_G; d p_GF] / d q  (6 x nq)
//
// Each joint's motion per unit change of a driving coordinate c, with the joint's axis
// displacements f_k(q) and derivatives f_k' (joint.hpp):
//   omega_F = sum_{k<3} f_k' R(f_0,a_0)...R(f_{k-1},a_{k-1}) a_k   (body-fixed rotation sequence)
//   v_F     = sum_{k>=3} f_k' a_k                                    (velocity of M's origin)
// rotated to ground with R_GF, and negated when the joint is traversed child -> parent
// (Model::kinematicOrder). A point S then moves by  omega x (p_GS - o_j) + v  per unit q_c,
// summed over the joints between ground and S. frameJacobian rows 0-2 are the angular velocity
// of the frame (rad per unit q), rows 3-5 the velocity of its origin, both in ground.
// Cost: computeJointMotions O(joints); each Jacobian O(depth x coordinates of those joints).
// Errors: std::invalid_argument for a Data of another model or a wrongly sized output.

#include <Eigen/Core>

#include "kinchain/model/data.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::model {

/// Fills data.jointMotion and data.jointMotionOrigin from data.q and data.X_GF.
void computeJointMotions(const Model& model, Data& data);

/// J (3 x nq) = d p_GS / d q for the point S at p_FS (m) fixed in `frame`.
void stationJacobian(const Model& model, const Data& data, FrameIndex frame,
                     const Eigen::Vector3d& p_FS, Eigen::Ref<Eigen::Matrix3Xd> J);

/// J (3 x nq) = d p_GM / d q for a model marker.
void markerJacobian(const Model& model, const Data& data, MarkerIndex marker,
                    Eigen::Ref<Eigen::Matrix3Xd> J);

/// J (6 x nq): rows 0-2 angular, rows 3-5 linear (origin of `frame`), both in ground.
void frameJacobian(const Model& model, const Data& data, FrameIndex frame,
                   Eigen::Ref<Eigen::Matrix<double, 6, Eigen::Dynamic>> J);

}  // namespace kinchain::model
