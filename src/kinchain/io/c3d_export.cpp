#include "kinchain/io/c3d_export.hpp"

#include "kinchain/common/error.hpp"
#include "kinchain/io/sample_gaps.hpp"

#include <Eigen/Geometry>

#include <fmt/format.h>

#include <cmath>
#include <optional>
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
    // A force without a value is not "no foot on the plate": writing 0 there would be a silent
    // wrong answer. The reader has filled the gaps it could (sample_gaps.hpp).
    const auto gaps =
        findSampleGaps(rows, [&](Eigen::Index row) { return !w.force.row(row).allFinite(); });
    if (!gaps.empty()) {
      const auto& gap = gaps.front();
      throw InputError(
          trial.source,
          fmt::format("force platform {}, {}", p + 1, gapTimeSpan(gap, trial.analog.time())),
          fmt::format(
              "the ground reaction has no value in {} analog sample(s) (NaN in the "
              "plate's channels{}), so the plate's forces cannot be written",
              gap.length(),
              gaps.size() > 1 ? fmt::format("; {} such gaps", gaps.size()) : std::string()));
    }
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

namespace {

// Unit lab axis named by a C3D screen parameter ("+X", "-Z", ...), or nullopt.
std::optional<Eigen::Vector3d> screenAxis(const C3dTrial& trial, const char* name) {
  const auto* parameter = trial.parameters.find("POINT", name);
  if (parameter == nullptr || parameter->strings.empty()) return std::nullopt;
  const std::string text = parameter->strings.front();
  if (text.size() != 2 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const int axis = text[1] == 'X' ? 0 : text[1] == 'Y' ? 1 : text[1] == 'Z' ? 2 : -1;
  if (axis < 0) return std::nullopt;
  Eigen::Vector3d unit = Eigen::Vector3d::Zero();
  unit[axis] = text[0] == '+' ? 1.0 : -1.0;
  return unit;
}

}  // namespace

LabToOpenSim labToOpenSimRotation(const C3dTrial& trial) {
  const auto xScreen = screenAxis(trial, "X_SCREEN");
  const auto yScreen = screenAxis(trial, "Y_SCREEN");
  const Eigen::Vector3d right = xScreen.value_or(Eigen::Vector3d::UnitX());
  const Eigen::Vector3d up = yScreen.value_or(Eigen::Vector3d::UnitZ());
  if (std::abs(right.dot(up)) > 0.5) {
    throw InputError(trial.source, "parameter POINT:X_SCREEN / Y_SCREEN",
                     "the screen axes are parallel");
  }
  LabToOpenSim result;
  result.rotation.row(0) = right.transpose();
  result.rotation.row(1) = up.transpose();
  result.rotation.row(2) = right.cross(up).transpose();
  result.note =
      (xScreen && yScreen) ? "from POINT:X_SCREEN/Y_SCREEN" : "assumed X_SCREEN=+X, Y_SCREEN=+Z";
  return result;
}

}  // namespace kinchain::io
