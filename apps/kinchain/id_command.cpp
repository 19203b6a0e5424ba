// `kinchain id --model M.osim --coordinates Q.mot [--external-loads GRF.xml | --force-plates
//  TRIAL.c3d] [--lowpass HZ] [--start T] [--end T] -o OUT.sto`: inverse dynamics without a setup
// file. With --force-plates the C3D's plates are assigned to the feet the coordinates put on
// them (dynamics/force_plate_assignment.hpp) and written beside OUT as an OpenSim ExternalLoads
// pair (OUT_grf.mot + OUT_external_loads.xml) that the run then uses.

#include <filesystem>
#include <limits>
#include <memory>
#include <string>

#include <fmt/format.h>
#include "command_registry.hpp"

#include "kinchain/analysis/foot_contact.hpp"
#include "kinchain/analysis/recorded_trial.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/dynamics/external_loads.hpp"
#include "kinchain/dynamics/inverse_dynamics_tool.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "tool_output.hpp"

namespace kinchain::cli {
namespace {

struct IdArguments {
  std::string model;
  std::string coordinates;
  std::string externalLoads;
  std::string forcePlates;
  std::string output;
  double lowpass = -1.0;
  double start = -std::numeric_limits<double>::infinity();
  double end = std::numeric_limits<double>::infinity();
  int threads = 0;
};

// Assigns the C3D's plates to the feet posed by the coordinates and writes the ExternalLoads
// pair beside `output`; returns the XML's path.
std::filesystem::path externalLoadsFromPlates(const IdArguments& arguments,
                                              const std::filesystem::path& output,
                                              OutputTransaction& transaction) {
  const auto trial = analysis::readC3dTrial(arguments.forcePlates);
  if (trial.plates.empty())
    throw InputError(arguments.forcePlates, "FORCE_PLATFORM", "the trial has no force plates");
  const model::Model model = model::readOsimModel(arguments.model);
  const io::TimeSeriesTable table = io::readSto(arguments.coordinates);
  const kinematics::CoordinateTrajectories coordinates(model, table, -1.0, arguments.coordinates);
  std::vector<Eigen::VectorXd> poses;
  Eigen::VectorXd q, qdot, qddot;
  for (const double t : table.time()) {
    coordinates.evaluate(t, q, qdot, qddot);
    poses.push_back(q);
  }
  const auto paths = analysis::segmentPaths(model, table.time(), poses);
  const auto reactions =
      dynamics::assignPlatesToFeet(trial.plates, {paths.time, paths.heel, paths.toe});
  for (const auto& warning : reactions.warnings)
    fmt::print(stderr, "warning: {}\n", warning);
  const std::string stem = output.stem().string();
  const auto directory =
      output.parent_path().empty() ? std::filesystem::path(".") : output.parent_path();
  const auto data = directory / (stem + "_grf.mot");
  const auto xml = directory / (stem + "_external_loads.xml");
  // Staged beside each other, so the XML's relative reference to the data file resolves while
  // inverse dynamics reads them, before either reaches its place.
  io::writeSto(reactions.table, transaction.stage(data));
  const auto stagedXml = transaction.stage(xml);
  dynamics::writeExternalLoads(reactions.externalLoads("calcn_r", "calcn_l"), stagedXml,
                               data.filename().string());
  fmt::print("plates assigned to feet: {} and {}\n", data.string(), xml.string());
  return stagedXml;
}

void runId(const IdArguments& arguments) {
  dynamics::InverseDynamicsSetup setup;
  setup.name = std::filesystem::path(arguments.coordinates).stem().string();
  setup.setupFile = "command line";
  setup.modelFile = arguments.model;
  setup.coordinatesFile = arguments.coordinates;
  setup.externalLoadsFile = arguments.externalLoads;
  OutputTransaction transaction;
  if (!arguments.forcePlates.empty())
    setup.externalLoadsFile =
        externalLoadsFromPlates(arguments, std::filesystem::path(arguments.output), transaction);
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
  options.transaction = &transaction;
  const auto report = dynamics::runInverseDynamicsTool(setup, options);
  transaction.commit();
  printIdReport(report);
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
      auto* loads = command
                        ->add_option("--external-loads", arguments->externalLoads,
                                     "OpenSim ExternalLoads XML")
                        ->check(CLI::ExistingFile);
      command
          ->add_option("--force-plates", arguments->forcePlates,
                       "C3D trial whose force plates are assigned to the feet (the coordinates "
                       "must come from the same trial, e.g. kinchain ik on it)")
          ->check(CLI::ExistingFile)
          ->excludes(loads);
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
