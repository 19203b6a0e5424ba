#pragma once
// OpenSim ExternalLoads: which body each measured force acts on, the frames its force vector
// and point are expressed in, and the data-file columns that hold them. Read from an
// ExternalLoads XML (format versions 2.x to 4.x) plus its force data (.mot), or built directly
// from force plates assigned to feet.

#include <Eigen/Core>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/io/time_series_table.hpp"

namespace kinchain::dynamics {

/// One ExternalForce element, by name (bodies and columns are resolved later).
struct ExternalForceDescription {
  std::string name;
  bool appliesForce = true;  ///< 4.x <appliesForce>, or !<isDisabled> in 2.x/3.x
  std::string appliedToBody;
  std::string forceExpressedInBody = "ground";
  std::string pointExpressedInBody = "ground";
  std::string forceIdentifier;   ///< column prefix; "x", "y", "z" (or "_x"...) complete it
  std::string pointIdentifier;   ///< empty: the force acts at the body origin
  std::string torqueIdentifier;  ///< empty: no torque
  std::string dataSourceName;
};

struct ExternalLoadsDescription {
  std::string name;
  std::vector<ExternalForceDescription> forces;
  /// <datafile>, resolved against the XML file's directory (empty if not given).
  std::filesystem::path dataFile;
  /// <external_loads_model_kinematics_file> (2.x/3.x), resolved; used when points are
  /// expressed in a moving body.
  std::filesystem::path modelKinematicsFile;
  /// <lowpass_cutoff_frequency_for_load_kinematics> in Hz; negative = no filtering.
  double lowpassCutoffForLoadKinematics = -1.0;
};

/// Reads an ExternalLoads XML (root <OpenSimDocument><ExternalLoads> or <ExternalLoads>).
/// Throws InputError naming the file and line for missing or malformed elements.
ExternalLoadsDescription readExternalLoads(const std::filesystem::path& path);

/// Writes `description` as an OpenSim 4 ExternalLoads XML (OpenSimDocument Version 40000) whose
/// <datafile> is `dataFile` as given (a path relative to the XML's folder keeps the pair
/// movable). @throws InputError when the file cannot be written.
void writeExternalLoads(const ExternalLoadsDescription& description,
                        const std::filesystem::path& path, const std::string& dataFile);

/// Column indices (into a force data table) of one ExternalForce's x, y, z components.
struct ExternalForceColumns {
  std::optional<std::array<std::size_t, 3>> force;
  std::optional<std::array<std::size_t, 3>> point;
  std::optional<std::array<std::size_t, 3>> torque;
};

/// Finds the columns named identifier + {x,y,z} (or identifier + {_x,_y,_z}; case of the
/// suffix ignored) for force, point and torque. Throws InputError naming the data file and the
/// identifier when a component is missing.
ExternalForceColumns resolveExternalForceColumns(const ExternalForceDescription& force,
                                                 const io::TimeSeriesTable& data,
                                                 const std::string& dataSourceName);

}  // namespace kinchain::dynamics
