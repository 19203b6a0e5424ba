#include "kinchain/io/c3d_export.hpp"

#include "kinchain/common/error.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <string>

namespace kinchain::io {

std::vector<std::size_t> markerColumns(const C3dTrial& trial) {
  std::set<std::string> modelOutputs;
  for (const char* group : {"ANGLES", "FORCES", "MOMENTS", "POWERS", "SCALARS", "REACTIONS"}) {
    if (const auto* parameter = trial.parameters.find("POINT", group)) {
      modelOutputs.insert(parameter->strings.begin(), parameter->strings.end());
    }
  }
  std::vector<std::size_t> columns;
  for (std::size_t i = 0; i < trial.points.columnCount(); ++i) {
    const std::string& stored =
        i < trial.pointLabelsAsStored.size() ? trial.pointLabelsAsStored[i] : "";
    if (modelOutputs.count(stored) == 0) columns.push_back(i);
  }
  return columns;
}

TimeSeriesTable markerTable(const C3dTrial& trial, MarkerUnits units) {
  double factor = 1.0;
  const bool toMetres = units == MarkerUnits::Metres;
  const std::string unit = toMetres ? std::string(1, 'm') : trial.pointUnits;
  if (toMetres) {
    factor = trial.pointUnitsInMetres();
    if (!std::isfinite(factor)) {
      throw InputError(
          trial.source, "parameter POINT:UNITS",
          fmt::format("'{}' is not a length unit; cannot convert to metres", trial.pointUnits));
    }
  }
  TimeSeriesTable table(trial.points.time());
  for (const std::size_t column : markerColumns(trial)) {
    table.addVector3Column(trial.points.column(column).label,
                           trial.points.vector3Column(column) * factor, unit);
  }
  const std::string rate = std::to_string(trial.pointRate);
  table.setMetadata("DataRate", rate);
  table.setMetadata("CameraRate", rate);
  table.setMetadata("Units", unit);
  table.setMetadata("OrigDataRate", rate);
  table.setMetadata("OrigDataStartFrame", std::to_string(trial.firstFrame));
  table.setMetadata("OrigNumFrames", std::to_string(trial.frameCount));
  table.setMetadata("FirstFrame", std::to_string(trial.firstFrame));
  return table;
}

TimeSeriesTable forceTable(const C3dTrial& trial, ForceLocation location) {
  TimeSeriesTable table(trial.analog.time());
  const Eigen::Index rows = table.rowCount();
  for (std::size_t p = 0; p < trial.forcePlatforms.size(); ++p) {
    const auto& plate = trial.forcePlatforms[p];
    const auto& w = trial.forcePlatformWrenches[p];
    Eigen::MatrixX3d force = w.force;
    Eigen::MatrixX3d point(rows, 3);
    Eigen::MatrixX3d torque(rows, 3);
    if (location == ForceLocation::PlateOrigin) {
      point = plate.origin.transpose().replicate(rows, 1);
      torque = w.momentAtOrigin;
    } else {
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (w.centreOfPressure.row(i).array().isNaN().any()) {
          force.row(i).setZero();
          point.row(i) = plate.surfaceCentre.transpose();
          torque.row(i).setZero();
        } else {
          point.row(i) = w.centreOfPressure.row(i);
          torque.row(i) = w.freeMoment.row(i);
        }
      }
    }
    const std::string prefix = "plate" + std::to_string(p + 1) + "_";
    const char* axes[] = {"x", "y", "z"};
    for (int k = 0; k < 3; ++k)
      table.addScalarColumn(prefix + "force_v" + axes[k], force.col(k), "N");
    for (int k = 0; k < 3; ++k)
      table.addScalarColumn(prefix + "force_p" + axes[k], point.col(k), "m");
    for (int k = 0; k < 3; ++k)
      table.addScalarColumn(prefix + "torque_" + axes[k], torque.col(k), "N*m");
  }
  table.setMetadata("DataRate", std::to_string(trial.analogRate));
  table.setMetadata("inDegrees", "no");  // no angles: keeps OpenSim from guessing
  return table;
}

}  // namespace kinchain::io
