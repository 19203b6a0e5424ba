#pragma once
// What wrapping one straight path segment over one wrap object produces, in OpenSim's terms
// (OpenSim WrapObject::WrapAction and WrapResult; Delp et al. 2007, Seth et al. 2018).

#include <Eigen/Core>

#include <limits>

namespace kinchain::muscle {

/// OpenSim's WrapAction, in the same order (the numeric values matter nowhere else).
enum class WrapStatus {
  NoWrap = 0,         ///< the segment does not touch the object (or the quadrant forbids it)
  InsideRadius = 1,   ///< an end point lies inside the object: no wrap
  Wrapped = 2,        ///< a wrap exists; the path chooses it only if it lengthens the path least
  MandatoryWrap = 3,  ///< the straight segment pierces the object: this segment must wrap
};

/// How an ellipsoid chooses its wrapping plane (OpenSim PathWrap `method`).
enum class WrapMethod { Hybrid, Midpoint, Axial };

/// Options that come from the PathWrap using the object, not from the object.
struct WrapSettings {
  WrapMethod method = WrapMethod::Hybrid;
  /// True when the path has exactly one PathWrap. OpenSim then skips the cylinder's iterative
  /// tangent-point adjustment (WrapResult::singleWrap, WrapCylinder::_make_spiral_path).
  bool single_wrap = true;
};

/// Result of wrapping the segment P→S over one object; points in the wrap object's frame W (m).
struct WrapResult {
  WrapStatus status = WrapStatus::NoWrap;
  Eigen::Vector3d r1 = Eigen::Vector3d::Constant(std::numeric_limits<double>::quiet_NaN());
  Eigen::Vector3d r2 = Eigen::Vector3d::Constant(std::numeric_limits<double>::quiet_NaN());
  /// Length of the path over the surface from r1 to r2 (m). OpenSim's value, including its
  /// quirks (a far-side sphere wrap gives a negative number; see wrap_sphere.hpp).
  double surface_length = 0.0;
  /// OpenSim inserts the wrap only if it produced surface points; false for a torus whose inner
  /// cylinder did not wrap although the torus reports Wrapped (WrapTorus::wrapLine).
  bool has_surface_path = false;

  bool wraps() const {
    return status == WrapStatus::Wrapped || status == WrapStatus::MandatoryWrap;
  }
};

}  // namespace kinchain::muscle
