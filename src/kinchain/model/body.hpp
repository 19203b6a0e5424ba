#pragma once
// A rigid body of the model: its mass properties and the frame fixed to it. Ground is not a
// body (it is FrameIndex 0 of every Model).

#include <Eigen/Core>

#include <string>

#include "kinchain/model/indices.hpp"

namespace kinchain::model {

struct Body {
  std::string name;
  FrameIndex frame;                                      ///< the body frame B
  double mass = 0.0;                                     ///< kg
  Eigen::Vector3d massCenter = Eigen::Vector3d::Zero();  ///< p_BC: centre of mass in B, m
  /// Inertia about the centre of mass, expressed in B (kg m^2), symmetric; OpenSim's
  /// <inertia>xx yy zz xy xz yz</inertia> or <inertia_xx>... elements.
  Eigen::Matrix3d inertia = Eigen::Matrix3d::Zero();
};

}  // namespace kinchain::model
