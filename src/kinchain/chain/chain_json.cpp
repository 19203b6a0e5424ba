#include "kinchain/chain/chain_json.hpp"

#include <fmt/format.h>

#include <cmath>

#include "kinchain/chain/metric_z_scores.hpp"

namespace kinchain::chain {

namespace {

using nlohmann::json;

json number(double value) {
  return std::isfinite(value) ? json(value) : json(nullptr);
}

json number(const std::optional<double>& value) {
  return value ? number(*value) : json(nullptr);
}

json vector(const Eigen::VectorXd& values) {
  json array = json::array();
  for (const double v : values)
    array.push_back(number(v));
  return array;
}

json sideCurves(const std::optional<CycleCurves>& curves) {
  if (!curves) return nullptr;
  json cycles = json::array();
  for (const auto& cycle : curves->cycles)
    cycles.push_back(vector(cycle));
  return {{"mean", vector(curves->mean)}, {"sd", vector(curves->sd)}, {"cycles", cycles}};
}

json sideMetric(const SideMetric& side) {
  json perCycle = json::array();
  for (const auto& value : side.perCycle)
    perCycle.push_back(number(value));
  json out = {{"value", number(side.value)}, {"per_cycle", perCycle}, {"z", number(side.z)}};
  if (!side.value) out["missing"] = side.missing;
  if (!side.z) out["z_missing"] = side.zMissing;
  return out;
}

/// The metric's reference: its cited cut-off (low/high, text, source) and, with adult norms,
/// the norm at the trial's speed (mean, sd, n, speed_m_per_s, clamped; `source` then names the
/// norms and `cutoff_source` the cut-off's author). Null when there is neither.
json metricReference(const ChainMetric& metric) {
  const auto& ref = metric.reference;
  const bool cutoff = ref.low || ref.high || !ref.text.empty();
  if (!cutoff && !metric.norm) return nullptr;
  json out = {{"low", number(ref.low)},
              {"high", number(ref.high)},
              {"text", ref.text},
              {"source", ref.source}};
  if (metric.norm) {
    const MetricNorm& norm = *metric.norm;
    if (ref.text.empty()) out["text"] = normText(norm, metric.unit);
    if (!ref.source.empty()) out["cutoff_source"] = ref.source;
    out["source"] = norm.source;
    out["mean"] = number(norm.mean);
    out["sd"] = number(norm.sd);
    out["n"] = norm.n;
    out["speed_m_per_s"] = number(norm.speedMPerS);
    out["clamped"] = norm.clamped;
  }
  return out;
}

}  // namespace

json curvesToJson(const std::vector<GaitCurve>& curves) {
  json out = json::array();
  for (const auto& curve : curves) {
    json entry = {{"id", curve.id},
                  {"label", curve.label},
                  {"unit", curve.unit},
                  {"group", curve.group},
                  {"left", sideCurves(curve.left)},
                  {"right", sideCurves(curve.right)}};
    if (curve.reference) {
      entry["reference"] = {
          {"mean", vector(curve.reference->mean)},
          {"sd", curve.reference->sd ? vector(*curve.reference->sd) : json(nullptr)},
          {"source", curve.reference->source}};
    } else {
      entry["reference"] = nullptr;
    }
    json missing = json::object();
    if (!curve.left) missing["left"] = curve.leftMissing;
    if (!curve.right) missing["right"] = curve.rightMissing;
    if (!missing.empty()) entry["missing"] = missing;
    out.push_back(entry);
  }
  return out;
}

json metricsToJson(const std::vector<ChainMetric>& metrics) {
  json out = json::array();
  for (const auto& metric : metrics) {
    json entry = {{"id", metric.id},
                  {"label", metric.label},
                  {"unit", metric.unit},
                  {"mechanism", metric.mechanism},
                  {"left", sideMetric(metric.left)},
                  {"right", sideMetric(metric.right)},
                  {"asymmetry_percent", number(metric.asymmetryPercent)}};
    if (!metric.asymmetryPercent) entry["asymmetry_missing"] = metric.asymmetryMissing;
    entry["reference"] = metricReference(metric);
    json flags = json::array();
    for (const auto& flag : metric.flags)
      flags.push_back({{"side", sideName(flag.side)}, {"kind", flag.kind}, {"text", flag.text}});
    entry["flags"] = flags;
    out.push_back(entry);
  }
  return out;
}

json findingsToJson(const GaitFindings& findings) {
  json out = json::array();
  for (const auto& finding : findings.findings) {
    json evidence = json::array();
    for (const auto& item : finding.evidence) {
      json entry = {{"metric", item.metric},       {"side", sideName(item.side)},
                    {"value", number(item.value)}, {"unit", item.unit},
                    {"reference", item.reference}, {"source", item.source}};
      if (item.z) {
        entry["reference_mean"] = number(item.referenceMean);
        entry["reference_sd"] = number(item.referenceSd);
        entry["z"] = number(item.z);
        entry["speed_m_per_s"] = number(item.speedMPerS);
      }
      evidence.push_back(entry);
    }
    out.push_back({{"id", finding.id},
                   {"mechanism", finding.id},
                   {"side", sideName(finding.side)},
                   {"title", finding.title},
                   {"region", finding.region},
                   {"evidence", evidence},
                   {"source", finding.source}});
  }
  return out;
}

json cyclesToJson(const ChainInputs& inputs) {
  json out = json::object();
  for (const Side side : {Side::Left, Side::Right}) {
    json cycles = json::array();
    for (const auto& cycle : sideCycles(inputs, side)) {
      const auto* id = inputs.inverseDynamics;
      const bool hasForce = id != nullptr && !id->time().empty() &&
                            id->time().front() <= cycle.footStrike &&
                            id->time().back() >= cycle.footOff;
      cycles.push_back({{"start_s", cycle.footStrike},
                        {"foot_off_s", cycle.footOff},
                        {"end_s", cycle.nextFootStrike},
                        {"has_force", hasForce}});
    }
    out[std::string(sideName(side))] = cycles;
  }
  return out;
}

json chainMissingToJson(const std::vector<ChainMetric>& metrics, const GaitFindings& findings) {
  json out = json::array();
  for (const auto& metric : metrics)
    for (const Side side : {Side::Left, Side::Right})
      if (!metric.side(side).value)
        out.push_back({{"what", fmt::format("{} ({})", metric.label, sideName(side))},
                       {"reason", metric.side(side).missing}});
  for (const auto& item : findings.notAssessed)
    out.push_back({{"what", fmt::format("mechanism {} ({})", item.id, sideName(item.side))},
                   {"reason", item.reason}});
  return out;
}

}  // namespace kinchain::chain

