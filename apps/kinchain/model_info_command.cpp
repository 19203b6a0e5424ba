// `kinchain model info MODEL.osim`: what a model holds (bodies, joints, coordinates with ranges
// and units, markers, muscles and other forces, wrap objects, constraints) and what the reader
// skipped. Rotational coordinates are listed in degrees (internally radians).

#include <fmt/format.h>

#include <iostream>
#include <numbers>
#include <string>

#include "command_registry.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "model_command_group.hpp"

namespace kinchain::cli {
namespace {

using namespace kinchain::model;

std::string frameOwner(const Model& model, FrameIndex frame) {
  const Frame& f = model.frame(frame);
  if (f.body.isValid()) return model.body(f.body).name;
  return "ground";
}

std::string formatValue(const Coordinate& coordinate, double value) {
  if (coordinate.motionType == MotionType::Rotational)
    return fmt::format("{:.4g}", value * 180.0 / std::numbers::pi);
  return fmt::format("{:.4g}", value);
}

void printInfo(const Model& model, std::ostream& out) {
  out << fmt::format("model {} ({})\n", model.name(), model.sourceName());
  out << fmt::format(
      "  {} bodies, {} joints, {} coordinates, {} markers, {} muscles, {} wrap objects\n",
      model.bodies().size(), model.joints().size(), model.nq(), model.markers().size(),
      model.muscleCount(), model.wrapObjects().size());

  out << "\nbodies (name, mass kg, centre of mass m)\n";
  for (const Body& body : model.bodies()) {
    out << fmt::format("  {:<20} {:>9.4f}  ({:.4f}, {:.4f}, {:.4f})\n", body.name, body.mass,
                       body.massCenter.x(), body.massCenter.y(), body.massCenter.z());
  }

  out << "\njoints (name, type, parent -> child, coordinates)\n";
  for (const Joint& joint : model.joints()) {
    std::string coordinates;
    for (const CoordinateIndex c : joint.coordinates)
      coordinates += (coordinates.empty() ? "" : ", ") + model.coordinate(c).name;
    out << fmt::format("  {:<20} {:<15} {} -> {}{}{}\n", joint.name, nameOf(joint.type),
                       frameOwner(model, joint.parentFrame), frameOwner(model, joint.childFrame),
                       coordinates.empty() ? "" : "  [" + coordinates + "]",
                       joint.reverse ? "  (reversed)" : "");
  }

  out << "\ncoordinates (name, motion, range, default, unit, flags)\n";
  for (const Coordinate& coordinate : model.coordinates()) {
    const char* unit = coordinate.motionType == MotionType::Rotational      ? "deg"
                       : coordinate.motionType == MotionType::Translational ? "m"
                                                                            : "-";
    std::string flags;
    if (coordinate.locked) flags += " locked";
    if (coordinate.clamped) flags += " clamped";
    out << fmt::format("  {:<22} {:<13} [{}, {}]  default {}  {}{}\n", coordinate.name,
                       nameOf(coordinate.motionType), formatValue(coordinate, coordinate.rangeMin),
                       formatValue(coordinate, coordinate.rangeMax),
                       formatValue(coordinate, coordinate.defaultValue), unit, flags);
  }

  if (!model.couplerConstraints().empty()) {
    out << "\ncoordinate coupler constraints (dependent = scale * f(independent))\n";
    for (const CoordinateCouplerConstraint& coupler : model.couplerConstraints()) {
      out << fmt::format("  {:<20} {} = {} * {}({}){}\n", coupler.name,
                         model.coordinate(coupler.dependent).name, coupler.scaleFactor,
                         coupler.function.typeName(), model.coordinate(coupler.independent).name,
                         coupler.enabled ? "" : "  (disabled)");
    }
  }

  out << "\nmarkers (name, frame, location m)\n";
  for (const Marker& marker : model.markers()) {
    out << fmt::format("  {:<20} {:<15} ({:.4f}, {:.4f}, {:.4f}){}\n", marker.name,
                       model.frame(marker.frame).name, marker.location.x(), marker.location.y(),
                       marker.location.z(), marker.fixed ? "" : "  (movable)");
  }

  const ForceSetDescription& forces = model.forces().description;
  out << "\nmuscles (name, type, max isometric force N, optimal fibre m, tendon slack m, path "
         "points, wraps)\n";
  for (std::size_t m = 0; m < forces.muscles.size(); ++m) {
    const MuscleDescription& muscle = forces.muscles[m];
    const GeometryPath& path = model.musclePath(MuscleIndex(m));
    out << fmt::format("  {:<16} {:<30} {:>8.1f} {:>7.4f} {:>7.4f} {:>3} {:>2}{}\n", muscle.name,
                       muscle.type, muscle.maxIsometricForce, muscle.optimalFiberLength,
                       muscle.tendonSlackLength, path.points.size(), path.wraps.size(),
                       muscle.appliesForce ? "" : "  (disabled)");
  }
  const std::size_t otherForces = forces.coordinateActuators.size() + forces.pointActuators.size() +
                                  forces.torqueActuators.size() +
                                  forces.coordinateLimitForces.size();
  if (otherForces > 0) {
    out << "\nother forces\n";
    for (std::size_t i = 0; i < forces.coordinateActuators.size(); ++i) {
      out << fmt::format("  {:<20} CoordinateActuator on {}\n", forces.coordinateActuators[i].name,
                         model.coordinate(model.forces().coordinateActuatorCoordinates[i]).name);
    }
    for (const auto& actuator : forces.pointActuators)
      out << fmt::format("  {:<20} PointActuator\n", actuator.name);
    for (const auto& actuator : forces.torqueActuators)
      out << fmt::format("  {:<20} TorqueActuator\n", actuator.name);
    for (std::size_t i = 0; i < forces.coordinateLimitForces.size(); ++i) {
      out << fmt::format("  {:<20} CoordinateLimitForce on {}\n",
                         forces.coordinateLimitForces[i].name,
                         model.coordinate(model.forces().coordinateLimitForceCoordinates[i]).name);
    }
  }

  if (!model.wrapObjects().empty()) {
    out << "\nwrap objects (name, shape, frame, quadrant)\n";
    for (const AttachedWrapObject& wrap : model.wrapObjects()) {
      out << fmt::format("  {:<20} {:<10} {:<15} {}{}\n", wrap.object.name, wrap.object.shapeName(),
                         model.frame(wrap.frame).name, wrapQuadrantName(wrap.object.quadrant),
                         wrap.object.active ? "" : "  (inactive)");
    }
  }

  out << "\nnot understood / ignored (visual elements, credits and publications are always "
         "skipped)\n";
  if (model.ignored().empty()) out << "  nothing\n";
  for (const IgnoredElement& element : model.ignored()) {
    out << fmt::format("  {} (line {}): {}\n", element.element, element.line, element.reason);
  }
}

const CommandRegistration registration{
    "model-info", [](CLI::App& root) {
      CLI::App& model = modelCommand(root);
      auto* command = model.add_subcommand(
          "info", "List bodies, joints, coordinates, markers, muscles of an .osim model");
      auto path = std::make_shared<std::string>();
      command->add_option("MODEL", *path, "OpenSim model file (.osim, format 2.x to 4.x)")
          ->required()
          ->check(CLI::ExistingFile);
      command->callback([path] { printInfo(readOsimModel(*path), std::cout); });
    }};

}  // namespace
}  // namespace kinchain::cli
