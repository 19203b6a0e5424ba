// Cost of OpenSim's Scale tool steps on gait2354 (subject01 static trial, 300 frames, 39 model
// markers, 54 muscles): scale factors from 5 measurements, model scaling (with the default-pose
// muscle lengths before and after), and marker placement (IK on the averaged static frame).

#include <benchmark/benchmark.h>

#include <filesystem>

#include "kinchain/io/trc_file.hpp"
#include "kinchain/kinematics/marker_placement.hpp"
#include "kinchain/kinematics/model_scaling.hpp"
#include "kinchain/kinematics/scale_factors.hpp"
#include "kinchain/kinematics/scale_setup.hpp"
#include "kinchain/kinematics/scale_tool.hpp"
#include "kinchain/model/osim_model_reader.hpp"

namespace {

using namespace kinchain;

struct Gait2354Scale {
  Gait2354Scale()
      : setup(kinematics::readScaleSetup(std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) /
                                         "opensim-core/scale_gait2354/subject01_Setup_Scale.xml")),
        model(
            kinematics::applyMarkerSet(model::readOsimModel(setup.modelFile), setup.markerSetFile)),
        markers(io::readTrc(setup.scalerMarkerFile)) {}
  kinematics::ScaleSetup setup;
  model::Model model;
  io::TimeSeriesTable markers;
};

const Gait2354Scale& fixture() {
  static const Gait2354Scale instance;  // read once; immutable afterwards
  return instance;
}

void ScaleFactorsGait2354(benchmark::State& state) {
  const auto& f = fixture();
  for (auto _ : state) {
    benchmark::DoNotOptimize(kinematics::computeScaleFactors(f.model, f.markers, f.setup, "trc"));
  }
}
BENCHMARK(ScaleFactorsGait2354)->Unit(benchmark::kMillisecond);

void ScaleModelGait2354(benchmark::State& state) {
  const auto& f = fixture();
  const auto factors = kinematics::computeScaleFactors(f.model, f.markers, f.setup, "trc");
  kinematics::ModelScalingOptions options;
  options.subjectMass = f.setup.mass;
  options.preserveMassDistribution = f.setup.preserveMassDistribution;
  for (auto _ : state) {
    benchmark::DoNotOptimize(kinematics::scaleModel(f.model, factors.factors, options));
  }
}
BENCHMARK(ScaleModelGait2354)->Unit(benchmark::kMillisecond);

void PlaceMarkersGait2354(benchmark::State& state) {
  const auto& f = fixture();
  const auto factors = kinematics::computeScaleFactors(f.model, f.markers, f.setup, "trc");
  const auto scaled = kinematics::scaleModel(f.model, factors.factors).model;
  kinematics::MarkerPlacementOptions options;
  options.tasks = f.setup.placerTasks;
  options.timeRange = *f.setup.placerTimeRange;
  for (auto _ : state) {
    benchmark::DoNotOptimize(kinematics::placeMarkers(scaled, f.markers, options, "trc"));
  }
}
BENCHMARK(PlaceMarkersGait2354)->Unit(benchmark::kMillisecond);

}  // namespace
