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

// Assembles and solves the natural-spline system for one smoothing parameter.
// Unknowns per knot i: z(i, j) = s^(j)(x_i) · scale^j for j = 0..m-1 (value and m-1 derivatives,
// scaled by the mean spacing to balance magnitudes). Equations per knot: the jump condition
// w_i s_i + p (-1)^m J_i = w_i y_i, then continuity (natural end conditions at the ends) of
// derivatives m..2m-2, each scaled by scale^r.
struct GcvSplineBuilder {
  GcvSplineBuilder(const Eigen::VectorXd& xIn, int m)
      : x(xIn),
        halfOrder(m),
        order(2 * m),
        n(static_cast<std::size_t>(xIn.size())),
        inverse(hermiteInverse(m)),
        atStart(order, order),
        atEnd(order, order),
        h(n - 1) {
    for (int r = 0; r < order; ++r) {
      Eigen::RowVectorXd e0 = Eigen::RowVectorXd::Zero(order), e1 = Eigen::RowVectorXd::Zero(order);
      e0[r] = fallingFactorial(r, r);
      for (int k = r; k < order; ++k)
        e1[k] = fallingFactorial(k, r);
      atStart.row(r) = e0 * inverse;
      atEnd.row(r) = e1 * inverse;
    }
    scale = (x[x.size() - 1] - x[0]) / static_cast<double>(n - 1);
    for (std::size_t i = 0; i + 1 < n; ++i)
      h[i] = at(i + 1) - at(i);
  }

  double at(std::size_t i) const { return x[static_cast<Eigen::Index>(i)]; }
  Eigen::Index unknown(std::size_t knot, int j) const {
    return static_cast<Eigen::Index>(knot) * halfOrder + j;
  }
  Eigen::Index unknowns() const { return static_cast<Eigen::Index>(n) * halfOrder; }

  // The sparse system matrix for smoothing parameter p (unit weights).
  Eigen::SparseMatrix<double> system(double p) const {
    std::vector<Eigen::Triplet<double>> triplets;
    // Adds factor · h^-r · (row r of map) · v(interval) to equation `row`.
    auto addInterval = [&](Eigen::Index row, std::size_t interval, const Eigen::MatrixXd& map,
                           int r, double factor) {
      const double hi = h[interval];
      const double f = factor * std::pow(hi, -r);
      for (int side = 0; side < 2; ++side) {
        const std::size_t knot = interval + static_cast<std::size_t>(side);
        for (int j = 0; j < halfOrder; ++j) {
          const double weight = f * map(r, side * halfOrder + j) * std::pow(hi / scale, j);
          if (weight != 0.0) triplets.emplace_back(row, unknown(knot, j), weight);
        }
      }
    };
    const int top = order - 1;
    const double jumpSign = (halfOrder % 2 == 0) ? 1.0 : -1.0;  // (-1)^m
    for (std::size_t knot = 0; knot < n; ++knot) {
      // Jump condition: s_i + p (-1)^m (s^(2m-1)(x_i+) - s^(2m-1)(x_i-)) = y_i.
      const Eigen::Index jumpRow = unknown(knot, 0);
      triplets.emplace_back(jumpRow, unknown(knot, 0), 1.0);
      if (p != 0.0) {
        if (knot + 1 < n) addInterval(jumpRow, knot, atStart, top, p * jumpSign);
        if (knot > 0) addInterval(jumpRow, knot - 1, atEnd, top, -p * jumpSign);
      }
      // Continuity of derivatives m..2m-2 (natural: zero at the ends).
      for (int r = halfOrder; r <= order - 2; ++r) {
        const Eigen::Index row = unknown(knot, r - halfOrder + 1);
        // Scaled by the local spacing^r so every equation is O(data) (keeps rounding low when
        // spacings vary).
        const double local = knot == 0       ? h[0]
                             : knot + 1 == n ? h[n - 2]
                                             : std::min(h[knot - 1], h[knot]);
        const double equationScale = std::pow(local, r);
        if (knot > 0) addInterval(row, knot - 1, atEnd, r, equationScale);
        if (knot + 1 < n) addInterval(row, knot, atStart, r, -equationScale);
      }
    }
    // Equilibrate rows (largest entry 1): with heavy smoothing the jump rows carry p·h^-(2m-1)
    // and partial pivoting needs comparable rows to stay accurate.
    Eigen::VectorXd rowMax = Eigen::VectorXd::Zero(unknowns());
    for (const auto& t : triplets)
      rowMax[t.row()] = std::max(rowMax[t.row()], std::abs(t.value()));
    rowScale = rowMax.cwiseInverse();
    for (auto& t : triplets)
      t = Eigen::Triplet<double>(t.row(), t.col(), t.value() * rowScale[t.row()]);
    Eigen::SparseMatrix<double> matrix(unknowns(), unknowns());
    matrix.setFromTriplets(triplets.begin(), triplets.end());
    return matrix;
  }

