#pragma once
// Resampling a table of signals to uniform time steps the way OpenSim's Storage::lowpassIIR does
// before filtering (opensim-core OpenSim/Common/Storage.cpp, Storage::resample): when the steps
// are not uniform, every column is fitted with a quintic natural spline (GCVSplineSet(5), error
// variance 0: see gcv_spline.hpp) and sampled from the first time in steps of the smallest time
// step, t_k = t_{k-1} + dt (accumulated, as GCVSplineSet::constructStorage does), while t_k <= the
// last time. The 600 Hz GRF files with times rounded to 4 decimals need this.

#include <Eigen/Core>

namespace kinchain::math {

/// Times and values (rows × columns) of a uniformly sampled table.
struct UniformSamples {
  Eigen::VectorXd time;
  Eigen::MatrixXd values;
  double interval = 0.0;  ///< time step (s)
};

/// Smallest difference between consecutive times (+infinity for fewer than 2 times).
double minTimeStep(const Eigen::VectorXd& time);

/// OpenSim's test: resampling is needed when the mean step exceeds the smallest step by more
/// than machine epsilon (SimTK::Eps = 2.2e-16).
bool needsResampling(const Eigen::VectorXd& time);

/// Most rows a resampled table may have; a finer step is coarsened to fit (OpenSim's
/// Storage::MAX_RESAMPLE_SIZE).
inline constexpr double kMaxResampleRows = 100000;

/// Each column fitted with a natural spline of degree 2·halfOrder-1 (default quintic) and sampled
/// on the accumulated grid from time[0] with step `interval` (coarsened so that at most
/// kMaxResampleRows steps span the data).
/// @throws std::invalid_argument for non-increasing or non-finite times, NaN values, interval <= 0,
///         rows != time.size(), or fewer than 2·halfOrder rows.
UniformSamples resampleWithSplines(const Eigen::VectorXd& time, const Eigen::MatrixXd& values,
                                   double interval, int halfOrder = 3);

}  // namespace kinchain::math
