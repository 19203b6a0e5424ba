#pragma once
// Coordinate trajectories q(t), qdot(t), qddot(t) for every model coordinate from a motion
// table (.mot/.sto), processed as OpenSim's Inverse Dynamics and Analyze tools do
// (math/coordinate_smoothing.hpp): optional padding + resampling + zero-lag Butterworth low-pass,
// then a quintic spline per coordinate for the derivatives.
//
// Columns match coordinates by name ("knee_angle_r") or by OpenSim 4 state path
// ("/jointset/knee_r/knee_angle_r/value"). Rotational coordinates are converted from degrees
// when the table is in degrees (io::stoIsInDegrees). A coordinate without a column is held at
// its default value (noted).

#include <Eigen/Core>

#include <optional>
#include <string>
#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/math/gcv_spline.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::kinematics {

/// Indices of the rows whose time exceeds every earlier kept row's: a repeated time stamp keeps
/// its first row (OpenSim's own files sometimes repeat the last row).
std::vector<Eigen::Index> strictlyIncreasingRows(const std::vector<double>& time);

/// The table column holding a coordinate (by name or state path), if any.
std::optional<std::size_t> findCoordinateColumn(const io::TimeSeriesTable& table,
                                                const std::string& coordinateName);

class CoordinateTrajectories {
 public:
  /// @param lowpassCutoffHz  > 0 filters; negative: no filtering (OpenSim's -1)
  /// @throws InputError(sourceName, ...) for too few rows, non-finite values in a used column,
  ///         or a table that matches no coordinate at all.
  CoordinateTrajectories(const model::Model& model, const io::TimeSeriesTable& table,
                         double lowpassCutoffHz, const std::string& sourceName);

  /// q, qdot, qddot (rad or m, per s, per s^2) of every coordinate at time t.
  void evaluate(double t, Eigen::VectorXd& q, Eigen::VectorXd& qdot, Eigen::VectorXd& qddot) const;

  /// First and last time of the table as read (before padding).
  double firstTime() const { return firstTime_; }
  double lastTime() const { return lastTime_; }
  /// Time stamps of the processed (resampled if needed) data inside [first, last] of the table:
  /// the instants OpenSim's tools report at.
  const std::vector<double>& sampleTimes() const { return sampleTimes_; }

  const std::vector<std::string>& notes() const { return notes_; }

 private:
  std::vector<std::optional<std::size_t>> splineOfCoordinate_;  // per coordinate
  std::vector<math::GcvSpline> splines_;
  Eigen::VectorXd defaults_;
  double firstTime_ = 0.0;
  double lastTime_ = 0.0;
  std::vector<double> sampleTimes_;
  std::vector<std::string> notes_;
};

}  // namespace kinchain::kinematics
