// Static optimisation on OpenSim's gait10dof18musc walking test (18 Millard muscles, 10
// reserve/residual actuators, ankle limit spring, ground reaction forces): milliseconds per
// frame on one thread (frames in order, each warm-started from the previous one, as in a
// trial), and the whole trial (every 1 kHz frame from 0.5 to 1.3 s, 801 frames) on one thread
// and on every core. The machine's load inflates wall time; CPU time is the per-frame cost.
//
// The same on gait2392 (generic gait2392_thelen2003muscle.osim, all 92 Thelen muscles) driven
// by OpenSim's subject01 walk1 IK and GRF (id_gait2354 folder), with a CoordinateActuator of
// optimal force 1 and unbounded control on every unlocked coordinate, as OpenSim's
// gait10dof_Actuators_weak.xml gives its reserves (so the pelvis residuals can be met).

#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "kinchain/dynamics/external_load_series.hpp"
#include "kinchain/dynamics/external_loads.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_force_reader.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/analyze_setup.hpp"
#include "kinchain/muscle/static_optimization.hpp"
#include "kinchain/muscle/static_optimization_tool.hpp"

namespace {

using namespace kinchain;

struct GaitTrial {
  std::unique_ptr<model::Model> model;
  std::unique_ptr<muscle::StaticOptimizationProblem> problem;
  std::unique_ptr<muscle::StaticOptimizationProblem> ipoptProblem;  // OpenSim's IPOPT run
  std::unique_ptr<kinematics::CoordinateTrajectories> coordinates;
  std::unique_ptr<muscle::AnalyzeStateTrajectory> states;
  std::unique_ptr<dynamics::ExternalLoadSeries> loads;
  std::vector<double> times;  // every row from 0.5 to 1.3 s
};

const GaitTrial& gaitTrial() {
  static const GaitTrial trial = [] {
    GaitTrial t;
    const auto setup = muscle::readAnalyzeSetup(
        std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) /
        "opensim-core/so_gait10dof18musc_ankle_spring/staticoptimization_spring_Setup.xml");
    t.model = std::make_unique<model::Model>(model::readOsimModel(setup.modelFile));
    std::vector<model::ForceSetDescription> extra;
    for (const auto& file : setup.forceSetFiles)
      extra.push_back(model::readOsimForceSetFile(file));
    t.problem = std::make_unique<muscle::StaticOptimizationProblem>(
        *t.model, extra, setup.replaceForceSet, muscle::StaticOptimizationOptions{});
    muscle::StaticOptimizationOptions ipopt;
    ipopt.solver = muscle::EffortSolver::OpenSimIpopt;
    t.ipoptProblem = std::make_unique<muscle::StaticOptimizationProblem>(
        *t.model, extra, setup.replaceForceSet, ipopt);
    const auto table = io::readSto(setup.coordinatesFile);
    t.coordinates = std::make_unique<kinematics::CoordinateTrajectories>(
        *t.model, table, setup.lowpassCutoffForCoordinates, "coordinates");
    t.states = std::make_unique<muscle::AnalyzeStateTrajectory>(*t.coordinates);
    const auto description = dynamics::readExternalLoads(setup.externalLoadsFile);
    t.loads = std::make_unique<dynamics::ExternalLoadSeries>(
        *t.model, description, io::readSto(description.dataFile), "grf");
    for (const double time : t.coordinates->sampleTimes()) {
      if (time >= 0.5 - 1e-9 && time <= 1.3 + 1e-9) t.times.push_back(time);
    }
    return t;
  }();
  return trial;
}

