#include "kinchain/screen/root_causes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace kinchain::screen {

namespace {

/// Chain segment of a complaint region or a finding's cause segment.
std::string segmentOf(std::string_view region) {
  if (region == "heel" || region == "arch" || region == "forefoot") return "foot";
  return std::string(region);
}

std::vector<std::string> pathBetween(std::string_view from, std::string_view to) {
  const auto& segments = chainSegments();
  const auto start = std::find(segments.begin(), segments.end(), segmentOf(from));
  const auto end = std::find(segments.begin(), segments.end(), segmentOf(to));
  if (start == segments.end() || end == segments.end()) return {std::string(from), std::string(to)};
  std::vector<std::string> path;
  if (start <= end) {
    path.assign(start, end + 1);
  } else {
    for (auto segment = start;; --segment) {
      path.push_back(*segment);
      if (segment == end) break;
    }
  }
  // Name the complaint region itself at the end when it is more specific than its segment.
  if (path.back() != to) path.emplace_back(to);
  return path;
}

const FindingRule& ruleFor(std::string_view id) {
  for (const auto& rule : findingRules()) {
    if (rule.id == id) return rule;
  }
  return findingRules().front();  // unreachable: findings come from the same table
}

}  // namespace

const std::vector<std::string>& chainSegments() {
  static const std::vector<std::string> segments = {
      "big_toe", "foot", "ankle", "achilles", "calf", "knee", "hamstring", "hip", "low_back"};
  return segments;
}

RootCauses rankRootCauses(const ScreeningRecord& record, const Findings& findings) {
  RootCauses result;
  result.caveat =
      "Hypotheses for the clinician to test, not diagnoses. The foot-to-pelvis chain links are "
      "mostly mechanistic or associative (regional interdependence, Wainner 2007; clinical.md "
      "§2.8); no validated weights exist, so the score is the number of supporting measures.";
  for (const auto& finding : findings.present) {
    const FindingRule& rule = ruleFor(finding.id);
    RootCauseHypothesis hypothesis;
    hypothesis.finding_id = finding.id;
    hypothesis.side = finding.side;
    hypothesis.title = finding.title;
    hypothesis.score = static_cast<int>(finding.supported_by.size());
    hypothesis.evidence_grade = finding.evidence_grade;
    const Side complaint_side = rule.affects_opposite_side ? otherSide(finding.side) : finding.side;
    const bool region_reached = record.region && std::find(rule.affects.begin(), rule.affects.end(),
                                                           *record.region) != rule.affects.end();
    hypothesis.linked_to_complaint = region_reached && record.complaintOn(complaint_side);
    if (hypothesis.linked_to_complaint && rule.affects_opposite_side) {
      // Crosses the body through the pelvis (kinetic-chain.md §2, F7).
      hypothesis.path = {fmt::format("{} {}", sideName(finding.side), rule.cause_segment), "pelvis",
                         fmt::format("{} {}", sideName(complaint_side), *record.region)};
    } else if (hypothesis.linked_to_complaint) {
      hypothesis.path = pathBetween(rule.cause_segment, *record.region);
    }
    if (hypothesis.linked_to_complaint) {
      hypothesis.statement =
          fmt::format("Hypothesis: {} on the {} side may feed the {} {} complaint via {} ({}).",
                      finding.title, sideName(finding.side), sideName(complaint_side),
                      *record.region, fmt::join(hypothesis.path, " → "), finding.chain);
    } else {
      hypothesis.path = {std::string(rule.cause_segment)};
      hypothesis.statement = fmt::format(
          "Finding elsewhere in the chain: {} on the {} side; not on a known path to the "
          "recorded complaint, worth addressing if it persists.",
          finding.title, sideName(finding.side));
    }
    result.hypotheses.push_back(std::move(hypothesis));
  }
  std::stable_sort(result.hypotheses.begin(), result.hypotheses.end(),
                   [](const RootCauseHypothesis& a, const RootCauseHypothesis& b) {
                     if (a.linked_to_complaint != b.linked_to_complaint)
                       return a.linked_to_complaint;
                     return a.score > b.score;
                   });
  int rank = 0;
  for (auto& hypothesis : result.hypotheses)
    hypothesis.rank = ++rank;
  return result;
}

}  // namespace kinchain::screen
