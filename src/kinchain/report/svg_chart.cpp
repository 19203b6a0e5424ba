#include "kinchain/report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kinchain/report/html_writer.hpp"

namespace kinchain::report::svg {

namespace {

constexpr double kFontSize = 10.0;
constexpr double kCharWidth = 5.6;  // average glyph advance at kFontSize, for layout only
constexpr double kLegendRow = 15.0;

std::string esc(std::string_view text) {
  return escapeHtml(text);
}

/// A coordinate with one decimal (0.1 px is below what a screen or printer resolves).
std::string coord(double value) {
  return fmt::format("{:.1f}", value);
}

std::optional<double> finite(const std::optional<double>& value) {
  if (value && std::isfinite(*value)) return value;
  return std::nullopt;
}

double samplePercent(std::size_t index, std::size_t count) {
  return count < 2 ? 0.0 : 100.0 * static_cast<double>(index) / static_cast<double>(count - 1);
}

std::string strokeAttributes(const Stroke& stroke) {
  std::string text = fmt::format("stroke=\"{}\" stroke-width=\"{}\" fill=\"none\"",
                                 esc(stroke.colour), coord(stroke.width));
  if (!stroke.dash.empty()) text += fmt::format(" stroke-dasharray=\"{}\"", esc(stroke.dash));
  return text;
}

/// Maps data values to SVG coordinates inside the plot rectangle.
struct Frame {
  double left, top, width, height;  // plot rectangle
  double x_min, x_max, y_min, y_max;
  double x(double value) const { return left + (value - x_min) / (x_max - x_min) * width; }
  double y(double value) const { return top + (y_max - value) / (y_max - y_min) * height; }
};

struct Range {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  void add(const Samples& samples) {
    for (const auto& sample : samples) {
      if (const auto value = finite(sample)) {
        low = std::min(low, *value);
        high = std::max(high, *value);
      }
    }
  }
  bool empty() const { return low > high; }
};

/// Runs of consecutive indices where `present(i)` holds.
template <typename Present>
std::vector<std::pair<std::size_t, std::size_t>> runs(std::size_t count, Present present) {
  std::vector<std::pair<std::size_t, std::size_t>> result;
  std::size_t i = 0;
  while (i < count) {
    if (!present(i)) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < count && present(i))
      ++i;
    result.emplace_back(start, i);
  }
  return result;
}

std::string seriesSvg(const LineSeries& series, const Frame& frame) {
  std::string svg = fmt::format("<g class=\"series {}\" {}>", esc(series.css_class),
                                strokeAttributes(series.stroke));
  svg += "<title>" + esc(series.label) + "</title>";
  const auto count = series.values.size();
  for (const auto& [start, end] :
       runs(count, [&](std::size_t i) { return finite(series.values[i]).has_value(); })) {
    if (end - start == 1) {  // an isolated sample: a dot, since a one-point line draws nothing
      svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"none\"/>",
                         coord(frame.x(samplePercent(start, count))),
                         coord(frame.y(*series.values[start])), coord(series.stroke.width),
                         esc(series.stroke.colour));
      continue;
    }
    svg += "<polyline points=\"";
    for (std::size_t i = start; i < end; ++i) {
      if (i > start) svg += ' ';
      svg += coord(frame.x(samplePercent(i, count))) + ',' + coord(frame.y(*series.values[i]));
    }
    svg += "\"/>";
  }
  return svg + "</g>";
}

