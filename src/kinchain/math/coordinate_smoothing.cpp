#include "kinchain/math/coordinate_smoothing.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "kinchain/math/butterworth.hpp"
#include "kinchain/math/resampling.hpp"
#include "kinchain/math/signal_padding.hpp"

namespace kinchain::math {
namespace {

constexpr int kQuinticHalfOrder = 3;  // GCVSplineSet(5, ...) in InverseDynamicsTool.cpp

std::vector<GcvSpline> fitSplines(const Eigen::VectorXd& time, const Eigen::MatrixXd& values) {
  std::vector<GcvSpline> splines;
  splines.reserve(static_cast<std::size_t>(values.cols()));
  for (Eigen::Index c = 0; c < values.cols(); ++c) {
    splines.push_back(GcvSpline::interpolate(time, values.col(c), kQuinticHalfOrder));
  }
  return splines;
}

}  // namespace

SmoothedCoordinates smoothCoordinatesLikeOpenSim(const Eigen::VectorXd& time,
                                                 const Eigen::MatrixXd& values,
                                                 double lowpassCutoffHz) {
  if (values.rows() != time.size()) {
    throw std::invalid_argument("coordinate smoothing: " + std::to_string(values.rows()) +
                                " rows of values for " + std::to_string(time.size()) + " times");
  }
  if (time.size() < 2 * kQuinticHalfOrder) {
    throw std::invalid_argument("coordinate smoothing needs at least 6 samples, got " +
                                std::to_string(time.size()));
  }
  if (std::isnan(lowpassCutoffHz) || lowpassCutoffHz == 0.0) {
    throw std::invalid_argument(
        "coordinate smoothing: cutoff must be > 0 Hz, or negative for none");
  }
  SmoothedCoordinates result;
  if (lowpassCutoffHz < 0.0) {
    result.time = time;
    result.values = values;
    result.sampleInterval = minTimeStep(time);
    result.splines = fitSplines(result.time, result.values);
    return result;
  }

  // 1. Pad by half the row count on each side.
  const Eigen::Index pad = time.size() / 2;
  Eigen::VectorXd paddedTime = padByReflection(time, pad);
  Eigen::MatrixXd padded(paddedTime.size(), values.cols());
  for (Eigen::Index c = 0; c < values.cols(); ++c)
    padded.col(c) = padByReflection(values.col(c), pad);

  // 2. Uniform steps, resampling if needed.
  double interval = minTimeStep(paddedTime);
  if (!(interval >= std::numeric_limits<double>::epsilon())) {
    throw std::invalid_argument("coordinate smoothing: times must be strictly increasing");
  }
  if (needsResampling(paddedTime)) {
    UniformSamples uniform = resampleWithSplines(paddedTime, padded, interval, kQuinticHalfOrder);
    paddedTime = std::move(uniform.time);
    padded = std::move(uniform.values);
    interval = uniform.interval;
  }

  // 3. Zero-lag Butterworth.
  for (Eigen::Index c = 0; c < padded.cols(); ++c) {
    padded.col(c) = lowpassButterworth3Interval(padded.col(c), interval, lowpassCutoffHz);
  }

  // 4. Quintic splines.
  result.time = std::move(paddedTime);
  result.values = std::move(padded);
  result.sampleInterval = interval;
  result.splines = fitSplines(result.time, result.values);
  return result;
}

}  // namespace kinchain::math
