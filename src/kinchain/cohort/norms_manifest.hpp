#pragma once
// The manifest of a reference build: a CSV file listing the healthy trials, one per line, with
// the header `participant,trial,static,mass_kg,stratum` (any column order). Paths are relative
// to the manifest's folder (absolute paths are kept); `static` and `mass_kg` may be blank (then
// the trial scales itself and keeps its own mass). Fields are plain: no quoting, no commas
// inside a field.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kinchain::cohort {

struct ManifestTrial {
  std::size_t line = 0;  ///< in the manifest, from 1
  std::string participant;
  std::string trialText;  ///< the trial column as written
  std::filesystem::path trial;
  std::optional<std::filesystem::path> staticTrial;
  std::optional<double> massKg;
  std::string stratum;

  /// "2014001_C4_05": the trial's file name without its extension.
  std::string name() const { return trial.stem().string(); }
};

struct NormsManifest {
  std::filesystem::path file;
  std::vector<ManifestTrial> trials;  ///< in the file's order
  std::vector<std::string> strata;    ///< in order of first appearance
};

/// Reads a manifest.
/// @throws InputError naming the manifest, the line and the reason: a missing or unknown
///         column, a blank participant/trial/stratum, a mass that is not a number, a quoted
///         field, a participant id that is not a plain folder name, the same participant and
///         trial name listed twice, or no trial at all.
NormsManifest readNormsManifest(const std::filesystem::path& file);

}  // namespace kinchain::cohort