std::string bandSvg(const Band& band, const Frame& frame) {
  std::string svg =
      fmt::format("<g class=\"band {}\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"none\">",
                  esc(band.css_class), esc(band.colour), coord(band.opacity));
  svg += "<title>" + esc(band.label) + "</title>";
  const auto count = std::min(band.low.size(), band.high.size());
  const auto present = [&](std::size_t i) {
    return finite(band.low[i]).has_value() && finite(band.high[i]).has_value();
  };
  for (const auto& [start, end] : runs(count, present)) {
    if (end - start < 2) continue;  // a band needs width
    svg += "<polygon points=\"";
    for (std::size_t i = start; i < end; ++i)
      svg += coord(frame.x(samplePercent(i, count))) + ',' + coord(frame.y(*band.high[i])) + ' ';
    for (std::size_t i = end; i-- > start;) {
      svg += coord(frame.x(samplePercent(i, count))) + ',' + coord(frame.y(*band.low[i]));
      if (i > start) svg += ' ';
    }
    svg += "\"/>";
  }
  return svg + "</g>";
}

/// One legend entry: a swatch (line or filled box) and its text.
struct LegendEntry {
  std::string label;
  std::optional<Stroke> line;
  std::optional<std::pair<std::string, double>> fill;  // colour, opacity
};

double legendWidth(const LegendEntry& entry) {
  return 26.0 + kCharWidth * static_cast<double>(entry.label.size()) + 12.0;
}

int legendRows(const std::vector<LegendEntry>& entries, double available) {
  int rows = entries.empty() ? 0 : 1;
  double x = 0.0;
  for (const auto& entry : entries) {
    const double w = legendWidth(entry);
    if (x > 0.0 && x + w > available) {
      ++rows;
      x = 0.0;
    }
    x += w;
  }
  return rows;
}

std::string legendSvg(const std::vector<LegendEntry>& entries, double left, double top,
                      double available) {
  std::string svg = "<g class=\"legend\">";
  double x = 0.0;
  double y = top;
  for (const auto& entry : entries) {
    const double w = legendWidth(entry);
    if (x > 0.0 && x + w > available) {
      x = 0.0;
      y += kLegendRow;
    }
    const double sx = left + x;
    if (entry.fill) {
      svg += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"20\" height=\"8\" fill=\"{}\" fill-opacity=\"{}\"/>",
          coord(sx), coord(y - 7), esc(entry.fill->first), coord(entry.fill->second));
    }
    if (entry.line) {
      svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {}/>", coord(sx),
                         coord(y - 3), coord(sx + 20), coord(y - 3), strokeAttributes(*entry.line));
    }
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", coord(sx + 24), coord(y),
                       esc(entry.label));
    x += w;
  }
  return svg + "</g>";
}

std::string svgOpen(std::string_view css_class, int width, int height, std::string_view title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {}\" viewBox=\"0 0 {} {}\" "
      "width=\"{}\" height=\"{}\" role=\"img\" font-family=\"sans-serif\" font-size=\"{}\">"
      "<title>{}</title>",
      css_class, width, height, width, height, coord(kFontSize), esc(title));
}

std::string shorten(const std::string& text, std::size_t max_chars) {
  if (text.size() <= max_chars) return text;
  std::size_t cut = max_chars - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;  // do not split a UTF-8 sequence
  return text.substr(0, cut) + "…";
}

}  // namespace

Stroke leftStroke() {
  return {std::string(kLeftColour), "", 2.0};
}
Stroke rightStroke() {
  return {std::string(kRightColour), std::string(kRightDash), 2.0};
}
Stroke referenceStroke() {
  return {std::string(kReferenceColour), "2 2", 1.2};
}

