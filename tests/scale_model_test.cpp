// Model scaling rules (OpenSim Model::scale and the components' extendScale) on a tiny model
// whose scaled numbers follow by hand, and the .osim writer's round trip for a 4.x file.

#include <gtest/gtest.h>

#include <fstream>

#include "kinchain/kinematics/model_scaling.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/model/osim_model_writer.hpp"
#include "model_test_models.hpp"
#include "test_paths.hpp"

namespace kinchain::kinematics {
namespace {

model::Model pinModel() {
  return model::readOsimModelFromText(
      model::test_models::singleJointModel("PinJoint", model::test_models::coordinate("q")),
      "pin.osim");
}

TEST(ScaleModel, FramesMarkersAndMassFollowTheBodyFactors) {
  const auto model = pinModel();
  const Eigen::Vector3d s(2.0, 3.0, 4.0);
  const auto scaled = scaleModel(model, {s}).model;
  // Parent offset on ground: ground is never scaled. Child offset on b: scaled by b's factors.
  const auto parent = *scaled.findFrame("/jointset/j/p");
  const auto child = *scaled.findFrame("/jointset/j/c");
  EXPECT_TRUE(scaled.frame(parent).X_PF.p.isApprox(Eigen::Vector3d(1, 2, 3)));
  EXPECT_TRUE(scaled.frame(child).X_PF.p.isApprox(Eigen::Vector3d(0.2, 0, 0)));
  EXPECT_TRUE(
      scaled.marker(*scaled.findMarker("m")).location.isApprox(Eigen::Vector3d(0.2, 0.6, 1.2)));
  const auto& body = scaled.bodies()[0];
  EXPECT_DOUBLE_EQ(body.mass, 2.0 * 24.0);  // mass * |sx sy sz|
  EXPECT_TRUE(body.massCenter.isApprox(Eigen::Vector3d(0, 0.3, 0)));
}

TEST(ScaleModel, SubjectMassAndPreservedDistribution) {
  const auto model = pinModel();
  ModelScalingOptions options;
  options.subjectMass = 10.0;
  options.preserveMassDistribution = true;
  const Eigen::Vector3d s = Eigen::Vector3d::Constant(1.5);
  const auto scaled = scaleModel(model, {s}, options).model;
  const auto& body = scaled.bodies()[0];
  EXPECT_DOUBLE_EQ(body.mass, 10.0);
  // Uniform factors: inertia * s^2 (mass kept), then * (10 / 2) with the mass.
  const Eigen::Matrix3d expected = Eigen::Vector3d(1, 2, 3).asDiagonal() * (1.5 * 1.5 * 5.0);
  EXPECT_TRUE(body.inertia.isApprox(expected, 1e-14));
}

// Unequal factors: OpenSim treats the body as a cylinder along its smallest principal moment
// (Body::scaleInertialProperties). A solid cylinder of mass m, radius r, length l along y has
// Iyy = m r^2 / 2 and Ixx = Izz = m (l^2 / 12 + r^2 / 4) (e.g. Meriam & Kraige, Dynamics,
// Appendix B); scaling (sx, sy, sz) makes l' = sy l and r'^2 = sx sz r^2.
TEST(ScaleModel, UnequalFactorsUseTheCylinderApproximation) {
  const double m = 3.0, r = 0.05, l = 0.4;
  const double axial = 0.5 * m * r * r;
  const double transverse = m * (l * l / 12.0 + 0.25 * r * r);
  const Eigen::Matrix3d I = Eigen::Vector3d(transverse, axial, transverse).asDiagonal();
  const Eigen::Vector3d s(1.1, 1.3, 0.9);
  const double scaledMass = m * s.prod();
  const Eigen::Matrix3d scaled = scaleInertia(I, s, m, scaledMass, true);
  const double r2 = r * r * s.x() * s.z();
  const double l2 = l * l * s.y() * s.y();
  EXPECT_NEAR(scaled(1, 1), 0.5 * scaledMass * r2, 1e-15);
  EXPECT_NEAR(scaled(0, 0), scaledMass * (l2 / 12.0 + 0.25 * r2), 1e-15);
  EXPECT_NEAR(scaled(2, 2), scaledMass * (l2 / 12.0 + 0.25 * r2), 1e-15);
}

TEST(ScaleModel, RejectsBadFactors) {
  const auto model = pinModel();
  EXPECT_THROW(scaleModel(model, {}), std::invalid_argument);
  EXPECT_THROW(scaleModel(model, {Eigen::Vector3d(1, 0, 1)}), std::invalid_argument);
}

TEST(ScaleModel, WrittenModelReadsBackScaled) {
  const auto directory = test::scratchDirectory("writer");
  const auto original = directory / "pin.osim";
  std::ofstream(original) << model::test_models::singleJointModel(
      "PinJoint", model::test_models::coordinate("q"));
  const auto model = model::readOsimModel(original);
  const auto scaled = scaleModel(model, {Eigen::Vector3d(2.0, 3.0, 4.0)}).model;
  const auto output = directory / "scaled.osim";
  model::writeEditedOsimModel(original, scaled, output, "subject");
  const auto reread = model::readOsimModel(output);
  EXPECT_EQ(reread.name(), "subject");
  EXPECT_TRUE(
      reread.frame(*reread.findFrame("/jointset/j/c")).X_PF.p.isApprox(Eigen::Vector3d(0.2, 0, 0)));
  EXPECT_TRUE(
      reread.marker(*reread.findMarker("m")).location.isApprox(Eigen::Vector3d(0.2, 0.6, 1.2)));
  EXPECT_TRUE(reread.marker(*reread.findMarker("m")).fixed);
  EXPECT_DOUBLE_EQ(reread.bodies()[0].mass, 48.0);
  EXPECT_TRUE(reread.bodies()[0].inertia.isApprox(scaled.bodies()[0].inertia, 1e-15));
}

}  // namespace
}  // namespace kinchain::kinematics
