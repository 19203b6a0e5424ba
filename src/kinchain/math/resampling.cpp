#include "kinchain/math/resampling.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "kinchain/math/gcv_spline.hpp"

namespace kinchain::math {

double minTimeStep(const Eigen::VectorXd& time) {
  double smallest = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 1; i < time.size(); ++i)
    smallest = std::min(smallest, time[i] - time[i - 1]);
  return smallest;
}

bool needsResampling(const Eigen::VectorXd& time) {
  if (time.size() < 2) return false;
  const double mean = (time[time.size() - 1] - time[0]) / static_cast<double>(time.size() - 1);
  return mean - minTimeStep(time) > std::numeric_limits<double>::epsilon();
}

UniformSamples resampleWithSplines(const Eigen::VectorXd& time, const Eigen::MatrixXd& values,
                                   double interval, int halfOrder) {
  if (values.rows() != time.size()) {
    throw std::invalid_argument("resampling: " + std::to_string(values.rows()) +
                                " rows of values for " + std::to_string(time.size()) + " times");
  }
  if (!(interval > 0.0) || !std::isfinite(interval)) {
    throw std::invalid_argument("resampling: interval must be positive and finite");
  }
  if (time.size() < 2) throw std::invalid_argument("resampling needs at least 2 samples");
  const double first = time[0];
  const double last = time[time.size() - 1];
  if ((last - first) / interval > kMaxResampleRows) interval = (last - first) / kMaxResampleRows;

  std::vector<GcvSpline> splines;
  splines.reserve(static_cast<std::size_t>(values.cols()));
  for (Eigen::Index c = 0; c < values.cols(); ++c) {
    splines.push_back(GcvSpline::interpolate(time, values.col(c), halfOrder));
  }
  // The accumulated grid of GCVSplineSet::constructStorage: x = first; x <= last; x += dt.
  std::vector<double> grid;
  for (double t = first; t <= last; t += interval)
    grid.push_back(t);

  UniformSamples result;
  result.interval = interval;
  result.time =
      Eigen::Map<const Eigen::VectorXd>(grid.data(), static_cast<Eigen::Index>(grid.size()));
  result.values.resize(result.time.size(), values.cols());
  for (Eigen::Index c = 0; c < values.cols(); ++c) {
    const GcvSpline& spline = splines[static_cast<std::size_t>(c)];
    for (Eigen::Index r = 0; r < result.time.size(); ++r)
      result.values(r, c) = spline.value(result.time[r]);
  }
  return result;
}

}  // namespace kinchain::math
