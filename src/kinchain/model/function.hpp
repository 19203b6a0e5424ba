#pragma once
// One-argument functions of OpenSim models (joint transform axes, coupler constraints, moving
// path points, muscle curves) with exact first and second derivatives.
//
// Each type reproduces OpenSim 4's evaluation, including its behaviour outside the x range
// (opensim-core OpenSim/Common/<Type>.cpp; Delp et al. 2007, Seth et al. 2018):
//   Constant                   f = c everywhere.
//   LinearFunction             f = slope·x + intercept (OpenSim coefficients = [slope, intercept]).
//   SimmSpline                 cubic spline through the points; end conditions make the third
//                              derivative at each end match the divided difference of the four
//                              nearest points (so a cubic through >= 4 points is reproduced).
//                              Outside the range: linear with the end slope, f'' = 0.
//                              OpenSim 4 reads <NaturalCubicSpline> and <natCubicSpline> as
//                              SimmSpline (RegisterTypes_osimCommon.cpp renameType), so do we.
//   GCVSpline                  natural spline of degree 2·half_order-1 (kinchain::math::GcvSpline);
//                              outside the range the natural polynomial of degree half_order-1.
//   PiecewiseLinearFunction    straight segments; outside: the end segment continued.
//   PiecewiseConstantFunction  y[k] on [x_k, x_{k+1}); y_0 before, y_{n-1} after; derivatives 0.
//   MultiplierFunction         scale · inner(x).
//   PolynomialFunction         sum c_i x^(N-i), coefficients highest power first (SimTK
//   Polynomial).
//
// A Function is an immutable value: cheap to copy (shared immutable data), safe to share
// between threads, evaluated without allocation.

#include <memory>
#include <string_view>
#include <variant>
#include <vector>

#include "kinchain/math/gcv_spline.hpp"

namespace kinchain::model {

/// f, df/dx and d2f/dx2 at one x.
struct FunctionValue {
  double value = 0.0;
  double first = 0.0;
  double second = 0.0;
};

class Function;

namespace function_types {
struct Constant {
  double value = 0.0;
};
struct Linear {
  double slope = 1.0;
  double intercept = 0.0;
};
struct SimmSpline {  // per knot: f = y_k + b_k dx + c_k dx^2 + d_k dx^3, dx = x - x_k
  std::vector<double> x, y, b, c, d;
};
struct PiecewiseLinear {  // slope[k] on [x_k, x_{k+1}]; slope[n-1] = slope[n-2]
  std::vector<double> x, y, slope;
};
struct PiecewiseConstant {
  std::vector<double> x, y;
};
struct Polynomial {  // highest power first
  std::vector<double> coefficients;
};
struct GcvSpline {
  math::GcvSpline spline;
};
struct Multiplier {
  double scale = 1.0;
  std::shared_ptr<const Function> inner;
};
}  // namespace function_types

class Function {
 public:
  /// Exact value and first two derivatives at x. A NaN x gives NaN.
  FunctionValue evaluate(double x) const;
  double value(double x) const { return evaluate(x).value; }
  /// OpenSim class name: "Constant", "LinearFunction", "SimmSpline", "GCVSpline",
  /// "PiecewiseLinearFunction", "PiecewiseConstantFunction", "MultiplierFunction",
  /// "PolynomialFunction".
  std::string_view typeName() const;

  // Constructors. Each throws std::invalid_argument naming the violated precondition:
  // non-finite numbers, x and y of different lengths, x not strictly increasing, too few points.
  static Function constant(double value);
  static Function linear(double slope, double intercept);
  /// OpenSim SimmSpline (also NaturalCubicSpline in model files); needs >= 2 points.
  static Function simmSpline(std::vector<double> x, std::vector<double> y);
  /// OpenSim GCVSpline fitted with error variance 0 (see math/gcv_spline.hpp); half order 1..4,
  /// >= 2·halfOrder points.
  static Function gcvSpline(int halfOrder, std::vector<double> x, std::vector<double> y);
  /// Needs >= 2 points.
  static Function piecewiseLinear(std::vector<double> x, std::vector<double> y);
  /// Needs >= 1 point.
  static Function piecewiseConstant(std::vector<double> x, std::vector<double> y);
  /// Coefficients highest power first; needs >= 1 coefficient.
  static Function polynomial(std::vector<double> coefficients);
  static Function multiplier(double scale, Function inner);

  using Variant = std::variant<function_types::Constant, function_types::Linear,
                               function_types::SimmSpline, function_types::GcvSpline,
                               function_types::PiecewiseLinear, function_types::PiecewiseConstant,
                               function_types::Polynomial, function_types::Multiplier>;
  /// The concrete type and its parameters, for code that needs to inspect them.
  const Variant& variant() const { return *data_; }

 private:
  explicit Function(Variant data) : data_(std::make_shared<const Variant>(std::move(data))) {}
  std::shared_ptr<const Variant> data_;
};

}  // namespace kinchain::model
