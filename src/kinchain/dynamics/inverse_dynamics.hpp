#pragma once
// Inverse dynamics: the generalized forces that produce given accelerations under gravity and
// applied loads, ignoring kinematic constraints (as OpenSim's InverseDynamicsSolver, which calls
// Simbody's calcResidualForceIgnoringConstraints):
//
//   tau = sum_b [ J_Cb^T m_b (a_Cb - g) + J_wb^T (I_b alpha_b + w_b x I_b w_b) ]
//         - sum_loads [ J_P^T F + J_w^T T ]
//
// J_Cb (3 x nq) is the Jacobian of body b's centre of mass, J_wb (3 x nq) its angular Jacobian,
// I_b its central inertia in ground; a_Cb, w_b, alpha_b come from forward kinematics run on
// TimeJet scalars (q, qdot, qddot), so velocity-product terms are exact. A load is a force F at
// a point P fixed in a body plus a free torque T, both in ground.
//
// Units: q rad / m, qdot per s, qddot per s^2; tau in N*m (rotational) or N (translational),
// one entry per coordinate in CoordinateIndex order.

#include <Eigen/Core>

#include <vector>

#include "kinchain/dynamics/time_jet.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::dynamics {

/// A load on a body at one instant.
struct AppliedBodyLoad {
  model::BodyIndex body;
  Eigen::Vector3d pointInBody = Eigen::Vector3d::Zero();  ///< p_BP, m, in the body frame
  Eigen::Vector3d force = Eigen::Vector3d::Zero();        ///< N, in ground
  Eigen::Vector3d torque = Eigen::Vector3d::Zero();       ///< N*m, in ground
};

/// Per-thread workspace for inverseDynamics, sized once from the model.
struct InverseDynamicsData {
  explicit InverseDynamicsData(const model::Model& model);

  model::DataTpl<TimeJet> jets;  ///< poses with velocities and accelerations
  model::Data kinematics;        ///< double poses and joint motions for the Jacobians
  Eigen::Matrix<TimeJet, Eigen::Dynamic, 1> qJet;
  Eigen::Matrix3Xd linearJacobian;                         ///< 3 x nq scratch
  Eigen::Matrix<double, 6, Eigen::Dynamic> frameJacobian;  ///< 6 x nq scratch

  /// Outputs, per body (BodyIndex order), in ground:
  std::vector<Eigen::Vector3d> massCenterAcceleration;  ///< m/s^2
  std::vector<Eigen::Vector3d> angularVelocity;         ///< rad/s
  std::vector<Eigen::Vector3d> angularAcceleration;     ///< rad/s^2
  Eigen::VectorXd generalizedForces;                    ///< tau, nq
};

/// Computes tau (returned and stored in data.generalizedForces). Requires q, qdot, qddot of
/// length model.nq(); throws std::invalid_argument otherwise or for a Data of another model.
const Eigen::VectorXd& inverseDynamics(const model::Model& model, InverseDynamicsData& data,
                                       const Eigen::VectorXd& q, const Eigen::VectorXd& qdot,
                                       const Eigen::VectorXd& qddot,
                                       const std::vector<AppliedBodyLoad>& loads);

}  // namespace kinchain::dynamics
