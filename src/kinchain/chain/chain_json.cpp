#include "kinchain/chain/chain_json.hpp"

#include <fmt/format.h>

#include <cmath>

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
  json out = {{"value", number(side.value)}, {"per_cycle", perCycle}};
  if (!side.value) out["missing"] = side.missing;
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
    const auto& ref = metric.reference;
    if (ref.low || ref.high || !ref.text.empty()) {
      entry["reference"] = {{"low", number(ref.low)},
                            {"high", number(ref.high)},
                            {"text", ref.text},
                            {"source", ref.source}};
    } else {
      entry["reference"] = nullptr;
    }
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
    for (const auto& item : finding.evidence)
      evidence.push_back({{"metric", item.metric},
                          {"value", number(item.value)},
                          {"unit", item.unit},
                          {"reference", item.reference},
                          {"source", item.source}});
    out.push_back({{"id", finding.id},
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
