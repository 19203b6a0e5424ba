#include "kinchain/loads/tissue_load_summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "kinchain/loads/tissue_load_ranges.hpp"
#include "kinchain/loads/tissue_muscles.hpp"

namespace kinchain::loads {

namespace {

using nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

json number(double value) {
  return std::isfinite(value) ? json(value) : json(nullptr);
}

json referenceJson(const TissueLoadReference& reference) {
  return {{"id", reference.id},
          {"quantity", reference.quantity},
          {"unit", reference.unit},
          {"low", reference.low ? json(*reference.low) : json(nullptr)},
          {"high", reference.high ? json(*reference.high) : json(nullptr)},
          {"used_for_flags", reference.usedForFlags},
          {"text", reference.text},
          {"sources", reference.sources}};
}

// Linear interpolation of y at x (t increasing, x inside [t.front(), t.back()]).
double interpolateAt(const std::vector<double>& t, const Eigen::Ref<const Eigen::VectorXd>& y,
                     double x) {
  if (t.empty() || x < t.front() || x > t.back()) return kNaN;
  const auto after = std::upper_bound(t.begin(), t.end(), x);
  if (after == t.end()) return y[y.size() - 1];
  const auto i1 = static_cast<Eigen::Index>(after - t.begin());
  if (i1 == 0) return y[0];
  const Eigen::Index i0 = i1 - 1;
  const double t0 = t[static_cast<std::size_t>(i0)];
  const double t1 = t[static_cast<std::size_t>(i1)];
  const double w = (x - t0) / (t1 - t0);
  return (1.0 - w) * y[i0] + w * y[i1];
}

struct Peak {
  double value = kNaN;
  double time = kNaN;
};

Peak peakIn(const std::vector<double>& t, const Eigen::Ref<const Eigen::VectorXd>& y, double a,
            double b) {
  Peak peak;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double v = y[static_cast<Eigen::Index>(i)];
    if (t[i] < a || t[i] > b || !std::isfinite(v)) continue;
    if (!std::isfinite(peak.value) || v > peak.value) peak = {v, t[i]};
  }
  return peak;
}

double medianInterval(const std::vector<double>& t) {
  if (t.size() < 2) return 0.0;
  std::vector<double> steps(t.size() - 1);
  for (std::size_t i = 1; i < t.size(); ++i)
    steps[i - 1] = t[i] - t[i - 1];
  std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2),
                   steps.end());
  return steps[steps.size() / 2];
}

struct Phase {
  double start = 0.0;
  double end = 0.0;
  std::optional<double> cycleStart;
  std::optional<double> cycleEnd;
};

double percentOfCycle(const Phase& phase, double time) {
  if (!phase.cycleStart || !phase.cycleEnd || !std::isfinite(time)) return kNaN;
  return (time - *phase.cycleStart) / (*phase.cycleEnd - *phase.cycleStart) * 100.0;
}

struct FlagSink {
  json& flags;
  void check(const TissueLoadReference& reference, double value, Side side,
             const std::string& phase, double time) {
    if (!reference.usedForFlags || !std::isfinite(value)) return;
    std::string kind;
    double bound = 0.0;
    if (reference.low && value < *reference.low) {
      kind = "below";
      bound = *reference.low;
    } else if (reference.high && value > *reference.high) {
      kind = "above";
      bound = *reference.high;
    } else {
      return;
    }
    flags.push_back(
        {{"side", sideName(side)},
         {"reference", reference.id},
         {"phase", phase},
         {"time_s", number(time)},
         {"value", value},
         {"unit", reference.unit},
         {"kind", kind},
         {"ratio_to_bound", number(value / bound)},
         {"text", reference.quantity + ": " + std::to_string(value) + " " + reference.unit +
                      " is " + kind + " the cited " + (kind == "below" ? "low " : "high ") +
                      std::to_string(bound) + " " + reference.unit}});
  }
};

