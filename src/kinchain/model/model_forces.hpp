#pragma once
// The forces of a Model with every name resolved to a typed index at build time: wrap objects
// with their frame, muscle geometry paths (path points, conditional and moving points, wraps),
// and the coordinates / frames actuators act on. The parameters themselves stay in the
// name-based ForceSetDescription the force reader produced (force_description.hpp), parallel
// to the resolved tables here (same order: MuscleIndex i is description.muscles[i]).

#include <Eigen/Core>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/model/force_description.hpp"
#include "kinchain/model/function.hpp"
#include "kinchain/model/indices.hpp"
#include "kinchain/model/rigid_transform.hpp"
#include "kinchain/model/wrap_object.hpp"

namespace kinchain::model {

/// A wrap object fixed to a model frame B.
struct AttachedWrapObject {
  WrapObject object;            ///< parameters as read; object.frame_name is the name written
  FrameIndex frame;             ///< B
  RigidTransform<double> X_BW;  ///< pose of the wrap object's frame W in B
};

enum class PathPointType { Fixed, Conditional, Moving };

/// One point of a geometry path, fixed to `frame`.
struct PathPoint {
  std::string name;
  PathPointType type = PathPointType::Fixed;
  FrameIndex frame;
  /// Fixed and conditional points: p_FP (m). Moving points ignore it (OpenSim 4 does too).
  Eigen::Vector3d location = Eigen::Vector3d::Zero();
  /// Conditional points: part of the path while rangeMin <= q_c <= rangeMax (rad or m).
  CoordinateIndex conditionalCoordinate;
  double rangeMin = 0.0;
  double rangeMax = 0.0;
  /// Moving points: component i of p_FP is locationFunctions[i](q of locationCoordinates[i],
  /// clamped to that coordinate's range); no function = 0, no coordinate = evaluated at 0.
  std::array<std::optional<Function>, 3> locationFunctions;
  std::array<CoordinateIndex, 3> locationCoordinates;
};

/// The path may wrap over `wrapObject` between points rangeBegin..rangeEnd (1-based,
/// inclusive; -1 = first / last), as OpenSim's PathWrap.
struct PathWrap {
  WrapObjectIndex wrapObject;
  PathWrapMethod method = PathWrapMethod::Hybrid;
  int rangeBegin = -1;
  int rangeEnd = -1;
};

struct GeometryPath {
  std::vector<PathPoint> points;  ///< in path order
  std::vector<PathWrap> wraps;    ///< in the order OpenSim applies them
};

struct ModelForces {
  /// Parameters of every force as read from the file (names as written).
  ForceSetDescription description;
  /// Resolved path of description.muscles[i], indexed by MuscleIndex.
  std::vector<GeometryPath> musclePaths;
  /// Coordinate of description.coordinateActuators[i] / coordinateLimitForces[i].
  std::vector<CoordinateIndex> coordinateActuatorCoordinates;
  std::vector<CoordinateIndex> coordinateLimitForceCoordinates;
  /// Body frame of description.pointActuators[i]; frames A and B of torqueActuators[i].
  std::vector<FrameIndex> pointActuatorFrames;
  std::vector<std::array<FrameIndex, 2>> torqueActuatorFrames;
};

}  // namespace kinchain::model
