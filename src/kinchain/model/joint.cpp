#include "kinchain/model/joint.hpp"

namespace kinchain::model {

std::string_view nameOf(JointType type) {
  switch (type) {
    case JointType::Custom:
      return "CustomJoint";
    case JointType::Pin:
      return "PinJoint";
    case JointType::Slider:
      return "SliderJoint";
    case JointType::Weld:
      return "WeldJoint";
    case JointType::Universal:
      return "UniversalJoint";
    case JointType::Ball:
      return "BallJoint";
    case JointType::Free:
      return "FreeJoint";
    case JointType::Planar:
      return "PlanarJoint";
  }
  return "Joint";
}

}  // namespace kinchain::model
