// A trial is turned about the vertical so that the subject walks along +x: markers and force
// plates turn together (joint angles and loads do not change), a subject walking along −x is
// turned by 180°, and a trial without travel (treadmill, standing) is left as it is.

#include <gtest/gtest.h>

#include <cmath>

#include "kinchain/analysis/progression_frame.hpp"

namespace kinchain::analysis {
namespace {

// Two markers walking at 1.2 m/s in the direction `heading` (radians from +x towards +z,
// OpenSim's y-up ground), 100 Hz for 2 s; one plate pushing up and forward along the walk.
RecordedTrial walkingTrial(double heading, double speed = 1.2) {
  RecordedTrial trial;
  std::vector<double> time;
  for (int i = 0; i <= 200; ++i)
    time.push_back(0.01 * i);
  trial.markers = io::TimeSeriesTable(time);
  const Eigen::Vector3d direction(std::cos(heading), 0.0, std::sin(heading));
  for (const double offset : {-0.1, 0.1}) {
    Eigen::MatrixX3d path(201, 3);
    for (int i = 0; i <= 200; ++i)
      path.row(i) = (speed * time[static_cast<std::size_t>(i)] * direction +
                     Eigen::Vector3d(2.0, 1.0, 0.5 + offset))
                        .transpose();
    trial.markers.addVector3Column(offset < 0 ? "LASI" : "RASI", path, "m");
  }
  dynamics::PlateSignals plate;
  plate.time = time;
  plate.force = Eigen::MatrixX3d(201, 3);
  plate.centreOfPressure = Eigen::MatrixX3d(201, 3);
  plate.freeMoment = Eigen::MatrixX3d::Zero(201, 3);
  for (int i = 0; i <= 200; ++i) {
    plate.force.row(i) = (Eigen::Vector3d(0.0, 700.0, 0.0) + 50.0 * direction).transpose();
    plate.centreOfPressure.row(i) = Eigen::RowVector3d(1.0, 0.0, 0.3);
  }
  trial.plates.push_back(plate);
  return trial;
}

TEST(ProgressionFrame, AWalkAlongMinusXIsTurnedHalfAWay) {
  RecordedTrial trial = walkingTrial(M_PI);
  const auto turn = alignProgressionWithX(trial);
  ASSERT_TRUE(turn.has_value());
  EXPECT_NEAR(std::abs(turn->angleDeg), 180.0, 1e-9);
  EXPECT_NEAR(turn->travelM, 2.4, 1e-9);
  const auto path = trial.markers.vector3Column(0);
  const Eigen::Vector3d travel = path.row(200) - path.row(0);
  EXPECT_NEAR(travel.x(), 2.4, 1e-9);
  EXPECT_NEAR(travel.z(), 0.0, 1e-9);
  // The plate's forward push turned with the markers; vertical force untouched.
  EXPECT_NEAR(trial.plates[0].force(10, 0), 50.0, 1e-9);
  EXPECT_NEAR(trial.plates[0].force(10, 1), 700.0, 1e-12);
  EXPECT_NEAR(trial.plates[0].force(10, 2), 0.0, 1e-9);
  // A point turned about the vertical through the origin: (1, 0, 0.3) -> (-1, 0, -0.3).
  EXPECT_NEAR(trial.plates[0].centreOfPressure(10, 0), -1.0, 1e-9);
  EXPECT_NEAR(trial.plates[0].centreOfPressure(10, 2), -0.3, 1e-9);
}

TEST(ProgressionFrame, AnObliqueWalkEndsAlongPlusXWithDistancesKept) {
  RecordedTrial trial = walkingTrial(0.7);
  const auto before =
      trial.markers.vector3Column(1).row(50) - trial.markers.vector3Column(0).row(50);
  ASSERT_TRUE(alignProgressionWithX(trial).has_value());
  const auto path = trial.markers.vector3Column(1);
  const Eigen::Vector3d travel = path.row(200) - path.row(0);
  EXPECT_NEAR(travel.z(), 0.0, 1e-9);
  EXPECT_GT(travel.x(), 0.0);
  const auto after =
      trial.markers.vector3Column(1).row(50) - trial.markers.vector3Column(0).row(50);
  EXPECT_NEAR(before.norm(), after.norm(), 1e-12) << "the turn changed a distance";
  EXPECT_NEAR(before.y(), after.y(), 1e-12) << "the turn changed a height";
}

TEST(ProgressionFrame, ATrialWithoutTravelIsLeftAlone) {
  RecordedTrial trial = walkingTrial(M_PI, 0.1);  // 0.2 m in 2 s: treadmill-like
  const Eigen::MatrixX3d before = trial.markers.vector3Column(0);
  EXPECT_FALSE(alignProgressionWithX(trial).has_value());
  EXPECT_EQ((trial.markers.vector3Column(0) - before).norm(), 0.0);
}

TEST(ProgressionFrame, MissingMarkersStayMissing) {
  RecordedTrial trial = walkingTrial(M_PI);
  trial.markers.vector3Column(0).row(100).setConstant(std::nan(""));
  ASSERT_TRUE(alignProgressionWithX(trial).has_value());
  EXPECT_TRUE(std::isnan(trial.markers.vector3Column(0)(100, 0)));
  EXPECT_TRUE(std::isfinite(trial.markers.vector3Column(0)(99, 0)));
}

}  // namespace
}  // namespace kinchain::analysis
