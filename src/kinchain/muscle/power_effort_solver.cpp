#include "kinchain/muscle/power_effort_solver.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kinchain::muscle {

namespace {

// Smallest |s| used in the slope for p > 2, where dx/ds is unbounded at s = 0; keeps the
// Hessian finite without changing x(s).
constexpr double kSmallestSlopeArgument = 1e-12;
// Line search: accept a step where the dual's slope has fallen below this fraction of its start
// (0.1 is a common choice for Newton-type methods, Nocedal & Wright 2006, sect. 3.1), trying at
// most this many points.
constexpr double kCurvature = 0.1;
constexpr int kLineSearchSteps = 60;

struct Primal {
  double x;
  double slope;  // dx/ds, 0 on a bound
};

Primal primalOf(double s, double lower, double upper, double p) {
  double free;
  double slope;
  if (p == 2.0) {
    free = 0.5 * s;
    slope = 0.5;
  } else {
    const double magnitude = std::abs(s) / p;
    free = std::copysign(std::pow(magnitude, 1.0 / (p - 1.0)), s);
    const double m = std::max(magnitude, kSmallestSlopeArgument);
    slope = std::pow(m, (2.0 - p) / (p - 1.0)) / (p * (p - 1.0));
  }
  if (free <= lower) return {lower, 0.0};
  if (free >= upper) return {upper, 0.0};
  return {free, slope};
}

void evaluatePrimal(const Eigen::MatrixXd& A, const Eigen::VectorXd& lambda,
                    const Eigen::VectorXd& lower, const Eigen::VectorXd& upper, double p,
                    Eigen::VectorXd& s, Eigen::VectorXd& x, Eigen::VectorXd* slope) {
  s.noalias() = A.transpose() * lambda;
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    const Primal primal = primalOf(s[i], lower[i], upper[i], p);
    x[i] = primal.x;
    if (slope != nullptr) (*slope)[i] = primal.slope;
  }
}

}  // namespace

PowerEffortResult solvePowerEffort(const Eigen::MatrixXd& A, const Eigen::VectorXd& b,
                                   const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                                   const PowerEffortOptions& options, Eigen::VectorXd& lambda,
                                   Eigen::VectorXd& x, PowerEffortWorkspace& work) {
  const Eigen::Index rows = A.rows();
  const Eigen::Index cols = A.cols();
  if (b.size() != rows || lower.size() != cols || upper.size() != cols) {
    throw std::invalid_argument("solvePowerEffort: sizes of A, b and the bounds disagree");
  }
  if (!(options.exponent > 1.0)) {
    throw std::invalid_argument("solvePowerEffort: the exponent must be greater than 1");
  }
  for (Eigen::Index i = 0; i < cols; ++i) {
    if (!(lower[i] <= upper[i])) {
      throw std::invalid_argument("solvePowerEffort: lower bound above upper bound");
    }
  }
  if (lambda.size() != rows || !lambda.allFinite()) lambda = Eigen::VectorXd::Zero(rows);
  x.resize(cols);
  work.s.resize(cols);
  work.slope.resize(cols);
  work.trialX.resize(cols);
  const double p = options.exponent;
  const double scale = 1.0 + (rows > 0 ? b.cwiseAbs().maxCoeff() : 0.0);

  PowerEffortResult result;
  for (int iteration = 0;; ++iteration) {
    evaluatePrimal(A, lambda, lower, upper, p, work.s, x, &work.slope);
    work.gradient.noalias() = b - A * x;  // grad g
    result.residual = rows > 0 ? work.gradient.cwiseAbs().maxCoeff() : 0.0;
    result.iterations = iteration;
    if (result.residual <= options.tolerance * scale) {
      result.converged = true;
      return result;
    }
    if (iteration >= options.maxIterations || !std::isfinite(result.residual)) return result;

    // Newton direction: (A D A^T + mu I) step = grad g; mu only guards rows that no free
    // component reaches (then the line search keeps the step sensible).
    work.scaledA = A * work.slope.asDiagonal();
    work.hessian.noalias() = work.scaledA * A.transpose();
    const double mu = 1e-15 * std::max(1.0, work.hessian.diagonal().maxCoeff());
    work.hessian.diagonal().array() += mu;
    work.factor.compute(work.hessian);
    work.step = work.factor.solve(work.gradient);

    // Line search on the slope of the concave dual along the step,
    //   phi'(t) = step . (b - A x(lambda + t step)),
    // which is non-increasing in t: keep t = 1 while the dual still rises there, else find
    // where phi' falls to within kCurvature of its start (strong Wolfe curvature condition,
    // Nocedal & Wright 2006, sect. 3.1) by Illinois regula falsi on [0, 1]. Working on slopes
    // rather than dual values avoids the cancellation in g = lambda^T b + ... near the optimum.
    const double slope0 = work.gradient.dot(work.step);
    const auto slopeAt = [&](double t) {
      work.trialLambda = lambda + t * work.step;
      evaluatePrimal(A, work.trialLambda, lower, upper, p, work.s, work.trialX, nullptr);
      return work.step.dot(b - A * work.trialX);
    };
    double t = 1.0;
    double slope = slopeAt(t);
    if (slope < -kCurvature * slope0) {
      double lowT = 0.0, lowSlope = slope0, highT = 1.0, highSlope = slope;
      int side = 0;
      for (int search = 0; search < kLineSearchSteps; ++search) {
        t = (lowT * highSlope - highT * lowSlope) / (highSlope - lowSlope);
        slope = slopeAt(t);
        if (std::abs(slope) <= kCurvature * slope0) break;
        if (slope > 0.0) {
          lowT = t;
          lowSlope = slope;
          if (side == 1) highSlope *= 0.5;  // Illinois: halve the stale end
          side = 1;
        } else {
          highT = t;
          highSlope = slope;
          if (side == -1) lowSlope *= 0.5;
          side = -1;
        }
      }
    }
    lambda = work.trialLambda;
  }
}

}  // namespace kinchain::muscle
