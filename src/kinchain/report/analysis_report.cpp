#include "kinchain/report/analysis_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "kinchain/report/chain_picture.hpp"
#include "kinchain/report/html_writer.hpp"
#include "kinchain/report/json_view.hpp"
#include "kinchain/report/screen_json_sections.hpp"
#include "kinchain/report/svg_chart.hpp"

namespace kinchain::report {

namespace {

using json_view::field;
using json_view::items;
using json_view::number;
using json_view::samples;
using json_view::strings;
using json_view::text;
using nlohmann::json;

constexpr std::string_view kSchema = "kinchain.analysis/1";
constexpr const char* kSides[] = {"left", "right"};

constexpr std::string_view kExtraStyle = R"css(
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(22em,1fr));gap:.8em}
figure{margin:.4em 0}section svg{max-width:100%;height:auto;display:block}
figure.curve svg{width:100%}
figcaption{font-size:.8em;color:#555}
.findings-layout{display:grid;grid-template-columns:minmax(16em,27em) 1fr;gap:1em;align-items:start}
.marker-num{display:inline-block;min-width:1.4em;text-align:center;border:2px solid #333;border-radius:1em;font-weight:bold;margin-right:.3em}
.marker-num.left{border-color:#d55e00}.marker-num.right{border-color:#0072b2}
.status-failed{color:#b00020;font-weight:bold}.status-skipped{color:#8a6d00}
.key span{white-space:nowrap;margin-right:1.2em}
.swatch{display:inline-block;width:2em;height:0;vertical-align:middle;margin-right:.3em;border-top-width:3px}
.swatch.left{border-top:3px solid #d55e00}.swatch.right{border-top:3px dashed #0072b2}
.swatch.reference{border-top:8px solid #cfcfcf}
details summary{cursor:pointer}
table.measures{table-layout:fixed}
table.measures col.measure{width:22%}table.measures col.mechanism{width:7%}
table.measures col.value{width:10%}table.measures col.reference{width:32%}
table.measures col.flags{width:9%}
table.measures td{overflow-wrap:anywhere}
tr.in-band td{color:#666}tr.out-of-band td:first-child{font-weight:bold}
.summary-findings li{margin-bottom:.3em}
ol.sources{font-size:.85em;color:#444;margin-top:.2em}
@media (max-width:50em){.findings-layout{display:block}}
@media print{.findings-layout{display:block}.charts{display:block}
.charts figure{display:inline-block;width:49%;vertical-align:top}
svg,figure,.finding{break-inside:avoid;page-break-inside:avoid}
section{break-before:auto}a{color:inherit;text-decoration:none}}
)css";

std::string esc(std::string_view value) {
  return escapeHtml(value);
}

std::string lower(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value;
}

/// "8.1 deg", or "—" when there is no value.
std::string withUnit(const std::optional<double>& value, const std::string& unit) {
  if (!value) return "—";
  return unit.empty() ? formatNumber(*value) : formatNumber(*value) + " " + esc(unit);
}

/// Why something is not available: the first `missing` entry whose `what` mentions one of the
/// keywords; else "no force plates" when it needs forces and the trial has none.
std::string missingReason(const json& results, std::initializer_list<std::string_view> keywords,
                          bool needs_force) {
  for (const auto* entry : items(field(results, "missing"))) {
    const std::string what = lower(text(field(entry, "what")));
    for (const auto keyword : keywords) {
      if (what.find(keyword) != std::string::npos) {
        const std::string reason = text(field(entry, "reason"));
        return reason.empty() ? "reason not given" : reason;
      }
    }
  }
  const auto plates = number(field(field(results, "trial"), "force_plates"));
  if (needs_force && plates && *plates == 0.0) return "no force plates";
  return "not in the results";
}

/// "stride_time_s" -> "stride time (s)".
std::string quantityName(const std::string& key) {
  static const std::pair<std::string_view, std::string_view> suffixes[] = {
      {"_m_per_s", "m/s"},  {"_m_s", "m/s"},   {"_steps_per_min", "steps/min"},
      {"_per_min", "/min"}, {"_percent", "%"}, {"_hz", "Hz"},
      {"_deg", "deg"},      {"_kg", "kg"},     {"_s", "s"},
      {"_m", "m"},          {"_n", "N"}};
  std::string name = key;
  std::string unit;
  for (const auto& [suffix, suffix_unit] : suffixes) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      name.resize(name.size() - suffix.size());
      unit = suffix_unit;
      break;
    }
  }
  std::replace(name.begin(), name.end(), '_', ' ');
  return unit.empty() ? name : name + " (" + unit + ")";
}

// --- page head and trial -----------------------------------------------------------------

std::string pageHead(const json& results) {
  const std::string file = text(field(field(results, "trial"), "file"));
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; img-src data:\"/>"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>";
  html += "<title>Kinchain gait analysis" + (file.empty() ? std::string() : " — " + esc(file)) +
          "</title><style>";
  html += baseStylesheet();
  html += kExtraStyle;
  html += "</style></head><body>";
  html += "<header><h1>Kinetic-chain gait analysis" +
          (file.empty() ? std::string() : " — " + esc(file)) + "</h1>";
  html += fmt::format("<p class=\"muted\">Results {} · created {} · kinchain {}</p>",
                      esc(text(field(results, "schema"))), esc(text(field(results, "created"))),
                      esc(text(field(results, "kinchain_version"))));
  html +=
      "<div class=\"note\"><b>Kinchain supports clinicians; it diagnoses nothing.</b> Findings "
      "are measured patterns to weigh with the clinical examination; root causes are hypotheses "
      "to test. Red flags always win.</div>";
  const std::string schema = text(field(results, "schema"));
  if (schema != kSchema) {
    html += fmt::format(
        "<p class=\"flag\">These results are of schema “{}”, not {}; parts of the page may be "
        "missing.</p>",
        esc(schema.empty() ? "none" : schema), kSchema);
  }
  return html + "</header>";
}

// What makes every number below less trustworthy, before any number: a stage that failed and
// a marker fit beyond OpenSim's best practice (the results rest on it).
std::string cautionSection(const json& results) {
  std::vector<std::string> cautions;
  if (const auto* stages = field(results, "stages"); stages != nullptr && stages->is_array()) {
    for (const auto& stage : *stages) {
      if (text(field(stage, "status")) != "failed") continue;
      cautions.push_back(
          fmt::format("Stage <b>{}</b> failed: {}. The results that depend on it "
                      "are missing.",
                      esc(text(field(stage, "name"))), esc(text(field(stage, "message")))));
    }
  }
  const auto* fit = field(field(results, "inverse_kinematics"), "best_practice");
  const auto* rmsWithin = field(fit, "rms_within");
  const auto* maxWithin = field(fit, "max_within");
  const auto* ik = field(results, "inverse_kinematics");
  const auto millimetres = [](const json* metres) {
    auto value = number(metres);
    if (value) *value *= 1000.0;
    return value;
  };
  if (rmsWithin != nullptr && rmsWithin->is_boolean() && !rmsWithin->get<bool>()) {
    cautions.push_back(fmt::format(
        "The marker fit is beyond OpenSim's best practice: mean RMS {} (bound {}). The analysis "
        "was forced; every joint angle, moment and load below rests on this fit.",
        withUnit(millimetres(field(ik, "marker_rms_mean_m")), "mm"),
        withUnit(millimetres(field(fit, "rms_bound_m")), "mm")));
  } else if (maxWithin != nullptr && maxWithin->is_boolean() && !maxWithin->get<bool>()) {
    cautions.push_back(fmt::format(
        "The largest marker error, {} at {}, is beyond OpenSim's best practice ({}); the mean "
        "fit is within it.",
        withUnit(millimetres(field(ik, "marker_max_m")), "mm"),
        esc(text(field(ik, "worst_marker"))),
        withUnit(millimetres(field(fit, "max_bound_m")), "mm")));
  }
  if (cautions.empty()) return {};
  std::string html = "<section id=\"caution\"><h2 class=\"flag\">Read with caution</h2><ul>";
  for (const auto& caution : cautions)
    html += "<li class=\"flag\">" + caution + "</li>";
  return html + "</ul></section>";
}

std::string row(std::string_view name, const std::string& value_html) {
  return fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>", name, value_html);
}

std::string trialSection(const json& results) {
  const auto* trial = field(results, "trial");
  const auto* subject = field(results, "subject");
  const auto* protocol = field(results, "protocol");
  const auto* model = field(results, "model");
  std::string html = "<section id=\"trial\"><h2>Trial, subject and model</h2><table>";
  html += row("Trial file", esc(text(field(trial, "file"))));
  html += row("Frames · rate", fmt::format("{} frames at {}", esc(text(field(trial, "frames"))),
                                           withUnit(number(field(trial, "rate_hz")), "Hz")));
  html +=
      row("Start · duration", fmt::format("{} · {}", withUnit(number(field(trial, "start_s")), "s"),
                                          withUnit(number(field(trial, "duration_s")), "s")));
  html += row("Force plates", esc(text(field(trial, "force_plates"))));
  const std::string static_file = text(field(trial, "static_file"));
  html += row("Static trial",
              static_file.empty() ? "none (scaled from the trial itself)" : esc(static_file));
  html += row("Body mass", fmt::format("{} <span class=\"muted\">({})</span>",
                                       withUnit(number(field(subject, "mass_kg")), "kg"),
                                       esc(text(field(subject, "mass_source")))));
  html += row("Marker protocol",
              fmt::format("{} <span class=\"muted\">({})</span>",
                          esc(text(field(protocol, "name"))), esc(text(field(protocol, "id")))));
  html += row("Model", esc(text(field(model, "source"))));
  html += row("Scaling method", esc(text(field(model, "scaling_method"))));
  const auto* marker_error = field(model, "marker_error");
  html += row("Marker fit error", fmt::format("RMS {}, max {} at {}",
                                              withUnit(number(field(marker_error, "rms_m")), "m"),
                                              withUnit(number(field(marker_error, "max_m")), "m"),
                                              esc(text(field(marker_error, "worst_marker")))));
  html += "</table>";

  const auto used = strings(field(protocol, "markers_used"));
  const auto missing = strings(field(protocol, "markers_missing"));
  const auto ignored = strings(field(protocol, "labels_ignored"));
  html += fmt::format(
      "<h3>Markers</h3><table><tr><th>Used ({})</th><td>{}</td></tr><tr><th>Missing "
      "({})</th><td class=\"{}\">{}</td></tr>",
      used.size(), esc(fmt::format("{}", fmt::join(used, ", "))), missing.size(),
      missing.empty() ? "" : "flag",
      missing.empty() ? "none" : esc(fmt::format("{}", fmt::join(missing, ", "))));
  // Absent alternatives (SACR beside both PSIS markers) are no gap: said apart from the missing.
  std::vector<std::string> alternatives;
  for (const auto* entry : items(field(protocol, "markers_not_needed")))
    alternatives.push_back(fmt::format("{} (not needed: {} used instead)",
                                       text(field(entry, "marker")),
                                       fmt::join(strings(field(entry, "instead")), " and ")));
  if (!alternatives.empty())
    html += fmt::format("<tr><th>Alternatives absent ({})</th><td>{}</td></tr>",
                        alternatives.size(), esc(fmt::format("{}", fmt::join(alternatives, "; "))));
  // Labels outside the protocol that another stage uses (thorax markers for the trunk lean).
  std::map<std::string, std::vector<std::string>> usesOtherwise;
  for (const auto* entry : items(field(protocol, "labels_used_otherwise")))
    usesOtherwise[text(field(entry, "use"))].push_back(text(field(entry, "label")));
  std::size_t usedOtherwise = 0;
  std::vector<std::string> otherwise;
  for (const auto& [use, labels] : usesOtherwise) {
    usedOtherwise += labels.size();
    otherwise.push_back(fmt::format("{}: {}", fmt::join(labels, ", "), use));
  }
  if (!otherwise.empty())
    html += fmt::format("<tr><th>Used for other measures ({})</th><td>{}</td></tr>", usedOtherwise,
                        esc(fmt::format("{}", fmt::join(otherwise, "; "))));
  html += fmt::format("<tr><th>Labels ignored ({})</th><td>{}</td></tr></table>", ignored.size(),
                      ignored.empty() ? "none" : esc(fmt::format("{}", fmt::join(ignored, ", "))));
  return html + "</section>";
}

std::string stagesSection(const json& results) {
  std::string html = "<section id=\"stages\"><h2>Processing stages</h2>";
  const auto stages = items(field(results, "stages"));
  if (stages.empty()) {
    html += "<p class=\"muted\">No stage record in the results.</p>";
  } else {
    html += "<table><tr><th>Stage</th><th>Status</th><th>Time</th><th>Message</th></tr>";
    for (const auto* stage : stages) {
      const std::string status = text(field(stage, "status"));
      const char* status_class = status == "failed"    ? "status-failed"
                                 : status == "skipped" ? "status-skipped"
                                                       : "";
      html += fmt::format(
          "<tr class=\"stage\"><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{}</td>"
          "<td>{}</td></tr>",
          esc(quantityName(text(field(stage, "name")))), status_class, esc(status),
          withUnit(number(field(stage, "seconds")), "s"), esc(text(field(stage, "message"))));
    }
    html += "</table>";
  }
  const auto warnings = strings(field(results, "warnings"));
  html += "<h3>Warnings</h3>" + htmlList(warnings);
  html += "</section>";

  html += "<section id=\"missing\"><h2>Not available, and why</h2>";
  const auto missing = items(field(results, "missing"));
  if (missing.empty())
    return html + "<p>Everything the analysis computes is available.</p></section>";
  html += "<table><tr><th>What</th><th>Why</th></tr>";
  for (const auto* entry : missing) {
    html += fmt::format("<tr class=\"missing-item\"><td>{}</td><td>{}</td></tr>",
                        esc(text(field(entry, "what"))), esc(text(field(entry, "reason"))));
  }
  return html + "</table></section>";
}

// --- findings and chain picture ----------------------------------------------------------

std::string metricLabel(const json& results, const std::string& id) {
  for (const auto* metric : items(field(results, "metrics"))) {
    if (text(field(metric, "id")) == id) {
      const std::string label = text(field(metric, "label"));
      if (!label.empty()) return label;
    }
  }
  return id;
}

std::string sideClass(const std::string& side) {
  return side == "left" || side == "right" ? side : "";
}

std::string findingsSection(const json& results) {
  const auto findings = items(field(results, "findings"));
  std::vector<svg::ChainMarker> markers;
  std::string list_html;
  int number_shown = 0;
  for (const auto* finding : findings) {
    ++number_shown;
    const std::string id = text(field(finding, "id"));
    const std::string side = text(field(finding, "side"));
    const std::string title = text(field(finding, "title"));
    const std::string region = text(field(finding, "region"));
    const std::string anchor = fmt::format("finding-{}", number_shown);
    markers.push_back({number_shown, side, region, id + " " + title + " (" + side + ")", anchor});
    list_html += fmt::format(
        "<div class=\"finding\" id=\"{}\" data-mechanism=\"{}\"><h3><span class=\"marker-num "
        "{}\">{}</span>{} — {} ({} side)</h3>",
        anchor, esc(id), sideClass(side), number_shown, esc(id), esc(title),
        esc(side.empty() ? "no" : side));
    if (const auto explanation = text(field(finding, "explanation")); !explanation.empty())
      list_html += "<p>" + esc(explanation) + "</p>";
    const auto evidence = items(field(finding, "evidence"));
    if (!evidence.empty()) {
      list_html +=
          "<table><tr><th>Measure</th><th>Value</th><th>Reference</th><th>Source</th></tr>";
      for (const auto* item : evidence) {
        list_html += fmt::format(
            "<tr class=\"evidence\"><td>{}</td><td "
            "class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(metricLabel(results, text(field(item, "metric")))),
            withUnit(number(field(item, "value")), text(field(item, "unit"))),
            esc(text(field(item, "reference"))), esc(text(field(item, "source"))));
      }
      list_html += "</table>";
    }
    list_html += fmt::format("<p class=\"muted\">Mechanism {} · region {} · source: {}</p>",
                             esc(id), esc(region.empty() ? "not given" : region),
                             esc(text(field(finding, "source"))));
    if (!svg::isChainRegion(region)) {
      list_html += "<p class=\"muted\">Not placed on the picture: region “" + esc(region) +
                   "” is not a part of the chain drawn.</p>";
    }
    list_html += "</div>";
  }
  std::string html = "<section id=\"findings\"><h2>Findings along the chain</h2>";
  if (findings.empty()) {
    html += "<p>No gait finding is supported by the measured data. " +
            esc(std::string("Findings that could not be assessed are listed under “Not "
                            "available, and why”.")) +
            "</p>";
  } else {
    html +=
        "<p>Each numbered marker sits where the finding is on the chain and links to its "
        "numbers below. Left-side markers are ringed in vermillion, right-side in blue.</p>";
  }
  html += "<div class=\"findings-layout\"><figure>" + svg::chainPicture(markers) +
          "<figcaption>The chain from the foot to the trunk (kinetic-chain.md §1).</figcaption>"
          "</figure><div>" +
          list_html + "</div></div>";
  return html + "</section>";
}

// --- summary: speed, reference, profile, findings ---------------------------------------

/// A side's walking speed from the spatiotemporal parameters (a number or {value, unit}).
std::optional<double> walkingSpeed(const json& results, const char* side) {
  const auto* value = field(field(field(results, "spatiotemporal"), side), "speed_m_per_s");
  if (value != nullptr && value->is_object()) return number(field(value, "value"));
  return number(value);
}

std::string profileFigure(const json& profile) {
  svg::ProfileChart chart;
  chart.title = "Movement Analysis Profile: Gait Variable Scores and Gait Profile Score";
  const auto* scores = field(profile, "variable_scores");
  for (const auto* variable : items(field(profile, "variables"))) {
    const std::string id = text(field(variable, "id"));
    chart.rows.push_back({text(field(variable, "label")), number(field(field(scores, "left"), id)),
                          number(field(field(scores, "right"), id)), std::nullopt, false});
  }
  chart.rows.push_back(
      {"GPS", number(field(profile, "left")), number(field(profile, "right")), std::nullopt, true});
  chart.rows.push_back(
      {"GPS overall", std::nullopt, std::nullopt, number(field(profile, "overall")), true});
  const auto* range = field(profile, "reference_range");
  if (const auto mean = number(field(range, "mean")), sd = number(field(range, "sd")); mean && sd) {
    chart.band_low = std::max(0.0, *mean - *sd);
    chart.band_high = *mean + *sd;
    chart.band_label = "reference cohort GPS mean ± 1 SD";
  }
  std::string html = "<figure class=\"profile\">" + svg::profileChart(chart) + "<figcaption>";
  html += fmt::format(
      "GPS left {}, right {}, overall {}. A change smaller than {} is within measurement noise "
      "(smallest detectable change, {}); {} is the minimal clinically important difference ({}). "
      "Method: {}.",
      withUnit(number(field(profile, "left")), "°"), withUnit(number(field(profile, "right")), "°"),
      withUnit(number(field(profile, "overall")), "°"),
      withUnit(number(field(profile, "sdc_deg")), "°"), esc(text(field(profile, "sdc_source"))),
      withUnit(number(field(profile, "mcid_deg")), "°"), esc(text(field(profile, "mcid_source"))),
      esc(text(field(profile, "source"))));
  if (const auto* missing = field(profile, "missing"); missing != nullptr && missing->is_object())
    for (const auto& [what, why] : missing->items())
      html += "<br/>" + esc(what) + " not available: " + esc(text(&why));
  return html + "</figcaption></figure>";
}

std::string summarySection(const json& results) {
  std::string html = "<section id=\"summary\"><h2>Summary</h2><table>";
  std::vector<std::string> speeds;
  for (const char* side : kSides)
    speeds.push_back(fmt::format("{} {}", side, withUnit(walkingSpeed(results, side), "m/s")));
  html += row("Walking speed", fmt::format("{}", fmt::join(speeds, " · ")));
  const auto* norms = field(results, "norms");
  if (norms == nullptr || !norms->is_object()) {
    html += row("Adult reference",
                "none given: measures are shown without reference bands, and findings rest on "
                "the few cited cut-offs only");
    html += "</table>";
  } else {
    const auto speedRange = samples(field(norms, "speed_range_m_per_s"));
    std::string reference = fmt::format(
        "<b>{}</b>, {} strides ({}), predicted at {}", esc(text(field(norms, "source"))),
        esc(text(field(norms, "strides"))), esc(text(field(norms, "licence"))),
        withUnit(number(field(norms, "speed_used_m_per_s")), "m/s"));
    if (const auto* clamped = field(norms, "clamped");
        clamped != nullptr && clamped->is_boolean() && clamped->get<bool>() &&
        speedRange.size() == 2)
      reference += fmt::format(
          " <span class=\"flag\">(the trial's {} lies outside the reference's {}–{}: taken at the "
          "nearest end)</span>",
          withUnit(number(field(norms, "trial_speed_m_per_s")), "m/s"), formatNumber(speedRange[0]),
          withUnit(speedRange[1], "m/s"));
    reference += "<br/><span class=\"muted\">" + esc(text(field(norms, "citation"))) + "</span>";
    html += row("Adult reference", reference);
    const auto outside = number(field(norms, "measures_outside"));
    const auto compared = number(field(norms, "measures_compared"));
    html += row("Outside the reference band",
                fmt::format("<span class=\"measures-outside\">{} of {} measures</span> outside "
                            "mean ± {} SD. <span class=\"muted\">A healthy walker falls outside on "
                            "a few by chance; findings need the rule: {}.</span>",
                            formatNumber(outside), formatNumber(compared),
                            formatNumber(number(field(norms, "band_z"))),
                            esc(text(field(field(norms, "judging"), "source")))));
    html += "</table>";
  }
  if (const auto* profile = field(results, "gait_profile_score");
      profile != nullptr && profile->is_object())
    html += profileFigure(*profile);
  const auto findings = items(field(results, "findings"));
  html += "<h3>Findings</h3>";
  if (findings.empty())
    return html + "<p>No gait finding is supported by the measured data.</p></section>";
  html += "<ul class=\"summary-findings\">";
  for (const auto* finding : findings) {
    std::vector<std::string> parts;
    for (const auto* item : items(field(finding, "evidence")))
      parts.push_back(fmt::format("{} {} {} (reference {}; {})", esc(text(field(item, "side"))),
                                  esc(metricLabel(results, text(field(item, "metric")))),
                                  withUnit(number(field(item, "value")), text(field(item, "unit"))),
                                  esc(text(field(item, "reference"))),
                                  esc(text(field(item, "source")))));
    html += fmt::format("<li class=\"summary-finding\"><b>{} {} ({} side)</b>: {}</li>",
                        esc(text(field(finding, "id"))), esc(text(field(finding, "title"))),
                        esc(text(field(finding, "side"))), fmt::join(parts, "; "));
  }
  return html + "</ul></section>";
}

// --- metrics and asymmetry ----------------------------------------------------------------

/// The sources cited by a table, numbered in order of first use (shown once, below the table,
/// instead of in every row).
class SourceNotes {
 public:
  /// 1-based number of `source`, added on first use.
  std::size_t number(const std::string& source) {
    const auto found = std::find(sources_.begin(), sources_.end(), source);
    if (found != sources_.end()) return static_cast<std::size_t>(found - sources_.begin()) + 1;
    sources_.push_back(source);
    return sources_.size();
  }
  std::string html(const std::string& idPrefix) const {
    if (sources_.empty()) return {};
    std::string list = "<ol class=\"sources\">";
    for (std::size_t i = 0; i < sources_.size(); ++i)
      list += fmt::format("<li id=\"{}{}\">{}</li>", idPrefix, i + 1, esc(sources_[i]));
    return list + "</ol>";
  }

 private:
  std::vector<std::string> sources_;
};

std::string referenceText(const json* reference, const std::string& unit, SourceNotes& notes) {
  if (reference == nullptr) return "<span class=\"muted\">none</span>";
  const auto low = number(field(reference, "low"));
  const auto high = number(field(reference, "high"));
  std::string range;
  if (low && high)
    range = formatNumber(*low) + "–" + withUnit(high, unit);
  else if (low)
    range = "≥ " + withUnit(low, unit);
  else if (high)
    range = "≤ " + withUnit(high, unit);
  // The adult norm at the trial's speed leads: it is what z is measured against.
  if (const auto mean = number(field(reference, "mean")), sd = number(field(reference, "sd"));
      mean && sd)
    range = fmt::format("<span class=\"norm\">{} ± {}</span>", formatNumber(*mean),
                        withUnit(sd, unit)) +
            (range.empty() ? "" : "<br/>cut-off " + range);
  std::string html = range;
  if (const auto note = text(field(reference, "text")); !note.empty())
    html += (html.empty() ? "" : "<br/>") + esc(note);
  if (const auto source = text(field(reference, "source")); !source.empty()) {
    const std::size_t n = notes.number(source);
    html += fmt::format(" <a class=\"source-ref\" href=\"#source-{}\">[{}]</a>", n, n);
  }
  return html;
}

std::string metricsSection(const json& results) {
  std::string html = "<section id=\"metrics\"><h2>Kinetic-chain measures</h2>";
  const auto metrics = items(field(results, "metrics"));
  if (metrics.empty()) {
    return html + "<p>Not available — " +
           esc(missingReason(results, {"metric", "measure"}, false)) + ".</p></section>";
  }
  html +=
      "<table class=\"measures\"><colgroup><col class=\"measure\"/><col class=\"mechanism\"/>"
      "<col class=\"value\"/><col class=\"value\"/><col class=\"value\"/>"
      "<col class=\"reference\"/><col class=\"flags\"/></colgroup>"
      "<tr><th>Measure</th><th>Mechanism</th><th>Left</th><th>Right</th>"
      "<th>Asymmetry</th><th>Reference</th><th>Flags</th></tr>";
  SourceNotes notes;
  std::vector<svg::Bar> bars;
  // Out-of-band measures first (largest |z| first), the rest in the results' order, quietly.
  const auto bandZ = number(field(field(results, "norms"), "band_z"));
  struct MetricRow {
    std::string html;
    double largestZ = 0.0;
    bool outside = false;
  };
  std::vector<MetricRow> rows;
  for (const auto* metric : metrics) {
    double largestZ = 0.0;
    bool anyZ = false;
    for (const char* side : kSides)
      if (const auto z = number(field(field(metric, side), "z"))) {
        anyZ = true;
        largestZ = std::max(largestZ, std::fabs(*z));
      }
    const bool outside = bandZ && anyZ && largestZ >= *bandZ;
    const std::string id = text(field(metric, "id"));
    const std::string unit = text(field(metric, "unit"));
    const auto flags = items(field(metric, "flags"));
    std::string cells;
    for (const char* side : kSides) {
      const auto* values = field(metric, side);
      bool flagged = false;
      for (const auto* flag : flags)
        flagged = flagged || text(field(flag, "side")) == side;
      std::string per_cycle;
      // One cycle's value is the side's value: listed only when there are several.
      const auto cycles = samples(field(values, "per_cycle"));
      if (cycles.size() > 1) {
        std::vector<std::string> parts;
        for (const auto& value : cycles)
          parts.push_back(formatNumber(value));
        per_cycle =
            fmt::format("<br/><span class=\"muted\">per cycle: {}</span>", fmt::join(parts, ", "));
      }
      const auto value = number(field(values, "value"));
      const std::string why = text(field(values, "missing"));
      if (!value && !why.empty()) per_cycle += "<br/><span class=\"muted\">" + esc(why) + "</span>";
      if (const auto z = number(field(values, "z"))) {
        const bool beyond = bandZ && std::fabs(*z) >= *bandZ;
        per_cycle +=
            fmt::format("<br/><span class=\"z{}\">z = {}{}</span>",
                        beyond ? " out-of-band flag" : "", *z >= 0.0 ? "+" : "", formatNumber(*z));
      }
      cells += fmt::format("<td class=\"num side-{}{}\">{}{}</td>", side, flagged ? " flag" : "",
                           withUnit(value, unit), per_cycle);
    }
    const auto asymmetry = number(field(metric, "asymmetry_percent"));
    std::string asymmetry_why;
    if (const auto why = text(field(metric, "asymmetry_missing")); !asymmetry && !why.empty())
      asymmetry_why = "<br/><span class=\"muted\">" + esc(why) + "</span>";
    std::string flag_html;
    for (const auto* flag : flags) {
      flag_html += fmt::format("<div class=\"flag\">{}: {}</div>", esc(text(field(flag, "side"))),
                               esc(text(field(flag, "text"))));
    }
    const char* band_class = !anyZ || !bandZ ? "" : outside ? " out-of-band" : " in-band";
    rows.push_back(
        {fmt::format("<tr class=\"metric{}\" id=\"metric-{}\"><td>{}</td><td>{}</td>{}<td "
                     "class=\"num asymmetry\">{}</td><td>{}</td><td>{}</td></tr>",
                     band_class, esc(id), esc(text(field(metric, "label"))),
                     esc(text(field(metric, "mechanism"))), cells,
                     withUnit(asymmetry, "%") + asymmetry_why,
                     referenceText(field(metric, "reference"), unit, notes), flag_html),
         largestZ, outside});
    if (metric->is_object() && metric->contains("asymmetry_percent")) {
      const std::string label = text(field(metric, "label"));
      bars.push_back({label.empty() ? id : label, asymmetry});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const MetricRow& a, const MetricRow& b) {
    if (a.outside != b.outside) return a.outside;
    return a.outside && a.largestZ > b.largestZ;
  });
  for (const auto& metric_row : rows)
    html += metric_row.html;
  html += "</table>";
  if (const std::string list = notes.html("source-"); !list.empty())
    html += "<p class=\"muted\">Sources of the reference values:</p>" + list;

  html += "<h3 id=\"asymmetry\">Left–right asymmetry</h3>";
  const auto* threshold = field(results, "asymmetry_threshold");
  svg::BarChart chart;
  chart.title = "Left–right asymmetry index per measure";
  chart.bars = bars;
  chart.threshold = number(field(threshold, "percent"));
  if (chart.threshold) {
    chart.threshold_label =
        "±" + formatNumber(*chart.threshold) + " % (" + text(field(threshold, "source")) + ")";
  }
  html += "<figure>" + (bars.empty() ? svg::unavailablePanel(
                                           chart.title, "no asymmetry in the results", 560, 120)
                                     : svg::barChart(chart));
  html += chart.threshold
              ? "<figcaption>Bars beyond the dashed threshold are flagged (dark, “!”).</figcaption>"
              : "<figcaption>The results give no asymmetry threshold, so no bar is "
                "flagged.</figcaption>";
  return html + "</figure></section>";
}

// --- events, cycles, spatiotemporal -------------------------------------------------------

std::string eventsSection(const json& results) {
  std::string html = "<section id=\"events\"><h2>Gait events and cycles</h2>";
  const auto events = items(field(results, "events"));
  if (events.empty()) {
    html +=
        "<p>Gait events not available — " + esc(missingReason(results, {"event"}, false)) + ".</p>";
  } else {
    html += "<table><tr><th>Side</th><th>Event</th><th>Time</th><th>Detected from</th></tr>";
    for (const auto* event : events) {
      html += fmt::format(
          "<tr class=\"event\"><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
          esc(text(field(event, "side"))), esc(quantityName(text(field(event, "kind")))),
          withUnit(number(field(event, "time_s")), "s"),
          esc(quantityName(text(field(event, "source")))));
    }
    html += "</table>";
  }
  const auto* cycles = field(results, "cycles");
  for (const char* side : kSides) {
    const auto side_cycles = items(field(cycles, side));
    html += fmt::format("<h3>{} cycles ({})</h3>", side[0] == 'l' ? "Left" : "Right",
                        side_cycles.size());
    if (side_cycles.empty()) {
      html += "<p class=\"muted\">No complete cycle.</p>";
      continue;
    }
    html +=
        "<table><tr><th>#</th><th>Foot strike</th><th>Foot off</th><th>Next foot strike</th>"
        "<th>Force plate</th></tr>";
    int index = 0;
    for (const auto* cycle : side_cycles) {
      html += fmt::format(
          "<tr class=\"cycle\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{}</td><td>{}</td></tr>",
          ++index, withUnit(number(field(cycle, "start_s")), "s"),
          withUnit(number(field(cycle, "foot_off_s")), "s"),
          withUnit(number(field(cycle, "end_s")), "s"), esc(text(field(cycle, "has_force"))));
    }
    html += "</table>";
  }

  html += "<h3>Spatiotemporal parameters</h3>";
  const auto* spatiotemporal = field(results, "spatiotemporal");
  std::vector<std::string> keys;
  for (const char* side : kSides) {
    if (const auto* values = field(spatiotemporal, side); values && values->is_object()) {
      for (const auto& [key, value] : values->items())
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  if (keys.empty()) {
    return html + "<p>Not available — " +
           esc(missingReason(results, {"spatiotemporal", "stride", "cycle"}, false)) +
           ".</p></section>";
  }
  html += "<table><tr><th>Parameter</th><th>Left</th><th>Right</th></tr>";
  for (const auto& key : keys) {
    html += "<tr class=\"spatiotemporal\"><td>" + esc(quantityName(key)) + "</td>";
    for (const char* side : kSides) {
      const auto* value = field(field(spatiotemporal, side), key);
      std::string cell = esc(text(value));
      if (value && value->is_object())
        cell = withUnit(number(field(value, "value")), text(field(value, "unit")));
      html += "<td class=\"num\">" + (cell.empty() ? std::string("—") : cell) + "</td>";
    }
    html += "</tr>";
  }
  return html + "</table></section>";
}

// --- curves -------------------------------------------------------------------------------

/// Toe-off as % of the cycle: spatiotemporal stance percentage when given, else the mean over
/// the side's cycles of (foot_off − start) / (end − start) · 100.
std::optional<double> toeOffPercent(const json& results, const char* side) {
  const auto* spatiotemporal = field(field(results, "spatiotemporal"), side);
  for (const char* key : {"stance_percent", "stance_phase_percent", "foot_off_percent"})
    if (const auto value = number(field(spatiotemporal, key))) return value;
  double sum = 0.0;
  int count = 0;
  for (const auto* cycle : items(field(field(results, "cycles"), side))) {
    const auto start = number(field(cycle, "start_s"));
    const auto foot_off = number(field(cycle, "foot_off_s"));
    const auto end = number(field(cycle, "end_s"));
    if (!start || !foot_off || !end || !(*end > *start)) continue;
    sum += (*foot_off - *start) / (*end - *start) * 100.0;
    ++count;
  }
  if (count == 0) return std::nullopt;
  return sum / count;
}

/// mean ∓ sd where both are present.
svg::Band sdBand(const json* stats, std::string label, std::string colour, double opacity,
                 std::string css_class) {
  const auto mean = samples(field(stats, "mean"));
  const auto sd = samples(field(stats, "sd"));
  svg::Band band{std::move(label), {}, {}, std::move(colour), opacity, std::move(css_class)};
  for (std::size_t i = 0; i < mean.size(); ++i) {
    const bool both = mean[i] && i < sd.size() && sd[i];
    band.low.push_back(both ? std::optional<double>(*mean[i] - *sd[i]) : std::nullopt);
    band.high.push_back(both ? std::optional<double>(*mean[i] + *sd[i]) : std::nullopt);
  }
  return band;
}

bool hasValues(const svg::Samples& values) {
  return std::any_of(values.begin(), values.end(), [](const auto& v) { return v.has_value(); });
}

std::string curveFigure(const json& results, const json& curve, std::string_view group_reason) {
  const std::string id = text(field(curve, "id"));
  const std::string label = text(field(curve, "label")).empty() ? id : text(field(curve, "label"));
  const std::string unit = text(field(curve, "unit"));
  svg::LineChart chart;
  chart.title = label;
  chart.y_label = unit.empty() ? label : unit;  // the title names the quantity

  const auto* reference = field(curve, "reference");
  const auto reference_mean = samples(field(reference, "mean"));
  if (hasValues(reference_mean)) {
    chart.bands.push_back(sdBand(reference, "Reference ± 1 SD", "#9a9a9a", 0.35, "reference"));
    chart.series.push_back({"", reference_mean, svg::referenceStroke(), "reference"});
  }
  bool any_side = false;
  std::string side_missing;
  for (const char* side : kSides) {
    const bool left = side[0] == 'l';
    const auto* stats = field(curve, side);
    const auto mean = samples(field(stats, "mean"));
    if (!hasValues(mean)) {
      const std::string reason = text(field(field(curve, "missing"), side));
      side_missing += fmt::format("<figcaption>{} side not available — {}.</figcaption>",
                                  left ? "Left" : "Right",
                                  esc(reason.empty() ? "no curve in the results" : reason));
      continue;
    }
    any_side = true;
    chart.bands.push_back(
        sdBand(stats, "", std::string(left ? svg::kLeftColour : svg::kRightColour), 0.15, side));
    chart.series.push_back({left ? "Left mean ± SD" : "Right mean ± SD", mean,
                            left ? svg::leftStroke() : svg::rightStroke(), side});
    if (const auto toe_off = toeOffPercent(results, side)) {
      auto stroke = left ? svg::leftStroke() : svg::rightStroke();
      stroke.width = 1.0;
      stroke.dash = left ? "1 2" : "5 2 1 2";
      chart.markers.push_back({left ? "Toe-off L" : "Toe-off R", *toe_off, stroke});
    }
  }
  std::string figure = fmt::format("<figure class=\"curve\" data-curve=\"{}\">", esc(id));
  if (!any_side) {
    const std::string reason = text(field(field(curve, "missing"), "left"));
    figure += svg::unavailablePanel(label, reason.empty() ? group_reason : reason);
  } else {
    figure += svg::lineChart(chart) + side_missing;
  }
  if (const auto source = text(field(reference, "source")); !source.empty())
    figure += "<figcaption>Reference: " + esc(source) + "</figcaption>";
  else if (any_side)
    figure += "<figcaption>No reference curve in the results.</figcaption>";
  return figure + "</figure>";
}

struct CurveGroup {
  const char* key;
  const char* title;
  std::initializer_list<std::string_view> keywords;
  bool needs_force;
};

std::string curvesSection(const json& results) {
  static const CurveGroup groups[] = {
      {"angles", "Joint angles", {"angle", "kinematic"}, false},
      {"moments", "Joint moments", {"moment", "kinetic", "inverse dynamics"}, true},
      {"powers", "Joint powers", {"power"}, true},
      {"loads", "Tissue loads over the cycle", {"tissue", "load", "muscle"}, true}};
  std::string html =
      "<section id=\"curves\"><h2>Curves over the gait cycle</h2><p class=\"key\">"
      "<span><span class=\"swatch left\"></span>left (solid)</span>"
      "<span><span class=\"swatch right\"></span>right (dashed)</span>"
      "<span><span class=\"swatch reference\"></span>reference mean ± 1 SD</span></p>"
      "<p class=\"muted\">0 % and 100 % are foot strikes of the same foot; the thin vertical lines "
      "mark toe-off.</p>";
  const auto curves = items(field(results, "curves"));
  for (const auto& group : groups) {
    html += fmt::format("<div class=\"curve-group\" id=\"{}\"><h3>{}</h3>", group.key, group.title);
    const std::string reason = missingReason(results, group.keywords, group.needs_force);
    std::string figures;
    for (const auto* curve : curves) {
      if (text(field(curve, "group")) == group.key) figures += curveFigure(results, *curve, reason);
    }
    if (figures.empty()) {
      html += "<figure class=\"group-unavailable\">" +
              svg::unavailablePanel(group.title, reason, 560, 90) + "</figure>";
    } else {
      html += "<div class=\"charts\">" + figures + "</div>";
    }
    html += "</div>";
  }
  return html + "</section>";
}

// --- tissue loads ---------------------------------------------------------------------------

/// Flattens a summary object into (quantity path, value text) rows; a sibling "unit" string
/// labels the numbers beside it. Nesting beyond kMaxLoadDepth shows as "…" (bounded recursion).
constexpr int kMaxLoadDepth = 8;

void flattenLoads(const json& value, const std::string& path, const std::string& unit,
                  std::vector<std::pair<std::string, std::string>>& rows, int depth = 0) {
  if (depth > kMaxLoadDepth) {
    rows.emplace_back(path, "…");
    return;
  }
  if (value.is_object()) {
    std::string here = unit;
    if (const auto* unit_field = field(value, "unit"); unit_field && unit_field->is_string())
      here = unit_field->get<std::string>();
    for (const auto& [key, child] : value.items()) {
      if (key == "unit") continue;
      flattenLoads(child, path.empty() ? quantityName(key) : path + " · " + quantityName(key), here,
                   rows, depth + 1);
    }
  } else if (value.is_array()) {
    const bool all_numbers = std::all_of(
        value.begin(), value.end(), [](const json& e) { return e.is_number() || e.is_null(); });
    if (all_numbers) {
      std::vector<std::string> parts;
      for (const auto& element : value)
        parts.push_back(formatNumber(number(&element)));
      rows.emplace_back(path, esc(fmt::format("{}", fmt::join(parts, ", "))) +
                                  (unit.empty() ? "" : " " + esc(unit)));
    } else {
      int index = 0;
      for (const auto& element : value)
        flattenLoads(element, fmt::format("{} {}", path, ++index), unit, rows, depth + 1);
    }
  } else if (value.is_number()) {
    rows.emplace_back(path, withUnit(number(&value), unit));
  } else if (value.is_null()) {
    rows.emplace_back(path, "—");
  } else {
    rows.emplace_back(path, esc(text(&value)));
  }
}

/// "4.1 BW (at 23 % of the cycle)" from {value, unit, time_s, percent_of_cycle}.
std::string peakText(const json* peak) {
  if (peak == nullptr) return "—";
  std::string html = withUnit(number(field(peak, "value")), text(field(peak, "unit")));
  if (const auto percent = number(field(peak, "percent_of_cycle")))
    html += " <span class=\"muted\">at " + formatNumber(*percent) + " %</span>";
  return html;
}

std::string phaseText(const json* phase) {
  return withUnit(number(field(phase, "start_s")), "s") + "–" +
         withUnit(number(field(phase, "end_s")), "s");
}

/// The tissue_loads summary of loads/tissue_load_summary.hpp ("kinchain.tissue_loads/1"):
/// flags, per-side stance (Achilles, soleus, gastrocnemius) and swing (hamstring heads)
/// tables, the reference ranges, what is unavailable, notes and definitions.
std::string tissueLoadSummaryHtml(const json& loads) {
  std::string html;
  const auto flags = items(field(loads, "flags"));
  if (!flags.empty()) {
    html += "<h3>Flags</h3><ul class=\"load-flags\">";
    for (const auto* flag : flags) {
      html += fmt::format("<li class=\"flag\">{} · {}: {}</li>", esc(text(field(flag, "side"))),
                          esc(text(field(flag, "phase"))), esc(text(field(flag, "text"))));
    }
    html += "</ul>";
  }
  const auto* sides = field(loads, "sides");
  for (const char* side : kSides) {
    const auto* values = field(sides, side);
    const std::string name = side[0] == 'l' ? "Left" : "Right";
    const auto stances = items(field(values, "stances"));
    html += fmt::format("<h3>{} stance: Achilles tendon and calf</h3>", name);
    if (stances.empty()) {
      html += "<p class=\"muted\">No stance summarised.</p>";
    } else {
      html +=
          "<table><tr><th>Stance</th><th>Tissue</th><th>Peak</th><th>Peak (BW)</th>"
          "<th>Impulse (BW·s)</th><th>Loading rate (BW/s)</th></tr>";
      for (const auto* stance : stances) {
        for (const char* tissue : {"achilles", "soleus", "gastrocnemius"}) {
          const auto* load = field(stance, tissue);
          if (load == nullptr) continue;
          html += fmt::format(
              "<tr class=\"stance-load\" data-side=\"{}\" data-tissue=\"{}\"><td>{}</td><td>{}</td>"
              "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
              "<td class=\"num\">{}</td></tr>",
              side, tissue, phaseText(stance), tissue, peakText(field(load, "peak")),
              formatNumber(number(field(load, "peak_bw"))),
              formatNumber(number(field(load, "impulse_bw_s"))),
              formatNumber(number(field(load, "loading_rate_bw_per_s"))));
        }
        if (const auto* mtp = field(stance, "mtp_angle_max")) {
          html += fmt::format(
              "<tr class=\"stance-load\"><td>{}</td><td>big-toe (MTP) angle, maximum</td>"
              "<td class=\"num\">{}</td><td></td><td></td><td></td></tr>",
              phaseText(stance), peakText(mtp));
        }
      }
      html += "</table>";
    }
    const auto swings = items(field(values, "swings"));
    html += fmt::format("<h3>{} swing: hamstrings</h3>", name);
    if (swings.empty()) {
      html += "<p class=\"muted\">No swing summarised.</p>";
      continue;
    }
    html +=
        "<table><tr><th>Swing</th><th>Muscle</th><th>Peak stretch</th><th>Peak lengthening "
        "velocity</th><th>Peak fibre strain</th><th>Peak force</th></tr>";
    for (const auto* swing : swings) {
      const auto* heads = field(swing, "hamstrings");
      if (heads == nullptr || !heads->is_object()) continue;
      for (const auto& [head, load] : heads->items()) {
        html += fmt::format(
            "<tr class=\"swing-load\" data-side=\"{}\"><td>{}</td><td>{}</td><td class=\"num\">{}"
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            side, phaseText(swing), esc(head), peakText(field(load, "peak_stretch")),
            peakText(field(load, "peak_lengthening_velocity")),
            peakText(field(load, "peak_fibre_strain")), peakText(field(load, "peak_force")));
      }
    }
    html += "</table>";
  }
  const auto references = items(field(loads, "references"));
  if (!references.empty()) {
    html +=
        "<h3>Reference ranges</h3><table><tr><th>Quantity</th><th>Range</th><th>Meaning</th>"
        "<th>Sources</th></tr>";
    for (const auto* reference : references) {
      const std::string unit = text(field(reference, "unit"));
      const auto low = number(field(reference, "low"));
      const auto high = number(field(reference, "high"));
      std::string range = low && high ? formatNumber(*low) + "–" + withUnit(high, unit)
                          : low       ? "≥ " + withUnit(low, unit)
                          : high      ? "≤ " + withUnit(high, unit)
                                      : "—";
      html += fmt::format(
          "<tr class=\"load-reference\"><td>{}<br/><span class=\"muted\">{}</span></td><td>{}"
          "</td><td>{}</td><td>{}</td></tr>",
          esc(text(field(reference, "quantity"))), esc(text(field(reference, "id"))), range,
          esc(text(field(reference, "text"))), htmlList(strings(field(reference, "sources"))));
    }
    html += "</table>";
  }
  const auto unavailable = strings(field(loads, "unavailable"));
  if (!unavailable.empty()) html += "<h3>Not available</h3>" + htmlList(unavailable);
  std::vector<std::string> skipped;
  for (const auto* phase : items(field(loads, "skipped_phases"))) {
    skipped.push_back(text(field(phase, "side")) + " " + text(field(phase, "phase")) + " " +
                      text(field(phase, "start_s")) + "–" + text(field(phase, "end_s")) +
                      " s: " + text(field(phase, "reason")));
  }
  if (!skipped.empty()) html += "<h3>Phases not summarised</h3>" + htmlList(skipped);
  const auto notes = strings(field(loads, "notes"));
  if (!notes.empty()) html += "<h3>Notes</h3>" + htmlList(notes);
  if (const auto* definitions = field(loads, "definitions");
      definitions && definitions->is_object() && !definitions->empty()) {
    html += "<details><summary>Definitions</summary><dl>";
    for (const auto& [key, value] : definitions->items())
      html += "<dt>" + esc(quantityName(key)) + "</dt><dd>" + esc(text(&value)) + "</dd>";
    html += "</dl></details>";
  }
  return html;
}

std::string tissueLoadsSection(const json& results) {
  std::string html = "<section id=\"tissue-loads\"><h2>Tissue loads</h2>";
  const auto* loads = field(results, "tissue_loads");
  if (loads == nullptr || !loads->is_object() || loads->empty()) {
    return html + "<p>Tissue loads not available — " +
           esc(missingReason(results, {"tissue", "load"}, true)) + ".</p></section>";
  }
  if (field(*loads, "sides") != nullptr) return html + tissueLoadSummaryHtml(*loads) + "</section>";
  // Any other shape: a generic table of every value, per side when there are side keys.
  std::vector<std::string> order;
  std::map<std::string, std::map<std::string, std::string>> cells;  // quantity -> column -> html
  std::vector<std::string> columns;
  const bool per_side = loads->contains("left") || loads->contains("right");
  std::string flags_html;
  for (const auto& [key, value] : loads->items()) {
    if (key == "flags") {  // [{side, text, ...}] shown as a list under the table
      for (const auto* flag : items(&value)) {
        const std::string side = text(field(flag, "side"));
        flags_html += "<li class=\"flag\">" + esc(side.empty() ? "" : side + ": ") +
                      esc(text(field(flag, "text"))) + "</li>";
      }
      continue;
    }
    const bool side_column = key == "left" || key == "right";
    const std::string column = per_side && side_column ? key : "value";
    if (std::find(columns.begin(), columns.end(), column) == columns.end())
      columns.push_back(column);
    std::vector<std::pair<std::string, std::string>> rows;
    flattenLoads(value, per_side && side_column ? "" : quantityName(key), "", rows);
    for (const auto& [quantity, cell] : rows) {
      if (!cells.count(quantity)) order.push_back(quantity);
      cells[quantity][column] = cell;
    }
  }
  html += "<table><tr><th>Tissue · quantity</th>";
  for (const auto& column : columns)
    html += "<th>" + esc(column == "value" ? std::string("Value") : column) + "</th>";
  html += "</tr>";
  for (const auto& quantity : order) {
    const bool flag_row = lower(quantity).find("flag") != std::string::npos;
    html += fmt::format("<tr class=\"tissue-load{}\"><td>{}</td>", flag_row ? " flag" : "",
                        esc(quantity));
    for (const auto& column : columns) {
      const auto found = cells[quantity].find(column);
      html += "<td class=\"num\">" +
              (found == cells[quantity].end() ? std::string("—") : found->second) + "</td>";
    }
    html += "</tr>";
  }
  html += "</table>";
  if (!flags_html.empty()) html += "<h3>Flags</h3><ul class=\"load-flags\">" + flags_html + "</ul>";
  return html + "</section>";
}

// Without a screening record there is no triage, so no ranked root causes and no program:
// red flags are checked first and always win (kinetic-chain.md), and gait alone cannot do that.
std::string noScreeningSection() {
  return "<section id=\"root-causes\"><h2>Root causes and program</h2><p>Not produced: ranked "
         "root causes and a corrective program need a screening record (<code>kinchain analyze "
         "... --screen RECORD.json</code>). Red flags are triaged first and always win, and a "
         "recorded trial cannot check them. The gait findings above are the evidence a screening "
         "adds to its own.</p></section>";
}

std::string filesSection(const json& results) {
  std::string html = "<section id=\"files\"><h2>Files written (open them in OpenSim)</h2>";
  const auto* files = field(results, "files");
  if (files == nullptr || !files->is_object() || files->empty())
    return html + "<p class=\"muted\">None listed.</p></section>";
  html += "<table>";
  for (const auto& [key, value] : files->items()) {
    const std::string name = text(&value);
    html += row(esc(quantityName(key)), name.empty() ? "—" : "<code>" + esc(name) + "</code>");
  }
  return html + "</table></section>";
}

}  // namespace

std::string renderAnalysisReport(const nlohmann::json& results) {
  static const json empty_object = json::object();
  const json& document = results.is_object() ? results : empty_object;
  std::string html = pageHead(document);
  const auto* screen = field(document, "screen");
  if (screen != nullptr && screen->is_object()) html += screenTriageSection(*screen);
  html += cautionSection(document);
  html += summarySection(document);
  // A clinician reads the findings first; how the stages ran comes after the numbers.
  html += trialSection(document);
  html += findingsSection(document);
  if (screen != nullptr && screen->is_object()) {
    html += screenFindingsSection(*screen);
    html += screenRootCausesSection(*screen);
    html += screenProgramSection(*screen);
  } else {
    html += noScreeningSection();
  }
  html += metricsSection(document);
  html += eventsSection(document);
  html += curvesSection(document);
  html += tissueLoadsSection(document);
  html += stagesSection(document);
  html += filesSection(document);
  html +=
      "<footer><p class=\"muted\">Rendered from results.json alone: every number on this page is "
      "in that file. Kinchain supports clinicians; it diagnoses nothing.</p></footer>";
  return html + "</body></html>\n";
}

}  // namespace kinchain::report