  // Right-hand side for data y: y_i in each jump row (scaled as the last system()).
  Eigen::VectorXd rhs(const Eigen::VectorXd& y) const {
    Eigen::VectorXd b = Eigen::VectorXd::Zero(unknowns());
    for (std::size_t knot = 0; knot < n; ++knot) {
      const Eigen::Index row = unknown(knot, 0);
      b[row] = y[static_cast<Eigen::Index>(knot)] * rowScale[row];
    }
    return b;
  }

  GcvSpline spline(const Eigen::VectorXd& z, double p) const {
    GcvSpline result;
    result.halfOrder_ = halfOrder;
    result.smoothingParameter_ = p;
    result.x_.assign(x.data(), x.data() + x.size());
    result.coefficients_.resize((n - 1) * static_cast<std::size_t>(order));
    Eigen::VectorXd v(order);
    for (std::size_t i = 0; i + 1 < n; ++i) {
      for (int side = 0; side < 2; ++side) {
        const std::size_t knot = i + static_cast<std::size_t>(side);
        for (int j = 0; j < halfOrder; ++j) {
          v[side * halfOrder + j] = z[unknown(knot, j)] * std::pow(h[i] / scale, j);
        }
      }
      const Eigen::VectorXd alpha = inverse * v;
      std::copy(alpha.data(), alpha.data() + order,
                result.coefficients_.begin() + static_cast<std::ptrdiff_t>(i) * order);
    }
    return result;
  }

  const Eigen::VectorXd& x;
  int halfOrder;
  int order;
  std::size_t n;
  Eigen::MatrixXd inverse;
  Eigen::MatrixXd atStart, atEnd;  // rows r: h^r · s^(r) at t = 0 / t = 1 from the end data
  std::vector<double> h;
  double scale = 1.0;
  mutable Eigen::VectorXd rowScale;  // row equilibration of the last system(); local to one fit
};

namespace {

using Solver = Eigen::SparseLU<Eigen::SparseMatrix<double>>;

void factorise(Solver& solver, const Eigen::SparseMatrix<double>& matrix) {
  solver.analyzePattern(matrix);
  solver.factorize(matrix);
  if (solver.info() != Eigen::Success) {
    throw std::invalid_argument("GCV spline: natural spline system is singular");
  }
}

// GCVSPL's statistics for one p: residual mean square and tr(I - A) (A the hat matrix).
struct FitStatistics {
  double meanSquaredResidual = 0.0;
  double residualDegreesOfFreedom = 0.0;  // tr(I - A)
};

FitStatistics statistics(const GcvSplineBuilder& builder, const Eigen::VectorXd& y, double p) {
  Solver solver;
  factorise(solver, builder.system(p));
  const Eigen::VectorXd z = solver.solve(builder.rhs(y));
  const auto n = static_cast<Eigen::Index>(builder.n);
  FitStatistics stats;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double r = y[i] - z[builder.unknown(static_cast<std::size_t>(i), 0)];
    stats.meanSquaredResidual += r * r;
  }
  stats.meanSquaredResidual /= static_cast<double>(n);
  // tr(A) = sum_i d s_i / d y_i, by solving for unit data vectors in blocks.
  constexpr Eigen::Index kBlock = 64;
  double trace = 0.0;
  for (Eigen::Index first = 0; first < n; first += kBlock) {
    const Eigen::Index count = std::min(kBlock, n - first);
    Eigen::MatrixXd unit = Eigen::MatrixXd::Zero(builder.unknowns(), count);
    for (Eigen::Index c = 0; c < count; ++c) {
      const Eigen::Index row = builder.unknown(static_cast<std::size_t>(first + c), 0);
      unit(row, c) = builder.rowScale[row];
    }
    const Eigen::MatrixXd response = solver.solve(unit);
    for (Eigen::Index c = 0; c < count; ++c) {
      trace += response(builder.unknown(static_cast<std::size_t>(first + c), 0), c);
    }
  }
  stats.residualDegreesOfFreedom = static_cast<double>(n) - trace;
  return stats;
}

double criterion(const GcvSmoothing& smoothing, const FitStatistics& s, double n) {
  const double trn = s.residualDegreesOfFreedom / n;
  switch (smoothing.mode) {
    case GcvSmoothing::Mode::GeneralizedCrossValidation:
      return s.meanSquaredResidual / (trn * trn);
    case GcvSmoothing::Mode::ErrorVariance:
      return s.meanSquaredResidual - smoothing.value * (2.0 * trn - 1.0);
    case GcvSmoothing::Mode::DegreesOfFreedom:
      return std::abs(s.residualDegreesOfFreedom - smoothing.value);
    case GcvSmoothing::Mode::SmoothingParameter:
      break;
  }
  return 0.0;
}

