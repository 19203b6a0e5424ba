#pragma once
// OpenSim's Analyze tool with a StaticOptimization analysis (opensim-core
// OpenSim/Tools/AnalyzeTool.cpp, OpenSim/Analyses/StaticOptimization.cpp), on a setup file:
//
// 1. The model, with the setup's <force_set_files> appended (or replacing its force set).
// 2. Coordinates from <coordinates_file>, processed as OpenSim (kinematics/
//    coordinate_trajectories.hpp): with lowpass_cutoff_frequency_for_coordinates >= 0 padded,
//    low-pass filtered; quintic splines give q, qdot, qddot.
// 3. External loads from <external_loads_file>.
// 4. Frames as AnalyzeTool::run visits them: the state rows from the row at or before
//    initial_time to the row at or before final_time; the first and last always, and row i in
//    between when i % step_interval == 0 (Analysis::proceed). Row numbers count OpenSim's padded
//    rows when the coordinates are filtered (Storage::pad adds half the rows before them).
// 5. Each frame solved by static_optimization.hpp; frames are split into fixed blocks of
//    kFramesPerBlock, solved in order inside a block (with the exact solver the previous
//    frame's dual is the warm start; IPOPT starts every frame from 0 as in OpenSim) and blocks
//    run in parallel, so results do not depend on the thread count. IPOPT solves themselves are
//    serialised (ipopt_effort_solver.hpp); the dynamics and muscle paths run in parallel.
// 6. Files as OpenSim names them: <results>/<tool name>_<analysis name>_activation.sto (one
//    column per actuator) and ..._force.sto (forces of every actuator, and each
//    CoordinateLimitForce's generalized force and "PotentialEnergy", as OpenSim's ForceReporter;
//    OpenSim also reports the external loads there, Kinchain does not).
//
// Frames the optimiser cannot meet, and frames where a reserve actuator (a coordinate actuator
// off the root joint) exceeds 10% of the peak required generalized force of its coordinate over
// the trial — OpenSim's guideline "Peak reserve actuator torques should typically be less than
// 10% of the peak joint torque" (OpenSim documentation, CMC Best Practices) — are reported in
// warnings with their times.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/common/output_transaction.hpp"
#include "kinchain/dynamics/external_load_series.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/math/gcv_spline.hpp"
#include "kinchain/muscle/analyze_setup.hpp"
#include "kinchain/muscle/static_optimization.hpp"

namespace kinchain::muscle {

/// Frames solved one after another with warm starts; blocks of frames run in parallel.
inline constexpr std::size_t kFramesPerBlock = 16;

/// The states OpenSim's Analyze tool gives StaticOptimization: q and qdot from the coordinate
/// splines (AnalyzeTool: formCompleteStorages differentiates a quintic spline of q), and the
/// target qddot as the derivative of a quintic spline through the qdot samples at the
/// coordinate rows (StaticOptimization::begin builds GCVSplineSet(5, states) and
/// StaticOptimizationTarget differentiates the speed columns). Between irregularly spaced rows
/// this differs markedly from the second derivative of the q spline.
class AnalyzeStateTrajectory {
 public:
  explicit AnalyzeStateTrajectory(const kinematics::CoordinateTrajectories& coordinates);
  void evaluate(double t, Eigen::VectorXd& q, Eigen::VectorXd& qdot, Eigen::VectorXd& qddot) const;

 private:
  const kinematics::CoordinateTrajectories* coordinates_;
  std::vector<math::GcvSpline> speedSplines_;  // per coordinate
};

/// Results of solveStaticOptimizationTrial, one row per frame.
struct StaticOptimizationTrial {
  Eigen::MatrixXd controls;  ///< frames x actuators
  Eigen::MatrixXd forces;    ///< frames x actuators, N or N*m
  Eigen::MatrixXd springs;   ///< frames x 2 per limit spring: generalized force, energy (J)
  Eigen::MatrixXd required;  ///< frames x free coordinates: tau_ID - Q_other
  std::vector<PowerEffortResult> solver;  ///< per frame
};

/// Solves every frame at `times` (blocks of kFramesPerBlock with warm starts, blocks in
/// parallel on `threads` threads, 0 = every core; identical results for any thread count).
/// `loads` may be null.
StaticOptimizationTrial solveStaticOptimizationTrial(const model::Model& model,
                                                     const StaticOptimizationProblem& problem,
                                                     const AnalyzeStateTrajectory& states,
                                                     const dynamics::ExternalLoadSeries* loads,
                                                     const std::vector<double>& times,
                                                     int threads = 0);

struct StaticOptimizationToolOptions {
  std::optional<std::filesystem::path> outputDirectory;  ///< overrides <results_directory>
  int threads = 0;                                       ///< 0 = every core
  bool writeFiles = true;
  /// When set, files are staged in it and reach their place only when the caller commits.
  OutputTransaction* transaction = nullptr;
  /// OpenSimIpopt reproduces OpenSim's files (IPOPT stops at a 1e-4 tolerance); Exact gives the
  /// true optimum of the same problem.
  EffortSolver solver = EffortSolver::OpenSimIpopt;
};

struct StaticOptimizationRun {
  io::TimeSeriesTable activations;
  io::TimeSeriesTable forces;
  std::filesystem::path activationFile;
  std::filesystem::path forceFile;
  std::size_t frames = 0;
  int maxSolverIterations = 0;
  std::vector<std::string> notes;
  std::vector<std::string> warnings;
};

/// Static optimisation at `times` (rows of `coordinates`' sample times) with the activation and
/// force tables in OpenSim's layout and plain-language warnings for frames the optimiser could
/// not meet and reserves above 10 % of a coordinate's peak generalized force. Writes nothing.
StaticOptimizationRun solveStaticOptimization(const model::Model& model,
                                              const StaticOptimizationProblem& problem,
                                              const kinematics::CoordinateTrajectories& coordinates,
                                              const dynamics::ExternalLoadSeries* loads,
                                              const std::vector<double>& times, int threads = 0);

/// Runs every StaticOptimization analysis of the setup that is on.
/// @throws InputError for missing or malformed inputs (file, place, reason).
std::vector<StaticOptimizationRun> runStaticOptimizationTool(
    const AnalyzeSetup& setup, const StaticOptimizationToolOptions& options = {});

}  // namespace kinchain::muscle
