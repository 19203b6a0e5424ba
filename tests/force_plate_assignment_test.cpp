#include "kinchain/dynamics/force_plate_assignment.hpp"

#include <Eigen/Geometry>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "kinchain/io/c3d_file.hpp"
#include "test_paths.hpp"

namespace kinchain::dynamics {
namespace {

// Two feet standing still 0.3 m apart along z (model frame: y up), heel-to-toe 0.25 m along x.
FootPoints standingFeet() {
  FootPoints feet;
  const int frames = 101;  // 100 Hz motion capture over the 1 s of plate data
  for (int frame = 0; frame < frames; ++frame) feet.time.push_back(0.01 * frame);
  for (int side = 0; side < 2; ++side) {
    const double z = side == 0 ? -0.15 : 0.15;
    feet.heel[side] = Eigen::MatrixX3d(frames, 3);
    feet.toe[side] = Eigen::MatrixX3d(frames, 3);
    feet.heel[side].rowwise() = Eigen::RowVector3d(0.0, 0.0, z);
    feet.toe[side].rowwise() = Eigen::RowVector3d(0.25, 0.0, z);
  }
  return feet;
}

PlateSignals constantPlate(const std::string& name, const Eigen::Vector3d& force,
                           const Eigen::Vector3d& cop, const Eigen::Vector3d& free, int loadedFrom,
                           int loadedTo) {
  PlateSignals plate;
  plate.name = name;
  const int samples = 11;
  for (int i = 0; i < samples; ++i)
    plate.time.push_back(0.1 * i);
  plate.force = Eigen::MatrixX3d::Zero(samples, 3);
  plate.centreOfPressure = Eigen::MatrixX3d::Constant(samples, 3, std::nan(""));
  plate.freeMoment = Eigen::MatrixX3d::Constant(samples, 3, std::nan(""));
  for (int i = loadedFrom; i <= loadedTo; ++i) {
    plate.force.row(i) = force.transpose();
    plate.centreOfPressure.row(i) = cop.transpose();
    plate.freeMoment.row(i) = free.transpose();
  }
  return plate;
}

Eigen::Vector3d column3(const io::TimeSeriesTable& table, const std::string& prefix,
                        Eigen::Index row) {
  return Eigen::Vector3d(table.scalar(row, table.requireColumn(prefix + "x")),
                         table.scalar(row, table.requireColumn(prefix + "y")),
                         table.scalar(row, table.requireColumn(prefix + "z")));
}

TEST(ForcePlateAssignment, EachContactGoesToTheNearestFoot) {
  const auto right = constantPlate("1", {10, 700, 5}, {0.1, 0.0, 0.16}, {0, 2, 0}, 2, 5);
  const auto left = constantPlate("2", {-8, 650, 0}, {0.2, 0.0, -0.14}, {0, -1, 0}, 4, 8);
  const auto result = assignPlatesToFeet({right, left}, standingFeet());
  ASSERT_EQ(result.contacts.size(), 2u);
  EXPECT_TRUE(result.contacts[0].assigned);
  EXPECT_EQ(result.contacts[0].side, Side::Right);
  EXPECT_NEAR(result.contacts[0].meanDistance, 0.01, 1e-12);
  EXPECT_EQ(result.contacts[1].side, Side::Left);
  EXPECT_TRUE(result.warnings.empty());
  // A single plate passes through unchanged.
  EXPECT_EQ(column3(result.table, "ground_force_v", 3), Eigen::Vector3d(10, 700, 5));
  EXPECT_EQ(column3(result.table, "ground_force_p", 3), Eigen::Vector3d(0.1, 0.0, 0.16));
  EXPECT_EQ(column3(result.table, "ground_torque_", 3), Eigen::Vector3d(0, 2, 0));
  EXPECT_EQ(column3(result.table, "l_ground_force_v", 6), Eigen::Vector3d(-8, 650, 0));
  // Unloaded samples are zero force.
  EXPECT_EQ(column3(result.table, "ground_force_v", 9), Eigen::Vector3d::Zero());
  const auto loads = result.externalLoads("calcn_r", "calcn_l");
  ASSERT_EQ(loads.forces.size(), 2u);
  EXPECT_EQ(loads.forces[1].forceIdentifier, "l_ground_force_v");
}

TEST(ForcePlateAssignment, AStrikeAcrossTwoPlatesKeepsTheTotalWrench) {
  // The right heel on plate 1 and its toes on plate 2 at the same time.
  const Eigen::Vector3d f1(15, 400, -3), p1(0.02, 0.0, 0.15), t1(0, 1.5, 0);
  const Eigen::Vector3d f2(-5, 300, 4), p2(0.22, 0.0, 0.16), t2(0, -0.5, 0);
  const auto result = assignPlatesToFeet(
      {constantPlate("1", f1, p1, t1, 1, 6), constantPlate("2", f2, p2, t2, 1, 6)}, standingFeet());
  const Eigen::Vector3d force = column3(result.table, "ground_force_v", 3);
  const Eigen::Vector3d point = column3(result.table, "ground_force_p", 3);
  const Eigen::Vector3d torque = column3(result.table, "ground_torque_", 3);
  EXPECT_TRUE(force.isApprox(f1 + f2, 1e-12));
  // Same moment about the origin, the point on the floor, the torque purely vertical.
  const Eigen::Vector3d expected = p1.cross(f1) + t1 + p2.cross(f2) + t2;
  EXPECT_TRUE((point.cross(force) + torque).isApprox(expected, 1e-12));
  EXPECT_NEAR(point.y(), 0.0, 1e-12);
  EXPECT_NEAR(torque.x(), 0.0, 1e-12);
  EXPECT_NEAR(torque.z(), 0.0, 1e-12);
  // The combined centre of pressure lies between the two.
  EXPECT_GT(point.x(), p1.x());
  EXPECT_LT(point.x(), p2.x());
}

TEST(ForcePlateAssignment, AContactWithNoFootIsReportedAndNotApplied) {
  const auto stray = constantPlate("3", {0, 200, 0}, {2.0, 0.0, 0.0}, {0, 0, 0}, 2, 4);
  const auto result = assignPlatesToFeet({stray}, standingFeet());
  ASSERT_EQ(result.contacts.size(), 1u);
  EXPECT_FALSE(result.contacts[0].assigned);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("no foot on it"), std::string::npos);
  EXPECT_EQ(column3(result.table, "ground_force_v", 3), Eigen::Vector3d::Zero());
  EXPECT_EQ(column3(result.table, "l_ground_force_v", 3), Eigen::Vector3d::Zero());
}

TEST(ForcePlateAssignment, MismatchedInputsAreRejected) {
  auto plate = constantPlate("1", {0, 700, 0}, {0.1, 0, 0.15}, {0, 0, 0}, 1, 2);
  auto other = plate;
  other.time.back() += 0.01;
  EXPECT_THROW(assignPlatesToFeet({plate, other}, standingFeet()), std::invalid_argument);
  EXPECT_THROW(assignPlatesToFeet({}, standingFeet()), std::invalid_argument);
}

}  // namespace
}  // namespace kinchain::dynamics

