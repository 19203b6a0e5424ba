#include "kinchain/kinematics/inverse_kinematics_setup.hpp"

#include "kinchain/common/xml_properties.hpp"

namespace kinchain::kinematics {

namespace {

// OpenSim defaults (opensim-core InverseKinematicsTool / IKTask constructors): weight 1,
// apply true, constraint weight Infinity, accuracy 1e-5.

void readTask(const XmlDocument& document, const pugi::xml_node& node, bool& apply,
              double& weight) {
  if (const auto value = xml::childBool(document, node, "apply")) apply = *value;
  if (const auto value = xml::childDouble(document, node, "weight")) weight = *value;
  if (!(weight >= 0.0)) document.fail(node.child("weight"), "task weight must not be negative");
}

CoordinateTaskValue parseValueType(const XmlDocument& document, const pugi::xml_node& node) {
  const std::string text = xml::trimmedText(node);
  if (text.empty() || text == "default_value") return CoordinateTaskValue::DefaultValue;
  if (text == "manual_value") return CoordinateTaskValue::ManualValue;
  if (text == "from_file") return CoordinateTaskValue::FromFile;
  document.fail(
      node, "value_type must be default_value, manual_value or from_file, found '" + text + "'");
}

}  // namespace

IkTaskSet readIkTaskSet(const XmlDocument& document, const pugi::xml_node& taskSetNode,
                        const std::filesystem::path& baseDirectory) {
  if (const auto file = taskSetNode.attribute("file"); file && *file.value() != '\0') {
    const auto path = xml::resolvePath(baseDirectory, file.value());
    const auto taskDocument = XmlDocument::fromFile(path);
    pugi::xml_node root = taskDocument.root();
    if (std::string_view(root.name()) == "OpenSimDocument") root = root.child("IKTaskSet");
    if (!root || std::string_view(root.name()) != "IKTaskSet") {
      taskDocument.fail(taskDocument.root(), "no <IKTaskSet> element");
    }
    return readIkTaskSet(taskDocument, root, path.parent_path());
  }
  IkTaskSet tasks;
  for (const auto& node : taskSetNode.child("objects").children()) {
    if (node.type() != pugi::node_element) continue;
    const std::string_view type = node.name();
    if (type == "IKMarkerTask") {
      MarkerTask task;
      task.markerName = node.attribute("name").as_string();
      readTask(document, node, task.apply, task.weight);
      tasks.markerTasks.push_back(task);
    } else if (type == "IKCoordinateTask") {
      CoordinateTask task;
      task.coordinateName = node.attribute("name").as_string();
      readTask(document, node, task.apply, task.weight);
      task.valueType = parseValueType(document, node.child("value_type"));
      if (const auto value = xml::childDouble(document, node, "value")) task.manualValue = *value;
      tasks.coordinateTasks.push_back(task);
    } else {
      document.fail(node, std::string("unknown IK task type <") + node.name() + ">");
    }
  }
  return tasks;
}

InverseKinematicsSetup readInverseKinematicsSetup(const std::filesystem::path& path) {
  const auto document = XmlDocument::fromFile(path);
  pugi::xml_node tool = document.root();
  if (std::string_view(tool.name()) == "OpenSimDocument") {
    tool = document.root().child("InverseKinematicsTool");
    if (!tool) tool = document.root().child("InverseKinemtaticsTool");  // 2.x spelling
  }
  const std::string_view toolName = tool ? tool.name() : "";
  if (toolName != "InverseKinematicsTool" && toolName != "InverseKinemtaticsTool") {
    document.fail(document.root(), "not an Inverse Kinematics setup (no <InverseKinematicsTool>)");
  }
  const auto base = path.parent_path();
  InverseKinematicsSetup setup;
  setup.name = tool.attribute("name").as_string();
  setup.setupFile = path;
  setup.modelFile = xml::resolvePath(base, xml::childString(tool, "model_file"));
  setup.markerFile = xml::resolvePath(base, xml::childString(tool, "marker_file"));
  setup.coordinateFile = xml::resolvePath(base, xml::childString(tool, "coordinate_file"));
  setup.resultsDirectory = xml::resolvePath(base, xml::childString(tool, "results_directory"));
  if (setup.resultsDirectory.empty()) setup.resultsDirectory = base;
  setup.outputMotionFile = xml::resolvePath(base, xml::childString(tool, "output_motion_file"));
  if (const auto value = xml::childDouble(document, tool, "constraint_weight")) {
    setup.constraintWeight = *value;
  }
  if (const auto value = xml::childDouble(document, tool, "accuracy")) setup.accuracy = *value;
  if (const auto range = xml::childTimeRange(document, tool)) {
    setup.startTime = (*range)[0];
    setup.endTime = (*range)[1];
  }
  if (const auto value = xml::childBool(document, tool, "report_errors"))
    setup.reportErrors = *value;
  if (const auto value = xml::childBool(document, tool, "report_marker_locations")) {
    setup.reportMarkerLocations = *value;
  }
  if (const auto taskSet = tool.child("IKTaskSet"))
    setup.tasks = readIkTaskSet(document, taskSet, base);
  if (setup.markerFile.empty()) document.fail(tool, "the setup names no <marker_file>");
  return setup;
}

}  // namespace kinchain::kinematics
