#include "kinchain/chain/chain_metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <variant>

#include "kinchain/chain/cycle_normalisation.hpp"
#include "kinchain/chain/foot_progression.hpp"
#include "kinchain/io/sto_file.hpp"

namespace kinchain::chain {

namespace {

using kinematics::GaitCycle;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Tissue-load column stems (loads::computeTissueLoads).
constexpr std::string_view kMomentShare = "_moment_share";
constexpr std::string_view kAnkleMoment = "ankle_plantarflexion_moment";

/// Vertical force (N) at or above which the foot is loaded: Tirosh & Sparrow (2003) and
/// Leitch et al. (2011), as kinematics::ForceContactOptions uses for events.
constexpr double kLoadedFootNewtons = 10.0;

/// Forefoot = anterior third of heel-to-metatarsal-head length: Cavanagh & Rodgers (1987,
/// J Biomech 20:547-551) divide the footprint without toes into equal thirds.
constexpr double kForefootStart = 2.0 / 3.0;

/// Flexed-knee gait: knee flexion at mid-stance > 19° (inclusion criterion of O'Sullivan,
/// French & Horgan 2022, prospective flexed-knee-gait cohort in bilateral cerebral palsy, RCSI
/// repository 19419188). Not a typical-development norm; ../shared/research has none.
constexpr double kFlexedKneeMidstanceDeg = 19.0;

/// Late-stance first-MTP dorsiflexion in slow walking, 52 ± 5° (Caravaggi et al. 2010, quoted
/// in ../shared/research/biomechanics.md §3.4); below mean - 2 SD is outside that dataset.
constexpr double kMtpLateStanceMeanDeg = 52.0;
constexpr double kMtpLateStanceSdDeg = 5.0;

/// A signal ready for windowed queries, or why it is unavailable.
struct Signal {
  const std::vector<double>* time = nullptr;
  Eigen::VectorXd values;
};
struct Lookup {
  std::optional<Signal> signal;
  std::string missing;
};

/// Result for one cycle.
struct Outcome {
  std::optional<double> value;
  std::string missing;
};
Outcome fail(std::string reason) {
  return {std::nullopt, std::move(reason)};
}

/// `isCoordinate`: a constant coordinate is reported as locked rather than measured.
Lookup lookupColumn(const io::TimeSeriesTable* table, const std::string& tableName,
                    const std::string& column, double scale, bool isCoordinate = false) {
  if (table == nullptr) return {std::nullopt, fmt::format("no {}", tableName)};
  const auto index = table->findColumn(column);
  if (!index || table->column(*index).kind != io::ColumnKind::Scalar)
    return {std::nullopt, fmt::format("column {} not in the {}", column, tableName)};
  Signal signal{&table->time(), table->scalarColumn(*index) * scale};
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const double v : signal.values) {
    if (!std::isfinite(v)) continue;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  if (!(high >= low)) return {std::nullopt, fmt::format("{} has no valid samples", column)};
  // A coordinate that never moves was locked in the model (e.g. mtp/subtalar in many setups):
  // its "peak" would describe the model, not the walker.
  if (isCoordinate && high == low)
    return {std::nullopt,
            fmt::format("{} is constant over the trial (locked in the model?)", column)};
  return {std::move(signal), {}};
}

bool covers(const Signal& signal, double t0, double t1) {
  return !signal.time->empty() && t0 >= signal.time->front() && t1 <= signal.time->back();
}

std::string notCovered(const Signal& signal, double t0, double t1) {
  return fmt::format("the data ({:.3f}-{:.3f} s) do not cover {:.3f}-{:.3f} s",
                     signal.time->empty() ? kNaN : signal.time->front(),
                     signal.time->empty() ? kNaN : signal.time->back(), t0, t1);
}

struct Extreme {
  double value = kNaN;
  double time = kNaN;
};

/// Largest (or smallest) value over [t0, t1]: samples inside plus the interpolated end points.
std::optional<Extreme> windowExtreme(const Signal& signal, double t0, double t1, bool largest) {
  Extreme best;
  const auto consider = [&](double t, double v) {
    if (!std::isfinite(v)) return;
    if (!std::isfinite(best.value) || (largest ? v > best.value : v < best.value)) best = {v, t};
  };
  consider(t0, interpolateAt(*signal.time, signal.values, t0));
  const auto& time = *signal.time;
  for (std::size_t i = 0; i < time.size(); ++i)
    if (time[i] > t0 && time[i] < t1)
      consider(time[i], signal.values(static_cast<Eigen::Index>(i)));
  consider(t1, interpolateAt(*signal.time, signal.values, t1));
  if (!std::isfinite(best.value)) return std::nullopt;
  return best;
}

/// Time-weighted (trapezoid) mean over [t0, t1]; NaN stretches are skipped.
std::optional<double> windowMean(const Signal& signal, double t0, double t1) {
  std::vector<std::pair<double, double>> points;
  points.emplace_back(t0, interpolateAt(*signal.time, signal.values, t0));
  const auto& time = *signal.time;
  for (std::size_t i = 0; i < time.size(); ++i)
    if (time[i] > t0 && time[i] < t1)
      points.emplace_back(time[i], signal.values(static_cast<Eigen::Index>(i)));
  points.emplace_back(t1, interpolateAt(*signal.time, signal.values, t1));
  double area = 0.0;
  double span = 0.0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const auto [ta, va] = points[i - 1];
    const auto [tb, vb] = points[i];
    if (!std::isfinite(va) || !std::isfinite(vb) || tb <= ta) continue;
    area += 0.5 * (va + vb) * (tb - ta);
    span += tb - ta;
  }
  if (span <= 0.0) return std::nullopt;
  return area / span;
}

Outcome peakIn(const Signal& signal, double t0, double t1, bool largest = true) {
  if (!covers(signal, t0, t1)) return fail(notCovered(signal, t0, t1));
  const auto extreme = windowExtreme(signal, t0, t1, largest);
  if (!extreme) return fail("no valid samples in the window");
  return {extreme->value, {}};
}

Outcome rangeIn(const Signal& signal, double t0, double t1) {
  if (!covers(signal, t0, t1)) return fail(notCovered(signal, t0, t1));
  const auto high = windowExtreme(signal, t0, t1, true);
  const auto low = windowExtreme(signal, t0, t1, false);
  if (!high || !low) return fail("no valid samples in the window");
  return {high->value - low->value, {}};
}

Outcome meanIn(const Signal& signal, double t0, double t1) {
  if (!covers(signal, t0, t1)) return fail(notCovered(signal, t0, t1));
  const auto mean = windowMean(signal, t0, t1);
  if (!mean) return fail("no valid samples in the window");
  return {*mean, {}};
}

Outcome valueAt(const Signal& signal, double t) {
  const double v = interpolateAt(*signal.time, signal.values, t);
  if (!std::isfinite(v)) return fail(fmt::format("no valid sample at {:.3f} s", t));
  return {v, {}};
}

/// Per-cycle evaluation of one side; value = mean of the cycles that gave one.
SideMetric evaluateSide(const std::vector<GaitCycle>& cycles,
                        const std::function<Outcome(const GaitCycle&)>& perCycle) {
  SideMetric side;
  if (cycles.empty()) {
    side.missing = "no complete gait cycle (foot strike, foot off, next foot strike) on this side";
    return side;
  }
  double sum = 0.0;
  int count = 0;
  std::string firstReason;
  for (const auto& cycle : cycles) {
    const Outcome outcome = perCycle(cycle);
    side.perCycle.push_back(outcome.value);
    if (outcome.value) {
      sum += *outcome.value;
      ++count;
    } else if (firstReason.empty()) {
      firstReason = outcome.missing;
    }
  }
  if (count > 0)
    side.value = sum / count;
  else
    side.missing = firstReason;
  return side;
}

ChainMetric newMetric(std::string id, std::string label, std::string unit, std::string mechanism) {
  ChainMetric metric;
  metric.id = std::move(id);
  metric.label = std::move(label);
  metric.unit = std::move(unit);
  metric.mechanism = std::move(mechanism);
  return metric;
}

SideMetric unavailable(std::string reason) {
  SideMetric side;
  side.missing = std::move(reason);
  return side;
}

/// Builds a metric from one signal per side.
ChainMetric signalMetric(std::string id, std::string label, std::string unit, std::string mechanism,
                         const ChainInputs& inputs, const std::function<Lookup(Side)>& lookup,
                         const std::function<Outcome(const Signal&, const GaitCycle&)>& perCycle) {
  ChainMetric metric =
      newMetric(std::move(id), std::move(label), std::move(unit), std::move(mechanism));
  for (const Side side : {Side::Left, Side::Right}) {
    const Lookup found = lookup(side);
    if (!found.signal) {
      metric.side(side) = unavailable(found.missing);
      continue;
    }
    const Signal& signal = *found.signal;
    metric.side(side) = evaluateSide(
        sideCycles(inputs, side), [&](const GaitCycle& cycle) { return perCycle(signal, cycle); });
  }
  return metric;
}

/// A sum of coordinates (degrees) as one signal; missing when any part is.
Lookup coordinateSum(const ChainInputs& inputs,
                     const std::vector<std::pair<std::string, double>>& parts) {
  Lookup sum;
  for (const auto& [name, weight] : parts) {
    if (auto reason = unobservedReason(inputs, name); !reason.empty())
      return {std::nullopt, reason};
    Lookup part = lookupColumn(inputs.coordinates, "coordinates table", name,
                               weight * degreesPerUnit(*inputs.coordinates), true);
    if (!part.signal) return part;
    if (!sum.signal)
      sum = std::move(part);
    else
      sum.signal->values += part.signal->values;
  }
  return sum;
}

Lookup coordinate(const ChainInputs& inputs, const std::string& name, double sign = 1.0) {
  return coordinateSum(inputs, {{name, sign}});
}

Lookup perKg(const ChainInputs& inputs, const io::TimeSeriesTable* table,
             const std::string& tableName, const std::string& column, double sign) {
  if (!(inputs.bodyMassKg > 0.0)) return {std::nullopt, "body mass unknown"};
  return lookupColumn(table, tableName, column, sign / inputs.bodyMassKg);
}

double stanceFraction(const GaitCycle& cycle, double t) {
  return 100.0 * (t - cycle.footStrike) / (cycle.footOff - cycle.footStrike);
}

// ---- Kinematic metrics -------------------------------------------------------------------

void addKinematicMetrics(const ChainInputs& in, std::vector<ChainMetric>& out) {
  const auto coord = [&](std::string base, double sign = 1.0) {
    return [&in, base, sign](Side side) { return coordinate(in, base + sideSuffix(side), sign); };
  };
  const auto stancePeak = [](bool largest) {
    return [largest](const Signal& s, const GaitCycle& c) {
      return peakIn(s, c.footStrike, c.footOff, largest);
    };
  };

  out.push_back(signalMetric("peak_dorsiflexion_stance", "Peak ankle dorsiflexion in stance", "deg",
                             "F3", in, coord("ankle_angle"), stancePeak(true)));

  out.push_back(
      signalMetric("dorsiflexion_excursion_loading",
                   "Ankle dorsiflexion from first contact to end of loading response", "deg", "F7",
                   in, coord("ankle_angle"), [](const Signal& s, const GaitCycle& c) {
                     if (!c.oppositeFootOff)
                       return fail("opposite foot-off (end of loading response) not seen");
                     const Outcome start = valueAt(s, c.footStrike);
                     const Outcome loaded = valueAt(s, *c.oppositeFootOff);
                     if (!start.value) return start;
                     if (!loaded.value) return loaded;
                     return Outcome{*loaded.value - *start.value, {}};
                   }));

  out.push_back(signalMetric("peak_eversion_stance", "Peak subtalar eversion (pronation) in stance",
                             "deg", "F1", in, coord("subtalar_angle", -1.0), stancePeak(true)));

  out.push_back(signalMetric("peak_eversion_timing", "Timing of peak subtalar eversion", "% stance",
                             "F1", in, coord("subtalar_angle", -1.0),
                             [](const Signal& s, const GaitCycle& c) {
                               if (!covers(s, c.footStrike, c.footOff))
                                 return fail(notCovered(s, c.footStrike, c.footOff));
                               const auto peak = windowExtreme(s, c.footStrike, c.footOff, true);
                               if (!peak) return fail("no valid samples in stance");
                               return Outcome{stanceFraction(c, peak->time), {}};
                             }));

  ChainMetric mtp =
      signalMetric("peak_mtp_extension_stance", "Peak big-toe (MTP) extension in stance (push-off)",
                   "deg", "F4", in, coord("mtp_angle"), stancePeak(true));
  mtp.reference = {kMtpLateStanceMeanDeg - 2.0 * kMtpLateStanceSdDeg, std::nullopt,
                   fmt::format("< {:.0f}° = below mean − 2 SD of late-stance first-MTP "
                               "dorsiflexion in slow walking ({:.0f} ± {:.0f}°); multi-segment "
                               "foot markers, not a model MTP joint [derived]",
                               kMtpLateStanceMeanDeg - 2.0 * kMtpLateStanceSdDeg,
                               kMtpLateStanceMeanDeg, kMtpLateStanceSdDeg),
                   "Caravaggi et al. 2010 (biomechanics.md §3.4)"};
  out.push_back(std::move(mtp));

  const auto kneeFlexion = [&in](Side side) {
    return coordinate(in, "knee_angle" + sideSuffix(side), in.kneeFlexionSign);
  };
  ChainMetric midstance = signalMetric(
      "knee_flexion_midstance", "Least knee flexion in single-limb support (mid-stance)", "deg",
      "H1", in, kneeFlexion, [](const Signal& s, const GaitCycle& c) {
        if (!c.oppositeFootOff || !c.oppositeFootStrike)
          return fail("opposite foot-off and foot-strike (single-limb support) not both seen");
        return peakIn(s, *c.oppositeFootOff, *c.oppositeFootStrike, false);
      });
  midstance.reference = {std::nullopt, kFlexedKneeMidstanceDeg,
                         fmt::format("> {:.0f}° knee flexion at mid-stance = flexed-knee gait "
                                     "(inclusion criterion of a bilateral cerebral-palsy cohort; "
                                     "not a typical-development norm)",
                                     kFlexedKneeMidstanceDeg),
                         "O'Sullivan, French & Horgan 2022"};
  out.push_back(std::move(midstance));

  out.push_back(signalMetric("knee_flexion_terminal_swing", "Least knee flexion in terminal swing",
                             "deg", "H1", in, kneeFlexion, [](const Signal& s, const GaitCycle& c) {
                               // Terminal swing = last third of swing (Perry & Burnfield 2010).
                               const double start =
                                   c.footOff + 2.0 * (c.nextFootStrike - c.footOff) / 3.0;
                               return peakIn(s, start, c.nextFootStrike, false);
                             }));

  out.push_back(signalMetric("peak_hip_extension_stance", "Peak hip extension in stance", "deg",
                             "H1", in, coord("hip_flexion", -1.0), stancePeak(true)));

  // Pelvis and trunk coordinates are not per side; each side's cycles window them.
  const auto whole = [](const std::string& name, double sign) {
    return [name, sign](const ChainInputs& inputs) { return coordinate(inputs, name, sign); };
  };
  const auto cycleRange = [](const Signal& s, const GaitCycle& c) {
    return rangeIn(s, c.footStrike, c.nextFootStrike);
  };
  const auto cycleMean = [](const Signal& s, const GaitCycle& c) {
    return meanIn(s, c.footStrike, c.nextFootStrike);
  };
  out.push_back(signalMetric(
      "pelvis_tilt_range", "Pelvic tilt range over the cycle", "deg", "H4", in,
      [&](Side) { return whole("pelvis_tilt", 1.0)(in); }, cycleRange));
  out.push_back(signalMetric(
      "anterior_pelvic_tilt_mean", "Mean anterior pelvic tilt", "deg", "H4", in,
      [&](Side) { return whole("pelvis_tilt", -1.0)(in); }, cycleMean));
  out.push_back(signalMetric(
      "pelvis_rotation_range", "Pelvic rotation range over the cycle", "deg", "F7", in,
      [&](Side) { return whole("pelvis_rotation", 1.0)(in); }, cycleRange));
  // Trunk lean: the thorax markers' own tilt (the set named in the table's metadata: Plug-in
  // Gait or ISB thorax) when the marker set has them;
  // else the trunk's sagittal angle to the ground ≈ pelvis_tilt + lumbar_extension (small
  // list/rotation), forward lean its negative, which needs an observed lumbar joint.
  out.push_back(signalMetric(
      "trunk_forward_lean_mean",
      in.thoraxTilt != nullptr
          ? "Mean trunk forward lean (thorax markers, " +
                in.thoraxTilt->metadataValue("thorax_markers").value_or("thorax markers") + ")"
          : std::string("Mean trunk forward lean (pelvic tilt + lumbar extension)"),
      "deg", "H1", in,
      [&](Side) {
        if (in.thoraxTilt != nullptr)
          return lookupColumn(in.thoraxTilt, "thorax tilt", "thorax_forward_tilt", 1.0);
        return coordinateSum(in, {{"pelvis_tilt", -1.0}, {"lumbar_extension", -1.0}});
      },
      cycleMean));
  // The typical normal gait curve is a model's coordinates, with no thorax markers and a
  // different zero (the marker axis, not the model trunk): it is no context for this lean.
  if (in.thoraxTilt != nullptr)
    out.back().reference.text =
        "no typical value: the typical normal gait curve has no thorax markers";
}

// ---- Foot loading from the centre of pressure ----------------------------------------------

struct CopPath {
  std::vector<double> time;       ///< loaded samples in stance
  std::vector<double> alongFoot;  ///< 0 at the heel point, 1 at the toe point
};

std::string grfPrefix(Side side) {
  return side == Side::Left ? "l_ground_force_" : "ground_force_";
}

/// COP along the heel->toe axis (horizontal plane x-z, OpenSim Y up) for the loaded stance
/// samples of one cycle; or why it cannot be built.
std::variant<CopPath, std::string> copAlongFoot(const ChainInputs& in, Side side,
                                                const GaitCycle& c) {
  if (in.groundReactions == nullptr) return std::string("no ground reactions (no force plates)");
  if (in.footPoints == nullptr) return std::string("no heel/toe trajectories");
  const auto& grf = *in.groundReactions;
  const std::string prefix = grfPrefix(side);
  const auto vy = grf.findColumn(prefix + "vy");
  const auto px = grf.findColumn(prefix + "px");
  const auto pz = grf.findColumn(prefix + "pz");
  if (!vy || !px || !pz)
    return fmt::format("columns {0}vy, {0}px, {0}pz not in the ground reactions", prefix);
  const auto& feet = *in.footPoints;
  const std::size_t foot = side == Side::Left ? 0 : 1;
  const Eigen::MatrixX3d& heelPath = feet.heel[foot];
  const Eigen::MatrixX3d& toePath = feet.toe[foot];
  const auto samples = static_cast<Eigen::Index>(feet.time.size());
  if (heelPath.rows() != samples || toePath.rows() != samples)
    return std::string("heel/toe trajectories do not match their time stamps");
  if (grf.time().empty() || c.footStrike < grf.time().front() || c.footOff > grf.time().back())
    return std::string("the ground reactions do not cover this stance");

  CopPath path;
  for (Eigen::Index i = 0; i < grf.rowCount(); ++i) {
    const double t = grf.time()[static_cast<std::size_t>(i)];
    if (t < c.footStrike || t > c.footOff) continue;
    if (!(grf.scalar(i, *vy) >= kLoadedFootNewtons)) continue;
    const double copX = grf.scalar(i, *px);
    const double copZ = grf.scalar(i, *pz);
    const double heelX = interpolateAt(feet.time, heelPath.col(0), t);
    const double heelZ = interpolateAt(feet.time, heelPath.col(2), t);
    const double toeX = interpolateAt(feet.time, toePath.col(0), t);
    const double toeZ = interpolateAt(feet.time, toePath.col(2), t);
    const double ax = toeX - heelX;
    const double az = toeZ - heelZ;
    const double length2 = ax * ax + az * az;
    const double s = ((copX - heelX) * ax + (copZ - heelZ) * az) / length2;
    if (!std::isfinite(s)) continue;
    path.time.push_back(t);
    path.alongFoot.push_back(s);
  }
  if (path.time.empty())
    return std::string("no loaded stance sample with both COP and heel/toe positions");
  return path;
}

void addFootLoadingMetrics(const ChainInputs& in, std::vector<ChainMetric>& out) {
  ChainMetric share =
      newMetric("forefoot_loading_share", "Share of loaded stance with the COP under the forefoot",
                "% stance", "H3");
  ChainMetric heelRise =
      newMetric("heel_rise_timing", "Heel rise (COP stays under the forefoot until toe-off)",
                "% stance", "H1");
  for (const Side side : {Side::Left, Side::Right}) {
    const auto cycles = sideCycles(in, side);
    share.side(side) = evaluateSide(cycles, [&](const GaitCycle& c) {
      auto path = copAlongFoot(in, side, c);
      if (auto* reason = std::get_if<std::string>(&path)) return fail(*reason);
      const auto& cop = std::get<CopPath>(path);
      const auto forefoot = std::count_if(cop.alongFoot.begin(), cop.alongFoot.end(),
                                          [](double s) { return s >= kForefootStart; });
      return Outcome{100.0 * static_cast<double>(forefoot) / static_cast<double>(cop.time.size()),
                     {}};
    });
    heelRise.side(side) = evaluateSide(cycles, [&](const GaitCycle& c) {
      auto path = copAlongFoot(in, side, c);
      if (auto* reason = std::get_if<std::string>(&path)) return fail(*reason);
      const auto& cop = std::get<CopPath>(path);
      // Once the heel is off the ground the COP must lie under the forefoot, so heel rise is at
      // or after the start of the final run of forefoot-only samples: an early estimate, as the
      // COP can reach the forefoot third while the heel still touches lightly.
      std::size_t first = cop.time.size();
      while (first > 0 && cop.alongFoot[first - 1] >= kForefootStart)
        --first;
      if (first == cop.time.size())
        return fail("COP is not under the forefoot at the end of stance");
      return Outcome{stanceFraction(c, cop.time[first]), {}};
    });
  }
  heelRise.reference.text =
      "terminal stance begins with heel rise at about 31 % of the gait cycle (about half of "
      "stance) in normal walking; no cut-off";
  heelRise.reference.source = "Perry & Burnfield 2010";
  out.push_back(std::move(share));
  out.push_back(std::move(heelRise));
}

// ---- Kinetic metrics -----------------------------------------------------------------------

void addKineticMetrics(const ChainInputs& in, std::vector<ChainMetric>& out) {
  const auto moment = [&in](std::string coordinateBase, double sign) {
    return [&in, coordinateBase, sign](Side side) {
      if (in.inverseDynamics == nullptr)
        return Lookup{std::nullopt, "no inverse dynamics (no force plates)"};
      return perKg(in, in.inverseDynamics, "inverse dynamics",
                   coordinateBase + sideSuffix(side) + "_moment", sign);
    };
  };
  const auto stanceMax = [](const Signal& s, const GaitCycle& c) {
    return peakIn(s, c.footStrike, c.footOff, true);
  };
  out.push_back(signalMetric("peak_ankle_plantarflexor_moment",
                             "Peak ankle plantarflexor moment in stance", "N·m/kg", "F4", in,
                             moment("ankle_angle", -1.0), stanceMax));
  // knee_angle increases in extension when flexion is negative: extensor = -sign * moment.
  out.push_back(signalMetric("peak_knee_extensor_moment", "Peak knee extensor moment in stance",
                             "N·m/kg", "H1", in, moment("knee_angle", -in.kneeFlexionSign),
                             stanceMax));
  out.push_back(signalMetric("peak_hip_extensor_moment", "Peak hip extensor moment in stance",
                             "N·m/kg", "H1", in, moment("hip_flexion", -1.0), stanceMax));

  const auto power = [&in](std::string coordinateBase) {
    return [&in, coordinateBase](Side side) {
      if (in.jointPowers == nullptr)
        return Lookup{std::nullopt, "no inverse dynamics (no force plates)"};
      return perKg(in, in.jointPowers, "joint powers", coordinateBase + sideSuffix(side) + "_power",
                   1.0);
    };
  };
  out.push_back(signalMetric("peak_ankle_power_generation",
                             "Peak ankle power generation in stance (push-off)", "W/kg", "F4", in,
                             power("ankle_angle"), stanceMax));
  out.push_back(signalMetric("peak_knee_power_generation", "Peak knee power generation in stance",
                             "W/kg", "H1", in, power("knee_angle"), stanceMax));
  out.push_back(signalMetric("peak_hip_power_generation", "Peak hip power generation in stance",
                             "W/kg", "H1", in, power("hip_flexion"), stanceMax));
}

// ---- Tissue loads --------------------------------------------------------------------------

std::string tissueMechanism(const std::string& quantity) {
  const auto has = [&](const char* part) { return quantity.find(part) != std::string::npos; };
  if (has("achilles") || has("plantar")) return "H3";
  if (has("gastroc") || has("soleus") || has("calf")) return "H2";
  if (has("hamstring") || has("bifem") || has("bflh") || has("bfsh") || has("semiten") ||
      has("semimem"))
    return "H1";
  return "";
}

/// A muscle's share of the ankle plantarflexion moment, taken where that moment peaks in stance:
/// the ratio itself is unbounded where the moment passes through zero.
ChainMetric momentShareMetric(const ChainInputs& in, const std::string& quantity,
                              const TissueLoadDisplay& display) {
  // The denominator per side, looked up once for all cycles.
  const auto momentOf = [&in](Side side) {
    return lookupColumn(in.tissueLoads, "tissue loads",
                        std::string(kAnkleMoment) + sideSuffix(side), 1.0);
  };
  const Lookup leftMoment = momentOf(Side::Left);
  const Lookup rightMoment = momentOf(Side::Right);
  return signalMetric(
      quantity + "_at_peak_moment", tissueLoadTitle(quantity) + " at its stance peak", display.unit,
      tissueMechanism(quantity), in,
      [&in, quantity, display](Side side) {
        return lookupColumn(in.tissueLoads, "tissue loads", quantity + sideSuffix(side),
                            display.scale);
      },
      [&leftMoment, &rightMoment](const Signal& share, const GaitCycle& c) {
        const Lookup& moment = c.side == Side::Left ? leftMoment : rightMoment;
        if (!moment.signal) return fail(moment.missing);
        if (!covers(*moment.signal, c.footStrike, c.footOff))
          return fail(notCovered(*moment.signal, c.footStrike, c.footOff));
        const auto peak = windowExtreme(*moment.signal, c.footStrike, c.footOff, true);
        if (!peak || !(peak->value > 0.0)) return fail("no plantarflexion moment in stance");
        const double value = interpolateAt(*share.time, share.values, peak->time);
        if (!std::isfinite(value)) return fail("no share at the moment's peak");
        return Outcome{value, {}};
      });
}

void addTissueLoadMetrics(const ChainInputs& in, std::vector<ChainMetric>& out) {
  if (in.tissueLoads == nullptr) return;
  for (const auto& quantity : in.tissueLoadQuantities) {
    const TissueLoadDisplay display = tissueLoadDisplay(*in.tissueLoads, quantity, in.bodyMassKg);
    if (isMomentShare(quantity)) {
      out.push_back(momentShareMetric(in, quantity, display));
      continue;
    }
    if (isAnkleMomentDenominator(quantity)) continue;
    ChainMetric metric = signalMetric(
        "peak_" + quantity, "Peak " + tissueLoadLabel(quantity) + " over the cycle", display.unit,
        tissueMechanism(quantity), in,
        [&in, quantity, display](Side side) {
          if (!display.missing.empty()) return Lookup{std::nullopt, display.missing};
          return lookupColumn(in.tissueLoads, "tissue loads", quantity + sideSuffix(side),
                              display.scale);
        },
        [](const Signal& s, const GaitCycle& c) {
          return peakIn(s, c.footStrike, c.nextFootStrike, true);
        });
    if (quantity.find("achilles") != std::string::npos && display.unit == "N/kg") {
      metric.reference.text =
          "peak 44.0 N/kg walking at 1.34 m/s (shear-wave tensiometry); context only";
      metric.reference.source = "biomechanics.md §3.4 (PMC11096059)";
    }
    out.push_back(std::move(metric));
  }
}

}  // namespace

