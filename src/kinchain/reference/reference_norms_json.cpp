#include "kinchain/reference/reference_norms_json.hpp"

#include <fmt/format.h>

#include <cmath>

#include "kinchain/common/error.hpp"
#include "kinchain/io/text_fields.hpp"

namespace kinchain::reference {

using nlohmann::json;

namespace {

// --- writing ---------------------------------------------------------------------------------

json optionalNumber(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json optionalNumbers(const std::vector<double>& values) {
  return values.empty() ? json(nullptr) : json(values);
}

json speedLineJson(const SpeedLine& line) {
  return {{"n", line.n},
          {"intercept", optionalNumber(line.intercept)},
          {"slope", optionalNumber(line.slope)},
          {"residual_sd", optionalNumber(line.residualSd)}};
}

json curveSpeedLineJson(const CurveSpeedLine& line) {
  return {{"n", line.n},
          {"intercept", optionalNumbers(line.intercept)},
          {"slope", optionalNumbers(line.slope)},
          {"residual_sd", optionalNumbers(line.residualSd)}};
}

json metricJson(const MetricNorm& metric) {
  json strata = json::object();
  for (const auto& [name, summary] : metric.strata) {
    strata[name] = {{"n", summary.n},
                    {"mean", optionalNumber(summary.mean)},
                    {"sd", optionalNumber(summary.sd)}};
  }
  json percentiles = nullptr;
  if (metric.percentiles) {
    const Percentiles& p = *metric.percentiles;
    percentiles = {{"p2_5", p.p2_5}, {"p5", p.p5},   {"p25", p.p25},    {"p50", p.p50},
                   {"p75", p.p75},   {"p95", p.p95}, {"p97_5", p.p97_5}};
  }
  json asymmetry = nullptr;
  if (metric.asymmetry) {
    asymmetry = {{"n", metric.asymmetry->n},
                 {"mean_abs_percent", optionalNumber(metric.asymmetry->meanAbsPercent)},
                 {"sd_percent", optionalNumber(metric.asymmetry->sdPercent)},
                 {"p95_abs_percent", optionalNumber(metric.asymmetry->p95AbsPercent)}};
  }
  return {{"unit", metric.unit},
          {"label", metric.label},
          {"n", metric.n},
          {"mean", optionalNumber(metric.mean)},
          {"sd", optionalNumber(metric.sd)},
          {"min", optionalNumber(metric.min)},
          {"max", optionalNumber(metric.max)},
          {"percentiles", percentiles},
          {"speed_model", speedLineJson(metric.speedModel)},
          {"strata", strata},
          {"asymmetry", asymmetry}};
}

json curveJson(const CurveNorm& curve) {
  json strata = json::object();
  for (const auto& [name, band] : curve.strata) {
    strata[name] = {
        {"n", band.n}, {"mean", optionalNumbers(band.mean)}, {"sd", optionalNumbers(band.sd)}};
  }
  return {{"group", curve.group}, {"unit", curve.unit},
          {"label", curve.label}, {"points", curve.points},
          {"strata", strata},     {"speed_model", curveSpeedLineJson(curve.speedModel)}};
}

json provenanceJson(const Provenance& provenance) {
  json leftOut = json::array();
  for (const auto& trial : provenance.leftOut) {
    leftOut.push_back({{"participant", trial.participant},
                       {"trial", trial.trial},
                       {"stratum", trial.stratum},
                       {"reason", trial.reason}});
  }
  json range = nullptr;
  if (provenance.speedRange)
    range = json::array({provenance.speedRange->first, provenance.speedRange->second});
  return {{"dataset", provenance.dataset},
          {"citation", provenance.citation},
          {"licence", provenance.licence},
          {"participants", provenance.participants},
          {"trials", provenance.trials},
          {"strides", provenance.strides},
          {"speed_range_m_per_s", range},
          {"kinchain_version", provenance.kinchainVersion},
          {"model", provenance.model},
          {"protocol", provenance.protocol},
          {"manifest", provenance.manifest},
          {"command", provenance.command},
          {"left_out", leftOut}};
}

// --- reading ---------------------------------------------------------------------------------

// Walks the document and names the field that is wrong ("field metrics.x.speed_model.slope").
class FieldReader {
 public:
  explicit FieldReader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& place, const std::string& reason) const {
    throw InputError(source_, "field " + place, reason);
  }

  const json& member(const json& object, const std::string& place, const std::string& key) const {
    if (!object.is_object()) fail(place, "is not a JSON object");
    const auto found = object.find(key);
    if (found == object.end()) fail(join(place, key), "is missing");
    return *found;
  }

  const json& object(const json& parent, const std::string& place, const std::string& key) const {
    const json& value = member(parent, place, key);
    if (!value.is_object()) fail(join(place, key), "is not a JSON object");
    return value;
  }

  std::string text(const json& parent, const std::string& place, const std::string& key) const {
    const json& value = member(parent, place, key);
    if (!value.is_string()) fail(join(place, key), "is not a string");
    return value.get<std::string>();
  }

  int count(const json& parent, const std::string& place, const std::string& key) const {
    const json& value = member(parent, place, key);
    if (!value.is_number_integer() || value.get<long long>() < 0 ||
        value.get<long long>() > 1'000'000'000) {
      fail(join(place, key), "is not a count (a non-negative integer)");
    }
    return value.get<int>();
  }

  double number(const json& value, const std::string& place) const {
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      fail(place, "is not a finite number");
    return value.get<double>();
  }

  double number(const json& parent, const std::string& place, const std::string& key) const {
    return number(member(parent, place, key), join(place, key));
  }

  std::optional<double> optionalNumber(const json& parent, const std::string& place,
                                       const std::string& key) const {
    const json& value = member(parent, place, key);
    if (value.is_null()) return std::nullopt;
    return number(value, join(place, key));
  }

  /// An array of `size` finite numbers, or null (an empty vector).
  std::vector<double> optionalNumbers(const json& parent, const std::string& place,
                                      const std::string& key, int size) const {
    const json& value = member(parent, place, key);
    const std::string here = join(place, key);
    if (value.is_null()) return {};
    if (!value.is_array()) fail(here, "is neither an array nor null");
    if (value.size() != static_cast<std::size_t>(size))
      fail(here,
           fmt::format("has {} numbers, expected {} (the curve's points)", value.size(), size));
    std::vector<double> numbers;
    numbers.reserve(value.size());
    for (std::size_t index = 0; index < value.size(); ++index)
      numbers.push_back(number(value[index], fmt::format("{}[{}]", here, index)));
    return numbers;
  }

  static std::string join(const std::string& place, const std::string& key) {
    return place.empty() ? key : place + "." + key;
  }

 private:
  std::string source_;
};

SpeedLine readSpeedLine(const FieldReader& in, const json& parent, const std::string& place) {
  const json& value = in.object(parent, place, "speed_model");
  const std::string here = FieldReader::join(place, "speed_model");
  SpeedLine line;
  line.n = in.count(value, here, "n");
  line.intercept = in.optionalNumber(value, here, "intercept");
  line.slope = in.optionalNumber(value, here, "slope");
  line.residualSd = in.optionalNumber(value, here, "residual_sd");
  if (line.intercept.has_value() != line.slope.has_value() ||
      line.slope.has_value() != line.residualSd.has_value()) {
    in.fail(here, "intercept, slope and residual_sd must all be numbers or all be null");
  }
  return line;
}

MetricNorm readMetric(const FieldReader& in, const json& value, const std::string& place) {
  MetricNorm metric;
  metric.unit = in.text(value, place, "unit");
  metric.label = in.text(value, place, "label");
  metric.n = in.count(value, place, "n");
  metric.mean = in.optionalNumber(value, place, "mean");
  metric.sd = in.optionalNumber(value, place, "sd");
  metric.min = in.optionalNumber(value, place, "min");
  metric.max = in.optionalNumber(value, place, "max");
  const json& percentiles = in.member(value, place, "percentiles");
  if (!percentiles.is_null()) {
    const std::string here = FieldReader::join(place, "percentiles");
    Percentiles p;
    p.p2_5 = in.number(percentiles, here, "p2_5");
    p.p5 = in.number(percentiles, here, "p5");
    p.p25 = in.number(percentiles, here, "p25");
    p.p50 = in.number(percentiles, here, "p50");
    p.p75 = in.number(percentiles, here, "p75");
    p.p95 = in.number(percentiles, here, "p95");
    p.p97_5 = in.number(percentiles, here, "p97_5");
    metric.percentiles = p;
  }
  metric.speedModel = readSpeedLine(in, value, place);
  const std::string strataPlace = FieldReader::join(place, "strata");
  for (const auto& [name, summary] : in.object(value, place, "strata").items()) {
    const std::string here = FieldReader::join(strataPlace, name);
    metric.strata[name] = {in.count(summary, here, "n"), in.optionalNumber(summary, here, "mean"),
                           in.optionalNumber(summary, here, "sd")};
  }
  const json& asymmetry = in.member(value, place, "asymmetry");
  if (!asymmetry.is_null()) {
    const std::string here = FieldReader::join(place, "asymmetry");
    metric.asymmetry = AsymmetryNorm{in.count(asymmetry, here, "n"),
                                     in.optionalNumber(asymmetry, here, "mean_abs_percent"),
                                     in.optionalNumber(asymmetry, here, "sd_percent"),
                                     in.optionalNumber(asymmetry, here, "p95_abs_percent")};
  }
  return metric;
}

CurveNorm readCurve(const FieldReader& in, const json& value, const std::string& place) {
  CurveNorm curve;
  curve.group = in.text(value, place, "group");
  curve.unit = in.text(value, place, "unit");
  curve.label = in.text(value, place, "label");
  curve.points = in.count(value, place, "points");
  if (curve.points < 2)
    in.fail(FieldReader::join(place, "points"), "a curve needs 2 points or more");
  const std::string strataPlace = FieldReader::join(place, "strata");
  for (const auto& [name, band] : in.object(value, place, "strata").items()) {
    const std::string here = FieldReader::join(strataPlace, name);
    CurveBand& read = curve.strata[name];
    read.n = in.count(band, here, "n");
    read.mean = in.optionalNumbers(band, here, "mean", curve.points);
    read.sd = in.optionalNumbers(band, here, "sd", curve.points);
    if (read.mean.empty() != read.sd.empty())
      in.fail(here, "mean and sd must both be arrays or null");
  }
  const json& line = in.object(value, place, "speed_model");
  const std::string here = FieldReader::join(place, "speed_model");
  curve.speedModel.n = in.count(line, here, "n");
  curve.speedModel.intercept = in.optionalNumbers(line, here, "intercept", curve.points);
  curve.speedModel.slope = in.optionalNumbers(line, here, "slope", curve.points);
  curve.speedModel.residualSd = in.optionalNumbers(line, here, "residual_sd", curve.points);
  if (curve.speedModel.intercept.empty() != curve.speedModel.slope.empty() ||
      curve.speedModel.slope.empty() != curve.speedModel.residualSd.empty()) {
    in.fail(here, "intercept, slope and residual_sd must all be arrays or all be null");
  }
  return curve;
}

Provenance readProvenance(const FieldReader& in, const json& document) {
  const std::string place = "provenance";
  const json& value = in.object(document, "", place);
  Provenance provenance;
  provenance.dataset = in.text(value, place, "dataset");
  provenance.citation = in.text(value, place, "citation");
  provenance.licence = in.text(value, place, "licence");
  provenance.participants = in.count(value, place, "participants");
  provenance.trials = in.count(value, place, "trials");
  provenance.strides = in.count(value, place, "strides");
  const json& range = in.member(value, place, "speed_range_m_per_s");
  const std::string rangePlace = place + ".speed_range_m_per_s";
  if (!range.is_null()) {
    if (!range.is_array() || range.size() != 2)
      in.fail(rangePlace, "is neither [slowest, fastest] nor null");
    const double slowest = in.number(range[0], rangePlace + "[0]");
    const double fastest = in.number(range[1], rangePlace + "[1]");
    if (slowest > fastest) in.fail(rangePlace, "the slowest speed exceeds the fastest");
    provenance.speedRange = std::pair{slowest, fastest};
  }
  provenance.kinchainVersion = in.text(value, place, "kinchain_version");
  provenance.model = in.text(value, place, "model");
  provenance.protocol = in.text(value, place, "protocol");
  provenance.manifest = in.text(value, place, "manifest");
  provenance.command = in.text(value, place, "command");
  const json& leftOut = in.member(value, place, "left_out");
  if (!leftOut.is_array()) in.fail(place + ".left_out", "is not an array");
  for (std::size_t index = 0; index < leftOut.size(); ++index) {
    const std::string here = fmt::format("{}.left_out[{}]", place, index);
    provenance.leftOut.push_back(
        {in.text(leftOut[index], here, "participant"), in.text(leftOut[index], here, "trial"),
         in.text(leftOut[index], here, "stratum"), in.text(leftOut[index], here, "reason")});
  }
  return provenance;
}

}  // namespace

json referenceNormsToJson(const ReferenceNorms& norms) {
  json strata = json::array();
  for (const auto& stratum : norms.strata) {
    strata.push_back({{"name", stratum.name},
                      {"strides", stratum.strides},
                      {"speed_m_per_s",
                       {{"mean", optionalNumber(stratum.speed.mean)},
                        {"sd", optionalNumber(stratum.speed.sd)},
                        {"min", optionalNumber(stratum.speed.min)},
                        {"max", optionalNumber(stratum.speed.max)}}}});
  }
  json curves = json::object();
  for (const auto& [id, curve] : norms.curves)
    curves[id] = curveJson(curve);
  json metrics = json::object();
  for (const auto& [id, metric] : norms.metrics)
    metrics[id] = metricJson(metric);
  return {{"format", kNormsFormat},
          {"provenance", provenanceJson(norms.provenance)},
          {"strata", strata},
          {"curves", curves},
          {"metrics", metrics}};
}

std::string referenceNormsText(const ReferenceNorms& norms) {
  return referenceNormsToJson(norms).dump(1) + "\n";
}

ReferenceNorms referenceNormsFromJson(const json& document, const std::string& source) {
  const FieldReader in(source);
  if (!document.is_object()) in.fail("(top level)", "is not a JSON object");
  const json& format = in.member(document, "", "format");
  if (!format.is_string() || format.get<std::string>() != kNormsFormat) {
    in.fail("format", fmt::format("is {}, expected \"{}\" (another format or version: rebuild the "
                                  "reference with this kinchain's `norms build`)",
                                  format.dump(), kNormsFormat));
  }
  ReferenceNorms norms;
  norms.provenance = readProvenance(in, document);
  const json& strata = in.member(document, "", "strata");
  if (!strata.is_array()) in.fail("strata", "is not an array");
  for (std::size_t index = 0; index < strata.size(); ++index) {
    const std::string here = fmt::format("strata[{}]", index);
    StratumNorm stratum;
    stratum.name = in.text(strata[index], here, "name");
    stratum.strides = in.count(strata[index], here, "strides");
    const json& speed = in.object(strata[index], here, "speed_m_per_s");
    const std::string speedPlace = here + ".speed_m_per_s";
    stratum.speed = {
        in.optionalNumber(speed, speedPlace, "mean"), in.optionalNumber(speed, speedPlace, "sd"),
        in.optionalNumber(speed, speedPlace, "min"), in.optionalNumber(speed, speedPlace, "max")};
    norms.strata.push_back(std::move(stratum));
  }
  for (const auto& [id, curve] : in.object(document, "", "curves").items())
    norms.curves[id] = readCurve(in, curve, "curves." + id);
  for (const auto& [id, metric] : in.object(document, "", "metrics").items())
    norms.metrics[id] = readMetric(in, metric, "metrics." + id);
  return norms;
}

ReferenceNorms ReferenceNorms::read(const std::string& path) {
  const std::string text = io::text::readWholeFile(path);
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    throw InputError(path, fmt::format("byte {}", error.byte),
                     "not valid JSON: " + std::string(error.what()));
  }
  return referenceNormsFromJson(document, path);
}

}  // namespace kinchain::reference
