#include "kinchain/kinematics/spatiotemporal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kinchain::kinematics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<GaitEvent> eventsOf(std::vector<GaitEvent> events, Side side) {
  std::erase_if(events, [side](const GaitEvent& event) { return event.side != side; });
  sortEvents(events);
  return events;
}

// First event of `kind` from `events` with time in (from, to).
std::optional<double> firstBetween(const std::vector<GaitEvent>& events, GaitEventKind kind,
                                   double from, double to) {
  for (const auto& event : events) {
    if (event.kind == kind && event.time > from && event.time < to) return event.time;
  }
  return std::nullopt;
}

// Heel position at time t, linearly interpolated; NaN outside the record or in a gap.
Eigen::Vector3d heelAt(const std::vector<double>& time, const Eigen::MatrixX3d& heel, double t) {
  const auto upper = std::lower_bound(time.begin(), time.end(), t);
  if (upper == time.end()) return Eigen::Vector3d::Constant(kNaN);
  const auto index = static_cast<Eigen::Index>(upper - time.begin());
  if (*upper == t || index == 0) {
    return *upper == t ? Eigen::Vector3d(heel.row(index).transpose())
                       : Eigen::Vector3d::Constant(kNaN);
  }
  const double weight = (t - time[static_cast<std::size_t>(index - 1)]) /
                        (*upper - time[static_cast<std::size_t>(index - 1)]);
  return ((1.0 - weight) * heel.row(index - 1) + weight * heel.row(index)).transpose();
}

double mean(const std::vector<double>& values) {
  double sum = 0.0;
  int count = 0;
  for (const double value : values) {
    if (std::isfinite(value)) {
      sum += value;
      ++count;
    }
  }
  return count > 0 ? sum / count : kNaN;
}

}  // namespace

std::vector<GaitCycle> gaitCycles(const std::vector<GaitEvent>& events, Side side) {
  const auto own = eventsOf(events, side);
  const auto opposite = eventsOf(events, otherSide(side));
  std::vector<GaitCycle> cycles;
  for (std::size_t index = 0; index + 2 < own.size(); ++index) {
    const auto& strike = own[index];
    const auto& off = own[index + 1];
    const auto& next = own[index + 2];
    if (strike.kind != GaitEventKind::FootStrike || off.kind != GaitEventKind::FootOff ||
        next.kind != GaitEventKind::FootStrike || !(next.time > strike.time)) {
      continue;
    }
    GaitCycle cycle;
    cycle.side = side;
    cycle.footStrike = strike.time;
    cycle.footOff = off.time;
    cycle.nextFootStrike = next.time;
    cycle.oppositeFootOff = firstBetween(opposite, GaitEventKind::FootOff, strike.time, off.time);
    cycle.oppositeFootStrike =
        firstBetween(opposite, GaitEventKind::FootStrike, strike.time, next.time);
    cycles.push_back(cycle);
  }
  return cycles;
}

SpatiotemporalParameters spatiotemporalParameters(const std::vector<GaitEvent>& events, Side side,
                                                  const HeelTrajectories* heels,
                                                  const Eigen::Vector3d* walkingDirection) {
  SpatiotemporalParameters result;
  result.side = side;
  const auto cycles = gaitCycles(events, side);
  result.cycleCount = static_cast<int>(cycles.size());

  const auto own = eventsOf(events, side);
  const auto opposite = eventsOf(events, otherSide(side));
  const bool spatial = heels != nullptr && walkingDirection != nullptr;
  const Eigen::MatrixX3d* ownHeel = nullptr;
  const Eigen::MatrixX3d* oppositeHeel = nullptr;
  if (spatial) {
    ownHeel = side == Side::Left ? &heels->left : &heels->right;
    oppositeHeel = side == Side::Left ? &heels->right : &heels->left;
  }

  std::vector<double> strideTimes, stancePercents, doubleSupportPercents, strideLengths;
  for (const auto& cycle : cycles) {
    strideTimes.push_back(cycle.duration());
    stancePercents.push_back(100.0 * cycle.stanceFraction());
    if (cycle.oppositeFootOff && cycle.oppositeFootStrike) {
      // Initial double support: own strike -> opposite off; terminal: opposite strike -> own off.
      const double initial = *cycle.oppositeFootOff - cycle.footStrike;
      const double terminal = cycle.footOff - *cycle.oppositeFootStrike;
      doubleSupportPercents.push_back(100.0 * (initial + terminal) / cycle.duration());
    }
    if (spatial) {
      const Eigen::Vector3d displacement = heelAt(heels->time, *ownHeel, cycle.nextFootStrike) -
                                           heelAt(heels->time, *ownHeel, cycle.footStrike);
      strideLengths.push_back(std::abs(displacement.dot(*walkingDirection)));
    }
  }

  // Steps: every own strike preceded by an opposite strike with no own strike in between.
  std::vector<double> stepTimes, stepLengths;
  for (const auto& strike : own) {
    if (strike.kind != GaitEventKind::FootStrike) continue;
    std::optional<double> previousOpposite;
    for (const auto& event : opposite) {
      if (event.kind == GaitEventKind::FootStrike && event.time < strike.time) {
        previousOpposite = event.time;
      }
    }
    if (!previousOpposite) continue;
    const bool ownStrikeBetween = std::any_of(own.begin(), own.end(), [&](const GaitEvent& event) {
      return event.kind == GaitEventKind::FootStrike && event.time > *previousOpposite &&
             event.time < strike.time;
    });
    if (ownStrikeBetween) continue;
    stepTimes.push_back(strike.time - *previousOpposite);
    if (spatial) {
      const Eigen::Vector3d separation = heelAt(heels->time, *ownHeel, strike.time) -
                                         heelAt(heels->time, *oppositeHeel, *previousOpposite);
      stepLengths.push_back(separation.dot(*walkingDirection));
    }
  }

  result.strideTime = mean(strideTimes);
  result.stancePercent = mean(stancePercents);
  result.swingPercent = 100.0 - result.stancePercent;
  result.doubleSupportPercent = mean(doubleSupportPercents);
  result.stepTime = mean(stepTimes);
  result.cadence = 60.0 / result.stepTime;
  result.strideLength = spatial ? mean(strideLengths) : kNaN;
  result.stepLength = spatial ? mean(stepLengths) : kNaN;
  result.speed = result.strideLength / result.strideTime;
  return result;
}

}  // namespace kinchain::kinematics
