// Forward kinematics per frame (all frames and markers) and marker Jacobians for gait2392
// (92 muscles, 39 markers, 3.x file) and Rajagopal 2015 (73 markers, 4.x file). Poses cycle
// through a fixed set inside the coordinate ranges so spline lookups vary like real motion.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/frame_jacobian.hpp"
#include "kinchain/model/osim_model_reader.hpp"

namespace {

using namespace kinchain::model;

const Model& sharedModel(const std::string& relative) {
  static const Model gait2392 = readOsimModel(std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) /
                                              "opensim-core/models/gait2392_millard_v30000.osim");
  static const Model rajagopal =
      readOsimModel(std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) /
                    "opensim-core/models/model_Rajagopal2015_posed.osim");
  return relative == "gait2392" ? gait2392 : rajagopal;
}

std::vector<Eigen::VectorXd> poses(const Model& model) {
  std::vector<Eigen::VectorXd> result;
  for (int k = 0; k < 64; ++k) {
    Eigen::VectorXd q = model.defaultCoordinates();
    for (Eigen::Index c = 0; c < q.size(); ++c)
      q[c] += 0.02 * static_cast<double>((k * 5 + c * 3) % 21 - 10);
    result.push_back(q);
  }
  return result;
}

void forwardKinematicsPerFrame(benchmark::State& state, const std::string& name) {
  const Model& model = sharedModel(name);
  Data data(model);
  const auto qs = poses(model);
  std::size_t frame = 0;
  for (auto _ : state) {
    forwardKinematics(model, data, qs[frame++ % qs.size()]);
    benchmark::DoNotOptimize(data.markerPositions.data());
  }
  state.counters["frames"] = static_cast<double>(model.frames().size());
  state.counters["markers"] = static_cast<double>(model.markers().size());
}

void markerJacobiansPerFrame(benchmark::State& state, const std::string& name) {
  const Model& model = sharedModel(name);
  Data data(model);
  const auto qs = poses(model);
  Eigen::Matrix3Xd J(3, model.nq());
  std::size_t frame = 0;
  for (auto _ : state) {
    forwardKinematics(model, data, qs[frame++ % qs.size()]);
    computeJointMotions(model, data);
    for (std::size_t m = 0; m < model.markers().size(); ++m) {
      markerJacobian(model, data, MarkerIndex(m), J);
      benchmark::DoNotOptimize(J.data());
    }
  }
}

BENCHMARK_CAPTURE(forwardKinematicsPerFrame, gait2392, std::string("gait2392"))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(forwardKinematicsPerFrame, rajagopal2015, std::string("rajagopal"))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(markerJacobiansPerFrame, gait2392, std::string("gait2392"))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(markerJacobiansPerFrame, rajagopal2015, std::string("rajagopal"))
    ->Unit(benchmark::kMicrosecond);

}  // namespace
