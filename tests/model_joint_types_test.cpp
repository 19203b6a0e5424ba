// Every joint type against its closed-form X_FM(q) (Simbody conventions, joint.hpp), composed
// with parent and child offset frames: X_GB = X_GP * X_FM(q) * X_BC^-1, p_GM = X_GB * p_BM.

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "model_test_models.hpp"

namespace kinchain::model {
namespace {

using test_models::coordinate;
using test_models::singleJointModel;

Eigen::Matrix3d Rx(double a) {
  return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitX()).toRotationMatrix();
}
Eigen::Matrix3d Ry(double a) {
  return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitY()).toRotationMatrix();
}
Eigen::Matrix3d Rz(double a) {
  return Eigen::AngleAxisd(a, Eigen::Vector3d::UnitZ()).toRotationMatrix();
}

// Expected marker position for a given X_FM.
Eigen::Vector3d expectedMarker(const Eigen::Matrix3d& R_FM, const Eigen::Vector3d& p_FM) {
  const Eigen::Isometry3d X_GP = Eigen::Translation3d(1, 2, 3) * Eigen::Isometry3d(Rz(0.5));
  const Eigen::Isometry3d X_BC = Eigen::Translation3d(0.1, 0, 0) * Eigen::Isometry3d(Rx(0.3));
  Eigen::Isometry3d X_FM = Eigen::Isometry3d::Identity();
  X_FM.linear() = R_FM;
  X_FM.translation() = p_FM;
  return (X_GP * X_FM * X_BC.inverse()) * Eigen::Vector3d(0.1, 0.2, 0.3);
}

Eigen::Vector3d markerAt(const Model& model, const Eigen::VectorXd& q) {
  Data data(model);
  forwardKinematics(model, data, q);
  return data.markerPositions.col(0);
}

constexpr double kTolerance = 1e-12;  // double round-off over a few 3x3 products

TEST(ModelJointTypes, PinRotatesAboutZ) {
  const Model model = readOsimModelFromText(singleJointModel("PinJoint", coordinate("a")), "pin");
  Eigen::VectorXd q(1);
  q << 0.7;
  EXPECT_LT((markerAt(model, q) - expectedMarker(Rz(0.7), Eigen::Vector3d::Zero())).norm(),
            kTolerance);
  EXPECT_EQ(model.coordinate(CoordinateIndex(0)).motionType, MotionType::Rotational);
}

TEST(ModelJointTypes, SliderTranslatesAlongX) {
  const Model model =
      readOsimModelFromText(singleJointModel("SliderJoint", coordinate("x")), "slider");
  Eigen::VectorXd q(1);
  q << 0.25;
  EXPECT_LT((markerAt(model, q) - expectedMarker(Eigen::Matrix3d::Identity(), {0.25, 0, 0})).norm(),
            kTolerance);
  EXPECT_EQ(model.coordinate(CoordinateIndex(0)).motionType, MotionType::Translational);
}

TEST(ModelJointTypes, WeldIsRigid) {
  const Model model = readOsimModelFromText(singleJointModel("WeldJoint", ""), "weld");
  EXPECT_LT((markerAt(model, Eigen::VectorXd(0)) -
             expectedMarker(Eigen::Matrix3d::Identity(), Eigen::Vector3d::Zero()))
                .norm(),
            kTolerance);
}

TEST(ModelJointTypes, UniversalIsXThenNewY) {
  const Model model = readOsimModelFromText(
      singleJointModel("UniversalJoint", coordinate("a") + coordinate("b")), "universal");
  Eigen::VectorXd q(2);
  q << 0.4, -0.9;
  EXPECT_LT(
      (markerAt(model, q) - expectedMarker(Rx(0.4) * Ry(-0.9), Eigen::Vector3d::Zero())).norm(),
      kTolerance);
}

TEST(ModelJointTypes, BallIsBodyFixedXYZ) {
  const Model model = readOsimModelFromText(
      singleJointModel("BallJoint", coordinate("a") + coordinate("b") + coordinate("c")), "ball");
  Eigen::VectorXd q(3);
  q << 0.4, -0.9, 1.3;
  EXPECT_LT(
      (markerAt(model, q) - expectedMarker(Rx(0.4) * Ry(-0.9) * Rz(1.3), Eigen::Vector3d::Zero()))
          .norm(),
      kTolerance);
}

TEST(ModelJointTypes, FreeIsBodyFixedXYZThenTranslationInParent) {
  std::string coordinates;
  for (const char* name : {"rx", "ry", "rz", "tx", "ty", "tz"})
    coordinates += coordinate(name);
  const Model model = readOsimModelFromText(singleJointModel("FreeJoint", coordinates), "free");
  Eigen::VectorXd q(6);
  q << 0.4, -0.9, 1.3, 0.5, -0.25, 2.0;
  EXPECT_LT(
      (markerAt(model, q) - expectedMarker(Rx(0.4) * Ry(-0.9) * Rz(1.3), {0.5, -0.25, 2.0})).norm(),
      kTolerance);
  EXPECT_EQ(model.coordinate(CoordinateIndex(4)).motionType, MotionType::Translational);
}

TEST(ModelJointTypes, PlanarRotatesAboutZAndTranslatesInXY) {
  const Model model = readOsimModelFromText(
      singleJointModel("PlanarJoint", coordinate("rz") + coordinate("tx") + coordinate("ty")),
      "planar");
  Eigen::VectorXd q(3);
  q << 1.1, 0.3, -0.6;
  EXPECT_LT((markerAt(model, q) - expectedMarker(Rz(1.1), {0.3, -0.6, 0})).norm(), kTolerance);
}

