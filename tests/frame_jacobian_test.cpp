// Kinematic Jacobians: the analytic markerJacobian / frameJacobian against (a) forward-mode
// automatic differentiation of the scalar-generic forwardKinematics (Eigen AutoDiffScalar) and
// (b) central finite differences of forwardKinematics, on Rajagopal 2015 (CustomJoints with
// SimmSpline-coupled knee and patella axes, PinJoints, WeldJoints) and gait2354 (2.x layout).

#include <gtest/gtest.h>

#include <Eigen/Core>

// AutoDiff needs Eigen/Core first.
#include <unsupported/Eigen/AutoDiff>

#include <random>

#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hxx"
#include "kinchain/model/frame_jacobian.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::model {
namespace {

using AutoDiff = Eigen::AutoDiffScalar<Eigen::VectorXd>;

// A pose inside every coordinate's range (finite ranges only), away from default zeros.
Eigen::VectorXd samplePose(const Model& model, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> unit(0.2, 0.8);
  Eigen::VectorXd q = model.defaultCoordinates();
  for (std::size_t c = 0; c < model.coordinates().size(); ++c) {
    const Coordinate& coordinate = model.coordinates()[c];
    double low = std::max(coordinate.rangeMin, -1.5), high = std::min(coordinate.rangeMax, 1.5);
    if (coordinate.motionType == MotionType::Translational)
      low = std::max(low, -0.5), high = std::min(high, 0.5);
    q[static_cast<Eigen::Index>(c)] = low + unit(generator) * (high - low);
  }
  return q;
}

// Central differences of all marker positions: column c of d p / d q_c for every marker.
std::vector<Eigen::Matrix3Xd> finiteDifferenceMarkerJacobians(const Model& model,
                                                              const Eigen::VectorXd& q, double h) {
  Data plus(model), minus(model);
  std::vector<Eigen::Matrix3Xd> jacobians(model.markers().size(),
                                          Eigen::Matrix3Xd::Zero(3, model.nq()));
  for (Eigen::Index c = 0; c < model.nq(); ++c) {
    Eigen::VectorXd qPlus = q, qMinus = q;
    qPlus[c] += h;
    qMinus[c] -= h;
    forwardKinematics(model, plus, qPlus);
    forwardKinematics(model, minus, qMinus);
    for (std::size_t m = 0; m < model.markers().size(); ++m) {
      const auto column = static_cast<Eigen::Index>(m);
      jacobians[m].col(c) =
          (plus.markerPositions.col(column) - minus.markerPositions.col(column)) / (2 * h);
    }
  }
  return jacobians;
}

void checkMarkerJacobians(const std::string& file, unsigned seed) {
  const Model model = readOsimModel(test::sharedData(file));
  ASSERT_GT(model.markers().size(), 0u);
  const Eigen::VectorXd q = samplePose(model, seed);

  // Analytic.
  Data data(model);
  forwardKinematics(model, data, q);
  computeJointMotions(model, data);

  // Automatic differentiation: seed q with the identity.
  DataTpl<AutoDiff> adData(model);
  Eigen::Matrix<AutoDiff, Eigen::Dynamic, 1> qAd(model.nq());
  for (Eigen::Index c = 0; c < model.nq(); ++c)
    qAd[c] = AutoDiff(q[c], model.nq(), c);
  forwardKinematics(model, adData, qAd);

  // h = 1e-6: truncation ~h^2 |p'''| ~ 1e-12 m, round-off ~1e-16/1e-6 = 1e-10 m.
  const auto finite = finiteDifferenceMarkerJacobians(model, q, 1e-6);

  double worstAd = 0.0, worstFd = 0.0, worstValue = 0.0;
  Eigen::Matrix3Xd J(3, model.nq());
  for (std::size_t m = 0; m < model.markers().size(); ++m) {
    markerJacobian(model, data, MarkerIndex(m), J);
    Eigen::Matrix3Xd Jad(3, model.nq());
    for (int row = 0; row < 3; ++row) {
      const AutoDiff& component = adData.markerPositions(row, static_cast<Eigen::Index>(m));
      Jad.row(row) = component.derivatives().size() == 0
                         ? Eigen::RowVectorXd::Zero(model.nq())
                         : Eigen::RowVectorXd(component.derivatives().transpose());
      worstValue = std::max(
          worstValue,
          std::abs(component.value() - data.markerPositions(row, static_cast<Eigen::Index>(m))));
    }
    worstAd = std::max(worstAd, (J - Jad).cwiseAbs().maxCoeff());
    worstFd = std::max(worstFd, (J - finite[m]).cwiseAbs().maxCoeff());
  }
  std::cout << file << ": |J - J_AD| " << worstAd << ", |J - J_FD| " << worstFd
            << " (m/rad or m/m)\n";
  // AD and the analytic Jacobian are both exact: only round-off separates them.
  EXPECT_LT(worstValue, 1e-14);
  EXPECT_LT(worstAd, 1e-12);
  // Finite differences carry truncation + round-off error ~1e-10 (see h above).
  EXPECT_LT(worstFd, 1e-7);
}

TEST(FrameJacobian, MarkerJacobianMatchesAutoDiffAndFiniteDifferencesRajagopal) {
  checkMarkerJacobians("opensim-core/models/model_Rajagopal2015_posed.osim", 11);
}

TEST(FrameJacobian, MarkerJacobianMatchesAutoDiffAndFiniteDifferencesGait2354) {
  checkMarkerJacobians("opensim-core/ik_gait2354/subject01_simbody.osim", 12);
}

// Angular rows of frameJacobian against the finite-difference angular velocity
// omega = vee((R(q + h e_c) - R(q - h e_c)) / (2h) * R(q)^T), and linear rows against the
// finite difference of the frame origin, for every body of Rajagopal 2015.
TEST(FrameJacobian, FrameJacobianMatchesFiniteDifferences) {
  const Model model =
      readOsimModel(test::sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  const Eigen::VectorXd q = samplePose(model, 13);
  Data data(model), plus(model), minus(model);
  forwardKinematics(model, data, q);
  computeJointMotions(model, data);
  const double h = 1e-6;
  Eigen::Matrix<double, 6, Eigen::Dynamic> J(6, model.nq());
  double worst = 0.0;
  for (const Body& body : model.bodies()) {
    frameJacobian(model, data, body.frame, J);
    for (Eigen::Index c = 0; c < model.nq(); ++c) {
      Eigen::VectorXd qPlus = q, qMinus = q;
      qPlus[c] += h;
      qMinus[c] -= h;
      forwardKinematics(model, plus, qPlus);
      forwardKinematics(model, minus, qMinus);
      const auto& Xp = plus.X_GF[body.frame.value()];
      const auto& Xm = minus.X_GF[body.frame.value()];
      const Eigen::Matrix3d W =
          (Xp.R - Xm.R) / (2 * h) * data.X_GF[body.frame.value()].R.transpose();
      const Eigen::Vector3d omega(W(2, 1), W(0, 2), W(1, 0));
      const Eigen::Vector3d velocity = (Xp.p - Xm.p) / (2 * h);
      worst = std::max(worst, (J.col(c).head<3>() - omega).cwiseAbs().maxCoeff());
      worst = std::max(worst, (J.col(c).tail<3>() - velocity).cwiseAbs().maxCoeff());
    }
  }
  EXPECT_LT(worst, 1e-7);
}

TEST(FrameJacobian, RejectsWrongSizesAndForeignData) {
  const Model model =
      readOsimModel(test::sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  const Model other =
      readOsimModel(test::sharedData("opensim-core/ik_gait2354/subject01_simbody.osim"));
  Data data(model), otherData(other);
  forwardKinematics(model, data, model.defaultCoordinates());
  Eigen::Matrix3Xd wrong(3, model.nq() + 1);
  EXPECT_THROW(markerJacobian(model, data, MarkerIndex(0), wrong), std::invalid_argument);
  EXPECT_THROW(computeJointMotions(model, otherData), std::invalid_argument);
  EXPECT_THROW(forwardKinematics(model, otherData, model.defaultCoordinates()),
               std::invalid_argument);
  EXPECT_THROW(forwardKinematics(model, data, Eigen::VectorXd(3)), std::invalid_argument);
}

}  // namespace
}  // namespace kinchain::model
