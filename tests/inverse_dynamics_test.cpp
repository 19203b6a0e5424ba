#include "kinchain/dynamics/inverse_dynamics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "kinchain/dynamics/external_loads.hpp"
#include "kinchain/dynamics/inverse_dynamics_tool.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/table_comparison.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::dynamics {
namespace {

// Runs a setup into a scratch directory and compares every column with OpenSim's result.
void expectMatchesOpenSim(const std::string& setupFile, const std::string& standardFile,
                          double tolerance, const std::string& label) {
  auto setup = readInverseDynamicsSetup(test::sharedData(setupFile));
  IdToolOptions options;
  options.outputDirectory = test::scratchDirectory("id");
  const auto report = runInverseDynamicsTool(setup, options);
  const auto result = io::readSto(report.outputFile);
  const auto standard = io::readSto(test::sharedData(standardFile));
  const auto comparison = io::compareWithStandard(result, standard);
  ASSERT_FALSE(comparison.empty());
  double worst = 0.0;
  std::string worstColumn;
  for (const auto& column : comparison) {
    EXPECT_LT(column.rms, tolerance) << column.label;
    if (column.rms > worst) {
      worst = column.rms;
      worstColumn = column.label;
    }
  }
  std::cout << "[ ID " << label << " ] " << comparison.size()
            << " columns, worst RMS vs OpenSim: " << worst << " (" << worstColumn << "), tolerance "
            << tolerance << "\n";
}

// testID.cpp testArm26: RMS < 1e-2 N*m per column.
TEST(InverseDynamics, Arm26MatchesOpenSim) {
  expectMatchesOpenSim("opensim-core/id_arm26/arm26_Setup_InverseDynamics.xml",
                       "opensim-core/id_arm26/std_arm26_InverseDynamics.sto", 1e-2, "arm26");
}

// testID.cpp testGait: RMS < 2.0 N*m or N per column.
TEST(InverseDynamics, Gait2354MatchesOpenSim) {
  expectMatchesOpenSim("opensim-core/id_gait2354/subject01_Setup_InverseDynamics.xml",
                       "opensim-core/id_gait2354/std_subject01_InverseDynamics.sto", 2.0,
                       "gait2354");
}

// The joint powers written beside the generalized forces: one "<coordinate>_power" (W) per
// moment column, equal to the moment times the angular velocity of the processed coordinates
// (rad/s), checked against central differences of the same trajectories (h = 1e-5 s: O(h^2)
// truncation, rounding ~1e-16 / h, far below the 1e-6 relative tolerance).
TEST(InverseDynamics, JointPowersAreMomentTimesAngularVelocity) {
  auto setup = readInverseDynamicsSetup(
      test::sharedData("opensim-core/id_gait2354/subject01_Setup_InverseDynamics.xml"));
  IdToolOptions options;
  options.outputDirectory = test::scratchDirectory("id");
  const auto report = runInverseDynamicsTool(setup, options);
  ASSERT_TRUE(std::filesystem::exists(report.powersFile));
  const auto forces = io::readSto(report.outputFile);
  const auto powers = io::readSto(report.powersFile);
  ASSERT_EQ(powers.rowCount(), forces.rowCount());
  const auto model = model::readOsimModel(setup.modelFile);
  const kinematics::CoordinateTrajectories coordinates(model, io::readSto(setup.coordinatesFile),
                                                       setup.lowpassCutoffForCoordinates, "ik");
  int checked = 0;
  for (const auto& label : forces.labels()) {
    if (!label.ends_with("_moment")) continue;
    const std::string name = label.substr(0, label.size() - 7);
    const auto power = powers.findColumn(name + "_power");
    ASSERT_TRUE(power.has_value()) << name;
    const auto index = model.findCoordinate(name);
    ASSERT_TRUE(index.has_value()) << name;
    const auto k = static_cast<Eigen::Index>(index->value());
    for (Eigen::Index row = 0; row < forces.rowCount(); row += 17) {
      const double t = forces.time()[static_cast<std::size_t>(row)];
      const double h = 1e-5;
      Eigen::VectorXd qPlus, qMinus, unused1, unused2;
      coordinates.evaluate(t + h, qPlus, unused1, unused2);
      coordinates.evaluate(t - h, qMinus, unused1, unused2);
      const double velocity = (qPlus[k] - qMinus[k]) / (2 * h);
      const double expected = forces.scalarColumn(forces.requireColumn(label))[row] * velocity;
      EXPECT_NEAR(powers.scalarColumn(*power)[row], expected, 1e-6 * (1.0 + std::abs(expected)))
          << name << " t = " << t;
    }
    ++checked;
  }
  // gait2354 moments: hip (3 axes) x 2, knee x 2, ankle x 2, lumbar (3) and pelvis rotations.
  EXPECT_GE(checked, 11);
  EXPECT_TRUE(powers.findColumn("ankle_angle_r_power").has_value());
  EXPECT_TRUE(powers.findColumn("hip_adduction_l_power").has_value());
}

// Frames are independent: splitting a trial across threads gives the same numbers, bit for bit.
TEST(InverseDynamics, ResultsDoNotDependOnTheThreadCount) {
  const auto setup = readInverseDynamicsSetup(
      test::sharedData("opensim-core/id_gait2354/subject01_Setup_InverseDynamics.xml"));
  const auto model = model::readOsimModel(setup.modelFile);
  const kinematics::CoordinateTrajectories coordinates(model, io::readSto(setup.coordinatesFile),
                                                       setup.lowpassCutoffForCoordinates, "ik");
  const auto description = readExternalLoads(setup.externalLoadsFile);
  const ExternalLoadSeries loads(model, description, io::readSto(description.dataFile), "grf");
  const auto times = coordinates.sampleTimes();
  const auto one = computeInverseDynamics(model, coordinates, &loads, times, 1);
  const auto three = computeInverseDynamics(model, coordinates, &loads, times, 3);
  ASSERT_EQ(one.labels(), three.labels());
  EXPECT_TRUE(one.values() == three.values());
}

// A body hanging still: tau balances gravity only; dropped freely it needs none.
TEST(InverseDynamics, StaticPoseBalancesGravityAndFreeFallNeedsNoForce) {
  const auto model = model::readOsimModel(test::sharedData("opensim-core/id_arm26/arm26.osim"));
  InverseDynamicsData data(model);
  Eigen::VectorXd q = model.defaultCoordinates();
  const Eigen::VectorXd zero = Eigen::VectorXd::Zero(model.nq());
  const auto tauStatic = inverseDynamics(model, data, q, zero, zero, {});
  // Potential energy V(q) = -sum m g.p_C: tau_static = dV/dq, checked by central differences.
  model::Data kinematics(model);
  const auto potential = [&](const Eigen::VectorXd& pose) {
    model::forwardKinematics(model, kinematics, pose);
    double energy = 0.0;
    for (const auto& body : model.bodies()) {
      energy -= body.mass *
                model.gravity().dot(kinematics.X_GF[body.frame.value()].apply(body.massCenter));
    }
    return energy;
  };
  for (Eigen::Index k = 0; k < model.nq(); ++k) {
    const double h = 1e-6;
    Eigen::VectorXd plus = q, minus = q;
    plus[k] += h;
    minus[k] -= h;
    // Central difference error O(h^2) plus rounding ~1e-16 * |V| / h: well under 1e-6 N*m.
    EXPECT_NEAR(tauStatic[k], (potential(plus) - potential(minus)) / (2 * h), 1e-6) << k;
  }
}

TEST(InverseDynamics, MatchesTheEnergyRateOfAMovingModel) {
  // d/dt (kinetic + potential energy) = tau . qdot for any motion (no other forces): a check of
  // every inertial term, including the velocity products, against the model's own energy.
  const auto model =
      model::readOsimModel(test::sharedData("opensim-core/id_gait2354/subject01.osim"));
  InverseDynamicsData data(model);
  const auto nq = model.nq();
  Eigen::VectorXd q0 = model.defaultCoordinates(), v(nq), a(nq);
  for (Eigen::Index k = 0; k < nq; ++k) {
    v[k] = 0.3 * std::sin(1.0 + k);
    a[k] = 0.5 * std::cos(2.0 + k);
  }
  const auto energyAt = [&](double t) {
    const Eigen::VectorXd q = q0 + v * t + 0.5 * a * t * t;
    const Eigen::VectorXd qdot = v + a * t;
    inverseDynamics(model, data, q, qdot, Eigen::VectorXd::Zero(nq), {});
    double energy = 0.0;
    for (std::size_t b = 0; b < model.bodies().size(); ++b) {
      const auto& body = model.bodies()[b];
      const auto& X = data.jets.X_GF[body.frame.value()];
      Eigen::Vector3d com, comVelocity;
      Eigen::Matrix3d R0;
      for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j)
          R0(i, j) = X.R(i, j).value;
      }
      for (int i = 0; i < 3; ++i) {
        com[i] = X.p[i].value;
        comVelocity[i] = X.p[i].first;
        for (int j = 0; j < 3; ++j) {
          com[i] += X.R(i, j).value * body.massCenter[j];
          comVelocity[i] += X.R(i, j).first * body.massCenter[j];
        }
      }
      const Eigen::Vector3d omega = data.angularVelocity[b];
      energy += 0.5 * body.mass * comVelocity.squaredNorm() +
                0.5 * omega.dot(R0 * body.inertia * R0.transpose() * omega) -
                body.mass * model.gravity().dot(com);
    }
    return energy;
  };
  const double t = 0.1, h = 1e-5;
  const double energyRate = (energyAt(t + h) - energyAt(t - h)) / (2 * h);
  const Eigen::VectorXd q = q0 + v * t + 0.5 * a * t * t;
  const Eigen::VectorXd qdot = v + a * t;
  const auto tau = inverseDynamics(model, data, q, qdot, a, {});
  // Central difference of an energy of order 1e3 J: error ~ h^2 * E''' + 1e-16 * E / h < 1e-4.
  EXPECT_NEAR(tau.dot(qdot), energyRate, 1e-4 * std::max(1.0, std::abs(energyRate)));
}

}  // namespace
}  // namespace kinchain::dynamics
