#include "kinchain/cohort/trial_samples.hpp"

#include <fmt/format.h>

#include <cmath>

#include "kinchain/common/error.hpp"

namespace kinchain::cohort {

using nlohmann::json;

namespace {

const json& requireMember(const json& object, const char* key, const std::string& source,
                          const std::string& place) {
  if (!object.is_object() || !object.contains(key))
    throw InputError(source, "field " + place, fmt::format("has no \"{}\"", key));
  return object.at(key);
}

std::string textOr(const json& object, const char* key, const std::string& fallback) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

std::optional<double> finiteNumber(const json& value) {
  if (!value.is_number()) return std::nullopt;
  const double number = value.get<double>();
  return std::isfinite(number) ? std::optional(number) : std::nullopt;
}

// One cycle as numbers; nothing when a point is null (not computable) or not a number.
std::optional<std::vector<double>> cycleValues(const json& cycle) {
  if (!cycle.is_array()) return std::nullopt;
  std::vector<double> values;
  values.reserve(cycle.size());
  for (const auto& point : cycle) {
    const auto number = finiteNumber(point);
    if (!number) return std::nullopt;
    values.push_back(*number);
  }
  return values;
}

void readCurves(const json& results, const std::string& source, TrialSamples& samples) {
  const json& curves = requireMember(results, "curves", source, "(top level)");
  if (!curves.is_array()) throw InputError(source, "field curves", "is not an array");
  for (std::size_t index = 0; index < curves.size(); ++index) {
    const json& entry = curves[index];
    const std::string place = fmt::format("curves[{}]", index);
    const json& id = requireMember(entry, "id", source, place);
    if (!id.is_string()) throw InputError(source, "field " + place + ".id", "is not a string");
    CurveSamples curve;
    curve.group = textOr(entry, "group", "");
    curve.unit = textOr(entry, "unit", "");
    curve.label = textOr(entry, "label", id.get<std::string>());
    std::size_t points = 0;
    bool anyCycle = false;
    for (std::size_t side = 0; side < 2; ++side) {
      const auto found = entry.find(kSideNames[side]);
      if (found == entry.end() || !found->is_object()) continue;
      const auto cycles = found->find("cycles");
      if (cycles == found->end() || !cycles->is_array()) continue;
      for (std::size_t cycle = 0; cycle < cycles->size(); ++cycle) {
        auto values = cycleValues((*cycles)[cycle]);
        if (!values) continue;
        if (points == 0) points = values->size();
        if (values->size() != points) {
          throw InputError(
              source, fmt::format("field {}.{}.cycles[{}]", place, kSideNames[side], cycle),
              fmt::format("has {} points, the curve's first cycle {}", values->size(), points));
        }
        curve.cycles[side].push_back(std::move(*values));
        anyCycle = true;
      }
    }
    if (!anyCycle) continue;
    const auto [existing, fresh] = samples.curves.emplace(id.get<std::string>(), std::move(curve));
    if (!fresh) {
      throw InputError(source, "field " + place + ".id",
                       fmt::format("curve {} has cycles in two entries; a reference needs one",
                                   existing->first));
    }
  }
}

void readMetrics(const json& results, const std::string& source, TrialSamples& samples) {
  const json& metrics = requireMember(results, "metrics", source, "(top level)");
  if (!metrics.is_array()) throw InputError(source, "field metrics", "is not an array");
  for (std::size_t index = 0; index < metrics.size(); ++index) {
    const json& entry = metrics[index];
    const std::string place = fmt::format("metrics[{}]", index);
    const json& id = requireMember(entry, "id", source, place);
    if (!id.is_string()) throw InputError(source, "field " + place + ".id", "is not a string");
    MetricSamples metric;
    metric.unit = textOr(entry, "unit", "");
    metric.label = textOr(entry, "label", id.get<std::string>());
    for (std::size_t side = 0; side < 2; ++side) {
      const auto found = entry.find(kSideNames[side]);
      if (found == entry.end() || !found->is_object()) continue;
      const auto perCycle = found->find("per_cycle");
      if (perCycle == found->end() || !perCycle->is_array()) continue;
      for (const auto& value : *perCycle) {
        if (const auto number = finiteNumber(value)) metric.perCycle[side].push_back(*number);
      }
    }
    if (const auto asymmetry = entry.find("asymmetry_percent"); asymmetry != entry.end())
      metric.asymmetryPercent = finiteNumber(*asymmetry);
    if (!samples.metrics.emplace(id.get<std::string>(), std::move(metric)).second) {
      throw InputError(source, "field " + place + ".id",
                       fmt::format("metric {} is listed twice", id.get<std::string>()));
    }
  }
}

}  // namespace

std::string failedStages(const json& results) {
  std::string failed;
  const auto stages = results.find("stages");
  if (stages == results.end() || !stages->is_array()) return failed;
  for (const auto& stage : *stages) {
    if (textOr(stage, "status", "") != "failed") continue;
    failed += fmt::format("{}{} failed: {}", failed.empty() ? "" : "; ",
                          textOr(stage, "name", "(unnamed stage)"), textOr(stage, "message", ""));
  }
  return failed;
}

TrialSamples extractTrialSamples(const json& results, const std::string& source) {
  TrialSamples samples;
  const json& spatiotemporal = requireMember(results, "spatiotemporal", source, "(top level)");
  const json& cycles = requireMember(results, "cycles", source, "(top level)");
  for (std::size_t side = 0; side < 2; ++side) {
    const auto sideValues = spatiotemporal.find(kSideNames[side]);
    if (sideValues != spatiotemporal.end() && sideValues->is_object()) {
      if (const auto speed = sideValues->find("speed_m_per_s"); speed != sideValues->end())
        samples.speedMps[side] = finiteNumber(*speed);
    }
    const auto sideCycles = cycles.find(kSideNames[side]);
    if (sideCycles != cycles.end() && sideCycles->is_array())
      samples.cycles[side] = static_cast<int>(sideCycles->size());
  }
  readCurves(results, source, samples);
  readMetrics(results, source, samples);
  const auto model = results.find("model");
  samples.model = model != results.end() ? textOr(*model, "source", "") : "";
  const auto protocol = results.find("protocol");
  samples.protocol = protocol != results.end() ? textOr(*protocol, "name", "") : "";
  return samples;
}

}  // namespace kinchain::cohort
