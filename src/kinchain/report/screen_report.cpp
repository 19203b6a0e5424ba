#include "kinchain/report/screen_report.hpp"

#include "kinchain/report/html_writer.hpp"
#include "kinchain/report/screen_json_sections.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace kinchain::report {

namespace {

using namespace kinchain::screen;

std::string esc(std::string_view text) {
  return escapeHtml(text);
}

std::string list(const std::vector<std::string>& items) {
  return htmlList(items);
}

std::string number(const std::optional<double>& value) {
  return value ? fmt::format("{:g}", *value) : std::string("—");
}

std::string triageSection(const Triage& triage) {
  std::string html = "<h2>Triage (red flags first)</h2>";
  html += fmt::format("<p>{}</p><p>{}</p>",
                      triageLevelBadge(std::string(triageLevelName(triage.level))),
                      esc(triage.message));
  if (!triage.triggered.empty()) {
    html +=
        "<table><tr><th>Rule</th><th>Level</th><th>Action</th><th>Because</th><th>Source</th></tr>";
    for (const auto& rule : triage.triggered) {
      html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                          esc(rule.title), triageLevelName(rule.level), esc(rule.action),
                          list(rule.because), esc(rule.source));
    }
    html += "</table>";
  }
  if (!triage.unanswered.empty()) {
    html += fmt::format(
        "<h3 class=\"flag\">Not cleared: {} red-flag question(s) unanswered</h3>"
        "<div class=\"note\">No red flag these questions would reveal can be ruled out, so the "
        "person is not cleared for self-care and the exercise program is withheld until they "
        "are answered.</div>"
        "<table><tr><th>Ask</th><th>Field</th><th>Needed to decide</th></tr>",
        triage.unanswered.size());
    for (const auto& question : triage.unanswered) {
      html += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                          esc(question.question), esc(question.field),
                          esc(fmt::format("{}", fmt::join(question.needed_by, ", "))));
    }
    html += "</table>";
  }
  if (!triage.not_assessed.empty()) {
    html += "<h3>Red flags not assessed (answers missing)</h3><ul>";
    for (const auto& rule : triage.not_assessed) {
      html += fmt::format("<li>{}: missing {}</li>", esc(rule.title),
                          esc(fmt::format("{}", fmt::join(rule.missing, ", "))));
    }
    html += "</ul>";
  }
  for (const auto& note : triage.notes)
    html += "<p class=\"muted\">" + esc(note) + "</p>";
  return html;
}

std::string differentialSection(const Differential& differential) {
  std::string html = "<h2>Chain or local? (weighted pattern)</h2>";
  html += "<div class=\"note\">" + esc(differential.statement) + "</div>";
  if (differential.origin == Origin::NotApplicable) return html;
  html += fmt::format("<p>Pattern: <b>{}</b> — chain signs {}, local signs {}.</p>",
                      originName(differential.origin), differential.chain_count,
                      differential.local_count);
  html += "<table><tr><th>Chain sign</th><th>Present</th><th>Local sign</th><th>Present</th></tr>";
  const std::size_t rows =
      std::max(differential.chain_signs.size(), differential.local_signs.size());
  const auto cell = [](const std::vector<PatternSign>& signs, std::size_t i) {
    if (i >= signs.size()) return std::string("<td></td><td></td>");
    const auto& sign = signs[i];
    return fmt::format("<td>{}</td><td>{}</td>", esc(sign.description),
                       !sign.answered ? "not answered" : (sign.present ? "<b>yes</b>" : "no"));
  };
  for (std::size_t i = 0; i < rows; ++i) {
    html +=
        "<tr>" + cell(differential.chain_signs, i) + cell(differential.local_signs, i) + "</tr>";
  }
  return html + "</table>";
}

std::string sideCell(const SideMeasure& side) {
  const bool flagged = side.flag == MeasureFlag::Low || side.flag == MeasureFlag::High;
  return fmt::format("<td>{}<br><span class=\"{}\">{}</span></td>", number(side.value),
                     flagged ? "flag" : "muted", esc(side.flag_text));
}

