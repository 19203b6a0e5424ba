// Moment arms and lengthening speed against central finite differences of the muscle-tendon
// lengths (OpenSim's convention r = −dL/dq; Sherman, Seth & Delp 2013) for every muscle and every
// coordinate of gait2392 (opensim-core/models/gait2392_millard_v30000.osim), Rajagopal 2015
// (model_Rajagopal2015_posed.osim, 40 wrap cylinders) and BothLegs (coupler constraints).
//
// Finite differences: step h = 1e-6 rad (or m), central. Truncation error ≈ h²/6·|L'''| with
// |L'''| of order 1 m/rad³ for these paths → 1e-13 m; rounding ≈ eps·L/h ≈ 2e-16·0.5/1e-6 =
// 1e-10 m. So 1e-6 m (1 µm, OpenSim's own length tolerance) leaves a wide margin.
// Exception: a path with two or more PathWraps, where OpenSim iterates cylinder tangent points
// only until tangency holds within 0.1° (WrapCylinder TANGENCY_THRESHOLD) and our gradient
// holds the second wrap's tangent points fixed; the length then moves by up to that angle
// times the tangent point's displacement per radian (≈ 0.03 m): 1.7e-3 · 0.03 ≈ 5e-5 m.
// Samples: 7 values per coordinate, evenly inside its range (limited to default ± π/2 for
// rotations and ± 0.1 m for translations, e.g. Rajagopal's ±99999 ranges), other coordinates
// at their defaults; samples closer than 10·h to a conditional point's range end are skipped
// (the length has a kink there).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <string>

#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/geometry_path.hpp"
#include "kinchain/muscle/moment_arm.hpp"
#include "test_paths.hpp"

namespace kinchain::muscle {
namespace {

constexpr double kStep = 1e-6;                // rad or m
constexpr double kTolerance = 1e-6;           // m, see header
constexpr double kMultiWrapTolerance = 5e-5;  // m, see header

struct Evaluator {
  explicit Evaluator(const model::Model& m) : model(m), data(m), pathData(m) {}

