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

// Whether `body` or anything it carries has a marker. The model's kinematic order walks the
// frame tree outwards from ground (joints traversed backward included), so one pass from the
// body's own frames reaches everything placed through it.
bool carriesMarkers(const model::Model& model, model::BodyIndex body) {
  std::vector<bool> carried(model.frames().size(), false);
  for (std::size_t f = 0; f < carried.size(); ++f)
    carried[f] = model.frames()[f].body == body;
  for (const auto& step : model.kinematicOrder())
    if (carried[step.source.value()]) carried[step.target.value()] = true;
  for (const auto& marker : model.markers())
    if (carried[marker.frame.value()]) return true;
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
