#include "kinchain/muscle/reserve_actuators.hpp"

#include <set>

namespace kinchain::muscle {

namespace {

// The parent frame of the joint lies on ground: the joint that carries the whole model.
bool isRootJoint(const model::Model& model, model::JointIndex joint) {
  const model::Frame& parent = model.frame(model.joint(joint).parentFrame);
  return !parent.body.isValid();
}

}  // namespace

model::ForceSetDescription reserveActuators(const model::Model& model, double optimalForce) {
  std::set<std::string> dependent;
  for (const auto& coupler : model.couplerConstraints()) {
    if (coupler.enabled) dependent.insert(model.coordinate(coupler.dependent).name);
  }
  std::set<std::string> alreadyDriven;
  const auto& forces = model.forces();
  for (std::size_t i = 0; i < forces.coordinateActuatorCoordinates.size(); ++i) {
    if (forces.description.coordinateActuators[i].appliesForce)
      alreadyDriven.insert(model.coordinate(forces.coordinateActuatorCoordinates[i]).name);
  }
  model::ForceSetDescription set;
  set.sourceName = "reserve actuators (kinchain analyze)";
  for (const auto& coordinate : model.coordinates()) {
    if (coordinate.locked || dependent.count(coordinate.name) ||
        alreadyDriven.count(coordinate.name))
      continue;
    model::CoordinateActuatorDescription reserve;
    reserve.name = coordinate.name + "_reserve";
    reserve.coordinate.name = coordinate.name;
    reserve.optimalForce = optimalForce;
    set.coordinateActuators.push_back(std::move(reserve));
  }
  return set;
}

std::vector<std::string> residualActuatorNames(const model::Model& model,
                                               const model::ForceSetDescription& set) {
  std::vector<std::string> names;
  for (const auto& actuator : set.coordinateActuators) {
    for (const auto& coordinate : model.coordinates()) {
      if (coordinate.name == actuator.coordinate.name && isRootJoint(model, coordinate.joint)) {
        names.push_back(actuator.name);
        break;
      }
    }
  }
  return names;
}

}  // namespace kinchain::muscle