namespace kinchain::dynamics {
namespace {

// Real trial: Vicon Plug-in Gait walk over two plates with the gait events Vicon recorded. Feet
// are the heel and toe markers; the lab's +z is up. Every plate contact must go to the foot
// whose recorded foot strike starts it.
TEST(ForcePlateAssignment, PlugInGaitTrialMatchesTheRecordedFootStrikes) {
  const auto trial = io::readC3d(test::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d"));
  std::vector<PlateSignals> plates;
  for (std::size_t p = 0; p < trial.forcePlatforms.size(); ++p) {
    PlateSignals plate;
    plate.name = std::to_string(p + 1);
    plate.time = trial.analog.time();
    plate.force = trial.forcePlatformWrenches[p].force;
    plate.centreOfPressure = trial.forcePlatformWrenches[p].centreOfPressure;
    plate.freeMoment = trial.forcePlatformWrenches[p].freeMoment;
    plates.push_back(std::move(plate));
  }
  FootPoints feet;
  feet.time = trial.points.time();
  const double metres = trial.pointUnitsInMetres();
  feet.heel[0] = metres * trial.points.vector3Column(trial.points.requireColumn("LHEE"));
  feet.toe[0] = metres * trial.points.vector3Column(trial.points.requireColumn("LTOE"));
  feet.heel[1] = metres * trial.points.vector3Column(trial.points.requireColumn("RHEE"));
  feet.toe[1] = metres * trial.points.vector3Column(trial.points.requireColumn("RTOE"));
  PlateAssignmentOptions options;
  options.up = Eigen::Vector3d::UnitZ();
  const auto result = assignPlatesToFeet(plates, feet, options);
  ASSERT_EQ(result.contacts.size(), 2u);
  EXPECT_TRUE(result.warnings.empty());
  for (const auto& contact : result.contacts) {
    ASSERT_TRUE(contact.assigned);
    const std::string side = contact.side == Side::Left ? "Left" : "Right";
    double nearest = 1e9;
    for (const auto& event : trial.events) {
      if (event.context == side && event.label == "Foot Strike") {
        nearest = std::min(nearest, std::abs(event.time - contact.start));
      }
    }
    // Events are stored on whole 100 Hz frames; our 10 N crossing is interpolated between
    // 1000 Hz samples, so they agree within one point frame (0.01 s).
    EXPECT_LE(nearest, 0.01) << "plate " << contact.plate + 1 << " contact at " << contact.start
                             << " s (" << side << ")";
    std::cout << "[ PiG plates ] plate " << contact.plate + 1 << " -> " << side << " foot, strike "
              << contact.start << " s, nearest recorded " << side << " foot strike " << nearest
              << " s away, COP " << contact.meanDistance << " m from the foot\n";
  }
}

}  // namespace
}  // namespace kinchain::dynamics
