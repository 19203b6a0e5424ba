#pragma once
// Left-right asymmetry of the chain metrics.
//
// Symmetry index (Robinson, Herzog & Nigg 1987, J Manipulative Physiol Ther 10:172-176):
//   SI = (X_R - X_L) / (0.5 (X_R + X_L)) x 100 %
// 0 = perfect symmetry; positive = right larger. The index is undefined when the two values
// have opposite signs or sum to zero (the denominator then is not a magnitude), which happens
// for angles that cross zero. Near zero it explodes: in normal gait Herzog, Nigg, Read & Olsson
// (1989, Med Sci Sports Exerc 21:110-114) found 95 % limits from ±4 % to over ±13,000 % for
// variables close to zero, so read a large SI of a small angle with care.
//
// Cut-offs: ../shared/research/clinical.md gives asymmetry cut-offs only for clinical tests
// (hop LSI < 90 %, calf-raise asymmetry > 10 %, Nordic imbalance >= 15 %), none for gait
// metrics, so gait asymmetry is reported unflagged.

#include <optional>
#include <string>
#include <vector>

#include "kinchain/chain/chain_metrics.hpp"

namespace kinchain::chain {

struct SymmetryIndex {
  std::optional<double> percent;  ///< Robinson et al. (1987) SI, % (empty when undefined)
  std::string missing;            ///< why it is undefined
};

/// SI of a right and a left value (see the header comment).
SymmetryIndex symmetryIndex(double right, double left);

/// Sets asymmetryPercent / asymmetryMissing of every metric from its per-side mean values.
void addAsymmetry(std::vector<ChainMetric>& metrics);

}  // namespace kinchain::chain
