// Gait findings, GaitEvidence and the results.json shapes (docs/analysis-results.md) on
// OpenSim's typical normal and crouch gait curves, and each rule of gaitRules() on synthetic
// metrics (supporting and non-supporting values).

#include "kinchain/chain/gait_findings.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <numbers>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  // The typical range of the cited cut-off, with the caveat that it comes from a
  // cerebral-palsy cohort (results.json carries only `reference`).
  const std::string kneeReference = findings[0]["evidence"][0]["reference"];
  EXPECT_EQ(kneeReference.rfind("≤ 19° (caveat: ", 0), 0U) << kneeReference;
  EXPECT_NE(kneeReference.find("cerebral-palsy"), std::string::npos);

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
  // The ankle moment peaks 0.2 s into each cycle (in stance); the soleus share grows over the
  // cycle, 0.3 + 0.5 * (t - cycle start), so at the moment's peak it is 0.4 = 40 %.
  Eigen::VectorXd ankleMoment(loads.rowCount()), share(loads.rowCount());
  for (Eigen::Index i = 0; i < ankleMoment.size(); ++i) {
    const double t = loads.time()[static_cast<std::size_t>(i)];
    const double inCycle = t - std::floor(t);
    ankleMoment(i) = 100.0 - 1000.0 * (inCycle - 0.2) * (inCycle - 0.2);
    share(i) = 0.3 + 0.5 * inCycle;
  }
  loads.addScalarColumn("ankle_plantarflexion_moment_r", ankleMoment, "N*m");
  loads.addScalarColumn("soleus_moment_share_r", share, "");

  ChainInputs inputs;
  inputs.coordinates = &crouch.twoCycles;
  inputs.events = crouch.events;
  inputs.tissueLoads = &loads;
  inputs.tissueLoadQuantities = {"achilles_force",
                                 "achilles_force_bw",
                                 "semimem_stretch",
                                 "soleus_plantarflexion_moment",
                                 "ankle_plantarflexion_moment",
                                 "soleus_moment_share"};
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
  // Readers' names, not column names.
  EXPECT_EQ(achilles.label, "Peak Achilles tendon force over the cycle");
  EXPECT_EQ(byId("peak_semimem_stretch").label.rfind("Peak semimembranosus stretch", 0), 0u);
  // The share at the ankle moment's stance peak, in per cent (samples every 0.01 s or finer:
  // the share moves 0.5 per second, so a peak found one sample off moves it < 0.5 points).
  const auto& soleusShare = byId("soleus_moment_share_at_peak_moment");
  EXPECT_EQ(soleusShare.unit, "%");
  EXPECT_EQ(soleusShare.label,
            "Soleus share of the ankle plantarflexion moment at its stance peak");
  ASSERT_TRUE(soleusShare.right.value.has_value());
  EXPECT_NEAR(*soleusShare.right.value, 40.0, 0.5);
  EXPECT_EQ(soleusShare.mechanism, "H2");
  // No curve for the unbounded ratio; the ankle moment is not repeated among the tissue loads.
  EXPECT_TRUE(std::none_of(a.curves.begin(), a.curves.end(), [](const GaitCurve& c) {
    return c.id == "soleus_moment_share" || c.id == "ankle_plantarflexion_moment";
  }));
  EXPECT_TRUE(std::none_of(a.metrics.begin(), a.metrics.end(), [](const ChainMetric& m) {
    return m.id == "peak_ankle_plantarflexion_moment";
  }));
  const auto stretchCurve = std::find_if(a.curves.begin(), a.curves.end(), [](const GaitCurve& c) {
    return c.id == "semimem_stretch";
  });
  ASSERT_NE(stretchCurve, a.curves.end());
  EXPECT_EQ(stretchCurve->unit, "%");
  const auto curve = std::find_if(a.curves.begin(), a.curves.end(),
                                  [](const GaitCurve& c) { return c.id == "achilles_force"; });
  ASSERT_NE(curve, a.curves.end());
  EXPECT_EQ(curve->label, "Achilles tendon force");
  EXPECT_EQ(curve->group, "loads");
  ASSERT_TRUE(curve->right.has_value());
  // 50 % of the 0-1 s cycle is t = 0.5 s, between rows of crouch_gait.mot (h = 0.0085 s):
  // linear-interpolation bound h^2/8 max|f''| with f'' <= 2 pi^2 * 3000 / 60 N/kg/s^2.
  const double h = 0.0085;
  EXPECT_NEAR(curve->right->mean(50), 50.0,
              h * h / 8.0 * 2.0 * std::pow(std::numbers::pi, 2) * 50.0);
  ASSERT_EQ(a.findings.findings.size(), 2U);
}

