#pragma once
// Column-by-column comparison of a result table with a reference ("standard") table, with the
// semantics of OpenSim's Storage::compareWithStandard / compareColumnRMS
// (OpenSim/Common/Storage.cpp), which OpenSim's tests use against their std_*.sto files:
//
// For every column of `result` whose label also names a column of `standard`:
//   1. overlap: t_start = max(first result time, first standard time),
//               t_end   = min(last result time,  last standard time);
//   2. the result samples compared are those with t_start <= t_i <= t_end (N of them);
//   3. the standard column is interpolated at each such t_i;
//   4. RMS = sqrt( sum_i (result_i - standard(t_i))^2 / (N - 1) )   — OpenSim divides by N-1;
//      maxAbs = max_i |result_i - standard(t_i)|.
//
// Interpolation: OpenSim fits a GCV smoothing spline of degree 3 to the standard; here the
// standard is interpolated by a natural cubic spline through its samples (second derivative
// zero at both ends). It passes exactly through the standard's samples (the GCV spline nearly
// does), so a result sampled at the standard's own time stamps compares sample by sample.
// Between samples the two interpolants can differ; for smooth, densely sampled standards such as
// OpenSim's std_ files the difference is small next to their test tolerances, but it is not
// zero, so an RMS very close to a tolerance is not decisive.
// A standard with two samples is interpolated linearly. Consecutive equal time stamps in the
// standard (OpenSim files sometimes repeat the last row) keep their first sample.
//
// Matching: scalar columns match scalar columns by exact label. A Vector3 column in both
// tables is compared per component and reported as "<label>_x", "_y", "_z".
//
// NaN: a NaN in a compared result sample, or anywhere in the standard column, makes that
// column's rms and maxAbs NaN (so a check "rms < tolerance" fails loudly). Fewer than two
// compared samples (no or a single-point overlap) also give rms = NaN, where OpenSim would
// divide by zero; `samples` tells which case it was.
//
// Preconditions: both tables have non-decreasing time (the readers guarantee it); the standard
// has at least two distinct time stamps. Otherwise std::invalid_argument is thrown.
// Cost: O(R + S) per column after an O(S) spline fit (R, S: rows of result and standard).

#include "kinchain/io/time_series_table.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace kinchain::io {

struct ColumnComparison {
  std::string label;        ///< result column label (with _x/_y/_z for Vector3 components)
  double rms = 0.0;         ///< sqrt(sum diff^2 / (samples - 1)), in the column's unit
  double maxAbs = 0.0;      ///< largest |diff| over the compared samples
  std::size_t samples = 0;  ///< result samples inside the overlapping time range
};

/// Compares every result column that the standard also has, in result column order.
std::vector<ColumnComparison> compareWithStandard(const TimeSeriesTable& result,
                                                  const TimeSeriesTable& standard);

}  // namespace kinchain::io
