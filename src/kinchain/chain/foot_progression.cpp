#include "kinchain/chain/foot_progression.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

namespace kinchain::chain {

namespace {

using kinematics::GaitCycle;

/// Horizontal (ground-plane) vector in OpenSim's ground: x and z, Y being up.
struct Planar {
  double x = 0.0;
  double z = 0.0;
  double length() const { return std::hypot(x, z); }
};

/// Heel and toe of one foot in the ground plane at `t` (linear interpolation; NaN outside).
struct FootAt {
  Planar heel;
  Planar toe;
};

FootAt footAt(const dynamics::FootPoints& feet, std::size_t foot, double t) {
  const auto& heel = feet.heel[foot];
  const auto& toe = feet.toe[foot];
  return {{interpolateAt(feet.time, heel.col(0), t), interpolateAt(feet.time, heel.col(2), t)},
          {interpolateAt(feet.time, toe.col(0), t), interpolateAt(feet.time, toe.col(2), t)}};
}

std::size_t footIndex(Side side) {
  return side == Side::Left ? 0 : 1;
}

/// The signed angle (deg) of `foot` from `walking` towards the foot's lateral side.
double progressionAngle(const Planar& walking, const Planar& foot, Side side) {
  // Right of the walker = walking × up = (−z, x) in the (x, z) plane; left is its opposite.
  const double lateralSign = side == Side::Right ? 1.0 : -1.0;
  const double along = foot.x * walking.x + foot.z * walking.z;
  const double lateral = lateralSign * (foot.x * -walking.z + foot.z * walking.x);
  return std::atan2(lateral, along) * 180.0 / std::numbers::pi;
}

/// The cycle's walking direction (heel displacement over the stride), or why there is none.
struct Direction {
  std::optional<Planar> unit;
  std::string missing;
};

Direction walkingDirection(const dynamics::FootPoints& feet, Side side, const GaitCycle& cycle) {
  const std::size_t foot = footIndex(side);
  const FootAt start = footAt(feet, foot, cycle.footStrike);
  const FootAt end = footAt(feet, foot, cycle.nextFootStrike);
  const Planar stride{end.heel.x - start.heel.x, end.heel.z - start.heel.z};
  const double footLength = Planar{start.toe.x - start.heel.x, start.toe.z - start.heel.z}.length();
  if (!std::isfinite(stride.length()) || !std::isfinite(footLength))
    return {std::nullopt, "no heel/toe position at the cycle's foot strikes"};
  // A stride shorter than the foot itself carries no direction of progression (treadmill or
  // walking on the spot): the heel displacement would be dominated by the foot's own motion.
  if (!(stride.length() > footLength))
    return {std::nullopt,
            fmt::format("the heel moved {:.3f} m over the stride, less than the foot length "
                        "({:.3f} m): no direction of progression (treadmill?)",
                        stride.length(), footLength)};
  return {Planar{stride.x / stride.length(), stride.z / stride.length()}, {}};
}

double angleAt(const dynamics::FootPoints& feet, Side side, const Planar& walking, double t) {
  const FootAt at = footAt(feet, footIndex(side), t);
  return progressionAngle(walking, {at.toe.x - at.heel.x, at.toe.z - at.heel.z}, side);
}

std::string inputsMissing(const ChainInputs& inputs, Side side) {
  if (inputs.footPoints == nullptr) return "no heel/toe trajectories";
  const auto& feet = *inputs.footPoints;
  const auto samples = static_cast<Eigen::Index>(feet.time.size());
  const std::size_t foot = footIndex(side);
  if (feet.time.size() < 2) return "fewer than two heel/toe samples";
  if (feet.heel[foot].rows() != samples || feet.toe[foot].rows() != samples)
    return "heel/toe trajectories do not match their time stamps";
  return {};
}

bool insideData(const dynamics::FootPoints& feet, const GaitCycle& cycle) {
  return cycle.footStrike >= feet.time.front() && cycle.nextFootStrike <= feet.time.back();
}

}  // namespace

FootProgressionSide footProgressionCurves(const ChainInputs& inputs, Side side) {
  FootProgressionSide result;
  if (auto reason = inputsMissing(inputs, side); !reason.empty()) {
    result.missing = std::move(reason);
    return result;
  }
  const auto cycles = sideCycles(inputs, side);
  if (cycles.empty()) {
    result.missing = "no complete gait cycle on this side";
    return result;
  }
  const auto& feet = *inputs.footPoints;
  CycleCurves curves;
  for (std::size_t index = 0; index < cycles.size(); ++index) {
    const GaitCycle& cycle = cycles[index];
    if (!insideData(feet, cycle)) {
      curves.skipped.push_back(fmt::format("cycle {}: outside the heel/toe data", index + 1));
      continue;
    }
    const Direction direction = walkingDirection(feet, side, cycle);
    if (!direction.unit) {
      curves.skipped.push_back(fmt::format("cycle {}: {}", index + 1, direction.missing));
      continue;
    }
    Eigen::VectorXd angles(kCyclePoints);
    for (Eigen::Index k = 0; k < kCyclePoints; ++k) {
      const double fraction = static_cast<double>(k) / static_cast<double>(kCyclePoints - 1);
      const double t = cycle.footStrike + fraction * (cycle.nextFootStrike - cycle.footStrike);
      angles(k) = angleAt(feet, side, *direction.unit, t);
    }
    curves.cycleIndices.push_back(index);
    curves.cycles.push_back(std::move(angles));
  }
  if (curves.cycles.empty()) {
    result.missing = curves.skipped.empty() ? "no cycle inside the data" : curves.skipped.front();
    return result;
  }
  summariseCycles(curves);
  result.curves = std::move(curves);
  return result;
}

namespace {

/// One cycle's time-weighted (trapezoid) mean angle over stance, or why there is none.
struct StanceMean {
  std::optional<double> value;
  std::string missing;
};

StanceMean stanceMean(const dynamics::FootPoints& feet, Side side, const GaitCycle& cycle) {
  if (!insideData(feet, cycle)) return {std::nullopt, "the cycle lies outside the heel/toe data"};
  const Direction direction = walkingDirection(feet, side, cycle);
  if (!direction.unit) return {std::nullopt, direction.missing};
  // Both stance ends interpolated, the samples between as they are.
  std::vector<double> times{cycle.footStrike};
  for (const double t : feet.time)
    if (t > cycle.footStrike && t < cycle.footOff) times.push_back(t);
  times.push_back(cycle.footOff);
  double area = 0.0;
  double span = 0.0;
  double previous = angleAt(feet, side, *direction.unit, times.front());
  for (std::size_t i = 1; i < times.size(); ++i) {
    const double current = angleAt(feet, side, *direction.unit, times[i]);
    if (std::isfinite(previous) && std::isfinite(current) && times[i] > times[i - 1]) {
      area += 0.5 * (previous + current) * (times[i] - times[i - 1]);
      span += times[i] - times[i - 1];
    }
    previous = current;
  }
  if (!(span > 0.0)) return {std::nullopt, "no valid heel/toe sample in stance"};
  return {area / span, {}};
}

SideMetric stanceMeans(const ChainInputs& inputs, Side side) {
  SideMetric values;
  const std::string inputsReason = inputsMissing(inputs, side);
  if (!inputsReason.empty()) {
    values.missing = inputsReason;
    return values;
  }
  const auto cycles = sideCycles(inputs, side);
  if (cycles.empty()) {
    values.missing =
        "no complete gait cycle (foot strike, foot off, next foot strike) on this side";
    return values;
  }
  double sum = 0.0;
  int count = 0;
  std::string firstReason;
  for (const auto& cycle : cycles) {
    const StanceMean mean = stanceMean(*inputs.footPoints, side, cycle);
    values.perCycle.push_back(mean.value);
    if (mean.value) {
      sum += *mean.value;
      ++count;
    } else if (firstReason.empty()) {
      firstReason = mean.missing;
    }
  }
  if (count > 0)
    values.value = sum / count;
  else
    values.missing = firstReason;
  return values;
}

}  // namespace

ChainMetric footProgressionMetric(const ChainInputs& inputs) {
  ChainMetric metric;
  metric.id = "foot_progression_mean_stance";
  metric.label = "Mean foot progression angle in stance (+ toe-out)";
  metric.unit = "deg";
  // No mechanism of kinetic-chain.md §2 names the foot progression angle; it is measured for
  // the Gait Profile Score and reported for the clinician.
  metric.mechanism = "";
  metric.left = stanceMeans(inputs, Side::Left);
  metric.right = stanceMeans(inputs, Side::Right);
  return metric;
}

}  // namespace kinchain::chain
