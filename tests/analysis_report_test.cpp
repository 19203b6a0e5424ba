// report.html from a results document (docs/analysis-results.md): every section, the order
// (red flags first), escaping, null handling, and that the numbers shown are the JSON's. The
// expectations are derived from the input document, not from a snapshot of the output.

#include "kinchain/report/analysis_report.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "analysis_results_fixture.hpp"
#include "kinchain/report/chain_picture.hpp"
#include "kinchain/report/html_writer.hpp"
#include "svg_test_support.hpp"

namespace {

using kinchain::report::formatNumber;
using kinchain::report::renderAnalysisReport;
using kinchain::test::expectCoordinatesInsideViewBox;
using kinchain::test::fullResults;
using kinchain::test::noForcePlateResults;
using kinchain::test::parseXml;
using kinchain::test::textOf;
using nlohmann::json;

struct Page {
  std::string html;
  pugi::xml_document document;
  pugi::xml_node node(const std::string& xpath) const {
    return document.select_node(xpath.c_str()).node();
  }
  std::string text(const std::string& xpath) const { return textOf(node(xpath)); }
};

void render(Page& page, const json& results) {
  page.html = renderAnalysisReport(results);
  ASSERT_TRUE(parseXml(page.document, page.html));
}

std::string valueText(const json& value, const std::string& unit) {
  return formatNumber(value.get<double>()) + " " + unit;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(AnalysisReport, WithoutScreeningSaysWhyThereIsNoProgramAndFindingsComeFirst) {
  json results = fullResults();
  results.erase("screen");
  Page page;
  render(page, results);
  EXPECT_FALSE(page.node("//*[@id='program']"));
  EXPECT_TRUE(contains(page.text("//section[@id='root-causes']"), "--screen"));
  EXPECT_TRUE(contains(page.text("//section[@id='root-causes']"), "Red flags"));
  // The fixture's static optimisation failed: that caution leads, then the summary, the trial,
  // then the findings are read before how the stages ran.
  EXPECT_STREQ(page.node("//body/section[1]").attribute("id").value(), "caution");
  EXPECT_STREQ(page.node("//body/section[2]").attribute("id").value(), "summary");
  EXPECT_STREQ(page.node("//body/section[4]").attribute("id").value(), "findings");
  EXPECT_TRUE(page.node("//section[@id='findings']/following-sibling::section[@id='stages']"));
}

TEST(AnalysisReport, HasEverySectionAndRedFlagsLeadThePage) {
  Page page;
  render(page, fullResults());
  for (const char* id : {"red-flags", "trial", "stages", "missing", "findings", "screen-findings",
                         "root-causes", "program", "metrics", "asymmetry", "events", "curves",
                         "angles", "moments", "powers", "loads", "tissue-loads", "files"}) {
    EXPECT_TRUE(page.node(std::string("//*[@id='") + id + "']")) << id;
  }
  // Red flags always win: the first section of the page.
  EXPECT_STREQ(page.node("//body/section[1]").attribute("id").value(), "red-flags");
  EXPECT_TRUE(contains(page.text("//section[@id='red-flags']"), "Possible deep-vein thrombosis"));
  EXPECT_TRUE(
      contains(page.text("//section[@id='program']"), "A red flag needs medical review first."));
  EXPECT_TRUE(contains(page.text("//header"), "diagnoses nothing"));
  // Self-contained: a CSP forbids every load, and nothing refers to another file or a script.
  EXPECT_TRUE(page.node("//meta[@http-equiv='Content-Security-Policy']"));
  EXPECT_FALSE(page.node("//script"));
  EXPECT_FALSE(page.node("//*[@src]"));
  EXPECT_FALSE(page.node("//link"));
  for (const auto& link : page.document.select_nodes("//*[@href]"))
    EXPECT_EQ(link.node().attribute("href").value()[0], '#');
}

TEST(AnalysisReport, WithoutScreeningThereIsNoRedFlagOrProgramSection) {
  Page page;
  auto results = fullResults();
  results["screen"] = nullptr;
  render(page, results);
  EXPECT_FALSE(page.node("//*[@id='red-flags']"));
  EXPECT_FALSE(page.node("//*[@id='program']"));
  EXPECT_STREQ(page.node("//body/section[1]").attribute("id").value(), "caution");
  EXPECT_STREQ(page.node("//body/section[2]").attribute("id").value(), "summary");
  EXPECT_STREQ(page.node("//body/section[3]").attribute("id").value(), "trial");
}

// A failed stage and a forced marker fit are named before any number; red flags still lead.
TEST(AnalysisReport, FailedStagesAndAPoorMarkerFitAreCautionedOnTop) {
  auto results = fullResults();
  results["inverse_kinematics"]["marker_rms_mean_m"] = 0.1175;
  results["inverse_kinematics"]["best_practice"] = {
      {"rms_bound_m", 0.02}, {"max_bound_m", 0.04}, {"rms_within", false}, {"max_within", false}};
  Page page;
  render(page, results);
  const std::string caution = page.text("//section[@id='caution']");
  EXPECT_TRUE(contains(caution, "static_optimization")) << caution;
  EXPECT_TRUE(contains(caution, "IPOPT did not converge")) << caution;
  EXPECT_TRUE(contains(caution, "117.5 mm")) << caution;
  EXPECT_TRUE(contains(caution, "20 mm")) << caution;
  EXPECT_STREQ(page.node("//body/section[1]").attribute("id").value(), "red-flags");
  EXPECT_STREQ(page.node("//body/section[2]").attribute("id").value(), "caution");

  for (auto& stage : results["stages"])
    stage["status"] = "ok";
  results["inverse_kinematics"]["best_practice"]["rms_within"] = true;
  results["inverse_kinematics"]["best_practice"]["max_within"] = true;
  Page clean;
  render(clean, results);
  EXPECT_FALSE(clean.node("//section[@id='caution']"));
}

TEST(AnalysisReport, EscapesEveryStringFromTheResults) {
  Page page;
  const auto results = fullResults();
  render(page, results);
  EXPECT_FALSE(contains(page.html, "<script>"));
  EXPECT_FALSE(contains(page.html, "<restrict>"));
  EXPECT_TRUE(contains(page.text("//section[@id='trial']"),
                       results["subject"]["mass_source"].get<std::string>()));
  EXPECT_TRUE(contains(page.text("//title"), results["trial"]["file"].get<std::string>()));
  EXPECT_TRUE(contains(page.text("//section[@id='stages']"),
                       results["stages"][2]["message"].get<std::string>()));
  EXPECT_TRUE(contains(page.text("//section[@id='findings']"),
                       results["findings"][1]["title"].get<std::string>()));
}

TEST(AnalysisReport, TrialHeaderShowsTheResultsNumbersAndMarkers) {
  Page page;
  const auto results = fullResults();
  render(page, results);
  const std::string trial = page.text("//section[@id='trial']");
  EXPECT_TRUE(contains(trial, valueText(results["trial"]["rate_hz"], "Hz")));
  EXPECT_TRUE(contains(trial, valueText(results["trial"]["duration_s"], "s")));
  EXPECT_TRUE(contains(trial, valueText(results["subject"]["mass_kg"], "kg")));
  EXPECT_TRUE(contains(trial, valueText(results["model"]["marker_error"]["rms_m"], "m")));
  EXPECT_TRUE(contains(trial, results["protocol"]["name"].get<std::string>()));
  EXPECT_TRUE(contains(trial, results["model"]["scaling_method"].get<std::string>()));
  for (const auto& marker : results["protocol"]["markers_used"])
    EXPECT_TRUE(contains(trial, marker.get<std::string>()));
  for (const auto& marker : results["protocol"]["markers_missing"])
    EXPECT_TRUE(contains(trial, marker.get<std::string>()));
  // An absent alternative is named with what stood in for it; thorax labels with their use.
  for (const auto& alternative : results["protocol"]["markers_not_needed"])
    EXPECT_TRUE(contains(trial, alternative["marker"].get<std::string>() + " (not needed: " +
                                    alternative["instead"][0].get<std::string>()));
  for (const auto& label : results["protocol"]["labels_used_otherwise"]) {
    EXPECT_TRUE(contains(trial, label["label"].get<std::string>()));
    EXPECT_TRUE(contains(trial, label["use"].get<std::string>()));
  }
  // Stages with status and time; warnings; missing items with reasons.
  const auto stage_rows = page.document.select_nodes("//tr[@class='stage']");
  ASSERT_EQ(stage_rows.size(), results["stages"].size());
  for (std::size_t i = 0; i < stage_rows.size(); ++i) {
    const std::string row = textOf(stage_rows[i].node());
    EXPECT_TRUE(contains(row, results["stages"][i]["status"].get<std::string>()));
    EXPECT_TRUE(contains(row, valueText(results["stages"][i]["seconds"], "s")));
  }
  EXPECT_TRUE(page.node("//td[@class='status-failed']"));
  EXPECT_TRUE(
      contains(page.text("//section[@id='stages']"), results["warnings"][0].get<std::string>()));
  const auto missing = page.document.select_nodes("//tr[@class='missing-item']");
  ASSERT_EQ(missing.size(), results["missing"].size());
  EXPECT_TRUE(
      contains(textOf(missing[0].node()), results["missing"][0]["reason"].get<std::string>()));
}

TEST(AnalysisReport, MetricNumbersEqualTheResults) {
  Page page;
  const auto results = fullResults();
  render(page, results);
  for (const auto& metric : results["metrics"]) {
    const std::string id = metric["id"].get<std::string>();
    const auto row = page.node("//tr[@id='metric-" + id + "']");
    ASSERT_TRUE(row) << id;
    const std::string unit = metric["unit"].get<std::string>();
    for (const char* side : {"left", "right"}) {
      const auto cell =
          row.select_node((std::string("td[contains(@class,'side-") + side + "')]").c_str());
      const std::string shown = textOf(cell.node());
      const auto& value = metric[side]["value"];
      if (value.is_null()) {
        EXPECT_EQ(shown.rfind("—", 0), 0u) << id << " " << side;
        if (metric[side].contains("missing")) {
          EXPECT_TRUE(contains(shown, metric[side]["missing"].get<std::string>()));
        }
      } else {
        EXPECT_EQ(shown.rfind(valueText(value, unit), 0), 0u) << id << " " << side << ": " << shown;
      }
      for (const auto& cycle : metric[side]["per_cycle"])
        EXPECT_TRUE(contains(shown, formatNumber(cycle.get<double>())));
    }
    const std::string asymmetry =
        textOf(row.select_node("td[contains(@class,'asymmetry')]").node());
    if (metric["asymmetry_percent"].is_null()) {
      EXPECT_EQ(asymmetry, "—" + metric.value("asymmetry_missing", std::string()));
    } else {
      EXPECT_EQ(asymmetry, valueText(metric["asymmetry_percent"], "%"));
    }
    for (const auto& flag : metric["flags"])
      EXPECT_TRUE(contains(textOf(row), flag["text"].get<std::string>()));
    if (metric["reference"].is_object() && metric["reference"].contains("source")) {
      // The source is a numbered note below the table, linked from the row.
      const auto link = row.select_node(".//a[@class='source-ref']").node();
      ASSERT_TRUE(link) << id;
      const std::string target = std::string(link.attribute("href").value()).substr(1);
      const auto note = page.node("//ol[@class='sources']/li[@id='" + target + "']");
      ASSERT_TRUE(note) << id << " " << target;
      EXPECT_TRUE(contains(textOf(note), metric["reference"]["source"].get<std::string>())) << id;
    }
  }
}

TEST(AnalysisReport, AsymmetryChartHasOneBarPerMetricAndTheThreshold) {
  Page page;
  const auto results = fullResults();
  render(page, results);
  const auto chart = page.node("//section[@id='metrics']//*[local-name()='svg']");
  ASSERT_TRUE(chart);
  expectCoordinatesInsideViewBox(chart);
  std::size_t with_value = 0;
  std::size_t flagged = 0;
  const double threshold = results["asymmetry_threshold"]["percent"].get<double>();
  for (const auto& metric : results["metrics"]) {
    if (!metric["asymmetry_percent"].is_number()) continue;
    ++with_value;
    const double value = metric["asymmetry_percent"].get<double>();
    flagged += std::fabs(value) > threshold;
    const std::string query = "//rect[@data-value='" + formatNumber(value) + "']";
    EXPECT_TRUE(chart.select_node(query.c_str())) << value;
  }
  EXPECT_EQ(chart.select_nodes(".//rect[contains(@class,'bar')]").size(), with_value);
  EXPECT_EQ(chart.select_nodes(".//rect[@class='bar flagged']").size(), flagged);
  EXPECT_EQ(chart.select_nodes(".//line[@class='threshold-line']").size(), 2u);
}

TEST(AnalysisReport, FindingsArePlacedOnTheChainAndLinkedToTheirText) {
  Page page;
  const auto results = fullResults();
  render(page, results);
  const auto picture = page.node("//*[local-name()='svg' and @class='chain-picture']");
  ASSERT_TRUE(picture);
  expectCoordinatesInsideViewBox(picture);
  int number = 0;
  for (const auto& finding : results["findings"]) {
    ++number;
    const std::string anchor = "finding-" + std::to_string(number);
    const auto block = page.node("//div[@id='" + anchor + "']");
    ASSERT_TRUE(block) << anchor;
    const std::string text = textOf(block);
    EXPECT_TRUE(contains(text, finding["id"].get<std::string>()));
    EXPECT_TRUE(contains(text, finding["title"].get<std::string>()));
    EXPECT_TRUE(contains(text, finding["source"].get<std::string>()));
    for (const auto& evidence : finding["evidence"]) {
      EXPECT_TRUE(
          contains(text, valueText(evidence["value"], evidence["unit"].get<std::string>())));
      EXPECT_TRUE(contains(text, evidence["reference"].get<std::string>()));
      EXPECT_TRUE(contains(text, evidence["source"].get<std::string>()));
    }
    const std::string region = finding["region"].get<std::string>();
    const auto marker = picture.select_node(("//a[@href='#" + anchor + "']").c_str()).node();
    if (kinchain::report::svg::isChainRegion(region)) {
      ASSERT_TRUE(marker) << anchor;
      EXPECT_EQ(marker.attribute("data-region").value(), region);
      EXPECT_EQ(marker.attribute("data-side").value(), finding["side"].get<std::string>());
      EXPECT_EQ(textOf(marker.child("text")), std::to_string(number));
    } else {
      EXPECT_FALSE(marker) << anchor;
      EXPECT_TRUE(contains(text, "Not placed on the picture"));
    }
  }
}

TEST(AnalysisReport, EveryCurveIsAChartWithBothSidesReferenceAndToeOff) {
  Page page;
  const auto results = fullResults();
  render(page, results);
  for (const auto& curve : results["curves"]) {
    const std::string id = curve["id"].get<std::string>();
    const auto figure = page.node("//figure[@data-curve='" + id + "']");
    ASSERT_TRUE(figure) << id;
    const auto chart = figure.select_node("*[local-name()='svg']").node();
    ASSERT_TRUE(chart) << id;
    EXPECT_STREQ(chart.attribute("class").value(), "chart line-chart") << id;
    expectCoordinatesInsideViewBox(chart);
    EXPECT_TRUE(contains(textOf(chart), curve["unit"].get<std::string>()));
    for (const char* side : {"left", "right"}) {
      const std::string query = std::string(".//g[@class='series ") + side + "']/polyline";
      const auto lines = chart.select_nodes(query.c_str());
      if (!curve[side].is_object()) {
        EXPECT_TRUE(lines.empty()) << id << " " << side;
        EXPECT_TRUE(contains(textOf(figure), curve["missing"][side].get<std::string>()));
        continue;
      }
      std::size_t gaps = 0;
      for (const auto& value : curve[side]["mean"])
        gaps += value.is_null();
      EXPECT_EQ(lines.size(), gaps == 0 ? 1u : 2u) << id << " " << side;
      std::size_t points = 0;
      for (const auto& line : lines)
        points += kinchain::test::svgPoints(line.node().attribute("points").value()).size();
      EXPECT_EQ(points, curve[side]["mean"].size() - gaps) << id << " " << side;
      // Toe-off from the side's stance percentage.
      const double stance = results["spatiotemporal"][side]["stance_percent"].get<double>();
      const auto frame = chart.select_node(".//rect[@class='plot-frame']").node();
      const std::string title = std::string("Toe-off ") + (side[0] == 'l' ? "L" : "R");
      bool found = false;
      for (const auto& line : chart.select_nodes(".//line[@class='event-line']")) {
        if (!contains(line.node().child_value("title"), title)) continue;
        found = true;
        EXPECT_NEAR(line.node().attribute("x1").as_double(),
                    frame.attribute("x").as_double() +
                        stance / 100.0 * frame.attribute("width").as_double(),
                    0.11);
      }
      EXPECT_TRUE(found) << id << " " << side;
    }
    const bool has_reference = curve["reference"].is_object();
    EXPECT_EQ(static_cast<bool>(chart.select_node(".//g[@class='band reference']")), has_reference);
    if (has_reference) {
      EXPECT_TRUE(contains(textOf(figure), curve["reference"]["source"].get<std::string>()));
    }
  }
}

TEST(AnalysisReport, EventsCyclesSpatiotemporalAndLoadsShowTheResultsNumbers) {
  Page page;
  const auto results = fullResults();
  render(page, results);
  const auto events = page.document.select_nodes("//tr[@class='event']");
  ASSERT_EQ(events.size(), results["events"].size());
  for (std::size_t i = 0; i < events.size(); ++i)
    EXPECT_TRUE(contains(textOf(events[i].node()), valueText(results["events"][i]["time_s"], "s")));
  const auto cycles = page.document.select_nodes("//tr[@class='cycle']");
  ASSERT_EQ(cycles.size(), results["cycles"]["left"].size() + results["cycles"]["right"].size());
  EXPECT_TRUE(contains(textOf(cycles[0].node()),
                       valueText(results["cycles"]["left"][0]["foot_off_s"], "s")));
  const std::string spatiotemporal = page.text("//section[@id='events']");
  for (const char* side : {"left", "right"})
    for (const auto& [key, value] : results["spatiotemporal"][side].items())
      EXPECT_TRUE(contains(spatiotemporal, formatNumber(value.get<double>()))) << key;
  // Tissue loads (loads/tissue_load_summary.hpp shape): flags, per-stance peaks, ranges.
  const auto& loads = results["tissue_loads"];
  for (const char* side : {"left", "right"}) {
    for (const auto& stance : loads["sides"][side]["stances"]) {
      const std::string query = std::string("//tr[@class='stance-load' and @data-side='") + side +
                                "' and @data-tissue='achilles']";
      const std::string row = page.text(query);
      const auto& achilles = stance["achilles"];
      EXPECT_TRUE(contains(row, valueText(achilles["peak"]["value"], "N"))) << row;
      EXPECT_TRUE(contains(row, formatNumber(achilles["peak_bw"].get<double>()))) << row;
      EXPECT_TRUE(contains(row, formatNumber(achilles["impulse_bw_s"].get<double>()))) << row;
      EXPECT_TRUE(contains(row, formatNumber(achilles["peak"]["percent_of_cycle"].get<double>())));
    }
  }
  const std::string section = page.text("//section[@id='tissue-loads']");
  const auto& reference = loads["references"][0];
  EXPECT_TRUE(contains(section, formatNumber(reference["low"].get<double>()) + "–" +
                                    valueText(reference["high"], "BW")));
  EXPECT_TRUE(contains(section, reference["sources"][0].get<std::string>()));
  EXPECT_TRUE(contains(page.text("//ul[@class='load-flags']/li"),
                       loads["flags"][0]["text"].get<std::string>()));
  EXPECT_TRUE(contains(section, loads["unavailable"][0].get<std::string>()));
  EXPECT_TRUE(contains(section, loads["skipped_phases"][0]["reason"].get<std::string>()));
  EXPECT_TRUE(contains(
      page.text("//tr[@class='swing-load']"),
      valueText(loads["sides"]["left"]["swings"][0]["hamstrings"]["bflh"]["peak_stretch"]["value"],
                "%")));
}

TEST(AnalysisReport, TissueLoadsOfAnotherShapeAreShownAsAGenericTable) {
  Page page;
  auto results = fullResults();
  results["tissue_loads"] = {
      {"left", {{"achilles", {{"unit", "BW"}, {"stance_peak", {4.1, 4.3}}, {"mean_peak", 4.2}}}}},
      {"right", {{"achilles", {{"unit", "BW"}, {"mean_peak", nullptr}}}}}};
  render(page, results);
  const auto rows = page.document.select_nodes("//tr[@class='tissue-load']");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(contains(textOf(rows[0].node()), "4.2 BW"));
  EXPECT_TRUE(contains(textOf(rows[1].node()), "4.1, 4.3 BW"));
}

TEST(AnalysisReport, TrialWithoutForcePlatesSaysWhatIsNotAvailableAndWhy) {
  Page page;
  const auto results = noForcePlateResults();
  render(page, results);
  // Moments and powers: the reason from `missing`; loads: no entry, so "no force plates".
  const std::string moments = page.text("//div[@id='moments']");
  EXPECT_TRUE(
      contains(moments, "not available — " + results["missing"][0]["reason"].get<std::string>()));
  EXPECT_TRUE(
      contains(page.text("//div[@id='powers']"), "not available — no force plates in the trial"));
  EXPECT_TRUE(contains(page.text("//div[@id='loads']"), "not available — no force plates"));
  EXPECT_TRUE(
      contains(page.text("//section[@id='tissue-loads']"), "not available — no force plates"));
  EXPECT_FALSE(page.node("//div[@id='moments']//*[@class='chart line-chart']"));
  // Kinematics are still drawn, and the missing findings are listed with their reason.
  EXPECT_TRUE(page.node("//div[@id='angles']//*[@class='chart line-chart']"));
  EXPECT_TRUE(contains(page.text("//section[@id='missing']"),
                       results["missing"][1]["what"].get<std::string>()));
  EXPECT_EQ(page.document.select_nodes("//td[@class='status-skipped']").size(), 2u);
}

TEST(AnalysisReport, SurvivesEmptyNullAndWronglyTypedInput) {
  json wrong = fullResults();
  wrong["trial"] = "not an object";
  wrong["metrics"] = json::array({nullptr, 3, json::object(), {{"id", 5}, {"left", "x"}}});
  wrong["curves"] = json::array({1,
                                 {{"group", "angles"}, {"left", {{"mean", {"a", nullptr, 1.0}}}}},
                                 {{"group", "moments"}, {"left", {{"mean", json::array()}}}}});
  wrong["findings"] = json::array({nullptr, {{"region", 7}}});
  wrong["events"] = json::object();
  wrong["screen"] = json::array();
  wrong["stages"] = json::array({{{"seconds", std::numeric_limits<double>::quiet_NaN()}}});
  wrong["tissue_loads"] = {{"left", {{"x", json::array({json::object(), nullptr})}}}};
  for (const json& results : {json(), json::array(), json::object(), json("text"),
                              json({{"schema", "other/2"}}), wrong}) {
    Page page;
    render(page, results);
    EXPECT_TRUE(page.node("//section[@id='findings']"));
    EXPECT_TRUE(page.node("//section[@id='curves']"));
    EXPECT_FALSE(contains(page.html, "nan"));
    for (const auto& chart : page.document.select_nodes("//*[local-name()='svg']"))
      expectCoordinatesInsideViewBox(chart.node());
  }
  Page other;
  render(other, json({{"schema", "other/2"}}));
  EXPECT_TRUE(contains(other.text("//header"), "other/2"));
}

/// JSON pointers of every value in `value`, except the samples inside long numeric arrays.
void collectPointers(const json& value, const json::json_pointer& at,
                     std::vector<json::json_pointer>& pointers) {
  pointers.push_back(at);
  if (value.is_object()) {
    for (const auto& [key, child] : value.items())
      collectPointers(child, at / key, pointers);
  } else if (value.is_array() && value.size() < 20) {
    for (std::size_t i = 0; i < value.size(); ++i)
      collectPointers(value[i], at / i, pointers);
  }
}

TEST(AnalysisReport, EveryFieldReplacedByAnotherTypeStillRendersAWellFormedPage) {
  // A systematic type mutation of the full document: each value in turn becomes null, a
  // string with markup, NaN and an empty object. Two curves without per-cycle data keep the
  // run short; the other curves are the same shape.
  auto results = fullResults();
  results["curves"] = json::array({results["curves"][0], results["curves"][2]});
  for (auto& curve : results["curves"]) {
    curve["left"].erase("cycles");
    curve["right"].erase("cycles");
  }
  std::vector<json::json_pointer> pointers;
  collectPointers(results, json::json_pointer(), pointers);
  ASSERT_GT(pointers.size(), 200u);
  const json replacements[] = {nullptr, "<i>&amp;'\"", std::nan(""), json::object()};
  for (const auto& pointer : pointers) {
    for (const auto& replacement : replacements) {
      json mutated = results;
      mutated[pointer] = replacement;
      const std::string html = renderAnalysisReport(mutated);
      pugi::xml_document document;
      const auto parsed =
          document.load_buffer(html.data(), html.size(), pugi::parse_default | pugi::parse_doctype);
      ASSERT_TRUE(parsed) << pointer.to_string() << " = " << replacement.dump() << ": "
                          << parsed.description();
      ASSERT_FALSE(document.select_node("//script")) << pointer.to_string();
      ASSERT_EQ(html.find("nan"), std::string::npos) << pointer.to_string();
    }
  }
}

}  // namespace
