// WrapSphere against closed-form geometry: a taut string over a sphere lies in the plane through
// the centre and its end points, so its length is the planar circle result
//   L = sqrt(|P|² − R²) + sqrt(|S|² − R²) + R·(γ − acos(R/|P|) − acos(R/|S|)),
// γ the angle between P and S at the centre (short way round).

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "kinchain/muscle/wrapping/wrap_line.hpp"
#include "kinchain/muscle/wrapping/wrap_sphere.hpp"

namespace kinchain::muscle {
namespace {

double circleWrapLength(const Eigen::Vector3d& p, const Eigen::Vector3d& s, double radius,
                        bool longWay) {
  const double gamma = std::acos(p.normalized().dot(s.normalized()));
  const double around = longWay ? 2.0 * std::numbers::pi - gamma : gamma;
  return std::sqrt(p.squaredNorm() - radius * radius) +
         std::sqrt(s.squaredNorm() - radius * radius) +
         radius * (around - std::acos(radius / p.norm()) - std::acos(radius / s.norm()));
}

double pathLength(const Eigen::Vector3d& p, const Eigen::Vector3d& s, const WrapResult& wrap) {
  return (wrap.r1 - p).norm() + wrap.surface_length + (s - wrap.r2).norm();
}

model::WrapObject sphereObject(double radius, const char* quadrant = "all") {
  model::WrapObject object;
  object.name = "sphere";
  object.shape = model::WrapSphere{radius};
  EXPECT_TRUE(model::parseWrapQuadrant(quadrant, object.quadrant));
  return object;
}

// Tolerance: the closed form and the algorithm agree to rounding; 1e-12 m allows for acos/asin
// near their ends on lengths of order 0.1 m.
constexpr double kLengthTolerance = 1e-12;

TEST(WrapSphere, PiercingSegmentWrapsWithTheClosedFormLength) {
  const double radius = 0.05;
  const auto object = sphereObject(radius);
  for (const auto& [p, s] :
       {std::pair{Eigen::Vector3d(-0.12, 0.01, 0.02), Eigen::Vector3d(0.1, 0.02, -0.01)},
        std::pair{Eigen::Vector3d(0.0, 0.2, 0.03), Eigen::Vector3d(0.03, -0.09, 0.0)},
        std::pair{Eigen::Vector3d(-0.06, -0.06, 0.06), Eigen::Vector3d(0.07, 0.05, -0.05)}}) {
    const WrapResult wrap = wrapLine(object, p, s, WrapSettings{});
    ASSERT_EQ(wrap.status, WrapStatus::Wrapped) << p.transpose();
    EXPECT_NEAR(wrap.r1.norm(), radius, 1e-15);
    EXPECT_NEAR(wrap.r2.norm(), radius, 1e-15);
    // Tangency: the straight parts are perpendicular to the radius at the tangent points.
    EXPECT_NEAR((wrap.r1 - p).normalized().dot(wrap.r1.normalized()), 0.0, 1e-12);
    EXPECT_NEAR((wrap.r2 - s).normalized().dot(wrap.r2.normalized()), 0.0, 1e-12);
    // Coplanar with the centre and the end points.
    EXPECT_NEAR(p.cross(s).normalized().dot(wrap.r1.normalized()), 0.0, 1e-12);
    EXPECT_NEAR(pathLength(p, s, wrap), circleWrapLength(p, s, radius, false), kLengthTolerance);
    EXPECT_NEAR(wrap.surface_length,
                radius * std::acos(wrap.r1.normalized().dot(wrap.r2.normalized())), 1e-15);
  }
}

TEST(WrapSphere, SegmentThatMissesOrEndsInsideDoesNotWrap) {
  const auto object = sphereObject(0.05);
  EXPECT_EQ(wrapLine(object, {-0.1, 0.06, 0}, {0.1, 0.06, 0}, {}).status, WrapStatus::NoWrap);
  // The line meets the sphere, but beyond the segment's end.
  EXPECT_EQ(wrapLine(object, {-0.3, 0.01, 0}, {-0.1, 0.01, 0}, {}).status, WrapStatus::NoWrap);
  EXPECT_EQ(wrapLine(object, {-0.1, 0.0, 0.01}, {0.01, 0.02, 0}, {}).status,
            WrapStatus::InsideRadius);
}

TEST(WrapSphere, QuadrantRules) {
  const double radius = 0.05;
  const Eigen::Vector3d p(-0.1, 0.02, 0.0);
  const Eigen::Vector3d s(0.1, 0.02, 0.0);
  // Unconstrained: over the +y side (shorter).
  const auto free = wrapLine(sphereObject(radius), p, s, {});
  ASSERT_TRUE(free.wraps());
  EXPECT_GT(free.r1.y(), 0.0);
  // "+y": the end points lie on the active side and the segment pierces: mandatory, same path.
  const auto positive = wrapLine(sphereObject(radius, "+y"), p, s, {});
  EXPECT_EQ(positive.status, WrapStatus::MandatoryWrap);
  EXPECT_NEAR(pathLength(p, s, positive), pathLength(p, s, free), 1e-15);
  // "-y": both ends on the inactive side, so the wrap is forced under the sphere, the long way
  // round as seen from the +y side.
  const auto negative = wrapLine(sphereObject(radius, "-y"), p, s, {});
  ASSERT_EQ(negative.status, WrapStatus::Wrapped);
  EXPECT_LT(negative.r1.y(), 0.0);
  EXPECT_LT(negative.r2.y(), 0.0);
  EXPECT_NEAR(pathLength(p, s, negative), circleWrapLength(p, s, radius, true), kLengthTolerance);
  // A segment that misses the sphere never wraps it, even with a quadrant (the piercing test
  // comes first in OpenSim's WrapSphere, unlike WrapCylinder).
  EXPECT_EQ(wrapLine(sphereObject(radius, "-y"), {-0.1, 0.06, 0}, {0.1, 0.06, 0}, {}).status,
            WrapStatus::NoWrap);
}

TEST(WrapSphere, LineThroughTheCentreIsNeverSelected) {
  // Plane undefined: OpenSim's fallback is NaN, which GeometryPath's "least length change" test
  // never picks.
  const auto wrap = wrapLine(sphereObject(0.05), {-0.1, 0, 0}, {0.1, 0, 0}, {});
  EXPECT_EQ(wrap.status, WrapStatus::Wrapped);
  EXPECT_TRUE(std::isnan(wrap.surface_length));
}

}  // namespace
}  // namespace kinchain::muscle
