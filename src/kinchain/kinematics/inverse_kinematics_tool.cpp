#include "kinchain/kinematics/inverse_kinematics_tool.hpp"

#include <algorithm>

#include <fmt/core.h>

#include <Eigen/Geometry>
#include "kinchain/common/error.hpp"
#include "kinchain/common/output_files.hpp"

#include "kinchain/io/c3d_export.hpp"
#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/trc_file.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"

namespace kinchain::kinematics {

namespace {

// C3D markers in metres, turned from the lab frame into OpenSim's ground frame (y up). The lab's
// screen axes POINT:X_SCREEN / Y_SCREEN (C3D User Guide) say which lab axes are horizontal and
// up; without them the common motion-capture convention +X / +Z (z up) is assumed and noted.
io::TimeSeriesTable readC3dMarkers(const std::filesystem::path& path) {
  const auto trial = io::readC3d(path);
  auto markers = io::markerTable(trial, io::MarkerUnits::Metres);
  const io::LabToOpenSim labToOpenSim = io::labToOpenSimRotation(trial);
  for (std::size_t column = 0; column < markers.columnCount(); ++column) {
    if (markers.column(column).kind != io::ColumnKind::Vector3) continue;
    auto positions = markers.vector3Column(column);
    positions = (positions * labToOpenSim.rotation.transpose()).eval();
  }
  markers.setMetadata("LabToOpenSim", labToOpenSim.note);
  return markers;
}

}  // namespace

io::TimeSeriesTable readMarkerFile(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw InputError(path.string(), "", "marker file not found");
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  io::TimeSeriesTable markers;
  if (extension == ".trc") {
    markers = io::readTrc(path);
  } else if (extension == ".c3d") {
    markers = readC3dMarkers(path);
  } else {
    throw InputError(path.string(), "",
                     "unsupported marker file type '" + extension + "' (expected .trc or .c3d)");
  }
  markers.setMetadata("source", path.string());
  return markers;
}

namespace {

Eigen::Index firstRowAtOrAfter(const std::vector<double>& time, double t) {
  // Setup times are written with few digits; allow for rounding in the file's time stamps.
  const auto it = std::lower_bound(time.begin(), time.end(), t - 1e-9);
  return static_cast<Eigen::Index>(it - time.begin());
}

Eigen::Index lastRowAtOrBefore(const std::vector<double>& time, double t) {
  const auto it = std::upper_bound(time.begin(), time.end(), t + 1e-9);
  return static_cast<Eigen::Index>(it - time.begin()) - 1;
}

}  // namespace

IkToolReport runInverseKinematicsTool(const InverseKinematicsSetup& setup,
                                      const IkToolOptions& options) {
  if (setup.modelFile.empty()) {
    throw InputError(setup.setupFile.string(), "<model_file>", "the setup names no model");
  }
  if (!std::filesystem::exists(setup.modelFile)) {
    throw InputError(setup.setupFile.string(), "<model_file>",
                     "model file not found: " + setup.modelFile.string());
  }
  const auto model = model::readOsimModel(setup.modelFile);
  const auto markers = readMarkerFile(setup.markerFile);
  if (markers.rowCount() == 0) throw InputError(setup.markerFile.string(), "", "no marker frames");

  IkToolReport report;
  InverseKinematicsProblem problem(model, markers, setup.tasks);
  if (std::isfinite(setup.constraintWeight)) {
    problem.addNote(fmt::format("constraint_weight {:g}", setup.constraintWeight) +
                    ": coordinate couplers are enforced exactly");
  }
  const auto& time = problem.time();
  Eigen::Index first = 0;
  Eigen::Index last = problem.frameCount() - 1;
  if (setup.startTime) first = firstRowAtOrAfter(time, *setup.startTime);
  if (setup.endTime) last = lastRowAtOrBefore(time, *setup.endTime);
  if (first > last) {
    throw InputError(
        setup.setupFile.string(), "<time_range>",
        "no marker frame inside the time range (data: " + std::to_string(time.front()) + " to " +
            std::to_string(time.back()) + " s)");
  }
  const auto result =
      solveInverseKinematicsTrial(problem, first, last - first + 1, {}, options.threads);

  std::filesystem::path motionFile = setup.outputMotionFile;
  if (motionFile.empty()) motionFile = setup.resultsDirectory / (setup.name + "_ik.mot");
  report.motionFile = redirectedOutput(motionFile, options.outputDirectory);
  io::writeSto(ikCoordinatesTable(model, result),
               writablePath(report.motionFile, options.transaction));

  if (setup.reportErrors) {
    report.markerErrorFile = redirectedOutput(
        setup.resultsDirectory / (setup.name + "_ik_marker_errors.sto"), options.outputDirectory);
    io::writeSto(ikMarkerErrorTable(result),
                 writablePath(report.markerErrorFile, options.transaction));
  }
  if (setup.reportMarkerLocations) {
    report.markerLocationFile =
        redirectedOutput(setup.resultsDirectory / (setup.name + "_ik_model_marker_locations.sto"),
                         options.outputDirectory);
    io::TimeSeriesTable locations(result.time);
    model::Data data(model);
    const auto rows = static_cast<Eigen::Index>(result.frames.size());
    const auto markerCount = static_cast<Eigen::Index>(model.markers().size());
    Eigen::MatrixXd positions(rows, 3 * markerCount);  // one forward kinematics per frame
    for (Eigen::Index row = 0; row < rows; ++row) {
      model::forwardKinematics(model, data, result.frames[static_cast<std::size_t>(row)].q);
      positions.row(row) = data.markerPositions.reshaped().transpose();
    }
    for (Eigen::Index marker = 0; marker < markerCount; ++marker) {
      const auto& name = model.markers()[static_cast<std::size_t>(marker)].name;
      locations.addScalarColumn(name + "_tx", positions.col(3 * marker), "m");
      locations.addScalarColumn(name + "_ty", positions.col(3 * marker + 1), "m");
      locations.addScalarColumn(name + "_tz", positions.col(3 * marker + 2), "m");
    }
    io::writeSto(locations, writablePath(report.markerLocationFile, options.transaction));
  }

  report.frames = result.frames.size();
  double rmsSum = 0.0;
  for (const auto& frame : result.frames) {
    rmsSum += frame.rmsError;
    if (frame.maxError > report.maxError) {
      report.maxError = frame.maxError;
      report.worstMarker = frame.worstMarker;
    }
  }
  report.meanRmsError = report.frames > 0 ? rmsSum / static_cast<double>(report.frames) : 0.0;
  report.notes = problem.notes();
  report.notes.insert(report.notes.end(), result.warnings.begin(), result.warnings.end());
  return report;
}

}  // namespace kinchain::kinematics
