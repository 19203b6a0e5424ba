#include "kinchain/cohort/cohort_statistics.hpp"

#include <cmath>
#include <cstddef>
#include <stdexcept>

namespace kinchain::cohort {

using reference::kMinimumSamples;

namespace {

double mean(std::span<const double> values) {
  double sum = 0.0;
  for (const double value : values)
    sum += value;
  return sum / static_cast<double>(values.size());
}

}  // namespace

reference::SampleSummary summarise(std::span<const double> values) {
  reference::SampleSummary summary;
  summary.n = static_cast<int>(values.size());
  if (summary.n < kMinimumSamples) return summary;
  const double average = mean(values);
  double squares = 0.0;
  for (const double value : values)
    squares += (value - average) * (value - average);
  summary.mean = average;
  summary.sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
  return summary;
}

double percentile(std::span<const double> sorted, double p) {
  if (sorted.empty()) throw std::invalid_argument("percentile of no values");
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  if (below + 1 >= sorted.size()) return sorted.back();
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

reference::SpeedLine fitSpeedLine(std::span<const double> speeds, std::span<const double> values) {
  if (speeds.size() != values.size())
    throw std::invalid_argument("fitSpeedLine: speeds and values differ in length");
  reference::SpeedLine line;
  line.n = static_cast<int>(values.size());
  if (line.n < kMinimumSamples) return line;
  const double meanSpeed = mean(speeds);
  const double meanValue = mean(values);
  double sxx = 0.0;
  double sxy = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    sxx += (speeds[i] - meanSpeed) * (speeds[i] - meanSpeed);
    sxy += (speeds[i] - meanSpeed) * (values[i] - meanValue);
  }
  if (sxx == 0.0) return line;
  const double slope = sxy / sxx;
  const double intercept = meanValue - slope * meanSpeed;
  double residualSquares = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double residual = values[i] - (intercept + slope * speeds[i]);
    residualSquares += residual * residual;
  }
  line.intercept = intercept;
  line.slope = slope;
  line.residualSd = std::sqrt(residualSquares / static_cast<double>(values.size() - 2));
  return line;
}

}  // namespace kinchain::cohort
