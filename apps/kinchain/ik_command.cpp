// `kinchain ik --model M.osim --markers TRIAL.trc [--tasks TASKS.xml] [--start T] [--end T]
//  -o OUT.mot [--errors ERRORS.sto]`: inverse kinematics without a setup file.

#include <filesystem>
#include <limits>
#include <memory>
#include <string>

#include "command_registry.hpp"
#include "kinchain/common/xml_document.hpp"
#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "tool_output.hpp"

namespace kinchain::cli {
namespace {

struct IkArguments {
  std::string model;
  std::string markers;
  std::string tasks;
  std::string output;
  std::string errors;
  double start = -std::numeric_limits<double>::infinity();
  double end = std::numeric_limits<double>::infinity();
  int threads = 0;
};

void runIk(const IkArguments& arguments) {
  kinematics::InverseKinematicsSetup setup;
  setup.name = std::filesystem::path(arguments.markers).stem().string();
  setup.setupFile = "command line";
  setup.modelFile = arguments.model;
  setup.markerFile = arguments.markers;
  setup.outputMotionFile = arguments.output;
  setup.resultsDirectory = std::filesystem::path(arguments.output).parent_path();
  if (std::isfinite(arguments.start)) setup.startTime = arguments.start;
  if (std::isfinite(arguments.end)) setup.endTime = arguments.end;
  setup.reportErrors = !arguments.errors.empty();
  if (!arguments.tasks.empty()) {
    const auto document = XmlDocument::fromFile(arguments.tasks);
    pugi::xml_node root = document.root();
    if (std::string_view(root.name()) == "OpenSimDocument") root = root.child("IKTaskSet");
    if (!root || std::string_view(root.name()) != "IKTaskSet") {
      document.fail(document.root(), "no <IKTaskSet> element");
    }
    setup.tasks = kinematics::readIkTaskSet(document, root,
                                            std::filesystem::path(arguments.tasks).parent_path());
  }
  kinematics::IkToolOptions options;
  options.threads = arguments.threads;
  OutputTransaction output;
  options.transaction = &output;
  auto report = kinematics::runInverseKinematicsTool(setup, options);
  if (!arguments.errors.empty() && report.markerErrorFile != arguments.errors) {
    // The tool names the error file after the trial; --errors names it here instead.
    const auto staged = output.stage(report.markerErrorFile);
    std::filesystem::rename(staged, output.stage(arguments.errors));
    report.markerErrorFile = arguments.errors;
  }
  output.commit();
  printIkReport(report);
}

const CommandRegistration registration{
    "ik", [](CLI::App& parent) {
      auto* command =
          parent.add_subcommand("ik", "Inverse kinematics: coordinates from marker trajectories");
      auto arguments = std::make_shared<IkArguments>();
      command->add_option("--model", arguments->model, "OpenSim model (.osim)")
          ->required()
          ->check(CLI::ExistingFile);
      command
          ->add_option("--markers", arguments->markers,
                       "marker trajectories (.trc, or a .c3d trial)")
          ->required()
          ->check(CLI::ExistingFile);
      command
          ->add_option("--tasks", arguments->tasks,
                       "IK task set XML (weights); default: every shared marker, weight 1")
          ->check(CLI::ExistingFile);
      command->add_option("-o,--output", arguments->output, "output motion (.mot, degrees)")
          ->required();
      command->add_option("--errors", arguments->errors,
                          "also write per-frame marker errors (.sto)");
      command->add_option("--start", arguments->start, "first time (s)");
      command->add_option("--end", arguments->end, "last time (s)");
      command->add_option("--threads", arguments->threads, "worker threads (0: every core)")
          ->check(CLI::NonNegativeNumber);
      command->callback([arguments] { runIk(*arguments); });
    }};

}  // namespace
}  // namespace kinchain::cli