std::string measuresSection(const Measures& measures) {
  std::string html = "<h2>Measures</h2>";
  if (!measures.tests.empty()) {
    html +=
        "<table><tr><th>Test</th><th>Left</th><th>Right</th><th>Asymmetry</th><th>Norm</th>"
        "<th>Cut-off (source, grade)</th></tr>";
    for (const auto& measure : measures.tests) {
      html += fmt::format(
          "<tr><td>{} ({})<br><span class=\"muted\">{}</span></td>{}{}<td class=\"{}\">{}</td>"
          "<td>{}</td><td>{}</td></tr>",
          esc(measure.title), esc(measure.unit), esc(measure.caution), sideCell(measure.left),
          sideCell(measure.right), measure.asymmetry.flagged ? "flag" : "",
          esc(measure.asymmetry.text), esc(measure.norm), esc(measure.cutoff));
    }
    html += "</table>";
  }
  if (measures.hop_lsi_percent)
    html += "<p>Hop limb symmetry index: " + esc(measures.hop_lsi_text) + "</p>";
  if (!measures.questionnaires.empty()) {
    html +=
        "<h3>Questionnaires</h3><table><tr><th>Questionnaire</th><th>Score</th><th>Answered</th>"
        "<th>Interpretation</th><th>Source</th></tr>";
    for (const auto& score : measures.questionnaires) {
      html += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}/{}</td><td>{}</td><td>{}</td></tr>", esc(score.title),
          score.score ? fmt::format("{:.1f} / {:g} {}", *score.score, score.maximum, score.unit)
                      : "not scored",
          score.answered, score.items,
          esc(score.score ? score.interpretation : score.not_scored_reason), esc(score.citation));
    }
    html += "</table>";
  }
  return html;
}

std::string findingsSection(const Findings& findings) {
  std::string html = "<h2>Findings along the chain</h2>";
  if (findings.present.empty())
    html += "<p>No kinetic-chain mechanism is supported by the data given.</p>";
  for (const auto& finding : findings.present) {
    html += fmt::format(
        "<h3>{} ({} side): {}</h3><p>{}.</p><p><b>Measures behind it:</b></p>{}"
        "<p class=\"muted\">Evidence grade {}: {}</p>",
        esc(finding.id), sideName(finding.side), esc(finding.title), esc(finding.chain),
        list(finding.supported_by), esc(finding.evidence_grade), esc(finding.evidence));
  }
  return html;
}

std::string rootCauseSection(const RootCauses& causes) {
  std::string html = "<h2>Root-cause hypotheses (not a diagnosis)</h2>";
  html += "<div class=\"note\">" + esc(causes.caveat) + "</div>";
  if (causes.hypotheses.empty()) return html + "<p>None.</p>";
  html +=
      "<table><tr><th>Rank</th><th>Hypothesis</th><th>Chain "
      "path</th><th>Score</th><th>Grade</th></tr>";
  for (const auto& hypothesis : causes.hypotheses) {
    html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        hypothesis.rank, esc(hypothesis.statement),
                        esc(fmt::format("{}", fmt::join(hypothesis.path, " → "))), hypothesis.score,
                        esc(hypothesis.evidence_grade));
  }
  return html + "</table>";
}

std::string doseText(const ExerciseDose& dose) {
  std::vector<std::string> parts;
  const auto add = [&](std::string_view label, std::string_view value) {
    if (!value.empty()) parts.push_back(fmt::format("{}: {}", label, value));
  };
  add("sets", dose.sets);
  add("reps", dose.reps);
  add("hold", dose.hold);
  add("tempo", dose.tempo);
  add("frequency", dose.frequency);
  add("duration", dose.duration);
  std::string text = parts.empty() ? std::string("no published dose — clinician sets it")
                                   : fmt::format("{}", fmt::join(parts, "; "));
  return fmt::format("{}<br><span class=\"muted\">{} [grade {}] {}</span>", esc(text),
                     esc(dose.citation), esc(dose.grade), esc(dose.label));
}

