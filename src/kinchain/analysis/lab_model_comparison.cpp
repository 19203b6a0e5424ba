#include "kinchain/analysis/lab_model_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "kinchain/chain/asymmetry.hpp"

namespace kinchain::analysis {

namespace {

struct Pairing {
  const char* metric;  ///< Kinchain metric id (chain_metrics.cpp), a stance peak
  const char* joint;   ///< Plug-in Gait point name without side letter and kind
  bool power;          ///< Power (Z) rather than Moment (X)
};

constexpr Pairing kPairings[] = {
    {"peak_ankle_plantarflexor_moment", "Ankle", false},
    {"peak_knee_extensor_moment", "Knee", false},
    {"peak_hip_extensor_moment", "Hip", false},
    {"peak_ankle_power_generation", "Ankle", true},
    {"peak_knee_power_generation", "Knee", true},
    {"peak_hip_power_generation", "Hip", true},
};

// Mean over cycles of the largest value of `column` (component `axis`) in each stance phase.
std::optional<double> stancePeak(const io::TimeSeriesTable& points, std::size_t column, int axis,
                                 const std::vector<kinematics::GaitCycle>& cycles) {
  const auto& time = points.time();
  const auto values = points.vector3Column(column);
  double sum = 0.0;
  int count = 0;
  for (const auto& cycle : cycles) {
    double peak = -std::numeric_limits<double>::infinity();
    for (std::size_t row = 0; row < time.size(); ++row) {
      if (time[row] < cycle.footStrike || time[row] > cycle.footOff) continue;
      const double value = values(static_cast<Eigen::Index>(row), axis);
      if (std::isfinite(value)) peak = std::max(peak, value);
    }
    if (std::isfinite(peak)) {
      sum += peak;
      ++count;
    }
  }
  if (count == 0) return std::nullopt;
  return sum / count;
}

}  // namespace

nlohmann::json compareWithLabModel(const LabModelOutputs& lab,
                                   const std::vector<chain::ChainMetric>& metrics,
                                   const std::vector<kinematics::GaitCycle>& leftCycles,
                                   const std::vector<kinematics::GaitCycle>& rightCycles) {
  if (lab.empty() || (leftCycles.empty() && rightCycles.empty())) return nullptr;
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json asymmetry = nlohmann::json::array();
  for (const auto& pairing : kPairings) {
    const auto metric = std::find_if(metrics.begin(), metrics.end(),
                                     [&](const auto& m) { return m.id == pairing.metric; });
    if (metric == metrics.end()) continue;
    std::optional<double> labValue[2];
    for (const Side side : {Side::Left, Side::Right}) {
      const int s = side == Side::Left ? 0 : 1;
      const std::string name = std::string(side == Side::Left ? "L" : "R") + pairing.joint +
                               (pairing.power ? "Power" : "Moment");
      const auto column = lab.points.findColumn(name);
      if (!column) continue;
      const auto peak = stancePeak(lab.points, *column, pairing.power ? 2 : 0,
                                   side == Side::Left ? leftCycles : rightCycles);
      if (!peak) continue;
      labValue[s] = *peak * (pairing.power ? lab.powerScale : lab.momentScale);
      const auto& ours = metric->side(side).value;
      nlohmann::json item = {{"metric", metric->id},
                             {"label", metric->label},
                             {"side", side == Side::Left ? "left" : "right"},
                             {"unit", metric->unit},
                             {"lab", *labValue[s]},
                             {"ours", ours ? nlohmann::json(*ours) : nlohmann::json(nullptr)},
                             {"difference_percent", nullptr}};
      if (ours && std::abs(*labValue[s]) > 0.0)
        item["difference_percent"] = 100.0 * (*ours - *labValue[s]) / std::abs(*labValue[s]);
      items.push_back(item);
    }
    if (labValue[0] && labValue[1]) {
      const auto labIndex = chain::symmetryIndex(*labValue[1], *labValue[0]);
      asymmetry.push_back(
          {{"metric", metric->id},
           {"ours_percent", metric->asymmetryPercent ? nlohmann::json(*metric->asymmetryPercent)
                                                     : nlohmann::json(nullptr)},
           {"lab_percent",
            labIndex.percent ? nlohmann::json(*labIndex.percent) : nlohmann::json(nullptr)}});
    }
  }
  if (items.empty()) return nullptr;
  return {{"source", "Vicon Plug-in Gait kinetics stored in the C3D (POINT:MOMENTS, POWERS)"},
          {"items", items},
          {"asymmetry", asymmetry}};
}

}  // namespace kinchain::analysis