// Arg 0: the exact solver (power_effort_solver.hpp); Arg 1: IPOPT as OpenSim runs it.
void StaticOptimizationFrameGait10dof18musc(benchmark::State& state) {
  const GaitTrial& trial = gaitTrial();
  const muscle::StaticOptimizationProblem& problem =
      state.range(0) == 0 ? *trial.problem : *trial.ipoptProblem;
  muscle::StaticOptimizationData data(*trial.model, problem);
  Eigen::VectorXd q, qdot, qddot;
  std::vector<dynamics::AppliedBodyLoad> applied;
  std::size_t frame = 0;
  for (auto _ : state) {
    const double t = trial.times[frame];
    trial.states->evaluate(t, q, qdot, qddot);
    model::forwardKinematics(*trial.model, data.kinematics, q);
    trial.loads->evaluate(t, *trial.model, data.kinematics, applied);
    benchmark::DoNotOptimize(
        muscle::solveStaticOptimizationFrame(*trial.model, problem, data, q, qdot, qddot, applied));
    frame = (frame + 1) % trial.times.size();
  }
}
BENCHMARK(StaticOptimizationFrameGait10dof18musc)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Whole trial; Arg = threads (0 = every core).
void StaticOptimizationTrialGait10dof18musc(benchmark::State& state) {
  const GaitTrial& trial = gaitTrial();
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(muscle::solveStaticOptimizationTrial(
        *trial.model, *trial.problem, *trial.states, trial.loads.get(), trial.times, threads));
  }
  state.counters["frames"] = static_cast<double>(trial.times.size());
  state.counters["threads"] =
      threads > 0 ? threads : static_cast<double>(std::thread::hardware_concurrency());
}
BENCHMARK(StaticOptimizationTrialGait10dof18musc)
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

const GaitTrial& gait2392Trial() {
  static const GaitTrial trial = [] {
    GaitTrial t;
    const auto shared = std::filesystem::path(KINCHAIN_SHARED_DATA_DIR);
    t.model = std::make_unique<model::Model>(
        model::readOsimModel(shared / "opensim-models/gait2392_thelen2003muscle.osim"));
    model::ForceSetDescription reserves;
    reserves.sourceName = "benchmark reserves";
    for (const auto& coordinate : t.model->coordinates()) {
      if (coordinate.locked) continue;
      model::CoordinateActuatorDescription actuator;
      actuator.name = coordinate.name + "_reserve";
      actuator.coordinate.name = coordinate.name;
      actuator.optimalForce = 1.0;  // gait10dof_Actuators_weak.xml: optimal_force 1, +-Inf
      reserves.coordinateActuators.push_back(actuator);
    }
    t.problem = std::make_unique<muscle::StaticOptimizationProblem>(
        *t.model, std::vector<model::ForceSetDescription>{reserves}, false,
        muscle::StaticOptimizationOptions{});
    const auto table = io::readSto(shared / "opensim-core/id_gait2354/subject01_walk1_ik.mot");
    t.coordinates =
        std::make_unique<kinematics::CoordinateTrajectories>(*t.model, table, -1.0, "coordinates");
    t.states = std::make_unique<muscle::AnalyzeStateTrajectory>(*t.coordinates);
    const auto description =
        dynamics::readExternalLoads(shared / "opensim-core/id_gait2354/subject01_walk1_grf.xml");
    t.loads = std::make_unique<dynamics::ExternalLoadSeries>(
        *t.model, description, io::readSto(description.dataFile), "grf");
    t.times = t.coordinates->sampleTimes();
    return t;
  }();
  return trial;
}

void StaticOptimizationFrameGait2392(benchmark::State& state) {
  const GaitTrial& trial = gait2392Trial();
  muscle::StaticOptimizationData data(*trial.model, *trial.problem);
  Eigen::VectorXd q, qdot, qddot;
  std::vector<dynamics::AppliedBodyLoad> applied;
  std::size_t frame = 0;
  for (auto _ : state) {
    const double t = trial.times[frame];
    trial.states->evaluate(t, q, qdot, qddot);
    model::forwardKinematics(*trial.model, data.kinematics, q);
    trial.loads->evaluate(t, *trial.model, data.kinematics, applied);
    benchmark::DoNotOptimize(muscle::solveStaticOptimizationFrame(*trial.model, *trial.problem,
                                                                  data, q, qdot, qddot, applied));
    frame = (frame + 1) % trial.times.size();
  }
  state.counters["muscles"] = static_cast<double>(trial.model->muscleCount());
}
BENCHMARK(StaticOptimizationFrameGait2392)->Unit(benchmark::kMicrosecond);

// Whole trial; Arg = threads (0 = every core).
void StaticOptimizationTrialGait2392(benchmark::State& state) {
  const GaitTrial& trial = gait2392Trial();
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(muscle::solveStaticOptimizationTrial(
        *trial.model, *trial.problem, *trial.states, trial.loads.get(), trial.times, threads));
  }
  state.counters["frames"] = static_cast<double>(trial.times.size());
  state.counters["threads"] =
      threads > 0 ? threads : static_cast<double>(std::thread::hardware_concurrency());
}
BENCHMARK(StaticOptimizationTrialGait2392)
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
