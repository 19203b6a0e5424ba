#pragma once
// Implementation of forwardKinematics for any scalar; include only to instantiate it for a new
// scalar type (double is instantiated in forward_kinematics.cpp).

#include <stdexcept>
#include <string>

#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/joint_transform.hpp"

namespace kinchain::model {

template <class Scalar>
void forwardKinematics(const Model& model, DataTpl<Scalar>& data,
                       const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& q) {
  checkDataBelongsToModel(model, data.modelFingerprint);
  if (q.size() != model.nq()) {
    throw std::invalid_argument("forwardKinematics: q has " + std::to_string(q.size()) +
                                " entries, model '" + model.name() + "' has " +
                                std::to_string(model.nq()) + " coordinates");
  }
  data.q = q;
  data.X_GF[Model::groundFrame().value()] = RigidTransform<Scalar>::identity();
  // Each step's source frame was computed by an earlier step (Model::kinematicOrder).
  for (const KinematicStep& step : model.kinematicOrder()) {
    const RigidTransform<Scalar>& X_GS = data.X_GF[step.source.value()];
    RigidTransform<Scalar>& X_GT = data.X_GF[step.target.value()];
    switch (step.kind) {
      case KinematicStep::Kind::FixedOffset:
        X_GT = X_GS * step.X_source_target.template cast<Scalar>();
        break;
      case KinematicStep::Kind::JointForward:
        X_GT = X_GS * jointTransform(model.joint(step.joint), q);
        break;
      case KinematicStep::Kind::JointBackward:
        X_GT = X_GS * jointTransform(model.joint(step.joint), q).inverse();
        break;
    }
  }
  // p_GM = X_GF * p_FM for every marker.
  const auto& markers = model.markers();
  for (std::size_t m = 0; m < markers.size(); ++m) {
    data.markerPositions.col(static_cast<Eigen::Index>(m)) =
        data.X_GF[markers[m].frame.value()].apply(markers[m].location.template cast<Scalar>());
  }
}

}  // namespace kinchain::model
