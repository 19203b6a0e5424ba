#include "kinchain/model/frame_jacobian.hpp"

#include <stdexcept>
#include <string>

#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/joint_transform.hpp"

namespace kinchain::model {

namespace {

// f_k(q) and f_k'(q) of one axis; an axis without coordinate has f' = 0.
FunctionValue axisValue(const TransformAxis& axis, const Eigen::VectorXd& q) {
  if (!axis.coordinate.isValid()) {
    return {axis.function ? axis.function->evaluate(0.0).value : 0.0, 0.0, 0.0};
  }
  const double value = q[static_cast<Eigen::Index>(axis.coordinate.value())];
  if (!axis.function) return {value, 1.0, 0.0};
  return axis.function->evaluate(value);
}

void checkColumns(const Model& model, Eigen::Index columns, const char* what) {
  if (columns != model.nq()) {
    throw std::invalid_argument(std::string(what) + ": output has " + std::to_string(columns) +
                                " columns, model has " + std::to_string(model.nq()) +
                                " coordinates");
  }
}

}  // namespace

void computeJointMotions(const Model& model, Data& data) {
  checkDataBelongsToModel(model, data.modelFingerprint);
  std::vector<bool> backward(model.joints().size(), false);
  for (const KinematicStep& step : model.kinematicOrder()) {
    if (step.kind == KinematicStep::Kind::JointBackward) backward[step.joint.value()] = true;
  }
  for (std::size_t j = 0; j < model.joints().size(); ++j) {
    const JointIndex jointIndex(j);
    const Joint& joint = model.joint(jointIndex);
    const auto& driving = model.jointDrivingCoordinates(jointIndex);
    const Eigen::Index address = model.jointMotionAddress(jointIndex);
    const Eigen::Matrix3d& R_GF = data.X_GF[joint.parentFrame.value()].R;
    const double sign = backward[j] ? -1.0 : 1.0;
    data.jointMotionOrigin.col(static_cast<Eigen::Index>(j)) =
        data.X_GF[joint.childFrame.value()].p;
    for (std::size_t k = 0; k < driving.size(); ++k) {
      data.jointMotion.col(address + static_cast<Eigen::Index>(k)).setZero();
    }
    Eigen::Matrix3d R_partial = Eigen::Matrix3d::Identity();  // R(f0,a0)...R(f_{k-1},a_{k-1})
    for (std::size_t k = 0; k < 6; ++k) {
      const TransformAxis& axis = joint.transform.axes[k];
      if (!axis.coordinate.isValid() && !axis.function) continue;
      const FunctionValue f = axisValue(axis, data.q);
      if (axis.coordinate.isValid() && f.first != 0.0) {
        const auto column =
            std::find(driving.begin(), driving.end(), axis.coordinate) - driving.begin();
        auto motion = data.jointMotion.col(address + column);
        if (k < 3) {
          motion.head<3>() += sign * f.first * (R_GF * (R_partial * axis.axis));
        } else {
          motion.tail<3>() += sign * f.first * (R_GF * axis.axis);
        }
      }
      if (k < 3) R_partial = R_partial * rotationAboutAxis(f.value, axis.axis);
    }
  }
}

void stationJacobian(const Model& model, const Data& data, FrameIndex frame,
                     const Eigen::Vector3d& p_FS, Eigen::Ref<Eigen::Matrix3Xd> J) {
  checkDataBelongsToModel(model, data.modelFingerprint);
  checkColumns(model, J.cols(), "stationJacobian");
  J.setZero();
  const Eigen::Vector3d p_GS = data.X_GF.at(frame.value()).apply(p_FS);
  for (const SupportingJoint& support : model.supportingJoints(frame)) {
    const auto& driving = model.jointDrivingCoordinates(support.joint);
    const Eigen::Index address = model.jointMotionAddress(support.joint);
    const Eigen::Vector3d r =
        p_GS - data.jointMotionOrigin.col(static_cast<Eigen::Index>(support.joint.value()));
    for (std::size_t k = 0; k < driving.size(); ++k) {
      const auto motion = data.jointMotion.col(address + static_cast<Eigen::Index>(k));
      J.col(static_cast<Eigen::Index>(driving[k].value())) +=
          motion.head<3>().cross(r) + motion.tail<3>();
    }
  }
}

void markerJacobian(const Model& model, const Data& data, MarkerIndex marker,
                    Eigen::Ref<Eigen::Matrix3Xd> J) {
  const Marker& m = model.marker(marker);
  stationJacobian(model, data, m.frame, m.location, J);
}

void frameJacobian(const Model& model, const Data& data, FrameIndex frame,
                   Eigen::Ref<Eigen::Matrix<double, 6, Eigen::Dynamic>> J) {
  checkDataBelongsToModel(model, data.modelFingerprint);
  checkColumns(model, J.cols(), "frameJacobian");
  J.setZero();
  const Eigen::Vector3d p_GF = data.X_GF.at(frame.value()).p;
  for (const SupportingJoint& support : model.supportingJoints(frame)) {
    const auto& driving = model.jointDrivingCoordinates(support.joint);
    const Eigen::Index address = model.jointMotionAddress(support.joint);
    const Eigen::Vector3d r =
        p_GF - data.jointMotionOrigin.col(static_cast<Eigen::Index>(support.joint.value()));
    for (std::size_t k = 0; k < driving.size(); ++k) {
      const auto motion = data.jointMotion.col(address + static_cast<Eigen::Index>(k));
      const auto column = static_cast<Eigen::Index>(driving[k].value());
      J.col(column).head<3>() += motion.head<3>();
      J.col(column).tail<3>() += motion.head<3>().cross(r) + motion.tail<3>();
    }
  }
}

}  // namespace kinchain::model
