// Whole `kinchain analyze` on the bundled Plug-in Gait trial: wall time per analysis and each
// stage's share of it (counters "<stage>_share", fractions of the total), single thread and
// every core.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <string>

#include "bench_paths.hpp"
#include "kinchain/analysis/analysis_pipeline.hpp"

namespace {

void analysePlugInGait(benchmark::State& state) {
  kinchain::analysis::AnalysisRequest request;
  request.trial = kinchain::bench::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d");
  request.outputDirectory = std::filesystem::temp_directory_path() / "kinchain_analyze_bench";
  request.threads = static_cast<int>(state.range(0));
  std::map<std::string, double> stageSeconds;
  double total = 0.0;
  for (auto _ : state) {
    const auto outcome = kinchain::analysis::runAnalysis(request);
    for (const auto& stage : outcome.results["stages"]) {
      const double seconds = stage["seconds"].get<double>();
      stageSeconds[stage["name"].get<std::string>()] += seconds;
      total += seconds;
    }
  }
  for (const auto& [stage, seconds] : stageSeconds)
    state.counters[stage + "_share"] = total > 0.0 ? seconds / total : 0.0;
  state.counters["frames"] = 255;
}
BENCHMARK(analysePlugInGait)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
