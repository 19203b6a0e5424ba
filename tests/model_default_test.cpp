// The bundled default model (data/models/README.md) loads, keeps subtalar and MTP free, and is
// the OpenSim gait2392 skeleton: same kinematics as the unmodified opensim-models file.

#include <gtest/gtest.h>

#include "kinchain/model/data.hpp"
#include "kinchain/model/default_model.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::model {
namespace {

TEST(ModelDefault, LoadsWithSubtalarAndMtpFree) {
  const Model model = loadDefaultModel();
  EXPECT_EQ(model.nq(), 23);
  EXPECT_EQ(model.muscleCount(), 92u);
  EXPECT_EQ(model.markers().size(), 39u);
  for (const char* name : {"subtalar_angle_r", "subtalar_angle_l", "mtp_angle_r", "mtp_angle_l"}) {
    const auto coordinate = model.findCoordinate(name);
    ASSERT_TRUE(coordinate) << name;
    EXPECT_FALSE(model.coordinate(*coordinate).locked) << name;
    EXPECT_EQ(model.coordinate(*coordinate).motionType, MotionType::Rotational) << name;
    EXPECT_FALSE(model.coordinate(*coordinate).clamped) << name;
    EXPECT_LT(model.coordinate(*coordinate).rangeMin, 0.0) << name;
    EXPECT_GT(model.coordinate(*coordinate).rangeMax, 0.0) << name;
  }
}

TEST(ModelDefault, SameKinematicsAsTheSourceModel) {
  const Model bundled = loadDefaultModel();
  const Model source =
      readOsimModel(test::sharedData("opensim-models/gait2392_thelen2003muscle.osim"));
  ASSERT_EQ(bundled.nq(), source.nq());
  Eigen::VectorXd q = bundled.defaultCoordinates();
  for (Eigen::Index c = 0; c < q.size(); ++c)
    q[c] += 0.1 * static_cast<double>(c % 5) - 0.2;
  Data a(bundled), b(source);
  forwardKinematics(bundled, a, q);
  forwardKinematics(source, b, q);
  for (std::size_t f = 0; f < a.X_GF.size(); ++f) {
    EXPECT_EQ(a.X_GF[f].p, b.X_GF[f].p);
    EXPECT_EQ(a.X_GF[f].R, b.X_GF[f].R);
  }
}

}  // namespace
}  // namespace kinchain::model
