#pragma once
// What a trial's analysis in the work folder was computed from, written beside its results.json
// (trial_inputs.json). A later build whose stamp for the trial is equal reuses the results
// instead of analysing again; any change to the trial, static trial or model bytes, the mass or
// the kinchain version makes them differ.

#include <nlohmann/json.hpp>

#include <filesystem>

#include "kinchain/cohort/norms_manifest.hpp"

namespace kinchain::cohort {

/// The stamp file's name in a trial's work folder. It sorts after results.json, and
/// OutputTransaction renames a folder's files in name order, so a crash between the two renames
/// leaves a stale stamp (the trial is analysed again), never a fresh stamp beside stale results.
inline constexpr const char* kTrialStampFileName = "trial_inputs.json";

/// File name, size and 64-bit FNV-1a hash of the content of trial, static trial and model, the
/// mass and the kinchain version.
/// @throws InputError naming a file that cannot be read.
nlohmann::json trialInputStamp(const ManifestTrial& trial, const std::filesystem::path& model);

}  // namespace kinchain::cohort
