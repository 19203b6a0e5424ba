#include "kinchain/chain/asymmetry.hpp"

#include <cmath>

namespace kinchain::chain {

SymmetryIndex symmetryIndex(double right, double left) {
  if (!std::isfinite(right) || !std::isfinite(left)) return {std::nullopt, "a side has no value"};
  if (right == 0.0 && left == 0.0) return {0.0, {}};
  if (right * left < 0.0 || right + left == 0.0)
    return {std::nullopt, "values of opposite sign: the symmetry index is undefined"};
  // SI = (XR - XL) / (0.5 (XR + XL)) * 100; magnitudes keep the sign of "right larger" for
  // negative pairs too.
  const double mean = 0.5 * (std::abs(right) + std::abs(left));
  return {(std::abs(right) - std::abs(left)) / mean * 100.0, {}};
}

void addAsymmetry(std::vector<ChainMetric>& metrics) {
  for (auto& metric : metrics) {
    metric.asymmetryPercent.reset();
    metric.asymmetryMissing.clear();
    if (!metric.left.value || !metric.right.value) {
      metric.asymmetryMissing = "needs a value on both sides";
      continue;
    }
    const SymmetryIndex si = symmetryIndex(*metric.right.value, *metric.left.value);
    metric.asymmetryPercent = si.percent;
    metric.asymmetryMissing = si.missing;
  }
}

}  // namespace kinchain::chain
