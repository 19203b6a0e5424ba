#pragma once
// An OpenSim Inverse Dynamics setup file (<InverseDynamicsTool>), paths resolved against the
// setup file's directory.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kinchain::dynamics {

struct InverseDynamicsSetup {
  std::string name;
  std::filesystem::path setupFile;
  std::filesystem::path modelFile;
  std::filesystem::path coordinatesFile;
  std::filesystem::path externalLoadsFile;  ///< empty: no external loads
  std::filesystem::path resultsDirectory;
  std::string outputGeneralizedForceFile = "inverse_dynamics.sto";  ///< OpenSim default name
  std::optional<bool> coordinatesInDegrees;  ///< 2.x <coordinates_in_degrees>
  /// Hz; negative means no filtering (OpenSim default -1).
  double lowpassCutoffForCoordinates = -1.0;
  std::optional<double> startTime;
  std::optional<double> endTime;
  std::vector<std::string> forcesToExclude;  ///< e.g. "Muscles", "All", "actuators" or names
};

/// Reads the setup; throws InputError (file, line, reason) if it is not an ID setup.
InverseDynamicsSetup readInverseDynamicsSetup(const std::filesystem::path& path);

}  // namespace kinchain::dynamics
