#pragma once
// The immutable musculoskeletal model (style habits 1, 2, 8): bodies, frames, joints,
// coordinates, markers and constraints with every cross-reference resolved to a typed index.
// It is built once (by the .osim reader, or from ModelParts in code) and never changes; a
// scaled or edited model is a new Model. Per-thread workspaces are Data objects (data.hpp);
// algorithms are free functions taking (const Model&, Data&, inputs).
//
// Layout: frame 0 is ground. q has one entry per Coordinate, in CoordinateIndex order.

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kinchain/model/body.hpp"
#include "kinchain/model/constraint.hpp"
#include "kinchain/model/coordinate.hpp"
#include "kinchain/model/frame.hpp"
#include "kinchain/model/indices.hpp"
#include "kinchain/model/joint.hpp"
#include "kinchain/model/marker.hpp"
#include "kinchain/model/model_forces.hpp"
#include "kinchain/model/rigid_transform.hpp"

namespace kinchain::model {

/// Something in a model file that the reader skipped on purpose, reported by `model info`.
struct IgnoredElement {
  std::string element;  ///< element name and its name attribute, e.g. "ContactSphere heel_r"
  std::size_t line = 0;
  std::string reason;
};

/// The tables a Model is built from; indices must refer into these same vectors.
struct ModelParts {
  std::string name;
  std::string sourceName;                       ///< file the model came from (for messages)
  Eigen::Vector3d gravity{0.0, -9.80665, 0.0};  ///< m/s^2 in ground
  std::vector<Frame> frames;                    ///< frames[0] must be ground
  std::vector<Body> bodies;
  std::vector<Joint> joints;
  std::vector<Coordinate> coordinates;
  std::vector<Marker> markers;
  std::vector<CoordinateCouplerConstraint> couplerConstraints;
  std::vector<AttachedWrapObject> wrapObjects;
  ModelForces forces;
  std::vector<IgnoredElement> ignored;
};

/// One step of forward kinematics, in the order Model::kinematicOrder() lists them.
struct KinematicStep {
  enum class Kind {
    FixedOffset,   ///< X_G(target) = X_G(source) * X_source_target
    JointForward,  ///< target = joint child M, source = parent F: X_GM = X_GF * X_FM(q)
    JointBackward  ///< target = joint parent F, source = child M: X_GF = X_GM * X_FM(q)^-1
  };
  Kind kind = Kind::FixedOffset;
  FrameIndex target;
  FrameIndex source;
  JointIndex joint;                        ///< joint steps only
  RigidTransform<double> X_source_target;  ///< FixedOffset only
};

/// A joint between ground and a frame, and the direction it is traversed in.
struct SupportingJoint {
  JointIndex joint;
  bool backward = false;
};

class Model {
 public:
  /// Validates the parts (indices in range, unique names, finite numbers, one path from ground
  /// to every frame, no kinematic loop) and derives the kinematic order.
  /// @throws std::invalid_argument naming the offending item.
  explicit Model(ModelParts parts);

  const std::string& name() const { return parts_.name; }
  const std::string& sourceName() const { return parts_.sourceName; }
  const Eigen::Vector3d& gravity() const { return parts_.gravity; }

  /// Number of generalized coordinates (length of q).
  Eigen::Index nq() const { return static_cast<Eigen::Index>(parts_.coordinates.size()); }

  const std::vector<Frame>& frames() const { return parts_.frames; }
  const std::vector<Body>& bodies() const { return parts_.bodies; }
  const std::vector<Joint>& joints() const { return parts_.joints; }
  const std::vector<Coordinate>& coordinates() const { return parts_.coordinates; }
  const std::vector<Marker>& markers() const { return parts_.markers; }
  const std::vector<CoordinateCouplerConstraint>& couplerConstraints() const {
    return parts_.couplerConstraints;
  }
  const std::vector<AttachedWrapObject>& wrapObjects() const { return parts_.wrapObjects; }
  /// Muscles, actuators and other forces (parameters by name, references resolved).
  const ModelForces& forces() const { return parts_.forces; }
  std::size_t muscleCount() const { return parts_.forces.musclePaths.size(); }
  const MuscleDescription& muscle(MuscleIndex index) const {
    return parts_.forces.description.muscles.at(index.value());
  }
  const GeometryPath& musclePath(MuscleIndex index) const {
    return parts_.forces.musclePaths.at(index.value());
  }
  /// Elements the reader skipped on purpose (not kinematics, not cosmetic), for `model info`.
  const std::vector<IgnoredElement>& ignored() const { return parts_.ignored; }

