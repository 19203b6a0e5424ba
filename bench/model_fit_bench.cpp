// Cost of fitting the default model to a recorded trial (fitModelToMarkers): the bundled Plug-in
// Gait walk (255 frames, 16 protocol markers, no static trial: scaling from the walk and
// marker placement over 25 frames x 5 IK passes) and OpenSim's subject01 (static trial of 300
// frames + walk). Recognition alone is timed separately; the .osim text (a file write and read)
// is part of the fit.

#include <benchmark/benchmark.h>

#include "bench_paths.hpp"
#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "kinchain/kinematics/marker_protocol.hpp"
#include "kinchain/kinematics/model_fit.hpp"
#include "kinchain/model/default_model.hpp"

namespace {

using namespace kinchain;

struct Trials {
  model::Model model = model::loadDefaultModel();
  io::TimeSeriesTable pig =
      kinematics::readMarkerFile(bench::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d"));
  io::TimeSeriesTable walk = kinematics::readMarkerFile(
      bench::sharedData("opensim-core/subject01_walk1_experimental/subject01_walk1.trc"));
  io::TimeSeriesTable standing = kinematics::readMarkerFile(
      bench::sharedData("opensim-core/scale_gait2354/subject01_static.trc"));
};

const Trials& trials() {
  static const Trials instance;  // read once; immutable afterwards
  return instance;
}

void RecognizeProtocolPlugInGait(benchmark::State& state) {
  const auto labels = kinematics::markerLabels(trials().pig);
  for (auto _ : state)
    benchmark::DoNotOptimize(kinematics::recognizeMarkerProtocol(labels, "PiG"));
}
BENCHMARK(RecognizeProtocolPlugInGait)->Unit(benchmark::kMicrosecond);

void FitModelPlugInGaitTrialOnly(benchmark::State& state) {
  const auto& t = trials();
  for (auto _ : state)
    benchmark::DoNotOptimize(kinematics::fitModelToMarkers(t.model, t.pig, nullptr, {}));
}
BENCHMARK(FitModelPlugInGaitTrialOnly)->Unit(benchmark::kMillisecond);

void FitModelGait2354StaticAndWalk(benchmark::State& state) {
  const auto& t = trials();
  kinematics::ModelFitOptions options;
  options.bodyMassKg = 72.6;
  for (auto _ : state)
    benchmark::DoNotOptimize(kinematics::fitModelToMarkers(t.model, t.walk, &t.standing, options));
}
BENCHMARK(FitModelGait2354StaticAndWalk)->Unit(benchmark::kMillisecond);

}  // namespace
