#include "kinchain/model/wrap_object.hpp"

#include <array>
#include <utility>

namespace kinchain::model {

bool parseWrapQuadrant(const std::string& text, WrapQuadrant& quadrant) {
  // The spellings OpenSim accepts (WrapObject::extendFinalizeFromProperties).
  struct Spelling {
    const char* text;
    int axis;
    int sign;
  };
  static constexpr std::array<Spelling, 22> spellings{{
      {"x", 0, 1},   {"+x", 0, 1},         {"X", 0, 1},   {"+X", 0, 1},  {"-x", 0, -1},
      {"-X", 0, -1}, {"y", 1, 1},          {"+y", 1, 1},  {"Y", 1, 1},   {"+Y", 1, 1},
      {"-y", 1, -1}, {"-Y", 1, -1},        {"z", 2, 1},   {"+z", 2, 1},  {"Z", 2, 1},
      {"+Z", 2, 1},  {"-z", 2, -1},        {"-Z", 2, -1}, {"all", 0, 0}, {"ALL", 0, 0},
      {"All", 0, 0}, {"Unassigned", 0, 0},
  }};
  for (const Spelling& spelling : spellings) {
    if (text == spelling.text) {
      quadrant.axis = spelling.axis;
      quadrant.sign = spelling.sign;
      return true;
    }
  }
  return false;
}

std::string wrapQuadrantName(const WrapQuadrant& quadrant) {
  if (quadrant.sign == 0) return "all";
  std::string name = quadrant.sign > 0 ? "+" : "-";
  name += static_cast<char>('x' + quadrant.axis);
  return name;
}

Eigen::Matrix3d WrapObject::rotationInFrame() const {
  // Body-fixed X-Y-Z sequence: R = Rx(a) Ry(b) Rz(c) (Simbody setRotationToBodyFixedXYZ).
  return (Eigen::AngleAxisd(xyz_body_rotation.x(), Eigen::Vector3d::UnitX()) *
          Eigen::AngleAxisd(xyz_body_rotation.y(), Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(xyz_body_rotation.z(), Eigen::Vector3d::UnitZ()))
      .toRotationMatrix();
}

const char* WrapObject::shapeName() const {
  struct Namer {
    const char* operator()(const WrapCylinder&) const { return "cylinder"; }
    const char* operator()(const WrapSphere&) const { return "sphere"; }
    const char* operator()(const WrapEllipsoid&) const { return "ellipsoid"; }
    const char* operator()(const WrapTorus&) const { return "torus"; }
  };
  return std::visit(Namer{}, shape);
}

}  // namespace kinchain::model