json peakJson(const Peak& peak, const Phase& phase, const char* unit) {
  return {{"value", number(peak.value)},
          {"unit", unit},
          {"time_s", number(peak.time)},
          {"percent_of_cycle", number(percentOfCycle(phase, peak.time))}};
}

json phaseJson(const Phase& phase) {
  return {{"start_s", phase.start},
          {"end_s", phase.end},
          {"cycle_start_s", phase.cycleStart ? json(*phase.cycleStart) : json(nullptr)},
          {"cycle_end_s", phase.cycleEnd ? json(*phase.cycleEnd) : json(nullptr)}};
}

}  // namespace

double integrateSamples(const std::vector<double>& t, const Eigen::Ref<const Eigen::VectorXd>& y,
                        double a, double b) {
  if (t.empty() || static_cast<Eigen::Index>(t.size()) != y.size() || a < t.front() ||
      b > t.back() || !(b >= a)) {
    return kNaN;
  }
  std::vector<std::pair<double, double>> points;
  const double ya = interpolateAt(t, y, a);
  if (std::isfinite(ya)) points.emplace_back(a, ya);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double v = y[static_cast<Eigen::Index>(i)];
    if (t[i] > a && t[i] < b && std::isfinite(v)) points.emplace_back(t[i], v);
  }
  const double yb = interpolateAt(t, y, b);
  if (std::isfinite(yb) && b > a) points.emplace_back(b, yb);
  if (points.size() < 2) return a == b ? 0.0 : kNaN;
  double sum = 0.0;
  for (std::size_t i = 1; i < points.size(); ++i)
    sum +=
        0.5 * (points[i].second + points[i - 1].second) * (points[i].first - points[i - 1].first);
  return sum;
}

