#include "kinchain/kinematics/thorax_tilt.hpp"

#include <Eigen/Core>

#include <array>
#include <cmath>
#include <numbers>

namespace kinchain::kinematics {

std::optional<io::TimeSeriesTable> thoraxForwardTilt(const io::TimeSeriesTable& markers) {
  std::array<std::size_t, 4> columns{};
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const auto column = markers.findColumn(kThoraxMarkers[k]);
    if (!column || markers.column(*column).kind != io::ColumnKind::Vector3) return std::nullopt;
    columns[k] = *column;
  }
  const auto c7 = markers.vector3Column(columns[0]);
  const auto t10 = markers.vector3Column(columns[1]);
  const auto clav = markers.vector3Column(columns[2]);
  const auto strn = markers.vector3Column(columns[3]);
  const Eigen::Index rows = markers.rowCount();
  const Eigen::Vector3d up = Eigen::Vector3d::UnitY();

  // Thorax long axis per frame (NaN where a marker is missing), and the trial's mean forward
  // direction on the floor.
  Eigen::MatrixX3d longAxis(rows, 3);
  Eigen::Vector3d forwardSum = Eigen::Vector3d::Zero();
  for (Eigen::Index i = 0; i < rows; ++i) {
    const Eigen::Vector3d upper = 0.5 * (clav.row(i) + c7.row(i)).transpose();
    const Eigen::Vector3d lower = 0.5 * (strn.row(i) + t10.row(i)).transpose();
    const Eigen::Vector3d forward =
        0.5 * (clav.row(i) + strn.row(i) - c7.row(i) - t10.row(i)).transpose();
    longAxis.row(i) = (upper - lower).transpose();
    if (!forward.allFinite()) continue;
    const Eigen::Vector3d flat = forward - forward.dot(up) * up;
    if (flat.norm() > 0.0) forwardSum += flat.normalized();
  }
  if (!(forwardSum.norm() > 0.0)) return std::nullopt;
  const Eigen::Vector3d progression = forwardSum.normalized();

  // A frame with a missing marker has a NaN axis, and so a NaN tilt.
  const Eigen::VectorXd tilt =
      (longAxis * progression).binaryExpr(longAxis * up, [](double along, double vertical) {
        return std::atan2(along, vertical) * 180.0 / std::numbers::pi;
      });
  io::TimeSeriesTable table(markers.time());
  table.addScalarColumn("thorax_forward_tilt", tilt, "deg");
  table.setMetadata("inDegrees", "yes");
  return table;
}

}  // namespace kinchain::kinematics
