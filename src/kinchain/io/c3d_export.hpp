#pragma once
// Tables for OpenSim from a C3dTrial: the marker trajectories (for a .trc) and one ground
// reaction table for all force platforms (for an ExternalLoads .mot).

#include <Eigen/Core>

#include <string>

#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/time_series_table.hpp"

#include <cstddef>
#include <vector>

namespace kinchain::io {

/// Columns of trial.points that are markers: every point except the model outputs a C3D lists
/// in POINT:ANGLES, FORCES, MOMENTS, POWERS, SCALARS and REACTIONS (Vicon Plug-in Gait writes
/// joint angles, forces, moments and powers as points; they are not positions). Column order.
std::vector<std::size_t> markerColumns(const C3dTrial& trial);

enum class MarkerUnits { AsStored, Metres };

/// The markers (markerColumns) on the point clock, in the file's POINT:UNITS or in metres.
/// Metadata: DataRate, CameraRate, OrigDataRate = point rate; Units; OrigDataStartFrame and
/// FirstFrame = trial.firstFrame; OrigNumFrames = frames. Ready for writeTrc.
/// @throws InputError if `units` is Metres and POINT:UNITS is not a length unit.
TimeSeriesTable markerTable(const C3dTrial& trial, MarkerUnits units = MarkerUnits::AsStored);

enum class ForceLocation {
  CentreOfPressure,  ///< point = COP, torque = free moment about the COP
  PlateOrigin,       ///< point = plate measurement origin, torque = moment about it
};

/// One row per analog sample (t = sample / analogRate); per plate n = 1, 2, ... the scalar
/// columns plate{n}_force_vx, _vy, _vz (N), plate{n}_force_px, _py, _pz (m) and
/// plate{n}_torque_x, _y, _z (N·m), lab frame. With CentreOfPressure, samples whose COP is
/// undefined (vertical force under the threshold: no foot on the plate) get force and torque 0
/// and the point at the plate's surface centre, so OpenSim never meets NaN; with PlateOrigin
/// every sample is written as measured. Metadata DataRate = analog rate.
/// @throws InputError(file, "force platform N, <t0>-<t1> s", reason) when a plate's force has no
/// value (NaN analog samples the reader could not fill: longer than one point frame or at an end
/// of the record, see sample_gaps.hpp) — never a row of zeros.
TimeSeriesTable forceTable(const C3dTrial& trial, ForceLocation location);

/// The rotation that turns laboratory vectors into OpenSim's ground frame (x forward-ish, y up,
/// z = x × y). The lab's screen axes POINT:X_SCREEN / Y_SCREEN (C3D User Guide) say which lab
/// axes are horizontal and up; without them the common motion-capture convention +X / +Z
/// (z up) is assumed, and `note` says so.
struct LabToOpenSim {
  Eigen::Matrix3d rotation;  ///< v_opensim = rotation * v_lab
  std::string note;
};
/// @throws InputError if the screen axes are parallel.
LabToOpenSim labToOpenSimRotation(const C3dTrial& trial);

}  // namespace kinchain::io
