// WrapEllipsoid with equal semi-axes against the closed-form sphere result (see
// wrap_sphere_test.cpp), for each plane-selection method, plus the no-wrap cases. The ellipsoid
// method is iterative and samples the surface path in 1 mm chords, so it is exact only to:
// - chord sampling: a polyline with chord angle δ under-estimates an arc by ≈ δ²/24 of it;
//   δ = 1 mm / 50 mm gives 2e-5;
// - tangent points: the iteration stops at a squared residual of 1e-8 (ELLIPSOID_TINY) in
//   coordinates scaled to ≈1, i.e. ≈1e-4 of the radius; length is stationary at tangency.
// Hence 5e-5 relative on the length and 2e-4·R on point positions.

#include <gtest/gtest.h>

#include <cmath>

#include "kinchain/muscle/wrapping/wrap_line.hpp"

namespace kinchain::muscle {
namespace {

double sphereWrapLength(const Eigen::Vector3d& p, const Eigen::Vector3d& s, double radius) {
  const double gamma = std::acos(p.normalized().dot(s.normalized()));
  return std::sqrt(p.squaredNorm() - radius * radius) +
         std::sqrt(s.squaredNorm() - radius * radius) +
         radius * (gamma - std::acos(radius / p.norm()) - std::acos(radius / s.norm()));
}

model::WrapObject ellipsoidObject(const Eigen::Vector3d& semiAxes, const char* quadrant = "all") {
  model::WrapObject object;
  object.name = "ellipsoid";
  object.shape = model::WrapEllipsoid{semiAxes};
  EXPECT_TRUE(model::parseWrapQuadrant(quadrant, object.quadrant));
  return object;
}

double pathLength(const Eigen::Vector3d& p, const Eigen::Vector3d& s, const WrapResult& wrap) {
  return (wrap.r1 - p).norm() + wrap.surface_length + (s - wrap.r2).norm();
}

TEST(WrapEllipsoid, EqualSemiAxesReproduceTheSphere) {
  const double radius = 0.05;
  const auto object = ellipsoidObject(Eigen::Vector3d::Constant(radius));
  for (const WrapMethod method : {WrapMethod::Hybrid, WrapMethod::Midpoint, WrapMethod::Axial}) {
    for (const auto& [p, s] :
         {std::pair{Eigen::Vector3d(-0.12, 0.01, 0.02), Eigen::Vector3d(0.1, 0.02, -0.01)},
          std::pair{Eigen::Vector3d(0.01, 0.2, 0.03), Eigen::Vector3d(0.03, -0.09, 0.005)},
          std::pair{Eigen::Vector3d(-0.06, -0.06, 0.06), Eigen::Vector3d(0.07, 0.05, -0.05)}}) {
      const WrapResult wrap = wrapLine(object, p, s, WrapSettings{method, true});
      ASSERT_EQ(wrap.status, WrapStatus::MandatoryWrap) << static_cast<int>(method);
      const double expected = sphereWrapLength(p, s, radius);
      EXPECT_NEAR(pathLength(p, s, wrap), expected, 5e-5 * expected)
          << static_cast<int>(method) << " " << p.transpose();
      EXPECT_NEAR(wrap.r1.norm(), radius, 2e-4 * radius);
      EXPECT_NEAR(wrap.r2.norm(), radius, 2e-4 * radius);
      EXPECT_NEAR((wrap.r1 - p).normalized().dot(wrap.r1.normalized()), 0.0, 2e-4);
    }
  }
}

TEST(WrapEllipsoid, TangentPointsLieOnAProlateSurface) {
  // A general ellipsoid: tangent points on the surface, tangent lines orthogonal to the normal.
  const Eigen::Vector3d axes(0.035, 0.02, 0.02);  // arm26 TRIlonghh dimensions
  const auto object = ellipsoidObject(axes);
  const Eigen::Vector3d p(-0.01, 0.06, 0.004);
  const Eigen::Vector3d s(0.005, -0.07, -0.003);
  const WrapResult wrap = wrapLine(object, p, s, WrapSettings{});
  ASSERT_EQ(wrap.status, WrapStatus::MandatoryWrap);
  for (const auto& [end, tangent] : {std::pair{p, wrap.r1}, std::pair{s, wrap.r2}}) {
    EXPECT_NEAR(tangent.cwiseQuotient(axes).squaredNorm(), 1.0, 2e-4);
    const Eigen::Vector3d normal = tangent.cwiseQuotient(axes.cwiseProduct(axes)).normalized();
    EXPECT_NEAR((tangent - end).normalized().dot(normal), 0.0, 2e-3);
  }
  EXPECT_GT(pathLength(p, s, wrap), (s - p).norm());
}

TEST(WrapEllipsoid, NoWrapCases) {
  const auto object = ellipsoidObject({0.05, 0.03, 0.02});
  EXPECT_EQ(wrapLine(object, {-0.1, 0.04, 0}, {0.1, 0.04, 0}, {}).status, WrapStatus::NoWrap);
  EXPECT_EQ(wrapLine(object, {0.0, 0.0, 0.001}, {0.1, 0.1, 0}, {}).status,
            WrapStatus::InsideRadius);
  // End points on one ray from the centre.
  EXPECT_EQ(wrapLine(object, {0.1, 0.0, 0.0}, {0.2, 0.0, 0.0}, {}).status, WrapStatus::NoWrap);
}

TEST(WrapEllipsoid, QuadrantKeepsThePathOnTheActiveSide) {
  const auto object = ellipsoidObject(Eigen::Vector3d::Constant(0.05), "-y");
  const Eigen::Vector3d p(-0.1, 0.02, 0.0);
  const Eigen::Vector3d s(0.1, 0.02, 0.0);
  const WrapResult wrap = wrapLine(object, p, s, WrapSettings{});
  ASSERT_TRUE(wrap.wraps());
  EXPECT_LT(wrap.r1.y(), 0.0);
  EXPECT_LT(wrap.r2.y(), 0.0);
}

}  // namespace
}  // namespace kinchain::muscle
