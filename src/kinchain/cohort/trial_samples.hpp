#pragma once
// What a reference takes from one trial's results.json (schema kinchain.analysis/1,
// docs/analysis-results.md): every curve's cycles and every metric's per-cycle values per side,
// each side's walking speed and cycle count. Generic over ids: a curve or metric added to
// results.json later enters the reference on the next rebuild without a change here.

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kinchain::cohort {

/// Index of a side in the per-side arrays below.
enum SideIndex : std::size_t { kLeft = 0, kRight = 1 };
inline constexpr std::array<const char*, 2> kSideNames{"left", "right"};

struct CurveSamples {
  std::string group, unit, label;
  std::array<std::vector<std::vector<double>>, 2> cycles;  ///< per side: one curve per cycle
};

struct MetricSamples {
  std::string unit, label;
  std::array<std::vector<double>, 2> perCycle;  ///< per side
  std::optional<double> asymmetryPercent;
};

struct TrialSamples {
  std::array<std::optional<double>, 2> speedMps;  ///< spatiotemporal speed_m_per_s per side
  std::array<int, 2> cycles{0, 0};                ///< complete gait cycles per side
  std::map<std::string, CurveSamples> curves;
  std::map<std::string, MetricSamples> metrics;
  std::string model;     ///< results.json model.source
  std::string protocol;  ///< results.json protocol.name
};

/// The stages of `results` that failed, as "name: message; ..." (empty when none failed).
std::string failedStages(const nlohmann::json& results);

/// The samples of one results.json. A null value (not computable) is no sample; a cycle with a
/// null point is left out of its curve. A curve id listed twice is taken from the entry that
/// has cycles (results.json lists mtp_angle under angles without cycles when the markers do not
/// observe it, and again under loads).
/// @throws InputError naming `source` and the field when the document does not have the
///         schema's shape, cycles of one curve differ in length, or a curve id has cycles twice.
TrialSamples extractTrialSamples(const nlohmann::json& results, const std::string& source);

}  // namespace kinchain::cohort
