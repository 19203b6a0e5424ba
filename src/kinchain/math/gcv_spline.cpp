#include "kinchain/math/gcv_spline.hpp"

#include <Eigen/Sparse>
#include <Eigen/SparseLU>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace kinchain::math {
namespace {

// k! / (k - r)!, the factor of t^(k-r) in the r-th derivative of t^k (0 when r > k).
double fallingFactorial(int k, int r) {
  if (r > k) return 0.0;
  double product = 1.0;
  for (int i = k - r + 1; i <= k; ++i)
    product *= i;
  return product;
}

// Inverse of the Hermite matrix on t in [0, 1] for degree 2m-1: maps the scaled end data
// v = (h^j s^(j)(x_i), j < m; h^j s^(j)(x_{i+1}), j < m) to the coefficients of t^k.
Eigen::MatrixXd hermiteInverse(int m) {
  const int order = 2 * m;
  Eigen::MatrixXd hermite = Eigen::MatrixXd::Zero(order, order);
  for (int j = 0; j < m; ++j) {
    hermite(j, j) = fallingFactorial(j, j);  // at t = 0
    for (int k = j; k < order; ++k)
      hermite(m + j, k) = fallingFactorial(k, j);  // at t = 1
  }
  return hermite.inverse();
}

void checkInput(const Eigen::VectorXd& x, const Eigen::VectorXd& y, int halfOrder) {
  if (halfOrder < 1 || halfOrder > 4) {
    throw std::invalid_argument("GCV spline half order must be 1..4 (degree 1, 3, 5 or 7), got " +
                                std::to_string(halfOrder));
  }
  if (x.size() != y.size()) {
    throw std::invalid_argument("GCV spline x has " + std::to_string(x.size()) +
                                " values but y has " + std::to_string(y.size()));
  }
  if (x.size() < 2 * halfOrder) {
    throw std::invalid_argument("GCV spline of degree " + std::to_string(2 * halfOrder - 1) +
                                " needs at least " + std::to_string(2 * halfOrder) +
                                " points (Woltring 1986), got " + std::to_string(x.size()));
  }
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      throw std::invalid_argument("GCV spline point " + std::to_string(i) + " is not finite");
    }
    if (i > 0 && !(x[i] > x[i - 1])) {
      throw std::invalid_argument("GCV spline x must be strictly increasing; x[" +
                                  std::to_string(i) + "] = " + std::to_string(x[i]) + " follows " +
                                  std::to_string(x[i - 1]));
    }
  }
}

}  // namespace