  const Frame& frame(FrameIndex index) const { return parts_.frames.at(index.value()); }
  const Body& body(BodyIndex index) const { return parts_.bodies.at(index.value()); }
  const Joint& joint(JointIndex index) const { return parts_.joints.at(index.value()); }
  const Coordinate& coordinate(CoordinateIndex index) const {
    return parts_.coordinates.at(index.value());
  }
  const Marker& marker(MarkerIndex index) const { return parts_.markers.at(index.value()); }

  static constexpr FrameIndex groundFrame() { return FrameIndex(0); }

  std::optional<BodyIndex> findBody(std::string_view name) const;
  std::optional<JointIndex> findJoint(std::string_view name) const;
  std::optional<CoordinateIndex> findCoordinate(std::string_view name) const;
  std::optional<MarkerIndex> findMarker(std::string_view name) const;
  std::optional<MuscleIndex> findMuscle(std::string_view name) const;
  std::optional<WrapObjectIndex> findWrapObject(std::string_view name) const;
  /// Accepts a frame path ("/bodyset/femur_r", "/jointset/hip_r/pelvis_offset", "/ground"),
  /// a body name ("femur_r", "ground") or a frame short name that is unique in the model.
  std::optional<FrameIndex> findFrame(std::string_view nameOrPath) const;

  /// Default pose: every coordinate at its default value (rad, m).
  Eigen::VectorXd defaultCoordinates() const;

  /// Forward-kinematics steps: every frame except ground is the target of exactly one step, and
  /// a step's source is always computed by an earlier step (or is ground).
  const std::vector<KinematicStep>& kinematicOrder() const { return kinematicOrder_; }
  /// Joints between ground and a frame, ground first.
  const std::vector<SupportingJoint>& supportingJoints(FrameIndex frame) const {
    return supportingJoints_.at(frame.value());
  }
  /// Distinct coordinates that drive a joint's transform axes (usually its own coordinates);
  /// the columns of the joint's motion in kinematic Jacobians.
  const std::vector<CoordinateIndex>& jointDrivingCoordinates(JointIndex joint) const {
    return jointDrivingCoordinates_.at(joint.value());
  }
  /// First column of a joint's motion in Data::jointMotion (MuJoCo-style adr; count =
  /// jointDrivingCoordinates(joint).size()).
  Eigen::Index jointMotionAddress(JointIndex joint) const {
    return jointMotionAddress_.at(joint.value());
  }
  Eigen::Index jointMotionColumnCount() const { return jointMotionColumnCount_; }

  /// Identifies the structure (names and sizes); Data remembers it so algorithms can check that
  /// a Data object was made for this model.
  std::uint64_t fingerprint() const { return fingerprint_; }

 private:
  void validate() const;
  void buildKinematicOrder();
  void buildLookups();

  ModelParts parts_;
  std::vector<KinematicStep> kinematicOrder_;
  std::vector<std::vector<SupportingJoint>> supportingJoints_;
  std::vector<std::vector<CoordinateIndex>> jointDrivingCoordinates_;
  std::vector<Eigen::Index> jointMotionAddress_;
  Eigen::Index jointMotionColumnCount_ = 0;
  std::unordered_map<std::string, std::size_t> bodyByName_, jointByName_, coordinateByName_,
      markerByName_, frameByPath_, muscleByName_, wrapObjectByName_;
  std::unordered_map<std::string, std::size_t> frameByUniqueShortName_;
  std::uint64_t fingerprint_ = 0;
};

}  // namespace kinchain::model
