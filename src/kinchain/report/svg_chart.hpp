#pragma once
// Small SVG chart builders for the reports: a line chart over 0–100 % of the gait cycle, a
// horizontal bar chart of left–right asymmetry, and a "not available" panel. Output is a
// self-contained <svg> element as UTF-8 text (well-formed XML, every string escaped), sized by
// its viewBox so it scales with the page. No NaN, infinity or missing value is ever written as
// a coordinate: missing samples break a line (or band) into separate pieces.
//
// Colours follow the Okabe & Ito (2008) colour-blind-safe palette; the two sides also differ by
// dash (left solid, right dashed) so they stay apart in greyscale print.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinchain::report::svg {

inline constexpr std::string_view kLeftColour = "#d55e00";       ///< Okabe-Ito vermillion
inline constexpr std::string_view kRightColour = "#0072b2";      ///< Okabe-Ito blue
inline constexpr std::string_view kReferenceColour = "#808080";  ///< neutral grey
inline constexpr std::string_view kRightDash = "7 4";            ///< stroke-dasharray of right

/// How a line is drawn.
struct Stroke {
  std::string colour;  ///< CSS colour, e.g. "#d55e00"
  std::string dash;    ///< SVG stroke-dasharray; empty = solid
  double width = 2.0;  ///< in SVG user units (px at 100 %)
};

Stroke leftStroke();       ///< left side: vermillion, solid
Stroke rightStroke();      ///< right side: blue, dashed
Stroke referenceStroke();  ///< reference mean: grey, dotted, thin

/// Samples spread evenly over 0..100 % (sample i of n sits at 100·i/(n−1) %). A missing or
/// non-finite sample is a gap.
using Samples = std::vector<std::optional<double>>;

struct LineSeries {
  std::string label;      ///< legend text; empty = not in the legend
  Samples values;         ///< y values in the chart's unit
  Stroke stroke;          ///< colour, dash, width
  std::string css_class;  ///< extra class on the series group, e.g. "left"
};

/// A shaded region between `low` and `high` (e.g. reference mean ± SD).
struct Band {
  std::string label;      ///< legend text; empty = not in the legend
  Samples low;            ///< lower edge, same length as `high`
  Samples high;           ///< upper edge
  std::string colour;     ///< fill colour
  double opacity = 0.25;  ///< fill opacity 0..1
  std::string css_class;  ///< extra class on the band group
};

/// A vertical line at a cycle percentage (e.g. toe-off).
struct VerticalLine {
  std::string label;  ///< legend text, e.g. "Toe-off (left)"
  double x_percent;   ///< 0..100; lines outside or non-finite are not drawn
  Stroke stroke;
};

struct LineChart {
  std::string title;    ///< shown above the plot
  std::string y_label;  ///< quantity and unit, e.g. "Knee flexion (deg)"
  std::string x_label = "Gait cycle (%)";
  std::vector<Band> bands;            ///< drawn first, under the lines
  std::vector<LineSeries> series;     ///< drawn in order
  std::vector<VerticalLine> markers;  ///< drawn over the bands, under the lines
  int width = 360;                    ///< viewBox width
  int height = 260;                   ///< viewBox height
};

/// The chart as an <svg class="chart line-chart"> element. When no series or band has a single
/// finite value, returns unavailablePanel(title, "no values") instead.
std::string lineChart(const LineChart& chart);

struct Bar {
  std::string label;            ///< row label (long labels are shortened; full text in a tooltip)
  std::optional<double> value;  ///< signed; missing = "not available" row
};

struct BarChart {
  std::string title;
  std::string unit = "%";  ///< unit of the values, shown on the axis
  std::vector<Bar> bars;
  std::optional<double> threshold;  ///< |value| beyond it is flagged; lines at ±threshold
  std::string threshold_label;      ///< e.g. "10 % (Author Year)"
  int width = 560;                  ///< viewBox width; height follows the row count
};

/// Horizontal bars from a zero line; bars with |value| > threshold are flagged (dark red fill and
/// a "!" after the value so greyscale print still shows it).
std::string barChart(const BarChart& chart);

/// One row of a Movement Analysis Profile: a Gait Variable Score (or the GPS) per side.
struct ProfileRow {
  std::string label;              ///< e.g. "Knee flexion", "GPS"
  std::optional<double> left;     ///< drawn vermillion
  std::optional<double> right;    ///< drawn blue
  std::optional<double> overall;  ///< drawn dark grey (the overall GPS)
  bool summary = false;           ///< a GPS row: the reference band is drawn behind it
};

/// Movement Analysis Profile (Baker et al. 2009): horizontal bars from zero, two per row (left,
/// right) or one (overall), in degrees; `band_low`..`band_high` (the reference cohort's own GPS
/// range) shaded behind the summary rows.
struct ProfileChart {
  std::string title;
  std::string unit = "deg";
  std::vector<ProfileRow> rows;
  std::optional<double> band_low;
  std::optional<double> band_high;
  std::string band_label;  ///< legend text of the band
  int width = 560;
};

/// The profile as an <svg class="chart profile-chart">; unavailablePanel when no row has a value.
std::string profileChart(const ProfileChart& chart);

/// A framed panel stating that a chart is not available and why, as an
/// <svg class="chart unavailable"> element with the text "<title>: not available — <reason>".
std::string unavailablePanel(std::string_view title, std::string_view reason, int width = 360,
                             int height = 260);

/// "Nice" tick values (multiples of 1, 2, 2.5 or 5 × 10^k) covering [low, high] with about
/// `target` ticks; the first tick is ≤ low and the last ≥ high. Requires finite low ≤ high.
std::vector<double> niceTicks(double low, double high, int target = 5);

}  // namespace kinchain::report::svg
