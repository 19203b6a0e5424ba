#include "kinchain/kinematics/marker_placement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kinchain/common/error.hpp"
#include "kinchain/kinematics/model_scaling.hpp"
#include "kinchain/kinematics/scale_factors.hpp"
#include "kinchain/model/forward_kinematics.hpp"

namespace kinchain::kinematics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct MarkerColumn {
  std::string name;
  std::size_t column = 0;
};

std::vector<MarkerColumn> markerColumns(const io::TimeSeriesTable& markers) {
  std::vector<MarkerColumn> columns;
  for (std::size_t c = 0; c < markers.columnCount(); ++c) {
    if (markers.column(c).kind == io::ColumnKind::Vector3)
      columns.push_back({markers.column(c).label, c});
  }
  return columns;
}

// OpenSim TimeSeriesTable::averageRow: plain mean of the rows with begin <= t <= end.
io::TimeSeriesTable averageRows(const io::TimeSeriesTable& markers,
                                const std::vector<MarkerColumn>& columns, double begin, double end,
                                const std::string& source) {
  const auto& time = markers.time();
  const auto first =
      static_cast<Eigen::Index>(std::lower_bound(time.begin(), time.end(), begin) - time.begin());
  const auto stop =
      static_cast<Eigen::Index>(std::upper_bound(time.begin(), time.end(), end) - time.begin());
  if (first >= stop) {
    throw InputError(source, "time_range", fmt::format("no frame inside {:g}..{:g} s", begin, end));
  }
  io::TimeSeriesTable average(std::vector<double>{begin});
  for (const auto& marker : columns) {
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    for (Eigen::Index row = first; row < stop; ++row)
      sum += markers.vector3(row, marker.column);
    Eigen::MatrixX3d value(1, 3);
    value.row(0) = (sum / static_cast<double>(stop - first)).transpose();
    average.addVector3Column(marker.name, value, "m");
  }
  average.setMetadata("Units", "m");
  return average;
}

// OpenSim MarkerData::averageFrames: mean over [rows] with missing samples left out; also the
// largest per-axis range of each marker over those frames (for max_marker_movement).
void averageFrames(const io::TimeSeriesTable& markers, const std::vector<MarkerColumn>& columns,
                   const std::array<Eigen::Index, 2>& rows, std::vector<Eigen::Vector3d>& mean,
                   std::vector<double>& movement) {
  mean.assign(columns.size(), Eigen::Vector3d::Constant(kNaN));
  movement.assign(columns.size(), 0.0);
  for (std::size_t k = 0; k < columns.size(); ++k) {
    Eigen::Vector3d sum = Eigen::Vector3d::Zero();
    Eigen::Vector3d low = Eigen::Vector3d::Constant(std::numeric_limits<double>::infinity());
    Eigen::Vector3d high = -low;
    int count = 0;
    for (Eigen::Index row = rows[0]; row <= rows[1]; ++row) {
      const Eigen::Vector3d p = markers.vector3(row, columns[k].column);
      if (!p.allFinite()) continue;
      sum += p;
      low = low.cwiseMin(p);
      high = high.cwiseMax(p);
      ++count;
    }
    if (count == 0) continue;
    mean[k] = sum / count;
    movement[k] = (high - low).maxCoeff();
  }
}

}  // namespace

