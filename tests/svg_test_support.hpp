#pragma once
// Helpers for tests that inspect SVG/XHTML output with pugixml.

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

namespace kinchain::test {

/// Parses markup as XML; records a failure with the parser's message and offset on error.
inline bool parseXml(pugi::xml_document& document, const std::string& markup) {
  const auto result =
      document.load_buffer(markup.data(), markup.size(), pugi::parse_default | pugi::parse_doctype);
  EXPECT_TRUE(result) << result.description() << " at offset " << result.offset << ": "
                      << markup.substr(result.offset > 60 ? result.offset - 60 : 0, 120);
  return static_cast<bool>(result);
}

/// The numbers of an SVG `points` attribute ("x,y x,y ...").
inline std::vector<std::pair<double, double>> svgPoints(const std::string& points) {
  std::vector<std::pair<double, double>> result;
  std::istringstream stream(points);
  std::string pair;
  while (stream >> pair) {
    const auto comma = pair.find(',');
    result.emplace_back(std::stod(pair.substr(0, comma)), std::stod(pair.substr(comma + 1)));
  }
  return result;
}

/// The viewBox width and height of an <svg> element.
inline std::pair<double, double> viewBoxSize(const pugi::xml_node& svg) {
  std::istringstream stream(svg.attribute("viewBox").value());
  double x = 0, y = 0, width = 0, height = 0;
  stream >> x >> y >> width >> height;
  return {width, height};
}

/// Every polyline/polygon point and every numeric x/y/cx/cy/x1/x2/y1/y2/width/height attribute
/// under `svg` is finite and inside its viewBox.
inline void expectCoordinatesInsideViewBox(const pugi::xml_node& svg) {
  const auto [width, height] = viewBoxSize(svg);
  ASSERT_GT(width, 0.0);
  ASSERT_GT(height, 0.0);
  for (const auto& found : svg.select_nodes(".//*[@points]")) {
    for (const auto& [x, y] : svgPoints(found.node().attribute("points").value())) {
      EXPECT_TRUE(std::isfinite(x) && std::isfinite(y));
      EXPECT_GE(x, 0.0);
      EXPECT_LE(x, width);
      EXPECT_GE(y, 0.0);
      EXPECT_LE(y, height);
    }
  }
  for (const char* name : {"x", "cx", "x1", "x2"}) {
    for (const auto& found : svg.select_nodes((std::string(".//*[@") + name + "]").c_str())) {
      const double value = found.node().attribute(name).as_double(NAN);
      EXPECT_TRUE(std::isfinite(value)) << name << "=" << found.node().attribute(name).value();
      EXPECT_GE(value, 0.0);
      EXPECT_LE(value, width);
    }
  }
  for (const char* name : {"y", "cy", "y1", "y2"}) {
    for (const auto& found : svg.select_nodes((std::string(".//*[@") + name + "]").c_str())) {
      const double value = found.node().attribute(name).as_double(NAN);
      EXPECT_TRUE(std::isfinite(value)) << name << "=" << found.node().attribute(name).value();
      EXPECT_GE(value, 0.0);
      EXPECT_LE(value, height);
    }
  }
}

/// All text under a node, concatenated.
inline std::string textOf(const pugi::xml_node& node) {
  std::string text;
  for (const auto& found : node.select_nodes(".//text()"))
    text += found.node().value();
  return text;
}

}  // namespace kinchain::test
