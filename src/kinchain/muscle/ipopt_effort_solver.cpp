#include "kinchain/muscle/ipopt_effort_solver.hpp"

#include <IpStdCInterface.h>

#include <cmath>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace kinchain::muscle {

namespace {

// Sequential MUMPS inside IPOPT is not re-entrant: one solve at a time per process.
std::mutex& ipoptMutex() {
  static std::mutex mutex;
  return mutex;
}

struct Problem {
  const Eigen::MatrixXd* K;
  const Eigen::VectorXd* k;
  double p;
};

Bool objective(Index n, Number* x, Bool, Number* value, UserDataPtr user) {
  const double p = static_cast<Problem*>(user)->p;
  double sum = 0.0;
  for (Index i = 0; i < n; ++i)
    sum += std::pow(std::abs(x[i]), p);
  *value = sum;
  return TRUE;
}

Bool gradient(Index n, Number* x, Bool, Number* grad, UserDataPtr user) {
  const double p = static_cast<Problem*>(user)->p;
  for (Index i = 0; i < n; ++i)
    grad[i] = p * std::copysign(std::pow(std::abs(x[i]), p - 1.0), x[i]);
  return TRUE;
}

// g(x) = k - K x (OpenSim: target acceleration minus the acceleration the forces produce).
Bool constraints(Index n, Number* x, Bool, Index m, Number* g, UserDataPtr user) {
  const auto* problem = static_cast<Problem*>(user);
  const Eigen::Map<const Eigen::VectorXd> xs(x, n);
  Eigen::Map<Eigen::VectorXd>(g, m) = *problem->k - *problem->K * xs;
  return TRUE;
}

Bool jacobian(Index n, Number*, Bool, Index m, Index, Index* row, Index* col, Number* values,
              UserDataPtr user) {
  const auto* problem = static_cast<Problem*>(user);
  Index entry = 0;
  for (Index r = 0; r < m; ++r) {
    for (Index c = 0; c < n; ++c, ++entry) {
      if (values == nullptr) {
        row[entry] = r;
        col[entry] = c;
      } else {
        values[entry] = -(*problem->K)(r, c);
      }
    }
  }
  return TRUE;
}

Bool noHessian(Index, Number*, Bool, Number, Index, Number*, Bool, Index, Index*, Index*, Number*,
               UserDataPtr) {
  return FALSE;  // limited-memory approximation instead
}

void numberOption(IpoptProblem problem, const char* name, double value) {
  AddIpoptNumOption(problem, const_cast<char*>(name), value);
}

}  // namespace

PowerEffortResult solveEffortWithIpopt(const Eigen::MatrixXd& K, const Eigen::VectorXd& k,
                                       const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                                       const IpoptEffortOptions& options, Eigen::VectorXd& x) {
  const auto n = static_cast<Index>(K.cols());
  const auto m = static_cast<Index>(K.rows());
  if (k.size() != K.rows() || lower.size() != K.cols() || upper.size() != K.cols()) {
    throw std::invalid_argument("solveEffortWithIpopt: sizes of K, k and the bounds disagree");
  }
  // IPOPT reads bounds beyond +-1e19 as infinite (nlp_lower/upper_bound_inf).
  std::vector<Number> xL(lower.data(), lower.data() + n), xU(upper.data(), upper.data() + n);
  for (auto& v : xL)
    if (!std::isfinite(v)) v = -2e19;
  for (auto& v : xU)
    if (!std::isfinite(v)) v = 2e19;
  std::vector<Number> gL(static_cast<std::size_t>(m), 0.0), gU(static_cast<std::size_t>(m), 0.0);

  x = Eigen::VectorXd::Zero(n);
  Problem problem{&K, &k, options.exponent};
  ApplicationReturnStatus status;
  {
    const std::lock_guard<std::mutex> lock(ipoptMutex());
    IpoptProblem nlp =
        CreateIpoptProblem(n, xL.data(), xU.data(), m, gL.data(), gU.data(), n * m, 0, 0, objective,
                           constraints, gradient, jacobian, noHessian);
    const double tol = options.convergenceTolerance;
    numberOption(nlp, "tol", tol);
    numberOption(nlp, "dual_inf_tol", tol);
    numberOption(nlp, "constr_viol_tol", options.constraintTolerance);
    numberOption(nlp, "compl_inf_tol", tol);
    numberOption(nlp, "acceptable_tol", tol);
    numberOption(nlp, "acceptable_dual_inf_tol", tol);
    numberOption(nlp, "acceptable_constr_viol_tol", options.constraintTolerance);
    numberOption(nlp, "acceptable_compl_inf_tol", tol);
    AddIpoptIntOption(nlp, const_cast<char*>("max_iter"), options.maxIterations);
    AddIpoptStrOption(nlp, const_cast<char*>("mu_strategy"), const_cast<char*>("adaptive"));
    AddIpoptStrOption(nlp, const_cast<char*>("hessian_approximation"),
                      const_cast<char*>("limited-memory"));
    AddIpoptIntOption(nlp, const_cast<char*>("limited_memory_max_history"), 500);
    AddIpoptIntOption(nlp, const_cast<char*>("print_level"), 0);
    numberOption(nlp, "obj_scaling_factor", 1.0);
    numberOption(nlp, "nlp_scaling_max_gradient", 1.0);
    std::vector<Number> multG(static_cast<std::size_t>(m), 0.0),
        multL(static_cast<std::size_t>(n), 0.0), multU(static_cast<std::size_t>(n), 0.0);
    Number objectiveValue = 0.0;
    status = IpoptSolve(nlp, x.data(), nullptr, &objectiveValue, multG.data(), multL.data(),
                        multU.data(), &problem);
    FreeIpoptProblem(nlp);
  }
  PowerEffortResult result;
  result.converged = status == Solve_Succeeded || status == Solved_To_Acceptable_Level;
  result.residual = m > 0 ? (K * x - k).cwiseAbs().maxCoeff() : 0.0;
  result.iterations = -1;  // IPOPT's count is not returned by the C interface
  return result;
}

}  // namespace kinchain::muscle