std::vector<double> niceTicks(double low, double high, int target) {
  if (!(low <= high) || !std::isfinite(low) || !std::isfinite(high)) return {};
  if (low == high) {
    const double pad = low == 0.0 ? 1.0 : std::fabs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const double rough = (high - low) / std::max(1, target - 1);
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = 10.0 * power;
  for (const double multiple : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (multiple * power >= rough) {
      step = multiple * power;
      break;
    }
  }
  const double first = std::floor(low / step + 1e-9) * step;
  const double last = std::ceil(high / step - 1e-9) * step;
  std::vector<double> ticks;
  for (int i = 0; first + i * step <= last + step * 1e-6; ++i) {
    const double tick = first + i * step;
    ticks.push_back(std::fabs(tick) < step * 1e-9 ? 0.0 : tick);
  }
  return ticks;
}

std::string unavailablePanel(std::string_view title, std::string_view reason, int width,
                             int height) {
  std::string svg = svgOpen("unavailable", width, height, title);
  svg += fmt::format(
      "<rect x=\"1\" y=\"1\" width=\"{}\" height=\"{}\" fill=\"#f6f6f6\" stroke=\"#999\" "
      "stroke-dasharray=\"4 3\"/>",
      width - 2, height - 2);
  svg +=
      fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
                  width / 2, height / 2 - 8, esc(shorten(std::string(title), 60)));
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">not available — {}</text>",
                     width / 2, height / 2 + 10, esc(shorten(std::string(reason), 60)));
  return svg + "</svg>";
}

std::string lineChart(const LineChart& chart) {
  Range range;
  for (const auto& band : chart.bands) {
    range.add(band.low);
    range.add(band.high);
  }
  for (const auto& series : chart.series)
    range.add(series.values);
  if (range.empty()) return unavailablePanel(chart.title, "no values", chart.width, chart.height);

  std::vector<LegendEntry> legend;
  // Entries without a label stay out of the legend (e.g. a side's SD band drawn under its line).
  for (const auto& series : chart.series)
    if (!series.label.empty()) legend.push_back({series.label, series.stroke, std::nullopt});
  for (const auto& band : chart.bands) {
    if (!band.label.empty())
      legend.push_back({band.label, std::nullopt, std::make_pair(band.colour, band.opacity)});
  }
  for (const auto& marker : chart.markers)
    if (!marker.label.empty()) legend.push_back({marker.label, marker.stroke, std::nullopt});

  const double margin_left = 46.0;
  const double margin_right = 10.0;
  const double margin_top = 24.0;
  const double plot_width = chart.width - margin_left - margin_right;
  const int rows = legendRows(legend, chart.width - 12.0);
  const double margin_bottom = 34.0 + kLegendRow * rows;
  const double plot_height = std::max(40.0, chart.height - margin_top - margin_bottom);

  const auto y_ticks = niceTicks(range.low, range.high, 5);
  if (y_ticks.size() < 2)
    return unavailablePanel(chart.title, "no values", chart.width, chart.height);
  const Frame frame{margin_left, margin_top, plot_width,      plot_height,
                    0.0,         100.0,      y_ticks.front(), y_ticks.back()};

  std::string svg = svgOpen("line-chart", chart.width, chart.height, chart.title);
  svg += fmt::format("<text class=\"chart-title\" x=\"{}\" y=\"14\" font-weight=\"bold\">{}</text>",
                     coord(margin_left), esc(chart.title));
  // Axes, grid and tick labels.
  svg += "<g class=\"axis y-axis\" stroke=\"#ccc\" stroke-width=\"0.6\">";
  for (const double tick : y_ticks) {
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>", coord(frame.left),
                       coord(frame.y(tick)), coord(frame.left + frame.width), coord(frame.y(tick)));
  }
  svg += "</g><g class=\"tick-labels y-ticks\" text-anchor=\"end\">";
  for (const double tick : y_ticks) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", coord(frame.left - 4),
                       coord(frame.y(tick) + 3.5), formatNumber(tick));
  }
  svg += "</g><g class=\"tick-labels x-ticks\" text-anchor=\"middle\">";
  for (int tick = 0; tick <= 100; tick += 20) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", coord(frame.x(tick)),
                       coord(frame.top + frame.height + 12), tick);
  }
  svg += "</g>";
  svg += fmt::format(
      "<rect class=\"plot-frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" "
      "stroke=\"#333\" stroke-width=\"0.8\"/>",
      coord(frame.left), coord(frame.top), coord(frame.width), coord(frame.height));
  svg += fmt::format("<text class=\"x-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                     coord(frame.left + frame.width / 2), coord(frame.top + frame.height + 25),
                     esc(chart.x_label));
  svg += fmt::format(
      "<text class=\"y-label\" transform=\"translate(11 {}) rotate(-90)\" "
      "text-anchor=\"middle\">{}</text>",
      coord(frame.top + frame.height / 2), esc(chart.y_label));

  for (const auto& band : chart.bands)
    svg += bandSvg(band, frame);
  for (const auto& marker : chart.markers) {
    if (!std::isfinite(marker.x_percent) || marker.x_percent < 0.0 || marker.x_percent > 100.0)
      continue;
    svg += fmt::format(
        "<line class=\"event-line\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" {3}><title>{4} "
        "({5} %)</title></line>",
        coord(frame.x(marker.x_percent)), coord(frame.top), coord(frame.top + frame.height),
        strokeAttributes(marker.stroke), esc(marker.label), formatNumber(marker.x_percent, 3));
  }
  for (const auto& series : chart.series)
    svg += seriesSvg(series, frame);
  svg += legendSvg(legend, 6.0, frame.top + frame.height + 25 + kLegendRow, chart.width - 12.0);
  return svg + "</svg>";
}

