#pragma once
// A frame of the model: ground, a body frame, or an offset frame fixed to another frame
// (OpenSim PhysicalOffsetFrame; the joint frames of the 2.x/3.x layout become offset frames too).

#include <string>

#include "kinchain/model/indices.hpp"
#include "kinchain/model/rigid_transform.hpp"

namespace kinchain::model {

enum class FrameKind { Ground, Body, Offset };

struct Frame {
  std::string name;  ///< short name, e.g. "femur_r" or "femur_r_offset"
  std::string path;  ///< unique OpenSim-style path: "/ground", "/bodyset/femur_r",
                     ///< "/jointset/knee_r/femur_r_offset"
  FrameKind kind = FrameKind::Offset;
  /// The body this frame is rigidly fixed to; invalid when the frame is fixed to ground.
  BodyIndex body;
  /// For offset frames: the frame F is fixed to (its OpenSim socket_parent) and X_PF, the pose
  /// of this frame in that parent. Invalid parent / identity for ground and body frames.
  FrameIndex parent;
  RigidTransform<double> X_PF;
};

}  // namespace kinchain::model
