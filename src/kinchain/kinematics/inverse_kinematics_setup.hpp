#pragma once
// An OpenSim Inverse Kinematics setup file (<InverseKinematicsTool>, also the historical
// <InverseKinemtaticsTool> spelling of 2.x files) and its IK task set, with every file path
// resolved against the setup file's directory.

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/common/xml_document.hpp"

namespace kinchain::kinematics {

struct MarkerTask {
  std::string markerName;
  bool apply = true;
  double weight = 1.0;
};

enum class CoordinateTaskValue { DefaultValue, ManualValue, FromFile };

struct CoordinateTask {
  std::string coordinateName;
  bool apply = true;
  double weight = 1.0;
  CoordinateTaskValue valueType = CoordinateTaskValue::DefaultValue;
  double manualValue = 0.0;  ///< as written (degrees for rotational coordinates in OpenSim files)
};

struct IkTaskSet {
  std::vector<MarkerTask> markerTasks;
  std::vector<CoordinateTask> coordinateTasks;
};

/// Reads an <IKTaskSet> element (inline objects, or a `file` attribute naming a task-set XML
/// resolved against `baseDirectory`).
IkTaskSet readIkTaskSet(const XmlDocument& document, const pugi::xml_node& taskSetNode,
                        const std::filesystem::path& baseDirectory);

struct InverseKinematicsSetup {
  std::string name;
  std::filesystem::path setupFile;
  std::filesystem::path modelFile;
  std::filesystem::path markerFile;
  std::filesystem::path coordinateFile;  ///< for IKCoordinateTask from_file values
  std::filesystem::path resultsDirectory;
  std::filesystem::path outputMotionFile;
  /// Infinity (the OpenSim default) enforces constraints strictly.
  double constraintWeight = std::numeric_limits<double>::infinity();
  double accuracy = 1e-5;
  std::optional<double> startTime;
  std::optional<double> endTime;
  bool reportErrors = true;
  bool reportMarkerLocations = false;
  IkTaskSet tasks;
};

/// Reads the setup; throws InputError (file, line, reason) if it is not an IK setup.
InverseKinematicsSetup readInverseKinematicsSetup(const std::filesystem::path& path);

}  // namespace kinchain::kinematics
