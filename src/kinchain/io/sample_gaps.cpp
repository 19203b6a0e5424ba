#include "kinchain/io/sample_gaps.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace kinchain::io {

std::vector<SampleGap> findSampleGaps(Eigen::Index rows,
                                      const std::function<bool(Eigen::Index)>& missing) {
  std::vector<SampleGap> gaps;
  Eigen::Index row = 0;
  while (row < rows) {
    if (!missing(row)) {
      ++row;
      continue;
    }
    SampleGap gap{row, row};
    while (gap.last + 1 < rows && missing(gap.last + 1))
      ++gap.last;
    gaps.push_back(gap);
    row = gap.last + 1;
  }
  return gaps;
}

bool isFillableGap(const SampleGap& gap, const std::vector<double>& time, double maxSpanSeconds) {
  const auto rows = static_cast<Eigen::Index>(time.size());
  if (gap.first < 1 || gap.last + 1 >= rows || gap.first > gap.last) return false;
  const double before = time[static_cast<std::size_t>(gap.first - 1)];
  const double after = time[static_cast<std::size_t>(gap.last + 1)];
  // Sample times are decimal text or k / rate: allow their last-bit rounding (1e-9 relative) so
  // a span of exactly one frame is not refused for a rounding error.
  return std::isfinite(maxSpanSeconds) && after - before <= maxSpanSeconds * (1.0 + 1e-9);
}

void fillGapLinearly(const SampleGap& gap, const std::vector<double>& time,
                     Eigen::Ref<Eigen::MatrixXd> values) {
  if (gap.first < 1 || gap.last + 1 >= values.rows() ||
      static_cast<Eigen::Index>(time.size()) != values.rows()) {
    throw std::invalid_argument("fillGapLinearly: the gap has no sample on one side");
  }
  const double before = time[static_cast<std::size_t>(gap.first - 1)];
  const double after = time[static_cast<std::size_t>(gap.last + 1)];
  for (Eigen::Index row = gap.first; row <= gap.last; ++row) {
    const double weight =
        after > before ? (time[static_cast<std::size_t>(row)] - before) / (after - before) : 0.5;
    for (Eigen::Index column = 0; column < values.cols(); ++column) {
      if (std::isfinite(values(row, column))) continue;
      values(row, column) =
          (1.0 - weight) * values(gap.first - 1, column) + weight * values(gap.last + 1, column);
    }
  }
}

std::string gapTimeSpan(const SampleGap& gap, const std::vector<double>& time) {
  return fmt::format("{:.4f}-{:.4f} s", time.at(static_cast<std::size_t>(gap.first)),
                     time.at(static_cast<std::size_t>(gap.last)));
}

}  // namespace kinchain::io