  // Lengths at q after filling in the coupler-dependent coordinates.
  Eigen::VectorXd lengths(Eigen::VectorXd q) {
    model::applyCouplerConstraints(model, q);
    model::forwardKinematics(model, data, q);
    computePathGeometry(model, data, pathData);
    return pathData.lengths;
  }
  const model::Model& model;
  model::Data data;
  PathData pathData;
};

bool nearConditionalEdge(const model::Model& model, model::CoordinateIndex coordinate,
                         double value) {
  for (std::size_t m = 0; m < model.muscleCount(); ++m) {
    for (const model::PathPoint& point : model.musclePath(model::MuscleIndex(m)).points) {
      if (point.type != model::PathPointType::Conditional ||
          point.conditionalCoordinate != coordinate)
        continue;
      if (std::abs(value - point.rangeMin) < 10 * kStep ||
          std::abs(value - point.rangeMax) < 10 * kStep)
        return true;
    }
  }
  return false;
}

bool isCouplerDependent(const model::Model& model, model::CoordinateIndex coordinate) {
  for (const auto& coupler : model.couplerConstraints()) {
    if (coupler.enabled && coupler.dependent == coordinate) return true;
  }
  return false;
}

// Checks r_j = −dL/dq_j (q_j moved with the coupler-dependent coordinates following it).
void checkMomentArmsAgainstFiniteDifferences(const std::string& file, std::size_t expectedMuscles) {
  const model::Model model = model::readOsimModel(test::sharedData(file));
  ASSERT_EQ(model.muscleCount(), expectedMuscles);
  Evaluator evaluator(model);
  double worst = 0.0;
  double worstMultiWrap = 0.0;
  std::string worstWhere;
  std::size_t compared = 0;
  for (Eigen::Index j = 0; j < model.nq(); ++j) {
    const model::CoordinateIndex index(static_cast<std::size_t>(j));
    if (isCouplerDependent(model, index)) continue;  // not independently movable
    const model::Coordinate& coordinate = model.coordinate(index);
    const double halfWindow =
        coordinate.motionType == model::MotionType::Translational ? 0.1 : std::numbers::pi / 2;
    const double low = std::max(coordinate.rangeMin, coordinate.defaultValue - halfWindow);
    const double high = std::min(coordinate.rangeMax, coordinate.defaultValue + halfWindow);
    for (int sample = 0; sample < 7; ++sample) {
      Eigen::VectorXd q = model.defaultCoordinates();
      q[j] = low + (high - low) * (sample + 0.5) / 7.0;
      if (nearConditionalEdge(model, index, q[j])) continue;
      evaluator.lengths(q);
      model::applyCouplerConstraints(model, q);
      computeLengthGradients(model, evaluator.data, evaluator.pathData);
      computeMomentArms(model, evaluator.data, evaluator.pathData);
      const Eigen::VectorXd arms = evaluator.pathData.moment_arms.row(j).transpose();
      Eigen::VectorXd plus = q, minus = q;
      plus[j] += kStep;
      minus[j] -= kStep;
      const Eigen::VectorXd finiteDifference =
          -(evaluator.lengths(plus) - evaluator.lengths(minus)) / (2 * kStep);
      for (std::size_t m = 0; m < model.muscleCount(); ++m) {
        const auto& path = model.musclePath(model::MuscleIndex(m));
        const double tolerance = path.wraps.size() >= 2 ? kMultiWrapTolerance : kTolerance;
        const double error = std::abs(arms[static_cast<Eigen::Index>(m)] -
                                      finiteDifference[static_cast<Eigen::Index>(m)]);
        EXPECT_LE(error, tolerance)
            << model.muscle(model::MuscleIndex(m)).name << " about " << coordinate.name << " at "
            << q[j] << ": " << arms[static_cast<Eigen::Index>(m)] << " vs "
            << finiteDifference[static_cast<Eigen::Index>(m)];
        ++compared;
        if (path.wraps.size() >= 2) worstMultiWrap = std::max(worstMultiWrap, error);
        if (path.wraps.size() < 2 && error > worst) {
          worst = error;
          worstWhere = model.muscle(model::MuscleIndex(m)).name + " / " + coordinate.name;
        }
      }
    }
  }
  std::printf(
      "%s: %zu moment arms vs finite differences, worst %.3g m at %s (paths with >= 2 wraps: %.3g "
      "m)\n",
      file.c_str(), compared, worst, worstWhere.c_str(), worstMultiWrap);
}

TEST(GeometryPath, Gait2392MomentArmsAreMinusLengthDerivatives) {
  checkMomentArmsAgainstFiniteDifferences("opensim-core/models/gait2392_millard_v30000.osim", 92);
}

TEST(GeometryPath, Rajagopal2015MomentArmsAreMinusLengthDerivatives) {
  checkMomentArmsAgainstFiniteDifferences("opensim-core/models/model_Rajagopal2015_posed.osim", 80);
}

TEST(GeometryPath, CoupledCoordinatesCarryTheirDependents) {
  // BothLegs couples patella/knee coordinates with CoordinateCouplerConstraints: the moment arm
  // about an independent coordinate includes the dependents' motion (OpenSim MomentArmSolver).
  const model::Model model =
      model::readOsimModel(test::sharedData("opensim-core/muscle_analysis_bothlegs/BothLegs.osim"));
  ASSERT_FALSE(model.couplerConstraints().empty());
  checkMomentArmsAgainstFiniteDifferences("opensim-core/muscle_analysis_bothlegs/BothLegs.osim",
                                          model.muscleCount());
}

TEST(GeometryPath, LengtheningSpeedIsTheTimeDerivativeOfLength) {
  // dL/dt along q(t) = q0 + t·qdot, by central differences in t (h = 1e-6 s).
  const model::Model model =
      model::readOsimModel(test::sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  Evaluator evaluator(model);
  std::mt19937 random(7);
  std::uniform_real_distribution<double> speed(-2.0, 2.0);  // rad/s, a brisk gait
  Eigen::VectorXd q = model.defaultCoordinates();
  Eigen::VectorXd qdot(model.nq());
  for (Eigen::Index j = 0; j < model.nq(); ++j)
    qdot[j] = speed(random);
  q += 0.2 * qdot;  // away from the default pose
  evaluator.lengths(q);
  computeLengthGradients(model, evaluator.data, evaluator.pathData);
  computeLengtheningSpeeds(evaluator.pathData, qdot);
  const Eigen::VectorXd finiteDifference =
      (evaluator.lengths(q + kStep * qdot) - evaluator.lengths(q - kStep * qdot)) / (2 * kStep);
  for (std::size_t m = 0; m < model.muscleCount(); ++m) {
    const double tolerance =
        (model.musclePath(model::MuscleIndex(m)).wraps.size() >= 2 ? kMultiWrapTolerance
                                                                   : kTolerance) *
        qdot.norm();
    EXPECT_NEAR(evaluator.pathData.speeds[static_cast<Eigen::Index>(m)],
                finiteDifference[static_cast<Eigen::Index>(m)], tolerance)
        << model.muscle(model::MuscleIndex(m)).name;
  }
}

TEST(GeometryPath, WrappedPathsGoRoundTheirCylinders) {
  // Rajagopal's gluteus maximus wraps its pelvis cylinder at the default pose: the current path
  // holds both tangent points, they lie on the cylinder, and the length exceeds the straight
  // polyline through the muscle's own points.
  const model::Model model =
      model::readOsimModel(test::sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  Evaluator evaluator(model);
  Eigen::VectorXd q = model.defaultCoordinates();
  q[static_cast<Eigen::Index>(model.findCoordinate("hip_flexion_r")->value())] =
      1.2;  // deep flexion
  evaluator.lengths(q);
  std::size_t muscle = 0;
  while (muscle < model.muscleCount() &&
         model.muscle(model::MuscleIndex(muscle)).name != "glmax1_r")
    ++muscle;
  ASSERT_LT(muscle, model.muscleCount());
  const auto& path = evaluator.pathData.current_paths[muscle];
  std::size_t tangentPoints = 0;
  double straight = 0.0;
  const PathEntry* previousPoint = nullptr;
  for (const PathEntry& entry : path) {
    if (entry.kind == PathEntry::Kind::Point) {
      if (previousPoint != nullptr) straight += (entry.p_G - previousPoint->p_G).norm();
      previousPoint = &entry;
      continue;
    }
    ++tangentPoints;
    const auto& placed = model.wrapObjects()[static_cast<std::size_t>(entry.wrap_object)];
    const Eigen::Vector3d p_W = placed.X_BW.R.transpose() * (entry.p_F - placed.X_BW.p);
    EXPECT_NEAR(std::hypot(p_W.x(), p_W.y()),
                std::get<model::WrapCylinder>(placed.object.shape).radius, 1e-12);
  }
  EXPECT_EQ(tangentPoints, 2u);
  EXPECT_GT(evaluator.pathData.lengths[static_cast<Eigen::Index>(muscle)], straight);
}

}  // namespace
}  // namespace kinchain::muscle
