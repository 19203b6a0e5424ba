#pragma once
// The statistics of a reference band (docs/norms.md): sample mean and SD, percentiles and the
// least-squares line on walking speed. Each returns nothing below reference::kMinimumSamples,
// which the format writes as null.

#include <optional>
#include <span>

#include "kinchain/reference/reference_norms.hpp"

namespace kinchain::cohort {

/// Mean and sample SD (n − 1 denominator, two-pass).
reference::SampleSummary summarise(std::span<const double> values);

/// Percentile p (0..1) by linear interpolation between order statistics (Hyndman & Fan 1996,
/// definition 7, the default of R and NumPy). `sorted` must be ascending and non-empty.
double percentile(std::span<const double> sorted, double p);

/// Ordinary least-squares line of `values` on `speeds` (same length) with the residual SD
/// (n − 2 denominator). Unset when n < kMinimumSamples or every speed is the same (no slope).
reference::SpeedLine fitSpeedLine(std::span<const double> speeds, std::span<const double> values);

}  // namespace kinchain::cohort
