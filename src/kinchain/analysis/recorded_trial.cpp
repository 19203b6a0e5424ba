#include "kinchain/analysis/recorded_trial.hpp"

#include <cctype>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "kinchain/common/error.hpp"
#include "kinchain/io/c3d_export.hpp"
#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/trc_file.hpp"
#include "kinchain/kinematics/scale_factors.hpp"

namespace kinchain::analysis {

namespace {

std::string lowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// C3D EVENT contexts "Left"/"Right" with labels "Foot Strike"/"Foot Off" (Vicon's convention,
// also written by Qualisys and Motion Analysis exports); other events are not gait events.
std::optional<kinematics::GaitEvent> gaitEventOf(const io::C3dEvent& event) {
  const std::string context = lowerCase(event.context);
  std::string label = lowerCase(event.label);
  // Some labs number the events of one kind ("Foot Strike1", "Foot Strike2": schreiber2019).
  while (!label.empty() &&
         (std::isdigit(static_cast<unsigned char>(label.back())) != 0 || label.back() == ' '))
    label.pop_back();
  kinematics::GaitEvent gait;
  gait.source = kinematics::GaitEventSource::Recorded;
  gait.time = event.time;
  if (context == "left") {
    gait.side = Side::Left;
  } else if (context == "right") {
    gait.side = Side::Right;
  } else {
    return std::nullopt;
  }
  if (label == "foot strike") {
    gait.kind = kinematics::GaitEventKind::FootStrike;
  } else if (label == "foot off") {
    gait.kind = kinematics::GaitEventKind::FootOff;
  } else {
    return std::nullopt;
  }
  return gait;
}

// Vicon writes the subject's mass (kg) as PROCESSING:Bodymass.
void readBodyMass(const io::C3dTrial& trial, RecordedTrial& result) {
  const auto* parameter = trial.parameters.find("PROCESSING", "Bodymass");
  if (parameter == nullptr || parameter->numbers.empty()) return;
  const double mass = parameter->numbers.front();
  if (std::isfinite(mass) && mass > 0.0) {
    result.massKg = mass;
    result.massSource = "C3D parameter PROCESSING:Bodymass";
  } else {
    result.warnings.push_back(
        fmt::format("PROCESSING:Bodymass is {} kg, not a body mass; ignored", mass));
  }
}

// Vicon Plug-in Gait's joint moments and powers (points listed in POINT:MOMENTS / POWERS).
void readLabOutputs(const io::C3dTrial& trial, RecordedTrial& result) {
  const auto* moments = trial.parameters.find("POINT", "MOMENTS");
  const auto* powers = trial.parameters.find("POINT", "POWERS");
  if (moments == nullptr && powers == nullptr) return;
  const auto unitScale = [&](const char* name, const std::string& si) -> std::optional<double> {
    const auto* units = trial.parameters.find("POINT", name);
    const std::string text = units && !units->strings.empty() ? units->strings.front() : si;
    // Plug-in Gait normalises its kinetics to body mass but writes the units without "/kg"
    // ("Nmm", "W"; Vicon Plug-in Gait Reference Guide: moments N·mm/kg, powers W/kg).
    if (text == si || text + "/kg" == si) return 1.0;
    if (si == "Nm/kg" && (text == "Nmm/kg" || text == "Nmm")) return 0.001;
    result.warnings.push_back(fmt::format(
        "POINT:{} is '{}'; the lab model's outputs in it are not compared", name, text));
    return std::nullopt;
  };
  const auto momentScale = unitScale("MOMENT_UNITS", "Nm/kg");
  const auto powerScale = unitScale("POWER_UNITS", "W/kg");
  LabModelOutputs outputs;
  outputs.points = io::TimeSeriesTable(trial.points.time());
  const auto take = [&](const io::c3d::Parameter* list, const std::optional<double>& scale) {
    if (list == nullptr || !scale) return;
    for (const auto& name : list->strings) {
      const auto column = trial.points.findColumn(name);
      if (!column || outputs.points.findColumn(name)) continue;
      outputs.points.addVector3Column(name, trial.points.vector3Column(*column));
    }
  };
  take(moments, momentScale);
  take(powers, powerScale);
  outputs.momentScale = momentScale.value_or(1.0);
  outputs.powerScale = powerScale.value_or(1.0);
  result.labOutputs = std::move(outputs);
}

Eigen::MatrixX3d rotated(const Eigen::MatrixX3d& rows, const Eigen::Matrix3d& rotation) {
  return rows * rotation.transpose();
}

std::string secondsText(double seconds) {
  return fmt::format("{:g}", seconds);
}

// Reads the ground reactions a TRC trial needs: the rows within the markers' time range and
// kForceRowsBeyondMarkers rows plus one marker frame beyond each end of it (see
// forceWindowAround). A file that goes on beyond that is not read further, with a warning
// naming both time ranges; force data that does not overlap the markers is an error.
io::TimeSeriesTable readGroundReactionWindow(const std::filesystem::path& path,
                                             RecordedTrial& trial) {
  const auto& markerTime = trial.markers.time();
  // Fewer than two frames: no frame interval to size the margin with; the analysis refuses
  // such a trial anyway.
  if (markerTime.size() < 2 || !(trial.markerRate > 0.0)) return io::readSto(path);
  const io::StoTimeWindow window =
      forceWindowAround(markerTime.front(), markerTime.back(), trial.markerRate);
  io::WindowedStoTable read = io::readSto(path, window);
  const auto& kept = read.table.time();
  const std::string markerRange =
      secondsText(markerTime.front()) + " to " + secondsText(markerTime.back()) + " s";
  if (read.fileFirstTime && read.fileLastTime &&
      (*read.fileLastTime < markerTime.front() || *read.fileFirstTime > markerTime.back())) {
    throw InputError(path.string(), "time column",
                     "the force data spans " + secondsText(*read.fileFirstTime) + " to " +
                         secondsText(*read.fileLastTime) + " s and the markers " + markerRange +
                         ": the two do not overlap, so no force applies to any marker frame");
  }
  if (read.rowsDropped && !kept.empty()) {
    trial.warnings.push_back(fmt::format(
        "{}: the force data spans {} to {} s but the markers only {}; only {} to {} s of it was "
        "read (the marker time range plus one marker frame and {} force samples at each end, "
        "what contact detection and the load splines need)",
        path.filename().string(), secondsText(*read.fileFirstTime), secondsText(*read.fileLastTime),
        markerRange, secondsText(kept.front()), secondsText(kept.back()), window.extraRows));
  }
  return std::move(read.table);
}

}  // namespace

io::StoTimeWindow forceWindowAround(double firstMarkerTime, double lastMarkerTime,
                                    double markerRate) {
  const double frame = 1.0 / markerRate;
  return {firstMarkerTime - frame, lastMarkerTime + frame, kForceRowsBeyondMarkers};
}

RecordedTrial readC3dTrial(const std::filesystem::path& path) {
  const io::C3dTrial trial = io::readC3d(path);
  RecordedTrial result;
  result.file = path;
  result.markerRate = trial.pointRate;
  result.markers = io::markerTable(trial, io::MarkerUnits::Metres);
  const io::LabToOpenSim labToOpenSim = io::labToOpenSimRotation(trial);
  result.frameNote = labToOpenSim.note;
  for (std::size_t column = 0; column < result.markers.columnCount(); ++column) {
    if (result.markers.column(column).kind != io::ColumnKind::Vector3) continue;
    auto positions = result.markers.vector3Column(column);
    positions = rotated(positions, labToOpenSim.rotation);
  }
  result.markers.setMetadata("LabToOpenSim", labToOpenSim.note);
  result.markers.setMetadata("source", path.string());
  for (std::size_t p = 0; p < trial.forcePlatforms.size(); ++p) {
    const auto& wrenches = trial.forcePlatformWrenches.at(p);
    dynamics::PlateSignals plate;
    plate.name = fmt::format("plate {}", p + 1);
    plate.source = path.string();
    plate.time = trial.analog.time();
    plate.force = rotated(wrenches.force, labToOpenSim.rotation);
    plate.centreOfPressure = rotated(wrenches.centreOfPressure, labToOpenSim.rotation);
    plate.freeMoment = rotated(wrenches.freeMoment, labToOpenSim.rotation);
    result.plates.push_back(std::move(plate));
  }
  for (const auto& event : trial.events) {
    if (const auto gait = gaitEventOf(event)) result.recordedEvents.push_back(*gait);
  }
  kinematics::sortEvents(result.recordedEvents);
  readBodyMass(trial, result);
  readLabOutputs(trial, result);
  result.warnings.insert(result.warnings.end(), trial.warnings.begin(), trial.warnings.end());
  return result;
}

RecordedTrial readTrcTrial(const std::filesystem::path& markerPath,
                           const std::filesystem::path* groundReactions) {
  RecordedTrial result;
  result.file = markerPath;
  result.markers = kinematics::markersInMetres(io::readTrc(markerPath), markerPath.string());
  result.markers.setMetadata("source", markerPath.string());
  const auto& time = result.markers.time();
  if (time.size() >= 2) result.markerRate = (time.size() - 1) / (time.back() - time.front());
  result.frameNote = "TRC is in OpenSim's ground frame already";
  if (groundReactions == nullptr) return result;

  result.forcesFile = *groundReactions;
  const io::TimeSeriesTable forces = readGroundReactionWindow(*groundReactions, result);
  // Group columns "<prefix>force_vx" → prefix.
  std::map<std::string, std::size_t> prefixes;
  for (const auto& label : forces.labels()) {
    const std::string suffix = "force_vx";
    if (label.size() >= suffix.size() &&
        label.compare(label.size() - suffix.size(), suffix.size(), suffix) == 0)
      prefixes.emplace(label.substr(0, label.size() - suffix.size()), prefixes.size());
  }
  if (prefixes.empty()) {
    throw InputError(groundReactions->string(), "column labels",
                     "no ground-reaction columns (expected e.g. ground_force_vx, "
                     "ground_force_px, ground_torque_x)");
  }
  const auto column = [&](const std::string& label) {
    const auto index = forces.findColumn(label);
    if (!index) {
      throw InputError(groundReactions->string(), "column labels",
                       "missing column '" + label + "' of a ground-reaction group");
    }
    return forces.scalarColumn(*index);
  };
  for (const auto& [prefix, order] : prefixes) {
    (void)order;
    dynamics::PlateSignals plate;
    plate.name = prefix + "force";
    plate.source = groundReactions->string();
    plate.time = forces.time();
    const Eigen::Index rows = forces.rowCount();
    plate.force.resize(rows, 3);
    plate.centreOfPressure.resize(rows, 3);
    plate.freeMoment.resize(rows, 3);
    for (int axis = 0; axis < 3; ++axis) {
      const char name = "xyz"[axis];
      plate.force.col(axis) = column(fmt::format("{}force_v{}", prefix, name));
      plate.centreOfPressure.col(axis) = column(fmt::format("{}force_p{}", prefix, name));
      plate.freeMoment.col(axis) = column(fmt::format("{}torque_{}", prefix, name));
    }
    result.plates.push_back(std::move(plate));
  }
  return result;
}

}  // namespace kinchain::analysis
