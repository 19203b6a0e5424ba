#include "kinchain/muscle/static_optimization_tool.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

#include "kinchain/common/error.hpp"
#include "kinchain/common/output_files.hpp"
#include "kinchain/dynamics/external_load_series.hpp"
#include "kinchain/dynamics/external_loads.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_force_reader.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/static_optimization.hpp"

namespace kinchain::muscle {

namespace {

// OpenSim's guideline for reserve actuators (OpenSim documentation, "CMC Best Practices"):
// peak reserve torque below 10% of the peak joint torque.
constexpr double kReserveShareLimit = 0.10;

void requireFile(const AnalyzeSetup& setup, const std::filesystem::path& path,
                 const char* element) {
  if (path.empty()) throw InputError(setup.setupFile.string(), element, "the setup names no file");
  if (!std::filesystem::exists(path)) {
    throw InputError(setup.setupFile.string(), element, "file not found: " + path.string());
  }
}

// Storage::findIndex: the last row at or before t (the first row when t precedes them all).
std::size_t rowAtOrBefore(const std::vector<double>& times, double t) {
  const auto after = std::upper_bound(times.begin(), times.end(), t + 1e-12);
  return after == times.begin() ? 0 : static_cast<std::size_t>(after - times.begin()) - 1;
}

std::string listTimes(const std::vector<double>& times) {
  std::ostringstream text;
  const std::size_t shown = std::min<std::size_t>(times.size(), 12);
  for (std::size_t i = 0; i < shown; ++i)
    text << (i ? ", " : "") << times[i];
  if (times.size() > shown) text << ", ... (" << times.size() << " frames)";
  return text.str();
}

}  // namespace

AnalyzeStateTrajectory::AnalyzeStateTrajectory(
    const kinematics::CoordinateTrajectories& coordinates)
    : coordinates_(&coordinates) {
  const std::vector<double>& rows = coordinates.sampleTimes();
  const auto n = static_cast<Eigen::Index>(rows.size());
  const Eigen::VectorXd time = Eigen::Map<const Eigen::VectorXd>(rows.data(), n);
  Eigen::VectorXd q, qdot, qddot;
  Eigen::MatrixXd speeds;
  for (Eigen::Index row = 0; row < n; ++row) {
    coordinates.evaluate(rows[static_cast<std::size_t>(row)], q, qdot, qddot);
    if (row == 0) speeds.resize(n, qdot.size());
    speeds.row(row) = qdot.transpose();
  }
  for (Eigen::Index c = 0; c < speeds.cols(); ++c)
    speedSplines_.push_back(math::GcvSpline::interpolate(time, speeds.col(c), 3));
}

void AnalyzeStateTrajectory::evaluate(double t, Eigen::VectorXd& q, Eigen::VectorXd& qdot,
                                      Eigen::VectorXd& qddot) const {
  coordinates_->evaluate(t, q, qdot, qddot);
  for (std::size_t c = 0; c < speedSplines_.size(); ++c)
    qddot[static_cast<Eigen::Index>(c)] = speedSplines_[c].evaluate(t).first;
}

StaticOptimizationTrial solveStaticOptimizationTrial(const model::Model& model,
                                                     const StaticOptimizationProblem& problem,
                                                     const AnalyzeStateTrajectory& states,
                                                     const dynamics::ExternalLoadSeries* loads,
                                                     const std::vector<double>& times,
                                                     int threads) {
  const auto frames = static_cast<Eigen::Index>(times.size());
  const auto na = static_cast<Eigen::Index>(problem.actuators().size());
  const auto ns = static_cast<Eigen::Index>(problem.limitSprings().size());
  const auto nf = static_cast<Eigen::Index>(problem.freeCoordinates().size());
  StaticOptimizationTrial out{Eigen::MatrixXd(frames, na), Eigen::MatrixXd(frames, na),
                              Eigen::MatrixXd(frames, 2 * ns), Eigen::MatrixXd(frames, nf),
                              std::vector<PowerEffortResult>(times.size())};
  const std::size_t blocks = (times.size() + kFramesPerBlock - 1) / kFramesPerBlock;

  const auto solveBlocks = [&](std::size_t firstBlock, std::size_t stride) {
    StaticOptimizationData data(model, problem);
    Eigen::VectorXd q, qdot, qddot;
    std::vector<dynamics::AppliedBodyLoad> applied;
    for (std::size_t block = firstBlock; block < blocks; block += stride) {
      data.multipliers.resize(0);  // cold start at each block: independent of the split
      const std::size_t end = std::min(times.size(), (block + 1) * kFramesPerBlock);
      for (std::size_t frame = block * kFramesPerBlock; frame < end; ++frame) {
        const double t = times[frame];
        states.evaluate(t, q, qdot, qddot);
        applied.clear();
        if (loads != nullptr) {
          model::forwardKinematics(model, data.kinematics, q);
          loads->evaluate(t, model, data.kinematics, applied);
        }
        const auto row = static_cast<Eigen::Index>(frame);
        out.solver[frame] =
            solveStaticOptimizationFrame(model, problem, data, q, qdot, qddot, applied);
        out.controls.row(row) = data.controls.transpose();
        out.forces.row(row) = data.forces.transpose();
        for (Eigen::Index k = 0; k < ns; ++k) {
          out.springs(row, 2 * k) = data.springForces[k];
          out.springs(row, 2 * k + 1) = data.springEnergies[k];
        }
        out.required.row(row) = data.required.transpose();
      }
    }
  };
  unsigned workers =
      threads > 0 ? static_cast<unsigned>(threads) : std::thread::hardware_concurrency();
  workers =
      std::clamp<unsigned>(workers, 1u, static_cast<unsigned>(std::max<std::size_t>(blocks, 1)));
  if (workers == 1) {
    solveBlocks(0, 1);
  } else {
    std::vector<std::thread> pool;
    for (unsigned worker = 0; worker < workers; ++worker)
      pool.emplace_back(solveBlocks, worker, workers);
    for (auto& thread : pool)
      thread.join();
  }
  return out;
}

StaticOptimizationRun solveStaticOptimization(const model::Model& model,
                                              const StaticOptimizationProblem& problem,
                                              const kinematics::CoordinateTrajectories& coordinates,
                                              const dynamics::ExternalLoadSeries* loads,
                                              const std::vector<double>& times, int threads) {
  StaticOptimizationRun run;
  const StaticOptimizationTrial out = solveStaticOptimizationTrial(
      model, problem, AnalyzeStateTrajectory(coordinates), loads, times, threads);
  run.frames = times.size();

  // Tables in OpenSim's layout.
  run.activations = io::TimeSeriesTable(times);
  run.forces = io::TimeSeriesTable(times);
  run.activations.setMetadata("name", "Static Optimization");
  run.activations.setMetadata("inDegrees", "no");
  run.forces.setMetadata("name", "ModelForces");
  run.forces.setMetadata("inDegrees", "no");
  const auto& actuators = problem.actuators();
  for (std::size_t i = 0; i < actuators.size(); ++i) {
    const auto col = static_cast<Eigen::Index>(i);
    run.activations.addScalarColumn(actuators[i].name, out.controls.col(col));
  }
  // ForceReporter order: the model's forces in force-set order; Kinchain keeps actuators in
  // that order and puts the limit springs after the muscles, where the models place them.
  std::size_t muscles = 0;
  while (muscles < actuators.size() && actuators[muscles].kind == ActuatorKind::Muscle)
    ++muscles;
  for (std::size_t i = 0; i < muscles; ++i)
    run.forces.addScalarColumn(actuators[i].name, out.forces.col(static_cast<Eigen::Index>(i)),
                               "N");
  for (std::size_t k = 0; k < problem.limitSprings().size(); ++k) {
    const auto& spring = problem.limitSprings()[k];
    const bool rotational =
        model.coordinate(spring.coordinate).motionType == model::MotionType::Rotational;
    run.forces.addScalarColumn(spring.name, out.springs.col(static_cast<Eigen::Index>(2 * k)),
                               rotational ? "N*m" : "N");
    run.forces.addScalarColumn("PotentialEnergy",
                               out.springs.col(static_cast<Eigen::Index>(2 * k + 1)), "J");
  }
  for (std::size_t i = muscles; i < actuators.size(); ++i)
    run.forces.addScalarColumn(actuators[i].name, out.forces.col(static_cast<Eigen::Index>(i)));

  // Say plainly where the optimisation failed or leaned on reserves.
  std::vector<double> failed;
  for (std::size_t frame = 0; frame < times.size(); ++frame) {
    run.maxSolverIterations = std::max(run.maxSolverIterations, out.solver[frame].iterations);
    if (!out.solver[frame].converged) failed.push_back(times[frame]);
  }
  if (!failed.empty()) {
    run.warnings.push_back(
        "the optimiser could not meet the inverse-dynamics generalized forces within the "
        "actuator bounds (model too weak or missing actuators) at t = " +
        listTimes(failed));
  }
  for (std::size_t i = 0; i < actuators.size(); ++i) {
    const auto& actuator = actuators[i];
    if (actuator.kind != ActuatorKind::CoordinateActuator || actuator.residual) continue;
    const auto& free = problem.freeCoordinates();
    const auto found = std::find(free.begin(), free.end(), actuator.coordinate);
    if (found == free.end()) continue;
    const auto row = static_cast<Eigen::Index>(found - free.begin());
    const double peak = out.required.col(row).cwiseAbs().maxCoeff();
    std::vector<double> large;
    for (std::size_t frame = 0; frame < times.size(); ++frame) {
      if (std::abs(out.forces(static_cast<Eigen::Index>(frame), static_cast<Eigen::Index>(i))) >
          kReserveShareLimit * peak) {
        large.push_back(times[frame]);
      }
    }
    if (!large.empty()) {
      run.warnings.push_back("reserve '" + actuator.name +
                             "' exceeds 10% of the peak generalized force of '" +
                             model.coordinate(actuator.coordinate).name +
                             "' (OpenSim's guideline) at t = " + listTimes(large));
    }
  }

  return run;
}

namespace {

StaticOptimizationRun runOne(const AnalyzeSetup& setup, const StaticOptimizationSettings& settings,
                             const model::Model& model,
                             const std::vector<model::ForceSetDescription>& extraForceSets,
                             const kinematics::CoordinateTrajectories& coordinates,
                             std::size_t rowOffset, const dynamics::ExternalLoadSeries* loads,
                             const StaticOptimizationToolOptions& options) {
  StaticOptimizationRun run;
  StaticOptimizationOptions problemOptions;
  problemOptions.activationExponent = settings.activationExponent;
  problemOptions.useMusclePhysiology = settings.useMusclePhysiology;
  problemOptions.maxIterations = settings.maxIterations;
  problemOptions.convergenceCriterion = settings.convergenceCriterion;
  problemOptions.solver = options.solver;
  if (!settings.useModelForceSet) {
    throw InputError(setup.setupFile.string(), "<use_model_force_set>",
                     "false (coordinate actuators for every degree of freedom) is not supported; "
                     "set it to true");
  }
  const StaticOptimizationProblem problem(model, extraForceSets, setup.replaceForceSet,
                                          problemOptions);
  run.notes = problem.notes();

  // Frames as AnalyzeTool::run visits them (see the header).
  const std::vector<double>& rows = coordinates.sampleTimes();
  const double start = std::max(setup.initialTime.value_or(rows.front()), settings.startTime);
  const double end = std::min(setup.finalTime.value_or(rows.back()), settings.endTime);
  if (end < start) {
    throw InputError(setup.setupFile.string(), "<initial_time>/<final_time>",
                     "the time range is empty");
  }
  const std::size_t first = rowAtOrBefore(rows, start);
  const std::size_t last = rowAtOrBefore(rows, end);
  const auto interval = static_cast<std::size_t>(std::max(settings.stepInterval, 1));
  std::vector<double> times;
  for (std::size_t row = first; row <= last; ++row) {
    if (row == first || row == last || (row + rowOffset) % interval == 0) {
      times.push_back(rows[row]);
    }
  }
  if (loads != nullptr &&
      (times.front() < loads->firstTime() - 1e-9 || times.back() > loads->lastTime() + 1e-9)) {
    run.notes.push_back("frames reach beyond the external load data; loads are extrapolated there");
  }

  StaticOptimizationRun solved =
      solveStaticOptimization(model, problem, coordinates, loads, times, options.threads);
  solved.notes.insert(solved.notes.begin(), run.notes.begin(), run.notes.end());
  run = std::move(solved);

  if (options.writeFiles) {
    const auto directory = options.outputDirectory.value_or(setup.resultsDirectory);
    const std::string stem = setup.name + "_" + settings.name;
    run.activationFile = directory / (stem + "_activation.sto");
    run.forceFile = directory / (stem + "_force.sto");
    io::writeSto(run.activations, writablePath(run.activationFile, options.transaction));
    io::writeSto(run.forces, writablePath(run.forceFile, options.transaction));
  }
  return run;
}

}  // namespace

std::vector<StaticOptimizationRun> runStaticOptimizationTool(
    const AnalyzeSetup& setup, const StaticOptimizationToolOptions& options) {
  requireFile(setup, setup.modelFile, "<model_file>");
  if (setup.coordinatesFile.empty() && !setup.statesFile.empty()) {
    throw InputError(setup.setupFile.string(), "<states_file>",
                     "Kinchain runs static optimisation from a <coordinates_file>; a states file "
                     "is not supported");
  }
  requireFile(setup, setup.coordinatesFile, "<coordinates_file>");
  if (!setup.speedsFile.empty()) {
    throw InputError(setup.setupFile.string(), "<speeds_file>",
                     "a separate speeds file is not supported (speeds come from the coordinates)");
  }
  const model::Model model = model::readOsimModel(setup.modelFile);
  std::vector<model::ForceSetDescription> extraForceSets;
  for (const auto& file : setup.forceSetFiles) {
    requireFile(setup, file, "<force_set_files>");
    extraForceSets.push_back(model::readOsimForceSetFile(file));
  }

  const auto table = io::readSto(setup.coordinatesFile);
  const kinematics::CoordinateTrajectories coordinates(
      model, table, setup.lowpassCutoffForCoordinates, setup.coordinatesFile.filename().string());
  // Storage::pad(size/2) puts half the rows before the data when OpenSim filters.
  const std::size_t rowOffset =
      setup.lowpassCutoffForCoordinates >= 0.0 ? static_cast<std::size_t>(table.rowCount() / 2) : 0;

  std::optional<dynamics::ExternalLoadSeries> loads;
  if (!setup.externalLoadsFile.empty()) {
    requireFile(setup, setup.externalLoadsFile, "<external_loads_file>");
    const auto description = dynamics::readExternalLoads(setup.externalLoadsFile);
    if (description.dataFile.empty() || !std::filesystem::exists(description.dataFile)) {
      throw InputError(setup.externalLoadsFile.string(), "<datafile>",
                       "external load data file not found: " + description.dataFile.string());
    }
    const auto data = io::readSto(description.dataFile);
    loads.emplace(model, description, data, description.dataFile.filename().string());
  }

  std::vector<StaticOptimizationRun> runs;
  for (const auto& settings : setup.staticOptimizations) {
    if (!settings.on) continue;
    runs.push_back(runOne(setup, settings, model, extraForceSets, coordinates, rowOffset,
                          loads ? &*loads : nullptr, options));
    runs.back().notes.insert(runs.back().notes.begin(), coordinates.notes().begin(),
                             coordinates.notes().end());
  }
  if (runs.empty()) {
    throw InputError(setup.setupFile.string(), "<AnalysisSet>",
                     "no StaticOptimization analysis is on");
  }
  return runs;
}

}  // namespace kinchain::muscle
