#pragma once
// Cross-check against the lab's own model. Vicon Plug-in Gait stores its joint kinetics in the
// C3D as points ({L,R}{Hip,Knee,Ankle}{Moment,Power}; POINT:MOMENTS / POWERS list them): moment
// X = sagittal internal moment, extensor / plantarflexor positive (Vicon Plug-in Gait Reference
// Guide), in POINT:MOMENT_UNITS (N·mm/kg); power Z = total joint power in POINT:POWER_UNITS
// (W/kg). Kinchain's stance peaks are set beside the same peaks of Vicon's curves over the same
// stance phases, per side, with both left–right symmetry indices — a trial where the asymmetry
// is known independently of Kinchain.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "kinchain/chain/chain_metrics.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/spatiotemporal.hpp"

namespace kinchain::analysis {

/// The lab model's kinetic outputs from a C3D (points named as above), on the point clock.
struct LabModelOutputs {
  io::TimeSeriesTable points;  ///< Vector3 columns, native units
  double momentScale = 1.0;    ///< to N·m/kg (0.001 for N·mm/kg)
  double powerScale = 1.0;     ///< to W/kg
  bool empty() const { return points.columnCount() == 0; }
};

/// Null when there are no lab outputs or no cycles; else {source, items: [{metric, side, ours,
/// lab, unit, difference_percent}], asymmetry: [{metric, ours_percent, lab_percent}]}.
nlohmann::json compareWithLabModel(const LabModelOutputs& lab,
                                   const std::vector<chain::ChainMetric>& metrics,
                                   const std::vector<kinematics::GaitCycle>& leftCycles,
                                   const std::vector<kinematics::GaitCycle>& rightCycles);

}  // namespace kinchain::analysis
