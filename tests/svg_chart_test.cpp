// SVG chart builders: well-formed output, gaps instead of NaN, axis mapping, legend, bars and
// threshold, the "not available" panel, and the chain picture's markers.

#include "kinchain/report/svg_chart.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kinchain/report/chain_picture.hpp"
#include "kinchain/report/html_writer.hpp"
#include "svg_test_support.hpp"

namespace {

using namespace kinchain::report;
using kinchain::test::expectCoordinatesInsideViewBox;
using kinchain::test::parseXml;
using kinchain::test::svgPoints;
using kinchain::test::textOf;

svg::Samples constant(double value, std::size_t count = 101) {
  return svg::Samples(count, value);
}

TEST(HtmlWriter, FormatNumberIsReadableAndNeverPrintsNan) {
  EXPECT_EQ(formatNumber(8.1), "8.1");
  EXPECT_EQ(formatNumber(30.4), "30.4");
  EXPECT_EQ(formatNumber(0.012), "0.012");
  EXPECT_EQ(formatNumber(2.54), "2.54");
  EXPECT_EQ(formatNumber(255.0), "255");
  EXPECT_EQ(formatNumber(-12.5), "-12.5");
  EXPECT_EQ(formatNumber(1234.56), "1235");
  EXPECT_EQ(formatNumber(8.12345), "8.123");
  EXPECT_EQ(formatNumber(-0.0), "0");
  EXPECT_EQ(formatNumber(-0.00001), "-1e-05");
  EXPECT_EQ(formatNumber(12345678.9), "1.235e+07");
  EXPECT_EQ(formatNumber(std::numeric_limits<double>::quiet_NaN()), "—");
  EXPECT_EQ(formatNumber(std::numeric_limits<double>::infinity()), "—");
  EXPECT_EQ(formatNumber(std::optional<double>{}), "—");
}

TEST(HtmlWriter, EscapesTheFiveXmlSpecialCharacters) {
  EXPECT_EQ(escapeHtml("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(SvgChart, NiceTicksCoverTheRangeWithRoundSteps) {
  EXPECT_EQ(svg::niceTicks(0.0, 100.0, 5), (std::vector<double>{0, 25, 50, 75, 100}));
  const auto ticks = svg::niceTicks(-3.2, 47.9, 5);
  ASSERT_GE(ticks.size(), 3u);
  EXPECT_LE(ticks.front(), -3.2);
  EXPECT_GE(ticks.back(), 47.9);
  const double step = ticks[1] - ticks[0];
  EXPECT_DOUBLE_EQ(step, 20.0);  // rough step 12.8 rounds up to the next of 1, 2, 2.5, 5 × 10^k
  for (std::size_t i = 1; i < ticks.size(); ++i)
    EXPECT_NEAR(ticks[i] - ticks[i - 1], step, 1e-12);
  EXPECT_EQ(svg::niceTicks(5.0, 5.0, 5).size() >= 2, true);  // flat data still gets an axis
  EXPECT_TRUE(svg::niceTicks(std::nan(""), 1.0).empty());
}

TEST(SvgChart, LineChartIsWellFormedAndMapsValuesToTheAxis) {
  svg::LineChart chart;
  chart.title = "Knee <flexion> & \"angle\"";
  chart.y_label = "Knee flexion (deg)";
  chart.series.push_back({"Left mean", constant(10.0), svg::leftStroke(), "left"});
  chart.series.push_back({"Right mean", constant(20.0), svg::rightStroke(), "right"});
  const std::string markup = svg::lineChart(chart);
  pugi::xml_document document;
  ASSERT_TRUE(parseXml(document, markup));
  const auto root = document.child("svg");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.child_value("title"), "Knee <flexion> & \"angle\"");
  expectCoordinatesInsideViewBox(root);

  // Each constant series is one horizontal polyline of 101 points at the y of its tick line.
  const auto left = root.select_node("//g[contains(@class,'series') and contains(@class,'left')]");
  const auto right =
      root.select_node("//g[contains(@class,'series') and contains(@class,'right')]");
  ASSERT_TRUE(left && right);
  EXPECT_EQ(std::string(right.node().attribute("stroke-dasharray").value()), svg::kRightDash);
  EXPECT_TRUE(left.node().attribute("stroke-dasharray").empty());  // left is solid
  const auto left_points = svgPoints(left.node().child("polyline").attribute("points").value());
  const auto right_points = svgPoints(right.node().child("polyline").attribute("points").value());
  ASSERT_EQ(left_points.size(), 101u);
  ASSERT_EQ(right_points.size(), 101u);
  EXPECT_LT(right_points[0].second, left_points[0].second);  // larger value is higher up
  // x runs over the plot frame from 0 % to 100 %.
  const auto frame = root.select_node("//rect[@class='plot-frame']").node();
  EXPECT_NEAR(left_points.front().first, frame.attribute("x").as_double(), 0.051);
  EXPECT_NEAR(left_points.back().first,
              frame.attribute("x").as_double() + frame.attribute("width").as_double(), 0.11);
  // The y tick labelled "10" sits at the left series' y (label baseline is 3.5 below the line).
  bool found_tick = false;
  for (const auto& tick : root.select_nodes("//g[contains(@class,'y-ticks')]/text")) {
    if (std::string(tick.node().child_value()) == "10") {
      EXPECT_NEAR(tick.node().attribute("y").as_double() - 3.5, left_points[0].second, 0.11);
      found_tick = true;
    }
  }
  EXPECT_TRUE(found_tick);
  const std::string legend = textOf(root.select_node("//g[@class='legend']").node());
  EXPECT_NE(legend.find("Left mean"), std::string::npos);
  EXPECT_NE(legend.find("Right mean"), std::string::npos);
  EXPECT_NE(textOf(root).find("Gait cycle (%)"), std::string::npos);
}

TEST(SvgChart, MissingAndNonFiniteSamplesBreakTheLineAndAreNeverWritten) {
  auto values = constant(5.0);
  values[30] = std::nullopt;
  values[31] = std::numeric_limits<double>::quiet_NaN();
  values[60] = std::numeric_limits<double>::infinity();
  values[99] = std::nullopt;  // leaves sample 100 alone: drawn as a dot
  svg::LineChart chart;
  chart.title = "gaps";
  chart.series.push_back({"Left", values, svg::leftStroke(), "left"});
  chart.bands.push_back({"band", constant(4.0), values, "#999", 0.3, "reference"});
  const std::string markup = svg::lineChart(chart);
  EXPECT_EQ(markup.find("nan"), std::string::npos);
  EXPECT_EQ(markup.find("inf"), std::string::npos);
  pugi::xml_document document;
  ASSERT_TRUE(parseXml(document, markup));
  expectCoordinatesInsideViewBox(document.child("svg"));
  const auto series = document.select_node("//g[contains(@class,'series')]").node();
  std::size_t points = 0;
  int lines = 0;
  for (const auto& line : series.children("polyline")) {
    ++lines;
    points += svgPoints(line.attribute("points").value()).size();
  }
  EXPECT_EQ(lines, 3);           // 0–29, 32–59, 61–98
  EXPECT_EQ(points, 101u - 5u);  // every sample except the 4 gaps and the lone dot
  EXPECT_EQ(std::distance(series.children("circle").begin(), series.children("circle").end()), 1);
  const auto band = document.select_node("//g[contains(@class,'band')]").node();
  EXPECT_EQ(std::distance(band.children("polygon").begin(), band.children("polygon").end()), 3);
}

TEST(SvgChart, ChartWithoutAnyValueIsANotAvailablePanel) {
  svg::LineChart chart;
  chart.title = "Ankle moment";
  chart.series.push_back({"Left", svg::Samples(101), svg::leftStroke(), "left"});
  const std::string markup = svg::lineChart(chart);
  pugi::xml_document document;
  ASSERT_TRUE(parseXml(document, markup));
  EXPECT_NE(std::string(document.child("svg").attribute("class").value()).find("unavailable"),
            std::string::npos);
  EXPECT_NE(textOf(document).find("not available — no values"), std::string::npos);
}

TEST(SvgChart, UnavailablePanelStatesTheReasonEscaped) {
  const std::string markup = svg::unavailablePanel("Joint <moments>", "no force plates & no GRF");
  pugi::xml_document document;
  ASSERT_TRUE(parseXml(document, markup));
  const std::string text = textOf(document.child("svg"));
  EXPECT_NE(text.find("Joint <moments>"), std::string::npos);
  EXPECT_NE(text.find("not available — no force plates & no GRF"), std::string::npos);
  expectCoordinatesInsideViewBox(document.child("svg"));
}

TEST(SvgChart, VerticalMarkerSitsAtItsCyclePercentage) {
  svg::LineChart chart;
  chart.title = "toe-off";
  chart.series.push_back({"Left", constant(1.0), svg::leftStroke(), "left"});
  chart.markers.push_back({"Toe-off L", 62.0, svg::leftStroke()});
  chart.markers.push_back({"outside", 140.0, svg::leftStroke()});  // not drawn
  pugi::xml_document document;
  ASSERT_TRUE(parseXml(document, svg::lineChart(chart)));
  const auto lines = document.select_nodes("//line[@class='event-line']");
  ASSERT_EQ(lines.size(), 1u);
  const auto frame = document.select_node("//rect[@class='plot-frame']").node();
  const double expected =
      frame.attribute("x").as_double() + 0.62 * frame.attribute("width").as_double();
  EXPECT_NEAR(lines.first().node().attribute("x1").as_double(), expected, 0.11);
}

TEST(SvgChart, BarLengthsAreProportionalAndBeyondThresholdIsFlagged) {
  svg::BarChart chart;
  chart.title = "Asymmetry";
  chart.bars = {
      {"Dorsiflexion", 30.0}, {"Hip extension", -15.0}, {"Stride", 5.0}, {"Big toe", std::nullopt}};
  chart.threshold = 10.0;
  chart.threshold_label = "10 % (test)";
  const std::string markup = svg::barChart(chart);
  pugi::xml_document document;
  ASSERT_TRUE(parseXml(document, markup));
  const auto root = document.child("svg");
  expectCoordinatesInsideViewBox(root);
  const auto bars = root.select_nodes("//rect[contains(@class,'bar')]");
  ASSERT_EQ(bars.size(), 3u);
  const double w30 = bars[0].node().attribute("width").as_double();
  const double w15 = bars[1].node().attribute("width").as_double();
  const double w5 = bars[2].node().attribute("width").as_double();
  EXPECT_NEAR(w30 / w5, 6.0, 0.05);
  EXPECT_NEAR(w15 / w5, 3.0, 0.05);
  EXPECT_STREQ(bars[0].node().attribute("class").value(), "bar flagged");
  EXPECT_STREQ(bars[1].node().attribute("class").value(), "bar flagged");
  EXPECT_STREQ(bars[2].node().attribute("class").value(), "bar");
  // Threshold lines at ±10: 10/5 of the 5-bar's length from the zero line.
  const double zero =
      root.select_node("//line[@class='zero-line']").node().attribute("x1").as_double();
  const auto thresholds = root.select_nodes("//line[@class='threshold-line']");
  ASSERT_EQ(thresholds.size(), 2u);
  EXPECT_NEAR(thresholds[0].node().attribute("x1").as_double() - zero, 2.0 * w5, 0.2);
  EXPECT_NEAR(zero - thresholds[1].node().attribute("x1").as_double(), 2.0 * w5, 0.2);
  EXPECT_NE(textOf(root).find("not available"), std::string::npos);  // the null bar
}

TEST(ChainPicture, MarkersSitAtTheirRegionAndLinkToTheFinding) {
  std::vector<svg::ChainMarker> markers;
  int number = 0;
  for (const auto region : svg::kChainRegions) {
    markers.push_back(
        {++number, "left", std::string(region), "t", "finding-" + std::to_string(number)});
  }
  markers.push_back({++number, "right", "ankle", "<b>", "finding-x"});
  markers.push_back({++number, "right", "ankle", "second", "finding-y"});
  markers.push_back({++number, "left", "elbow", "not a chain region", "finding-z"});
  const std::string markup = svg::chainPicture(markers);
  pugi::xml_document document;
  ASSERT_TRUE(parseXml(document, markup));
  const auto root = document.child("svg");
  expectCoordinatesInsideViewBox(root);
  const auto drawn = root.select_nodes("//a[@class='marker']");
  EXPECT_EQ(drawn.size(), markers.size() - 1);  // the elbow is not drawn
  EXPECT_FALSE(root.select_node("//a[@href='#finding-z']"));
  for (const auto region : svg::kChainRegions) {
    const std::string query = "//a[@data-region='" + std::string(region) + "']";
    EXPECT_TRUE(root.select_node(query.c_str())) << region;
  }
  // Two markers at the right ankle do not cover each other (radius 9).
  const auto first = root.select_node("//a[@href='#finding-x']/circle").node();
  const auto second = root.select_node("//a[@href='#finding-y']/circle").node();
  EXPECT_GE(std::hypot(first.attribute("cx").as_double() - second.attribute("cx").as_double(),
                       first.attribute("cy").as_double() - second.attribute("cy").as_double()),
            18.0);
  // Right-side markers are on the right leg (x beyond the left one's).
  const auto left_ankle =
      root.select_node("//a[@data-region='ankle' and @data-side='left']/circle").node();
  EXPECT_GT(first.attribute("cx").as_double(), left_ankle.attribute("cx").as_double() + 100.0);
  EXPECT_STREQ(root.select_node("//a[@href='#finding-x']/title").node().child_value(), "<b>");
}

}  // namespace
