#pragma once
// report.html of `kinchain analyze`: one self-contained page (inline CSS and SVG, no scripts,
// no external assets; a Content-Security-Policy forbids any network load) rendered from the
// results document alone (docs/analysis-results.md, schema kinchain.analysis/1), so every
// number on the page is a number in results.json.
//
// Order: title and the statement that Kinchain supports clinicians and diagnoses nothing; red
// flags first when a screening result is present; the trial (subject, protocol, markers,
// model and scaling, stages, warnings, what is missing and why); findings placed on a picture of
// the chain; root causes and program (with a screening result); metrics with references and the
// left–right asymmetry chart; gait events, cycles and spatiotemporal parameters; angle, moment,
// power and load curves per side against the reference band; tissue loads; output files.
//
// Every string from the document is HTML-escaped. Missing sections, nulls and fields of the
// wrong type never throw: they render as "not available" with the reason given in `missing`
// (or "no force plates" when the trial has none). The markup is well-formed XML.

#include <nlohmann/json.hpp>

#include <string>

namespace kinchain::report {

/// The whole page as UTF-8 text. `results` is the parsed results.json; anything other than an
/// object renders a page that says the results are empty.
std::string renderAnalysisReport(const nlohmann::json& results);

}  // namespace kinchain::report
