#include "kinchain/kinematics/scale_tool.hpp"

#include <fmt/format.h>

#include <fstream>

#include "kinchain/common/error.hpp"
#include "kinchain/common/output_files.hpp"
#include "kinchain/common/xml_document.hpp"
#include "kinchain/common/xml_properties.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "kinchain/kinematics/model_scaling.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/model/osim_model_writer.hpp"

namespace kinchain::kinematics {

namespace {

double totalMass(const model::Model& model) {
  double mass = 0.0;
  for (const auto& body : model.bodies())
    mass += body.mass;
  return mass;
}

}  // namespace

model::Model applyMarkerSet(const model::Model& model, const std::filesystem::path& markerSetFile) {
  const auto document = XmlDocument::fromFile(markerSetFile);
  pugi::xml_node set = document.root();
  if (std::string_view(set.name()) == "OpenSimDocument") set = set.child("MarkerSet");
  if (!set || std::string_view(set.name()) != "MarkerSet")
    document.fail(document.root(), "not an OpenSim MarkerSet file (no <MarkerSet>)");
  model::ModelParts parts = modelPartsOf(model);
  for (const pugi::xml_node node : set.child("objects").children("Marker")) {
    model::Marker marker;
    marker.name = node.attribute("name").as_string();
    if (marker.name.empty()) document.fail(node, "marker without a name");
    pugi::xml_node frameNode = node.child("socket_parent_frame");
    if (!frameNode) frameNode = node.child("body");
    if (!frameNode) document.fail(node, "marker has no <socket_parent_frame> or <body>");
    const auto frame = model.findFrame(xml::trimmedText(frameNode));
    if (!frame) {
      document.fail(frameNode, "marker '" + marker.name + "' is on '" +
                                   xml::trimmedText(frameNode) + "', which model " +
                                   model.sourceName() + " does not have");
    }
    marker.frame = *frame;
    if (const pugi::xml_node location = node.child("location")) {
      const auto values = xml::parseDoubleList(document, location);
      if (values.size() != 3) document.fail(location, "a marker location needs three numbers");
      marker.location = Eigen::Vector3d(values[0], values[1], values[2]);
    }
    marker.fixed = xml::childBool(document, node, "fixed").value_or(false);
    std::erase_if(parts.markers, [&](const model::Marker& m) { return m.name == marker.name; });
    parts.markers.push_back(std::move(marker));
  }
  return model::Model(std::move(parts));
}

ScaleToolReport runScaleTool(const ScaleSetup& setup, const ScaleToolOptions& options) {
  if (setup.modelFile.empty()) {
    throw InputError(setup.setupFile.string(), "GenericModelMaker model_file", "no model file");
  }
  if (!std::filesystem::exists(setup.modelFile))
    throw InputError(setup.modelFile.string(), "", "model file not found");
  ScaleToolReport report;
  model::Model model = model::readOsimModel(setup.modelFile);
  if (!setup.markerSetFile.empty()) model = applyMarkerSet(model, setup.markerSetFile);
  const std::string modelName = setup.name.empty() ? model.name() : setup.name;
  const auto write = [&](const model::Model& m, const std::filesystem::path& path) {
    if (path.empty()) return;
    model::writeEditedOsimModel(setup.modelFile, m, writablePath(path, options.transaction),
                                modelName);
    report.written.push_back(path);
  };

  if (setup.scalerApply) {
    io::TimeSeriesTable markers;
    std::string source = setup.scalerMarkerFile.string();
    const bool measures = std::find(setup.scalingOrder.begin(), setup.scalingOrder.end(),
                                    ScalingStep::Measurements) != setup.scalingOrder.end();
    if (measures) {
      if (setup.scalerMarkerFile.empty()) {
        throw InputError(setup.setupFile.string(), "ModelScaler marker_file",
                         "measurements need a marker file");
      }
      markers = readMarkerFile(setup.scalerMarkerFile);
    }
    report.scaleFactors = computeScaleFactors(model, markers, setup, source);
    for (const auto& note : report.scaleFactors->notes)
      report.notes.push_back(note);
    ModelScalingOptions scaling;
    scaling.subjectMass = setup.mass;
    scaling.preserveMassDistribution = setup.preserveMassDistribution;
    model = scaleModel(model, report.scaleFactors->factors, scaling).model;
    write(model, redirectedOutput(setup.scalerOutputModelFile, options.outputDirectory));
    if (const auto path = redirectedOutput(setup.scalerOutputScaleFile, options.outputDirectory);
        !path.empty()) {
      writeScaleSet(model, report.scaleFactors->factors, writablePath(path, options.transaction));
      report.written.push_back(path);
    }
  }

  if (setup.placerApply) {
    if (setup.placerMarkerFile.empty()) {
      throw InputError(setup.setupFile.string(), "MarkerPlacer marker_file", "no static trial");
    }
    if (!setup.placerTimeRange) {
      throw InputError(setup.setupFile.string(), "MarkerPlacer time_range", "no time range");
    }
    MarkerPlacementOptions placement;
    placement.tasks = setup.placerTasks;
    placement.timeRange = *setup.placerTimeRange;
    placement.maxMarkerMovement = setup.maxMarkerMovement;
    report.placement = placeMarkers(model, readMarkerFile(setup.placerMarkerFile), placement,
                                    setup.placerMarkerFile.string());
    model = report.placement->model;
    for (const auto& note : report.placement->notes)
      report.notes.push_back(note);
    if (!report.placement->deletedMarkers.empty()) {
      report.notes.push_back(fmt::format("{} model markers not in the static trial were deleted",
                                         report.placement->deletedMarkers.size()));
    }
    const auto finalPath = redirectedOutput(setup.placerOutputModelFile, options.outputDirectory);
    write(model, finalPath);
    if (const auto path = redirectedOutput(setup.placerOutputMotionFile, options.outputDirectory);
        !path.empty()) {
      IkTrialResult pose;
      pose.time = {report.placement->time};
      pose.frames = {report.placement->solution};
      io::writeSto(ikCoordinatesTable(model, pose), writablePath(path, options.transaction));
      report.written.push_back(path);
    }
    if (!setup.placerOutputMarkerFile.empty()) {
      report.notes.push_back(
          "MarkerPlacer output_marker_file is not written (the markers are in "
          "the output model)");
    }
    std::filesystem::path errorPath = options.markerErrorFile;
    const std::filesystem::path reference =
        !options.finalModelFile.empty() ? options.finalModelFile : finalPath;
    if (errorPath.empty() && !reference.empty()) {
      errorPath = reference.parent_path() / (reference.stem().string() + "_marker_errors.txt");
    }
    if (!errorPath.empty()) {
      io::text::writeWholeFile(writablePath(errorPath, options.transaction),
                               formatMarkerErrorReport(*report.placement));
      report.written.push_back(errorPath);
    }
  }
  write(model, options.finalModelFile);
  report.totalMass = totalMass(model);
  model::ModelParts parts = modelPartsOf(model);  // named as written (the subject)
  parts.name = modelName;
  report.finalModel.emplace(std::move(parts));
  return report;
}

}  // namespace kinchain::kinematics
