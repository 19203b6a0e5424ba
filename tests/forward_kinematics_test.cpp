// Forward kinematics against external references:
//  - OpenSim's IK test (testIK.cpp, testInverseKinematicsGait2354): the std IK solution
//    std_subject01_walk1_ik.mot for subject01_simbody.osim, whose synthetic markers
//    subject01_synthetic_marker_data.trc OpenSim's IK fitted. Our FK of the model markers at the
//    std coordinates must land on the synthetic markers within the IK residual.
//  - analytic cases for every joint type (tiny inline models), rotation orthonormality,
//    coupler constraints (BothLegs.osim knee/patella splines).

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::model {
namespace {

// A whitespace/tab separated numeric table after a header line that starts with `firstLabel`
// (test-only reader for the two reference files; the project's .mot/.trc readers live in io/).
struct NumericTable {
  std::vector<std::string> labels;
  std::vector<std::vector<double>> rows;
};

NumericTable readTable(const std::filesystem::path& path, const std::string& firstLabel,
                       int linesToSkipAfterLabels) {
  std::ifstream stream(path);
  NumericTable table;
  std::string line;
  while (std::getline(stream, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first != firstLabel) continue;
    table.labels.push_back(first);
    for (std::string label; words >> label;)
      table.labels.push_back(label);
    break;
  }
  for (int i = 0; i < linesToSkipAfterLabels; ++i)
    std::getline(stream, line);
  while (std::getline(stream, line)) {
    std::istringstream words(line);
    std::vector<double> row;
    for (double value; words >> value;)
      row.push_back(value);
    if (!row.empty()) table.rows.push_back(std::move(row));
  }
  return table;
}

TEST(ForwardKinematics, ReproducesOpenSimIkSyntheticMarkersForGait2354) {
  const Model model =
      readOsimModel(test::sharedData("opensim-core/ik_gait2354/subject01_simbody.osim"));
  const NumericTable ik =
      readTable(test::sharedData("opensim-core/ik_gait2354/std_subject01_walk1_ik.mot"), "time", 0);
  // TRC: "Frame# Time M1 M2 ..." then the X1 Y1 Z1 line; data columns frame, time, x y z per
  // marker.
  const NumericTable trc =
      readTable(test::sharedData("opensim-core/ik_gait2354/subject01_synthetic_marker_data.trc"),
                "Frame#", 1);
  ASSERT_EQ(ik.rows.size(), 73u);
  ASSERT_EQ(trc.rows.size(), 73u);

  // Coordinate columns of the .mot (degrees for rotational coordinates, m for translations).
  std::vector<std::pair<std::size_t, CoordinateIndex>> columns;
  for (std::size_t c = 1; c < ik.labels.size(); ++c) {
    const auto coordinate = model.findCoordinate(ik.labels[c]);
    ASSERT_TRUE(coordinate) << ik.labels[c];
    columns.emplace_back(c, *coordinate);
  }
  // Marker columns of the .trc: labels after "Frame#", "Time".
  std::vector<std::pair<std::size_t, MarkerIndex>> markers;
  for (std::size_t m = 2; m < trc.labels.size(); ++m) {
    const auto marker = model.findMarker(trc.labels[m]);
    ASSERT_TRUE(marker) << trc.labels[m];
    markers.emplace_back(2 + 3 * (m - 2), *marker);
  }
  ASSERT_EQ(markers.size(), 31u);

  Data data(model);
  double worst = 0.0, sumSquares = 0.0;
  std::size_t count = 0;
  for (std::size_t row = 0; row < ik.rows.size(); ++row) {
    ASSERT_NEAR(ik.rows[row][0], trc.rows[row][1], 1e-9);  // same time stamps
    Eigen::VectorXd q = model.defaultCoordinates();
    for (const auto& [column, coordinate] : columns) {
      const double value = ik.rows[row][column];
      q[static_cast<Eigen::Index>(coordinate.value())] =
          model.coordinate(coordinate).motionType == MotionType::Rotational
              ? value * std::numbers::pi / 180.0
              : value;
    }
    forwardKinematics(model, data, q);
    for (const auto& [column, marker] : markers) {
      const Eigen::Vector3d measured(trc.rows[row][column], trc.rows[row][column + 1],
                                     trc.rows[row][column + 2]);
      const double error =
          (data.markerPositions.col(static_cast<Eigen::Index>(marker.value())) - measured).norm();
      worst = std::max(worst, error);
      sumSquares += error * error;
      ++count;
    }
  }
  const double rms = std::sqrt(sumSquares / static_cast<double>(count));
  RecordProperty("worst_marker_error_m", std::to_string(worst));
  RecordProperty("rms_marker_error_m", std::to_string(rms));
  // Tolerance: the std coordinates are OpenSim's least-squares IK fit (accuracy 1e-5, uniform
  // weights) of markers stored to 4 decimals (0.05 mm rounding per component), so FK of the
  // same model returns the IK residual, not zero; measured worst 0.13 mm, RMS 0.03 mm. A wrong
  // joint convention (axis order, Euler sequence, offset frame) moves markers by centimetres
  // (1 degree at 0.5 m is 8.7 mm), so 0.5 mm worst / 0.1 mm RMS still separates right from wrong.
  EXPECT_LT(worst, 0.5e-3);
  EXPECT_LT(rms, 0.1e-3);
}

// The same generic gait2354 in 2.x (20302, joints inside bodies) and 4.x (40000, JointSet with
// offset frames, converted by OpenSim) must place every body identically.
TEST(ForwardKinematics, Gait2354In2xAnd4xFormatsAgree) {
  const Model old2x =
      readOsimModel(test::sharedData("opensim-core/scale_gait2354/gait2354_simbody.osim"));
  const Model new4x = readOsimModel(test::sharedData("opensim-models/gait2354_simbody.osim"));
  const NumericTable ik =
      readTable(test::sharedData("opensim-core/ik_gait2354/std_subject01_walk1_ik.mot"), "time", 0);
  Data data2x(old2x), data4x(new4x);
  double worstPosition = 0.0, worstRotation = 0.0;
  for (const auto& row : ik.rows) {
    Eigen::VectorXd q2x = old2x.defaultCoordinates(), q4x = new4x.defaultCoordinates();
    for (std::size_t c = 1; c < ik.labels.size(); ++c) {
      const auto i2 = old2x.findCoordinate(ik.labels[c]);
      const auto i4 = new4x.findCoordinate(ik.labels[c]);
      ASSERT_TRUE(i2 && i4) << ik.labels[c];
      const double value = old2x.coordinate(*i2).motionType == MotionType::Rotational
                               ? row[c] * std::numbers::pi / 180.0
                               : row[c];
      q2x[static_cast<Eigen::Index>(i2->value())] = value;
      q4x[static_cast<Eigen::Index>(i4->value())] = value;
    }
    forwardKinematics(old2x, data2x, q2x);
    forwardKinematics(new4x, data4x, q4x);
    for (const Body& body : old2x.bodies()) {
      const auto other = new4x.findBody(body.name);
      ASSERT_TRUE(other) << body.name;
      const auto& X2 = data2x.X_GF[body.frame.value()];
      const auto& X4 = data4x.X_GF[new4x.body(*other).frame.value()];
      worstPosition = std::max(worstPosition, (X2.p - X4.p).norm());
      worstRotation = std::max(worstRotation, (X2.R - X4.R).norm());
    }
  }
  std::cout << "gait2354 2.x vs 4.x: worst position " << worstPosition << " m, rotation "
            << worstRotation << "\n";
  // Tolerance 1e-6 m / 1e-6: the 4.x file is OpenSim's own conversion, numbers reprinted at 17
  // significant digits; anything above round-off means the two layouts are read differently.
  EXPECT_LT(worstPosition, 1e-6);
  EXPECT_LT(worstRotation, 1e-6);
}

// Every frame's rotation stays orthonormal with determinant +1 (Rajagopal 2015: oblique
// offset orientations, spline-driven knee/patella rotations), at many poses.
TEST(ForwardKinematics, RotationsAreOrthonormal) {
  const Model model =
      readOsimModel(test::sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  Data data(model);
  double worst = 0.0;
  for (int pose = 0; pose < 20; ++pose) {
    Eigen::VectorXd q = model.defaultCoordinates();
    for (Eigen::Index c = 0; c < q.size(); ++c)
      q[c] += 0.05 * static_cast<double>((pose * 7 + c * 3) % 11 - 5);
    forwardKinematics(model, data, q);
    for (const auto& X : data.X_GF) {
      worst = std::max(worst,
                       (X.R.transpose() * X.R - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff());
      worst = std::max(worst, std::abs(X.R.determinant() - 1.0));
    }
  }
  // Round-off of a chain of ~10 rotation products: a few 1e-16 per product.
  EXPECT_LT(worst, 1e-13);
}

// BothLegs.osim couples the patella to the knee with CoordinateCouplerConstraints whose
// NaturalCubicSpline knots come from the file: at a knot the dependent coordinate equals the
// knot value, and the patella origin sits at (tp_tx, tp_ty, tp_tz) in the tibia frame (the
// patella joint translates along the tibia's x, y, z axes with identity functions).
TEST(ForwardKinematics, CouplerConstraintsPlaceThePatella) {
  const Model model =
      readOsimModel(test::sharedData("opensim-core/muscle_analysis_bothlegs/BothLegs.osim"));
  ASSERT_EQ(model.couplerConstraints().size(), 8u);
  Eigen::VectorXd q = model.defaultCoordinates();
  const auto knee = model.findCoordinate("r_knee_angle");
  ASSERT_TRUE(knee);
  q[static_cast<Eigen::Index>(knee->value())] = -1.0472;  // a knot of tp_tx_con and tp_ty_con
  applyCouplerConstraints(model, q);
  const auto value = [&](const char* name) {
    return q[static_cast<Eigen::Index>(model.findCoordinate(name)->value())];
  };
  EXPECT_NEAR(value("tp_tx"), 0.0381, 1e-12);   // tp_tx_con: x -1.0472 -> y 0.0381
  EXPECT_NEAR(value("tp_ty"), -0.0204, 1e-12);  // tp_ty_con: x -1.0472 -> y -0.0204
  EXPECT_NEAR(value("tp_tz"), 0.0024, 1e-12);   // tp_tz_con: constant 0.0024

  Data data(model);
  forwardKinematics(model, data, q);
  const auto& X_GT = data.X_GF[model.body(*model.findBody("tibia")).frame.value()];
  const auto& X_GP = data.X_GF[model.body(*model.findBody("patella")).frame.value()];
  const Eigen::Vector3d p_TP = X_GT.R.transpose() * (X_GP.p - X_GT.p);
  EXPECT_LT((p_TP - Eigen::Vector3d(0.0381, -0.0204, 0.0024)).norm(), 1e-12);
}

}  // namespace
}  // namespace kinchain::model
