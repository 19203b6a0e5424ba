#pragma once
// A rigid transform X_AB (notation: docs/notation.md): the pose of frame B in frame A, made of
// the rotation R_AB (columns = B's axes expressed in A) and the position p_AB of B's origin
// in A. It maps B-frame coordinates to A: p_AS = R_AB * p_BS + p_AB. Templated on the scalar
// so kinematics can run on automatic-differentiation types.

#include <Eigen/Core>

namespace kinchain::model {

template <class Scalar>
struct RigidTransform {
  using Matrix3 = Eigen::Matrix<Scalar, 3, 3>;
  using Vector3 = Eigen::Matrix<Scalar, 3, 1>;

  Matrix3 R = Matrix3::Identity();
  Vector3 p = Vector3::Zero();

  static RigidTransform identity() { return {}; }

  /// X_AC = X_AB * X_BC.
  RigidTransform operator*(const RigidTransform& X_BC) const {
    return {R * X_BC.R, R * X_BC.p + p};
  }
  /// p_AS = X_AB * p_BS (a point expressed in B, returned in A).
  Vector3 apply(const Vector3& p_BS) const { return R * p_BS + p; }
  /// X_BA from X_AB.
  RigidTransform inverse() const {
    RigidTransform X_BA;
    X_BA.R = R.transpose();
    X_BA.p = -(X_BA.R * p);
    return X_BA;
  }
  template <class Other>
  RigidTransform<Other> cast() const {
    return {R.template cast<Other>(), p.template cast<Other>()};
  }
};

}  // namespace kinchain::model
