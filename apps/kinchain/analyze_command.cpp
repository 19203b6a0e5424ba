// `kinchain analyze TRIAL.c3d [--static S.c3d] [--model M.osim] [--screen R.json] [--mass KG]
//  -o DIR`: one recorded trial to a kinetic-chain report (src/kinchain/analysis/).
// Progress goes to stderr, one line per stage; --quiet silences it; --json prints results.json
// on stdout instead of the summary. Every output is staged and lands in -o DIR only when all of
// them are complete (common/output_transaction.hpp). A failed stage is never silent: it is named
// on stderr even with --quiet and the exit status is 2 (exit_status.hpp).

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "command_registry.hpp"
#include "exit_status.hpp"
#include "kinchain/analysis/analysis_pipeline.hpp"
#include "kinchain/common/output_transaction.hpp"

namespace {

using kinchain::analysis::AnalysisRequest;
using kinchain::analysis::StageEvent;

struct AnalyzeArguments {
  std::string trial;
  std::string grf;
  std::string staticTrial;
  std::string model;
  std::string screen;
  double mass = 0.0;
  std::string output;
  int threads = 0;
  bool quiet = false;
  bool json = false;
  bool force = false;
  std::string norms;
  bool noNorms = false;
};

std::optional<std::filesystem::path> optionalPath(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return std::filesystem::path(text);
}

void printSummary(const nlohmann::json& results, const std::filesystem::path& directory) {
  fmt::print("Kinchain analysis of {} — supports a clinician, diagnoses nothing\n",
             results["trial"]["file"].get<std::string>());
  fmt::print("Protocol: {}; model: {}\n", results["protocol"]["name"].get<std::string>(),
             results["model"]["scaling_method"].get<std::string>());
  for (const auto& stage : results["stages"]) {
    fmt::print("  {:<22} {:<8} {:7.2f} s  {}\n", stage["name"].get<std::string>(),
               stage["status"].get<std::string>(), stage["seconds"].get<double>(),
               stage["message"].get<std::string>());
  }
  if (!results["findings"].empty()) {
    fmt::print("Findings:\n");
    for (const auto& finding : results["findings"]) {
      fmt::print("  {} ({}): {}\n", finding.value("id", ""), finding.value("side", ""),
                 finding.value("title", ""));
    }
  }
  for (const auto& item : results["missing"]) {
    fmt::print("Not available: {} ({})\n", item["what"].get<std::string>(),
               item["reason"].get<std::string>());
  }
  for (const auto& warning : results["warnings"])
    fmt::print("Warning: {}\n", warning.get<std::string>());
  fmt::print("Report: {}\n", (directory / "report.html").string());
}

const kinchain::cli::CommandRegistration registration{
    "analyze", [](CLI::App& parent) {
      auto arguments = std::make_shared<AnalyzeArguments>();
      auto* command = parent.add_subcommand(
          "analyze",
          "Analyse a recorded trial end to end: marker protocol, scaled model, inverse kinematics, "
          "force plates to feet, gait events and cycles, inverse dynamics, static optimisation, "
          "tissue loads, kinetic-chain findings; writes results.json, report.html and the "
          "OpenSim files into the output folder");
      auto* trial = command->add_option("TRIAL", arguments->trial, "C3D trial, or a TRC with --grf")
                        ->check(CLI::ExistingFile);
      auto* markers =
          command
              ->add_option("--markers", arguments->trial,
                           "marker trajectories (.trc, e.g. an OpenCap session's) instead of "
                           "TRIAL; pair with --grf and, for OpenCap, --model")
              ->check(CLI::ExistingFile);
      trial->excludes(markers);
      markers->excludes(trial);
      command
          ->add_option("--grf", arguments->grf,
                       "ground reactions (.mot) for a TRC trial, OpenSim column naming")
          ->check(CLI::ExistingFile);
      command
          ->add_option("--static", arguments->staticTrial,
                       "static standing trial (.c3d or .trc) for scaling; default: scale from the "
                       "trial itself")
          ->check(CLI::ExistingFile);
      command
          ->add_option("--model", arguments->model,
                       "OpenSim model (.osim); default: the bundled gait2392 model")
          ->check(CLI::ExistingFile);
      command
          ->add_option("--screen", arguments->screen,
                       "screening record (kinchain.screen/1 JSON) to merge with the gait findings")
          ->check(CLI::ExistingFile);
      // The range is checked by the analysis (common/body_mass.hpp) so the message can cite it.
      auto* massOption =
          command->add_option("--mass", arguments->mass, "body mass in kg (overrides the trial's)");
      command->add_option("-o,--output", arguments->output, "output folder")->required();
      command->add_option("--threads", arguments->threads, "worker threads (0: every core)")
          ->check(CLI::NonNegativeNumber);
      command->add_flag("--quiet", arguments->quiet, "no progress lines");
      command->add_flag("--json", arguments->json, "print results.json on stdout");
      auto* normsOption =
          command
              ->add_option("--norms", arguments->norms,
                           "healthy reference to judge against (kinchain.norms/1, from kinchain "
                           "norms build); default: the shipped data/norms/schreiber2019.json "
                           "(Schreiber & Moissenet 2019)")
              ->check(CLI::ExistingFile);
      command
          ->add_flag("--no-norms", arguments->noNorms,
                     "judge only against cited cut-offs, without a healthy reference")
          ->excludes(normsOption);
      command->add_flag("--force", arguments->force,
                        "analyse even when the marker fit is beyond OpenSim's best practice "
                        "(mean RMS > 2 cm); the results then carry a prominent warning");
      command->callback([arguments, massOption] {
        if (arguments->trial.empty()) throw CLI::RequiredError("TRIAL or --markers");
        AnalysisRequest request;
        request.trial = arguments->trial;
        request.groundReactions = optionalPath(arguments->grf);
        request.staticTrial = optionalPath(arguments->staticTrial);
        request.model = optionalPath(arguments->model);
        request.screenRecord = optionalPath(arguments->screen);
        if (massOption->count() > 0) request.massKg = arguments->mass;
        request.acceptPoorMarkerFit = arguments->force;
        request.norms = optionalPath(arguments->norms);
        request.useNorms = !arguments->noNorms;
        const std::filesystem::path target = arguments->output;
        kinchain::OutputTransaction output;
        output.ownFolder(target);
        request.outputDirectory = output.stagingFolder(target);
        request.threads = arguments->threads;
        const bool quiet = arguments->quiet;
        const auto progress = [quiet](const StageEvent& event) {
          if (quiet) return;
          std::cerr << fmt::format(
              "[{:>7.2f} s] {:<20} {}{}\n", event.seconds, event.stage, event.status,
              event.message.empty() ? std::string() : fmt::format(": {}", event.message));
        };
        const auto outcome = kinchain::analysis::runAnalysis(request, progress);
        output.commit();
        if (arguments->json) {
          std::cout << outcome.results.dump(1) << '\n';
        } else {
          printSummary(outcome.results, target);
        }
        std::string failed;
        for (const auto& stage : outcome.results["stages"]) {
          if (stage["status"] != "failed") continue;
          failed +=
              fmt::format("{}{} failed: {}", failed.empty() ? "" : "; ",
                          stage["name"].get<std::string>(), stage["message"].get<std::string>());
        }
        if (!failed.empty()) {
          throw kinchain::cli::PartialResults(fmt::format(
              "{}; the stages that depend on it were skipped; what could be computed is in {}",
              failed, target.string()));
        }
      });
    }};

}  // namespace
