#include "kinchain/muscle/analyze_setup.hpp"

#include "kinchain/common/xml_document.hpp"
#include "kinchain/common/xml_properties.hpp"

namespace kinchain::muscle {

namespace {

int readPositiveInteger(const XmlDocument& document, const pugi::xml_node& parent, const char* name,
                        int fallback) {
  const auto node = parent.child(name);
  if (!node || xml::trimmedText(node).empty()) return fallback;
  const long value = xml::parseInteger(document, node);
  if (value < 1 || value > 1'000'000)
    document.fail(node, std::string(name) + " must be a positive integer");
  return static_cast<int>(value);
}

template <class Settings>
void readCommon(const XmlDocument& document, const pugi::xml_node& node, Settings& settings) {
  if (const auto name = node.attribute("name"); name && *name.value() != '\0')
    settings.name = name.value();
  if (const auto value = xml::childBool(document, node, "on")) settings.on = *value;
  if (const auto value = xml::childDouble(document, node, "start_time"))
    settings.startTime = *value;
  if (const auto value = xml::childDouble(document, node, "end_time")) settings.endTime = *value;
  settings.stepInterval =
      readPositiveInteger(document, node, "step_interval", settings.stepInterval);
  if (const auto value = xml::childBool(document, node, "in_degrees")) settings.inDegrees = *value;
}

StaticOptimizationSettings readStaticOptimization(const XmlDocument& document,
                                                  const pugi::xml_node& node) {
  StaticOptimizationSettings settings;
  readCommon(document, node, settings);
  if (const auto value = xml::childBool(document, node, "use_model_force_set")) {
    settings.useModelForceSet = *value;
  }
  if (const auto value = xml::childDouble(document, node, "activation_exponent")) {
    if (!(*value >= 1.0))
      document.fail(node.child("activation_exponent"), "activation exponent must be at least 1");
    settings.activationExponent = *value;
  }
  if (const auto value = xml::childBool(document, node, "use_muscle_physiology")) {
    settings.useMusclePhysiology = *value;
  }
  if (const auto value = xml::childDouble(document, node, "optimizer_convergence_criterion")) {
    if (!(*value > 0.0))
      document.fail(node.child("optimizer_convergence_criterion"),
                    "convergence criterion must be positive");
    settings.convergenceCriterion = *value;
  }
  settings.maxIterations =
      readPositiveInteger(document, node, "optimizer_max_iterations", settings.maxIterations);
  return settings;
}

MuscleAnalysisSettings readMuscleAnalysis(const XmlDocument& document, const pugi::xml_node& node) {
  MuscleAnalysisSettings settings;
  readCommon(document, node, settings);
  settings.muscles = xml::parseWordList(node.child("muscle_list"));
  if (settings.muscles.empty()) settings.muscles = {"all"};
  settings.momentArmCoordinates = xml::parseWordList(node.child("moment_arm_coordinate_list"));
  if (settings.momentArmCoordinates.empty()) settings.momentArmCoordinates = {"all"};
  if (const auto value = xml::childBool(document, node, "compute_moments"))
    settings.computeMoments = *value;
  return settings;
}

}  // namespace

AnalyzeSetup readAnalyzeSetup(const std::filesystem::path& path) {
  const auto document = XmlDocument::fromFile(path);
  pugi::xml_node tool = document.root();
  if (std::string_view(tool.name()) == "OpenSimDocument") tool = tool.child("AnalyzeTool");
  if (!tool || std::string_view(tool.name()) != "AnalyzeTool") {
    document.fail(document.root(), "not an Analyze setup (no <AnalyzeTool>)");
  }
  const auto base = path.parent_path();
  AnalyzeSetup setup;
  setup.name = tool.attribute("name").as_string();
  setup.setupFile = path;
  setup.modelFile = xml::resolvePath(base, xml::childString(tool, "model_file"));
  if (const auto value = xml::childBool(document, tool, "replace_force_set"))
    setup.replaceForceSet = *value;
  for (const auto& file : xml::parseWordList(tool.child("force_set_files"))) {
    setup.forceSetFiles.push_back(xml::resolvePath(base, file));
  }
  setup.resultsDirectory = xml::resolvePath(base, xml::childString(tool, "results_directory"));
  if (setup.resultsDirectory.empty()) setup.resultsDirectory = base;
  setup.outputPrecision =
      readPositiveInteger(document, tool, "output_precision", setup.outputPrecision);
  setup.initialTime = xml::childDouble(document, tool, "initial_time");
  setup.finalTime = xml::childDouble(document, tool, "final_time");
  setup.externalLoadsFile = xml::resolvePath(base, xml::childString(tool, "external_loads_file"));
  setup.statesFile = xml::resolvePath(base, xml::childString(tool, "states_file"));
  setup.coordinatesFile = xml::resolvePath(base, xml::childString(tool, "coordinates_file"));
  setup.speedsFile = xml::resolvePath(base, xml::childString(tool, "speeds_file"));
  if (const auto value =
          xml::childDouble(document, tool, "lowpass_cutoff_frequency_for_coordinates")) {
    setup.lowpassCutoffForCoordinates = *value;
  }
  for (const auto& node : tool.child("AnalysisSet").child("objects").children()) {
    if (node.type() != pugi::node_element) continue;
    const std::string_view type = node.name();
    if (type == "StaticOptimization") {
      setup.staticOptimizations.push_back(readStaticOptimization(document, node));
    } else if (type == "MuscleAnalysis") {
      setup.muscleAnalyses.push_back(readMuscleAnalysis(document, node));
    } else {
      setup.unsupportedAnalyses.push_back(std::string(type) + " '" +
                                          node.attribute("name").as_string() + "'");
    }
  }
  if (setup.coordinatesFile.empty() && setup.statesFile.empty()) {
    document.fail(tool, "the setup names neither a <coordinates_file> nor a <states_file>");
  }
  return setup;
}

}  // namespace kinchain::muscle
