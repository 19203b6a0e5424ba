#include "kinchain/screen/screen_pipeline.hpp"

#include "kinchain/common/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kinchain::screen {

ScreenResult runScreen(const ReadRecord& input, const std::string& source, const GaitEvidence& gait,
                       const ReadRecord* previous, const std::string& previous_source) {
  ScreenResult result;
  result.source = source;
  result.input = input;
  const ScreeningRecord& record = input.record;
  result.triage = triage(record);
  result.measures = assessMeasures(record);
  result.differential = differentiate(record, result.measures);
  result.findings = findFindings(record, result.measures, gait);
  result.root_causes = rankRootCauses(record, result.findings);
  result.program = buildProgram(record, result.measures, result.findings, result.triage);
  if (previous != nullptr) {
    const Measures previous_measures = assessMeasures(previous->record);
    result.retest =
        compareWithPrevious(previous->record, previous_measures, record, result.measures);
    result.previous_source = previous_source;
  }

  auto& gaps = result.could_not_assess;
  for (const auto& problem : input.problems) {
    gaps.push_back(fmt::format("{}: rejected ({})", problem.path, problem.message));
  }
  for (const auto& rule : result.triage.not_assessed) {
    gaps.push_back(fmt::format("red flag '{}' not assessed: missing {}", rule.id,
                               fmt::format("{}", fmt::join(rule.missing, ", "))));
  }
  for (const auto& item : result.measures.not_assessed)
    gaps.push_back("measure " + item);
  for (const auto& score : result.measures.questionnaires) {
    if (!score.score)
      gaps.push_back(fmt::format("{} not scored: {}", score.name, score.not_scored_reason));
  }
  if (result.differential.origin == Origin::NotApplicable && !record.region) {
    gaps.emplace_back("differential: complaint region missing");
  }
  for (const auto& item : result.findings.not_assessed)
    gaps.push_back("finding " + item);
  return result;
}

ReadRecord readPreviousScreen(std::string_view text, const std::string& source) {
  const ParsedJson parsed = parseJsonWithKeyPositions(text, source);
  const nlohmann::json& document = parsed.document;
  if (document.is_object()) {
    const auto format = document.find("format");
    if (format != document.end() && *format == kScreenResultFormat) {
      const auto record = document.find("record");
      if (record == document.end()) {
        throw InputError(source, "field record", "a screen result without the record it screened");
      }
      // Key positions relative to the embedded record, so its errors still give line:column.
      constexpr std::string_view kRecordPointer = "/record";
      KeyPositions record_positions;
      for (const auto& [pointer, position] : parsed.key_positions) {
        if (pointer.size() > kRecordPointer.size() && pointer.starts_with(kRecordPointer) &&
            pointer[kRecordPointer.size()] == '/') {
          record_positions.emplace(pointer.substr(kRecordPointer.size()), position);
        }
      }
      return readScreeningRecordDocument(*record, source, &record_positions);
    }
  }
  return readScreeningRecordDocument(document, source, &parsed.key_positions);
}

}  // namespace kinchain::screen
