#include "kinchain/dynamics/external_loads.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "kinchain/common/error.hpp"
#include "kinchain/common/xml_document.hpp"
#include "kinchain/common/xml_properties.hpp"

namespace kinchain::dynamics {

ExternalLoadsDescription readExternalLoads(const std::filesystem::path& path) {
  const auto document = XmlDocument::fromFile(path);
  pugi::xml_node loads = document.root();
  if (std::string_view(loads.name()) == "OpenSimDocument") loads = loads.child("ExternalLoads");
  if (!loads || std::string_view(loads.name()) != "ExternalLoads") {
    document.fail(document.root(), "no <ExternalLoads> element: not an OpenSim ExternalLoads file");
  }
  const auto directory = path.parent_path();

  ExternalLoadsDescription description;
  description.name = loads.attribute("name").as_string();
  description.dataFile = xml::resolvePath(directory, xml::childString(loads, "datafile"));
  description.modelKinematicsFile =
      xml::resolvePath(directory, xml::childString(loads, "external_loads_model_kinematics_file"));
  if (const auto cutoff =
          xml::childDouble(document, loads, "lowpass_cutoff_frequency_for_load_kinematics")) {
    description.lowpassCutoffForLoadKinematics = *cutoff;
  }

  const auto objects = loads.child("objects");
  for (const auto& node : objects.children()) {
    if (node.type() != pugi::node_element) continue;
    if (std::string_view(node.name()) != "ExternalForce") {
      document.fail(node, std::string("unsupported external load type <") + node.name() +
                              "> (only ExternalForce is supported)");
    }
    ExternalForceDescription force;
    force.name = node.attribute("name").as_string();
    if (const auto applies = node.child("appliesForce"))
      force.appliesForce = xml::parseBool(document, applies);
    if (const auto disabled = node.child("isDisabled"))
      force.appliesForce = !xml::parseBool(document, disabled);
    force.appliedToBody = xml::childString(node, "applied_to_body");
    if (auto frame = xml::childString(node, "force_expressed_in_body"); !frame.empty()) {
      force.forceExpressedInBody = frame;
    }
    if (auto frame = xml::childString(node, "point_expressed_in_body"); !frame.empty()) {
      force.pointExpressedInBody = frame;
    }
    force.forceIdentifier = xml::childString(node, "force_identifier");
    force.pointIdentifier = xml::childString(node, "point_identifier");
    force.torqueIdentifier = xml::childString(node, "torque_identifier");
    force.dataSourceName = xml::childString(node, "data_source_name");
    if (force.appliesForce && force.appliedToBody.empty()) {
      document.fail(node, "ExternalForce has no <applied_to_body>");
    }
    if (force.appliesForce && force.forceIdentifier.empty() && force.torqueIdentifier.empty()) {
      document.fail(node, "ExternalForce names neither a force nor a torque identifier");
    }
    description.forces.push_back(std::move(force));
  }
  if (description.forces.empty()) {
    document.fail(loads, "ExternalLoads holds no ExternalForce");
  }
  return description;
}

namespace {

std::optional<std::array<std::size_t, 3>> findComponents(const io::TimeSeriesTable& data,
                                                         const std::string& identifier) {
  std::array<std::optional<std::size_t>, 3> found;
  for (std::size_t column = 0; column < data.columnCount(); ++column) {
    const auto& label = data.column(column).label;
    if (label.size() <= identifier.size() || label.compare(0, identifier.size(), identifier) != 0) {
      continue;
    }
    std::string suffix = label.substr(identifier.size());
    if (suffix.size() == 2 && suffix[0] == '_') suffix.erase(0, 1);
    if (suffix.size() != 1) continue;
    const char axis = static_cast<char>(std::tolower(static_cast<unsigned char>(suffix[0])));
    if (axis < 'x' || axis > 'z') continue;
    auto& slot = found[static_cast<std::size_t>(axis - 'x')];
    if (!slot) slot = column;
  }
  if (!found[0] || !found[1] || !found[2]) return std::nullopt;
  return std::array<std::size_t, 3>{*found[0], *found[1], *found[2]};
}

}  // namespace

ExternalForceColumns resolveExternalForceColumns(const ExternalForceDescription& force,
                                                 const io::TimeSeriesTable& data,
                                                 const std::string& dataSourceName) {
  const auto require = [&](const std::string& identifier, const char* what) {
    auto columns = findComponents(data, identifier);
    if (!columns) {
      throw InputError(dataSourceName, "ExternalForce '" + force.name + "'",
                       std::string("no x, y and z columns for the ") + what + " identifier '" +
                           identifier + "'");
    }
    return *columns;
  };
  ExternalForceColumns columns;
  if (!force.forceIdentifier.empty()) columns.force = require(force.forceIdentifier, "force");
  if (!force.pointIdentifier.empty()) columns.point = require(force.pointIdentifier, "point");
  if (!force.torqueIdentifier.empty()) columns.torque = require(force.torqueIdentifier, "torque");
  return columns;
}

void writeExternalLoads(const ExternalLoadsDescription& description,
                        const std::filesystem::path& path, const std::string& dataFile) {
  pugi::xml_document document;
  auto root = document.append_child("OpenSimDocument");
  root.append_attribute("Version") = "40000";
  auto loads = root.append_child("ExternalLoads");
  loads.append_attribute("name") =
      description.name.empty() ? "externalloads" : description.name.c_str();
  auto objects = loads.append_child("objects");
  const auto text = [](pugi::xml_node parent, const char* name, const std::string& value) {
    parent.append_child(name).text().set(value.c_str());
  };
  for (const auto& force : description.forces) {
    auto node = objects.append_child("ExternalForce");
    node.append_attribute("name") = force.name.c_str();
    text(node, "appliesForce", force.appliesForce ? "true" : "false");
    text(node, "applied_to_body", force.appliedToBody);
    text(node, "force_expressed_in_body", force.forceExpressedInBody);
    text(node, "point_expressed_in_body", force.pointExpressedInBody);
    text(node, "force_identifier", force.forceIdentifier);
    text(node, "point_identifier", force.pointIdentifier);
    text(node, "torque_identifier", force.torqueIdentifier);
    text(node, "data_source_name", force.dataSourceName);
  }
  loads.append_child("groups");
  text(loads, "datafile", dataFile);
  text(loads, "external_loads_model_kinematics_file", "");
  text(loads, "lowpass_cutoff_frequency_for_load_kinematics", "-1");
  if (!document.save_file(path.c_str(), "\t")) {
    throw InputError(path.string(), "", "cannot write the ExternalLoads file");
  }
}

}  // namespace kinchain::dynamics
