#include "kinchain/math/signal_padding.hpp"

#include <stdexcept>

namespace kinchain::math {
namespace {

// One reflection with pad < size.
Eigen::VectorXd reflectOnce(const Eigen::VectorXd& x, Eigen::Index pad) {
  const Eigen::Index n = x.size();
  Eigen::VectorXd padded(n + 2 * pad);
  for (Eigen::Index i = 0; i < pad; ++i)
    padded[i] = 2.0 * x[0] - x[pad - i];
  padded.segment(pad, n) = x;
  for (Eigen::Index i = 0; i < pad; ++i)
    padded[pad + n + i] = 2.0 * x[n - 1] - x[n - 2 - i];
  return padded;
}

}  // namespace

Eigen::VectorXd padByReflection(const Eigen::VectorXd& signal, Eigen::Index pad) {
  if (pad < 0) throw std::invalid_argument("padding length must be >= 0");
  if (pad == 0) return signal;
  if (signal.size() < 2) throw std::invalid_argument("padding needs at least 2 samples");
  if (pad < signal.size()) return reflectOnce(signal, pad);
  // OpenSim's Signal::Pad(int, Array&) for pad >= size: reflect by size-1, then by whatever
  // remains (halved), until the target length is reached.
  const Eigen::Index target = signal.size() + 2 * pad;
  Eigen::VectorXd padded = signal;
  Eigen::Index step = signal.size() - 1;
  while (padded.size() < target) {
    padded = reflectOnce(padded, step);
    step = (target - padded.size()) / 2;
    if (step >= padded.size()) step = padded.size() - 1;
  }
  return padded;
}

}  // namespace kinchain::math
