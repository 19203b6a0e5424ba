// Inverse kinematics speed: milliseconds per frame, single thread, warm-started frame to frame
// (as a trial runs), and whole trials on every core. gait2354: OpenSim's IK test trial.
// Rajagopal 2015: markers made by forward kinematics of a swinging pose, so every frame needs
// a real solve.

#include <benchmark/benchmark.h>

#include <cmath>

#include "bench_paths.hpp"
#include "kinchain/io/trc_file.hpp"
#include "kinchain/kinematics/inverse_kinematics.hpp"
#include "kinchain/kinematics/inverse_kinematics_setup.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"

namespace kinchain::bench {
namespace {

struct Gait2354Trial {
  kinematics::InverseKinematicsSetup setup = kinematics::readInverseKinematicsSetup(
      sharedData("opensim-core/ik_gait2354/subject01_Setup_InverseKinematics.xml"));
  model::Model model = model::readOsimModel(setup.modelFile);
  io::TimeSeriesTable markers = io::readTrc(setup.markerFile);
  kinematics::InverseKinematicsProblem problem{model, markers, setup.tasks};
};

struct RajagopalTrial {
  model::Model model =
      model::readOsimModel(sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  io::TimeSeriesTable markers = makeMarkers();
  kinematics::InverseKinematicsProblem problem{model, markers, kinematics::IkTaskSet{}};

  io::TimeSeriesTable makeMarkers() const {
    constexpr int frames = 120;
    std::vector<double> time;
    for (int frame = 0; frame < frames; ++frame)
      time.push_back(frame / 100.0);
    io::TimeSeriesTable table(time);
    model::Data data(model);
    const auto markerCount = static_cast<Eigen::Index>(model.markers().size());
    Eigen::MatrixXd positions(frames, 3 * markerCount);
    for (int frame = 0; frame < frames; ++frame) {
      Eigen::VectorXd q = model.defaultCoordinates();
      const double phase = 2.0 * 3.14159265358979 * frame / frames;
      for (Eigen::Index k = 0; k < q.size(); ++k) {
        const auto& coordinate = model.coordinates()[static_cast<std::size_t>(k)];
        if (coordinate.locked) continue;
        const double mid = 0.5 * (coordinate.rangeMin + coordinate.rangeMax);
        const double half = 0.25 * (coordinate.rangeMax - coordinate.rangeMin);
        q[k] = mid + half * std::sin(phase + 0.1 * static_cast<double>(k));
      }
      model::applyCouplerConstraints(model, q);
      model::forwardKinematics(model, data, q);
      positions.row(frame) = data.markerPositions.reshaped().transpose();
    }
    for (Eigen::Index marker = 0; marker < markerCount; ++marker) {
      table.addVector3Column(model.markers()[static_cast<std::size_t>(marker)].name,
                             positions.middleCols(3 * marker, 3), "m");
    }
    return table;
  }
};

template <class Trial>
void perFrameSingleThread(benchmark::State& state) {
  static const Trial trial;
  const auto frames = trial.problem.frameCount();
  for (auto _ : state) {
    const auto result = kinematics::solveInverseKinematicsTrial(trial.problem, 0, frames, {}, 1);
    benchmark::DoNotOptimize(result.frames.back().q.data());
  }
  // Rate inverted: seconds per frame (printed with a time unit).
  state.counters["time_per_frame"] = benchmark::Counter(
      static_cast<double>(frames),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["frames"] = static_cast<double>(frames);
}

template <class Trial>
void wholeTrialAllCores(benchmark::State& state) {
  static const Trial trial;
  const auto frames = trial.problem.frameCount();
  for (auto _ : state) {
    const auto result = kinematics::solveInverseKinematicsTrial(trial.problem, 0, frames, {}, 0);
    benchmark::DoNotOptimize(result.frames.back().q.data());
  }
  state.counters["frames_per_second"] = benchmark::Counter(
      static_cast<double>(frames), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(perFrameSingleThread<Gait2354Trial>)
    ->Name("IK/gait2354/single_thread")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(perFrameSingleThread<RajagopalTrial>)
    ->Name("IK/rajagopal2015/single_thread")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(wholeTrialAllCores<Gait2354Trial>)
    ->Name("IK/gait2354/all_cores")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(wholeTrialAllCores<RajagopalTrial>)
    ->Name("IK/rajagopal2015/all_cores")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace kinchain::bench