std::string barChart(const BarChart& chart) {
  Range range;
  range.add({0.0});
  for (const auto& bar : chart.bars)
    range.add({bar.value});
  const bool has_threshold = chart.threshold && std::isfinite(*chart.threshold);
  if (has_threshold) range.add({std::fabs(*chart.threshold)});
  const bool any_value = std::any_of(chart.bars.begin(), chart.bars.end(),
                                     [](const Bar& bar) { return finite(bar.value).has_value(); });
  const int row_height = 22;
  if (!any_value) {
    return unavailablePanel(chart.title, "no asymmetry values", chart.width, 120);
  }
  // Signed values get a symmetric axis so both directions read the same.
  if (range.low < 0.0) {
    const double extent = std::max(-range.low, range.high);
    range.low = -extent;
    range.high = extent;
    if (has_threshold) range.add({-std::fabs(*chart.threshold)});
  }
  const auto ticks = niceTicks(range.low, range.high, 5);
  const double label_width = 190.0;
  const double margin_right = 46.0;
  const double top = 26.0;
  const double plot_height = row_height * static_cast<double>(chart.bars.size());
  const int rows_legend = has_threshold ? 1 : 0;
  const int height = static_cast<int>(top + plot_height + 32 + kLegendRow * rows_legend);
  const Frame frame{label_width,
                    top,
                    chart.width - label_width - margin_right,
                    plot_height,
                    ticks.front(),
                    ticks.back(),
                    0.0,
                    1.0};

  std::string svg = svgOpen("bar-chart", chart.width, height, chart.title);
  svg += fmt::format("<text class=\"chart-title\" x=\"6\" y=\"14\" font-weight=\"bold\">{}</text>",
                     esc(chart.title));
  svg += "<g class=\"axis x-axis\" stroke=\"#ccc\" stroke-width=\"0.6\">";
  for (const double tick : ticks) {
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>", coord(frame.x(tick)),
                       coord(top), coord(top + plot_height));
  }
  svg += "</g><g class=\"tick-labels x-ticks\" text-anchor=\"middle\">";
  for (const double tick : ticks) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", coord(frame.x(tick)),
                       coord(top + plot_height + 12), formatNumber(tick));
  }
  svg += fmt::format(
      "</g><text class=\"x-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">Left–right asymmetry "
      "({})</text>",
      coord(frame.left + frame.width / 2), coord(top + plot_height + 25), esc(chart.unit));

  svg += "<g class=\"bars\">";
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const auto& bar = chart.bars[i];
    const double row_top = top + row_height * static_cast<double>(i);
    const double centre = row_top + row_height / 2.0;
    svg += fmt::format(
        "<text class=\"bar-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}<title>{}</title>"
        "</text>",
        coord(label_width - 6), coord(centre + 3.5), esc(shorten(bar.label, 34)), esc(bar.label));
    const auto value = finite(bar.value);
    if (!value) {
      svg += fmt::format(
          "<text class=\"bar-missing\" x=\"{}\" y=\"{}\" fill=\"#666\">not available</text>",
          coord(frame.x(0.0) + 4), coord(centre + 3.5));
      continue;
    }
    const bool flagged = has_threshold && std::fabs(*value) > std::fabs(*chart.threshold);
    const double x0 = frame.x(0.0);
    const double x1 = frame.x(*value);
    svg += fmt::format(
        "<rect class=\"bar{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
        "data-value=\"{}\"/>",
        flagged ? " flagged" : "", coord(std::min(x0, x1)), coord(row_top + 4),
        coord(std::fabs(x1 - x0)), row_height - 8, flagged ? "#b00020" : "#6b6b6b",
        formatNumber(*value));
    const bool right_of_bar = *value >= 0.0;
    svg += fmt::format(
        "<text class=\"bar-value\" x=\"{}\" y=\"{}\" text-anchor=\"{}\"{}>{} {}{}</text>",
        coord(right_of_bar ? std::max(x0, x1) + 3 : std::min(x0, x1) - 3), coord(centre + 3.5),
        right_of_bar ? "start" : "end", flagged ? " font-weight=\"bold\"" : "",
        formatNumber(*value), esc(chart.unit), flagged ? " !" : "");
  }
  svg += "</g>";
  svg += fmt::format(
      "<line class=\"zero-line\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#333\" "
      "stroke-width=\"1\"/>",
      coord(frame.x(0.0)), coord(top), coord(top + plot_height));
  if (has_threshold) {
    const double threshold = std::fabs(*chart.threshold);
    std::vector<double> at{threshold};
    if (frame.x_min < 0.0) at.push_back(-threshold);
    for (const double x : at) {
      svg += fmt::format(
          "<line class=\"threshold-line\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
          "stroke=\"#000\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"><title>threshold {3} "
          "{4}</title></line>",
          coord(frame.x(x)), coord(top - 4), coord(top + plot_height + 4), formatNumber(x),
          esc(chart.unit));
    }
    const Stroke threshold_stroke{"#000", "5 3", 1.2};
    svg += legendSvg({{"threshold " + chart.threshold_label, threshold_stroke, std::nullopt}}, 6.0,
                     top + plot_height + 25 + kLegendRow, chart.width - 12.0);
  }
  return svg + "</svg>";
}

