#include "kinchain/dynamics/inverse_dynamics.hpp"

#include <stdexcept>
#include <string>

#include "kinchain/dynamics/time_jet.hpp"
#include "kinchain/model/forward_kinematics.hxx"
#include "kinchain/model/frame_jacobian.hpp"

namespace kinchain::model {
// Forward kinematics on TimeJet scalars: pose, velocity and acceleration of every frame.
template void forwardKinematics<dynamics::TimeJet>(
    const Model&, DataTpl<dynamics::TimeJet>&,
    const Eigen::Matrix<dynamics::TimeJet, Eigen::Dynamic, 1>&);
}  // namespace kinchain::model

namespace kinchain::dynamics {

namespace {

Eigen::Vector3d unskew(const Eigen::Matrix3d& m) {
  // The antisymmetric part's axial vector (rounding leaves a tiny symmetric part; averaging
  // the two entries of each pair cancels it).
  return 0.5 * Eigen::Vector3d(m(2, 1) - m(1, 2), m(0, 2) - m(2, 0), m(1, 0) - m(0, 1));
}

}  // namespace

InverseDynamicsData::InverseDynamicsData(const model::Model& model)
    : jets(model),
      kinematics(model),
      qJet(model.nq()),
      linearJacobian(3, model.nq()),
      frameJacobian(6, model.nq()),
      massCenterAcceleration(model.bodies().size(), Eigen::Vector3d::Zero()),
      angularVelocity(model.bodies().size(), Eigen::Vector3d::Zero()),
      angularAcceleration(model.bodies().size(), Eigen::Vector3d::Zero()),
      generalizedForces(Eigen::VectorXd::Zero(model.nq())) {}

const Eigen::VectorXd& inverseDynamics(const model::Model& model, InverseDynamicsData& data,
                                       const Eigen::VectorXd& q, const Eigen::VectorXd& qdot,
                                       const Eigen::VectorXd& qddot,
                                       const std::vector<AppliedBodyLoad>& loads) {
  const auto nq = model.nq();
  if (q.size() != nq || qdot.size() != nq || qddot.size() != nq) {
    throw std::invalid_argument("inverseDynamics: q, qdot and qddot need " + std::to_string(nq) +
                                " entries each");
  }
  for (Eigen::Index i = 0; i < nq; ++i)
    data.qJet[i] = TimeJet(q[i], qdot[i], qddot[i]);
  model::forwardKinematics(model, data.jets, data.qJet);
  model::forwardKinematics(model, data.kinematics, q);
  model::computeJointMotions(model, data.kinematics);

  Eigen::VectorXd& tau = data.generalizedForces;
  tau.setZero();
  const Eigen::Vector3d gravity = model.gravity();
  for (std::size_t index = 0; index < model.bodies().size(); ++index) {
    const auto& body = model.bodies()[index];
    const auto& X = data.jets.X_GF[body.frame.value()];
    Eigen::Matrix3d R0, R1, R2;
    Eigen::Vector3d p2;
    for (int row = 0; row < 3; ++row) {
      for (int column = 0; column < 3; ++column) {
        R0(row, column) = X.R(row, column).value;
        R1(row, column) = X.R(row, column).first;
        R2(row, column) = X.R(row, column).second;
      }
      p2[row] = X.p[row].second;
    }
    // w^ = R' R^T;  alpha^ = d/dt (R' R^T) = R'' R^T + R' R'^T.
    const Eigen::Vector3d omega = unskew(R1 * R0.transpose());
    const Eigen::Vector3d alpha = unskew(R2 * R0.transpose() + R1 * R1.transpose());
    const Eigen::Vector3d comAcceleration = p2 + R2 * body.massCenter;
    data.massCenterAcceleration[index] = comAcceleration;
    data.angularVelocity[index] = omega;
    data.angularAcceleration[index] = alpha;
    if (body.mass == 0.0 && body.inertia.isZero()) continue;

    const Eigen::Matrix3d inertiaInGround = R0 * body.inertia * R0.transpose();
    const Eigen::Vector3d netForce = body.mass * (comAcceleration - gravity);
    const Eigen::Vector3d netMoment =
        inertiaInGround * alpha + omega.cross(inertiaInGround * omega);
    model::stationJacobian(model, data.kinematics, body.frame, body.massCenter,
                           data.linearJacobian);
    tau.noalias() += data.linearJacobian.transpose() * netForce;
    model::frameJacobian(model, data.kinematics, body.frame, data.frameJacobian);
    tau.noalias() += data.frameJacobian.topRows<3>().transpose() * netMoment;
  }
  for (const auto& load : loads) {
    const auto frame = model.body(load.body).frame;
    model::stationJacobian(model, data.kinematics, frame, load.pointInBody, data.linearJacobian);
    tau.noalias() -= data.linearJacobian.transpose() * load.force;
    if (!load.torque.isZero()) {
      model::frameJacobian(model, data.kinematics, frame, data.frameJacobian);
      tau.noalias() -= data.frameJacobian.topRows<3>().transpose() * load.torque;
    }
  }
  return tau;
}

}  // namespace kinchain::dynamics
