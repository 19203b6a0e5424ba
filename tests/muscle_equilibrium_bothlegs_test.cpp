// Schutte (1993) muscle equilibrium against OpenSim's MuscleAnalysis of BothLegs.osim
// (Applications/Analyze/tests/testAnalyzeTool.cpp): the states files sweep the knee (hip at 0 and
// at 45 degrees) with activation 1; OpenSim equilibrates each muscle
// (ActivationFiberLengthMuscle_Deprecated::computeInitialFiberEquilibrium ->
// Schutte1993Muscle_Deprecated::computeIsometricForce) and reports fibre lengths. Acceptance
// (issue 5): RMS < 1e-4 m per column, compared as Storage::compareWithStandard does.

#include <gtest/gtest.h>

#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/table_comparison.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/geometry_path.hpp"
#include "kinchain/muscle/muscle_equilibrium.hpp"
#include "test_paths.hpp"

namespace kinchain::muscle {
namespace {

constexpr double kFiberLengthRmsTolerance = 1e-4;  // m, issue 5 acceptance (testAnalyzeTool)

io::TimeSeriesTable fiberLengthsOverStates(const model::Model& model,
                                           const io::TimeSeriesTable& states,
                                           const std::vector<std::string>& muscles) {
  // Coordinates from the states file (radians / metres: inDegrees=no).
  std::vector<std::size_t> coordinateColumns;
  for (const auto& coordinate : model.coordinates()) {
    coordinateColumns.push_back(states.requireColumn(coordinate.name));
  }
  std::vector<model::MuscleIndex> indices;
  std::vector<MuscleMechanics> mechanics;
  std::vector<std::size_t> activationColumns;
  for (const auto& name : muscles) {
    // By name through the descriptions (Model::findMuscle's name table is not filled yet on the
    // model branch).
    std::optional<model::MuscleIndex> index;
    for (std::size_t i = 0; i < model.muscleCount() && !index; ++i) {
      if (model.muscle(model::MuscleIndex(i)).name == name) index = model::MuscleIndex(i);
    }
    if (!index) throw std::runtime_error("BothLegs has no muscle " + name);
    indices.push_back(*index);
    mechanics.push_back(buildMuscleMechanics(model.muscle(*index)));
    activationColumns.push_back(states.requireColumn(name + ".activation"));
  }
  model::Data data(model);
  PathData pathData(model);
  io::TimeSeriesTable result(states.time());
  std::vector<Eigen::VectorXd> lengths(muscles.size(), Eigen::VectorXd(states.rowCount()));
  Eigen::VectorXd q(model.nq());
  for (Eigen::Index row = 0; row < states.rowCount(); ++row) {
    for (Eigen::Index j = 0; j < model.nq(); ++j) {
      q[j] = states.scalar(row, coordinateColumns[static_cast<std::size_t>(j)]);
    }
    // The files hold the patella coordinates at constant values; OpenSim assembles the model,
    // which sets them from the knee angle through the CoordinateCouplerConstraints.
    model::applyCouplerConstraints(model, q);
    model::forwardKinematics(model, data, q);
    computePathGeometry(model, data, pathData);
    for (std::size_t k = 0; k < muscles.size(); ++k) {
      const double pathLength = pathData.lengths[static_cast<Eigen::Index>(indices[k].value())];
      const double activation = states.scalar(row, activationColumns[k]);
      const auto state = solveMuscleEquilibrium(mechanics[k], activation, pathLength, 0.0);
      EXPECT_EQ(state.status, EquilibriumStatus::Converged) << muscles[k] << " row " << row;
      lengths[k][row] = state.fiberLength;
    }
  }
  for (std::size_t k = 0; k < muscles.size(); ++k)
    result.addScalarColumn(muscles[k], lengths[k]);
  return result;
}

TEST(MuscleEquilibriumBothLegs, SchutteFiberLengthsMatchOpenSimMuscleAnalysis) {
  const model::Model model =
      model::readOsimModel(test::sharedData("opensim-core/muscle_analysis_bothlegs/BothLegs.osim"));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plotterGeneratedStates.sto", "std_BothLegs_fiberLength.sto"},
      {"plotterGeneratedStatesHip45.sto", "std_BothLegsHip45__FiberLength.sto"}};
  for (const auto& [statesFile, standardFile] : cases) {
    SCOPED_TRACE(statesFile);
    const auto states =
        io::readSto(test::sharedData("opensim-core/muscle_analysis_bothlegs/" + statesFile));
    const auto standard =
        io::readSto(test::sharedData("opensim-core/muscle_analysis_bothlegs/" + standardFile));
    const auto result = fiberLengthsOverStates(model, states, {"RF", "VASINT"});
    const auto comparisons = io::compareWithStandard(result, standard);
    ASSERT_EQ(comparisons.size(), 2u);
    for (const auto& c : comparisons) {
      EXPECT_LT(c.rms, kFiberLengthRmsTolerance) << c.label << " max " << c.maxAbs;
      EXPECT_EQ(c.samples, 100u);
      std::cout << statesFile << " " << c.label << ": RMS " << c.rms << " m, max " << c.maxAbs
                << " m\n";
    }
  }
}

}  // namespace
}  // namespace kinchain::muscle
