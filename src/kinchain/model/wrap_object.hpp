#pragma once
// A wrap object: a rigid analytic surface (cylinder, sphere, ellipsoid, torus) fixed to a body
// frame, over which muscle paths wrap as in OpenSim (Delp et al. 2007, Seth et al. 2018).
//
// Frames: W is the wrap object's own frame, B the body/frame it is attached to. The pose of W in
// B is X_BW = (R_BW, p_BW) with R_BW = Rx(a)·Ry(b)·Rz(c) for xyz_body_rotation = (a, b, c)
// (body-fixed X-Y-Z Euler angles, radians) and p_BW = translation (metres).
// Shapes are centred on W's origin: the cylinder axis is W's z axis (length along z, centred),
// the torus lies in W's x-y plane with its symmetry axis along z.

#include <Eigen/Core>
#include <Eigen/Geometry>

#include <string>
#include <variant>

namespace kinchain::model {

/// Infinite-for-wrapping cylinder about the z axis. radius, length in metres (length only draws).
struct WrapCylinder {
  double radius = 1.0;  // OpenSim default (WrapCylinder::constructProperties)
  double length = 1.0;
};

/// Sphere centred on the origin. radius in metres.
struct WrapSphere {
  double radius = 0.05;  // OpenSim default
};

/// Ellipsoid centred on the origin with semi-axes (a, b, c) along x, y, z, metres.
struct WrapEllipsoid {
  Eigen::Vector3d dimensions{0.05, 0.05, 0.05};  // OpenSim default
};

/// Torus about the z axis: tube radius `inner_radius`, centre-line radius `outer_radius` (m).
struct WrapTorus {
  double inner_radius = 0.01;  // OpenSim default
  double outer_radius = 0.05;  // OpenSim default
};

using WrapShape = std::variant<WrapCylinder, WrapSphere, WrapEllipsoid, WrapTorus>;

/// The side of the object a path may wrap over: a half-space of W ("+x", "-y", ...) or all.
struct WrapQuadrant {
  int axis = 0;  ///< 0, 1, 2 for x, y, z; meaningless when sign == 0
  int sign = 0;  ///< +1 or -1 for a constrained half-space, 0 for "all"

  bool constrained() const { return sign != 0; }
};

/// Parses OpenSim's quadrant spelling: "x", "+x", "X", "-x", ..., "all"/"ALL"/"All", and
/// "Unassigned" (= all). Returns false for anything else.
bool parseWrapQuadrant(const std::string& text, WrapQuadrant& quadrant);
/// "+x", "-z", "all".
std::string wrapQuadrantName(const WrapQuadrant& quadrant);

/// Immutable parameters of one wrap object.
struct WrapObject {
  std::string name;
  WrapShape shape;
  Eigen::Vector3d xyz_body_rotation = Eigen::Vector3d::Zero();  ///< rad, body-fixed X-Y-Z
  Eigen::Vector3d translation = Eigen::Vector3d::Zero();        ///< m, W origin in B
  WrapQuadrant quadrant;
  bool active = true;      ///< inactive objects never wrap (OpenSim `active`)
  std::string frame_name;  ///< body or frame the object is attached to (B)

  /// R_BW from xyz_body_rotation.
  Eigen::Matrix3d rotationInFrame() const;
  /// OpenSim's name for the shape: "cylinder", "sphere", "ellipsoid", "torus".
  const char* shapeName() const;
};

}  // namespace kinchain::model
