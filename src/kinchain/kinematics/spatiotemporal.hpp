#pragma once
// Gait cycles and spatiotemporal parameters per side from foot-strike / foot-off events and
// heel trajectories. Definitions follow the usual clinical-gait conventions (Perry & Burnfield,
// Gait Analysis, 2nd ed. 2010): a stride (gait cycle) runs from one foot-strike to the next of
// the same foot; a step from a foot-strike to the next foot-strike of the other foot.

#include <Eigen/Core>

#include <optional>
#include <vector>

#include "kinchain/common/side.hpp"
#include "kinchain/kinematics/gait_events.hpp"

namespace kinchain::kinematics {

/// One complete gait cycle of one side.
struct GaitCycle {
  Side side = Side::Left;
  double footStrike = 0.0;      ///< s, start of the cycle
  double footOff = 0.0;         ///< s, end of stance
  double nextFootStrike = 0.0;  ///< s, end of the cycle
  /// Contralateral foot-off / foot-strike inside the cycle (for double support), if seen.
  std::optional<double> oppositeFootOff;
  std::optional<double> oppositeFootStrike;

  double duration() const { return nextFootStrike - footStrike; }
  double stanceFraction() const { return (footOff - footStrike) / duration(); }
  /// Position of time `t` in the cycle, 0..100 %.
  double percentOfCycle(double t) const { return 100.0 * (t - footStrike) / duration(); }
};

/// Complete cycles of `side`: each needs a foot-strike, a foot-off after it and the next
/// foot-strike of the same side, with no other event of that side missing in between.
std::vector<GaitCycle> gaitCycles(const std::vector<GaitEvent>& events, Side side);

/// Mean spatiotemporal parameters of one side (NaN where the trial does not allow a value).
struct SpatiotemporalParameters {
  Side side = Side::Left;
  int cycleCount = 0;
  double strideTime = 0.0;            ///< s
  double stepTime = 0.0;              ///< s, contralateral strike to this side's strike
  double cadence = 0.0;               ///< steps/min, 60 / step time
  double stancePercent = 0.0;         ///< % of cycle
  double swingPercent = 0.0;          ///< % of cycle
  double doubleSupportPercent = 0.0;  ///< % of cycle, initial + terminal double support
  double strideLength = 0.0;          ///< same length unit as the heel trajectories
  double stepLength = 0.0;            ///< same unit, along the walking direction
  double speed = 0.0;                 ///< stride length / stride time (unit per second)
};

/// Heel trajectories sampled at `time` (rows = frames), laboratory frame.
struct HeelTrajectories {
  std::vector<double> time;
  Eigen::MatrixX3d left;
  Eigen::MatrixX3d right;
};

/// Spatiotemporal parameters of `side`. Spatial values (stride, step length, speed) need
/// `heels` and the walking direction; without them they are NaN.
SpatiotemporalParameters spatiotemporalParameters(
    const std::vector<GaitEvent>& events, Side side, const HeelTrajectories* heels = nullptr,
    const Eigen::Vector3d* walkingDirection = nullptr);

}  // namespace kinchain::kinematics
