#pragma once
// A generalized coordinate (one entry of q). Rotational coordinates are in radians,
// translational ones in metres, in the Model and in every algorithm; only readers and writers
// of motion files convert degrees.

#include <string>
#include <string_view>

#include "kinchain/model/indices.hpp"

namespace kinchain::model {

/// OpenSim's Coordinate motion type. Coupled: drives an axis through a non-identity function
/// (e.g. a knee translation following the knee angle); such values are not converted to degrees.
enum class MotionType { Rotational, Translational, Coupled };

struct Coordinate {
  std::string name;
  JointIndex joint;  ///< the joint that owns this coordinate
  MotionType motionType = MotionType::Rotational;
  double defaultValue = 0.0;  ///< rad or m
  double defaultSpeed = 0.0;  ///< rad/s or m/s
  double rangeMin = 0.0;      ///< rad or m
  double rangeMax = 0.0;      ///< rad or m
  bool clamped = false;       ///< value must stay within [rangeMin, rangeMax]
  bool locked = false;        ///< value held at defaultValue (e.g. gait2392 subtalar, mtp)
};

/// "rad", "m" or "" (coupled: the unit of whatever it drives).
std::string_view unitOf(MotionType type);
/// "rotational", "translational", "coupled".
std::string_view nameOf(MotionType type);

}  // namespace kinchain::model
