// The per-muscle capacity OpenSim's StaticOptimization uses with muscle physiology,
// Muscle::calcInextensibleTendonActiveFiberForce(state, 1), checked against OpenSim's own
// results: SO writes force_i = activation_i x capacity_i (StaticOptimizationTarget), so the ratio
// of the std force and activation files is OpenSim's capacity at each frame
// (testStaticOptimization.cpp: gait10dof18musc with ankle spring, Millard2012 muscles; arm26,
// Thelen2003 muscles).
//
// Inputs are the coordinates OpenSim used (gait: 1 kHz, not filtered); path lengths and
// lengthening speeds come from the geometry path. OpenSim takes the speeds from a GCV spline of
// the coordinates; here they are central differences of the file's samples.

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

struct CapacityComparison {
  int compared = 0;
  double worst = 0.0;
  std::string worstWhere;
};

/// Compares inextensibleTendonActiveFiberForce(a = 1) with OpenSim's force / activation at every
/// SO frame (activation >= kMinimumActivation), with coordinates and central-difference speeds
/// from `kinematicsFile` at the frame's time.
CapacityComparison compareCapacities(const std::string& dir, const std::string& modelFile,
                                     const std::string& kinematicsFile,
                                     const std::string& activationFile,
                                     const std::string& forceFile, double relativeTolerance,
                                     double fromTime, double toTime) {
  const model::Model model = model::readOsimModel(test::sharedData(dir + modelFile));
  const auto kinematics = io::readSto(test::sharedData(dir + kinematicsFile));
  const auto activations = io::readSto(test::sharedData(dir + activationFile));
  const auto forces = io::readSto(test::sharedData(dir + forceFile));
  const bool degrees = io::stoIsInDegrees(kinematics);

  const Eigen::Index nq = model.nq();
  std::vector<std::size_t> qColumns;
  std::vector<double> toInternal;  // degrees -> radians for rotational coordinates
  for (const auto& coordinate : model.coordinates()) {
    qColumns.push_back(kinematics.requireColumn(coordinate.name));
    toInternal.push_back(degrees && coordinate.motionType == model::MotionType::Rotational
                             ? std::numbers::pi / 180.0
                             : 1.0);
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
  CapacityComparison result;
  const auto& times = kinematics.time();
  for (Eigen::Index row = 0; row < activations.rowCount(); ++row) {
    const double t = activations.time()[static_cast<std::size_t>(row)];
    if (t < fromTime || t > toTime) continue;
    // The kinematics row at the same time (OpenSim prints times with rounding: 1e-5 s slack).
    const auto found = std::lower_bound(times.begin(), times.end(), t - 1e-5);
    if (found == times.end() || std::abs(*found - t) > 1e-5) {
      ADD_FAILURE() << "no kinematics row at t = " << t;
      continue;
    }
    const auto k = static_cast<Eigen::Index>(found - times.begin());
    if (k == 0 || k + 1 >= kinematics.rowCount()) continue;  // needs both neighbours
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
      if (relative > result.worst) {
        result.worst = relative;
        result.worstWhere = name + " at t = " + std::to_string(t);
      }
      EXPECT_LT(relative, relativeTolerance)
          << name << " t " << t << " ours " << ours << " OpenSim " << openSim;
      ++result.compared;
    }
  }
  return result;
}

TEST(MuscleEquilibriumStaticOptimization, MillardCapacityMatchesOpenSimForceOverActivation) {
  const auto result = compareCapacities(
      "opensim-core/so_gait10dof18musc_ankle_spring/", "subject01_adjusted_spring.osim",
      "walk_subject01_Kinematics_q.sto",
      "std_walk_subject01_ankle_spring_StaticOptimization_activation.sto",
      "std_walk_subject01_ankle_spring_StaticOptimization_force.sto", kRelativeTolerance, 0.5, 1.3);
  EXPECT_GT(result.compared, 100);
  std::cout << "Millard SO capacity (gait10dof18musc): " << result.compared
            << " muscle-frames, worst relative difference " << result.worst << " ("
            << result.worstWhere << ")\n";
}

TEST(MuscleEquilibriumStaticOptimization, ThelenCapacityMatchesOpenSimForceOverActivation) {
  // arm26: OpenSim low-passes the coordinates at 6 Hz before SO; for this slow curl the raw IK
  // coordinates differ little from the filtered ones away from the ends of the file, where the
  // filter's padding matters. Compared over the setup's window, 0.25-0.75 s
  // (arm26_Setup_StaticOptimization.xml), with the same 1 % tolerance.
  const auto result = compareCapacities(
      "opensim-core/so_arm26/", "arm26.osim", "arm26_InverseKinematics.mot",
      "std_Thelen2003Muscle_arm26_StaticOptimization_activation.sto",
      "std_Thelen2003Muscle_arm26_StaticOptimization_force.sto", kRelativeTolerance, 0.25, 0.75);
  EXPECT_GT(result.compared, 50);
  std::cout << "Thelen SO capacity (arm26): " << result.compared
            << " muscle-frames, worst relative difference " << result.worst << " ("
            << result.worstWhere << ")\n";
}

}  // namespace
}  // namespace kinchain::muscle
