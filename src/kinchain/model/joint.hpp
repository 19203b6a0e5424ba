#pragma once
// A joint: the motion of its child frame M relative to its parent frame F, X_FM(q).
//
// Every OpenSim joint type is represented by one SpatialTransform, the semantics of Simbody's
// MobilizedBody::FunctionBased that OpenSim's CustomJoint builds on (Simbody
// MobilizedBody.cpp, FunctionBasedImpl::calcMobilizerTransformFromQ):
//
//   R_FM = R(f0(q), a0) * R(f1(q), a1) * R(f2(q), a2)     rotations about unit axes a0..a2,
//                                                          each about the axis as carried by
//                                                          the rotations before it (body-fixed)
//   p_FM = f3(q) a3 + f4(q) a4 + f5(q) a5                  translations along a3..a5 in F
//
// where R(theta, a) is the right-handed rotation by theta about a. The named joint types are
// exactly such transforms (OpenSim sets Simbody to Euler-angle mode, Model.cpp
// setUseEulerAngles(true), so Ball and Free joints use body-fixed X-Y-Z angles):
//   Pin: rotation about z = q0.  Slider: translation along x = q0.  Weld: nothing.
//   Universal: about x = q0 then about the new y = q1.   Ball: body-fixed x, y, z = q0, q1, q2.
//   Free: Ball rotations, then translation (q3, q4, q5) along F's x, y, z.
//   Planar: rotation about z = q0, translation along x = q1 and y = q2.
// One kernel therefore serves every joint type (one code path to validate against OpenSim).

#include <Eigen/Core>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinchain/model/function.hpp"
#include "kinchain/model/indices.hpp"

namespace kinchain::model {

enum class JointType { Custom, Pin, Slider, Weld, Universal, Ball, Free, Planar };

/// OpenSim element name of a joint type ("CustomJoint", "PinJoint", ...).
std::string_view nameOf(JointType type);

/// One of the six axes of a SpatialTransform: its displacement f(q_coordinate) along or about
/// a unit axis. No coordinate: a constant displacement (function evaluated at 0) or zero.
struct TransformAxis {
  Eigen::Vector3d axis = Eigen::Vector3d::UnitX();  ///< unit vector in F
  CoordinateIndex coordinate;                       ///< invalid: constant displacement
  /// Displacement (rad for rotation axes, m for translation axes) as a function of the
  /// coordinate value; empty means the identity f(q) = q (or the constant 0 without coordinate).
  std::optional<Function> function;
};

struct SpatialTransform {
  /// [0..2] rotation1..3, [3..5] translation1..3, as OpenSim's <SpatialTransform>.
  std::array<TransformAxis, 6> axes;
};

struct Joint {
  std::string name;
  JointType type = JointType::Custom;
  FrameIndex parentFrame;  ///< F, fixed to the parent body (or ground)
  FrameIndex childFrame;   ///< M, fixed to the child body
  /// The coordinates this joint owns, in the order of the .osim file (Pin: 1, Free: 6, ...).
  std::vector<CoordinateIndex> coordinates;
  SpatialTransform transform;
  /// OpenSim's <reverse>: the multibody tree runs child -> parent. X_FM keeps its parent -> child
  /// meaning; we traverse the joint from whichever side is connected to ground (Model builds the
  /// order), so the flag is informational.
  bool reverse = false;
};

}  // namespace kinchain::model
