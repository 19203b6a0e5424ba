// `kinchain loads --model M.osim --coordinates Q.mot --external-loads GRF.xml -o DIR
//  [--actuators A.xml]... [--events-from-grf] [--mass KG] [--lowpass HZ] [--start T] [--end T]
//  [--step-interval N] [--threads N]`: static optimisation, then posterior-chain tissue loads
// (src/kinchain/loads/tissue_load_pipeline.hpp).

#include <fmt/core.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "command_registry.hpp"
#include "kinchain/common/body_mass.hpp"
#include "kinchain/common/output_transaction.hpp"
#include "kinchain/loads/tissue_load_pipeline.hpp"

namespace kinchain::cli {
namespace {

struct LoadsArguments {
  std::string model;
  std::string coordinates;
  std::string externalLoads;
  std::vector<std::string> actuators;
  std::string output;
  bool eventsFromGrf = false;
  double mass = -1.0;
  bool massGiven = false;
  double lowpass = -1.0;
  double start = -std::numeric_limits<double>::infinity();
  double end = std::numeric_limits<double>::infinity();
  int stepInterval = 1;
  int threads = 0;
};

void printPeaks(const nlohmann::json& summary) {
  for (const char* side : {"right", "left"}) {
    const auto& entry = summary["sides"][side];
    if (!entry.contains("series_peak_achilles")) continue;
    const auto& peak = entry["series_peak_achilles"];
    if (peak["value_n"].is_null()) continue;
    fmt::print("  Achilles {:<5}: peak {:.0f} N", side, peak["value_n"].get<double>());
    if (!peak["value_bw"].is_null()) fmt::print(" ({:.2f} BW)", peak["value_bw"].get<double>());
    fmt::print(" at {:.3f} s; {} stance(s), {} swing(s) summarised\n", peak["time_s"].get<double>(),
               entry["stances"].size(), entry["swings"].size());
  }
}

void runLoads(const LoadsArguments& arguments) {
  loads::TissueLoadPipelineInput input;
  input.modelFile = arguments.model;
  input.coordinatesFile = arguments.coordinates;
  input.externalLoadsFile = arguments.externalLoads;
  for (const auto& file : arguments.actuators)
    input.actuatorFiles.emplace_back(file);
  input.outputDirectory = arguments.output;
  OutputTransaction output;
  input.transaction = &output;
  input.eventsFromGrf = arguments.eventsFromGrf;
  if (arguments.massGiven) {
    requirePlausibleBodyMass(arguments.mass, "--mass");
    input.bodyMassKg = arguments.mass;
  }
  input.lowpassHz = arguments.lowpass;
  if (std::isfinite(arguments.start)) input.startTime = arguments.start;
  if (std::isfinite(arguments.end)) input.endTime = arguments.end;
  input.stepInterval = arguments.stepInterval;
  input.threads = arguments.threads;
  const loads::TissueLoadPipelineResult result = loads::runTissueLoadPipeline(input);
  output.commit();

  fmt::print("static optimization: {} frames\n", result.loads.series.rowCount());
  fmt::print("  activations:  {}\n", result.activationFile.string());
  fmt::print("  forces:       {}\n", result.forceFile.string());
  fmt::print("tissue loads (body mass {:.2f} kg, {}):\n", result.bodyMassKg, result.bodyMassSource);
  fmt::print("  series:       {}\n", result.seriesFile.string());
  fmt::print("  summary:      {}\n", result.summaryFile.string());
  printPeaks(result.summary);
  for (const auto& flag : result.summary["flags"])
    fmt::print("  FLAG ({}): {}\n", flag["side"].get<std::string>(),
               flag["text"].get<std::string>());
  for (const auto& missing : result.loads.unavailable)
    fmt::print("  not available: {}\n", missing);
  for (const auto& note : result.notes)
    fmt::print("  note: {}\n", note);
  for (const auto& note : result.loads.notes)
    fmt::print("  note: {}\n", note);
  for (const auto& warning : result.warnings)
    fmt::print("  WARNING: {}\n", warning);
}

const CommandRegistration registration{
    "loads", [](CLI::App& parent) {
      auto* command = parent.add_subcommand(
          "loads", "Static optimisation, then Achilles, calf, hamstring and plantar-fascia loads");
      auto arguments = std::make_shared<LoadsArguments>();
      command->add_option("--model", arguments->model, "OpenSim model (.osim)")
          ->required()
          ->check(CLI::ExistingFile);
      command->add_option("--coordinates", arguments->coordinates, "coordinates (.mot/.sto)")
          ->required()
          ->check(CLI::ExistingFile);
      command->add_option("--external-loads", arguments->externalLoads, "OpenSim ExternalLoads XML")
          ->check(CLI::ExistingFile);
      command
          ->add_option("--actuators", arguments->actuators,
                       "OpenSim force-set XML appended to the model (reserve/residual "
                       "actuators); repeatable")
          ->check(CLI::ExistingFile);
      command->add_option("-o,--output", arguments->output, "output directory")->required();
      command->add_flag("--events-from-grf", arguments->eventsFromGrf,
                        "foot strike / foot off from the vertical ground reaction forces");
      // The range is checked in runLoads (common/body_mass.hpp) so the message can cite it.
      command
          ->add_option("--mass", arguments->mass,
                       "body mass in kg (default: sum of the model's body masses)")
          ->each([arguments](const std::string&) { arguments->massGiven = true; });
      command->add_option("--lowpass", arguments->lowpass,
                          "low-pass cutoff for the coordinates in Hz (-1: none)");
      command->add_option("--start", arguments->start, "first time (s)");
      command->add_option("--end", arguments->end, "last time (s)");
      command
          ->add_option("--step-interval", arguments->stepInterval,
                       "solve every n-th coordinate row (OpenSim step_interval)")
          ->check(CLI::PositiveNumber);
      command->add_option("--threads", arguments->threads, "worker threads (0: every core)")
          ->check(CLI::NonNegativeNumber);
      command->callback([arguments] { runLoads(*arguments); });
    }};

}  // namespace
}  // namespace kinchain::cli