MarkerPlacementResult placeMarkers(const model::Model& model,
                                   const io::TimeSeriesTable& staticMarkers,
                                   const MarkerPlacementOptions& options,
                                   const std::string& source) {
  const io::TimeSeriesTable markers = markersInMetres(staticMarkers, source);
  const auto& time = markers.time();
  if (time.empty()) throw InputError(source, "", "the static trial has no frames");
  // OpenSim narrows a time range that overshoots the data to the data's range.
  const double begin = std::max(options.timeRange[0], time.front());
  const double end = std::min(options.timeRange[1], time.back());
  const auto columns = markerColumns(markers);
  const io::TimeSeriesTable target = averageRows(markers, columns, begin, end, source);
  const auto rows = markerFrameRange(time, begin, end, source);
  std::vector<Eigen::Vector3d> averaged;
  std::vector<double> movement;
  averageFrames(markers, columns, rows, averaged, movement);

  std::vector<std::string> notes;
  if (options.maxMarkerMovement > 0.0) {
    // The threshold is in the marker file's unit (OpenSim averages before converting units).
    const double metresPerFileUnit = metresPerMarkerUnit(staticMarkers, source);
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (movement[k] > options.maxMarkerMovement * metresPerFileUnit) {
        notes.push_back(fmt::format(
            "marker {} moves {:.4g} m over the averaged frames (max_marker_movement {:g})",
            columns[k].name, movement[k], options.maxMarkerMovement));
      }
    }
  }

  // Delete the model markers the static trial lacks.
  model::ModelParts parts = modelPartsOf(model);
  std::vector<std::string> deleted;
  std::erase_if(parts.markers, [&](const model::Marker& marker) {
    const bool unused = !markers.findColumn(marker.name);
    if (unused) deleted.push_back(marker.name);
    return unused;
  });
  model::Model kept(parts);

  // Static pose by IK on the averaged frame, from the default pose.
  InverseKinematicsProblem problem(kept, target, options.tasks);
  for (const auto& note : problem.notes())
    notes.push_back(note);
  IkWorkspace workspace(problem);
  Eigen::VectorXd q0 = kept.defaultCoordinates();
  model::applyCouplerConstraints(kept, q0);
  IkSolverOptions solverOptions;
  solverOptions.stepTolerance = 1e-12;  // tighter than the per-frame IK default: one frame only
  solverOptions.maxIterations = 1000;
  IkFrameSolution solution = solveInverseKinematicsFrame(problem, workspace, 0, q0, solverOptions);
  if (!solution.converged) notes.push_back("static-pose IK did not converge");

  model::Data data(kept);
  model::forwardKinematics(kept, data, solution.q);
  std::vector<MarkerPlacementError> errors(kept.markers().size());
  for (std::size_t m = 0; m < kept.markers().size(); ++m) {
    auto& marker = parts.markers[m];
    errors[m].marker = marker.name;
    const auto column = *target.findColumn(marker.name);
    errors[m].staticPoseError =
        (data.markerPositions.col(static_cast<Eigen::Index>(m)) - target.vector3(0, column)).norm();
    for (const auto& task : options.tasks.markerTasks) {
      if (task.markerName == marker.name && task.apply) errors[m].weight = task.weight;
    }
    if (options.tasks.markerTasks.empty()) errors[m].weight = 1.0;
    if (!options.moveModelMarkers || marker.fixed) continue;
    const auto k = static_cast<std::size_t>(
        std::find_if(columns.begin(), columns.end(),
                     [&](const MarkerColumn& c) { return c.name == marker.name; }) -
        columns.begin());
    if (!averaged[k].allFinite()) {
      notes.push_back("marker " + marker.name +
                      " has no valid samples in the time range; not moved");
      continue;
    }
    const auto& X_GF = data.X_GF.at(marker.frame.value());
    marker.location = X_GF.inverse().apply(averaged[k]);
    errors[m].moved = true;
  }

  model::Model placed(std::move(parts));
  model::Data placedData(placed);
  model::forwardKinematics(placed, placedData, solution.q);
  for (std::size_t m = 0; m < placed.markers().size(); ++m) {
    const auto column = *markers.findColumn(placed.markers()[m].name);
    const Eigen::Vector3d p = placedData.markerPositions.col(static_cast<Eigen::Index>(m));
    double sumSquares = 0.0;
    for (Eigen::Index row = rows[0]; row <= rows[1]; ++row) {
      const Eigen::Vector3d x = markers.vector3(row, column);
      if (!x.allFinite()) continue;
      const double e = (p - x).norm();
      sumSquares += e * e;
      errors[m].max = std::max(errors[m].max, e);
      ++errors[m].frames;
    }
    errors[m].rms = errors[m].frames > 0 ? std::sqrt(sumSquares / errors[m].frames) : kNaN;
  }
  MarkerPlacementResult result{std::move(placed),   solution.q,        begin,
                               std::move(solution), std::move(errors), std::move(deleted),
                               std::move(notes)};
  return result;
}

std::string formatMarkerErrorReport(const MarkerPlacementResult& result) {
  std::string text = "# Marker placement: static pose errors (m)\n";
  text += fmt::format("# time\t{:.6g}\n# ik_markers\t{}\n# ik_rms\t{:.6g}\n# ik_max\t{:.6g}\n",
                      result.time, result.solution.markersUsed, result.solution.rmsError,
                      result.solution.maxError);
  text += "# ik_worst\t" + result.solution.worstMarker + "\n";
  text += "marker\tweight\tstatic_pose_error\trms\tmax\tframes\tmoved\n";
  for (const auto& e : result.markerErrors) {
    text += fmt::format("{}\t{:g}\t{:.6g}\t{:.6g}\t{:.6g}\t{}\t{}\n", e.marker, e.weight,
                        e.staticPoseError, e.rms, e.max, e.frames, e.moved ? "yes" : "no");
  }
  return text;
}

}  // namespace kinchain::kinematics
