// The per-muscle capacity OpenSim's StaticOptimization uses with muscle physiology,
// Muscle::calcInextensibleTendonActiveFiberForce(state, 1), checked against OpenSim's own
// results: SO writes force_i = activation_i x capacity_i (StaticOptimizationTarget), so the ratio
// of the std force and activation files is OpenSim's capacity at each frame
// (testStaticOptimization.cpp, gait10dof18musc with ankle spring, Millard2012 muscles).
//
// Inputs are the same coordinates OpenSim used (walk_subject01_Kinematics_q.sto, 1 kHz, not
// filtered); path lengths and lengthening speeds come from the geometry path. OpenSim takes the
// speeds from a GCV spline of the coordinates; here they are central differences at 1 kHz.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/io/sto_file.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/geometry_path.hpp"
#include "kinchain/muscle/muscle_equilibrium.hpp"
#include "test_paths.hpp"

namespace kinchain::muscle {
namespace {

// The std activations are printed with 8 decimals; above 0.02 that is < 5e-7 relative. The
// remaining difference comes from the speed estimate: the force-velocity slope at isometric is 5
// (ForceVelocityCurve default), so a lengthening-speed difference of 1 mm/s on a 0.1 m fibre
// (v_max 10 l_opt/s) changes the capacity by 0.5 %. Tolerance: 1 % relative.
constexpr double kMinimumActivation = 0.02;
constexpr double kRelativeTolerance = 0.01;

TEST(MuscleEquilibriumStaticOptimization, MillardCapacityMatchesOpenSimForceOverActivation) {
  const std::string dir = "opensim-core/so_gait10dof18musc_ankle_spring/";
  const model::Model model =
      model::readOsimModel(test::sharedData(dir + "subject01_adjusted_spring.osim"));
  const auto kinematics = io::readSto(test::sharedData(dir + "walk_subject01_Kinematics_q.sto"));
  const auto activations = io::readSto(
      test::sharedData(dir + "std_walk_subject01_ankle_spring_StaticOptimization_activation.sto"));
  const auto forces = io::readSto(
      test::sharedData(dir + "std_walk_subject01_ankle_spring_StaticOptimization_force.sto"));
  ASSERT_TRUE(io::stoIsInDegrees(kinematics));

  const Eigen::Index nq = model.nq();
  std::vector<std::size_t> qColumns;
  std::vector<double> toInternal;  // degrees -> radians for rotational coordinates
  for (const auto& coordinate : model.coordinates()) {
    qColumns.push_back(kinematics.requireColumn(coordinate.name));
    toInternal.push_back(
        coordinate.motionType == model::MotionType::Rotational ? std::numbers::pi / 180.0 : 1.0);
  }
  const auto coordinatesAt = [&](Eigen::Index row) {
    Eigen::VectorXd q(nq);
    for (Eigen::Index j = 0; j < nq; ++j) {
      const auto k = static_cast<std::size_t>(j);
      q[j] = kinematics.scalar(row, qColumns[k]) * toInternal[k];
    }
    return q;
  };

  std::vector<MuscleMechanics> mechanics;
  for (std::size_t i = 0; i < model.muscleCount(); ++i) {
    mechanics.push_back(buildMuscleMechanics(model.muscle(model::MuscleIndex(i))));
  }
  model::Data data(model);
  PathData pathData(model);
  double worst = 0.0;
  std::string worstWhere;
  int compared = 0;
  const auto& times = kinematics.time();
  for (Eigen::Index row = 0; row < activations.rowCount(); ++row) {
    const double t = activations.time()[static_cast<std::size_t>(row)];
    const auto found = std::lower_bound(times.begin(), times.end(), t - 1e-9);
    ASSERT_TRUE(found != times.end() && std::abs(*found - t) < 1e-9) << t;
    const auto k = static_cast<Eigen::Index>(found - times.begin());
    const auto ku = static_cast<std::size_t>(k);
    const Eigen::VectorXd q = coordinatesAt(k);
    const Eigen::VectorXd qdot =
        (coordinatesAt(k + 1) - coordinatesAt(k - 1)) / (times[ku + 1] - times[ku - 1]);
    model::forwardKinematics(model, data, q);
    computePathGeometry(model, data, pathData);
    computeLengthGradients(model, data, pathData);
    computeLengtheningSpeeds(pathData, qdot);
    for (std::size_t i = 0; i < model.muscleCount(); ++i) {
      const std::string& name = model.muscle(model::MuscleIndex(i)).name;
      const double activation = activations.scalar(row, activations.requireColumn(name));
      if (activation < kMinimumActivation) continue;
      const double openSim = forces.scalar(row, forces.requireColumn(name)) / activation;
      const auto p = static_cast<Eigen::Index>(i);
      const double ours = inextensibleTendonActiveFiberForce(mechanics[i], 1.0, pathData.lengths[p],
                                                             pathData.speeds[p]);
      const double relative = std::abs(ours - openSim) / openSim;
      if (relative > worst) {
        worst = relative;
        worstWhere = name + " at t = " + std::to_string(t);
      }
      EXPECT_LT(relative, kRelativeTolerance)
          << name << " t " << t << " ours " << ours << " OpenSim " << openSim;
      ++compared;
    }
  }
  EXPECT_GT(compared, 100);
  std::cout << "SO capacity: " << compared << " muscle-frames, worst relative difference " << worst
            << " (" << worstWhere << ")\n";
}

}  // namespace
}  // namespace kinchain::muscle
