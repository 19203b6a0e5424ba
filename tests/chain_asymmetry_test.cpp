#include "kinchain/chain/asymmetry.hpp"

#include <gtest/gtest.h>

namespace kinchain::chain {
namespace {

// Robinson, Herzog & Nigg (1987): SI = (XR - XL) / (0.5 (XR + XL)) x 100 %.
TEST(ChainAsymmetry, RobinsonSymmetryIndexOnKnownValues) {
  // (11.0 - 8.1) / (0.5 * 19.1) * 100 = 30.366... % (the docs/analysis-results.md example, 30.4).
  const SymmetryIndex si = symmetryIndex(11.0, 8.1);
  ASSERT_TRUE(si.percent.has_value());
  EXPECT_NEAR(*si.percent, 2.9 / 9.55 * 100.0, 1e-12);
  EXPECT_NEAR(*si.percent, 30.4, 0.05);
  EXPECT_DOUBLE_EQ(*symmetryIndex(10.0, 10.0).percent, 0.0);
  EXPECT_NEAR(*symmetryIndex(5.0, 10.0).percent, -5.0 / 7.5 * 100.0, 1e-12);
  // Both negative: (-10 - -5) / (0.5 * -15) * 100 = +66.7 %, right larger in magnitude.
  EXPECT_NEAR(*symmetryIndex(-10.0, -5.0).percent, 66.666666666666, 1e-9);
}

TEST(ChainAsymmetry, UndefinedForOppositeSigns) {
  const SymmetryIndex si = symmetryIndex(3.0, -2.0);
  EXPECT_FALSE(si.percent.has_value());
  EXPECT_NE(si.missing.find("opposite sign"), std::string::npos);
}

TEST(ChainAsymmetry, MetricsNeedBothSides) {
  std::vector<ChainMetric> metrics(2);
  metrics[0].left.value = 8.1;
  metrics[0].right.value = 11.0;
  metrics[1].right.value = 4.0;
  addAsymmetry(metrics);
  ASSERT_TRUE(metrics[0].asymmetryPercent.has_value());
  EXPECT_NEAR(*metrics[0].asymmetryPercent, 30.366, 1e-3);
  EXPECT_FALSE(metrics[1].asymmetryPercent.has_value());
  EXPECT_EQ(metrics[1].asymmetryMissing, "needs a value on both sides");
}

}  // namespace
}  // namespace kinchain::chain
