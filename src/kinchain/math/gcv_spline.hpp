#pragma once
// Natural splines of odd degree 2m-1 as fitted by Woltring's GCVSPL (Woltring 1986, "A Fortran
// package for generalized, cross-validatory spline smoothing and differentiation", Adv. Eng.
// Software 8(2):104-113), the fit behind OpenSim's GCVSpline / GCVSplineSet.
//
// OpenSim 4 builds every GCVSpline with SimTK::SplineFitter::fitFromErrorVariance(degree, x, y,
// errorVariance) (GCVSPL mode 3, unit weights), and GCVSplineSet(5, table) uses the default error
// variance 0. With variance 0 the mode-3 criterion is the residual mean square itself, so GCVSPL's
// search drives the smoothing parameter to its floor (p·el = 1e-15) where the fit interpolates
// the data to rounding error: the result is the natural interpolating spline of degree 2m-1.
// That is the case implemented exactly here.
//
// Representation: one polynomial of degree 2m-1 per interval in the local variable
// t = (x - x_i)/h_i. Outside [x_0, x_{n-1}] a natural spline is the polynomial of degree m-1
// continuing the end values and derivatives 1..m-1 (derivatives m..2m-2 vanish there).

#include <Eigen/Dense>

#include <vector>

namespace kinchain::math {

/// Value and first two derivatives of a one-dimensional function at one point.
struct SplineDerivatives {
  double value = 0.0;
  double first = 0.0;
  double second = 0.0;
};

class GcvSpline {
 public:
  /// The natural interpolating spline of degree 2·halfOrder-1 through (x_i, y_i).
  /// @param x          strictly increasing, finite abscissae (n >= 2·halfOrder, as GCVSPL needs)
  /// @param y          finite ordinates, same length as x
  /// @param halfOrder  m in 1..4: 1 linear, 2 cubic, 3 quintic, 4 heptic (GCVSPL's range in
  /// OpenSim)
  /// @throws std::invalid_argument on any violated precondition (message says which)
  static GcvSpline interpolate(const Eigen::VectorXd& x, const Eigen::VectorXd& y, int halfOrder);

  /// Value, first and second derivative at `t` (exact; natural polynomial extension outside).
  SplineDerivatives evaluate(double t) const;
  double value(double t) const { return evaluate(t).value; }
  /// d^order s / dx^order at t, order >= 0 (zero for order >= 2·halfOrder).
  double derivative(int order, double t) const;

  int halfOrder() const { return halfOrder_; }
  int degree() const { return 2 * halfOrder_ - 1; }
  const std::vector<double>& knots() const { return x_; }

 private:
  GcvSpline() = default;
  // Polynomial in t on interval `interval` (coefficients of t^k, k = 0..2m-1), evaluated for
  // derivative `order` with respect to x.
  double intervalDerivative(std::size_t interval, int order, double t) const;
  double endDerivative(bool atEnd, int order) const;

  int halfOrder_ = 0;
  std::vector<double> x_;
  // (2m) coefficients per interval, interval-major; polynomial in t = (x - x_i) / h_i.
  std::vector<double> coefficients_;
};

}  // namespace kinchain::math