// ---- Rules on synthetic metrics -------------------------------------------------------------
// The metrics (ids, units, mechanisms and the cited references of chain_metrics.cpp) are the ones
// computeChainMetrics ships; only the side values are synthetic.

const std::vector<ChainMetric>& shippedMetrics() {
  static const std::vector<ChainMetric> metrics = [] {
    const TypicalGait gait = normalGait();
    ChainInputs inputs;
    inputs.coordinates = &gait.twoCycles;
    inputs.events = gait.events;
    return computeChainMetrics(inputs);
  }();
  return metrics;
}

struct SyntheticValue {
  std::string id;
  std::optional<double> left;
  std::optional<double> right;
};

/// The shipped metrics with every side value cleared, then `values` set, flagged and asymmetry
/// added as analyseChain does.
std::vector<ChainMetric> synthetic(const std::vector<SyntheticValue>& values) {
  std::vector<ChainMetric> metrics = shippedMetrics();
  for (auto& metric : metrics)
    for (const Side side : {Side::Left, Side::Right})
      metric.side(side) = SideMetric{{}, std::nullopt, "synthetic: not set", std::nullopt, {}};
  for (const auto& value : values) {
    const auto metric = std::find_if(metrics.begin(), metrics.end(),
                                     [&](const ChainMetric& m) { return m.id == value.id; });
    EXPECT_NE(metric, metrics.end()) << value.id;
    if (metric == metrics.end()) continue;
    for (const Side side : {Side::Left, Side::Right}) {
      const auto& v = side == Side::Left ? value.left : value.right;
      if (v) metric->side(side) = SideMetric{{v}, v, {}, std::nullopt, {}};
    }
  }
  flagMetrics(metrics);
  addAsymmetry(metrics);
  return metrics;
}

const GaitFinding* findingOf(const GaitFindings& findings, const std::string& id) {
  const auto found = std::find_if(findings.findings.begin(), findings.findings.end(),
                                  [&](const GaitFinding& f) { return f.id == id; });
  return found == findings.findings.end() ? nullptr : &*found;
}

std::size_t countFindings(const GaitFindings& findings, const std::string& id) {
  return static_cast<std::size_t>(std::count_if(findings.findings.begin(), findings.findings.end(),
                                                [&](const GaitFinding& f) { return f.id == id; }));
}

bool listedNotAssessed(const GaitFindings& findings, const std::string& id) {
  return std::any_of(findings.notAssessed.begin(), findings.notAssessed.end(),
                     [&](const auto& n) { return n.id == id; });
}

