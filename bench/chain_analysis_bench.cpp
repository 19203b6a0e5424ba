// "Explain it" stage speed: curves, metrics, asymmetry and findings for OpenSim's subject01
// walk (gait2354 IK 0.5-4 s at 60 Hz, OpenSim's ID result, events from the ground reactions)
// with the typical normal gait curve as reference. Joint powers come from the dynamics stage, so
// they are computed once, outside the timed loop.

#include <benchmark/benchmark.h>

#include "bench_paths.hpp"
#include "kinchain/chain/chain_analysis.hpp"
#include "kinchain/dynamics/joint_powers.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/model/osim_model_reader.hpp"

namespace kinchain::bench {
namespace {

void subject01Analysis(benchmark::State& state) {
  const auto coordinates =
      io::readSto(sharedData("opensim-core/id_gait2354/subject01_walk1_ik.mot"));
  const auto id =
      io::readSto(sharedData("opensim-core/id_gait2354/std_subject01_InverseDynamics.sto"));
  const auto grf = io::readSto(sharedData("opensim-core/id_gait2354/subject01_walk1_grf.mot"));
  const auto model = model::readOsimModel(sharedData("opensim-core/id_gait2354/subject01.osim"));
  const kinematics::CoordinateTrajectories trajectories(model, coordinates, 6.0, "ik.mot");
  const auto powers = dynamics::computeJointPowers(model, trajectories, id);
  chain::ChainInputs inputs;
  inputs.coordinates = &coordinates;
  inputs.inverseDynamics = &id;
  inputs.jointPowers = &powers;
  inputs.groundReactions = &grf;
  inputs.bodyMassKg = 72.6;  // subject01.osim, sum of body masses
  kinematics::ForceContactOptions options;
  options.resolutionSeconds = 1.0 / 60.0;
  for (const Side side : {Side::Left, Side::Right}) {
    const auto column = side == Side::Left ? "l_ground_force_vy" : "ground_force_vy";
    const auto contacts = kinematics::contactsFromVerticalForce(
        grf.time(), grf.scalarColumn(grf.requireColumn(column)), options);
    for (const auto& event : kinematics::eventsFromContacts(contacts, side))
      inputs.events.push_back(event);
  }
  kinematics::sortEvents(inputs.events);
  const chain::TypicalGait reference = chain::normalGait();
  for (auto _ : state) {
    const chain::ChainAnalysis analysis = chain::analyseChain(inputs, &reference);
    benchmark::DoNotOptimize(analysis.metrics.data());
  }
}
BENCHMARK(subject01Analysis)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kinchain::bench