// GCVSPL's search: halve p while the criterion falls, else double while it falls, then golden
// section on the bracket until its relative width is 1e-6. p is confined to
// [p0·1e-15, p0·1e15], p0 = mean spacing^(2m-1) (the units of p), as GCVSPL bounds p·el.
double searchSmoothingParameter(const GcvSplineBuilder& builder, const Eigen::VectorXd& y,
                                const GcvSmoothing& smoothing) {
  const double n = static_cast<double>(builder.n);
  const double p0 = std::pow(builder.scale, builder.order - 1);
  const double floor = p0 * 1e-15, ceiling = p0 * 1e15;
  auto evaluate = [&](double p) { return criterion(smoothing, statistics(builder, y, p), n); };
  constexpr double kGolden = 1.618033983;
  double r1 = p0, r2 = 2.0 * p0, r3 = 0.0;
  double g2 = evaluate(r2);
  double g1 = evaluate(r1);
  while (g1 <= g2) {  // criterion still falling towards smaller p
    if (r1 <= floor) return floor;
    r2 = r1;
    g2 = g1;
    r1 = std::max(r1 / 2.0, floor);
    g1 = evaluate(r1);
  }
  r3 = 2.0 * r2;
  double g3 = evaluate(r3);
  while (g3 <= g2) {  // still falling towards larger p
    if (r3 >= ceiling) return ceiling;
    r1 = r2;
    r2 = r3;
    g2 = g3;
    r3 = std::min(2.0 * r3, ceiling);
    g3 = evaluate(r3);
  }
  // Golden section on [r1, r3] (minimum bracketed by r2).
  double low = r1, high = r3;
  double alpha = (high - low) / kGolden;
  double inner = high - alpha, outer = low + alpha;
  double gInner = evaluate(inner), gOuter = evaluate(outer);
  while (true) {
    if (gInner <= gOuter) {
      high = outer;
      const double width = (high - low) / (low + high);
      if (width * width + 1.0 == 1.0 || width <= 1e-6) break;
      outer = inner;
      gOuter = gInner;
      alpha /= kGolden;
      inner = high - alpha;
      gInner = evaluate(inner);
    } else {
      low = inner;
      const double width = (high - low) / (low + high);
      if (width * width + 1.0 == 1.0 || width <= 1e-6) break;
      inner = outer;
      gInner = gOuter;
      alpha /= kGolden;
      outer = low + alpha;
      gOuter = evaluate(outer);
    }
  }
  return 0.5 * (low + high);
}

}  // namespace

GcvSpline GcvSpline::interpolate(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                                 int halfOrder) {
  return fit(x, y, halfOrder, {GcvSmoothing::Mode::SmoothingParameter, 0.0});
}

GcvSpline GcvSpline::fit(const Eigen::VectorXd& x, const Eigen::VectorXd& y, int halfOrder,
                         GcvSmoothing smoothing) {
  checkInput(x, y, halfOrder);
  if (!std::isfinite(smoothing.value) || smoothing.value < 0.0) {
    throw std::invalid_argument("GCV spline smoothing value must be finite and >= 0");
  }
  const bool automatic =
      smoothing.mode != GcvSmoothing::Mode::SmoothingParameter &&
      !(smoothing.mode == GcvSmoothing::Mode::ErrorVariance && smoothing.value == 0.0);
  if (automatic && x.size() > kMaxAutomaticPoints) {
    throw std::invalid_argument(
        "GCV spline: automatic smoothing (GCV, error variance > 0, degrees "
        "of freedom) supports at most " +
        std::to_string(kMaxAutomaticPoints) + " points, got " + std::to_string(x.size()));
  }
  const GcvSplineBuilder builder(x, halfOrder);
  double p = 0.0;
  switch (smoothing.mode) {
    case GcvSmoothing::Mode::SmoothingParameter:
      p = smoothing.value;
      break;
    case GcvSmoothing::Mode::ErrorVariance:
      // Variance 0: GCVSPL's search ends at its p floor, i.e. interpolation (see header).
      p = smoothing.value == 0.0 ? 0.0 : searchSmoothingParameter(builder, y, smoothing);
      break;
    case GcvSmoothing::Mode::DegreesOfFreedom:
      if (smoothing.value > static_cast<double>(x.size() - halfOrder)) {
        throw std::invalid_argument("GCV spline degrees of freedom must be <= n - halfOrder");
      }
      p = searchSmoothingParameter(builder, y, smoothing);
      break;
    case GcvSmoothing::Mode::GeneralizedCrossValidation:
      p = searchSmoothingParameter(builder, y, smoothing);
      break;
  }
  Solver solver;
  factorise(solver, builder.system(p));
  return builder.spline(solver.solve(builder.rhs(y)), p);
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
      sum += (atEnd ? intervalDerivative(x_.size() - 2, j, 1.0) : intervalDerivative(0, j, 0.0)) *
             std::pow(dx, j - order) / fallingFactorial(j - order, j - order);
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
