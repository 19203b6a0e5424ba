#include "kinchain/report/screen_json_sections.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "kinchain/report/html_writer.hpp"
#include "kinchain/report/json_view.hpp"

namespace kinchain::report {

namespace {

using json_view::field;
using json_view::items;
using json_view::strings;
using json_view::text;

std::string esc(std::string_view value) {
  return escapeHtml(value);
}

std::string joined(const std::vector<std::string>& values, std::string_view separator) {
  return fmt::format("{}", fmt::join(values, separator));
}

/// Only the known triage levels become CSS classes (the level text itself is escaped).
std::string levelClass(const std::string& level) {
  for (const char* known : {"emergency", "same_day", "soon", "not_cleared", "self_care"})
    if (level == known) return level;
  return "unknown";
}

/// Unanswered red-flag questions from triage JSON ("unanswered_questions"), as a table.
std::string unansweredQuestionsHtml(const nlohmann::json* triage) {
  const auto questions = items(field(triage, "unanswered_questions"));
  if (questions.empty()) return "";
  std::string html =
      "<div class=\"note not-cleared\"><b class=\"flag\">Not cleared: these red-flag "
      "questions are unanswered.</b> No red flag they would reveal can be ruled out, so the "
      "person is not cleared for self-care and the program is withheld until they are "
      "answered.</div><table><tr><th>Ask</th><th>Field</th><th>Needed to decide</th></tr>";
  for (const auto* question : questions) {
    html +=
        fmt::format("<tr class=\"unanswered\"><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                    esc(text(field(question, "question"))), esc(text(field(question, "field"))),
                    esc(joined(strings(field(question, "needed_by")), ", ")));
  }
  return html + "</table>";
}

}  // namespace

std::string triageLevelBadge(const std::string& level) {
  const std::string css_class = levelClass(level);
  // Any level that is not a decided one (not_cleared, or text this code does not know) gets
  // the "not clear" outline rather than no colour at all.
  const bool decided = css_class == "emergency" || css_class == "same_day" || css_class == "soon" ||
                       css_class == "self_care";
  return fmt::format(
      "<span class=\"level {}\"{}>{}</span>", css_class,
      decided ? "" : " style=\"background:#fff;color:#b00020;border:2px dashed #b00020\"",
      esc(level.empty() ? "level not given" : level));
}

std::string screenTriageSection(const nlohmann::json& screen) {
  const auto* triage = field(screen, "triage");
  std::string html = "<section id=\"red-flags\"><h2>Red flags (always checked first)</h2>";
  if (triage == nullptr) {
    return html +
           "<p class=\"flag\">The screening result has no triage: red flags were not assessed. "
           "Check them before using anything below.</p></section>";
  }
  const std::string level = text(field(triage, "level"));
  html += fmt::format("<p>{}</p><p>{}</p>", triageLevelBadge(level),
                      esc(text(field(triage, "message"))));
  const auto triggered = items(field(triage, "triggered"));
  if (!triggered.empty()) {
    html +=
        "<table><tr><th>Red flag</th><th>Level</th><th>Action</th><th>Because</th>"
        "<th>Source</th></tr>";
    for (const auto* rule : triggered) {
      html += fmt::format(
          "<tr class=\"red-flag\"><td>{}</td><td>{}</td><td><b>{}</b></td><td>{}</td>"
          "<td>{}</td></tr>",
          esc(text(field(rule, "title"))), esc(text(field(rule, "level"))),
          esc(text(field(rule, "action"))), htmlList(strings(field(rule, "because"))),
          esc(text(field(rule, "source"))));
    }
    html += "</table>";
  }
  html += unansweredQuestionsHtml(triage);
  const auto not_assessed = items(field(triage, "not_assessed"));
  if (!not_assessed.empty()) {
    html += "<h3>Red flags not assessed (answers missing)</h3><ul>";
    for (const auto* rule : not_assessed) {
      html += fmt::format("<li>{}: missing {}</li>", esc(text(field(rule, "title"))),
                          esc(joined(strings(field(rule, "missing")), ", ")));
    }
    html += "</ul>";
  }
  for (const auto& note : strings(field(triage, "notes")))
    html += "<p class=\"muted\">" + esc(note) + "</p>";
  return html + "</section>";
}

std::string screenFindingsSection(const nlohmann::json& screen) {
  const auto present = items(field(field(screen, "findings"), "present"));
  std::string html = "<section id=\"screen-findings\"><h2>Findings from the screening</h2>";
  if (present.empty())
    return html + "<p>No mechanism is supported by the screening record.</p></section>";
  html +=
      "<table><tr><th>Mechanism</th><th>Side</th><th>Finding</th><th>Measures behind it</th>"
      "<th>Evidence</th></tr>";
  for (const auto* finding : present) {
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td><b>{}</b><br/>{}</td><td>{}</td><td>grade {}: {}</td></tr>",
        esc(text(field(finding, "id"))), esc(text(field(finding, "side"))),
        esc(text(field(finding, "title"))), esc(text(field(finding, "explanation"))),
        htmlList(strings(field(finding, "supported_by"))),
        esc(text(field(finding, "evidence_grade"))), esc(text(field(finding, "evidence"))));
  }
  return html + "</table></section>";
}

