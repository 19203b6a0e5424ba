#pragma once
// Time normalisation of gait cycles: each cycle (foot strike -> next foot strike of the same
// foot) becomes 101 samples at 0, 1, ..., 100 % of the cycle, so cycles of different duration
// can be averaged point by point (the usual clinical-gait convention, Perry & Burnfield, Gait
// Analysis, 2nd ed. 2010). Works on any scalar signal: a coordinate, a moment, a tissue load.
//
// Interpolation is linear between the two samples that bracket each target time, which is
// exact for signals linear between samples; for a smooth signal the error is at most
// h^2/8 * max|f''| (h = sample interval; standard linear-interpolation bound).

#include <Eigen/Core>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/spatiotemporal.hpp"

namespace kinchain::chain {

/// Samples per normalised cycle: 0 %, 1 %, ..., 100 %.
inline constexpr Eigen::Index kCyclePoints = 101;

/// Value of `values(time)` at `t` by linear interpolation. NaN when `t` lies outside
/// [time.front(), time.back()] or a bracketing sample is NaN. `time` must not decrease
/// (equal consecutive stamps are allowed; the later sample wins).
double interpolateAt(const std::vector<double>& time,
                     const Eigen::Ref<const Eigen::VectorXd>& values, double t);

/// The interval [start, end] (s) resampled at kCyclePoints equally spaced instants.
/// Points outside the sampled time range, or next to a NaN sample, are NaN.
/// Throws std::invalid_argument when sizes differ or end <= start.
Eigen::VectorXd normaliseInterval(const std::vector<double>& time,
                                  const Eigen::Ref<const Eigen::VectorXd>& values, double start,
                                  double end);

/// One signal of one side over all its cycles.
struct CycleCurves {
  std::vector<std::size_t> cycleIndices;  ///< which input cycles were used (inside the data)
  std::vector<Eigen::VectorXd> cycles;    ///< kCyclePoints values each, same order
  Eigen::VectorXd mean;  ///< per point, over cycles with a finite value there (NaN if none)
  Eigen::VectorXd sd;    ///< per point, sample SD (n - 1); NaN with fewer than two values
  std::vector<std::string> skipped;  ///< why a cycle was left out ("cycle 2: ...")
};

/// Mean and SD per point of already normalised curves (each kCyclePoints long; NaN ignored).
void summariseCycles(CycleCurves& curves);

/// Normalises every cycle lying inside [time.front(), time.back()]; cycles that start before or
/// end after the data are skipped with a reason (never extrapolated).
CycleCurves normaliseCycles(const std::vector<double>& time,
                            const Eigen::Ref<const Eigen::VectorXd>& values,
                            const std::vector<kinematics::GaitCycle>& cycles);

/// As normaliseCycles for the scalar column `column` of `table`, multiplied by `scale`
/// (e.g. 180/pi for radians, 1/mass for N·m -> N·m/kg). std::nullopt when the column is absent.
std::optional<CycleCurves> normaliseColumn(const io::TimeSeriesTable& table,
                                           std::string_view column,
                                           const std::vector<kinematics::GaitCycle>& cycles,
                                           double scale = 1.0);

}  // namespace kinchain::chain
