#include "kinchain/kinematics/observable_coordinates.hpp"

#include <fmt/format.h>
#include <Eigen/Geometry>

#include "kinchain/kinematics/model_scaling.hpp"

namespace kinchain::kinematics {

namespace {

// Markers fixed to `body` (directly or through an offset frame), as locations in the body.
std::vector<Eigen::Vector3d> markersOn(const model::Model& model, model::BodyIndex body) {
  std::vector<Eigen::Vector3d> points;
  for (const auto& marker : model.markers()) {
    const model::Frame& frame = model.frame(marker.frame);
    if (frame.body.isValid() && frame.body == body) points.push_back(marker.location);
  }
  return points;
}

// Whether `body` or any body it carries (its subtree of joints) has a marker.
bool carriesMarkers(const model::Model& model, model::BodyIndex body) {
  std::vector<bool> carried(model.bodies().size(), false);
  carried[body.value()] = true;
  // Joints are stored parent before child, so one pass in order reaches the whole subtree;
  // repeat until nothing changes in case a file lists them otherwise.
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& joint : model.joints()) {
      const model::BodyIndex parent = model.frame(joint.parentFrame).body;
      const model::BodyIndex child = model.frame(joint.childFrame).body;
      if (!parent.isValid() || !child.isValid()) continue;
      if (carried[parent.value()] && !carried[child.value()]) {
        carried[child.value()] = true;
        changed = true;
      }
    }
  }
  for (const auto& marker : model.markers()) {
    const model::Frame& frame = model.frame(marker.frame);
    if (frame.body.isValid() && carried[frame.body.value()]) return true;
  }
  return false;
}

// Three of the points span a plane (relative tolerance on the cross product: points closer to
// collinear than 1 mm over a 10 cm foot are treated as a line).
bool hasThreeNonCollinear(const std::vector<Eigen::Vector3d>& points) {
  for (std::size_t i = 0; i < points.size(); ++i)
    for (std::size_t j = i + 1; j < points.size(); ++j)
      for (std::size_t k = j + 1; k < points.size(); ++k) {
        const Eigen::Vector3d a = points[j] - points[i], b = points[k] - points[i];
        if (a.cross(b).norm() > 1e-2 * a.norm() * b.norm()) return true;
      }
  return false;
}

}  // namespace

std::vector<LockedCoordinate> unobservedCoordinates(const model::Model& model) {
  std::vector<LockedCoordinate> locked;
  for (const auto& coordinate : model.coordinates()) {
    if (coordinate.locked) continue;
    const bool subtalar = coordinate.name.rfind("subtalar_angle", 0) == 0;
    const bool mtp = coordinate.name.rfind("mtp_angle", 0) == 0;
    const bool lumbar = coordinate.name.rfind("lumbar_", 0) == 0;
    if (!subtalar && !mtp && !lumbar) continue;
    const model::Joint& joint = model.joint(coordinate.joint);
    const model::BodyIndex child = model.frame(joint.childFrame).body;
    if (!child.isValid()) continue;
    const auto points = markersOn(model, child);
    const std::string& body = model.body(child).name;
    if (lumbar) {
      if (!carriesMarkers(model, child))
        locked.push_back({coordinate.name,
                          fmt::format("no marker on the {} body or on anything it carries", body)});
    } else if (mtp && points.empty()) {
      locked.push_back({coordinate.name, fmt::format("no marker on the {} body", body)});
    } else if (subtalar && !hasThreeNonCollinear(points)) {
      locked.push_back({coordinate.name,
                        fmt::format("{} marker(s) on the {} body; three non-collinear are needed",
                                    points.size(), body)});
    }
  }
  return locked;
}

model::Model withLockedCoordinates(const model::Model& model,
                                   const std::vector<LockedCoordinate>& locks) {
  model::ModelParts parts = modelPartsOf(model);
  for (auto& coordinate : parts.coordinates) {
    for (const auto& lock : locks) {
      if (lock.coordinate == coordinate.name) coordinate.locked = true;
    }
  }
  return model::Model(std::move(parts));
}

}  // namespace kinchain::kinematics
