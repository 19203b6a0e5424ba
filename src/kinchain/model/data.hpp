#pragma once
// Per-thread workspace for the kinematics algorithms (style habit 2): sized once from a Model,
// reused every frame without allocation. Algorithms write named fields; the Model stays const.
// One Data per thread; a Data may only be used with the Model it was made for (checked).

#include <Eigen/Core>

#include <cstdint>
#include <vector>

#include "kinchain/model/model.hpp"
#include "kinchain/model/rigid_transform.hpp"

namespace kinchain::model {

template <class Scalar>
struct DataTpl {
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix3X = Eigen::Matrix<Scalar, 3, Eigen::Dynamic>;

  explicit DataTpl(const Model& model)
      : modelFingerprint(model.fingerprint()),
        q(Vector::Zero(model.nq())),
        X_GF(model.frames().size()),
        markerPositions(Matrix3X::Zero(3, static_cast<Eigen::Index>(model.markers().size()))),
        jointMotion(
            Eigen::Matrix<double, 6, Eigen::Dynamic>::Zero(6, model.jointMotionColumnCount())),
        jointMotionOrigin(
            Eigen::Matrix3Xd::Zero(3, static_cast<Eigen::Index>(model.joints().size()))) {}

  /// Model::fingerprint() of the model this Data was sized for.
  std::uint64_t modelFingerprint = 0;

  /// forwardKinematics: the coordinates it was last run with (rad, m).
  Vector q;
  /// forwardKinematics: X_GF, pose in ground of every frame, indexed by FrameIndex.
  std::vector<RigidTransform<Scalar>> X_GF;
  /// forwardKinematics: p_GM, position in ground of every marker (column = MarkerIndex), m.
  Matrix3X markerPositions;

  /// computeJointMotions (double only): for each joint j and each coordinate c driving it
  /// (column Model::jointMotionAddress(j) + k for c = jointDrivingCoordinates(j)[k]), the
  /// spatial velocity of the joint's outboard side per unit qdot_c, in ground: rows 0-2
  /// angular velocity (rad/s per unit), rows 3-5 velocity of the point at
  /// jointMotionOrigin.col(j) (m/s per unit).
  Eigen::Matrix<double, 6, Eigen::Dynamic> jointMotion;
  /// computeJointMotions: origin in ground of each joint's outboard frame (M, or F when the
  /// joint is traversed backward), m.
  Eigen::Matrix3Xd jointMotionOrigin;
};

using Data = DataTpl<double>;

}  // namespace kinchain::model