std::string profileChart(const ProfileChart& chart) {
  Range range;
  range.add({0.0});
  for (const auto& row : chart.rows)
    range.add({row.left, row.right, row.overall});
  if (range.high <= 0.0) return unavailablePanel(chart.title, "no scores", chart.width, 120);
  const bool has_band =
      finite(chart.band_low) && finite(chart.band_high) && *chart.band_low <= *chart.band_high;
  if (has_band) range.add({chart.band_high});
  const auto ticks = niceTicks(0.0, range.high, 5);
  const double label_width = 170.0;
  const double margin_right = 50.0;
  const double top = 26.0;
  const double row_height = 24.0;
  const double plot_height = row_height * static_cast<double>(chart.rows.size());
  const int height = static_cast<int>(top + plot_height + 32 + kLegendRow);
  const Frame frame{label_width,
                    top,
                    chart.width - label_width - margin_right,
                    plot_height,
                    ticks.front(),
                    ticks.back(),
                    0.0,
                    1.0};

  std::string svg = svgOpen("profile-chart", chart.width, height, chart.title);
  svg += fmt::format("<text class=\"chart-title\" x=\"6\" y=\"14\" font-weight=\"bold\">{}</text>",
                     esc(chart.title));
  if (has_band) {
    // Behind each run of summary rows only: the cohort's GPS range says nothing about one GVS.
    svg += fmt::format(
        "<g class=\"band reference\" fill=\"#9a9a9a\" fill-opacity=\"0.35\"><title>{}</title>",
        esc(chart.band_label));
    for (std::size_t i = 0; i < chart.rows.size(); ++i) {
      if (!chart.rows[i].summary) continue;
      const double row_top = top + row_height * static_cast<double>(i);
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                         coord(frame.x(*chart.band_low)), coord(row_top),
                         coord(frame.x(*chart.band_high) - frame.x(*chart.band_low)),
                         coord(row_height));
    }
    svg += "</g>";
  }
  svg += "<g class=\"axis x-axis\" stroke=\"#ccc\" stroke-width=\"0.6\">";
  for (const double tick : ticks)
    svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>", coord(frame.x(tick)),
                       coord(top), coord(top + plot_height));
  svg += "</g><g class=\"tick-labels x-ticks\" text-anchor=\"middle\">";
  for (const double tick : ticks)
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", coord(frame.x(tick)),
                       coord(top + plot_height + 12), formatNumber(tick));
  svg += fmt::format(
      "</g><text class=\"x-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">RMS difference from "
      "the reference mean ({})</text>",
      coord(frame.left + frame.width / 2), coord(top + plot_height + 25), esc(chart.unit));

  svg += "<g class=\"bars\">";
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const auto& row = chart.rows[i];
    const double row_top = top + row_height * static_cast<double>(i);
    svg += fmt::format(
        "<text class=\"bar-label\" x=\"{}\" y=\"{}\" "
        "text-anchor=\"end\"{}>{}<title>{}</title></text>",
        coord(label_width - 6), coord(row_top + row_height / 2 + 3.5),
        row.summary ? " font-weight=\"bold\"" : "", esc(shorten(row.label, 30)), esc(row.label));
    struct Part {
      std::optional<double> value;
      std::string_view colour;
      const char* side;
    };
    std::vector<Part> parts;
    if (row.left || row.right) {
      parts.push_back({row.left, kLeftColour, "left"});
      parts.push_back({row.right, kRightColour, "right"});
    }
    if (row.overall) parts.push_back({row.overall, "#444444", "overall"});
    if (parts.empty()) parts.push_back({std::nullopt, "#444444", "overall"});
    const double bar_height = (row_height - 6.0) / static_cast<double>(parts.size());
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const double y = row_top + 3.0 + bar_height * static_cast<double>(k);
      const auto value = finite(parts[k].value);
      if (!value) {
        svg += fmt::format(
            "<text class=\"bar-missing\" x=\"{}\" y=\"{}\" fill=\"#666\" font-size=\"8\">{} not "
            "available</text>",
            coord(frame.x(0.0) + 3), coord(y + bar_height - 1.5), parts[k].side);
        continue;
      }
      svg += fmt::format(
          "<rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
          "data-value=\"{}\"><title>{} {}: {} {}</title></rect>",
          parts[k].side, coord(frame.x(0.0)), coord(y), coord(frame.x(*value) - frame.x(0.0)),
          coord(bar_height - 1.0), esc(parts[k].colour), formatNumber(*value), esc(row.label),
          parts[k].side, formatNumber(*value), esc(chart.unit));
      svg += fmt::format("<text class=\"bar-value\" x=\"{}\" y=\"{}\" font-size=\"8\">{}</text>",
                         coord(frame.x(*value) + 3), coord(y + bar_height - 1.5),
                         formatNumber(*value));
    }
  }
  svg += "</g>";
  std::vector<LegendEntry> legend{
      {"left", Stroke{std::string(kLeftColour), "", 6.0}, std::nullopt},
      {"right", Stroke{std::string(kRightColour), "", 6.0}, std::nullopt}};
  if (has_band)
    legend.push_back(
        {chart.band_label, std::nullopt, std::pair<std::string, double>{"#9a9a9a", 0.35}});
  svg += legendSvg(legend, 6.0, top + plot_height + 25 + kLegendRow, chart.width - 12.0);
  return svg + "</svg>";
}

}  // namespace kinchain::report::svg
