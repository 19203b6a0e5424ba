#pragma once
// Checks a stage's product before it is called "ok": a result holding NaN or a marker fit far
// outside what OpenSim's own best practice accepts is a failure, not a number to report.

#include <optional>
#include <string>
#include <string_view>

#include "kinchain/io/time_series_table.hpp"

namespace kinchain::analysis {

/// OpenSim's checklist for inverse kinematics (biomechanics.md §3.1, "Simulation with OpenSim —
/// Best Practices"): RMS marker error under about 2 cm, largest marker error under 4 cm.
inline constexpr double kIkRmsBestPracticeMetres = 0.02;
inline constexpr double kIkMaxBestPracticeMetres = 0.04;

/// Throws std::runtime_error naming `what`, the first column and time that hold NaN or Inf and
/// how many values do, when `table` is not finite everywhere.
void requireFiniteResults(const io::TimeSeriesTable& table, std::string_view what);

/// The marker fit judged against OpenSim's IK best practice.
struct MarkerFitJudgement {
  bool rmsBeyond = false;  ///< mean RMS over the trial above kIkRmsBestPracticeMetres
  bool maxBeyond = false;  ///< largest error above kIkMaxBestPracticeMetres
  std::string message;     ///< what is beyond and by how much; empty when within
};
MarkerFitJudgement judgeMarkerFit(double meanRmsMetres, double maxMetres,
                                  std::string_view worstMarker);

}  // namespace kinchain::analysis
