// Muscle-tendon mechanics speed: one equilibrium of every muscle of a model per "frame"
// (the cost static optimisation pays per frame when it evaluates muscle physiology), and the
// force-set reader on the largest shared model.

#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "kinchain/common/xml_document.hpp"
#include "kinchain/model/osim_force_reader.hpp"
#include "kinchain/muscle/muscle_equilibrium.hpp"

namespace {

using namespace kinchain;

std::filesystem::path sharedData(const std::string& relative) {
  return std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) / relative;
}

model::ForceSetDescription readForces(const std::string& relative) {
  const XmlDocument document = XmlDocument::fromFile(sharedData(relative));
  return model::readOsimForceSet(document, document.root().child("Model").child("ForceSet"),
                                 document.root().attribute("Version").as_int());
}

/// Solves every muscle at lengths around l_opt cos(phi) + 1.02 l_slack, velocity `velocity`.
void equilibriumAllMuscles(benchmark::State& state, const std::string& model,
                           muscle::TendonModel tendon, double velocity) {
  const auto forces = readForces(model);
  std::vector<muscle::MuscleMechanics> mechanics;
  std::vector<double> lengths;
  for (const auto& description : forces.muscles) {
    mechanics.push_back(muscle::buildMuscleMechanics(description, tendon));
    lengths.push_back(description.optimalFiberLength *
                          std::cos(description.pennationAngleAtOptimal) +
                      description.tendonSlackLength * 1.02);
  }
  int frame = 0;
  for (auto _ : state) {
    const double stretch = 0.95 + 0.1 * (frame++ % 11) / 10.0;  // vary the length per frame
    double total = 0.0;
    for (std::size_t k = 0; k < mechanics.size(); ++k) {
      total += muscle::solveMuscleEquilibrium(mechanics[k], 0.5, lengths[k] * stretch, velocity)
                   .tendonForce;
    }
    benchmark::DoNotOptimize(total);
  }
  state.counters["muscles"] = static_cast<double>(mechanics.size());
}

void BM_EquilibriumRajagopalMillardCompliant(benchmark::State& state) {
  equilibriumAllMuscles(state, "opensim-core/models/model_Rajagopal2015_posed.osim",
                        muscle::TendonModel::Compliant, 0.05);
}
void BM_EquilibriumRajagopalMillardRigid(benchmark::State& state) {
  equilibriumAllMuscles(state, "opensim-core/models/model_Rajagopal2015_posed.osim",
                        muscle::TendonModel::Rigid, 0.05);
}
void BM_EquilibriumGait2392ThelenCompliant(benchmark::State& state) {
  equilibriumAllMuscles(state, "opensim-models/gait2392_thelen2003muscle.osim",
                        muscle::TendonModel::Compliant, 0.05);
}
void BM_EquilibriumGait10dofMillardCompliant(benchmark::State& state) {
  equilibriumAllMuscles(state, "opensim-models/gait10dof18musc.osim",
                        muscle::TendonModel::Compliant, 0.05);
}

void BM_MillardActiveForceLengthCurve(benchmark::State& state) {
  const auto curve = muscle::millardActiveForceLengthCurve({});
  double x = 0.5;
  for (auto _ : state) {
    benchmark::DoNotOptimize(curve.evaluate(x));
    x = x > 1.7 ? 0.5 : x + 0.013;
  }
}

void BM_ReadForceSetRajagopal(benchmark::State& state) {
  const XmlDocument document =
      XmlDocument::fromFile(sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  const pugi::xml_node forceSet = document.root().child("Model").child("ForceSet");
  for (auto _ : state) {
    benchmark::DoNotOptimize(model::readOsimForceSet(document, forceSet, 40000));
  }
}

}  // namespace

BENCHMARK(BM_EquilibriumRajagopalMillardCompliant)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EquilibriumRajagopalMillardRigid)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EquilibriumGait2392ThelenCompliant)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EquilibriumGait10dofMillardCompliant)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MillardActiveForceLengthCurve)->Unit(benchmark::kNanosecond);
BENCHMARK(BM_ReadForceSetRajagopal)->Unit(benchmark::kMillisecond);
