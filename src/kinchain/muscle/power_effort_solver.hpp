#pragma once
// The optimisation at the heart of static optimisation: least effort under linear equalities and
// box bounds,
//
//   minimise  sum_i |x_i|^p   subject to  A x = b,  lower <= x <= upper,   p > 1,
//
// (OpenSim StaticOptimizationTarget: x = activations and actuator controls, A = generalized
// force per unit control, b = the generalized forces the actuators must supply). The problem is
// strictly convex, so its solution is unique; the solver works on the concave dual
//
//   g(lambda) = min_{lower <= x <= upper} [ sum_i |x_i|^p - lambda^T (A x - b) ],
//
// whose inner minimum separates into closed form per component (s = A^T lambda):
//   x_i(s_i) = clamp( sign(s_i) (|s_i| / p)^(1/(p-1)), lower_i, upper_i ),
// with grad g = b - A x(lambda) and -Hessian = A D A^T, D_ii = dx_i/ds_i (0 where x_i sits on a
// bound; 1/2 for p = 2). Newton steps on g with a line search on g's slope along the step
// (g is concave and C^1, so this converges for any start; Boyd & Vandenberghe 2004, Convex
// Optimization, sect. 9.5, and sect. 5.5.5 for recovering the primal from the dual). For p = 2, g
// is piecewise quadratic and a Newton step is exact once the set of bound components is right, so
// the solver ends on the exact optimum (to rounding) in a handful of iterations; warm starts
// (lambda of the previous frame) shorten this further.
//
// If A x = b has no solution inside the box, g is unbounded above: lambda grows until the
// iteration limit and the result says `converged == false` with the remaining residual.
// No allocation after the workspace has been sized for the problem's dimensions.

#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace kinchain::muscle {

struct PowerEffortOptions {
  double exponent = 2.0;  ///< p > 1
  /// Converged when max_j |(A x - b)_j| <= tolerance * (1 + max_j |b_j|)  (dimensionless).
  double tolerance = 1e-10;
  int maxIterations = 100;
};

struct PowerEffortResult {
  bool converged = false;
  int iterations = 0;
  double residual = 0.0;  ///< max_j |(A x - b)_j|, in the units of b
};

/// Per-thread scratch, resized on demand (no allocation while the dimensions stay the same).
struct PowerEffortWorkspace {
  Eigen::VectorXd s, slope, gradient, step, trialLambda, trialX;
  Eigen::MatrixXd hessian, scaledA;
  Eigen::LDLT<Eigen::MatrixXd> factor;
};

/// Solves the problem above. `lambda` (rows of A) is the warm start on entry and the final dual
/// on exit; `x` (columns of A) receives the solution. lower_i may be -inf and upper_i +inf, but
/// lower_i <= upper_i. @throws std::invalid_argument for inconsistent sizes, p <= 1 or a box
/// with lower > upper.
PowerEffortResult solvePowerEffort(const Eigen::MatrixXd& A, const Eigen::VectorXd& b,
                                   const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                                   const PowerEffortOptions& options, Eigen::VectorXd& lambda,
                                   Eigen::VectorXd& x, PowerEffortWorkspace& workspace);

}  // namespace kinchain::muscle
