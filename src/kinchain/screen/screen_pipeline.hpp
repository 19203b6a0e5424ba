#pragma once
// The screening workflow in one call, in the order a clinician works:
//   triage (red flags first; they win) → measures → chain-vs-local differential → findings
//   → root-cause hypotheses → program (withheld at emergency / same_day, and while any red-flag
//   question is unanswered) → re-test.
// Data flows forward only; each stage is a free function in its own file.

#include "kinchain/screen/differential.hpp"
#include "kinchain/screen/findings.hpp"
#include "kinchain/screen/measures.hpp"
#include "kinchain/screen/program.hpp"
#include "kinchain/screen/retest.hpp"
#include "kinchain/screen/root_causes.hpp"
#include "kinchain/screen/screening_record.hpp"
#include "kinchain/screen/triage.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kinchain::screen {

inline constexpr std::string_view kScreenResultFormat = "kinchain.screen-result/1";

struct ScreenResult {
  std::string source;  ///< record file name
  ReadRecord input;    ///< record, rejected fields, accepted JSON
  Triage triage;
  Measures measures;
  Differential differential;
  Findings findings;
  RootCauses root_causes;
  Program program;
  std::optional<Retest> retest;
  std::optional<std::string> previous_source;
  /// Everything the screen could not assess, gathered from all stages.
  std::vector<std::string> could_not_assess;
};

/// Runs the whole workflow. `previous` (optional) is an earlier record for the re-test.
ScreenResult runScreen(const ReadRecord& input, const std::string& source, const GaitEvidence& gait,
                       const ReadRecord* previous = nullptr,
                       const std::string& previous_source = "");

/// Reads an earlier screen for re-test: either a record (kinchain.screen/1) or a result file
/// (kinchain.screen-result/1, whose "record" member is used). Throws kinchain::InputError.
ReadRecord readPreviousScreen(std::string_view text, const std::string& source);

/// The versioned result document written to screen.json.
nlohmann::json screenResultToJson(const ScreenResult& result);

}  // namespace kinchain::screen
