#include "kinchain/report/chain_picture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "kinchain/report/html_writer.hpp"
#include "kinchain/report/svg_chart.hpp"

namespace kinchain::report::svg {

namespace {

// Layout (SVG user units): each leg is drawn in side view facing right (front = +x), hip at
// x = hip_x; the trunk and pelvis are shared above both legs.
constexpr int kWidth = 440;
constexpr int kHeight = 510;
constexpr double kLeftHipX = 130.0;
constexpr double kRightHipX = 310.0;
constexpr double kMidlineX = 220.0;

std::string esc(std::string_view text) {
  return escapeHtml(text);
}

/// Where a marker for `region` sits relative to the hip x of its leg (or the midline).
std::pair<double, double> regionOffset(std::string_view region) {
  static const std::map<std::string_view, std::pair<double, double>> offsets = {
      {"trunk", {0, 72}},         {"pelvis", {0, 143}}, {"hip", {17, 166}},
      {"hamstrings", {-14, 222}}, {"knee", {17, 290}},  {"calf", {-13, 336}},
      {"achilles", {-15, 398}},   {"ankle", {13, 421}}, {"subtalar", {4, 443}},
      {"foot", {34, 440}},        {"arch", {22, 474}},  {"big_toe", {80, 448}}};
  return offsets.at(region);
}

std::string legSvg(double hx, bool with_labels) {
  std::string svg = "<g class=\"leg\" stroke=\"#555\" stroke-width=\"1\">";
  // Thigh with the hamstrings behind it; knee; shank with the calf behind it.
  svg += fmt::format(
      "<rect x=\"{}\" y=\"165\" width=\"22\" height=\"125\" rx=\"10\" fill=\"#e8e2d8\"/>"
      "<ellipse class=\"part hamstrings\" cx=\"{}\" cy=\"225\" rx=\"7\" ry=\"46\" "
      "fill=\"#c9a0a0\"/>",
      hx - 11, hx - 13);
  svg += fmt::format(
      "<rect x=\"{}\" y=\"290\" width=\"16\" height=\"134\" rx=\"7\" fill=\"#e8e2d8\"/>"
      "<ellipse class=\"part calf\" cx=\"{}\" cy=\"336\" rx=\"9\" ry=\"36\" fill=\"#c9a0a0\"/>",
      hx - 8, hx - 12);
  // Achilles tendon from the calf to the heel.
  svg += fmt::format(
      "<line class=\"part achilles\" x1=\"{}\" y1=\"370\" x2=\"{}\" y2=\"448\" stroke=\"#8a6d3b\" "
      "stroke-width=\"4\"/>",
      hx - 14, hx - 13);
  // Foot: heel to toes, the arch (plantar fascia) along the sole, the big toe at the front.
  svg += fmt::format(
      "<path class=\"part foot\" d=\"M{0} 446 L{1} 430 L{2} 452 L{3} 462 L{4} 462 Z\" "
      "fill=\"#e8e2d8\"/>",
      hx - 17, hx + 10, hx + 66, hx + 70, hx - 19);
  svg += fmt::format(
      "<path class=\"part arch\" d=\"M{} 462 Q{} 448 {} 462\" fill=\"none\" stroke=\"#8a6d3b\" "
      "stroke-width=\"2\"/>",
      hx - 12, hx + 22, hx + 56);
  svg += fmt::format(
      "<ellipse class=\"part big_toe\" cx=\"{}\" cy=\"458\" rx=\"9\" ry=\"4.5\" fill=\"#e8e2d8\"/>",
      hx + 76);
  // Joints: hip, knee, ankle (talocrural) and subtalar.
  svg += fmt::format(
      "<circle class=\"part hip\" cx=\"{0}\" cy=\"166\" r=\"9\" fill=\"#fff\"/>"
      "<circle class=\"part knee\" cx=\"{0}\" cy=\"290\" r=\"9\" fill=\"#fff\"/>"
      "<circle class=\"part ankle\" cx=\"{0}\" cy=\"424\" r=\"7\" fill=\"#fff\"/>"
      "<circle class=\"part subtalar\" cx=\"{1}\" cy=\"440\" r=\"4\" fill=\"#fff\"/>",
      hx, hx - 2);
  svg += "</g>";
  if (with_labels) {
    // Part names on the back side of the left leg; the right leg is drawn the same way.
    svg += "<g class=\"part-labels\" font-size=\"9\" fill=\"#444\" text-anchor=\"end\">";
    const std::pair<const char*, double> labels[] = {
        {"hip", 169},      {"hamstrings", 226}, {"knee", 293},     {"calf", 339},
        {"Achilles", 400}, {"ankle", 420},      {"subtalar", 438}, {"heel", 458}};
    for (const auto& [text, y] : labels)
      svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", hx - 26, y, text);
    svg += "</g>";
    svg += fmt::format(
        "<g class=\"part-labels\" font-size=\"9\" fill=\"#444\" text-anchor=\"middle\">"
        "<text x=\"{}\" y=\"492\">arch / plantar fascia</text>"
        "<text x=\"{}\" y=\"475\">big toe</text></g>",
        hx + 20, hx + 84);
  }
  return svg;
}

}  // namespace

bool isChainRegion(std::string_view region) {
  return std::find(std::begin(kChainRegions), std::end(kChainRegions), region) !=
         std::end(kChainRegions);
}

std::string chainPicture(const std::vector<ChainMarker>& markers) {
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chain-picture\" viewBox=\"0 0 {0} {1}\" "
      "width=\"{0}\" height=\"{1}\" role=\"img\" font-family=\"sans-serif\" font-size=\"10\">"
      "<title>The kinetic chain from foot to trunk, left and right leg, with the findings "
      "placed on it</title>",
      kWidth, kHeight);
  // Trunk and pelvis, shared by both legs.
  svg += fmt::format(
      "<g class=\"body\" stroke=\"#555\" stroke-width=\"1\">"
      "<rect class=\"part trunk\" x=\"{}\" y=\"24\" width=\"110\" height=\"98\" rx=\"18\" "
      "fill=\"#eeeeee\"/>"
      "<rect class=\"part pelvis\" x=\"{}\" y=\"126\" width=\"{}\" height=\"34\" rx=\"14\" "
      "fill=\"#e0d8cc\"/></g>",
      kMidlineX - 55, kLeftHipX - 30, kRightHipX - kLeftHipX + 60);
  svg += fmt::format(
      "<g class=\"part-labels\" font-size=\"9\" fill=\"#444\" text-anchor=\"middle\">"
      "<text x=\"{0}\" y=\"40\">trunk</text><text x=\"{0}\" y=\"156\">pelvis</text></g>",
      kMidlineX);
  svg += legSvg(kLeftHipX, true);
  svg += legSvg(kRightHipX, false);
  svg += fmt::format(
      "<g class=\"leg-names\" font-weight=\"bold\" text-anchor=\"middle\">"
      "<text x=\"{}\" y=\"506\">Left leg</text><text x=\"{}\" y=\"506\">Right leg</text></g>"
      "<text x=\"{}\" y=\"12\" font-size=\"9\" fill=\"#444\" text-anchor=\"end\">side view, "
      "front of the body to the right →</text>",
      kLeftHipX + 20, kRightHipX + 20, kWidth - 4);

