// Per-frame cost of muscle-tendon paths on gait2392 (92 muscles, no wrap objects) and Rajagopal
// 2015 (80 muscles, 40 wrap cylinders): forward kinematics + all lengths, and forward kinematics
// + all lengths + all moment arms (every muscle about every coordinate). Frames cycle through
// 64 poses spread over each coordinate's range so wrapping switches on and off as in gait.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/geometry_path.hpp"
#include "kinchain/muscle/moment_arm.hpp"

namespace {

using namespace kinchain;

const model::Model& sharedModel(const char* relative) {
  static std::vector<std::pair<std::string, std::unique_ptr<model::Model>>> cache;
  for (const auto& [name, loaded] : cache) {
    if (name == relative) return *loaded;
  }
  cache.emplace_back(relative, std::make_unique<model::Model>(model::readOsimModel(
                                   std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) / relative)));
  return *cache.back().second;
}

// 64 poses: each coordinate swings sinusoidally through the middle half of its range (limited
// to default ± 1 rad / ± 0.1 m), with a different phase per coordinate.
std::vector<Eigen::VectorXd> poses(const model::Model& model) {
  std::vector<Eigen::VectorXd> result;
  for (int frame = 0; frame < 64; ++frame) {
    Eigen::VectorXd q = model.defaultCoordinates();
    for (Eigen::Index j = 0; j < model.nq(); ++j) {
      const auto& coordinate =
          model.coordinate(model::CoordinateIndex(static_cast<std::size_t>(j)));
      const double window = coordinate.motionType == model::MotionType::Translational ? 0.1 : 1.0;
      const double low = std::max(coordinate.rangeMin, coordinate.defaultValue - window);
      const double high = std::min(coordinate.rangeMax, coordinate.defaultValue + window);
      q[j] = 0.5 * (low + high) +
             0.25 * (high - low) * std::sin(2 * std::numbers::pi * frame / 64.0 + 0.7 * j);
    }
    model::applyCouplerConstraints(model, q);
    result.push_back(q);
  }
  return result;
}

void lengths(benchmark::State& state, const char* file, bool momentArms) {
  const model::Model& model = sharedModel(file);
  model::Data data(model);
  muscle::PathData pathData(model);
  const auto trajectory = poses(model);
  std::size_t frame = 0;
  for (auto _ : state) {
    const Eigen::VectorXd& q = trajectory[frame++ % trajectory.size()];
    model::forwardKinematics(model, data, q);
    muscle::computePathGeometry(model, data, pathData);
    if (momentArms) {
      muscle::computeLengthGradients(model, data, pathData);
      muscle::computeMomentArms(model, data, pathData);
    }
    benchmark::DoNotOptimize(pathData.lengths.data());
    benchmark::DoNotOptimize(pathData.moment_arms.data());
  }
  state.counters["muscles"] = static_cast<double>(model.muscleCount());
  state.counters["coordinates"] = static_cast<double>(model.nq());
}

void BM_Gait2392_LengthsPerFrame(benchmark::State& state) {
  lengths(state, "opensim-core/models/gait2392_millard_v30000.osim", false);
}
void BM_Gait2392_LengthsAndMomentArmsPerFrame(benchmark::State& state) {
  lengths(state, "opensim-core/models/gait2392_millard_v30000.osim", true);
}
void BM_Rajagopal2015_LengthsPerFrame(benchmark::State& state) {
  lengths(state, "opensim-core/models/model_Rajagopal2015_posed.osim", false);
}
void BM_Rajagopal2015_LengthsAndMomentArmsPerFrame(benchmark::State& state) {
  lengths(state, "opensim-core/models/model_Rajagopal2015_posed.osim", true);
}
BENCHMARK(BM_Gait2392_LengthsPerFrame)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Gait2392_LengthsAndMomentArmsPerFrame)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Rajagopal2015_LengthsPerFrame)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Rajagopal2015_LengthsAndMomentArmsPerFrame)->Unit(benchmark::kMicrosecond);

}  // namespace
