#include "kinchain/model/osim_wrap_reader.hpp"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace kinchain::model {
namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Whitespace-separated finite numbers of an element's text; exactly `count` of them.
template <std::size_t count>
std::array<double, count> readNumbers(const XmlDocument& document, const pugi::xml_node& node) {
  const std::string text = node.text().get();
  std::array<double, count> values{};
  const char* cursor = text.c_str();
  for (std::size_t i = 0; i < count; ++i) {
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(cursor, &end);
    if (end == cursor) {
      document.fail(node, "expected " + std::to_string(count) + " number(s), found \"" +
                              trimmed(text) + "\"");
    }
    if (errno == ERANGE || !std::isfinite(value)) {
      document.fail(node, "value \"" + trimmed(text) + "\" is not a finite number");
    }
    values[i] = value;
    cursor = end;
  }
  if (!trimmed(cursor).empty()) {
    document.fail(
        node, "expected " + std::to_string(count) + " number(s), found \"" + trimmed(text) + "\"");
  }
  return values;
}

double readPositive(const XmlDocument& document, const pugi::xml_node& node) {
  const double value = readNumbers<1>(document, node)[0];
  if (!(value > 0.0)) document.fail(node, "must be a positive length in metres");
  return value;
}

Eigen::Vector3d readVec3(const XmlDocument& document, const pugi::xml_node& node) {
  const auto values = readNumbers<3>(document, node);
  return {values[0], values[1], values[2]};
}

bool readBool(const XmlDocument& document, const pugi::xml_node& node) {
  const std::string text = trimmed(node.text().get());
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  document.fail(node, "expected true or false, found \"" + text + "\"");
}

bool isDisplayOnly(std::string_view tag) {
  return tag == "Appearance" || tag == "VisibleObject" || tag == "display_preference" ||
         tag == "color";
}

// Shape-specific properties; returns false if `child` is not one of this shape's.
bool readShapeProperty(const XmlDocument& document, const pugi::xml_node& child, WrapShape& shape) {
  const std::string_view tag = child.name();
  if (auto* cylinder = std::get_if<WrapCylinder>(&shape)) {
    if (tag == "radius") return cylinder->radius = readPositive(document, child), true;
    if (tag == "length") return cylinder->length = readPositive(document, child), true;
  } else if (auto* sphere = std::get_if<WrapSphere>(&shape)) {
    if (tag == "radius") return sphere->radius = readPositive(document, child), true;
  } else if (auto* ellipsoid = std::get_if<WrapEllipsoid>(&shape)) {
    if (tag == "dimensions") {
      ellipsoid->dimensions = readVec3(document, child);
      if (!(ellipsoid->dimensions.minCoeff() > 0.0)) {
        document.fail(child, "ellipsoid semi-axes must be positive lengths in metres");
      }
      return true;
    }
  } else if (auto* torus = std::get_if<WrapTorus>(&shape)) {
    if (tag == "inner_radius") return torus->inner_radius = readPositive(document, child), true;
    if (tag == "outer_radius") return torus->outer_radius = readPositive(document, child), true;
  }
  return false;
}

WrapObject readWrapObject(const XmlDocument& document, const pugi::xml_node& node,
                          const std::string& frameName) {
  WrapObject object;
  object.frame_name = frameName;
  object.name = trimmed(node.attribute("name").value());
  if (object.name.empty()) document.fail(node, "wrap object has no name");

  const std::string_view type = node.name();
  if (type == "WrapCylinder") {
    object.shape = WrapCylinder{};
  } else if (type == "WrapSphere") {
    object.shape = WrapSphere{};
  } else if (type == "WrapEllipsoid") {
    object.shape = WrapEllipsoid{};
  } else if (type == "WrapTorus") {
    object.shape = WrapTorus{};
  } else {
    document.fail(node, "unsupported wrap object type " + std::string(type) +
                            " (supported: WrapCylinder, WrapSphere, WrapEllipsoid, WrapTorus)");
  }

  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view tag = child.name();
    if (tag == "active") {
      object.active = readBool(document, child);
    } else if (tag == "xyz_body_rotation") {
      object.xyz_body_rotation = readVec3(document, child);
    } else if (tag == "translation") {
      object.translation = readVec3(document, child);
    } else if (tag == "quadrant") {
      const std::string text = trimmed(child.text().get());
      if (!parseWrapQuadrant(text, object.quadrant)) {
        document.fail(child,
                      "unknown quadrant \"" + text + "\" (expected x, +x, -x, y, ..., -z or all)");
      }
    } else if (isDisplayOnly(tag)) {
      continue;
    } else if (!readShapeProperty(document, child, object.shape)) {
      document.fail(child, "unknown property <" + std::string(tag) + "> of " + std::string(type));
    }
  }
  if (const auto* torus = std::get_if<WrapTorus>(&object.shape)) {
    if (!(torus->inner_radius < torus->outer_radius)) {
      document.fail(node, "torus inner_radius must be smaller than outer_radius");
    }
  }
  return object;
}

}  // namespace

std::vector<WrapObject> readOsimWrapObjectSet(const XmlDocument& document,
                                              const pugi::xml_node& wrapObjectSetNode,
                                              const std::string& frameName) {
  std::vector<WrapObject> objects;
  if (!wrapObjectSetNode) return objects;
  const pugi::xml_node list = wrapObjectSetNode.child("objects");
  for (const pugi::xml_node& node : list.children()) {
    if (node.type() != pugi::node_element) continue;
    objects.push_back(readWrapObject(document, node, frameName));
  }
  return objects;
}

}  // namespace kinchain::model
