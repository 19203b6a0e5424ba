#pragma once
// `kinchain norms build`: a healthy reference built by Kinchain itself. Every trial of the
// manifest is analysed (analysis::runAnalysis) into its own folder of the work folder, trials
// in parallel; a trial whose results there were computed from the same inputs
// (trial_input_stamp.hpp) is not analysed again. The trials' results are then pooled into a
// reference (norms_aggregation.hpp) in manifest order, so the reference does not depend on the
// number of threads or the order trials finished in.
//
// A trial that fails (an unreadable file, a marker fit beyond best practice, a failed stage)
// is reported with its reason and left out; the build needs at least one trial in every
// stratum.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/cohort/norms_manifest.hpp"
#include "kinchain/reference/reference_norms.hpp"

namespace kinchain::cohort {

enum class TrialStatus { Analysed, Reused, Failed };

/// "analysed", "reused" or "failed".
const char* trialStatusName(TrialStatus status);

struct TrialReport {
  std::string participant;
  std::string trial;  ///< the trial's name (file name without extension)
  std::string stratum;
  TrialStatus status = TrialStatus::Failed;
  std::string reason;            ///< why it failed; empty otherwise
  double seconds = 0.0;          ///< wall time spent on the trial in this build
  std::filesystem::path folder;  ///< the trial's work folder
};

/// Called once per finished trial, from the worker thread that ran it, one call at a time.
using TrialProgress =
    std::function<void(const TrialReport& report, std::size_t finished, std::size_t total)>;

struct NormsBuildOptions {
  std::filesystem::path manifest;
  std::filesystem::path workDirectory;
  std::optional<std::filesystem::path> model;  ///< default: the bundled model
  int threads = 0;                             ///< trials analysed at once; 0: every core
  // Recorded in the reference's provenance as given.
  std::string dataset;
  std::string citation;
  std::string licence;
  std::string manifestText;  ///< how the manifest is named in the provenance
  std::string command;       ///< the command line that rebuilds the reference
  TrialProgress progress;
};

struct NormsBuild {
  reference::ReferenceNorms norms;
  std::vector<TrialReport> trials;  ///< in manifest order
  int analysed = 0;
  int reused = 0;
  int failed = 0;
};

/// Builds the reference; writes only into the work folder (the caller writes the reference).
/// @throws InputError for an unusable manifest, or when every trial of a stratum failed (the
///         message lists them and why); OutputBusyError when another run holds a trial's work
///         folder.
NormsBuild buildNorms(const NormsBuildOptions& options);

}  // namespace kinchain::cohort
