#pragma once
// Runs an OpenSim Inverse Kinematics setup end to end: model, marker file, tasks, time range,
// then writes the motion (.mot, degrees) and, as OpenSim does, the marker errors
// (<results_directory>/<name>_ik_marker_errors.sto) when report_errors is on and the model
// marker locations (<name>_ik_model_marker_locations.sto) when report_marker_locations is on.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/common/output_transaction.hpp"
#include "kinchain/kinematics/inverse_kinematics.hpp"
#include "kinchain/kinematics/inverse_kinematics_setup.hpp"

namespace kinchain::kinematics {

struct IkToolOptions {
  /// Write every output into this directory instead of where the setup says.
  std::optional<std::filesystem::path> outputDirectory;
  int threads = 0;  ///< 0: every core
  /// When set, files are staged in it and reach their place only when the caller commits.
  OutputTransaction* transaction = nullptr;
};

struct IkToolReport {
  std::filesystem::path motionFile;
  std::filesystem::path markerErrorFile;     ///< empty when not written
  std::filesystem::path markerLocationFile;  ///< empty when not written
  std::size_t frames = 0;
  double meanRmsError = 0.0;  ///< m
  double maxError = 0.0;      ///< m, over the trial
  std::string worstMarker;
  std::vector<std::string> notes;  ///< problem notes and trial warnings
};

/// Solves the setup's trial. @throws InputError for missing or malformed inputs.
IkToolReport runInverseKinematicsTool(const InverseKinematicsSetup& setup,
                                      const IkToolOptions& options = {});

/// Reads marker data for IK: .trc (any unit) or .c3d (converted to metres and rotated from the
/// lab frame into OpenSim's y-up ground frame), with the file name kept as the table's source.
io::TimeSeriesTable readMarkerFile(const std::filesystem::path& path);

}  // namespace kinchain::kinematics
