// WrapTorus: a segment through the tube's cross-section wraps the inner side of the tube, which
// in that cross-section is the planar circle wrap of radius inner_radius (closed form).

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "kinchain/muscle/wrapping/wrap_line.hpp"

namespace kinchain::muscle {
namespace {

model::WrapObject torusObject(double inner, double outer) {
  model::WrapObject object;
  object.name = "torus";
  object.shape = model::WrapTorus{inner, outer};
  return object;
}

TEST(WrapTorus, SegmentThroughTheTubeWrapsItsInnerSide) {
  const double inner = 0.02;
  const double outer = 0.1;
  const auto object = torusObject(inner, outer);
  // In the x-z plane, passing the tube (centre (0.1, 0, 0)) on the side of the torus axis.
  const Eigen::Vector3d p(0.09, 0.0, 0.1);
  const Eigen::Vector3d s(0.09, 0.0, -0.1);
  const WrapResult wrap = wrapLine(object, p, s, WrapSettings{});
  ASSERT_TRUE(wrap.wraps());
  ASSERT_TRUE(wrap.has_surface_path);
  // Closed form in the cross-section: end points at (−0.01, ±0.1) from the tube centre.
  const Eigen::Vector2d pc(-0.01, 0.1);
  const Eigen::Vector2d sc(-0.01, -0.1);
  const double gamma = std::acos(pc.normalized().dot(sc.normalized()));
  const double tangent = std::sqrt(pc.squaredNorm() - inner * inner);
  const double expected = 2.0 * tangent + inner * (gamma - 2.0 * std::acos(inner / pc.norm()));
  const double length = (wrap.r1 - p).norm() + wrap.surface_length + (s - wrap.r2).norm();
  EXPECT_NEAR(length, expected, 1e-12);
  EXPECT_LT(wrap.r1.x(), outer);  // the inner side, facing the torus axis
  EXPECT_NEAR(std::hypot(std::hypot(wrap.r1.x(), wrap.r1.y()) - outer, wrap.r1.z()), inner, 1e-12);
}

TEST(WrapTorus, SegmentOutsideTheTubeIsHeldOnItsInnerSide) {
  // OpenSim's inner cylinder is constrained to the side facing the torus axis, so a segment
  // passing outside the tube is pulled round it, the long way (the tube acts as a ring).
  const double inner = 0.02;
  const auto object = torusObject(inner, 0.1);
  const Eigen::Vector3d p(0.2, 0.0, 0.1);
  const Eigen::Vector3d s(0.2, 0.0, -0.1);
  const WrapResult wrap = wrapLine(object, p, s, WrapSettings{});
  ASSERT_TRUE(wrap.has_surface_path);
  const Eigen::Vector2d pc(0.1, 0.1);  // end points relative to the tube centre, x-z plane
  const Eigen::Vector2d sc(0.1, -0.1);
  const double gamma = std::acos(pc.normalized().dot(sc.normalized()));
  const double tangent = std::sqrt(pc.squaredNorm() - inner * inner);
  const double expected =
      2.0 * tangent + inner * (2.0 * std::numbers::pi - gamma - 2.0 * std::acos(inner / pc.norm()));
  EXPECT_NEAR((wrap.r1 - p).norm() + wrap.surface_length + (s - wrap.r2).norm(), expected, 1e-12);
}

TEST(WrapTorus, QuadrantExcludingBothCandidatesIsNoWrap) {
  auto object = torusObject(0.02, 0.1);
  ASSERT_TRUE(model::parseWrapQuadrant("-x", object.quadrant));
  EXPECT_EQ(wrapLine(object, {0.09, 0.0, 0.1}, {0.09, 0.0, -0.1}, WrapSettings{}).status,
            WrapStatus::NoWrap);
}

}  // namespace
}  // namespace kinchain::muscle
