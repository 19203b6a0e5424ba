#include "kinchain/chain/cycle_normalisation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace kinchain::chain {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

double interpolateAt(const std::vector<double>& time,
                     const Eigen::Ref<const Eigen::VectorXd>& values, double t) {
  if (time.empty() || !std::isfinite(t) || t < time.front() || t > time.back()) return kNaN;
  // First sample strictly after t; the bracket is [after - 1, after].
  const auto after = std::upper_bound(time.begin(), time.end(), t);
  if (after == time.end()) return values(static_cast<Eigen::Index>(time.size()) - 1);
  const auto i1 = static_cast<Eigen::Index>(after - time.begin());
  const Eigen::Index i0 = i1 - 1;
  const double t0 = time[static_cast<std::size_t>(i0)];
  const double t1 = time[static_cast<std::size_t>(i1)];
  const double v0 = values(i0);
  const double v1 = values(i1);
  if (t == t0) return v0;
  // v(t) = v0 + (v1 - v0) (t - t0) / (t1 - t0)
  return v0 + (v1 - v0) * (t - t0) / (t1 - t0);
}

Eigen::VectorXd normaliseInterval(const std::vector<double>& time,
                                  const Eigen::Ref<const Eigen::VectorXd>& values, double start,
                                  double end) {
  if (static_cast<Eigen::Index>(time.size()) != values.size())
    throw std::invalid_argument("normaliseInterval: time and values differ in length");
  if (!(end > start)) throw std::invalid_argument("normaliseInterval: end must follow start");
  Eigen::VectorXd curve(kCyclePoints);
  for (Eigen::Index k = 0; k < kCyclePoints; ++k) {
    // The last point is `end` itself, not start + 100 * step, so rounding cannot push it out.
    const double t = k + 1 == kCyclePoints
                         ? end
                         : start + (end - start) * static_cast<double>(k) / (kCyclePoints - 1);
    curve(k) = interpolateAt(time, values, t);
  }
  return curve;
}

void summariseCycles(CycleCurves& curves) {
  curves.mean = Eigen::VectorXd::Constant(kCyclePoints, kNaN);
  curves.sd = Eigen::VectorXd::Constant(kCyclePoints, kNaN);
  for (Eigen::Index k = 0; k < kCyclePoints; ++k) {
    double sum = 0.0;
    int count = 0;
    for (const auto& cycle : curves.cycles) {
      if (std::isfinite(cycle(k))) {
        sum += cycle(k);
        ++count;
      }
    }
    if (count == 0) continue;
    const double mean = sum / count;
    curves.mean(k) = mean;
    if (count < 2) continue;
    double squares = 0.0;
    for (const auto& cycle : curves.cycles)
      if (std::isfinite(cycle(k))) squares += (cycle(k) - mean) * (cycle(k) - mean);
    curves.sd(k) = std::sqrt(squares / (count - 1));
  }
}

CycleCurves normaliseCycles(const std::vector<double>& time,
                            const Eigen::Ref<const Eigen::VectorXd>& values,
                            const std::vector<kinematics::GaitCycle>& cycles) {
  CycleCurves curves;
  for (std::size_t i = 0; i < cycles.size(); ++i) {
    const auto& cycle = cycles[i];
    if (time.empty() || cycle.footStrike < time.front() || cycle.nextFootStrike > time.back()) {
      curves.skipped.push_back(
          fmt::format("cycle {} ({:.3f}-{:.3f} s): outside the data ({})", i + 1, cycle.footStrike,
                      cycle.nextFootStrike,
                      time.empty() ? std::string("no samples")
                                   : fmt::format("{:.3f}-{:.3f} s", time.front(), time.back())));
      continue;
    }
    curves.cycleIndices.push_back(i);
    curves.cycles.push_back(
        normaliseInterval(time, values, cycle.footStrike, cycle.nextFootStrike));
  }
  summariseCycles(curves);
  return curves;
}

std::optional<CycleCurves> normaliseColumn(const io::TimeSeriesTable& table,
                                           std::string_view column,
                                           const std::vector<kinematics::GaitCycle>& cycles,
                                           double scale) {
  const auto index = table.findColumn(column);
  if (!index || table.column(*index).kind != io::ColumnKind::Scalar) return std::nullopt;
  const Eigen::VectorXd values = table.scalarColumn(*index) * scale;
  return normaliseCycles(table.time(), values, cycles);
}

}  // namespace kinchain::chain
