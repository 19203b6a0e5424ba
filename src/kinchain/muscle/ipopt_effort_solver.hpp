#pragma once
// The least-effort problem of power_effort_solver.hpp solved the way OpenSim's
// StaticOptimization solves it, to reproduce OpenSim's numbers rather than the exact optimum:
// IPOPT (Waechter & Biegler 2006) through SimTK::InteriorPointOptimizer with OpenSim's settings
// (opensim-core StaticOptimization::record; simbody InteriorPointOptimizer.cpp):
//   tol = dual_inf_tol = compl_inf_tol = acceptable_tol = ... = convergence criterion,
//   constr_viol_tol = acceptable_constr_viol_tol = 1e-4 (SimTK Optimizer default),
//   max_iter = the setup's optimizer_max_iterations, mu_strategy adaptive,
//   limited-memory Hessian with 500 pairs, obj_scaling_factor 1, nlp_scaling_max_gradient 1,
//   a new optimizer per frame (so no warm start) starting from x = 0.
// OpenSim states the equality in accelerations, K x = k with K = M^-1 A and k = M^-1 b
// (StaticOptimizationTarget::constraintFunc), which changes IPOPT's scaling and stopping point;
// callers pass K and k in that form. With a 1e-4 tolerance, IPOPT stops with activations that
// sit on a lower bound up to ~0.01 inside it, which OpenSim's standard files contain.
//
// Debian's IPOPT uses sequential MUMPS, which is not re-entrant, so calls are serialised with
// one process-wide mutex.

#include <Eigen/Core>

#include "kinchain/muscle/power_effort_solver.hpp"

namespace kinchain::muscle {

struct IpoptEffortOptions {
  double exponent = 2.0;
  double convergenceTolerance = 1e-4;  ///< OpenSim optimizer_convergence_criterion default
  double constraintTolerance = 1e-4;   ///< SimTK::Optimizer default constraint tolerance
  int maxIterations = 100;             ///< OpenSim optimizer_max_iterations default
};

/// Minimises sum |x_i|^p subject to K x = k and the bounds, from x = 0. `x` receives IPOPT's
/// final iterate (also when it fails, as OpenSim records it). result.residual is
/// max |(K x - k)_j|; converged means IPOPT reported success or an acceptable level.
PowerEffortResult solveEffortWithIpopt(const Eigen::MatrixXd& K, const Eigen::VectorXd& k,
                                       const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                                       const IpoptEffortOptions& options, Eigen::VectorXd& x);

}  // namespace kinchain::muscle
