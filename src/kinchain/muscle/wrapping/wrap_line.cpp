#include "kinchain/muscle/wrapping/wrap_line.hpp"

#include <variant>

#include "kinchain/muscle/wrapping/wrap_cylinder.hpp"
#include "kinchain/muscle/wrapping/wrap_ellipsoid.hpp"
#include "kinchain/muscle/wrapping/wrap_sphere.hpp"
#include "kinchain/muscle/wrapping/wrap_torus.hpp"

namespace kinchain::muscle {

WrapResult wrapLine(const model::WrapObject& object, const Eigen::Vector3d& p1,
                    const Eigen::Vector3d& p2, const WrapSettings& settings) {
  struct Dispatch {
    const model::WrapQuadrant& quadrant;
    const Eigen::Vector3d& p1;
    const Eigen::Vector3d& p2;
    const WrapSettings& settings;
    WrapResult operator()(const model::WrapCylinder& shape) const {
      return wrapLineOverCylinder(shape, quadrant, p1, p2, settings);
    }
    WrapResult operator()(const model::WrapSphere& shape) const {
      return wrapLineOverSphere(shape, quadrant, p1, p2);
    }
    WrapResult operator()(const model::WrapEllipsoid& shape) const {
      return wrapLineOverEllipsoid(shape, quadrant, p1, p2, settings);
    }
    WrapResult operator()(const model::WrapTorus& shape) const {
      return wrapLineOverTorus(shape, quadrant, p1, p2, settings);
    }
  };
  return std::visit(Dispatch{object.quadrant, p1, p2, settings}, object.shape);
}

}  // namespace kinchain::muscle
