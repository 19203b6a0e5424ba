#pragma once
// TimeJet: a scalar carrying a value and its first and second derivatives along one path,
// x(t), x'(t), x''(t) at a single t (forward-mode automatic differentiation of second order in
// one direction). Running the scalar-generic forward kinematics with q as jets
// (q, qdot, qddot) gives every frame's pose together with its velocity and acceleration,
// exactly, including the velocity-product terms (Jdot * qdot) that inverse dynamics needs.
//
// Chain rules: (ab)'' = a''b + 2a'b' + ab''; f(x)'' = f''(x) x'^2 + f'(x) x''.

#include <Eigen/Core>

#include <cmath>

#include "kinchain/model/function.hpp"

namespace kinchain::dynamics {

struct TimeJet {
  double value = 0.0;
  double first = 0.0;   ///< d/dt
  double second = 0.0;  ///< d2/dt2

  TimeJet() = default;
  // Implicit on purpose: constants (model geometry, 1.0, 0.0) enter jet arithmetic as is.
  TimeJet(double constant) : value(constant) {}  // NOLINT(google-explicit-constructor)
  TimeJet(double v, double d1, double d2) : value(v), first(d1), second(d2) {}

  TimeJet& operator+=(const TimeJet& other) {
    value += other.value;
    first += other.first;
    second += other.second;
    return *this;
  }
  TimeJet& operator-=(const TimeJet& other) {
    value -= other.value;
    first -= other.first;
    second -= other.second;
    return *this;
  }
  TimeJet& operator*=(const TimeJet& other) {
    *this = TimeJet(value * other.value, first * other.value + value * other.first,
                    second * other.value + 2.0 * first * other.first + value * other.second);
    return *this;
  }
  TimeJet& operator/=(const TimeJet& other);
};

inline TimeJet operator+(TimeJet a, const TimeJet& b) {
  return a += b;
}
inline TimeJet operator-(TimeJet a, const TimeJet& b) {
  return a -= b;
}
inline TimeJet operator*(TimeJet a, const TimeJet& b) {
  return a *= b;
}
inline TimeJet operator-(const TimeJet& a) {
  return {-a.value, -a.first, -a.second};
}

// q = a / b: q' = (a' - q b') / b, q'' = (a'' - 2 q' b' - q b'') / b.
inline TimeJet& TimeJet::operator/=(const TimeJet& b) {
  const double q = value / b.value;
  const double q1 = (first - q * b.first) / b.value;
  const double q2 = (second - 2.0 * q1 * b.first - q * b.second) / b.value;
  *this = TimeJet(q, q1, q2);
  return *this;
}
inline TimeJet operator/(TimeJet a, const TimeJet& b) {
  return a /= b;
}

inline bool operator<(const TimeJet& a, const TimeJet& b) {
  return a.value < b.value;
}
inline bool operator>(const TimeJet& a, const TimeJet& b) {
  return a.value > b.value;
}
inline bool operator==(const TimeJet& a, const TimeJet& b) {
  return a.value == b.value && a.first == b.first && a.second == b.second;
}

inline TimeJet sin(const TimeJet& x) {
  const double s = std::sin(x.value), c = std::cos(x.value);
  return {s, c * x.first, c * x.second - s * x.first * x.first};
}
inline TimeJet cos(const TimeJet& x) {
  const double s = std::sin(x.value), c = std::cos(x.value);
  return {c, -s * x.first, -s * x.second - c * x.first * x.first};
}
inline TimeJet sqrt(const TimeJet& x) {
  const double r = std::sqrt(x.value);
  const double r1 = x.first / (2.0 * r);
  return {r, r1, (x.second - 2.0 * r1 * r1) / (2.0 * r)};
}
inline TimeJet abs(const TimeJet& x) {
  return x.value < 0.0 ? -x : x;
}

/// Hooks found by argument-dependent lookup from the model's scalar-generic kinematics
/// (model/joint_transform.hpp): the double value, and f(x) by the second-order chain rule.
inline double valueOf(const TimeJet& x) {
  return x.value;
}
inline TimeJet applyFunction(const model::Function& function, const TimeJet& x) {
  const model::FunctionValue f = function.evaluate(x.value);
  return {f.value, f.first * x.first, f.second * x.first * x.first + f.first * x.second};
}

}  // namespace kinchain::dynamics

namespace Eigen {
template <>
struct NumTraits<kinchain::dynamics::TimeJet> : NumTraits<double> {
  using Real = kinchain::dynamics::TimeJet;
  using NonInteger = kinchain::dynamics::TimeJet;
  using Nested = kinchain::dynamics::TimeJet;
  using Literal = kinchain::dynamics::TimeJet;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 3,
    AddCost = 3,
    MulCost = 9
  };
};
}  // namespace Eigen
