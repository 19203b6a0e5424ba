// `kinchain screen RECORD.json -o DIR [--previous EARLIER.json]`: the clinical screening
// workflow (triage, differential, measures, findings, root causes, program, re-test).
// Writes DIR/screen.json and DIR/screen.html and prints a summary. A record with rejected
// values still produces a partial result; the rejected fields are listed on stderr.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "command_registry.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/common/output_transaction.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/report/screen_report.hpp"
#include "kinchain/screen/screen_pipeline.hpp"
#include "kinchain/screen/screen_record_schema.hpp"

namespace {

using namespace kinchain::screen;

std::string readText(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw kinchain::InputError(path, "", "cannot open the file");
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void printSummary(const ScreenResult& result, const std::filesystem::path& directory) {
  const auto& triage = result.triage;
  fmt::print("Kinchain screen of {} — supports a clinician, diagnoses nothing\n", result.source);
  fmt::print("Triage: {}\n  {}\n", triageLevelName(triage.level), triage.message);
  for (const auto& rule : triage.triggered) {
    fmt::print("  - [{}] {} ({}) — {}\n", triageLevelName(rule.level), rule.title,
               fmt::join(rule.because, "; "), rule.source);
  }
  if (result.differential.origin != Origin::NotApplicable) {
    fmt::print("Differential: {} (chain signs {}, local signs {}; no validated rule exists)\n",
               originName(result.differential.origin), result.differential.chain_count,
               result.differential.local_count);
  }
  fmt::print("Findings:");
  if (result.findings.present.empty()) fmt::print(" none supported");
  for (const auto& finding : result.findings.present) {
    fmt::print(" {}({})", finding.id, sideName(finding.side));
  }
  fmt::print("\n");
  for (const auto& hypothesis : result.root_causes.hypotheses) {
    if (!hypothesis.linked_to_complaint) continue;
    fmt::print("  hypothesis {}: {} {} — path {} (score {})\n", hypothesis.rank,
               hypothesis.finding_id, sideName(hypothesis.side), fmt::join(hypothesis.path, " → "),
               hypothesis.score);
  }
  if (result.program.withheld) {
    fmt::print("Program: withheld — {}\n", result.program.withheld_reason);
  } else {
    fmt::print("Program:");
    for (const auto& phase : result.program.phases) {
      fmt::print(" [{}: {} exercises]", phase.id, phase.exercises.size());
    }
    fmt::print("\n");
  }
  if (result.retest) {
    int real = 0;
    for (const auto& change : result.retest->tests)
      real += change.label == ChangeLabel::Real;
    fmt::print("Re-test vs {}: {} of {} test changes beyond their MDC\n",
               result.previous_source.value_or(""), real, result.retest->tests.size());
  }
  if (!result.could_not_assess.empty()) {
    fmt::print("Could not assess: {} item(s), listed in screen.html\n",
               result.could_not_assess.size());
  }
  fmt::print("Wrote {} and {}\n", (directory / "screen.json").string(),
             (directory / "screen.html").string());
}

void runScreenCommand(const std::string& record_path, const std::string& output_directory,
                      const std::string& previous_path) {
  const ReadRecord input = readScreeningRecord(readText(record_path), record_path);
  for (const auto& problem : input.problems) {
    std::cerr << "kinchain: warning: " << record_path << ": field " << problem.path << ": "
              << problem.message << '\n';
  }
  std::optional<ReadRecord> previous;
  if (!previous_path.empty()) previous = readPreviousScreen(readText(previous_path), previous_path);
  const ScreenResult result =
      runScreen(input, record_path, GaitEvidence{}, previous ? &*previous : nullptr, previous_path);

  const std::filesystem::path directory(output_directory);
  kinchain::OutputTransaction output;
  kinchain::io::text::writeWholeFile(output.stage(directory / "screen.json"),
                                     screenResultToJson(result).dump(2) + "\n");
  kinchain::io::text::writeWholeFile(output.stage(directory / "screen.html"),
                                     kinchain::report::renderScreenReport(result));
  output.commit();
  printSummary(result, directory);
}

const kinchain::cli::CommandRegistration registration{
    "screen", [](CLI::App& parent) {
      auto* command = parent.add_subcommand(
          "screen",
          "Clinical screening: red-flag triage, chain-vs-local pattern, measures vs norms, "
          "kinetic-chain findings, root-cause hypotheses, corrective program, re-test");
      command->footer(
          "The record is JSON of format kinchain.screen/1 (schema: "
          "schemas/kinchain.screen-1.schema."
          "json, or --print-schema). Impossible values are rejected with a warning naming the field "
          "and the rest is still screened. A key given twice or a key the schema does not know "
          "(a misspelt red flag, say) is an error naming it and the closest known key. Any field "
          "may be missing, but a red-flag question left unanswered gives triage not_cleared with "
          "the questions listed, and no program until they are answered (docs/screening.md). "
          "Writes DIR/screen.json (kinchain.screen-result/1) and DIR/screen.html. Kinchain "
          "supports clinicians; it diagnoses nothing, and red flags always win.");
      auto record = std::make_shared<std::string>();
      auto output = std::make_shared<std::string>();
      auto previous = std::make_shared<std::string>();
      auto print_schema = std::make_shared<bool>(false);
      command->add_option("record", *record, "screening record (JSON, kinchain.screen/1)");
      command->add_option("-o,--output", *output,
                          "output directory for screen.json and screen.html");
      command->add_option(
          "--previous", *previous,
          "earlier screen.json or record to re-test against (changes vs MDC / MCID)");
      command->add_flag("--print-schema", *print_schema, "print the record JSON Schema and exit");
      command->callback([=] {
        if (*print_schema) {
          std::cout << screenRecordSchemaText();
          return;
        }
        if (record->empty() || output->empty()) {
          throw std::invalid_argument("screen: needs a RECORD.json and -o DIR (see --help)");
        }
        runScreenCommand(*record, *output, *previous);
      });
    }};

}  // namespace
