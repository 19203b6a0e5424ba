#include "kinchain/model/model.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <stdexcept>
#include <unordered_set>

namespace kinchain::model {

namespace {

[[noreturn]] void invalid(const ModelParts& parts, const std::string& reason) {
  throw std::invalid_argument("model '" + parts.name + "': " + reason);
}

bool allFinite(const Eigen::Ref<const Eigen::MatrixXd>& values) {
  return values.allFinite();
}

template <class Index, class Table>
void checkIndex(const ModelParts& parts, Index index, const Table& table, const std::string& what) {
  if (!index.isValid() || index.value() >= table.size())
    invalid(parts, what + " is not set or out of range");
}

// FNV-1a, 64 bit (Fowler, Noll, Vo): a cheap structural hash for the Data/Model check.
struct Fingerprint {
  std::uint64_t hash = 14695981039346656037ull;
  void add(std::string_view text) {
    for (const char c : text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  }
  void add(std::size_t number) { add(std::to_string(number)); }
};

}  // namespace

Model::Model(ModelParts parts) : parts_(std::move(parts)) {
  validate();
  buildLookups();
  buildKinematicOrder();

  // Columns of each joint's motion: the distinct coordinates driving its axes.
  jointDrivingCoordinates_.resize(parts_.joints.size());
  jointMotionAddress_.resize(parts_.joints.size());
  for (std::size_t j = 0; j < parts_.joints.size(); ++j) {
    auto& driving = jointDrivingCoordinates_[j];
    for (const TransformAxis& axis : parts_.joints[j].transform.axes) {
      if (axis.coordinate.isValid() &&
          std::find(driving.begin(), driving.end(), axis.coordinate) == driving.end()) {
        driving.push_back(axis.coordinate);
      }
    }
    jointMotionAddress_[j] = jointMotionColumnCount_;
    jointMotionColumnCount_ += static_cast<Eigen::Index>(driving.size());
  }

  Fingerprint fingerprint;
  fingerprint.add(parts_.name);
  for (const Frame& frame : parts_.frames)
    fingerprint.add(frame.path);
  for (const Joint& joint : parts_.joints)
    fingerprint.add(joint.name);
  for (const Coordinate& coordinate : parts_.coordinates)
    fingerprint.add(coordinate.name);
  for (const Marker& marker : parts_.markers)
    fingerprint.add(marker.name);
  fingerprint.add(parts_.bodies.size());
  fingerprint_ = fingerprint.hash;
}

void Model::validate() const {
  const ModelParts& parts = parts_;
  if (parts.frames.empty() || parts.frames[0].kind != FrameKind::Ground) {
    invalid(parts, "frame 0 must be ground");
  }
  for (std::size_t f = 0; f < parts.frames.size(); ++f) {
    const Frame& frame = parts.frames[f];
    if (f > 0 && frame.kind == FrameKind::Ground) invalid(parts, "more than one ground frame");
    if (frame.kind == FrameKind::Offset) {
      checkIndex(parts, frame.parent, parts.frames, "parent of frame '" + frame.path + "'");
      if (frame.parent.value() == f) invalid(parts, "frame '" + frame.path + "' is its own parent");
      if (!allFinite(frame.X_PF.R) || !allFinite(frame.X_PF.p)) {
        invalid(parts, "frame '" + frame.path + "' has a non-finite offset");
      }
    }
    if (frame.body.isValid())
      checkIndex(parts, frame.body, parts.bodies, "body of frame '" + frame.path + "'");
  }
  for (const Body& body : parts.bodies) {
    checkIndex(parts, body.frame, parts.frames, "frame of body '" + body.name + "'");
    if (!std::isfinite(body.mass) || body.mass < 0.0)
      invalid(parts, "body '" + body.name + "' has an invalid mass");
    if (!allFinite(body.massCenter) || !allFinite(body.inertia)) {
      invalid(parts, "body '" + body.name + "' has non-finite mass properties");
    }
  }
  for (const Joint& joint : parts.joints) {
    checkIndex(parts, joint.parentFrame, parts.frames,
               "parent frame of joint '" + joint.name + "'");
    checkIndex(parts, joint.childFrame, parts.frames, "child frame of joint '" + joint.name + "'");
    if (joint.parentFrame == joint.childFrame)
      invalid(parts, "joint '" + joint.name + "' connects a frame to itself");
    for (const CoordinateIndex c : joint.coordinates) {
      checkIndex(parts, c, parts.coordinates, "a coordinate of joint '" + joint.name + "'");
    }
    for (const TransformAxis& axis : joint.transform.axes) {
      if (axis.coordinate.isValid())
        checkIndex(parts, axis.coordinate, parts.coordinates,
                   "a coordinate of joint '" + joint.name + "'");
      if (!allFinite(axis.axis) || std::abs(axis.axis.norm() - 1.0) > 1e-9) {
        invalid(parts, "joint '" + joint.name + "' has an axis that is not a finite unit vector");
      }
    }
  }
  for (const Coordinate& coordinate : parts.coordinates) {
    checkIndex(parts, coordinate.joint, parts.joints,
               "joint of coordinate '" + coordinate.name + "'");
    if (!std::isfinite(coordinate.defaultValue) || !std::isfinite(coordinate.defaultSpeed) ||
        std::isnan(coordinate.rangeMin) || std::isnan(coordinate.rangeMax)) {
      invalid(parts, "coordinate '" + coordinate.name + "' has a non-finite value");
    }
    if (coordinate.rangeMin > coordinate.rangeMax) {
      invalid(parts, "coordinate '" + coordinate.name + "' has range minimum above maximum");
    }
  }
  for (const Marker& marker : parts.markers) {
    checkIndex(parts, marker.frame, parts.frames, "frame of marker '" + marker.name + "'");
    if (!allFinite(marker.location))
      invalid(parts, "marker '" + marker.name + "' has a non-finite location");
  }
  for (const AttachedWrapObject& wrap : parts.wrapObjects) {
    checkIndex(parts, wrap.frame, parts.frames, "frame of wrap object '" + wrap.object.name + "'");
  }
  const ModelForces& forces = parts.forces;
  if (forces.musclePaths.size() != forces.description.muscles.size() ||
      forces.coordinateActuatorCoordinates.size() !=
          forces.description.coordinateActuators.size() ||
      forces.coordinateLimitForceCoordinates.size() !=
          forces.description.coordinateLimitForces.size() ||
      forces.pointActuatorFrames.size() != forces.description.pointActuators.size() ||
      forces.torqueActuatorFrames.size() != forces.description.torqueActuators.size()) {
    invalid(parts, "resolved force tables do not match the force descriptions");
  }
  for (std::size_t m = 0; m < forces.musclePaths.size(); ++m) {
    const std::string what = "muscle '" + forces.description.muscles[m].name + "'";
    for (const PathPoint& point : forces.musclePaths[m].points) {
      checkIndex(parts, point.frame, parts.frames, "frame of a path point of " + what);
      if (point.type == PathPointType::Conditional) {
        checkIndex(parts, point.conditionalCoordinate, parts.coordinates,
                   "coordinate of a conditional point of " + what);
      }
      for (const CoordinateIndex c : point.locationCoordinates) {
        if (c.isValid())
          checkIndex(parts, c, parts.coordinates, "coordinate of a moving point of " + what);
      }
    }
    for (const PathWrap& wrap : forces.musclePaths[m].wraps) {
      checkIndex(parts, wrap.wrapObject, parts.wrapObjects, "wrap object of " + what);
    }
  }
  for (const CoordinateIndex c : forces.coordinateActuatorCoordinates)
    checkIndex(parts, c, parts.coordinates, "coordinate of an actuator");
  for (const CoordinateIndex c : forces.coordinateLimitForceCoordinates)
    checkIndex(parts, c, parts.coordinates, "coordinate of a limit force");
  for (const FrameIndex f : forces.pointActuatorFrames)
    checkIndex(parts, f, parts.frames, "frame of a point actuator");
  for (const auto& frames : forces.torqueActuatorFrames) {
    for (const FrameIndex f : frames)
      checkIndex(parts, f, parts.frames, "frame of a torque actuator");
  }
  for (const CoordinateCouplerConstraint& coupler : parts.couplerConstraints) {
    checkIndex(parts, coupler.dependent, parts.coordinates,
               "dependent coordinate of '" + coupler.name + "'");
    checkIndex(parts, coupler.independent, parts.coordinates,
               "independent coordinate of '" + coupler.name + "'");
    if (!std::isfinite(coupler.scaleFactor))
      invalid(parts, "coupler '" + coupler.name + "' has a non-finite scale factor");
  }
}

void Model::buildLookups() {
  auto addUnique = [this](auto& map, const std::string& name, std::size_t index, const char* what) {
    if (name.empty()) invalid(parts_, std::string("a ") + what + " has no name");
    if (!map.emplace(name, index).second) {
      invalid(parts_, std::string("two ") + what + "s are named '" + name + "'");
    }
  };
  for (std::size_t i = 0; i < parts_.bodies.size(); ++i)
    addUnique(bodyByName_, parts_.bodies[i].name, i, "body");
  for (std::size_t i = 0; i < parts_.joints.size(); ++i)
    addUnique(jointByName_, parts_.joints[i].name, i, "joint");
  for (std::size_t i = 0; i < parts_.coordinates.size(); ++i)
    addUnique(coordinateByName_, parts_.coordinates[i].name, i, "coordinate");
  for (std::size_t i = 0; i < parts_.markers.size(); ++i)
    addUnique(markerByName_, parts_.markers[i].name, i, "marker");
  for (std::size_t i = 0; i < parts_.frames.size(); ++i)
    addUnique(frameByPath_, parts_.frames[i].path, i, "frame path");
  std::unordered_map<std::string, std::size_t> shortNameCount;
  for (const Frame& frame : parts_.frames)
    ++shortNameCount[frame.name];
  for (std::size_t i = 0; i < parts_.frames.size(); ++i) {
    if (shortNameCount[parts_.frames[i].name] == 1)
      frameByUniqueShortName_.emplace(parts_.frames[i].name, i);
  }
}

void Model::buildKinematicOrder() {
  const std::size_t frameCount = parts_.frames.size();
  // Adjacency: offset frames are fixed to their parents; joints connect parent F and child M.
  struct Edge {
    bool isJoint;
    std::size_t index;  // offset frame index or joint index
  };
  std::vector<std::vector<Edge>> edges(frameCount);
  for (std::size_t f = 0; f < frameCount; ++f) {
    if (parts_.frames[f].kind != FrameKind::Offset) continue;
    edges[f].push_back({false, f});
    edges[parts_.frames[f].parent.value()].push_back({false, f});
  }
  for (std::size_t j = 0; j < parts_.joints.size(); ++j) {
    edges[parts_.joints[j].parentFrame.value()].push_back({true, j});
    edges[parts_.joints[j].childFrame.value()].push_back({true, j});
  }

  std::vector<bool> reached(frameCount, false);
  std::vector<bool> offsetUsed(frameCount, false), jointUsed(parts_.joints.size(), false);
  supportingJoints_.assign(frameCount, {});
  std::deque<std::size_t> queue{0};
  reached[0] = true;
  while (!queue.empty()) {
    const std::size_t from = queue.front();
    queue.pop_front();
    for (const Edge& edge : edges[from]) {
      KinematicStep step;
      step.source = FrameIndex(from);
      if (edge.isJoint) {
        if (jointUsed[edge.index]) continue;
        jointUsed[edge.index] = true;
        const Joint& joint = parts_.joints[edge.index];
        const bool forward = joint.parentFrame.value() == from;
        step.kind =
            forward ? KinematicStep::Kind::JointForward : KinematicStep::Kind::JointBackward;
        step.target = forward ? joint.childFrame : joint.parentFrame;
        step.joint = JointIndex(edge.index);
      } else {
        if (offsetUsed[edge.index]) continue;
        offsetUsed[edge.index] = true;
        const Frame& offset = parts_.frames[edge.index];
        if (edge.index == from) {  // walking from the offset frame to the frame it is fixed to
          step.target = offset.parent;
          step.X_source_target = offset.X_PF.inverse();
        } else {
          step.target = FrameIndex(edge.index);
          step.X_source_target = offset.X_PF;
        }
      }
      const std::size_t to = step.target.value();
      if (reached[to]) {
        invalid(
            parts_,
            "kinematic loop: frame '" + parts_.frames[to].path +
                "' is reached from ground along two paths" +
                (edge.isJoint ? " (through joint '" + parts_.joints[edge.index].name + "')" : ""));
      }
      reached[to] = true;
      supportingJoints_[to] = supportingJoints_[from];
      if (edge.isJoint) {
        supportingJoints_[to].push_back(
            {step.joint, step.kind == KinematicStep::Kind::JointBackward});
      }
      kinematicOrder_.push_back(step);
      queue.push_back(to);
    }
  }
  for (std::size_t f = 0; f < frameCount; ++f) {
    if (!reached[f]) {
      invalid(parts_, "frame '" + parts_.frames[f].path + "' is not connected to ground by joints");
    }
  }
}

namespace {
template <class Index>
std::optional<Index> lookup(const std::unordered_map<std::string, std::size_t>& map,
                            std::string_view name) {
  const auto found = map.find(std::string(name));
  if (found == map.end()) return std::nullopt;
  return Index(found->second);
}
}  // namespace

std::optional<BodyIndex> Model::findBody(std::string_view name) const {
  return lookup<BodyIndex>(bodyByName_, name);
}
std::optional<JointIndex> Model::findJoint(std::string_view name) const {
  return lookup<JointIndex>(jointByName_, name);
}
std::optional<CoordinateIndex> Model::findCoordinate(std::string_view name) const {
  return lookup<CoordinateIndex>(coordinateByName_, name);
}
std::optional<MarkerIndex> Model::findMarker(std::string_view name) const {
  return lookup<MarkerIndex>(markerByName_, name);
}

std::optional<MuscleIndex> Model::findMuscle(std::string_view name) const {
  return lookup<MuscleIndex>(muscleByName_, name);
}
std::optional<WrapObjectIndex> Model::findWrapObject(std::string_view name) const {
  return lookup<WrapObjectIndex>(wrapObjectByName_, name);
}

std::optional<FrameIndex> Model::findFrame(std::string_view nameOrPath) const {
  if (auto byPath = lookup<FrameIndex>(frameByPath_, nameOrPath)) return byPath;
  if (nameOrPath == "ground") return groundFrame();
  if (auto body = findBody(nameOrPath)) return parts_.bodies[body->value()].frame;
  return lookup<FrameIndex>(frameByUniqueShortName_, nameOrPath);
}

Eigen::VectorXd Model::defaultCoordinates() const {
  Eigen::VectorXd q(nq());
  for (std::size_t i = 0; i < parts_.coordinates.size(); ++i) {
    q[static_cast<Eigen::Index>(i)] = parts_.coordinates[i].defaultValue;
  }
  return q;
}

}  // namespace kinchain::model
