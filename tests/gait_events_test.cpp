#include "kinchain/kinematics/gait_events.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "kinchain/kinematics/spatiotemporal.hpp"

namespace kinchain::kinematics {
namespace {

// A synthetic, perfectly periodic walk with known events: stride time T, stance 60 %, the left
// foot half a stride after the right, pelvis moving at constant speed along +x, z up.
struct SyntheticWalk {
  static constexpr double strideTime = 1.1;      // s
  static constexpr double stanceFraction = 0.6;  //
  static constexpr double speed = 1.2;           // m/s
  static constexpr double rate = 100.0;          // Hz
  static constexpr double firstRightStrike = 0.15;
  static constexpr double footReach = 0.3;  // m, heel/toe excursion ahead of/behind the pelvis
  static constexpr int strides = 4;

  static double strike(Side side, int stride) {
    return firstRightStrike + stride * strideTime + (side == Side::Left ? strideTime / 2 : 0.0);
  }
  static double off(Side side, int stride) {
    return strike(side, stride) + stanceFraction * strideTime;
  }

  std::vector<double> time;
  SyntheticWalk() {
    const int frames = static_cast<int>((strides + 1) * strideTime * rate);
    for (int frame = 0; frame < frames; ++frame)
      time.push_back(frame / rate);
  }

  Eigen::VectorXd verticalForce(Side side, double amplitude) const {
    Eigen::VectorXd force = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(time.size()));
    for (std::size_t i = 0; i < time.size(); ++i) {
      for (int stride = 0; stride <= strides; ++stride) {
        const double start = strike(side, stride);
        const double end = off(side, stride);
        if (time[i] > start && time[i] < end) {
          force[static_cast<Eigen::Index>(i)] =
              amplitude * std::sin(std::numbers::pi * (time[i] - start) / (end - start));
        }
      }
    }
    return force;
  }

  Eigen::MatrixX3d pelvis() const {
    Eigen::MatrixX3d position(static_cast<Eigen::Index>(time.size()), 3);
    for (std::size_t i = 0; i < time.size(); ++i) {
      position.row(static_cast<Eigen::Index>(i)) << speed * time[i], 0.0, 0.9;
    }
    return position;
  }

  // Heel ahead of the pelvis by footReach * cos(phase from strike): maximal at each strike;
  // toe behind by footReach * cos(phase from off): minimal at each off.
  FootMarkerTrajectories foot(Side side) const {
    FootMarkerTrajectories markers{pelvis(), pelvis()};
    const double lateral = side == Side::Left ? 0.1 : -0.1;
    for (std::size_t i = 0; i < time.size(); ++i) {
      const auto row = static_cast<Eigen::Index>(i);
      const double heelPhase = 2 * std::numbers::pi * (time[i] - strike(side, 0)) / strideTime;
      const double toePhase = 2 * std::numbers::pi * (time[i] - off(side, 0)) / strideTime;
      markers.heel.row(row) += Eigen::RowVector3d(footReach * std::cos(heelPhase), lateral, -0.85);
      markers.toe.row(row) += Eigen::RowVector3d(-footReach * std::cos(toePhase), lateral, -0.85);
    }
    return markers;
  }
};

TEST(GaitEvents, ForceThresholdCrossingsMatchTheAnalyticTimes) {
  const SyntheticWalk walk;
  const double amplitude = 700.0;
  const auto contacts =
      contactsFromVerticalForce(walk.time, walk.verticalForce(Side::Right, amplitude));
  ASSERT_EQ(contacts.size(), 5u);
  // Half-sine force crosses 10 N at asin(10/700)/pi of the stance either side. Linear
  // interpolation between 100 Hz samples of a sine near zero is accurate to well under 1 ms.
  const double stance = SyntheticWalk::stanceFraction * SyntheticWalk::strideTime;
  const double lag = std::asin(10.0 / amplitude) / std::numbers::pi * stance;
  for (int stride = 0; stride < 4; ++stride) {
    EXPECT_TRUE(contacts[stride].strikeObserved);
    EXPECT_TRUE(contacts[stride].offObserved);
    EXPECT_NEAR(contacts[stride].strikeTime, SyntheticWalk::strike(Side::Right, stride) + lag,
                1e-3);
    EXPECT_NEAR(contacts[stride].offTime, SyntheticWalk::off(Side::Right, stride) - lag, 1e-3);
    EXPECT_NEAR(contacts[stride].peakForce, amplitude, 1.0);
  }
}

TEST(GaitEvents, ContactAtTheEdgesOfTheRecordIsNotAnEvent) {
  const std::vector<double> time{0.0, 0.01, 0.02, 0.03, 0.04};
  Eigen::VectorXd force(5);
  force << 500, 400, 5, 300, 600;
  const auto contacts = contactsFromVerticalForce(time, force);
  ASSERT_EQ(contacts.size(), 2u);
  EXPECT_FALSE(contacts[0].strikeObserved);
  EXPECT_TRUE(contacts[0].offObserved);
  EXPECT_TRUE(contacts[1].strikeObserved);
  EXPECT_FALSE(contacts[1].offObserved);
  const auto events = eventsFromContacts(contacts, Side::Left);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, GaitEventKind::FootOff);
  EXPECT_EQ(events[1].kind, GaitEventKind::FootStrike);
}

