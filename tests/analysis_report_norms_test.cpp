// report.html with adult norms in the results (docs/analysis-results.md `norms`,
// `gait_profile_score`, metric z and reference mean/sd, curve reference bands): the summary at
// the top, the Movement Analysis Profile, z in the measures table with out-of-band measures
// first, and the reference band on the curves. Expectations come from the input document.

#include <gtest/gtest.h>

#include <string>

#include "analysis_results_fixture.hpp"
#include "kinchain/report/analysis_report.hpp"
#include "kinchain/report/html_writer.hpp"
#include "svg_test_support.hpp"

namespace {

using kinchain::report::formatNumber;
using kinchain::report::renderAnalysisReport;
using kinchain::test::fullResults;
using kinchain::test::parseXml;
using kinchain::test::textOf;
using nlohmann::json;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/// The fixture with norms: stride_time in band (z −0.4 / +0.3), peak dorsiflexion out of band
/// on the left (z −2.6), and the Gait Profile Score of two variables.
json resultsWithNorms() {
  json results = fullResults();
  results["spatiotemporal"]["left"]["speed_m_per_s"] = 1.21;
  results["spatiotemporal"]["right"]["speed_m_per_s"] = 1.19;
  results["norms"] = {{"source", "Schreiber & Moissenet 2019 (test)"},
                      {"citation", "Sci Data 2019;6:111"},
                      {"licence", "CC BY 4.0"},
                      {"strides", 60},
                      {"speed_range_m_per_s", {0.9, 1.9}},
                      {"trial_speed_m_per_s", 1.2},
                      {"speed_used_m_per_s", 1.2},
                      {"clamped", false},
                      {"band_z", 2.0},
                      {"judging", {{"source", "two beyond 2 SD or one beyond 3 SD"}}},
                      {"measures_compared", 4},
                      {"measures_outside", 1}};
  for (auto& metric : results["metrics"]) {
    if (metric["id"] == "peak_dorsiflexion_stance") {
      metric["left"]["z"] = -2.6;
      metric["right"]["z"] = -0.2;
      metric["reference"]["mean"] = 11.5;
      metric["reference"]["sd"] = 1.3;
    } else if (metric["id"] == "stride_time") {
      metric["left"]["z"] = -0.4;
      metric["right"]["z"] = 0.3;
      metric["reference"] = {{"low", nullptr},        {"high", nullptr}, {"text", "norm"},
                             {"source", "Schreiber"}, {"mean", 1.33},    {"sd", 0.1}};
    }
  }
  results["gait_profile_score"] = {
      {"left", 6.5},
      {"right", 4.25},
      {"overall", 5.5},
      {"variables",
       {{{"id", "knee_angle"}, {"label", "Knee flexion"}},
        {{"id", "foot_progression"}, {"label", "Foot progression"}}}},
      {"variable_scores",
       {{"left", {{"knee_angle", 8.5}, {"foot_progression", 3.0}}},
        {"right", {{"knee_angle", 5.0}, {"foot_progression", nullptr}}}}},
      {"reference_range", {{"n", 15}, {"mean", 4.0}, {"sd", 1.0}, {"min", 2.5}, {"max", 6.0}}},
      {"mcid_deg", 1.6},
      {"sdc_deg", 1.3},
      {"mcid_source", "Baker et al. 2012"},
      {"sdc_source", "Gait Posture 99:51 (2023)"},
      {"source", "Baker et al. 2009"}};
  return results;
}

struct Page {
  pugi::xml_document document;
  pugi::xml_node node(const std::string& xpath) const {
    return document.select_node(xpath.c_str()).node();
  }
};

TEST(AnalysisReportNorms, SummaryLeadsWithSpeedReferenceProfileAndCount) {
  Page page;
  const std::string html = renderAnalysisReport(resultsWithNorms());
  ASSERT_TRUE(parseXml(page.document, html));
  // Red flags, then the caution (the fixture's static optimisation failed), then the summary.
  EXPECT_STREQ(page.node("//body/section[1]").attribute("id").value(), "red-flags");
  EXPECT_STREQ(page.node("//body/section[2]").attribute("id").value(), "caution");
  EXPECT_STREQ(page.node("//body/section[3]").attribute("id").value(), "summary");
  EXPECT_STREQ(page.node("//body/section[4]").attribute("id").value(), "trial");
  const std::string summary = textOf(page.node("//section[@id='summary']"));
  EXPECT_TRUE(contains(summary, "1.21 m/s")) << summary;
  EXPECT_TRUE(contains(summary, "Schreiber & Moissenet 2019 (test)"));
  EXPECT_TRUE(contains(summary, "Sci Data 2019;6:111"));
  EXPECT_EQ(textOf(page.node("//span[@class='measures-outside']")), "1 of 4 measures");
  // The profile: one bar per side per variable (a missing one says so), GPS rows, the band.
  const auto chart = page.node("//section[@id='summary']//svg[contains(@class,'profile-chart')]");
  ASSERT_TRUE(chart);
  EXPECT_STREQ(
      chart.select_node(".//rect[@class='bar left'][1]").node().attribute("data-value").value(),
      formatNumber(8.5).c_str());
  EXPECT_TRUE(chart.select_node(".//rect[@class='bar overall']"));
  EXPECT_TRUE(chart.select_node(".//text[@class='bar-missing']"));
  EXPECT_TRUE(chart.select_node(".//g[@class='band reference']/rect"));
  // The findings with their evidence.
  EXPECT_TRUE(page.node("//section[@id='summary']//li[@class='summary-finding']"));
}

TEST(AnalysisReportNorms, MeasuresShowMeanSdAndZOutOfBandFirst) {
  Page page;
  ASSERT_TRUE(parseXml(page.document, renderAnalysisReport(resultsWithNorms())));
  const auto first = page.node("//table[@class='measures']//tr[contains(@class,'metric')][1]");
  EXPECT_STREQ(first.attribute("id").value(), "metric-peak_dorsiflexion_stance");
  EXPECT_TRUE(contains(first.attribute("class").value(), "out-of-band"));
  EXPECT_TRUE(contains(textOf(first), "z = " + formatNumber(-2.6)));
  EXPECT_TRUE(contains(textOf(first), formatNumber(11.5) + " ± " + formatNumber(1.3)));
  EXPECT_TRUE(first.select_node(".//span[@class='z out-of-band flag']"));
  const auto quiet = page.node("//tr[@id='metric-stride_time']");
  EXPECT_TRUE(contains(quiet.attribute("class").value(), "in-band"));
  EXPECT_TRUE(contains(textOf(quiet), "z = +" + formatNumber(0.3)));
}

TEST(AnalysisReportNorms, CurvesCarryTheReferenceBand) {
  Page page;
  json results = resultsWithNorms();
  results["curves"][0]["reference"]["source"] = "Schreiber & Moissenet 2019 at 1.20 m/s";
  ASSERT_TRUE(parseXml(page.document, renderAnalysisReport(results)));
  const auto figure = page.node("//figure[@data-curve='knee_angle']");
  ASSERT_TRUE(figure);
  EXPECT_TRUE(figure.select_node(".//g[@class='band reference']/polygon"));
  EXPECT_TRUE(contains(textOf(figure), "Schreiber & Moissenet 2019 at 1.20 m/s"));
}

TEST(AnalysisReportNorms, WithoutNormsTheSummarySaysSo) {
  Page page;
  ASSERT_TRUE(parseXml(page.document, renderAnalysisReport(fullResults())));
  EXPECT_TRUE(contains(textOf(page.node("//section[@id='summary']")), "none given"));
  EXPECT_FALSE(page.node("//svg[contains(@class,'profile-chart')]"));
}

}  // namespace
