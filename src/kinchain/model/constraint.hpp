#pragma once
// Kinematic constraints between coordinates. Only OpenSim's CoordinateCouplerConstraint exists
// so far: q_dependent = scaleFactor * f(q_independent).

#include <string>
#include <vector>

#include "kinchain/model/function.hpp"
#include "kinchain/model/indices.hpp"

namespace kinchain::model {

struct CoordinateCouplerConstraint {
  std::string name;
  CoordinateIndex dependent;
  /// Exactly one independent coordinate (multi-argument coupler functions are rejected at load).
  CoordinateIndex independent;
  Function function =
      Function::constant(0.0);  ///< f: independent value (rad or m) -> dependent value (rad or m)
  double scaleFactor = 1.0;
  bool enabled = true;  ///< false when OpenSim's <isDisabled> is true
};

}  // namespace kinchain::model
