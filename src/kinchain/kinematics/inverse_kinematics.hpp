#pragma once
// Inverse kinematics: per frame, the coordinates q that minimise the weighted least-squares
// marker and coordinate errors, as OpenSim's InverseKinematicsTool defines them:
//
//   min_q  sum_i w_i |p_i(q) - x_i|^2  +  sum_j w_j (q_j - t_j)^2
//   subject to  rangeMin <= q_k <= rangeMax  for clamped coordinates,
//               q_k = default value          for locked coordinates,
//               q_dep = s * f(q_indep)       for every enabled coordinate coupler.
//
// p_i is the model marker in ground, x_i the measured one (NaN = missing in that frame, the
// marker is left out of that frame), t_j a coordinate target. Couplers are satisfied exactly
// by eliminating the dependent coordinates (OpenSim's default, constraint_weight = Infinity);
// a finite constraint weight in a setup is reported and treated the same way.
// The solver is a bounded Levenberg-Marquardt on the free coordinates with the analytic marker
// Jacobians of model/frame_jacobian.hpp, warm-started from the previous frame.
//
// Units: markers in metres (the problem converts mm/cm from the table's unit), q in rad / m.

#include <Eigen/Core>

#include <optional>
#include <string>
#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/inverse_kinematics_setup.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::kinematics {

struct IkMarkerTarget {
  model::MarkerIndex marker;
  std::size_t column = 0;  ///< Vector3 column in the marker table
  double weight = 1.0;
};

struct IkCoordinateTarget {
  model::CoordinateIndex coordinate;
  double weight = 1.0;
  std::optional<double> value;        ///< rad / m; nullopt: from `column` of the coordinate table
  std::optional<std::size_t> column;  ///< scalar column in the coordinate table (rad / m)
};

/// Everything about an IK run that stays the same from frame to frame.
class InverseKinematicsProblem {
 public:
  /// Matches tasks to model markers and measured markers by name. Markers without a task are
  /// used with weight 1 when `tasks` has no marker task at all (OpenSim uses every marker the
  /// model and the data share in that case). `coordinateTable` (rad / m, same time stamps as
  /// `markers`) feeds from_file coordinate tasks.
  /// @throws InputError when no task marker exists in both model and data, or markers are in an
  ///         unknown unit.
  InverseKinematicsProblem(const model::Model& model, const io::TimeSeriesTable& markers,
                           const IkTaskSet& tasks,
                           const io::TimeSeriesTable* coordinateTable = nullptr);

  const model::Model& model() const { return *model_; }
  Eigen::Index frameCount() const { return static_cast<Eigen::Index>(time_.size()); }
  const std::vector<double>& time() const { return time_; }

  const std::vector<IkMarkerTarget>& markerTargets() const { return markerTargets_; }
  const std::vector<IkCoordinateTarget>& coordinateTargets() const { return coordinateTargets_; }
  /// Coordinates the solver moves (not locked, not coupler-dependent).
  const std::vector<model::CoordinateIndex>& freeCoordinates() const { return free_; }
  /// Measured position (m, ground) of a marker target at a frame; NaN when missing.
  Eigen::Vector3d measuredPosition(std::size_t target, Eigen::Index frame) const;
  /// Coordinate target value at a frame (rad / m).
  double coordinateTargetValue(std::size_t target, Eigen::Index frame) const;

  /// Notes for the user: task markers absent from the model or the data, data markers the
  /// model lacks, units converted, constraint weight handling.
  const std::vector<std::string>& notes() const { return notes_; }

  /// q for free-coordinate values x: locked at default, couplers applied.
  void expand(const Eigen::VectorXd& x, Eigen::VectorXd& q) const;
  /// Free-coordinate values of q.
  Eigen::VectorXd restrict(const Eigen::VectorXd& q) const;
  const Eigen::VectorXd& lowerBounds() const { return lower_; }
  const Eigen::VectorXd& upperBounds() const { return upper_; }

  void addNote(std::string note) { notes_.push_back(std::move(note)); }

 private:
  const model::Model* model_;
  std::vector<double> time_;
  Eigen::MatrixXd measured_;          // (3 * targets) x frames, metres
  Eigen::MatrixXd coordinateValues_;  // targets x frames for from_file tasks
  std::vector<IkMarkerTarget> markerTargets_;
  std::vector<IkCoordinateTarget> coordinateTargets_;
  std::vector<model::CoordinateIndex> free_;
  std::vector<int> freeSlot_;  // per coordinate: slot in x, or -1
  Eigen::VectorXd lower_, upper_;
  Eigen::VectorXd lockedValues_;
  std::vector<std::string> notes_;
};

struct IkSolverOptions {
  /// Stop when no free coordinate moves more than this in an iteration (rad / m).
  double stepTolerance = 1e-9;
  int maxIterations = 200;
};

struct IkFrameSolution {
  Eigen::VectorXd q;               ///< all coordinates, rad / m
  double totalSquaredError = 0.0;  ///< sum of squared marker distances, m^2 (unweighted)
  double rmsError = 0.0;           ///< m
  double maxError = 0.0;           ///< m
  std::string worstMarker;         ///< the marker at maxError
  Eigen::VectorXd markerErrors;    ///< per marker target (problem order), m; NaN where missing
  int markersUsed = 0;
  int iterations = 0;
  bool converged = false;
};

/// Per-thread workspace: a Data plus the solver's matrices, sized once.
class IkWorkspace {
 public:
  explicit IkWorkspace(const InverseKinematicsProblem& problem);
  model::Data data;
  Eigen::VectorXd q;
  Eigen::VectorXd residual;
  Eigen::MatrixXd jacobian;         // residual rows x free
  Eigen::MatrixXd coordinateMap;    // nq x free: dq/dx
  Eigen::Matrix3Xd markerJacobian;  // 3 x nq
};

/// Solves one frame starting from `initialQ` (all coordinates).
IkFrameSolution solveInverseKinematicsFrame(const InverseKinematicsProblem& problem,
                                            IkWorkspace& workspace, Eigen::Index frame,
                                            const Eigen::VectorXd& initialQ,
                                            const IkSolverOptions& options = {});

struct IkTrialResult {
  std::vector<double> time;
  std::vector<IkFrameSolution> frames;
  std::vector<std::string> markerNames;  ///< the marker targets, in markerErrors order
  std::vector<std::string> warnings;     ///< frames with few markers, no convergence, large errors
};

/// Solves frames [first, first + count). Frames are split into fixed chunks of `chunkSize`;
/// each chunk's first frame is solved in sequence (warm-started from the previous chunk's
/// first frame, the very first from the model's default pose), then chunks run in parallel on
/// `threads` threads (0 = all cores), each warm-started frame to frame. The result does not
/// depend on the thread count.
IkTrialResult solveInverseKinematicsTrial(const InverseKinematicsProblem& problem,
                                          Eigen::Index first, Eigen::Index count,
                                          const IkSolverOptions& options = {}, int threads = 0,
                                          Eigen::Index chunkSize = 32);

/// The coordinates as an OpenSim motion table: one column per coordinate, rotational ones in
/// degrees, metadata inDegrees=yes.
io::TimeSeriesTable ikCoordinatesTable(const model::Model& model, const IkTrialResult& result);

/// Per-frame marker errors: marker_error_total_squared (m^2), marker_error_RMS (m),
/// marker_error_max (m), markers_used (the worst marker of each frame is in IkFrameSolution).
io::TimeSeriesTable ikMarkerErrorTable(const IkTrialResult& result);

}  // namespace kinchain::kinematics