  // Markers: spread sideways when several share a place.
  std::map<std::pair<std::string, std::string>, int> used;
  svg += "<g class=\"markers\">";
  for (const auto& marker : markers) {
    if (!isChainRegion(marker.region)) continue;
    const bool left = marker.side == "left";
    const bool right = marker.side == "right";
    const double base_x = left ? kLeftHipX : right ? kRightHipX : kMidlineX;
    auto [dx, y] = regionOffset(marker.region);
    if (!left && !right) dx = 0.0;
    const int slot = used[{left ? "left" : right ? "right" : "mid", marker.region}]++;
    const double x = base_x + dx + 19.0 * slot;
    const std::string_view colour = left ? kLeftColour : right ? kRightColour : "#333";
    svg += fmt::format(
        "<a class=\"marker\" href=\"#{}\" data-region=\"{}\" data-side=\"{}\"><title>{}</title>"
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"9\" fill=\"#fff\" stroke=\"{}\" "
        "stroke-width=\"2.5\"/><text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" "
        "font-weight=\"bold\" font-size=\"10\">{}</text></a>",
        esc(marker.anchor), esc(marker.region), esc(marker.side), esc(marker.title), x, y, colour,
        x, y + 3.5, marker.number);
  }
  svg += "</g>";
  return svg + "</svg>";
}

}  // namespace kinchain::report::svg
