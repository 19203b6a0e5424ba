#include "kinchain/analysis/progression_frame.hpp"

#include <Eigen/Geometry>
#include <cmath>
#include <numbers>
#include <vector>

namespace kinchain::analysis {

namespace {

// Centroid of the markers present in both `first` and `last` rows, at each of the two rows.
std::optional<std::pair<Eigen::Vector3d, Eigen::Vector3d>> sharedCentroids(
    const io::TimeSeriesTable& markers, Eigen::Index first, Eigen::Index last) {
  Eigen::Vector3d start = Eigen::Vector3d::Zero(), end = Eigen::Vector3d::Zero();
  int count = 0;
  for (std::size_t column = 0; column < markers.columnCount(); ++column) {
    if (markers.column(column).kind != io::ColumnKind::Vector3) continue;
    const Eigen::Vector3d a = markers.vector3(first, column);
    const Eigen::Vector3d b = markers.vector3(last, column);
    if (!a.allFinite() || !b.allFinite()) continue;
    start += a;
    end += b;
    ++count;
  }
  if (count == 0) return std::nullopt;
  return std::make_pair(start / count, end / count);
}

void turnRows(Eigen::MatrixX3d& rows, const Eigen::Matrix3d& rotation) {
  // NaN rows (missing samples) stay NaN.
  rows = (rows * rotation.transpose()).eval();
}

}  // namespace

std::optional<ProgressionTurn> alignProgressionWithX(RecordedTrial& trial) {
  auto& markers = trial.markers;
  const Eigen::Index rows = markers.rowCount();
  if (rows < 2) return std::nullopt;
  // The first and the last frame that hold any marker; one pass each way, so a long trial
  // costs two scans, not a search over every pair of frames.
  const auto anyMarker = [&](Eigen::Index row) {
    for (std::size_t column = 0; column < markers.columnCount(); ++column) {
      if (markers.column(column).kind == io::ColumnKind::Vector3 &&
          markers.vector3(row, column).allFinite())
        return true;
    }
    return false;
  };
  Eigen::Index first = 0, last = rows - 1;
  while (first < rows && !anyMarker(first))
    ++first;
  while (last > first && !anyMarker(last))
    --last;
  if (last <= first) return std::nullopt;
  const auto centroids = sharedCentroids(markers, first, last);
  if (!centroids) return std::nullopt;
  const Eigen::Vector3d travel = centroids->second - centroids->first;
  const double horizontal = std::hypot(travel.x(), travel.z());
  if (!(horizontal >= kMinimumTravelM)) return std::nullopt;

  // A turn about +y that takes the travel direction (x, z) onto +x.
  const double angle = std::atan2(travel.z(), travel.x());
  const Eigen::Matrix3d rotation = Eigen::AngleAxisd(angle, Eigen::Vector3d::UnitY()).matrix();
  for (std::size_t column = 0; column < markers.columnCount(); ++column) {
    if (markers.column(column).kind != io::ColumnKind::Vector3) continue;
    auto values = markers.vector3Column(column);
    values = (values * rotation.transpose()).eval();
  }
  for (auto& plate : trial.plates) {
    turnRows(plate.force, rotation);
    turnRows(plate.centreOfPressure, rotation);
    turnRows(plate.freeMoment, rotation);
  }
  return ProgressionTurn{angle * 180.0 / std::numbers::pi, horizontal};
}

}  // namespace kinchain::analysis
