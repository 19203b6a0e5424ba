#include "kinchain/io/table_comparison.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace kinchain::io {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Natural cubic spline through (t_i, y_i), t strictly increasing. Stores the second derivatives
// M_i, found from the tridiagonal system (for i = 1..n-2, h_i = t_{i+1} - t_i):
//   h_{i-1} M_{i-1} + 2 (h_{i-1} + h_i) M_i + h_i M_{i+1}
//     = 6 ((y_{i+1} - y_i) / h_i - (y_i - y_{i-1}) / h_{i-1}),   M_0 = M_{n-1} = 0.
class NaturalCubicSpline {
 public:
  NaturalCubicSpline(std::vector<double> t, std::vector<double> y)
      : t_(std::move(t)), y_(std::move(y)), m_(t_.size(), 0.0) {
    const std::size_t n = t_.size();
    if (n < 3) return;  // two points: M = 0, the spline is the straight line
    // Thomas algorithm on the interior unknowns M_1..M_{n-2}.
    std::vector<double> diagonal(n, 0.0);
    std::vector<double> rhs(n, 0.0);
    for (std::size_t i = 1; i + 1 < n; ++i) {
      const double hPrev = t_[i] - t_[i - 1];
      const double h = t_[i + 1] - t_[i];
      diagonal[i] = 2.0 * (hPrev + h);
      rhs[i] = 6.0 * ((y_[i + 1] - y_[i]) / h - (y_[i] - y_[i - 1]) / hPrev);
      if (i > 1) {
        const double factor = hPrev / diagonal[i - 1];  // sub-diagonal h_{i-1} over pivot
        diagonal[i] -= factor * hPrev;                  // super-diagonal of row i-1 is h_{i-1}
        rhs[i] -= factor * rhs[i - 1];
      }
    }
    for (std::size_t i = n - 2; i >= 1; --i) {
      const double h = t_[i + 1] - t_[i];
      m_[i] = (rhs[i] - h * m_[i + 1]) / diagonal[i];
    }
  }

  /// Value at `time`, which must lie in [t_0, t_{n-1}].
  double operator()(double time) const {
    // Interval i with t_i <= time <= t_{i+1}.
    auto upper = std::upper_bound(t_.begin(), t_.end(), time);
    std::size_t i = upper == t_.begin() ? 0 : static_cast<std::size_t>(upper - t_.begin()) - 1;
    if (i + 1 >= t_.size()) i = t_.size() - 2;
    const double h = t_[i + 1] - t_[i];
    const double a = t_[i + 1] - time;
    const double b = time - t_[i];
    return (m_[i] * a * a * a + m_[i + 1] * b * b * b) / (6.0 * h) +
           (y_[i] / h - m_[i] * h / 6.0) * a + (y_[i + 1] / h - m_[i + 1] * h / 6.0) * b;
  }

 private:
  std::vector<double> t_;
  std::vector<double> y_;
  std::vector<double> m_;
};

void requireNonDecreasing(const std::vector<double>& time, const char* which) {
  for (std::size_t i = 1; i < time.size(); ++i) {
    if (!(time[i] >= time[i - 1])) {
      throw std::invalid_argument(std::string(which) + " table's time decreases at row " +
                                  std::to_string(i));
    }
  }
}

// Time stamps and one value column of the standard, with repeated time stamps dropped.
std::pair<std::vector<double>, std::vector<double>> distinctSamples(
    const std::vector<double>& time, const Eigen::Ref<const Eigen::VectorXd>& values) {
  std::vector<double> t;
  std::vector<double> y;
  t.reserve(time.size());
  y.reserve(time.size());
  for (std::size_t i = 0; i < time.size(); ++i) {
    if (!t.empty() && time[i] == t.back()) continue;
    t.push_back(time[i]);
    y.push_back(values(static_cast<Eigen::Index>(i)));
  }
  return {std::move(t), std::move(y)};
}

ColumnComparison compareValues(std::string label, const TimeSeriesTable& result,
                               Eigen::Index resultValue, const TimeSeriesTable& standard,
                               Eigen::Index standardValue) {
  ColumnComparison comparison;
  comparison.label = std::move(label);
  const auto& resultTime = result.time();
  const auto& standardTime = standard.time();
  if (resultTime.empty()) {
    comparison.rms = comparison.maxAbs = kNaN;
    return comparison;
  }
  const double start = std::max(resultTime.front(), standardTime.front());
  const double end = std::min(resultTime.back(), standardTime.back());

  auto [t, y] = distinctSamples(standardTime, standard.values().col(standardValue));
  const bool standardHasNaN =
      std::any_of(y.begin(), y.end(), [](double value) { return std::isnan(value); });
  const NaturalCubicSpline spline(std::move(t), std::move(y));

  const auto values = result.values().col(resultValue);
  double sumSquares = 0.0;
  double maxAbs = 0.0;
  bool sawNaN = standardHasNaN;
  for (std::size_t i = 0; i < resultTime.size(); ++i) {
    if (resultTime[i] < start || resultTime[i] > end) continue;
    ++comparison.samples;
    const double difference = values(static_cast<Eigen::Index>(i)) - spline(resultTime[i]);
    if (std::isnan(difference)) sawNaN = true;
    sumSquares += difference * difference;
    maxAbs = std::max(maxAbs, std::abs(difference));
  }
  if (sawNaN || comparison.samples == 0) {
    comparison.maxAbs = kNaN;
  } else {
    comparison.maxAbs = maxAbs;
  }
  comparison.rms = (sawNaN || comparison.samples < 2)
                       ? kNaN
                       : std::sqrt(sumSquares / static_cast<double>(comparison.samples - 1));
  return comparison;
}

}  // namespace

std::vector<ColumnComparison> compareWithStandard(const TimeSeriesTable& result,
                                                  const TimeSeriesTable& standard) {
  requireNonDecreasing(result.time(), "result");
  requireNonDecreasing(standard.time(), "standard");
  if (standard.time().empty() || standard.time().front() == standard.time().back()) {
    throw std::invalid_argument("the standard table needs at least two distinct time stamps");
  }
  static constexpr std::array<const char*, 3> kSuffixes = {"_x", "_y", "_z"};
  std::vector<ColumnComparison> comparisons;
  for (const auto& column : result.columns()) {
    const auto match = standard.findColumn(column.label);
    if (!match) continue;
    const auto& other = standard.column(*match);
    if (other.kind != column.kind) continue;
    if (column.kind == ColumnKind::Scalar) {
      comparisons.push_back(
          compareValues(column.label, result, column.firstValue, standard, other.firstValue));
    } else {
      for (Eigen::Index axis = 0; axis < 3; ++axis) {
        comparisons.push_back(
            compareValues(column.label + kSuffixes[static_cast<std::size_t>(axis)], result,
                          column.firstValue + axis, standard, other.firstValue + axis));
      }
    }
  }
  return comparisons;
}

}  // namespace kinchain::io
