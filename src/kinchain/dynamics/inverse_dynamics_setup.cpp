#include "kinchain/dynamics/inverse_dynamics_setup.hpp"

#include "kinchain/common/xml_document.hpp"
#include "kinchain/common/xml_properties.hpp"

namespace kinchain::dynamics {

InverseDynamicsSetup readInverseDynamicsSetup(const std::filesystem::path& path) {
  const auto document = XmlDocument::fromFile(path);
  pugi::xml_node tool = document.root();
  if (std::string_view(tool.name()) == "OpenSimDocument") tool = tool.child("InverseDynamicsTool");
  if (!tool || std::string_view(tool.name()) != "InverseDynamicsTool") {
    document.fail(document.root(), "not an Inverse Dynamics setup (no <InverseDynamicsTool>)");
  }
  const auto base = path.parent_path();
  InverseDynamicsSetup setup;
  setup.name = tool.attribute("name").as_string();
  setup.setupFile = path;
  setup.modelFile = xml::resolvePath(base, xml::childString(tool, "model_file"));
  setup.coordinatesFile = xml::resolvePath(base, xml::childString(tool, "coordinates_file"));
  setup.externalLoadsFile = xml::resolvePath(base, xml::childString(tool, "external_loads_file"));
  setup.resultsDirectory = xml::resolvePath(base, xml::childString(tool, "results_directory"));
  if (setup.resultsDirectory.empty()) setup.resultsDirectory = base;
  if (auto output = xml::childString(tool, "output_gen_force_file"); !output.empty()) {
    // A name without extension (the gait2354 test setup writes "subject01_InverseDynamics")
    // gets .sto so the result opens as an OpenSim storage file.
    if (std::filesystem::path(output).extension().empty()) output += ".sto";
    setup.outputGeneralizedForceFile = output;
  }
  setup.coordinatesInDegrees = xml::childBool(document, tool, "coordinates_in_degrees");
  if (const auto cutoff =
          xml::childDouble(document, tool, "lowpass_cutoff_frequency_for_coordinates")) {
    setup.lowpassCutoffForCoordinates = *cutoff;
  }
  if (const auto range = xml::childTimeRange(document, tool)) {
    setup.startTime = (*range)[0];
    setup.endTime = (*range)[1];
  }
  setup.forcesToExclude = xml::parseWordList(tool.child("forces_to_exclude"));
  if (setup.coordinatesFile.empty()) document.fail(tool, "the setup names no <coordinates_file>");
  return setup;
}

}  // namespace kinchain::dynamics