TEST(GaitEvents, NaNForceIsNoContactAndLengthsMustMatch) {
  const std::vector<double> time{0.0, 0.01, 0.02};
  Eigen::VectorXd force(3);
  force << std::nan(""), 100, std::nan("");
  const auto contacts = contactsFromVerticalForce(time, force);
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_FALSE(contacts[0].strikeObserved);
  EXPECT_FALSE(contacts[0].offObserved);
  EXPECT_THROW(contactsFromVerticalForce({0.0}, force), std::invalid_argument);
}

TEST(GaitEvents, ZeniMethodFindsStrikesAndOffsWithinOneFrame) {
  const SyntheticWalk walk;
  for (const Side side : {Side::Left, Side::Right}) {
    const auto events = eventsFromKinematics(walk.time, walk.pelvis(), walk.foot(side), side);
    int strikes = 0;
    int offs = 0;
    for (const auto& event : events) {
      EXPECT_EQ(event.side, side);
      EXPECT_EQ(event.source, GaitEventSource::Kinematics);
      const int stride = static_cast<int>(std::floor(
          (event.time - SyntheticWalk::strike(side, 0) + 0.25) / SyntheticWalk::strideTime));
      const double expected = event.kind == GaitEventKind::FootStrike
                                  ? SyntheticWalk::strike(side, stride)
                                  : SyntheticWalk::off(side, stride);
      // Extrema are picked at frames: within one frame (1 / 100 Hz) of the true time.
      EXPECT_NEAR(event.time, expected, 1.0 / SyntheticWalk::rate + 1e-9);
      (event.kind == GaitEventKind::FootStrike ? strikes : offs)++;
    }
    EXPECT_GE(strikes, 4);
    EXPECT_GE(offs, 4);
  }
}

TEST(GaitEvents, TreadmillNeedsAnExplicitDirection) {
  const SyntheticWalk walk;
  Eigen::MatrixX3d still = walk.pelvis();
  still.col(0).setZero();
  auto foot = walk.foot(Side::Right);
  foot.heel.col(0) -= walk.pelvis().col(0);
  foot.toe.col(0) -= walk.pelvis().col(0);
  EXPECT_THROW(eventsFromKinematics(walk.time, still, foot, Side::Right), std::invalid_argument);
  KinematicEventOptions options;
  options.direction = Eigen::Vector3d::UnitX();
  EXPECT_FALSE(eventsFromKinematics(walk.time, still, foot, Side::Right, options).empty());
}

std::vector<GaitEvent> exactEvents() {
  std::vector<GaitEvent> events;
  for (const Side side : {Side::Left, Side::Right}) {
    for (int stride = 0; stride < 4; ++stride) {
      events.push_back({side, GaitEventKind::FootStrike, SyntheticWalk::strike(side, stride),
                        GaitEventSource::Recorded});
      events.push_back({side, GaitEventKind::FootOff, SyntheticWalk::off(side, stride),
                        GaitEventSource::Recorded});
    }
  }
  sortEvents(events);
  return events;
}

