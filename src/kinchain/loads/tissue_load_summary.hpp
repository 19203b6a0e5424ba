#pragma once
// Per-stance and per-swing summaries of tissue loads (tissue_loads.hpp) for results.json's
// `tissue_loads` section and `kinchain loads`' tissue_loads.json (schema
// "kinchain.tissue_loads/1").
//
// Phases per side, from that side's events (sorted by time):
//   stance  foot strike -> the next foot off;   its cycle runs to the next foot strike
//   swing   foot off -> the next foot strike;   its cycle starts at the foot strike before it
// A phase is summarised only when the series covers it (first row at or before its start and
// last row at or after its end, within one median row interval); phases only partly inside
// are listed in "skipped_phases" with the reason, phases wholly outside are left out.
// "% of cycle" = (t - cycle start) / (cycle end - cycle start) * 100; null when the cycle end
// is unknown.
//
// Per stance (Achilles, soleus, gastrocnemius):
//   peak (N, BW), its time (s, % of cycle);
//   impulse = integral of the force over the stance (trapezoids on the rows, the force at the
//     foot strike and foot off linearly interpolated), N*s and BW*s;
//   loading rate = (peak - force at foot strike) / (time of peak - foot strike), N/s and BW/s:
//     the average rate from contact to peak, Kinchain's stated definition. Almonroeder et al.
//     2013 compare Achilles loading rates between strike patterns (biomechanics.md §3.4);
//     rates computed with another definition are not comparable.
//   calf shares of the ID plantarflexion moment at the instant of its stance peak.
// Per swing, per hamstring head: peak stretch (%), peak MTU lengthening velocity (m/s), peak
//   fibre strain and peak force, each with its time (s, % of cycle); the % places the peak
//   within swing (late swing ends the cycle at 100 %).
// Every figure with a reference (tissue_load_ranges.hpp) gets a flag when it lies outside it.
// NaN samples are ignored; a phase without finite samples gives nulls.

#include <nlohmann/json.hpp>

#include <vector>

#include "kinchain/kinematics/gait_events.hpp"
#include "kinchain/loads/tissue_loads.hpp"

namespace kinchain::loads {

nlohmann::json summariseTissueLoads(const TissueLoads& loads,
                                    const std::vector<kinematics::GaitEvent>& events,
                                    double bodyMassKg);

/// Integral of y over [a, b] by trapezoids on the samples (t increasing), with y(a) and y(b)
/// linearly interpolated; NaN samples are skipped (their neighbours are joined). Requires the
/// samples to cover [a, b]; otherwise NaN.
double integrateSamples(const std::vector<double>& t, const Eigen::Ref<const Eigen::VectorXd>& y,
                        double a, double b);

}  // namespace kinchain::loads