// CustomJoint with oblique, unnormalised axes (normalised as Simbody does), a non-identity
// function and a constant translation: R = R(q0, a0) R(2 q1 + 0.1, a1) R(0, a2),
// p = 0.05 a3 + q0 a4 (a4 = y).
TEST(ModelJointTypes, CustomJointFollowsSimbodyFunctionBasedSemantics) {
  const std::string spatial = R"(
        <SpatialTransform>
          <TransformAxis name="rotation1"><coordinates>a</coordinates><axis>0 0 2</axis>
            <LinearFunction name="function"><coefficients>1 0</coefficients></LinearFunction></TransformAxis>
          <TransformAxis name="rotation2"><coordinates>b</coordinates><axis>1 1 0</axis>
            <LinearFunction name="function"><coefficients>2 0.1</coefficients></LinearFunction></TransformAxis>
          <TransformAxis name="rotation3"><coordinates></coordinates><axis>1 -1 0</axis>
            <Constant name="function"><value>0</value></Constant></TransformAxis>
          <TransformAxis name="translation1"><coordinates></coordinates><axis>1 0 0</axis>
            <Constant name="function"><value>0.05</value></Constant></TransformAxis>
          <TransformAxis name="translation2"><coordinates>a</coordinates><axis>0 1 0</axis>
            <LinearFunction name="function"><coefficients>1 0</coefficients></LinearFunction></TransformAxis>
          <TransformAxis name="translation3"><coordinates></coordinates><axis>0 0 1</axis></TransformAxis>
        </SpatialTransform>)";
  const Model model = readOsimModelFromText(
      singleJointModel("CustomJoint", coordinate("a") + coordinate("b"), spatial), "custom");
  Eigen::VectorXd q(2);
  q << 0.6, -0.35;
  const Eigen::Vector3d a1 = Eigen::Vector3d(1, 1, 0).normalized();
  const Eigen::Matrix3d R = Rz(0.6) * Eigen::AngleAxisd(2 * -0.35 + 0.1, a1).toRotationMatrix();
  EXPECT_LT((markerAt(model, q) - expectedMarker(R, {0.05, 0.6, 0})).norm(), kTolerance);
  // OpenSim CustomJoint::constructCoordinates: the last axis a coordinate drives with slope +-1
  // decides (a: rotation1, then translation2 -> translational); b only through slope 2: coupled.
  EXPECT_EQ(model.coordinate(CoordinateIndex(0)).motionType, MotionType::Translational);
  EXPECT_EQ(model.coordinate(CoordinateIndex(1)).motionType, MotionType::Coupled);
}

// 2.x layout: joint inside the child body, location_in_parent / orientation_in_parent and
// location / orientation instead of offset frames.
TEST(ModelJointTypes, OldLayoutJointInsideBody) {
  const std::string text = R"(<?xml version="1.0"?>
<OpenSimDocument Version="20303"><Model name="old">
  <BodySet><objects>
    <Body name="ground"><mass>0</mass><Joint/></Body>
    <Body name="b"><mass>2</mass><mass_center>0 0 0</mass_center>
      <inertia_xx>1</inertia_xx><inertia_yy>2</inertia_yy><inertia_zz>3</inertia_zz>
      <inertia_xy>0.1</inertia_xy><inertia_xz>0</inertia_xz><inertia_yz>0</inertia_yz>
      <Joint><CustomJoint name="j">
        <parent_body>ground</parent_body>
        <location_in_parent>1 2 3</location_in_parent><orientation_in_parent>0 0 0.5</orientation_in_parent>
        <location>0.1 0 0</location><orientation>0.3 0 0</orientation>
        <CoordinateSet><objects><Coordinate name="a"><motion_type>rotational</motion_type><range>-1 1</range></Coordinate></objects></CoordinateSet>
        <reverse>false</reverse>
        <SpatialTransform>
          <TransformAxis name="rotation1"><function><LinearFunction><coefficients>1 0</coefficients></LinearFunction></function><coordinates>a</coordinates><axis>0 0 1</axis></TransformAxis>
          <TransformAxis name="rotation2"><function><Constant><value>0</value></Constant></function><coordinates/><axis>0 1 0</axis></TransformAxis>
          <TransformAxis name="rotation3"><function><Constant><value>0</value></Constant></function><coordinates/><axis>1 0 0</axis></TransformAxis>
          <TransformAxis name="translation1"><function><Constant><value>0</value></Constant></function><coordinates/><axis>1 0 0</axis></TransformAxis>
          <TransformAxis name="translation2"><function><Constant><value>0</value></Constant></function><coordinates/><axis>0 1 0</axis></TransformAxis>
          <TransformAxis name="translation3"><function><Constant><value>0</value></Constant></function><coordinates/><axis>0 0 1</axis></TransformAxis>
        </SpatialTransform>
      </CustomJoint></Joint>
    </Body>
  </objects></BodySet>
  <MarkerSet><objects><Marker name="m"><body>b</body><location>0.1 0.2 0.3</location><fixed>false</fixed></Marker></objects></MarkerSet>
</Model></OpenSimDocument>)";
  const Model model = readOsimModelFromText(text, "old");
  Eigen::VectorXd q(1);
  q << -0.8;
  EXPECT_LT((markerAt(model, q) - expectedMarker(Rz(-0.8), Eigen::Vector3d::Zero())).norm(),
            kTolerance);
  ASSERT_EQ(model.bodies().size(), 1u);  // "ground" is the ground frame, not a body
  EXPECT_DOUBLE_EQ(model.bodies()[0].inertia(0, 1), 0.1);
  EXPECT_DOUBLE_EQ(model.bodies()[0].inertia(1, 0), 0.1);
  EXPECT_FALSE(model.markers()[0].fixed);
}

}  // namespace
}  // namespace kinchain::model