std::string unobservedReason(const ChainInputs& inputs, const std::string& coordinate) {
  const auto& list = inputs.unobservedCoordinates;
  if (std::find(list.begin(), list.end(), coordinate) == list.end()) return {};
  return fmt::format("{} is not observed by the marker set", coordinate);
}

std::string sideSuffix(Side side) {
  return side == Side::Left ? "_l" : "_r";
}

std::string tissueLoadLabel(const std::string& quantity) {
  // Muscle keys of the tissue-load columns (loads::tissueMuscleRoleKey) and the quantities
  // loads::computeTissueLoads writes for them.
  static const std::pair<std::string_view, std::string_view> kMuscles[] = {
      {"soleus", "soleus"},
      {"gastrocnemius", "gastrocnemius"},
      {"gasmed", "medial gastrocnemius"},
      {"gaslat", "lateral gastrocnemius"},
      {"gastroc", "gastrocnemius"},
      {"semimem", "semimembranosus"},
      {"semiten", "semitendinosus"},
      {"bflh", "biceps femoris long head"},
      {"bfsh", "biceps femoris short head"},
      {"hamstrings", "hamstrings"}};
  static const std::pair<std::string_view, std::string_view> kQuantities[] = {
      {"_force", "force"},
      {"_plantarflexion_moment", "plantarflexion moment"},
      {"_moment_share", "share of the ankle plantarflexion moment"},
      {"_mtu_length", "muscle-tendon length"},
      {"_stretch", "stretch (muscle-tendon length over its upright-standing length)"},
      {"_lengthening_velocity", "muscle-tendon lengthening velocity"},
      {"_fibre_strain", "fibre strain"},
      {"_fibre_velocity", "fibre velocity (+ lengthening)"}};
  if (quantity == "achilles_force") return "Achilles tendon force";
  if (quantity == "achilles_force_bw") return "Achilles tendon force in body weights";
  if (quantity == kAnkleMoment) return "ankle plantarflexion moment";
  if (quantity == "mtp_angle") return "MTP (big-toe) angle";
  for (const auto& [key, muscle] : kMuscles) {
    if (quantity.rfind(key, 0) != 0) continue;
    const std::string rest = quantity.substr(key.size());
    for (const auto& [suffix, what] : kQuantities)
      if (rest == suffix) return fmt::format("{} {}", muscle, what);
  }
  std::string words = quantity;
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

std::string tissueLoadTitle(const std::string& quantity) {
  std::string title = tissueLoadLabel(quantity);
  if (!title.empty())
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  return title;
}

bool isMomentShare(const std::string& quantity) {
  return quantity.ends_with(kMomentShare);
}

bool isAnkleMomentDenominator(const std::string& quantity) {
  return quantity == kAnkleMoment;
}

TissueLoadDisplay tissueLoadDisplay(const io::TimeSeriesTable& tissueLoads,
                                    const std::string& quantity, double bodyMassKg) {
  // A share is a ratio in the table, shown in per cent.
  if (isMomentShare(quantity)) return {"%", 100.0, {}};
  std::string unit;
  for (const Side side : {Side::Left, Side::Right}) {
    if (const auto index = tissueLoads.findColumn(quantity + sideSuffix(side))) {
      unit = tissueLoads.column(*index).unit;
      break;
    }
  }
  const bool force = unit == "N";
  if (!force && unit != "N*m" && unit != "N·m") return {unit, 1.0, {}};
  const std::string perKg = force ? "N/kg" : "N·m/kg";
  if (!(bodyMassKg > 0.0)) return {perKg, 1.0, "body mass unknown"};
  return {perKg, 1.0 / bodyMassKg, {}};
}

double degreesPerUnit(const io::TimeSeriesTable& coordinates) {
  return io::stoIsInDegrees(coordinates) ? 1.0 : 180.0 / std::numbers::pi;
}

std::vector<kinematics::GaitCycle> sideCycles(const ChainInputs& inputs, Side side) {
  return kinematics::gaitCycles(inputs.events, side);
}

std::vector<ChainMetric> computeChainMetrics(const ChainInputs& inputs) {
  if (inputs.coordinates == nullptr)
    throw std::invalid_argument("computeChainMetrics: the coordinates table is required");
  std::vector<ChainMetric> metrics;
  addKinematicMetrics(inputs, metrics);
  metrics.push_back(footProgressionMetric(inputs));
  addFootLoadingMetrics(inputs, metrics);
  addKineticMetrics(inputs, metrics);
  addTissueLoadMetrics(inputs, metrics);
  flagMetrics(metrics);
  return metrics;
}

void flagMetrics(std::vector<ChainMetric>& metrics) {
  for (auto& metric : metrics) {
    metric.flags.clear();
    for (const Side side : {Side::Left, Side::Right}) {
      const auto& value = metric.side(side).value;
      if (!value) continue;
      const auto& ref = metric.reference;
      if (ref.low && *value < *ref.low)
        metric.flags.push_back(
            {side, "low",
             fmt::format("{:.1f} {} < {:g} ({})", *value, metric.unit, *ref.low, ref.source)});
      if (ref.high && *value > *ref.high)
        metric.flags.push_back(
            {side, "high",
             fmt::format("{:.1f} {} > {:g} ({})", *value, metric.unit, *ref.high, ref.source)});
    }
  }
}

}  // namespace kinchain::chain
