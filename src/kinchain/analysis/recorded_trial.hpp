#pragma once
// A recorded walking or running trial as the analysis needs it: marker trajectories and the
// force plates' ground reactions in OpenSim's ground frame (y up, metres), the events the lab
// recorded, and the subject's body mass where the file carries it.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/analysis/lab_model_comparison.hpp"
#include "kinchain/dynamics/force_plate_assignment.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/gait_events.hpp"

namespace kinchain::analysis {

struct RecordedTrial {
  std::filesystem::path file;        ///< the trial (C3D, or the TRC of a TRC + GRF pair)
  std::filesystem::path forcesFile;  ///< GRF .mot of a TRC + GRF pair; empty for C3D
  io::TimeSeriesTable markers;       ///< Vector3 columns, metres, OpenSim ground frame
  double markerRate = 0.0;           ///< Hz
  /// One entry per force plate (C3D) or per force group of the GRF file, in ground; force on
  /// the subject (N), centre of pressure (m), free moment (N·m).
  std::vector<dynamics::PlateSignals> plates;
  std::vector<kinematics::GaitEvent> recordedEvents;  ///< from the C3D EVENT section
  std::optional<double> massKg;                       ///< from the file, when it says
  std::string massSource;
  std::string frameNote;       ///< how the lab frame was turned into OpenSim's
  LabModelOutputs labOutputs;  ///< the lab model's joint kinetics, when the C3D carries them
  std::vector<std::string> warnings;
};

/// Reads a C3D trial. @throws InputError for unreadable files (file, place, reason).
RecordedTrial readC3dTrial(const std::filesystem::path& path);

/// Rows of a ground-reaction file kept beyond the markers' time range at each end, besides one
/// marker frame. The analysis uses the forces twice: (1) contact detection and gap filling
/// (dynamics/force_plate_assignment.hpp, kinematics/gait_events.hpp) merge gaps and fragments
/// shorter than one marker frame and fill missing samples across at most one marker frame, so
/// they need the force data one marker frame beyond the markers; (2) inverse dynamics fits an
/// interpolating cubic spline through every force sample (OpenSim's GCVSpline, see
/// dynamics/external_load_series.hpp) and evaluates it at the marker frames only (the 6 Hz
/// low-pass acts on the coordinates, not on the forces). On equally spaced samples the weight of
/// a sample in the interpolating cubic falls by |sqrt(3) - 2| ~= 0.268 per sample of distance
/// (the decay of the cubic spline's cardinal functions, de Boor, A Practical Guide to Splines);
/// after 28 samples it is 0.268^28 ~= 1e-16, below double precision's 2.2e-16, so cutting the
/// data there changes the loads at the marker frames by no more than rounding.
inline constexpr std::size_t kForceRowsBeyondMarkers = 28;

/// The rows of a ground-reaction file a TRC trial with markers from `firstMarkerTime` to
/// `lastMarkerTime` (s) at `markerRate` (Hz) needs: one marker frame and kForceRowsBeyondMarkers
/// samples beyond each end.
io::StoTimeWindow forceWindowAround(double firstMarkerTime, double lastMarkerTime,
                                    double markerRate);

/// Reads markers from a .trc and, optionally, ground reactions from an OpenSim .mot/.sto whose
/// force groups follow OpenSim's naming: "<prefix>force_vx/vy/vz", "<prefix>force_px/py/pz" and
/// "<prefix>torque_x/y/z" (e.g. ground_force_vx, 1_ground_force_vx, l_ground_force_vx), already
/// in the ground frame. Only the force rows of forceWindowAround the markers are read; when the
/// file holds more, a warning names the force file's and the markers' time ranges and the range
/// read. @throws InputError when a group is incomplete, the files are bad, or the force data
/// does not overlap the markers' time range.
RecordedTrial readTrcTrial(const std::filesystem::path& markers,
                           const std::filesystem::path* groundReactions);

}  // namespace kinchain::analysis