json summariseTissueLoads(const TissueLoads& loads,
                          const std::vector<kinematics::GaitEvent>& events, double bodyMassKg) {
  const io::TimeSeriesTable& series = loads.series;
  const std::vector<double>& time = series.time();
  const bool bodyWeight = bodyMassKg > 0.0 && std::isfinite(bodyMassKg);
  const double weight = bodyWeight ? bodyMassKg * kStandardGravity : kNaN;
  const double tolerance = medianInterval(time);

  const TissueLoadReference achillesN = achillesWalkingPeakNewtons(bodyWeight ? bodyMassKg : 0.0);
  const TissueLoadReference achillesBw =
      achillesWalkingPeakBodyWeights(bodyWeight ? bodyMassKg : 0.0);

  json out;
  out["schema"] = "kinchain.tissue_loads/1";
  out["body_mass_kg"] = bodyWeight ? json(bodyMassKg) : json(nullptr);
  out["gravity_m_per_s2"] = kStandardGravity;
  out["definitions"] = {
      {"achilles_force", "sum of soleus and gastrocnemius forces from static optimisation, N"},
      {"stance", "foot strike to the next foot off of the same side"},
      {"swing", "foot off to the next foot strike of the same side"},
      {"percent_of_cycle", "(t - foot strike) / (next foot strike - foot strike) * 100"},
      {"impulse", "time integral of the force over the stance (trapezoids), N*s"},
      {"loading_rate",
       "(stance peak - force at foot strike) / (time of peak - foot strike), N/s; Kinchain's "
       "definition (average rate from contact to peak)"},
      {"moment_share",
       "muscle plantarflexion moment (-force x ankle moment arm) / inverse-dynamics "
       "plantarflexion moment, at the instant of the stance peak of the latter"},
      {"stretch",
       "(muscle-tendon length / length in upright standing - 1) x 100, upright = every model "
       "coordinate at 0 (Thelen et al. 2005 normalise to upright stance)"},
      {"fibre_strain", "fibre length / optimal fibre length - 1 at muscle-tendon equilibrium"},
      {"lengthening_velocity", "d(muscle-tendon length)/dt, m/s, positive = lengthening"},
      {"flags",
       "every figure outside its cited reference is flagged; references are point estimates "
       "from the literature, so a flag asks for a second look, it is not a diagnosis"}};
  json references = json::array({referenceJson(achillesN), referenceJson(achillesBw),
                                 referenceJson(achillesRunningPeakBodyWeights()),
                                 referenceJson(plantarFasciaWalkingPeak()),
                                 referenceJson(mtpLateStanceDorsiflexion())});
  for (const char* head : {"semimem", "semiten", "bflh"})
    references.push_back(referenceJson(*hamstringSprintStretch(head)));
  out["references"] = references;
  out["unavailable"] = loads.unavailable;
  out["notes"] = loads.notes;
  json flags = json::array();
  FlagSink sink{flags};
  json skipped = json::array();

  const auto column = [&](const std::string& label) -> std::optional<Eigen::VectorXd> {
    const auto index = series.findColumn(label);
    if (!index) return std::nullopt;
    return Eigen::VectorXd(series.scalarColumn(*index));
  };

  json sides = json::object();
  for (const Side side : {Side::Right, Side::Left}) {
    const std::string s = side == Side::Right ? "r" : "l";
    std::vector<kinematics::GaitEvent> own;
    for (const auto& event : events) {
      if (event.side == side) own.push_back(event);
    }
    std::sort(own.begin(), own.end(), [](const auto& x, const auto& y) { return x.time < y.time; });
    const auto nextOf = [&](std::size_t from, kinematics::GaitEventKind kind,
                            double after) -> std::optional<double> {
      for (std::size_t i = from; i < own.size(); ++i) {
        if (own[i].kind == kind && own[i].time > after) return own[i].time;
      }
      return std::nullopt;
    };
    const auto previousStrike = [&](double before) -> std::optional<double> {
      std::optional<double> found;
      for (const auto& event : own) {
        if (event.kind == kinematics::GaitEventKind::FootStrike && event.time < before)
          found = event.time;
      }
      return found;
    };
    std::vector<Phase> stances, swings;
    for (std::size_t i = 0; i < own.size(); ++i) {
      const auto& event = own[i];
      if (event.kind == kinematics::GaitEventKind::FootStrike) {
        // Stance: up to the next event if it is a foot off.
        if (i + 1 < own.size() && own[i + 1].kind == kinematics::GaitEventKind::FootOff) {
          Phase phase{event.time, own[i + 1].time, event.time,
                      nextOf(i + 1, kinematics::GaitEventKind::FootStrike, own[i + 1].time)};
          stances.push_back(phase);
        }
      } else if (i + 1 < own.size() && own[i + 1].kind == kinematics::GaitEventKind::FootStrike) {
        swings.push_back(
            {event.time, own[i + 1].time, previousStrike(event.time), own[i + 1].time});
      }
    }
    const auto covered = [&](Phase& phase, const char* kind) {
      // Phases wholly outside the series (events from a longer force record) are not listed.
      if (time.empty() || phase.end < time.front() || phase.start > time.back()) return false;
      if (phase.start < time.front() - tolerance || phase.end > time.back() + tolerance) {
        skipped.push_back(
            {{"side", sideName(side)},
             {"phase", kind},
             {"start_s", phase.start},
             {"end_s", phase.end},
             {"reason", "only partly inside the time range of the tissue-load series"}});
        return false;
      }
      phase.start = std::max(phase.start, time.front());
      phase.end = std::min(phase.end, time.back());
      return true;
    };

    json sideJson;
    // Whole-series peak of the Achilles force (independent of events).
    if (const auto achilles = column("achilles_force_" + s)) {
      const Peak peak = peakIn(time, *achilles, -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::infinity());
      sideJson["series_peak_achilles"] = {{"value_n", number(peak.value)},
                                          {"value_bw", number(peak.value / weight)},
                                          {"time_s", number(peak.time)}};
    }

    json stanceList = json::array();
    for (Phase phase : stances) {
      if (!covered(phase, "stance")) continue;
      json entry = phaseJson(phase);
      const std::string where = "stance " + std::to_string(phase.start) + " s";
      for (const auto& [key, label] :
           {std::pair{"achilles", "achilles_force_"}, std::pair{"soleus", "soleus_force_"},
            std::pair{"gastrocnemius", "gastrocnemius_force_"}}) {
        const auto force = column(label + s);
        if (!force) continue;
        const Peak peak = peakIn(time, *force, phase.start, phase.end);
        const double impulse = integrateSamples(time, *force, phase.start, phase.end);
        const double atStrike = interpolateAt(time, *force, phase.start);
        const double rate = (peak.value - atStrike) / (peak.time - phase.start);
        json item = {{"peak", peakJson(peak, phase, "N")},
                     {"peak_bw", number(peak.value / weight)},
                     {"impulse_n_s", number(impulse)},
                     {"impulse_bw_s", number(impulse / weight)},
                     {"loading_rate_n_per_s", number(rate)},
                     {"loading_rate_bw_per_s", number(rate / weight)}};
        if (std::string(key) == "achilles") {
          item["reference_n"] = achillesN.id;
          item["reference_bw"] = achillesBw.id;
          sink.check(achillesN, peak.value, side, where, peak.time);
          if (bodyWeight) sink.check(achillesBw, peak.value / weight, side, where, peak.time);
        }
        entry[key] = item;
      }
      if (const auto idMoment = column("ankle_plantarflexion_moment_" + s)) {
        const Peak peak = peakIn(time, *idMoment, phase.start, phase.end);
        json share = {{"id_plantarflexion_moment_peak", peakJson(peak, phase, "N*m")}};
        for (const char* muscle : {"soleus", "gastrocnemius"}) {
          const auto values = column(std::string(muscle) + "_moment_share_" + s);
          share[std::string(muscle) + "_share"] =
              values && std::isfinite(peak.time) ? number(interpolateAt(time, *values, peak.time))
                                                 : json(nullptr);
        }
        entry["calf_moment_share"] = share;
      }
      if (const auto mtp = column("mtp_angle_" + s)) {
        const Peak peak = peakIn(time, *mtp, phase.start, phase.end);
        entry["mtp_angle_max"] = peakJson(peak, phase, "deg");
        entry["mtp_angle_max"]["reference"] = "mtp_dorsiflexion_late_stance";
      }
      stanceList.push_back(entry);
    }
    sideJson["stances"] = stanceList;

    json swingList = json::array();
    for (Phase phase : swings) {
      if (!covered(phase, "swing")) continue;
      json entry = phaseJson(phase);
      const std::string where = "swing " + std::to_string(phase.start) + " s";
      json heads = json::object();
      for (const char* head : {"semimem", "semiten", "bflh", "bfsh", "hamstrings"}) {
        const std::string key(head);
        const auto stretch = column(key + "_stretch_" + s);
        if (!stretch) continue;
        json item;
        const Peak peakStretch = peakIn(time, *stretch, phase.start, phase.end);
        item["peak_stretch"] = peakJson(peakStretch, phase, "%");
        if (const auto reference = hamstringSprintStretch(key)) {
          item["peak_stretch"]["reference"] = reference->id;
          sink.check(*reference, peakStretch.value, side, where + " " + key, peakStretch.time);
        }
        if (const auto velocity = column(key + "_lengthening_velocity_" + s)) {
          item["peak_lengthening_velocity"] =
              peakJson(peakIn(time, *velocity, phase.start, phase.end), phase, "m/s");
        }
        if (const auto strain = column(key + "_fibre_strain_" + s)) {
          item["peak_fibre_strain"] =
              peakJson(peakIn(time, *strain, phase.start, phase.end), phase, "1");
        }
        if (const auto force = column(key + "_force_" + s)) {
          item["peak_force"] = peakJson(peakIn(time, *force, phase.start, phase.end), phase, "N");
        }
        heads[key] = item;
      }
      entry["hamstrings"] = heads;
      swingList.push_back(entry);
    }
    sideJson["swings"] = swingList;
    sides[std::string(sideName(side))] = sideJson;
  }
  out["sides"] = sides;
  out["skipped_phases"] = skipped;
  out["flags"] = flags;
  return out;
}

}  // namespace kinchain::loads