std::string screenRootCausesSection(const nlohmann::json& screen) {
  const auto* causes = field(screen, "root_causes");
  std::string html = "<section id=\"root-causes\"><h2>Root-cause hypotheses (not a diagnosis)</h2>";
  if (causes == nullptr) return html + "<p>Not in the results.</p></section>";
  if (const auto caveat = text(field(causes, "caveat")); !caveat.empty())
    html += "<div class=\"note\">" + esc(caveat) + "</div>";
  const auto hypotheses = items(field(causes, "hypotheses"));
  if (hypotheses.empty()) return html + "<p>None.</p></section>";
  html +=
      "<table><tr><th>Rank</th><th>Hypothesis</th><th>Chain path</th><th>Score</th>"
      "<th>Grade</th></tr>";
  for (const auto* hypothesis : hypotheses) {
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        esc(text(field(hypothesis, "rank"))), esc(text(field(hypothesis, "statement"))),
        esc(joined(strings(field(hypothesis, "chain_path")), " → ")),
        esc(text(field(hypothesis, "score"))), esc(text(field(hypothesis, "evidence_grade"))));
  }
  return html + "</table></section>";
}

std::string screenProgramSection(const nlohmann::json& screen) {
  const auto* program = field(screen, "program");
  std::string html = "<section id=\"program\"><h2>Program</h2>";
  if (program == nullptr) return html + "<p>Not in the results.</p></section>";
  if (const auto* withheld = field(program, "withheld");
      withheld && withheld->is_boolean() && withheld->get<bool>()) {
    std::string reason = text(field(program, "withheld_reason"));
    if (!reason.starts_with("Withheld")) reason = "Withheld: " + reason;  // older results
    html += "<div class=\"note\"><b>" + esc(reason) + "</b></div>";
    if (const auto answer_first = strings(field(program, "answer_first")); !answer_first.empty())
      html += "<p><b>Answer first:</b></p>" + htmlList(answer_first);
    return html + "</section>";
  }
  if (const auto rule = text(field(program, "pain_monitoring_rule")); !rule.empty())
    html += "<div class=\"note\">" + esc(rule) + "</div>";
  const auto cautions = strings(field(program, "general_cautions"));
  if (!cautions.empty()) html += htmlList(cautions);
  for (const auto* phase : items(field(program, "phases"))) {
    html += fmt::format("<h3>{}</h3><p class=\"muted\">{}</p>", esc(text(field(phase, "title"))),
                        esc(text(field(phase, "typical_timing"))));
    html += "<table><tr><th>Exercise</th><th>Chosen for</th><th>Dose</th><th>Cautions</th></tr>";
    for (const auto* exercise : items(field(phase, "exercises"))) {
      const auto* dose = field(exercise, "dose");
      std::vector<std::string> parts;
      for (const char* key : {"sets", "reps", "hold", "tempo", "frequency", "duration"}) {
        if (const auto value = text(field(dose, key)); !value.empty())
          parts.push_back(fmt::format("{}: {}", key, value));
      }
      const std::string dose_text =
          parts.empty() ? "no published dose — clinician sets it" : joined(parts, "; ");
      html += fmt::format(
          "<tr><td><b>{}</b><br/>{}</td><td>{}</td><td>{}<br/><span class=\"muted\">{} [grade {}] "
          "{}</span></td><td>{}</td></tr>",
          esc(text(field(exercise, "name"))), esc(text(field(exercise, "how"))),
          htmlList(strings(field(exercise, "chosen_for"))), esc(dose_text),
          esc(text(field(dose, "source"))), esc(text(field(dose, "evidence_grade"))),
          esc(text(field(dose, "label"))), htmlList(strings(field(exercise, "cautions"))));
    }
    html += "</table><p><b>Move on when:</b></p>" +
            htmlList(strings(field(phase, "progression_criteria")));
  }
  const auto omitted = strings(field(program, "omitted"));
  if (!omitted.empty()) html += "<p><b>Left out:</b></p>" + htmlList(omitted);
  return html + "</section>";
}

}  // namespace kinchain::report
