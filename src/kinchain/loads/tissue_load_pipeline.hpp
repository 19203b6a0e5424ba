#pragma once
// `kinchain loads` as a library call: static optimisation of a trial (muscle/
// static_optimization_tool.hpp, the exact solver), inverse dynamics at the same frames
// (dynamics/inverse_dynamics_tool.hpp), tissue loads (tissue_loads.hpp) and their per-phase
// summary (tissue_load_summary.hpp), with gait events from the ground reaction forces.
//
// Files written to outputDirectory (created):
//   <name>_StaticOptimization_activation.sto, <name>_StaticOptimization_force.sto (OpenSim's
//   layout; <name> = the coordinates file's stem), tissue_loads.sto, tissue_loads.json.
//
// Events from the external loads: each ExternalForce applied to a body whose name ends in "_r"
// or "_l" (calcn_r, ...) counts for that side; the vertical (y, OpenSim's up axis) components of
// a side's forces, expressed in ground, are summed and foot strike / foot off found with
// kinematics::contactsFromVerticalForce (10 N threshold, Tirosh & Sparrow 2003 / Leitch et al.
// 2011 as cited there; contacts and gaps shorter than one coordinate row interval merged).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kinchain/common/output_transaction.hpp"
#include "kinchain/dynamics/external_loads.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/gait_events.hpp"
#include "kinchain/loads/tissue_loads.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::loads {

struct TissueLoadPipelineInput {
  std::filesystem::path modelFile;
  std::filesystem::path coordinatesFile;
  std::filesystem::path externalLoadsFile;           ///< empty: gravity only (no events)
  std::vector<std::filesystem::path> actuatorFiles;  ///< OpenSim force-set XML (reserves...)
  std::filesystem::path outputDirectory;
  /// When set, files are staged in it and reach outputDirectory only when the caller commits.
  OutputTransaction* transaction = nullptr;
  std::optional<double> bodyMassKg;  ///< absent: the sum of the model's body masses
  bool eventsFromGrf = false;
  double lowpassHz = -1.0;  ///< coordinates low-pass (negative: none), as OpenSim's tools
  std::optional<double> startTime, endTime;
  int stepInterval = 1;  ///< every n-th coordinate row (OpenSim step_interval)
  int threads = 0;       ///< 0 = every core
};

struct TissueLoadPipelineResult {
  TissueLoads loads;
  nlohmann::json summary;
  std::vector<kinematics::GaitEvent> events;
  double bodyMassKg = 0.0;
  std::string bodyMassSource;
  std::filesystem::path activationFile, forceFile, seriesFile, summaryFile;
  std::vector<std::string> notes, warnings;  ///< from static optimisation
};

/// @throws InputError for missing or malformed inputs (file, place, reason).
TissueLoadPipelineResult runTissueLoadPipeline(const TissueLoadPipelineInput& input);

/// Foot strike / foot off per side from the vertical ground reaction forces (see above).
/// `resolutionSeconds` merges contacts and gaps shorter than it.
std::vector<kinematics::GaitEvent> eventsFromExternalLoads(
    const dynamics::ExternalLoadsDescription& description, const io::TimeSeriesTable& data,
    const std::string& dataName, double resolutionSeconds);

}  // namespace kinchain::loads