TEST(Spatiotemporal, CyclesNeedStrikeOffStrike) {
  const auto cycles = gaitCycles(exactEvents(), Side::Right);
  ASSERT_EQ(cycles.size(), 3u);
  EXPECT_NEAR(cycles[0].duration(), SyntheticWalk::strideTime, 1e-12);
  EXPECT_NEAR(cycles[0].stanceFraction(), SyntheticWalk::stanceFraction, 1e-12);
  ASSERT_TRUE(cycles[1].oppositeFootOff.has_value());
  EXPECT_NEAR(cycles[1].percentOfCycle(*cycles[1].oppositeFootStrike), 50.0, 1e-9);
}

TEST(Spatiotemporal, ParametersOfAKnownWalk) {
  const SyntheticWalk walk;
  HeelTrajectories heels{walk.time, walk.foot(Side::Left).heel, walk.foot(Side::Right).heel};
  const Eigen::Vector3d direction = Eigen::Vector3d::UnitX();
  for (const Side side : {Side::Left, Side::Right}) {
    const auto parameters = spatiotemporalParameters(exactEvents(), side, &heels, &direction);
    EXPECT_EQ(parameters.cycleCount, 3);
    EXPECT_NEAR(parameters.strideTime, SyntheticWalk::strideTime, 1e-12);
    EXPECT_NEAR(parameters.stepTime, SyntheticWalk::strideTime / 2, 1e-12);
    EXPECT_NEAR(parameters.cadence, 120.0 / SyntheticWalk::strideTime, 1e-9);
    EXPECT_NEAR(parameters.stancePercent, 60.0, 1e-9);
    EXPECT_NEAR(parameters.swingPercent, 40.0, 1e-9);
    // Stance 60 % with the other foot half a cycle later: 10 % + 10 % double support.
    EXPECT_NEAR(parameters.doubleSupportPercent, 20.0, 1e-9);
    // Heels interpolated linearly between 100 Hz frames of a cosine: ~1e-3 m error at most.
    EXPECT_NEAR(parameters.strideLength, SyntheticWalk::speed * SyntheticWalk::strideTime, 2e-3);
    EXPECT_NEAR(parameters.stepLength, SyntheticWalk::speed * SyntheticWalk::strideTime / 2, 2e-3);
    EXPECT_NEAR(parameters.speed, SyntheticWalk::speed, 2e-3);
  }
}

TEST(Spatiotemporal, WithoutHeelsSpatialValuesAreNaN) {
  const auto parameters = spatiotemporalParameters(exactEvents(), Side::Left);
  EXPECT_TRUE(std::isnan(parameters.strideLength));
  EXPECT_TRUE(std::isnan(parameters.speed));
  EXPECT_NEAR(parameters.strideTime, SyntheticWalk::strideTime, 1e-12);
}

}  // namespace
}  // namespace kinchain::kinematics

namespace kinchain::kinematics {
namespace {

TEST(GaitEvents, FragmentsShorterThanTheResolutionAreMergedOrDropped) {
  std::vector<double> time;
  for (int i = 0; i < 20; ++i)
    time.push_back(0.001 * i);
  Eigen::VectorXd force = Eigen::VectorXd::Zero(20);
  force.segment(2, 8).setConstant(500.0);  // a contact 2..9
  force[11] = 12.0;                        // a 1-sample blip after a 1-sample gap
  force[15] = 11.0;                        // an isolated blip
  ForceContactOptions options;
  EXPECT_EQ(contactsFromVerticalForce(time, force, options).size(), 3u);
  options.resolutionSeconds = 0.0025;
  const auto contacts = contactsFromVerticalForce(time, force, options);
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_GT(contacts[0].offTime, 0.011);  // the blip 2 ms after the end joined the contact
}

}  // namespace
}  // namespace kinchain::kinematics
