#include "kinchain/cohort/norms_aggregation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "kinchain/cohort/cohort_statistics.hpp"
#include "kinchain/common/error.hpp"

namespace kinchain::cohort {

namespace {

using reference::kMinimumSamples;

// One stride's contribution: the stratum it belongs to and its speed (unset when the trial
// gave that side no speed; such a stride counts in its stratum but not in the speed line).
struct Stride {
  std::size_t stratum = 0;
  std::optional<double> speedMps;
};

template <typename Value>
struct Sample {
  Stride stride;
  Value value;
};

std::size_t stratumIndex(const std::vector<std::string>& strata, const std::string& name) {
  return static_cast<std::size_t>(std::find(strata.begin(), strata.end(), name) - strata.begin());
}

void requireSame(const std::string& earlier, const std::string& now, const char* what,
                 const std::string& id, const std::string& source) {
  if (earlier == now) return;
  throw InputError(source, fmt::format("{} {}", what, id),
                   fmt::format("differs from the earlier trials' ({} vs {}): were the trials "
                               "analysed by different kinchain versions?",
                               now, earlier));
}

reference::CurveBand curveBand(const std::vector<const std::vector<double>*>& cycles,
                               std::size_t points) {
  reference::CurveBand band;
  band.n = static_cast<int>(cycles.size());
  if (band.n < kMinimumSamples) return band;
  std::vector<double> column(cycles.size());
  for (std::size_t point = 0; point < points; ++point) {
    for (std::size_t cycle = 0; cycle < cycles.size(); ++cycle)
      column[cycle] = (*cycles[cycle])[point];
    const auto summary = summarise(column);
    band.mean.push_back(*summary.mean);
    band.sd.push_back(*summary.sd);
  }
  return band;
}

reference::CurveSpeedLine curveSpeedLine(const std::vector<Sample<const std::vector<double>*>>& all,
                                         std::size_t points) {
  std::vector<double> speeds;
  std::vector<const std::vector<double>*> cycles;
  for (const auto& sample : all) {
    if (!sample.stride.speedMps) continue;
    speeds.push_back(*sample.stride.speedMps);
    cycles.push_back(sample.value);
  }
  reference::CurveSpeedLine line;
  line.n = static_cast<int>(cycles.size());
  std::vector<double> column(cycles.size());
  for (std::size_t point = 0; point < points; ++point) {
    for (std::size_t cycle = 0; cycle < cycles.size(); ++cycle)
      column[cycle] = (*cycles[cycle])[point];
    const auto fitted = fitSpeedLine(speeds, column);
    // The speeds are the same at every point, so a line exists at all points or at none.
    if (!fitted.intercept) return line;
    line.intercept.push_back(*fitted.intercept);
    line.slope.push_back(*fitted.slope);
    line.residualSd.push_back(*fitted.residualSd);
  }
  return line;
}

reference::CurveNorm curveNorm(const std::string& id, const std::vector<StratifiedTrial>& trials,
                               const std::vector<std::string>& strata) {
  reference::CurveNorm norm;
  std::vector<Sample<const std::vector<double>*>> samples;
  bool first = true;
  for (const auto& trial : trials) {
    const auto found = trial.samples.curves.find(id);
    if (found == trial.samples.curves.end()) continue;
    const CurveSamples& curve = found->second;
    const std::size_t points = !curve.cycles[kLeft].empty() ? curve.cycles[kLeft].front().size()
                                                            : curve.cycles[kRight].front().size();
    if (first) {
      norm.group = curve.group;
      norm.unit = curve.unit;
      norm.label = curve.label;
      norm.points = static_cast<int>(points);
      first = false;
    }
    requireSame(norm.unit, curve.unit, "unit of curve", id, trial.source);
    requireSame(norm.group, curve.group, "group of curve", id, trial.source);
    requireSame(std::to_string(norm.points), std::to_string(points), "points of curve", id,
                trial.source);
    for (std::size_t side = 0; side < 2; ++side) {
      for (const auto& cycle : curve.cycles[side]) {
        samples.push_back(
            {{stratumIndex(strata, trial.stratum), trial.samples.speedMps[side]}, &cycle});
      }
    }
  }
  for (std::size_t stratum = 0; stratum < strata.size(); ++stratum) {
    std::vector<const std::vector<double>*> cycles;
    for (const auto& sample : samples) {
      if (sample.stride.stratum == stratum) cycles.push_back(sample.value);
    }
    norm.strata[strata[stratum]] = curveBand(cycles, static_cast<std::size_t>(norm.points));
  }
  norm.speedModel = curveSpeedLine(samples, static_cast<std::size_t>(norm.points));
  return norm;
}

reference::AsymmetryNorm asymmetryNorm(const std::vector<double>& indices) {
  reference::AsymmetryNorm norm;
  norm.n = static_cast<int>(indices.size());
  if (norm.n < kMinimumSamples) return norm;
  std::vector<double> magnitudes;
  for (const double index : indices)
    magnitudes.push_back(std::abs(index));
  norm.meanAbsPercent = *summarise(magnitudes).mean;
  norm.sdPercent = *summarise(indices).sd;
  std::sort(magnitudes.begin(), magnitudes.end());
  norm.p95AbsPercent = percentile(magnitudes, 0.95);
  return norm;
}

reference::MetricNorm metricNorm(const std::string& id, const std::vector<StratifiedTrial>& trials,
                                 const std::vector<std::string>& strata) {
  reference::MetricNorm norm;
  std::vector<Sample<double>> samples;
  std::vector<double> asymmetries;
  bool first = true;
  for (const auto& trial : trials) {
    const auto found = trial.samples.metrics.find(id);
    if (found == trial.samples.metrics.end()) continue;
    const MetricSamples& metric = found->second;
    if (first) {
      norm.unit = metric.unit;
      norm.label = metric.label;
      first = false;
    }
    requireSame(norm.unit, metric.unit, "unit of metric", id, trial.source);
    for (std::size_t side = 0; side < 2; ++side) {
      for (const double value : metric.perCycle[side]) {
        samples.push_back(
            {{stratumIndex(strata, trial.stratum), trial.samples.speedMps[side]}, value});
      }
    }
    if (metric.asymmetryPercent) asymmetries.push_back(*metric.asymmetryPercent);
  }

  std::vector<double> values;
  std::vector<double> speeds;
  std::vector<double> valuesWithSpeed;
  for (const auto& sample : samples) {
    values.push_back(sample.value);
    if (!sample.stride.speedMps) continue;
    speeds.push_back(*sample.stride.speedMps);
    valuesWithSpeed.push_back(sample.value);
  }
  const auto pooled = summarise(values);
  norm.n = pooled.n;
  if (pooled.mean) {
    norm.mean = pooled.mean;
    norm.sd = pooled.sd;
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    norm.min = sorted.front();
    norm.max = sorted.back();
    norm.percentiles = reference::Percentiles{percentile(sorted, 0.025), percentile(sorted, 0.05),
                                              percentile(sorted, 0.25),  percentile(sorted, 0.50),
                                              percentile(sorted, 0.75),  percentile(sorted, 0.95),
                                              percentile(sorted, 0.975)};
  }
  norm.speedModel = fitSpeedLine(speeds, valuesWithSpeed);
  for (std::size_t stratum = 0; stratum < strata.size(); ++stratum) {
    std::vector<double> inStratum;
    for (const auto& sample : samples) {
      if (sample.stride.stratum == stratum) inStratum.push_back(sample.value);
    }
    norm.strata[strata[stratum]] = summarise(inStratum);
  }
  if (!asymmetries.empty()) norm.asymmetry = asymmetryNorm(asymmetries);
  return norm;
}

// Distinct values in sorted order joined by "; " (one model or protocol in a clean cohort).
std::string distinctValues(const std::vector<StratifiedTrial>& trials,
                           std::string TrialSamples::*field) {
  std::set<std::string> values;
  for (const auto& trial : trials)
    values.insert(trial.samples.*field);
  std::string joined;
  for (const auto& value : values)
    joined += (joined.empty() ? "" : "; ") + value;
  return joined;
}

}  // namespace

reference::ReferenceNorms aggregateNorms(const std::vector<StratifiedTrial>& trials,
                                         const std::vector<std::string>& strata) {
  reference::ReferenceNorms norms;
  std::set<std::string> curveIds;
  std::set<std::string> metricIds;
  std::set<std::string> participants;
  for (const auto& trial : trials) {
    for (const auto& [id, curve] : trial.samples.curves)
      curveIds.insert(id);
    for (const auto& [id, metric] : trial.samples.metrics)
      metricIds.insert(id);
    participants.insert(trial.participant);
  }
  for (const auto& id : curveIds)
    norms.curves[id] = curveNorm(id, trials, strata);
  for (const auto& id : metricIds)
    norms.metrics[id] = metricNorm(id, trials, strata);

  std::vector<double> allSpeeds;
  for (const auto& name : strata) {
    reference::StratumNorm stratum;
    stratum.name = name;
    std::vector<double> speeds;
    for (const auto& trial : trials) {
      if (trial.stratum != name) continue;
      for (std::size_t side = 0; side < 2; ++side) {
        stratum.strides += trial.samples.cycles[side];
        if (!trial.samples.speedMps[side]) continue;
        for (int cycle = 0; cycle < trial.samples.cycles[side]; ++cycle)
          speeds.push_back(*trial.samples.speedMps[side]);
      }
    }
    const auto summary = summarise(speeds);
    if (summary.mean) {
      stratum.speed = {summary.mean, summary.sd, *std::min_element(speeds.begin(), speeds.end()),
                       *std::max_element(speeds.begin(), speeds.end())};
    }
    norms.provenance.strides += stratum.strides;
    allSpeeds.insert(allSpeeds.end(), speeds.begin(), speeds.end());
    norms.strata.push_back(std::move(stratum));
  }
  if (!allSpeeds.empty()) {
    norms.provenance.speedRange = std::pair{*std::min_element(allSpeeds.begin(), allSpeeds.end()),
                                            *std::max_element(allSpeeds.begin(), allSpeeds.end())};
  }
  norms.provenance.participants = static_cast<int>(participants.size());
  norms.provenance.trials = static_cast<int>(trials.size());
  norms.provenance.model = distinctValues(trials, &TrialSamples::model);
  norms.provenance.protocol = distinctValues(trials, &TrialSamples::protocol);
  return norms;
}

}  // namespace kinchain::cohort
