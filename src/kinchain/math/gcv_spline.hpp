#pragma once
// Natural splines of odd degree 2m-1 as fitted by Woltring's GCVSPL (Woltring 1986, "A Fortran
// package for generalized, cross-validatory spline smoothing and differentiation", Adv. Eng.
// Software 8(2):104-113), the fit behind OpenSim's GCVSpline / GCVSplineSet.
//
// The fitted spline s minimises  sum_i w_i (y_i - s(x_i))^2 + p · integral (s^(m)(x))^2 dx.
// The minimiser is a natural spline of degree 2m-1 with knots at the x_i, characterised by
//   - C^(2m-2) continuity at interior knots and s^(m..2m-2) = 0 at both ends (natural), and
//   - w_i (s(x_i) - y_i) + p (-1)^m J_i = 0, J_i the jump of s^(2m-1) at x_i
//     (s^(2m-1) = 0 outside the data range),
// which this code solves directly as a sparse system (our formulation; GCVSPL uses a B-spline-like
// basis). p = 0 gives the interpolating natural spline.
//
// OpenSim 4 builds every GCVSpline with SimTK::SplineFitter::fitFromErrorVariance(degree, x, y,
// variance) (GCVSPL mode 3, unit weights), and GCVSplineSet(5, table) and ExternalForce's
// GCVSpline(3, ...) use variance 0. With variance 0 the mode-3 criterion is the residual mean
// square itself, so GCVSPL's search drives p to its floor (p·el = 1e-15), where the fit
// interpolates to rounding error: interpolate() is that case, exactly.
//
// Accuracy: the direct system loses digits under heavy smoothing, roughly in proportion to
// p·h^-(2m-1) = (w0·h)^-(2m) (w0 Woltring's equivalent cutoff, below): measured on O(1) data,
// rounding stays below 1e-6 up to p·h^-(2m-1) ~ 3e6 and reaches ~1e-5 near 3e7. Interpolation
// (p = 0), the case OpenSim's tools use, is unaffected.
//
// Representation: one polynomial of degree 2m-1 per interval in t = (x - x_i)/h_i. Outside
// [x_0, x_{n-1}] a natural spline is the polynomial of degree m-1 continuing the end value and
// derivatives 1..m-1.

#include <Eigen/Dense>

#include <vector>

namespace kinchain::math {

/// Value and first two derivatives of a one-dimensional function at one point.
struct SplineDerivatives {
  double value = 0.0;
  double first = 0.0;
  double second = 0.0;
};

/// How the smoothing parameter p is chosen: GCVSPL's modes 1-4 (Woltring 1986).
struct GcvSmoothing {
  enum class Mode {
    SmoothingParameter,          ///< mode 1: p = value (>= 0)
    GeneralizedCrossValidation,  ///< mode 2: p minimising GCV = (RSS/n) / (tr(I-A)/n)^2
    ErrorVariance,               ///< mode 3: p minimising RSS/n - value·(2 tr(I-A)/n - 1)
    DegreesOfFreedom,            ///< mode 4: tr(I-A) = value (0 <= value <= n - m)
  };
  Mode mode = Mode::ErrorVariance;
  double value = 0.0;  ///< OpenSim's default: error variance 0, i.e. interpolation
};

/// Largest data set accepted by the automatic smoothing modes (see GcvSpline::fit).
inline constexpr Eigen::Index kMaxAutomaticPoints = 200;

class GcvSpline {
 public:
  /// The natural interpolating spline of degree 2·halfOrder-1 through (x_i, y_i).
  /// @param x          strictly increasing, finite abscissae (n >= 2·halfOrder, as GCVSPL needs)
  /// @param y          finite ordinates, same length as x
  /// @param halfOrder  m in 1..4: 1 linear, 2 cubic, 3 quintic, 4 heptic (GCVSPL's range in
  /// OpenSim)
  /// @throws std::invalid_argument on any violated precondition (message says which)
  static GcvSpline interpolate(const Eigen::VectorXd& x, const Eigen::VectorXd& y, int halfOrder);

  /// The smoothing spline with p chosen as `smoothing` says (unit weights, as OpenSim fits).
  /// Modes 2-4 search p as GCVSPL does (doubling/halving bracket, then golden section to a
  /// relative width of 1e-6) and need the hat-matrix trace, computed here by n solves per trial
  /// p (O(n^2)): about 0.5 s for 100 points, 3 s for 300, so automatic modes accept at most
  /// kMaxAutomaticPoints points. Given p (mode 1) and variance 0 are O(n) at any size.
  /// Preconditions as interpolate(); value finite and >= 0.
  static GcvSpline fit(const Eigen::VectorXd& x, const Eigen::VectorXd& y, int halfOrder,
                       GcvSmoothing smoothing);

  /// Value, first and second derivative at `t` (exact; natural polynomial extension outside).
  SplineDerivatives evaluate(double t) const;
  double value(double t) const { return evaluate(t).value; }
  /// d^order s / dx^order at t, order >= 0 (zero for order >= 2·halfOrder).
  double derivative(int order, double t) const;

  int halfOrder() const { return halfOrder_; }
  int degree() const { return 2 * halfOrder_ - 1; }
  const std::vector<double>& knots() const { return x_; }
  /// The smoothing parameter used (0 for interpolation).
  double smoothingParameter() const { return smoothingParameter_; }

 private:
  friend struct GcvSplineBuilder;
  GcvSpline() = default;
  double intervalDerivative(std::size_t interval, int order, double t) const;

  int halfOrder_ = 0;
  double smoothingParameter_ = 0.0;
  std::vector<double> x_;
  // (2m) coefficients per interval, interval-major; polynomial in t = (x - x_i) / h_i.
  std::vector<double> coefficients_;
};

/// GCVSpline as OpenSim 4 fits it: fitFromErrorVariance(2·halfOrder-1, x, y, errorVariance).
inline GcvSpline fitGcvSpline(const Eigen::VectorXd& x, const Eigen::VectorXd& y, int halfOrder,
                              double errorVariance = 0.0) {
  return GcvSpline::fit(x, y, halfOrder, {GcvSmoothing::Mode::ErrorVariance, errorVariance});
}

}  // namespace kinchain::math
