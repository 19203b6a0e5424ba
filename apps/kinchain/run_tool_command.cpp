// `kinchain run-tool SETUP.xml [--output-dir DIR]`: runs an OpenSim tool setup file. The tool
// is recognised from the setup's root element; relative paths resolve against the setup file.

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "command_registry.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/common/xml_document.hpp"
#include "kinchain/dynamics/inverse_dynamics_tool.hpp"
#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "kinchain/kinematics/scale_tool.hpp"
#include "kinchain/muscle/analyze_setup.hpp"
#include "kinchain/muscle/static_optimization_tool.hpp"
#include "tool_output.hpp"

namespace kinchain::cli {
namespace {

std::string toolElementName(const std::filesystem::path& setup) {
  const auto document = XmlDocument::fromFile(setup);
  pugi::xml_node tool = document.root();
  if (std::string_view(tool.name()) == "OpenSimDocument") {
    tool = tool.first_child();
    while (tool && tool.type() != pugi::node_element)
      tool = tool.next_sibling();
  }
  return tool ? tool.name() : "";
}

void runTool(const std::filesystem::path& setupPath,
             const std::optional<std::filesystem::path>& outputDirectory, int threads) {
  const std::string tool = toolElementName(setupPath);
  // Every tool stages its files; they reach their places only when the tool has finished.
  OutputTransaction output;
  if (tool == "InverseKinematicsTool" || tool == "InverseKinemtaticsTool") {
    const auto setup = kinematics::readInverseKinematicsSetup(setupPath);
    kinematics::IkToolOptions options;
    options.outputDirectory = outputDirectory;
    options.threads = threads;
    options.transaction = &output;
    const auto report = kinematics::runInverseKinematicsTool(setup, options);
    output.commit();
    printIkReport(report);
    return;
  }
  if (tool == "InverseDynamicsTool") {
    const auto setup = dynamics::readInverseDynamicsSetup(setupPath);
    dynamics::IdToolOptions options;
    options.outputDirectory = outputDirectory;
    options.threads = threads;
    options.transaction = &output;
    const auto report = dynamics::runInverseDynamicsTool(setup, options);
    output.commit();
    printIdReport(report);
    return;
  }
  if (tool == "AnalyzeTool") {
    const auto setup = muscle::readAnalyzeSetup(setupPath);
    if (setup.staticOptimizations.empty()) {
      throw InputError(setupPath.string(), "<AnalysisSet>",
                       "no StaticOptimization analysis (the Analyze tool runs only "
                       "StaticOptimization so far)");
    }
    muscle::StaticOptimizationToolOptions options;
    options.outputDirectory = outputDirectory;
    options.threads = threads;
    options.transaction = &output;
    const auto runs = muscle::runStaticOptimizationTool(setup, options);
    output.commit();
    for (const auto& run : runs)
      printStaticOptimizationReport(run);
    for (const auto& skipped : setup.unsupportedAnalyses)
      std::cout << "  note: analysis not run by Kinchain: " << skipped << "\n";
    return;
  }
  if (tool == "ScaleTool") {
    kinematics::ScaleToolOptions options;
    options.outputDirectory = outputDirectory;
    options.transaction = &output;
    const auto report = kinematics::runScaleTool(kinematics::readScaleSetup(setupPath), options);
    output.commit();
    printScaleReport(report);
    return;
  }
  throw InputError(setupPath.string(), "root element",
                   "unsupported OpenSim tool <" + tool +
                       "> (supported: ScaleTool, InverseKinematicsTool, InverseDynamicsTool, "
                       "AnalyzeTool with StaticOptimization)");
}

const CommandRegistration registration{
    "run-tool", [](CLI::App& parent) {
      auto* command = parent.add_subcommand(
          "run-tool",
          "Run an OpenSim tool setup file (Scale, Inverse Kinematics, Inverse Dynamics, "
          "Analyze: Static Optimization)");
      auto setup = std::make_shared<std::string>();
      auto outputDirectory = std::make_shared<std::string>();
      auto threads = std::make_shared<int>(0);
      command->add_option("setup", *setup, "OpenSim setup XML")
          ->required()
          ->check(CLI::ExistingFile);
      command->add_option("--output-dir", *outputDirectory,
                          "write every result into this directory");
      command->add_option("--threads", *threads, "worker threads (0: every core)")
          ->check(CLI::NonNegativeNumber);
      command->callback([=] {
        std::optional<std::filesystem::path> directory;
        if (!outputDirectory->empty()) directory = *outputDirectory;
        runTool(*setup, directory, *threads);
      });
    }};

}  // namespace
}  // namespace kinchain::cli
