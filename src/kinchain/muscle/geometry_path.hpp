#pragma once
// Muscle-tendon paths (OpenSim GeometryPath; Delp et al. 2007, Seth et al. 2018): the points a
// path passes through, its wrapping over wrap objects, its length, and the length's gradient
// with respect to the coordinates (from which moment arms and lengthening velocity follow).
//
//   PathData pathData(model);                        // per thread, sized once
//   forwardKinematics(model, data, q);
//   computePathGeometry(model, data, pathData);      // points in ground, lengths
//   computeLengthGradients(model, data, pathData);   // dL/dq (runs computeJointMotions)
//   computeLengtheningSpeeds(pathData, qdot);        // dL/dt = dL/dq · qdot
//   computeMomentArms(model, data, pathData);        // moment_arm.hpp
//
// Paths are the model's resolved muscle paths (Model::musclePath, model_forces.hpp), indexed by
// MuscleIndex; wrap objects are Model::wrapObjects().
//
// Path geometry, as OpenSim's GeometryPath::computePath:
// 1. Active points in path order: fixed points; ConditionalPathPoints whose coordinate lies in
//    [min − 1e-5, max + 1e-5] (OpenSim ConditionalPathPoint::isActive); MovingPathPoints at
//    x_i = f_i(clamp(q_ci, range of c_i)) (f_i(0) without a coordinate; MovingPathPoint::
//    getLocation).
// 2. Wrapping, PathWrap by PathWrap in file order (GeometryPath::applyWrapObjects): the PathWrap's
//    range (1-based, −1 = first/last point) selects consecutive active points; each segment in
//    range is wrapped over the object (wrapping/wrap_line.hpp) in the object's frame; a
//    MandatoryWrap segment is taken at once, otherwise the Wrapped segment that lengthens the
//    path least. The chosen wrap inserts its two tangent points, fixed in the wrap object's
//    frame. Inactive objects are skipped. With two or more PathWraps this repeats (at most 8
//    times) until the length changes by less than 0.5 mm, swapping the first two PathWraps once
//    if the first did not wrap and the second had an end point inside its object.
// 3. Length: the sum of straight segments plus each wrap's surface length.
//
// Length gradient: with tangent points held fixed in their wrap object's frame (valid where the
// path is locally shortest, so their sliding changes the length only to second order), and u_k
// the unit vector of straight segment k (zero over a wrap's surface),
//   dL/dq = sum over path points k of J_k^T (u_{k-1} − u_k),
// J_k = d p_k / d q the point's Jacobian in ground, including dx/dq of moving points (zero where
// the coordinate is clamped). This is OpenSim's MomentArmSolver (virtual work of a unit tension),
// with two differences that make it exactly dL/dq of the lengths above:
// - OpenSim omits the moving-point term on segments whose two points share a body; we keep it.
// - A cylinder (or torus) wrap on a path with a single PathWrap is not exactly tangent in
//   OpenSim (it skips the tangent-point iteration), so tangent-point forces would be off by up
//   to 1.1 mm of moment arm on Rajagopal 2015 (measured against finite differences). For those
//   wraps the wrapped segment P→S contributes its exact gradient instead: dL/dP and dL/dS by
//   central differences of the wrap (step 1e-7 m, 12 wraps), applied at P and S and, with
//   opposite sign, to the wrap object's body at the same points.
// Other wraps (sphere, ellipsoid, and cylinders on paths with several PathWraps, tangent within
// 0.1°) use the tangent-point forces; their error is below 5e-5 m (geometry_path_test.cpp).
//
// Frames and units: positions in ground (m); q in rad or m. No allocation per frame (except the
// small constraint solve of moment_arm.hpp for models with coupler constraints).

#include <Eigen/Core>

#include <cstdint>
#include <vector>

#include "kinchain/model/data.hpp"
#include "kinchain/model/model.hpp"
#include "kinchain/muscle/wrapping/wrap_result.hpp"

namespace kinchain::muscle {

/// A point of the current (active, wrapped) path.
struct PathEntry {
  enum class Kind : std::uint8_t { Point, WrapStart, WrapEnd };
  Kind kind = Kind::Point;
  int index = 0;         ///< path point index (Point) or PathWrap index (wrap entries)
  int wrap_object = -1;  ///< WrapObjectIndex value for wrap entries
  model::FrameIndex frame;
  Eigen::Vector3d p_F = Eigen::Vector3d::Zero();  ///< location in `frame`, m
  Eigen::Vector3d p_G = Eigen::Vector3d::Zero();  ///< location in ground, m
  double wrap_length = 0.0;                       ///< WrapEnd: surface length from WrapStart, m
};

/// Per-thread workspace and results, sized once from a model.
struct PathData {
  explicit PathData(const model::Model& model);

  std::uint64_t model_fingerprint = 0;
  /// computePathGeometry: the current path of each muscle, by MuscleIndex (capacity reserved,
  /// never grows).
  std::vector<std::vector<PathEntry>> current_paths;
  /// computePathGeometry: muscle-tendon length of each path, m.
  Eigen::VectorXd lengths;
  /// computeLengthGradients: column p = dL_p/dq (nq x paths), m/rad or m/m.
  Eigen::MatrixXd length_gradients;
  /// computeLengtheningSpeeds: dL/dt of each path, m/s.
  Eigen::VectorXd speeds;
  /// computeMomentArms (moment_arm.hpp): column p, row j = moment arm of path p about
  /// coordinate j (nq x paths), m (or dimensionless for translational coordinates).
  Eigen::MatrixXd moment_arms;

  // Scratch for applyWrapObjects and moment arms (sized here; internal).
  std::vector<int> wrap_order;
  std::vector<WrapStatus> wrap_status;
  std::vector<Eigen::Vector3d> point_gradients;  ///< dL/dp of each current path point
  Eigen::MatrixXd coupling;                      ///< computeMomentArms: see moment_arm.hpp
  Eigen::MatrixXd constraint_rows;               ///< couplers x involved coordinates
  Eigen::MatrixXd constraint_gram;               ///< couplers x couplers
  std::vector<model::CoordinateIndex> coupled_coordinates;
};

/// Current path and length of every muscle. Requires forwardKinematics(model, data, q) (uses
/// data.q and data.X_GF). Writes pathData.current_paths and pathData.lengths.
/// Cost: O(points + wraps·segments·wrap cost) per path; no allocation.
/// @throws std::invalid_argument if data or pathData belong to another model.
void computePathGeometry(const model::Model& model, const model::Data& data, PathData& pathData);

/// dL/dq of every path (see above). Requires computePathGeometry for the same data; runs
/// model::computeJointMotions(model, data). Writes pathData.length_gradients.
void computeLengthGradients(const model::Model& model, model::Data& data, PathData& pathData);

/// Lengthening speed dL/dt = (dL/dq)·qdot of every path, m/s; qdot (rad/s, m/s) must already
/// satisfy any coupler constraint. Requires computeLengthGradients. Writes pathData.speeds.
void computeLengtheningSpeeds(PathData& pathData, const Eigen::VectorXd& qdot);

}  // namespace kinchain::muscle
