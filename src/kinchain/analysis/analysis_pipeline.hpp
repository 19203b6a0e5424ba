#pragma once
// `kinchain analyze`: one recorded trial to a kinetic-chain report. The stages, in order:
//   read trial → fit the model (protocol, scaling, marker placement) → inverse kinematics →
//   force plates to feet → gait events and cycles → inverse dynamics → static optimisation →
//   tissue loads → kinetic-chain metrics and findings → (screening merge) → results.json and
//   report.html.
// A stage that cannot run (no force plates, say) is "skipped" with the reason, and everything
// that does not depend on it still runs. Output files are OpenSim-compatible where OpenSim has a
// format (scaled .osim, IK .mot, ExternalLoads .xml + .mot, ID .sto, static optimisation .sto).

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace kinchain::analysis {

struct AnalysisRequest {
  std::filesystem::path trial;                           ///< .c3d, or .trc with `groundReactions`
  std::optional<std::filesystem::path> groundReactions;  ///< GRF .mot for a .trc trial
  std::optional<std::filesystem::path> staticTrial;      ///< static standing trial (.c3d/.trc)
  std::optional<std::filesystem::path> model;            ///< default: the bundled gait2392 model
  std::optional<std::filesystem::path> screenRecord;     ///< screening record (kinchain.screen/1)
  std::optional<double> massKg;                          ///< overrides the trial's own mass
  /// Healthy reference (kinchain.norms/1) to judge against; default: the shipped
  /// data/norms/schreiber2019.json. `useNorms` false: judged only by cited cut-offs.
  std::optional<std::filesystem::path> norms;
  bool useNorms = true;
  std::filesystem::path outputDirectory;
  int threads = 0;  ///< 0: every core
  /// Analyse on even when the marker fit is beyond OpenSim's best practice (mean RMS > 2 cm);
  /// the results then carry a prominent warning instead of the analysis stopping.
  bool acceptPoorMarkerFit = false;
};

/// One stage finished (status "ok", "skipped" or "failed"), for a progress display.
struct StageEvent {
  std::string stage;
  std::string status;
  double seconds = 0.0;
  std::string message;
};
using ProgressCallback = std::function<void(const StageEvent&)>;

struct AnalysisOutcome {
  nlohmann::json results;  ///< the content of results.json (schema kinchain.analysis/1)
  std::filesystem::path resultsFile;
  std::filesystem::path reportFile;
};

/// Runs the analysis and writes every output into request.outputDirectory (created). A stage
/// that fails is recorded as "failed" in results.json and later stages that need it are
/// skipped; the caller decides what that means for its exit status.
/// @throws InputError for unreadable inputs (file, place, reason), e.g. a trial whose markers
///         fit no known protocol (the labels found are listed), an implausible body mass, or a
///         marker fit beyond best practice without acceptPoorMarkerFit.
AnalysisOutcome runAnalysis(const AnalysisRequest& request, const ProgressCallback& progress = {});

}  // namespace kinchain::analysis
