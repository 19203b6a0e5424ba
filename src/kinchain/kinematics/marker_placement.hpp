#pragma once
// Marker placement, as OpenSim's MarkerPlacer (opensim-core OpenSim/Tools/MarkerPlacer.cpp,
// processModel / moveModelMarkersToPose):
// 1. The static trial is averaged over the time range (clipped to the data): the IK target is
//    the plain mean of the rows with start <= t <= end (TimeSeriesTable::averageRow; a marker
//    missing in any of them is missing), the marker-moving target the mean over the frames of
//    MarkerData::findFrameRange with missing samples left out (MarkerData::averageFrames).
// 2. Model markers the static trial does not have are deleted (Model::deleteUnusedMarkers).
// 3. The static pose: inverse kinematics on the averaged frame with the placer's IK tasks,
//    started from the default pose (coupler constraints exact).
// 4. Every non-fixed model marker is moved onto its averaged measured position, expressed in the
//    marker's frame at the static pose: p_F = X_GF^-1 p_G. Fixed markers stay.
// max_marker_movement (in the marker file's unit, as OpenSim) only warns when a marker moves
// more than that along an axis over the averaged frames.

#include <Eigen/Core>

#include <array>
#include <string>
#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/inverse_kinematics.hpp"
#include "kinchain/kinematics/inverse_kinematics_setup.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::kinematics {

struct MarkerPlacementOptions {
  IkTaskSet tasks;
  std::array<double, 2> timeRange{0.0, 0.0};  ///< s
  double maxMarkerMovement = -1.0;            ///< marker-file unit; <= 0: no check
  bool moveModelMarkers = true;
};

/// Error of one model marker at the static pose of the placed model.
struct MarkerPlacementError {
  std::string marker;
  double weight = 0.0;  ///< IK task weight (0: not an IK task)
  double staticPoseError =
      0.0;           ///< m, |model - averaged measured| at the IK solution, before moving
  double rms = 0.0;  ///< m, over the frames of the time range, after moving
  double max = 0.0;  ///< m, same frames
  int frames = 0;    ///< frames where the marker was measured
  bool moved = false;
};

struct MarkerPlacementResult {
  model::Model model;  ///< markers moved, unused markers deleted
  Eigen::VectorXd q;   ///< static pose, rad / m
  double time = 0.0;   ///< start of the clipped time range (the pose's time stamp, as OpenSim)
  IkFrameSolution solution;
  std::vector<MarkerPlacementError> markerErrors;  ///< model markers in model order
  std::vector<std::string> deletedMarkers;
  std::vector<std::string> notes;
};

/// Places the markers of `model` on the static trial `staticMarkers` (m, cm or mm).
/// @throws InputError(source, ...) when no frame lies inside the time range, the units are
///         unknown, or no IK task marker is in both model and data.
MarkerPlacementResult placeMarkers(const model::Model& model,
                                   const io::TimeSeriesTable& staticMarkers,
                                   const MarkerPlacementOptions& options,
                                   const std::string& source);

/// The errors as a tab-separated report: a header (pose RMS / max / worst marker), then one
/// line per marker: marker, weight, static_pose_error_m, rms_m, max_m, frames, moved.
std::string formatMarkerErrorReport(const MarkerPlacementResult& result);

}  // namespace kinchain::kinematics
