// Gait findings, GaitEvidence and the results.json shapes (docs/analysis-results.md) on
// OpenSim's typical normal and crouch gait curves.

#include "kinchain/chain/gait_findings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "kinchain/chain/asymmetry.hpp"
#include "kinchain/chain/chain_analysis.hpp"
#include "kinchain/chain/chain_json.hpp"
#include "kinchain/chain/gait_curves.hpp"
#include "kinchain/chain/reference_curves.hpp"
#include "test_paths.hpp"

namespace kinchain::chain {
namespace {

struct Analysis {
  TypicalGait gait;
  ChainInputs inputs;
  std::vector<ChainMetric> metrics;
  GaitFindings findings;
};

Analysis analyse(const std::string& file) {
  Analysis a{loadTypicalGait(test::sharedData("opensim-core/typical_gait_curves/" + file), file),
             {},
             {},
             {}};
  a.inputs.coordinates = &a.gait.twoCycles;
  a.inputs.events = a.gait.events;
  a.metrics = computeChainMetrics(a.inputs);
  addAsymmetry(a.metrics);
  a.findings = gaitFindings(a.metrics);
  return a;
}

bool notAssessed(const GaitFindings& findings, const std::string& id, const std::string& text) {
  return std::any_of(findings.notAssessed.begin(), findings.notAssessed.end(), [&](const auto& n) {
    return n.id == id && n.reason.find(text) != std::string::npos;
  });
}

TEST(ChainFindings, NormalGaitHasNoFinding) {
  const Analysis a = analyse("normal_gait.mot");
  EXPECT_TRUE(a.findings.findings.empty());
  EXPECT_TRUE(toGaitEvidence(a.findings, "normal_gait.mot").items.empty());
  // Mechanisms without a cited gait cut-off say so; F4 says its metric is unavailable.
  EXPECT_TRUE(notAssessed(a.findings, "F3", "no cited gait cut-off"));
  EXPECT_TRUE(notAssessed(a.findings, "F4", "mtp_angle"));
}

TEST(ChainFindings, CrouchGaitRaisesH1OnBothSides) {
  const Analysis a = analyse("crouch_gait.mot");
  ASSERT_EQ(a.findings.findings.size(), 2U);
  for (const auto& finding : a.findings.findings) {
    EXPECT_EQ(finding.id, "H1");
    EXPECT_EQ(finding.region, "hamstrings");
    ASSERT_EQ(finding.evidence.size(), 1U);
    EXPECT_EQ(finding.evidence[0].metric, "knee_flexion_midstance");
    EXPECT_GT(finding.evidence[0].value, 19.0);
    EXPECT_EQ(finding.evidence[0].source, "O'Sullivan, French & Horgan 2022");
  }
  // Right: least knee flexion 64.99° in single support (crouch_gait.mot, t = 0.186).
  EXPECT_NEAR(a.findings.findings[1].evidence[0].value, 64.99, 1e-9);

  const screen::GaitEvidence evidence = toGaitEvidence(a.findings, "crouch_gait.mot");
  ASSERT_EQ(evidence.items.size(), 2U);
  EXPECT_EQ(evidence.items[0].finding_id, "H1");
  EXPECT_EQ(evidence.items[0].side, screen::Side::Left);
  EXPECT_NE(evidence.items[1].description.find("65.0"), std::string::npos);
}

TEST(ChainFindings, JsonShapesFollowTheResultsContract) {
  const Analysis a = analyse("crouch_gait.mot");
  const TypicalGait reference = normalGait();
  const auto curves = gaitCurves(a.inputs, &reference);

  const nlohmann::json findings = findingsToJson(a.findings);
  ASSERT_EQ(findings.size(), 2U);
  EXPECT_EQ(findings[0]["id"], "H1");
  EXPECT_EQ(findings[0]["side"], "left");
  EXPECT_EQ(findings[0]["region"], "hamstrings");
  EXPECT_EQ(findings[0]["source"], "kinetic-chain.md H1");
  EXPECT_EQ(findings[0]["evidence"][0]["reference"], "≤ 19°");

  const nlohmann::json metrics = metricsToJson(a.metrics);
  const auto knee = std::find_if(metrics.begin(), metrics.end(),
                                 [](const auto& m) { return m["id"] == "knee_flexion_midstance"; });
  ASSERT_NE(knee, metrics.end());
  EXPECT_EQ((*knee)["mechanism"], "H1");
  EXPECT_TRUE((*knee)["reference"]["low"].is_null());
  EXPECT_EQ((*knee)["reference"]["high"], 19.0);
  EXPECT_EQ((*knee)["right"]["per_cycle"].size(), 2U);
  EXPECT_EQ((*knee)["flags"].size(), 2U);
  EXPECT_TRUE((*knee)["asymmetry_percent"].is_number());
  const auto mtp = std::find_if(metrics.begin(), metrics.end(), [](const auto& m) {
    return m["id"] == "peak_mtp_extension_stance";
  });
  EXPECT_TRUE((*mtp)["right"]["value"].is_null());
  EXPECT_TRUE((*mtp)["right"]["missing"].is_string());

  const nlohmann::json curveJson = curvesToJson(curves);
  const auto kneeCurve = std::find_if(curveJson.begin(), curveJson.end(),
                                      [](const auto& c) { return c["id"] == "knee_angle"; });
  ASSERT_NE(kneeCurve, curveJson.end());
  EXPECT_EQ((*kneeCurve)["group"], "angles");
  EXPECT_EQ((*kneeCurve)["right"]["mean"].size(), 101U);
  EXPECT_EQ((*kneeCurve)["right"]["cycles"].size(), 2U);
  // Knee flexion positive: crouch_gait.mot knee_angle_r(0) = -59.26°.
  EXPECT_NEAR((*kneeCurve)["right"]["mean"][0].get<double>(), 59.26, 1e-9);
  // Reference = normal_gait.mot right knee: -3.94° at 0 %, -6.66° at 2 %, no SD.
  EXPECT_NEAR((*kneeCurve)["reference"]["mean"][0].get<double>(), 3.94, 1e-9);
  EXPECT_NEAR((*kneeCurve)["reference"]["mean"][2].get<double>(), 6.66, 1e-9);
  EXPECT_TRUE((*kneeCurve)["reference"]["sd"].is_null());
  // Without forces the moment curves carry a reason instead of numbers.
  const auto moment = std::find_if(curveJson.begin(), curveJson.end(),
                                   [](const auto& c) { return c["id"] == "ankle_angle_moment"; });
  EXPECT_TRUE((*moment)["left"].is_null());
  EXPECT_TRUE((*moment)["missing"]["left"].is_string());

  const nlohmann::json missing = chainMissingToJson(a.metrics, a.findings);
  EXPECT_TRUE(std::any_of(missing.begin(), missing.end(), [](const auto& m) {
    return m["what"].template get<std::string>().find("mechanism F3") != std::string::npos;
  }));
}

TEST(ChainFindings, AnalyseChainAddsContextValuesAndTissueLoads) {
  const TypicalGait crouch = loadTypicalGait(
      test::sharedData("opensim-core/typical_gait_curves/crouch_gait.mot"), "crouch");
  const TypicalGait normal = normalGait();
  // A tissue-load table on the same time base: achilles_force_r = 3000 N * sin^2(pi t) peaks at
  // 3000 N at t = 0.5 s and 1.5 s (every cycle 0-1, 1-2 s contains one peak).
  io::TimeSeriesTable loads(crouch.twoCycles.time());
  Eigen::VectorXd force(loads.rowCount());
  for (Eigen::Index i = 0; i < force.size(); ++i)
    force(i) = 3000.0 *
               std::pow(std::sin(std::numbers::pi * loads.time()[static_cast<std::size_t>(i)]), 2);
  loads.addScalarColumn("achilles_force_r", force, "N");
  // Quantities that are not forces keep their own unit and are not divided by body mass.
  loads.addScalarColumn("achilles_force_bw_r", force / (60.0 * 9.80665), "BW");
  loads.addScalarColumn("semimem_stretch_r", force / 1000.0, "%");
  loads.addScalarColumn("soleus_plantarflexion_moment_r", force / 20.0, "N*m");

  ChainInputs inputs;
  inputs.coordinates = &crouch.twoCycles;
  inputs.events = crouch.events;
  inputs.tissueLoads = &loads;
  inputs.tissueLoadQuantities = {"achilles_force", "achilles_force_bw", "semimem_stretch",
                                 "soleus_plantarflexion_moment"};
  inputs.bodyMassKg = 60.0;
  const ChainAnalysis a = analyseChain(inputs, &normal);

  const auto byId = [&](const std::string& id) -> const ChainMetric& {
    return *std::find_if(a.metrics.begin(), a.metrics.end(),
                         [&](const ChainMetric& m) { return m.id == id; });
  };
  // Context from normal_gait.mot: peak dorsiflexion in stance 10.75° (row t = 0.46).
  EXPECT_NE(byId("peak_dorsiflexion_stance").reference.text.find("10.8 deg"), std::string::npos);
  EXPECT_FALSE(byId("peak_dorsiflexion_stance").reference.low.has_value());
  // The cited cut-off is kept.
  EXPECT_EQ(byId("knee_flexion_midstance").reference.source, "O'Sullivan, French & Horgan 2022");
  // Achilles: 3000 N / 60 kg = 50 N/kg in each right cycle; the left column is absent.
  const auto& achilles = byId("peak_achilles_force");
  ASSERT_TRUE(achilles.right.value.has_value());
  EXPECT_NEAR(*achilles.right.value, 50.0, 1e-9);
  EXPECT_NE(achilles.left.missing.find("achilles_force_l"), std::string::npos);
  EXPECT_EQ(achilles.mechanism, "H3");
  EXPECT_EQ(achilles.unit, "N/kg");
  // 3000 N / (60 kg * g) = 5.0986 BW, 3 %, 150 N*m / 60 kg = 2.5 N*m/kg.
  EXPECT_EQ(byId("peak_achilles_force_bw").unit, "BW");
  EXPECT_NEAR(*byId("peak_achilles_force_bw").right.value, 3000.0 / (60.0 * 9.80665), 1e-9);
  EXPECT_EQ(byId("peak_semimem_stretch").unit, "%");
  EXPECT_NEAR(*byId("peak_semimem_stretch").right.value, 3.0, 1e-12);
  EXPECT_EQ(byId("peak_semimem_stretch").mechanism, "H1");
  EXPECT_EQ(byId("peak_soleus_plantarflexion_moment").unit, "N·m/kg");
  EXPECT_NEAR(*byId("peak_soleus_plantarflexion_moment").right.value, 2.5, 1e-9);
  const auto stretchCurve = std::find_if(a.curves.begin(), a.curves.end(), [](const GaitCurve& c) {
    return c.id == "semimem_stretch";
  });
  ASSERT_NE(stretchCurve, a.curves.end());
  EXPECT_EQ(stretchCurve->unit, "%");
  const auto curve = std::find_if(a.curves.begin(), a.curves.end(),
                                  [](const GaitCurve& c) { return c.id == "achilles_force"; });
  ASSERT_NE(curve, a.curves.end());
  EXPECT_EQ(curve->group, "loads");
  ASSERT_TRUE(curve->right.has_value());
  // 50 % of the 0-1 s cycle is t = 0.5 s, between rows of crouch_gait.mot (h = 0.0085 s):
  // linear-interpolation bound h^2/8 max|f''| with f'' <= 2 pi^2 * 3000 / 60 N/kg/s^2.
  const double h = 0.0085;
  EXPECT_NEAR(curve->right->mean(50), 50.0,
              h * h / 8.0 * 2.0 * std::pow(std::numbers::pi, 2) * 50.0);
  ASSERT_EQ(a.findings.findings.size(), 2U);
}

}  // namespace
}  // namespace kinchain::chain