std::vector<MechanismNotAssessed> notAssessedFor(const GaitFindings& findings,
                                                 const std::string& id) {
  std::vector<MechanismNotAssessed> items;
  std::copy_if(findings.notAssessed.begin(), findings.notAssessed.end(), std::back_inserter(items),
               [&](const auto& n) { return n.id == id; });
  return items;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// House rule: a rule is judged only against a cited cut-off; otherwise it says why not.
TEST(ChainFindings, EveryRuleCitesItsCutOffOrSaysWhyNot) {
  const auto& metrics = shippedMetrics();
  std::vector<std::string> judged;
  for (const GaitRule& rule : gaitRules()) {
    SCOPED_TRACE(std::string(rule.mechanism) + " " + std::string(rule.metric));
    const std::vector<std::string_view> mechanisms = {"F1", "F2", "F3", "F4", "F5", "F6",
                                                      "F7", "H1", "H2", "H3", "H4"};
    EXPECT_NE(std::find(mechanisms.begin(), mechanisms.end(), rule.mechanism), mechanisms.end());
    const auto metric = std::find_if(metrics.begin(), metrics.end(),
                                     [&](const ChainMetric& m) { return m.id == rule.metric; });
    bool cited = false;
    if (rule.kind == RuleKind::Asymmetry) {
      cited = rule.asymmetryCutoff.has_value();
      if (cited) {
        EXPECT_FALSE(rule.cutoffSource.empty());
      }
    } else if (metric != metrics.end()) {
      const auto& ref = metric->reference;
      cited = rule.direction == RuleDirection::Low ? ref.low.has_value() : ref.high.has_value();
      if (cited) {
        EXPECT_FALSE(ref.source.empty());
      }
    } else {
      // Tissue-load metrics exist only with tissue loads (peak_achilles_force: see
      // AnalyseChainAddsContextValuesAndTissueLoads); they carry no cited cut-off.
      EXPECT_EQ(rule.metric, "peak_achilles_force");
    }
    if (cited) {
      judged.push_back(std::string(rule.mechanism) + " " + std::string(rule.metric));
      EXPECT_TRUE(rule.notJudged.empty());
    } else {
      EXPECT_TRUE(contains(std::string(rule.notJudged), "no cited gait")) << rule.notJudged;
    }
  }
  // Only these two have a cited gait cut-off today (docs/gait-metrics.md); a new one must be
  // added here deliberately, with its source.
  EXPECT_EQ(judged, (std::vector<std::string>{"F4 peak_mtp_extension_stance",
                                              "H1 knee_flexion_midstance"}));
}

TEST(ChainFindings, H1FromKneeFlexionAtMidstanceCarriesTheCerebralPalsyCaveat) {
  const GaitFindings supported = gaitFindings(synthetic({{"knee_flexion_midstance", 25.0, 12.0}}));
  ASSERT_EQ(countFindings(supported, "H1"), 1U);
  const GaitFinding& h1 = *findingOf(supported, "H1");
  EXPECT_EQ(h1.side, Side::Left);
  EXPECT_EQ(h1.causeSide, Side::Left);
  EXPECT_EQ(h1.region, "hamstrings");
  ASSERT_EQ(h1.evidence.size(), 1U);
  const FindingEvidence& e = h1.evidence[0];
  EXPECT_EQ(e.metric, "knee_flexion_midstance");
  EXPECT_EQ(e.side, Side::Left);
  EXPECT_DOUBLE_EQ(e.value, 25.0);
  EXPECT_EQ(e.unit, "deg");
  EXPECT_EQ(e.reference.rfind("≤ 19°", 0), 0U) << e.reference;
  EXPECT_TRUE(contains(e.reference, "cerebral-palsy"));
  EXPECT_TRUE(contains(e.caveat, "not a typical-development norm"));
  EXPECT_EQ(e.source, "O'Sullivan, French & Horgan 2022");

  // 19° is not above the cut-off: judged, not supported, so not listed as not assessed either.
  const GaitFindings notSupported =
      gaitFindings(synthetic({{"knee_flexion_midstance", 19.0, 12.0}}));
  EXPECT_EQ(countFindings(notSupported, "H1"), 0U);
  EXPECT_FALSE(listedNotAssessed(notSupported, "H1"));
}

TEST(ChainFindings, F4FromBigToeExtensionBelowCaravaggiMeanMinusTwoSd) {
  const GaitFindings supported =
      gaitFindings(synthetic({{"peak_mtp_extension_stance", 50.0, 35.0}}));
  ASSERT_EQ(countFindings(supported, "F4"), 1U);
  const GaitFinding& f4 = *findingOf(supported, "F4");
  EXPECT_EQ(f4.side, Side::Right);
  EXPECT_EQ(f4.region, "big_toe");
  ASSERT_EQ(f4.evidence.size(), 1U);
  EXPECT_EQ(f4.evidence[0].metric, "peak_mtp_extension_stance");
  EXPECT_DOUBLE_EQ(f4.evidence[0].value, 35.0);
  // 52 - 2 x 5 = 42° (Caravaggi et al. 2010, biomechanics.md §3.4).
  EXPECT_EQ(f4.evidence[0].reference, "≥ 42°");
  EXPECT_EQ(f4.evidence[0].source, "Caravaggi et al. 2010 (biomechanics.md §3.4)");
  const screen::GaitEvidence screenEvidence = toGaitEvidence(supported, "synthetic");
  ASSERT_EQ(screenEvidence.items.size(), 1U);
  EXPECT_EQ(screenEvidence.items[0].side, screen::Side::Right);
  EXPECT_TRUE(
      contains(screenEvidence.items[0].description, "right peak_mtp_extension_stance 35.0"));

  const GaitFindings notSupported =
      gaitFindings(synthetic({{"peak_mtp_extension_stance", 42.0, 60.0}}));
  EXPECT_EQ(countFindings(notSupported, "F4"), 0U);
  EXPECT_FALSE(listedNotAssessed(notSupported, "F4"));
}

// kinetic-chain.md F7 with the shipped rules: no cited gait asymmetry cut-off, so even a large
// left-right difference is reported as not judged rather than judged on a made-up number.
TEST(ChainFindings, F7IsNotJudgedWithoutACitedAsymmetryCutOff) {
  const GaitFindings findings = gaitFindings(synthetic(
      {{"dorsiflexion_excursion_loading", 12.0, 0.0}, {"pelvis_rotation_range", 9.0, 9.0}}));
  EXPECT_EQ(countFindings(findings, "F7"), 0U);
  for (const Side side : {Side::Left, Side::Right}) {
    const auto item = std::find_if(findings.notAssessed.begin(), findings.notAssessed.end(),
                                   [&](const auto& n) { return n.id == "F7" && n.side == side; });
    ASSERT_NE(item, findings.notAssessed.end());
    EXPECT_TRUE(contains(item->reason, "dorsiflexion_excursion_loading: no cited gait asymmetry"));
    EXPECT_TRUE(contains(item->reason, "Sadeghi et al. 2000"));
    EXPECT_TRUE(contains(item->reason, "pelvis_rotation_range: no cited gait cut-off"));
  }
}

// The rule machinery for asymmetry and the opposite side, exercised with a rule table built
// here. kTestCutoffDeg is a test fixture, not a clinical threshold: the shipped F7 rule has none.
constexpr double kTestCutoffDeg = 5.0;
constexpr std::array<GaitRule, 1> kTestF7Rules = {{
    {"F7",
     "dorsiflexion_excursion_loading",
     RuleKind::Asymmetry,
     RuleDirection::High,
     FindingPlacement::OppositeSide,
     AsymmetryMeasure::Difference,
     kTestCutoffDeg,
     "test fixture cut-off",
     {},
     {}},
}};

TEST(ChainFindings, AsymmetryRulePutsF7OnTheOppositeHamstring) {
  // Left ankle dorsiflexes 12° from first contact to full load, the right 2°: left collapses.
  const GaitFindings leftCollapse =
      gaitFindings(synthetic({{"dorsiflexion_excursion_loading", 12.0, 2.0}}), kTestF7Rules);
  ASSERT_EQ(leftCollapse.findings.size(), 1U);
  const GaitFinding& f7 = leftCollapse.findings[0];
  EXPECT_EQ(f7.id, "F7");
  EXPECT_EQ(f7.side, Side::Right);  // the right hamstring takes the tension
  EXPECT_EQ(f7.causeSide, Side::Left);
  EXPECT_EQ(f7.region, "hamstrings");
  EXPECT_EQ(f7.source, "kinetic-chain.md F7");
  ASSERT_EQ(f7.evidence.size(), 1U);
  EXPECT_EQ(f7.evidence[0].metric, "dorsiflexion_excursion_loading");
  EXPECT_EQ(f7.evidence[0].side, Side::Left);
  EXPECT_DOUBLE_EQ(f7.evidence[0].value, 12.0);
  EXPECT_EQ(f7.evidence[0].reference, "10.0° more than the right side (2.0°); cut-off 5°");
  EXPECT_EQ(f7.evidence[0].source, "test fixture cut-off");
  EXPECT_FALSE(listedNotAssessed(leftCollapse, "F7"));
  // The screening module keys F7 on the collapsing ankle (screen/findings.cpp).
  const screen::GaitEvidence screenEvidence = toGaitEvidence(leftCollapse, "synthetic");
  ASSERT_EQ(screenEvidence.items.size(), 1U);
  EXPECT_EQ(screenEvidence.items[0].finding_id, "F7");
  EXPECT_EQ(screenEvidence.items[0].side, screen::Side::Left);

  const GaitFindings rightCollapse =
      gaitFindings(synthetic({{"dorsiflexion_excursion_loading", 2.0, 12.0}}), kTestF7Rules);
  ASSERT_EQ(rightCollapse.findings.size(), 1U);
  EXPECT_EQ(rightCollapse.findings[0].side, Side::Left);
  EXPECT_EQ(rightCollapse.findings[0].causeSide, Side::Right);

  // 4° apart is within the cut-off: judged on both sides, nothing to report.
  const GaitFindings within =
      gaitFindings(synthetic({{"dorsiflexion_excursion_loading", 6.0, 2.0}}), kTestF7Rules);
  EXPECT_TRUE(within.findings.empty());
  EXPECT_FALSE(listedNotAssessed(within, "F7"));

  // One side missing: not judged, with the reason.
  const GaitFindings oneSide = gaitFindings(
      synthetic({{"dorsiflexion_excursion_loading", 12.0, std::nullopt}}), kTestF7Rules);
  EXPECT_TRUE(oneSide.findings.empty());
  const auto oneSideF7 = notAssessedFor(oneSide, "F7");
  ASSERT_EQ(oneSideF7.size(), 2U);
  EXPECT_TRUE(contains(oneSideF7[0].reason,
                       "dorsiflexion_excursion_loading (right) not available: synthetic"));
}

// Symmetry-index rules (Robinson et al. 1987) are undefined across zero (asymmetry.hpp).
TEST(ChainFindings, SymmetryIndexRuleIsNotJudgedAcrossZero) {
  constexpr std::array<GaitRule, 1> rules = {{
      {"F3",
       "peak_dorsiflexion_stance",
       RuleKind::Asymmetry,
       RuleDirection::Low,
       FindingPlacement::SameSide,
       AsymmetryMeasure::SymmetryIndex,
       10.0,
       "test fixture cut-off",
       {},
       {}},
  }};
  // Left 8°, right 12°: SI = (12 - 8) / 10 x 100 = 40 % toward the right, so the left is lower.
  const GaitFindings lower =
      gaitFindings(synthetic({{"peak_dorsiflexion_stance", 8.0, 12.0}}), rules);
  ASSERT_EQ(lower.findings.size(), 1U);
  EXPECT_EQ(lower.findings[0].side, Side::Left);
  EXPECT_DOUBLE_EQ(lower.findings[0].evidence[0].value, 8.0);
  EXPECT_EQ(lower.findings[0].evidence[0].reference,
            "symmetry index 40.0 %, this side smaller (the right side 12.0°); cut-off 10 %");

  const GaitFindings acrossZero =
      gaitFindings(synthetic({{"peak_dorsiflexion_stance", 0.5, -1.5}}), rules);
  EXPECT_TRUE(acrossZero.findings.empty());
  const auto acrossZeroF3 = notAssessedFor(acrossZero, "F3");
  ASSERT_EQ(acrossZeroF3.size(), 2U);
  EXPECT_TRUE(contains(acrossZeroF3[0].reason, "opposite sign"));
}

TEST(ChainFindings, MechanismsWithoutACitedGaitCutOffSayWhy) {
  const GaitFindings findings = gaitFindings(synthetic({{"peak_dorsiflexion_stance", 2.0, 3.0},
                                                        {"anterior_pelvic_tilt_mean", 25.0, 25.0},
                                                        {"knee_flexion_midstance", 5.0, 5.0}}));
  EXPECT_TRUE(findings.findings.empty());
  const auto reason = [&](const std::string& id) {
    const auto item =
        std::find_if(findings.notAssessed.begin(), findings.notAssessed.end(),
                     [&](const auto& n) { return n.id == id && n.side == Side::Left; });
    return item == findings.notAssessed.end() ? std::string() : item->reason;
  };
  // Low dorsiflexion is not judged: the research has lunge-test cut-offs, not gait ones.
  EXPECT_TRUE(contains(reason("F3"), "peak_dorsiflexion_stance: no cited gait cut-off"));
  EXPECT_TRUE(contains(reason("F3"), "lunge test"));
  EXPECT_TRUE(contains(reason("H2"), "lunge test"));
  EXPECT_TRUE(contains(reason("H4"), "anterior_pelvic_tilt_mean: no cited gait cut-off"));
  EXPECT_TRUE(contains(reason("H3"), "peak_achilles_force not computed"));
  EXPECT_EQ(reason("F5"), "no gait metric measures this mechanism");
  EXPECT_EQ(reason("F6"), "no gait metric measures this mechanism");
  // H1 was judged by its cited rule (5° is not flexed-knee gait), so it is not listed even
  // though its other metrics have no cut-off.
  EXPECT_EQ(reason("H1"), "");
  // Without knee_flexion_midstance H1 is not judged; its unruled metrics are listed.
  const GaitFindings noKnee = gaitFindings(synthetic({}));
  const auto h1 = std::find_if(noKnee.notAssessed.begin(), noKnee.notAssessed.end(),
                               [](const auto& n) { return n.id == "H1"; });
  ASSERT_NE(h1, noKnee.notAssessed.end());
  EXPECT_TRUE(contains(h1->reason, "knee_flexion_midstance (left) not available"));
  EXPECT_TRUE(contains(h1->reason, "reported unflagged: peak_knee_extensor_moment"));
}

}  // namespace
}  // namespace kinchain::chain
