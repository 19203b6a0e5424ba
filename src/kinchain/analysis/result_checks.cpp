#include "kinchain/analysis/result_checks.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace kinchain::analysis {

void requireFiniteResults(const io::TimeSeriesTable& table, std::string_view what) {
  const auto values = table.values();
  Eigen::Index count = 0;
  std::optional<std::pair<Eigen::Index, Eigen::Index>> first;  // (row, value column)
  for (Eigen::Index column = 0; column < values.cols(); ++column) {
    for (Eigen::Index row = 0; row < values.rows(); ++row) {
      if (std::isfinite(values(row, column))) continue;
      ++count;
      if (!first || row < first->first) first = std::make_pair(row, column);
    }
  }
  if (count == 0) return;
  std::string label = "?";
  for (const auto& info : table.columns()) {
    if (first->second >= info.firstValue && first->second < info.firstValue + info.width())
      label = info.label;
  }
  const auto& time = table.time();
  const double at = first->first < static_cast<Eigen::Index>(time.size())
                        ? time[static_cast<std::size_t>(first->first)]
                        : std::nan("");
  throw std::runtime_error(fmt::format(
      "{} hold {} non-finite value(s) (NaN or Inf), the first at t = {:.4f} s in column '{}'; "
      "the input data or the model's inertial parameters are not usable there",
      what, count, at, label));
}

MarkerFitJudgement judgeMarkerFit(double meanRmsMetres, double maxMetres,
                                  std::string_view worstMarker) {
  MarkerFitJudgement judgement;
  judgement.rmsBeyond = !(meanRmsMetres <= kIkRmsBestPracticeMetres);
  judgement.maxBeyond = !(maxMetres <= kIkMaxBestPracticeMetres);
  if (judgement.rmsBeyond) {
    judgement.message = fmt::format(
        "mean marker RMS {:.1f} mm is beyond OpenSim's best practice for inverse kinematics "
        "(RMS < {:.0f} mm); largest error {:.1f} mm at {}",
        1000.0 * meanRmsMetres, 1000.0 * kIkRmsBestPracticeMetres, 1000.0 * maxMetres, worstMarker);
  } else if (judgement.maxBeyond) {
    judgement.message = fmt::format(
        "largest marker error {:.1f} mm at {} is beyond OpenSim's best practice for inverse "
        "kinematics (max < {:.0f} mm); mean RMS {:.1f} mm is within its bound",
        1000.0 * maxMetres, worstMarker, 1000.0 * kIkMaxBestPracticeMetres, 1000.0 * meanRmsMetres);
  }
  return judgement;
}

}  // namespace kinchain::analysis
