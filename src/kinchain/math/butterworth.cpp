#include "kinchain/math/butterworth.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace kinchain::math {
namespace {

// One causal pass; the first three outputs are the inputs (OpenSim's initial conditions).
Eigen::VectorXd causalPass(const Eigen::VectorXd& x, const Butterworth3Coefficients& c) {
  const Eigen::Index n = x.size();
  Eigen::VectorXd y = x;
  const auto& a = c.numerator;
  const auto& b = c.denominator;
  for (Eigen::Index i = 3; i < n; ++i) {
    y[i] = a[0] * x[i] + a[1] * x[i - 1] + a[2] * x[i - 2] + a[3] * x[i - 3] - b[1] * y[i - 1] -
           b[2] * y[i - 2] - b[3] * y[i - 3];
  }
  return y;
}

}  // namespace

Butterworth3Coefficients butterworth3Design(double sampleInterval, double cutoffHz) {
  if (!(sampleInterval > 0.0) || !std::isfinite(sampleInterval)) {
    throw std::invalid_argument("Butterworth filter: sample interval must be positive and finite");
  }
  if (!(cutoffHz > 0.0) || !std::isfinite(cutoffHz)) {
    throw std::invalid_argument("Butterworth filter: cutoff frequency must be positive and finite");
  }
  const double sampleRate = 1.0 / sampleInterval;
  if (cutoffHz >= 0.5 * sampleRate) cutoffHz = 0.49 * sampleRate;  // OpenSim Signal::LowpassIIR
  // Pre-warped analog cutoff of the bilinear transform.
  const double wa = std::tan(2.0 * std::numbers::pi * cutoffHz * sampleInterval / 2.0);
  const double wa2 = wa * wa;
  const double wa3 = wa2 * wa;
  const double denominator = (wa + 1.0) * (wa2 + wa + 1.0);
  Butterworth3Coefficients c;
  c.numerator = {wa3 / denominator, 3.0 * wa3 / denominator, 3.0 * wa3 / denominator,
                 wa3 / denominator};
  c.denominator = {1.0, (3.0 * wa3 + 2.0 * wa2 - 2.0 * wa - 3.0) / denominator,
                   (3.0 * wa3 - 2.0 * wa2 - 2.0 * wa + 3.0) / denominator,
                   (wa - 1.0) * (wa2 - wa + 1.0) / denominator};
  return c;
}

Eigen::VectorXd lowpassButterworth3Interval(const Eigen::VectorXd& signal, double sampleInterval,
                                            double cutoffHz) {
  const Butterworth3Coefficients c = butterworth3Design(sampleInterval, cutoffHz);
  if (signal.size() < 4) return signal;
  const Eigen::VectorXd forward = causalPass(signal, c);
  const Eigen::VectorXd backward = causalPass(forward.reverse(), c);
  return backward.reverse();
}

Eigen::VectorXd lowpassButterworth3(const Eigen::VectorXd& signal, double sampleRate,
                                    double cutoffHz) {
  if (!(sampleRate > 0.0) || !std::isfinite(sampleRate)) {
    throw std::invalid_argument("Butterworth filter: sample rate must be positive and finite");
  }
  return lowpassButterworth3Interval(signal, 1.0 / sampleRate, cutoffHz);
}

}  // namespace kinchain::math
