// Inverse dynamics speed: the per-frame solve (kinematics on time jets + Jacobian-transpose
// generalized forces) in microseconds, single thread, and whole trials on every core.
// gait2354: OpenSim's ID test trial with its ground reactions. Rajagopal 2015: a smooth
// synthetic motion of every free coordinate, gravity only.

#include <benchmark/benchmark.h>

#include <cmath>

#include "bench_paths.hpp"
#include "kinchain/dynamics/external_load_series.hpp"
#include "kinchain/dynamics/inverse_dynamics.hpp"
#include "kinchain/dynamics/inverse_dynamics_tool.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/model/osim_model_reader.hpp"

namespace kinchain::bench {
namespace {

void perFrame(benchmark::State& state, const std::string& modelFile) {
  const auto model = model::readOsimModel(sharedData(modelFile));
  dynamics::InverseDynamicsData data(model);
  const auto nq = model.nq();
  Eigen::VectorXd q = model.defaultCoordinates(), qdot(nq), qddot(nq);
  for (Eigen::Index k = 0; k < nq; ++k) {
    qdot[k] = 0.5 * std::sin(static_cast<double>(k));
    qddot[k] = 2.0 * std::cos(static_cast<double>(k));
  }
  const std::vector<dynamics::AppliedBodyLoad> loads;
  for (auto _ : state) {
    benchmark::DoNotOptimize(dynamics::inverseDynamics(model, data, q, qdot, qddot, loads).data());
  }
}

void gait2354PerFrame(benchmark::State& state) {
  perFrame(state, "opensim-core/id_gait2354/subject01.osim");
}
void rajagopalPerFrame(benchmark::State& state) {
  perFrame(state, "opensim-core/models/model_Rajagopal2015_posed.osim");
}

// The whole gait2354 ID trial (coordinates already processed, loads already splined).
void gait2354Trial(benchmark::State& state) {
  const auto setup = dynamics::readInverseDynamicsSetup(
      sharedData("opensim-core/id_gait2354/subject01_Setup_InverseDynamics.xml"));
  const auto model = model::readOsimModel(setup.modelFile);
  const kinematics::CoordinateTrajectories coordinates(
      model, io::readSto(setup.coordinatesFile), setup.lowpassCutoffForCoordinates, "coordinates");
  const auto description = dynamics::readExternalLoads(setup.externalLoadsFile);
  const dynamics::ExternalLoadSeries loads(model, description, io::readSto(description.dataFile),
                                           "grf");
  const auto& times = coordinates.sampleTimes();
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const auto result =
        dynamics::computeInverseDynamics(model, coordinates, &loads, times, threads);
    benchmark::DoNotOptimize(result.values().data());
  }
  state.counters["frames_per_second"] = benchmark::Counter(
      static_cast<double>(times.size()), benchmark::Counter::kIsIterationInvariantRate);
}

// A 2 s, 100 Hz smooth synthetic motion of every unlocked Rajagopal 2015 coordinate (internal
// units), gravity only: the whole-trial cost on one thread and on every core.
void rajagopalTrial(benchmark::State& state) {
  const auto model =
      model::readOsimModel(sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  std::vector<double> time;
  for (int i = 0; i <= 200; ++i)
    time.push_back(i / 100.0);
  io::TimeSeriesTable motion(time);
  const Eigen::VectorXd defaults = model.defaultCoordinates();
  for (std::size_t k = 0; k < model.coordinates().size(); ++k) {
    const auto& coordinate = model.coordinates()[k];
    if (coordinate.locked) continue;
    Eigen::VectorXd values(static_cast<Eigen::Index>(time.size()));
    for (std::size_t i = 0; i < time.size(); ++i)
      values[static_cast<Eigen::Index>(i)] =
          defaults[static_cast<Eigen::Index>(k)] +
          0.1 * std::sin(2.0 * 3.141592653589793 * time[i] + static_cast<double>(k));
    motion.addScalarColumn(coordinate.name, values);
  }
  motion.setMetadata("inDegrees", "no");
  const kinematics::CoordinateTrajectories coordinates(model, motion, -1.0, "synthetic");
  const auto& times = coordinates.sampleTimes();
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    const auto result =
        dynamics::computeInverseDynamics(model, coordinates, nullptr, times, threads);
    benchmark::DoNotOptimize(result.values().data());
  }
  state.counters["frames_per_second"] = benchmark::Counter(
      static_cast<double>(times.size()), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(gait2354PerFrame)->Name("ID/gait2354/per_frame")->Unit(benchmark::kMicrosecond);
BENCHMARK(rajagopalTrial)
    ->Name("ID/rajagopal2015/trial")
    ->Arg(1)
    ->Arg(0)
    ->ArgName("threads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(rajagopalPerFrame)->Name("ID/rajagopal2015/per_frame")->Unit(benchmark::kMicrosecond);
BENCHMARK(gait2354Trial)
    ->Name("ID/gait2354/trial")
    ->Arg(1)
    ->Arg(0)
    ->ArgName("threads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace kinchain::bench
