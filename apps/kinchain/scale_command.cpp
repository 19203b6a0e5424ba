// `kinchain scale --model M.osim --static STATIC.trc [--mass KG] [--markers SET.xml]
//  [--measurements SETUP.xml] [--start T --end T] [--preserve-mass-distribution] [--no-placement]
//  -o SCALED.osim`: OpenSim's Scale tool without a setup file. Measurements, manual scales and
// placer tasks come from an OpenSim Scale setup given with --measurements (its files are
// ignored); without one, every manual scale is 1 and marker placement uses every marker.

#include <filesystem>
#include <limits>
#include <memory>
#include <string>

#include "command_registry.hpp"
#include "kinchain/common/body_mass.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/kinematics/scale_tool.hpp"
#include "tool_output.hpp"

namespace kinchain::cli {
namespace {

// OpenSim's <mass> of -1 keeps the model's mass; any value given is checked.
constexpr double kMassNotGiven = -1.0;

struct ScaleArguments {
  std::string model;
  std::string staticTrial;
  std::string markerSet;
  std::string measurements;
  std::string output;
  std::string errors;
  double mass = kMassNotGiven;
  double start = std::numeric_limits<double>::quiet_NaN();
  double end = std::numeric_limits<double>::quiet_NaN();
  bool preserveMassDistribution = false;
  bool noPlacement = false;
};

void runScale(const ScaleArguments& arguments) {
  kinematics::ScaleSetup setup;
  if (!arguments.measurements.empty()) setup = kinematics::readScaleSetup(arguments.measurements);
  setup.setupFile = arguments.measurements.empty() ? "command line" : arguments.measurements;
  setup.name = std::filesystem::path(arguments.output).stem().string();
  setup.modelFile = arguments.model;
  setup.markerSetFile = arguments.markerSet;
  if (arguments.mass != kMassNotGiven) requirePlausibleBodyMass(arguments.mass, "--mass");
  setup.mass = arguments.mass;
  if (arguments.preserveMassDistribution) setup.preserveMassDistribution = true;
  setup.scalerMarkerFile = arguments.staticTrial;
  setup.placerMarkerFile = arguments.staticTrial;
  setup.scalerOutputModelFile.clear();
  setup.scalerOutputScaleFile.clear();
  setup.placerOutputModelFile.clear();
  setup.placerOutputMotionFile.clear();
  setup.placerOutputMarkerFile.clear();
  if (std::isnan(arguments.start) != std::isnan(arguments.end))
    throw InputError("command line", "--start/--end", "give both or neither");
  if (!std::isnan(arguments.start)) {
    setup.scalerTimeRange = std::array<double, 2>{arguments.start, arguments.end};
    setup.placerTimeRange = setup.scalerTimeRange;
  }
  if (!setup.scalerTimeRange || !setup.placerTimeRange) {
    // Default: the whole static trial (OpenSim clips an overlong range to the data).
    const std::array<double, 2> all{-std::numeric_limits<double>::max(),
                                    std::numeric_limits<double>::max()};
    if (!setup.scalerTimeRange) setup.scalerTimeRange = all;
    if (!setup.placerTimeRange) setup.placerTimeRange = all;
  }
  if (arguments.noPlacement) setup.placerApply = false;
  kinematics::ScaleToolOptions options;
  options.finalModelFile = arguments.output;
  options.markerErrorFile = arguments.errors;
  OutputTransaction output;
  options.transaction = &output;
  const auto report = kinematics::runScaleTool(setup, options);
  output.commit();
  printScaleReport(report);
}

const CommandRegistration registration{
    "scale", [](CLI::App& parent) {
      auto* command = parent.add_subcommand(
          "scale", "Scale a model to a subject from a static trial and place its markers");
      auto arguments = std::make_shared<ScaleArguments>();
      command->add_option("--model", arguments->model, "generic OpenSim model (.osim)")
          ->required()
          ->check(CLI::ExistingFile);
      command->add_option("--static", arguments->staticTrial, "static trial (.trc)")
          ->required()
          ->check(CLI::ExistingFile);
      command->add_option("--mass", arguments->mass, "subject mass (kg); default: keep");
      command
          ->add_option("--markers", arguments->markerSet,
                       "OpenSim MarkerSet file added to the model")
          ->check(CLI::ExistingFile);
      command
          ->add_option("--measurements", arguments->measurements,
                       "OpenSim Scale setup supplying measurements, manual scales, scaling "
                       "order, time ranges and placer tasks (its file names are ignored)")
          ->check(CLI::ExistingFile);
      command->add_option("--start", arguments->start, "first time of the static pose (s)");
      command->add_option("--end", arguments->end, "last time of the static pose (s)");
      command->add_flag("--preserve-mass-distribution", arguments->preserveMassDistribution,
                        "do not scale body masses by the volume factors before setting the mass");
      command->add_flag("--no-placement", arguments->noPlacement, "skip marker placement");
      command->add_option("-o,--output", arguments->output, "scaled model (.osim)")->required();
      command->add_option("--errors", arguments->errors,
                          "marker-error report (default: beside the model)");
      command->callback([arguments] { runScale(*arguments); });
    }};

}  // namespace
}  // namespace kinchain::cli
