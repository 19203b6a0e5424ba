// `kinchain report RESULTS.json -o REPORT.html`: renders the report page again from a results
// document of `kinchain analyze` (schema kinchain.analysis/1), so a results file edited or kept
// from an earlier run can be re-rendered without re-running the analysis.

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "command_registry.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/common/output_transaction.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/report/analysis_report.hpp"

namespace kinchain::cli {
namespace {

constexpr std::string_view kResultsSchema = "kinchain.analysis/1";
constexpr int kMaxJsonDepth = 64;  // results.json nests about 7 deep; bounds the parser's stack

nlohmann::json readResults(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError(path, "", "cannot open the file");
  std::ostringstream text;
  text << file.rdbuf();
  const std::string content = text.str();
  const nlohmann::json::parser_callback_t limit_depth =
      [&path](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > kMaxJsonDepth) throw InputError(path, "nesting", "JSON nested too deeply");
        return true;
      };
  nlohmann::json results;
  try {
    results = nlohmann::json::parse(content.begin(), content.end(), limit_depth);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(path, "byte " + std::to_string(error.byte), "not valid JSON");
  } catch (const nlohmann::json::exception& error) {
    throw InputError(path, "", std::string("not a usable JSON document: ") + error.what());
  }
  if (!results.is_object()) throw InputError(path, "top level", "results are a JSON object");
  const auto schema = results.find("schema");
  if (schema == results.end() || !schema->is_string() ||
      schema->get<std::string>() != kResultsSchema) {
    throw InputError(
        path, "field schema",
        fmt::format("{} is not a supported results schema (expected \"{}\", written "
                    "by kinchain analyze)",
                    schema == results.end() ? "missing" : schema->dump(), kResultsSchema));
  }
  return results;
}

void runReport(const std::string& results_path, const std::string& output_path) {
  const std::string html = report::renderAnalysisReport(readResults(results_path));
  OutputTransaction output;
  io::text::writeWholeFile(output.stage(output_path), html);
  output.commit();
  fmt::print("Wrote {}\n", output_path);
}

const CommandRegistration registration{
    "report", [](CLI::App& parent) {
      auto* command = parent.add_subcommand(
          "report", "Render report.html again from a results.json of `kinchain analyze`");
      command->footer(
          "The page is self-contained (inline CSS and SVG, no scripts, no network) and shows "
          "only numbers from the results file. Kinchain supports clinicians; it diagnoses "
          "nothing.");
      auto results = std::make_shared<std::string>();
      auto output = std::make_shared<std::string>();
      command->add_option("results", *results, "results.json (schema kinchain.analysis/1)")
          ->required();
      command->add_option("-o,--output", *output, "the HTML page to write")->required();
      command->callback([=] { runReport(*results, *output); });
    }};

}  // namespace
}  // namespace kinchain::cli
