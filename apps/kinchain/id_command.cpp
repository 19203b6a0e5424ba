// `kinchain id --model M.osim --coordinates Q.mot [--external-loads GRF.xml] [--lowpass HZ]
//  [--start T] [--end T] -o OUT.sto`: inverse dynamics without a setup file.

#include <filesystem>
#include <limits>
#include <memory>
#include <string>

#include "command_registry.hpp"
#include "kinchain/dynamics/inverse_dynamics_tool.hpp"
#include "tool_output.hpp"

namespace kinchain::cli {
namespace {

struct IdArguments {
  std::string model;
  std::string coordinates;
  std::string externalLoads;
  std::string output;
  double lowpass = -1.0;
  double start = -std::numeric_limits<double>::infinity();
  double end = std::numeric_limits<double>::infinity();
  int threads = 0;
};

void runId(const IdArguments& arguments) {
  dynamics::InverseDynamicsSetup setup;
  setup.name = std::filesystem::path(arguments.coordinates).stem().string();
  setup.setupFile = "command line";
  setup.modelFile = arguments.model;
  setup.coordinatesFile = arguments.coordinates;
  setup.externalLoadsFile = arguments.externalLoads;
  setup.lowpassCutoffForCoordinates = arguments.lowpass;
  const std::filesystem::path output(arguments.output);
  setup.resultsDirectory =
      output.parent_path().empty() ? std::filesystem::path(".") : output.parent_path();
  setup.outputGeneralizedForceFile = output.filename().string();
  if (std::isfinite(arguments.start)) setup.startTime = arguments.start;
  if (std::isfinite(arguments.end)) setup.endTime = arguments.end;
  setup.forcesToExclude = {"all"};
  dynamics::IdToolOptions options;
  options.threads = arguments.threads;
  printIdReport(dynamics::runInverseDynamicsTool(setup, options));
}

const CommandRegistration registration{
    "id", [](CLI::App& parent) {
      auto* command = parent.add_subcommand(
          "id", "Inverse dynamics: joint moments from coordinates and external loads");
      auto arguments = std::make_shared<IdArguments>();
      command->add_option("--model", arguments->model, "OpenSim model (.osim)")
          ->required()
          ->check(CLI::ExistingFile);
      command
          ->add_option("--coordinates", arguments->coordinates,
                       "coordinates (.mot/.sto, e.g. from kinchain ik)")
          ->required()
          ->check(CLI::ExistingFile);
      command->add_option("--external-loads", arguments->externalLoads, "OpenSim ExternalLoads XML")
          ->check(CLI::ExistingFile);
      command->add_option("--lowpass", arguments->lowpass,
                          "low-pass cutoff for the coordinates in Hz (-1: none)");
      command->add_option("-o,--output", arguments->output, "output generalized forces (.sto)")
          ->required();
      command->add_option("--start", arguments->start, "first time (s)");
      command->add_option("--end", arguments->end, "last time (s)");
      command->add_option("--threads", arguments->threads, "worker threads (0: every core)")
          ->check(CLI::NonNegativeNumber);
      command->callback([arguments] { runId(*arguments); });
    }};

}  // namespace
}  // namespace kinchain::cli
