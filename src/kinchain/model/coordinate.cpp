#include "kinchain/model/coordinate.hpp"

namespace kinchain::model {

std::string_view unitOf(MotionType type) {
  switch (type) {
    case MotionType::Rotational:
      return "rad";
    case MotionType::Translational:
      return "m";
    case MotionType::Coupled:
      return "";
  }
  return "";
}

std::string_view nameOf(MotionType type) {
  switch (type) {
    case MotionType::Rotational:
      return "rotational";
    case MotionType::Translational:
      return "translational";
    case MotionType::Coupled:
      return "coupled";
  }
  return "";
}

}  // namespace kinchain::model