GcvSpline GcvSpline::interpolate(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                                 int halfOrder) {
  checkInput(x, y, halfOrder);
  const int m = halfOrder;
  const int order = 2 * m;
  const auto n = static_cast<std::size_t>(x.size());
  const Eigen::MatrixXd inverse = hermiteInverse(m);

  // Row r (m <= r <= 2m-2) of "derivative r at t = 0 / t = 1" composed with the inverse, so the
  // r-th derivative (times h^r) of an interval is a dot product with its end data v.
  Eigen::MatrixXd atStart(order, order), atEnd(order, order);
  atStart.setZero();
  atEnd.setZero();
  for (int r = 0; r < order; ++r) {
    Eigen::RowVectorXd e0 = Eigen::RowVectorXd::Zero(order), e1 = Eigen::RowVectorXd::Zero(order);
    e0[r] = fallingFactorial(r, r);
    for (int k = r; k < order; ++k)
      e1[k] = fallingFactorial(k, r);
    atStart.row(r) = e0 * inverse;
    atEnd.row(r) = e1 * inverse;
  }

  // Unknowns: derivatives 1..m-1 at every knot, scaled by spacing^j to balance the system.
  const int perKnot = m - 1;
  const double scale = (x[x.size() - 1] - x[0]) / static_cast<double>(n - 1);
  std::vector<double> h(n - 1);
  for (std::size_t i = 0; i + 1 < n; ++i)
    h[i] = x[static_cast<Eigen::Index>(i + 1)] - x[static_cast<Eigen::Index>(i)];

  Eigen::VectorXd knotDerivatives;  // scaled unknowns, perKnot per knot
  if (perKnot > 0) {
    const auto unknowns = static_cast<Eigen::Index>(n) * perKnot;
    std::vector<Eigen::Triplet<double>> triplets;
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(unknowns);
    Eigen::Index row = 0;
    // Adds sign · h^-r · (row of `map`) · v(interval) to equation `row`, scaled by scale^r.
    auto addInterval = [&](std::size_t interval, const Eigen::MatrixXd& map, int r, double sign) {
      const double hi = h[interval];
      const double factor = sign * std::pow(scale / hi, r);
      for (int side = 0; side < 2; ++side) {
        const std::size_t knot = interval + static_cast<std::size_t>(side);
        for (int j = 0; j < m; ++j) {
          const double weight = factor * map(r, side * m + j);
          if (j == 0) {
            rhs[row] -= weight * y[static_cast<Eigen::Index>(knot)];
          } else {
            const auto column = static_cast<Eigen::Index>(knot) * perKnot + (j - 1);
            triplets.emplace_back(row, column, weight * std::pow(hi / scale, j));
          }
        }
      }
    };
    for (std::size_t knot = 0; knot < n; ++knot) {
      for (int r = m; r <= 2 * m - 2; ++r, ++row) {
        if (knot > 0) addInterval(knot - 1, atEnd, r, 1.0);  // continuity / natural end
        if (knot + 1 < n) addInterval(knot, atStart, r, -1.0);
      }
    }
    Eigen::SparseMatrix<double> system(unknowns, unknowns);
    system.setFromTriplets(triplets.begin(), triplets.end());
    Eigen::SparseLU<Eigen::SparseMatrix<double>> solver;
    solver.compute(system);
    if (solver.info() != Eigen::Success) {
      throw std::invalid_argument("GCV spline: natural spline system is singular");
    }
    knotDerivatives = solver.solve(rhs);
  }

  GcvSpline spline;
  spline.halfOrder_ = m;
  spline.x_.assign(x.data(), x.data() + x.size());
  spline.coefficients_.resize((n - 1) * static_cast<std::size_t>(order));
  Eigen::VectorXd v(order);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    for (int side = 0; side < 2; ++side) {
      const std::size_t knot = i + static_cast<std::size_t>(side);
      v[side * m] = y[static_cast<Eigen::Index>(knot)];
      for (int j = 1; j < m; ++j) {
        v[side * m + j] = knotDerivatives[static_cast<Eigen::Index>(knot) * perKnot + (j - 1)] *
                          std::pow(h[i] / scale, j);
      }
    }
    const Eigen::VectorXd alpha = inverse * v;
    std::copy(alpha.data(), alpha.data() + order,
              spline.coefficients_.begin() + static_cast<std::ptrdiff_t>(i) * order);
  }
  return spline;
}

double GcvSpline::intervalDerivative(std::size_t interval, int order, double t) const {
  const int count = 2 * halfOrder_;
  if (order >= count) return 0.0;
  const double* alpha = coefficients_.data() + interval * static_cast<std::size_t>(count);
  // Horner on the order-th derivative of sum alpha_k t^k.
  double sum = 0.0;
  for (int k = count - 1; k >= order; --k)
    sum = sum * t + alpha[k] * fallingFactorial(k, order);
  const double h = x_[interval + 1] - x_[interval];
  return sum / std::pow(h, order);
}

double GcvSpline::endDerivative(bool atEnd, int order) const {
  return atEnd ? intervalDerivative(x_.size() - 2, order, 1.0) : intervalDerivative(0, order, 0.0);
}

double GcvSpline::derivative(int order, double t) const {
  if (order < 0) throw std::invalid_argument("GCV spline derivative order must be >= 0");
  if (std::isnan(t)) return t;
  const double first = x_.front();
  const double last = x_.back();
  if (t < first || t > last) {
    // Natural extension: the Taylor polynomial of degree m-1 at the nearer end.
    const bool atEnd = t > last;
    const double dx = t - (atEnd ? last : first);
    double sum = 0.0;
    for (int j = order; j < halfOrder_; ++j) {
      sum += endDerivative(atEnd, j) * std::pow(dx, j - order) /
             fallingFactorial(j - order, j - order);
    }
    return sum;
  }
  const auto upper = std::upper_bound(x_.begin(), x_.end(), t);
  std::size_t interval = static_cast<std::size_t>(upper - x_.begin());
  interval = std::min(interval == 0 ? 0 : interval - 1, x_.size() - 2);
  const double h = x_[interval + 1] - x_[interval];
  return intervalDerivative(interval, order, (t - x_[interval]) / h);
}

SplineDerivatives GcvSpline::evaluate(double t) const {
  return {derivative(0, t), derivative(1, t), derivative(2, t)};
}

}  // namespace kinchain::math
