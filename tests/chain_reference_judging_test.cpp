// Judging against adult norms with a synthetic ReferenceAtSpeed: z-scores and their sign, the
// Gait Variable / Gait Profile Scores against a hand computation, and the findings rule
// (ReferenceJudging) raising a mechanism only in its direction and only with enough support.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/chain/chain_json.hpp"
#include "kinchain/chain/gait_findings.hpp"
#include "kinchain/chain/gait_profile.hpp"
#include "kinchain/chain/metric_z_scores.hpp"
#include "kinchain/chain/reference_at_speed.hpp"

namespace kinchain::chain {
namespace {

ReferenceAtSpeed syntheticReference() {
  ReferenceAtSpeed reference;
  reference.provenance.source = "Synthetic cohort 2026";
  reference.provenance.citation = "Synthetic cohort for tests";
  reference.provenance.licence = "CC0";
  reference.provenance.strides = 60;
  reference.provenance.speedRangeLowMPerS = 0.9;
  reference.provenance.speedRangeHighMPerS = 1.9;
  reference.provenance.trialSpeedMPerS = 1.25;
  return reference;
}

ChainMetric metricWith(const std::string& id, std::optional<double> left,
                       std::optional<double> right, const std::string& unit = "deg") {
  ChainMetric metric;
  metric.id = id;
  metric.label = id;
  metric.unit = unit;
  metric.left.value = left;
  metric.right.value = right;
  if (!left) metric.left.missing = "synthetic: not set";
  if (!right) metric.right.missing = "synthetic: not set";
  return metric;
}

TEST(ChainReferenceZScores, ZIsSignedDeviationInSdUnits) {
  ReferenceAtSpeed reference = syntheticReference();
  reference.metrics["peak_dorsiflexion_stance"] = {12.0, 2.5, 60, 1.25, false};
  reference.metrics["zero_sd"] = {1.0, 0.0, 60, 1.25, false};
  reference.metrics["one_sided"] = {1.0, 0.5, 60, 1.25, true};
  std::vector<ChainMetric> metrics = {
      metricWith("peak_dorsiflexion_stance", 7.0, 15.75), metricWith("not_in_norms", 3.0, 3.0),
      metricWith("zero_sd", 2.0, std::nullopt), metricWith("one_sided", 2.0, std::nullopt)};
  scoreAgainstReference(metrics, &reference);
  ASSERT_TRUE(metrics[0].left.z && metrics[0].right.z);
  EXPECT_DOUBLE_EQ(*metrics[0].left.z, -2.0);  // (7 − 12) / 2.5: below the mean is negative
  EXPECT_DOUBLE_EQ(*metrics[0].right.z, 1.5);  // (15.75 − 12) / 2.5
  EXPECT_FALSE(metrics[1].left.z);
  EXPECT_NE(metrics[1].left.zMissing.find("has no value for this metric"), std::string::npos);
  EXPECT_FALSE(metrics[2].left.z);
  EXPECT_NE(metrics[2].left.zMissing.find("not a positive number"), std::string::npos);
  ASSERT_TRUE(metrics[3].left.z);
  EXPECT_DOUBLE_EQ(*metrics[3].left.z, 2.0);
  EXPECT_EQ(metrics[3].right.zMissing, "no value on this side");
  EXPECT_TRUE(metrics[3].norm && metrics[3].norm->clamped);

  const nlohmann::json json = metricsToJson(metrics);
  EXPECT_DOUBLE_EQ(json[0]["left"]["z"].get<double>(), -2.0);
  EXPECT_DOUBLE_EQ(json[0]["reference"]["mean"].get<double>(), 12.0);
  EXPECT_DOUBLE_EQ(json[0]["reference"]["sd"].get<double>(), 2.5);
  EXPECT_EQ(json[0]["reference"]["n"].get<int>(), 60);
  EXPECT_DOUBLE_EQ(json[0]["reference"]["speed_m_per_s"].get<double>(), 1.25);
  EXPECT_EQ(json[0]["reference"]["source"], "Synthetic cohort 2026");
  EXPECT_FALSE(json[0]["reference"]["clamped"].get<bool>());
  EXPECT_TRUE(json[1]["left"]["z"].is_null());
  EXPECT_TRUE(json[1]["left"].contains("z_missing"));

  // Without norms every z is missing, saying so.
  scoreAgainstReference(metrics, nullptr);
  EXPECT_FALSE(metrics[0].left.z);
  EXPECT_EQ(metrics[0].left.zMissing, "no adult reference norms given");
}

/// A 101-point curve whose even points (the 51 GVS points) differ from `base` by `offset` and
/// whose odd points differ wildly: the GVS must read only every 2 %.
Eigen::VectorXd offsetCurve(const std::array<double, norms::kCurvePoints>& base, double offset) {
  Eigen::VectorXd curve(kCyclePoints);
  for (Eigen::Index i = 0; i < kCyclePoints; ++i)
    curve(i) = base[static_cast<std::size_t>(i)] + (i % 2 == 0 ? offset : 1000.0);
  return curve;
}

TEST(ChainGaitProfile, ScoresMatchAHandComputation) {
  ReferenceAtSpeed reference = syntheticReference();
  std::vector<GaitCurve> curves;
  // Left offsets 1..9 (pelvis 1, 2, 3), right limb offsets 2, right-cycle pelvis offsets 10.
  const double leftOffsets[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const double rightOffsets[] = {10, 10, 10, 2, 2, 2, 2, 2, 2};
  for (std::size_t v = 0; v < kGaitProfileVariables.size(); ++v) {
    const std::string id(kGaitProfileVariables[v].curve);
    norms::CurveReference norm;
    for (std::size_t i = 0; i < norms::kCurvePoints; ++i) {
      norm.mean[i] = std::sin(0.1 * static_cast<double>(i + v));
      norm.sd[i] = 1.0;
    }
    norm.n = 60;
    reference.curves[id] = norm;
    GaitCurve curve;
    curve.id = id;
    CycleCurves left;
    left.mean = offsetCurve(norm.mean, -leftOffsets[v]);  // the sign must not matter
    CycleCurves right;
    right.mean = offsetCurve(norm.mean, rightOffsets[v]);
    curve.left = left;
    curve.right = right;
    curves.push_back(curve);
  }
  reference.gaitProfileScore = norms::GaitProfileRange{15, 5.0, 1.0, 3.5, 7.2};
  const GaitProfile profile = gaitProfile(curves, reference);
  ASSERT_EQ(profile.variables.size(), 9u);
  for (std::size_t v = 0; v < 9; ++v) {
    ASSERT_TRUE(profile.variables[v].left && profile.variables[v].right);
    EXPECT_NEAR(*profile.variables[v].left, leftOffsets[v], 1e-12);
    EXPECT_NEAR(*profile.variables[v].right, rightOffsets[v], 1e-12);
  }
  ASSERT_TRUE(profile.left && profile.right && profile.overall);
  EXPECT_NEAR(*profile.left, std::sqrt(285.0 / 9.0), 1e-12);  // 1² + … + 9² = 285
  EXPECT_NEAR(*profile.right, 6.0, 1e-12);                    // (3·100 + 6·4) / 9 = 36
  // Overall: the pelvis once (left cycles: 1 + 4 + 9), six left limb (271), six right (24).
  EXPECT_NEAR(*profile.overall, std::sqrt(309.0 / 15.0), 1e-12);

  const nlohmann::json json = gaitProfileToJson(profile);
  EXPECT_NEAR(json["variable_scores"]["left"]["knee_angle"].get<double>(), 7.0, 1e-12);
  EXPECT_DOUBLE_EQ(json["mcid_deg"].get<double>(), 1.6);
  EXPECT_DOUBLE_EQ(json["sdc_deg"].get<double>(), 1.3);
  EXPECT_DOUBLE_EQ(json["reference_range"]["max"].get<double>(), 7.2);
  EXPECT_EQ(json["variables"][8]["id"], "foot_progression");

  // A curve the norms lack leaves its GVS and every GPS that needs it empty, with the reason.
  reference.curves.erase("foot_progression");
  const GaitProfile partial = gaitProfile(curves, reference);
  EXPECT_FALSE(partial.variables[8].left);
  EXPECT_FALSE(partial.left);
  EXPECT_NE(partial.leftMissing.find("Foot progression"), std::string::npos);
  EXPECT_FALSE(partial.overall);
  EXPECT_TRUE(partial.variables[0].left);
}

/// Every metric of H1 and F3 (and their ids as the rule table names them), scored against a
/// reference of mean 0 and SD 1 so a value is its own z.
std::vector<ChainMetric> scored(const ReferenceAtSpeed& reference,
                                const std::vector<std::pair<std::string, double>>& rightZ) {
  std::vector<ChainMetric> metrics;
  for (const auto& rule : gaitRules()) {
    const std::string id(rule.metric);
    if (std::any_of(metrics.begin(), metrics.end(), [&](const auto& m) { return m.id == id; }))
      continue;
    double right = 0.0;
    for (const auto& [name, z] : rightZ)
      if (name == id) right = z;
    metrics.push_back(metricWith(id, 0.0, right));
  }
  scoreAgainstReference(metrics, &reference);
  return metrics;
}

ReferenceAtSpeed unitReference() {
  ReferenceAtSpeed reference = syntheticReference();
  for (const auto& rule : gaitRules())
    reference.metrics[std::string(rule.metric)] = {0.0, 1.0, 60, 1.25, false};
  return reference;
}

const GaitFinding* finding(const GaitFindings& findings, const std::string& id, Side side) {
  const auto found =
      std::find_if(findings.findings.begin(), findings.findings.end(),
                   [&](const GaitFinding& f) { return f.id == id && f.side == side; });
  return found == findings.findings.end() ? nullptr : &*found;
}

TEST(ChainReferenceFindings, TwoMetricsBeyondTwoSdInTheDirectionRaiseWithFullEvidence) {
  const ReferenceAtSpeed reference = unitReference();
  // H1: knee stays flexed in terminal swing (high) and less hip extension (low).
  const auto metrics = scored(
      reference, {{"knee_flexion_terminal_swing", 2.4}, {"peak_hip_extension_stance", -2.2}});
  const GaitFindings findings = gaitFindings(metrics, gaitRules(), &reference);
  const GaitFinding* h1 = finding(findings, "H1", Side::Right);
  ASSERT_NE(h1, nullptr);
  EXPECT_EQ(finding(findings, "H1", Side::Left), nullptr);
  ASSERT_EQ(h1->evidence.size(), 2u);
  for (const auto& item : h1->evidence) {
    EXPECT_EQ(item.side, Side::Right);
    ASSERT_TRUE(item.z && item.referenceMean && item.referenceSd && item.speedMPerS);
    EXPECT_DOUBLE_EQ(*item.z, item.value);
    EXPECT_DOUBLE_EQ(*item.referenceMean, 0.0);
    EXPECT_DOUBLE_EQ(*item.referenceSd, 1.0);
    EXPECT_DOUBLE_EQ(*item.speedMPerS, 1.25);
    EXPECT_EQ(item.source, "Synthetic cohort 2026");
    EXPECT_NE(item.reference.find("z = "), std::string::npos);
  }
  const nlohmann::json json = findingsToJson(findings);
  const auto h1Json = std::find_if(json.begin(), json.end(), [](const auto& f) {
    return f["mechanism"] == "H1" && f["side"] == "right";
  });
  ASSERT_NE(h1Json, json.end());
  EXPECT_DOUBLE_EQ((*h1Json)["evidence"][0]["z"].get<double>(), 2.4);
  EXPECT_DOUBLE_EQ((*h1Json)["evidence"][0]["reference_mean"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ((*h1Json)["evidence"][0]["reference_sd"].get<double>(), 1.0);
}

TEST(ChainReferenceFindings, TheOppositeDirectionDoesNotRaise) {
  const ReferenceAtSpeed reference = unitReference();
  // The same sizes, the other way: more knee extension, more hip extension than the cohort.
  const auto metrics = scored(
      reference, {{"knee_flexion_terminal_swing", -2.4}, {"peak_hip_extension_stance", 2.2}});
  const GaitFindings findings = gaitFindings(metrics, gaitRules(), &reference);
  EXPECT_EQ(finding(findings, "H1", Side::Right), nullptr);
  // Judged and not supported: not listed as "not assessed" either.
  EXPECT_TRUE(std::none_of(findings.notAssessed.begin(), findings.notAssessed.end(),
                           [](const auto& n) { return n.id == "H1"; }));
}

TEST(ChainReferenceFindings, OneMetricAtTwoPointOneDoesNotRaiseButOneBeyondThreeDoes) {
  const ReferenceAtSpeed reference = unitReference();
  const auto weak = scored(reference, {{"knee_flexion_terminal_swing", 2.1}});
  EXPECT_EQ(finding(gaitFindings(weak, gaitRules(), &reference), "H1", Side::Right), nullptr);
  const auto weakF3 = scored(reference, {{"peak_dorsiflexion_stance", -2.1}});
  EXPECT_EQ(finding(gaitFindings(weakF3, gaitRules(), &reference), "F3", Side::Right), nullptr);

  const auto strong = scored(reference, {{"peak_dorsiflexion_stance", -3.2}});
  const GaitFindings findings = gaitFindings(strong, gaitRules(), &reference);
  const GaitFinding* f3 = finding(findings, "F3", Side::Right);
  ASSERT_NE(f3, nullptr);
  ASSERT_EQ(f3->evidence.size(), 1u);
  EXPECT_DOUBLE_EQ(*f3->evidence[0].z, -3.2);

  // The rule is data: a stricter count keeps two 2.4-SD metrics from raising H1.
  ReferenceJudging strict;
  strict.supportingCount = 3;
  const auto two = scored(
      reference, {{"knee_flexion_terminal_swing", 2.4}, {"peak_hip_extension_stance", -2.2}});
  EXPECT_EQ(finding(gaitFindings(two, gaitRules(), &reference, strict), "H1", Side::Right),
            nullptr);
}

TEST(ChainReferenceFindings, MetricsMissingFromTheNormsStayNotJudgedWithTheReason) {
  ReferenceAtSpeed reference = unitReference();
  reference.metrics.erase("peak_dorsiflexion_stance");
  const auto metrics = scored(reference, {{"peak_dorsiflexion_stance", -9.0}});
  const GaitFindings findings = gaitFindings(metrics, gaitRules(), &reference);
  EXPECT_EQ(finding(findings, "F3", Side::Right), nullptr);
  const auto f3 = std::find_if(findings.notAssessed.begin(), findings.notAssessed.end(),
                               [](const auto& n) { return n.id == "F3" && n.side == Side::Right; });
  ASSERT_NE(f3, findings.notAssessed.end());
  EXPECT_NE(f3->reason.find("has no value for this metric"), std::string::npos) << f3->reason;
}

TEST(ChainReferenceFindings, SymmetryIndexRulesUseTheCohortsNinetyFifthPercentile) {
  ReferenceAtSpeed reference = unitReference();
  reference.asymmetry["peak_ankle_power_generation"] = {30, 20.0, 8.0, 6.0};
  GaitRule rule;
  rule.mechanism = "F4";
  rule.metric = "peak_ankle_power_generation";
  rule.kind = RuleKind::Asymmetry;
  rule.direction = RuleDirection::Low;
  rule.measure = AsymmetryMeasure::SymmetryIndex;
  const std::vector<GaitRule> rules = {rule};
  // Right 3.0 vs left 4.0 W/kg: SI = (3 − 4) / 3.5 = −28.6 %, beyond the cohort's 20 %.
  std::vector<ChainMetric> beyond = {metricWith("peak_ankle_power_generation", 4.0, 3.0, "W/kg")};
  const GaitFindings raised = gaitFindings(beyond, rules, &reference);
  const GaitFinding* f4 = finding(raised, "F4", Side::Right);
  ASSERT_NE(f4, nullptr);
  EXPECT_NE(f4->evidence[0].source.find("95th percentile"), std::string::npos);
  // Right 3.6 vs 4.0: SI −10.5 %, inside the cohort's own asymmetry.
  std::vector<ChainMetric> within = {metricWith("peak_ankle_power_generation", 4.0, 3.6, "W/kg")};
  EXPECT_EQ(finding(gaitFindings(within, rules, &reference), "F4", Side::Right), nullptr);
}

}  // namespace
}  // namespace kinchain::chain
