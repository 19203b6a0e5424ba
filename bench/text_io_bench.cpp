// Read throughput of the TRC and STO/MOT parsers on OpenSim's larger test files. The files are
// loaded into memory once; each iteration parses the text (no disk I/O in the timed loop).

#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/trc_file.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

std::string sharedText(const std::string& relative) {
  const auto path = std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) / relative;
  std::ifstream stream(path, std::ios::binary);
  if (!stream) throw std::runtime_error("missing benchmark data: " + path.string());
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

void BM_ParseTrc_DataWithNaNsWithSpaces(benchmark::State& state) {
  const std::string text = sharedText("opensim-core/trc_format_cases/dataWithNaNsWithSpaces.trc");
  for (auto _ : state) {
    auto table = kinchain::io::parseTrc(text, "dataWithNaNsWithSpaces.trc");
    benchmark::DoNotOptimize(table);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseTrc_DataWithNaNsWithSpaces)->Unit(benchmark::kMillisecond);

void BM_ParseSto_Grf9009Rows(benchmark::State& state) {
  const std::string text =
      sharedText("opensim-core/so_gait10dof18musc_ankle_spring/subject01_walk1_grf.mot");
  for (auto _ : state) {
    auto table = kinchain::io::parseSto(text, "subject01_walk1_grf.mot");
    benchmark::DoNotOptimize(table);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ParseSto_Grf9009Rows)->Unit(benchmark::kMillisecond);

void BM_FormatSto_Grf9009Rows(benchmark::State& state) {
  const auto table = kinchain::io::parseSto(
      sharedText("opensim-core/so_gait10dof18musc_ankle_spring/subject01_walk1_grf.mot"),
      "subject01_walk1_grf.mot");
  std::int64_t bytes = 0;
  for (auto _ : state) {
    auto text = kinchain::io::formatSto(table);
    bytes += static_cast<std::int64_t>(text.size());
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_FormatSto_Grf9009Rows)->Unit(benchmark::kMillisecond);

}  // namespace
