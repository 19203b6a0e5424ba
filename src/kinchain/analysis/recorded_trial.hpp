#pragma once
// A recorded walking or running trial as the analysis needs it: marker trajectories and the
// force plates' ground reactions in OpenSim's ground frame (y up, metres), the events the lab
// recorded, and the subject's body mass where the file carries it.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/analysis/lab_model_comparison.hpp"
#include "kinchain/dynamics/force_plate_assignment.hpp"
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

/// Reads markers from a .trc and, optionally, ground reactions from an OpenSim .mot/.sto whose
/// force groups follow OpenSim's naming: "<prefix>force_vx/vy/vz", "<prefix>force_px/py/pz" and
/// "<prefix>torque_x/y/z" (e.g. ground_force_vx, 1_ground_force_vx, l_ground_force_vx), already
/// in the ground frame. @throws InputError when a group is incomplete or the files are bad.
RecordedTrial readTrcTrial(const std::filesystem::path& markers,
                           const std::filesystem::path* groundReactions);

}  // namespace kinchain::analysis
