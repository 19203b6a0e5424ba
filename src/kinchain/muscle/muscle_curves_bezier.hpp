#pragma once
// Smooth curves made of quintic Bézier segments, as OpenSim builds Millard (2012) muscle curves
// (opensim-core OpenSim/Common/SmoothSegmentedFunction.cpp, SegmentedQuinticBezierToolkit.cpp;
// Millard, Uchida, Seth, Delp 2013, J Biomech Eng 135:021005).
//
// Each segment k is a planar quintic Bézier curve (x_k(u), y_k(u)), u in [0, 1]:
//   x(u) = sum_{i=0..5} C(5,i) (1-u)^(5-i) u^i px_i,   y(u) likewise with py_i.
// The curve y(x) is evaluated by solving x_k(u) = x for u (x_k is monotonic on a segment) and
// returning y_k(u); dy/dx = y'(u)/x'(u), d2y/dx2 = (y''x' - y'x'')/x'^3. Outside [xStart, xEnd]
// the curve continues as a straight line with the end value and end slope (SmoothSegmentedFunction
// linear extrapolation). An immutable value: safe to share between threads, evaluation allocates
// nothing.

#include <array>
#include <vector>

namespace kinchain::muscle {

/// Value and first two derivatives of a curve at one x.
struct CurveValue {
  double value = 0.0;
  double first = 0.0;
  double second = 0.0;
};

/// Control points of one quintic Bézier segment.
struct BezierSegment {
  std::array<double, 6> x{};
  std::array<double, 6> y{};
};

/// The six control points of a C-shaped "corner" joining (x0, y0) with slope dydx0 to (x1, y1)
/// with slope dydx1; `curviness` in [0, 1] pulls the inner points towards the tangent lines'
/// intersection (SegmentedQuinticBezierToolkit::calcQuinticBezierCornerControlPoints).
/// @throws std::invalid_argument if curviness is outside [0, 1] or the tangent lines do not form
///         a C-shaped corner (the intersection must be nearer to each end than the ends are to
///         each other).
BezierSegment bezierCornerControlPoints(double x0, double y0, double dydx0, double x1, double y1,
                                        double dydx1, double curviness);

class SmoothSegmentedCurve {
 public:
  /// @param segments  in increasing x, each monotonic in x, consecutive ones sharing end points
  /// @param xStart, xEnd  domain of the Bézier part (first and last control x)
  /// @param yStart, yEnd, slopeStart, slopeEnd  values and slopes used to extrapolate linearly
  SmoothSegmentedCurve(std::vector<BezierSegment> segments, double xStart, double xEnd,
                       double yStart, double yEnd, double slopeStart, double slopeEnd);

  /// Value, dy/dx and d2y/dx2. NaN x gives NaN.
  CurveValue evaluate(double x) const;
  double value(double x) const { return evaluate(x).value; }

  double xStart() const { return xStart_; }
  double xEnd() const { return xEnd_; }
  const std::vector<BezierSegment>& segments() const { return segments_; }

 private:
  std::vector<BezierSegment> segments_;
  double xStart_, xEnd_, yStart_, yEnd_, slopeStart_, slopeEnd_;
};

}  // namespace kinchain::muscle
