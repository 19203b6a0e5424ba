#include "kinchain/kinematics/thorax_tilt.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "kinchain/kinematics/marker_protocol.hpp"

namespace kinchain::kinematics {

namespace {

// Column of the Vector3 marker `label` (normalised match), if any.
std::optional<std::size_t> markerColumn(const io::TimeSeriesTable& markers,
                                        const std::string& label) {
  const std::string wanted = normalizedMarkerLabel(label);
  for (std::size_t c = 0; c < markers.columnCount(); ++c) {
    const auto& column = markers.column(c);
    if (column.kind == io::ColumnKind::Vector3 && normalizedMarkerLabel(column.label) == wanted)
      return c;
  }
  return std::nullopt;
}

}  // namespace

const ThoraxMarkerSet* thoraxMarkerSetOf(const io::TimeSeriesTable& markers) {
  for (const auto& set : kThoraxMarkerSets) {
    const bool complete = std::all_of(set.labels.begin(), set.labels.end(), [&](const char* label) {
      return markerColumn(markers, label).has_value();
    });
    if (complete) return &set;
  }
  return nullptr;
}

std::optional<io::TimeSeriesTable> thoraxForwardTilt(const io::TimeSeriesTable& markers) {
  const ThoraxMarkerSet* set = thoraxMarkerSetOf(markers);
  if (set == nullptr) return std::nullopt;
  std::array<std::size_t, 4> columns{};
  for (std::size_t k = 0; k < columns.size(); ++k)
    columns[k] = *markerColumn(markers, set->labels[k]);
  // Upper / lower, back / front: C7 / T10, jugular notch / xiphoid.
  const auto upperBack = markers.vector3Column(columns[0]);
  const auto lowerBack = markers.vector3Column(columns[1]);
  const auto upperFront = markers.vector3Column(columns[2]);
  const auto lowerFront = markers.vector3Column(columns[3]);
  const Eigen::Index rows = markers.rowCount();
  const Eigen::Vector3d up = Eigen::Vector3d::UnitY();

  // Thorax long axis per frame (NaN where a marker is missing), and the trial's mean forward
  // direction on the floor.
  Eigen::MatrixX3d longAxis(rows, 3);
  Eigen::Vector3d forwardSum = Eigen::Vector3d::Zero();
  for (Eigen::Index i = 0; i < rows; ++i) {
    const Eigen::Vector3d upper = 0.5 * (upperFront.row(i) + upperBack.row(i)).transpose();
    const Eigen::Vector3d lower = 0.5 * (lowerFront.row(i) + lowerBack.row(i)).transpose();
    const Eigen::Vector3d forward =
        0.5 *
        (upperFront.row(i) + lowerFront.row(i) - upperBack.row(i) - lowerBack.row(i)).transpose();
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
  table.setMetadata("thorax_markers", set->name);
  return table;
}

}  // namespace kinchain::kinematics
