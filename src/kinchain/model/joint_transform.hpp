#pragma once
// X_FM(q) of one joint (the SpatialTransform kernel described in joint.hpp), generic over the
// scalar type: double, or an automatic-differentiation scalar with value()/derivatives()
// (Eigen's AutoDiffScalar), for which transform-axis functions are applied by the chain rule.

#include <Eigen/Core>

#include <cmath>
#include <concepts>

#include "kinchain/model/joint.hpp"
#include "kinchain/model/rigid_transform.hpp"

namespace kinchain::model {

/// A forward-mode AD scalar: a value and a derivative vector (Eigen::AutoDiffScalar).
template <class Scalar>
concept AutoDiffScalarLike = requires(Scalar x) {
  {x.value()};
  {x.derivatives()};
};

/// The double value of a scalar.
template <class Scalar>
double valueOf(const Scalar& x) {
  if constexpr (AutoDiffScalarLike<Scalar>) {
    return static_cast<double>(x.value());
  } else {
    return static_cast<double>(x);
  }
}

/// f(x) for a scalar x; for AD scalars df = f'(x) dx.
template <class Scalar>
Scalar applyFunction(const Function& function, const Scalar& x) {
  if constexpr (AutoDiffScalarLike<Scalar>) {
    const FunctionValue f = function.evaluate(valueOf(x));
    Scalar result = x;
    result.value() = f.value;
    result.derivatives() *= f.first;
    return result;
  } else {
    return static_cast<Scalar>(function.evaluate(static_cast<double>(x)).value);
  }
}

/// Displacement of one transform axis: f(q_c), q_c itself (no function), or the constant f(0).
template <class Scalar>
Scalar axisDisplacement(const TransformAxis& axis,
                        const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& q) {
  if (!axis.coordinate.isValid()) {
    return axis.function ? Scalar(axis.function->evaluate(0.0).value) : Scalar(0.0);
  }
  const Scalar& value = q[static_cast<Eigen::Index>(axis.coordinate.value())];
  return axis.function ? applyFunction(*axis.function, value) : value;
}

/// R(theta, a) = cos(theta) I + sin(theta) [a]x + (1 - cos(theta)) a a^T, a a unit vector.
template <class Scalar>
Eigen::Matrix<Scalar, 3, 3> rotationAboutAxis(const Scalar& angle, const Eigen::Vector3d& axis) {
  using std::cos;
  using std::sin;
  const Scalar c = cos(angle);
  const Scalar s = sin(angle);
  const Scalar t = Scalar(1.0) - c;
  const double x = axis.x(), y = axis.y(), z = axis.z();
  Eigen::Matrix<Scalar, 3, 3> R;
  R(0, 0) = c + t * (x * x);
  R(0, 1) = t * (x * y) - s * z;
  R(0, 2) = t * (x * z) + s * y;
  R(1, 0) = t * (x * y) + s * z;
  R(1, 1) = c + t * (y * y);
  R(1, 2) = t * (y * z) - s * x;
  R(2, 0) = t * (x * z) - s * y;
  R(2, 1) = t * (y * z) + s * x;
  R(2, 2) = c + t * (z * z);
  return R;
}

/// X_FM(q) of `joint`; q holds all model coordinates (rad, m).
template <class Scalar>
RigidTransform<Scalar> jointTransform(const Joint& joint,
                                      const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& q) {
  const auto& axes = joint.transform.axes;
  RigidTransform<Scalar> X_FM;
  // Body-fixed sequence: R_FM = R(f0, a0) R(f1, a1) R(f2, a2) (Simbody FunctionBasedImpl).
  for (int k = 0; k < 3; ++k) {
    const TransformAxis& axis = axes[static_cast<std::size_t>(k)];
    if (!axis.coordinate.isValid() && !axis.function) continue;  // zero rotation
    X_FM.R = X_FM.R * rotationAboutAxis(axisDisplacement(axis, q), axis.axis);
  }
  // p_FM = f3 a3 + f4 a4 + f5 a5, expressed in F.
  for (int k = 3; k < 6; ++k) {
    const TransformAxis& axis = axes[static_cast<std::size_t>(k)];
    if (!axis.coordinate.isValid() && !axis.function) continue;
    X_FM.p += axisDisplacement(axis, q) * axis.axis.template cast<Scalar>();
  }
  return X_FM;
}

}  // namespace kinchain::model
