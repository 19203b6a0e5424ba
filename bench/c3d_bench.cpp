// C3D read throughput (MB/s): parsing from memory (header, parameters, points, analog, force
// platform wrenches) for OpenSim's walking2.c3d and BTKData's Plug-in Gait trial.

#include <benchmark/benchmark.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kinchain/io/c3d_file.hpp"

namespace {

std::vector<std::byte> loadShared(const std::string& relative) {
  const auto path = std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) / relative;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing benchmark input " + path.string());
  const std::vector<char> text((std::istreambuf_iterator<char>(file)),
                               std::istreambuf_iterator<char>());
  std::vector<std::byte> bytes(text.size());
  std::memcpy(bytes.data(), text.data(), text.size());
  return bytes;
}

void parseBenchmark(benchmark::State& state, const std::string& relative) {
  const auto bytes = loadShared(relative);
  for (auto _ : state) {
    auto trial = kinchain::io::parseC3d(bytes, relative);
    benchmark::DoNotOptimize(trial.points.values().data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes.size()));
}

void BM_C3dParseWalking2(benchmark::State& state) {
  parseBenchmark(state, "opensim-core/c3d_walking2/walking2.c3d");
}
BENCHMARK(BM_C3dParseWalking2)->Unit(benchmark::kMillisecond);

void BM_C3dParsePlugInGait(benchmark::State& state) {
  parseBenchmark(state, "btkdata/PiG_Motion-FlatFoot-One.c3d");
}
BENCHMARK(BM_C3dParsePlugInGait)->Unit(benchmark::kMillisecond);

void BM_C3dParseGaitDec(benchmark::State& state) {
  parseBenchmark(state, "btkdata/Gait.c3d");
}
BENCHMARK(BM_C3dParseGaitDec)->Unit(benchmark::kMillisecond);

}  // namespace