namespace kinchain::chain {

json normsJudgingToJson(const ChainAnalysis& analysis) {
  if (!analysis.reference) return nullptr;
  json out = json::object();
  const ReferenceJudging& judging = analysis.judging;
  out["band_z"] = judging.supportingZ;
  out["judging"] = {{"supporting_z", judging.supportingZ},
                    {"supporting_count", judging.supportingCount},
                    {"decisive_z", judging.decisiveZ},
                    {"source", judging.source}};
  std::size_t compared = 0;
  std::size_t outside = 0;
  for (const auto& metric : analysis.metrics)
    for (const Side side : {Side::Left, Side::Right})
      if (const auto& z = metric.side(side).z) {
        ++compared;
        if (std::fabs(*z) >= judging.supportingZ) ++outside;
      }
  out["measures_compared"] = compared;
  out["measures_outside"] = outside;
  return out;
}

json gaitProfileToJson(const std::optional<GaitProfile>& profile) {
  if (!profile) return nullptr;
  json variables = json::array();
  json scores = {{"left", json::object()}, {"right", json::object()}};
  json missing = json::object();
  for (const auto& variable : profile->variables) {
    variables.push_back({{"id", variable.curve}, {"label", variable.label}});
    for (const Side side : {Side::Left, Side::Right}) {
      const std::string key(sideName(side));
      scores[key][variable.curve] = number(variable.side(side));
      const std::string& why = side == Side::Left ? variable.leftMissing : variable.rightMissing;
      if (!variable.side(side)) missing[key + " " + variable.curve] = why;
    }
  }
  if (!profile->left) missing["left"] = profile->leftMissing;
  if (!profile->right) missing["right"] = profile->rightMissing;
  if (!profile->overall) missing["overall"] = profile->overallMissing;
  json range = nullptr;
  if (profile->referenceRange) {
    const auto& r = *profile->referenceRange;
    range = {{"n", r.n},
             {"mean", number(r.mean)},
             {"sd", number(r.sd)},
             {"min", number(r.min)},
             {"max", number(r.max)}};
  }
  json out = {{"left", number(profile->left)},
              {"right", number(profile->right)},
              {"overall", number(profile->overall)},
              {"variables", variables},
              {"variable_scores", scores},
              {"reference_range", range},
              {"reference", profile->referenceSource},
              {"mcid_deg", kGaitProfileMcidDeg},
              {"sdc_deg", kGaitProfileSdcDeg},
              {"source",
               "Baker et al. 2009, Gait Posture 30:265 (GVS, GPS, MAP; 51 points, pelvis once in "
               "the overall GPS, from the left cycles)"},
              {"mcid_source", "Baker et al. 2012, Gait Posture 35:612"},
              {"sdc_source", "Gait Posture 99:51 (2023)"}};
  if (!missing.empty()) out["missing"] = missing;
  return out;
}

}  // namespace kinchain::chain