std::string programSection(const Program& program) {
  std::string html = "<h2>Program</h2>";
  if (program.withheld) {
    html += "<div class=\"note\"><b>" + esc(program.withheld_reason) + "</b></div>";
    if (!program.answer_first.empty())
      html += "<p><b>Answer first:</b></p>" + list(program.answer_first);
    return html;
  }
  html += "<div class=\"note\">" + esc(program.pain_monitoring_rule) + "</div>";
  html += list(program.general_cautions);
  for (const auto& phase : program.phases) {
    html += fmt::format("<h3>{}</h3><p class=\"muted\">{}</p>", esc(phase.title),
                        esc(phase.typical_timing));
    html += "<table><tr><th>Exercise</th><th>Chosen for</th><th>Dose</th><th>Cautions</th></tr>";
    for (const auto& exercise : phase.exercises) {
      html += fmt::format("<tr><td><b>{}</b><br>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                          esc(exercise.name), esc(exercise.how), list(exercise.chosen_for),
                          doseText(exercise.dose), list(exercise.cautions));
    }
    html += "</table><p><b>Move on when:</b></p>" + list(phase.progression_criteria);
  }
  if (!program.omitted.empty()) html += "<p><b>Left out:</b></p>" + list(program.omitted);
  return html;
}

std::string retestSection(const Retest& retest, const std::string& previous) {
  std::string html = "<h2>Re-test against " + esc(previous) + "</h2>";
  html += "<div class=\"note\">" + esc(retest.note) + "</div>";
  html +=
      "<table><tr><th>Item</th><th>Side</th><th>Before</th><th>Now</th><th>Change</th>"
      "<th>Label</th><th>Threshold source</th></tr>";
  for (const auto* group : {&retest.tests, &retest.questionnaires}) {
    for (const auto& change : *group) {
      html += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{:g}</td><td>{:g}</td><td>{:+g} {}</td><td>{}</td>"
          "<td>{}</td></tr>",
          esc(change.test), esc(change.side), change.previous, change.current, change.change,
          esc(change.unit), changeLabelName(change.label), esc(change.source));
    }
  }
  html += "</table>";
  if (!retest.not_compared.empty())
    html += "<p><b>Not compared:</b></p>" + list(retest.not_compared);
  return html;
}

}  // namespace

std::string renderScreenReport(const ScreenResult& result) {
  const auto& record = result.input.record;
  std::string html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">";
  html += "<title>Kinchain screen " + esc(record.id.value_or("")) + "</title><style>";
  html += baseStylesheet();
  html += "</style></head><body>";
  html += fmt::format("<h1>Kinetic-chain screen{}</h1>",
                      record.id ? " — " + esc(*record.id) : std::string());
  html += fmt::format(
      "<p class=\"muted\">Record: {}. Complaint: {} {} ({} onset). Generated by kinchain {}.</p>",
      esc(result.source), esc(record.complaint_side.value_or("side not recorded")),
      esc(record.region.value_or("region not recorded")), esc(record.onset.value_or("unknown")),
      KINCHAIN_VERSION);
  html +=
      "<div class=\"note\"><b>Kinchain supports clinicians; it diagnoses nothing.</b> Findings "
      "and root causes are hypotheses to test. Red flags always win.</div>";
  if (!result.input.problems.empty()) {
    html += "<h2>Input problems</h2><ul>";
    for (const auto& problem : result.input.problems) {
      html += "<li><code>" + esc(problem.path) + "</code>: " + esc(problem.message) + "</li>";
    }
    html += "</ul>";
  }
  html += triageSection(result.triage);
  html += differentialSection(result.differential);
  html += measuresSection(result.measures);
  html += findingsSection(result.findings);
  html += rootCauseSection(result.root_causes);
  html += programSection(result.program);
  if (result.retest) html += retestSection(*result.retest, result.previous_source.value_or(""));
  html += "<h2>Could not assess</h2>" + list(result.could_not_assess);
  html += "</body></html>\n";
  return html;
}

}  // namespace kinchain::report
