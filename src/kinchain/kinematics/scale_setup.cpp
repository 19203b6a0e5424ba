#include "kinchain/kinematics/scale_setup.hpp"

#include "kinchain/common/xml_document.hpp"
#include "kinchain/common/xml_properties.hpp"

namespace kinchain::kinematics {

namespace {

std::vector<ManualScale> readScaleObjects(const XmlDocument& document,
                                          const pugi::xml_node& scaleSet) {
  std::vector<ManualScale> scales;
  for (const auto& node : scaleSet.child("objects").children("Scale")) {
    ManualScale scale;
    scale.body = xml::childString(node, "segment");
    if (scale.body.empty()) document.fail(node, "<Scale> names no <segment>");
    const auto factors = xml::parseDoubleList(document, node.child("scales"));
    if (factors.size() != 3) document.fail(node.child("scales"), "<scales> needs three factors");
    for (int axis = 0; axis < 3; ++axis) {
      if (!(factors[static_cast<std::size_t>(axis)] > 0.0)) {
        document.fail(node.child("scales"), "scale factors must be positive");
      }
      scale.factors[axis] = factors[static_cast<std::size_t>(axis)];
    }
    if (const auto apply = xml::childBool(document, node, "apply")) scale.apply = *apply;
    scales.push_back(std::move(scale));
  }
  return scales;
}

ScaleMeasurement readMeasurement(const XmlDocument& document, const pugi::xml_node& node) {
  ScaleMeasurement measurement;
  measurement.name = node.attribute("name").as_string();
  if (const auto apply = xml::childBool(document, node, "apply")) measurement.apply = *apply;
  for (const auto& pair : node.child("MarkerPairSet").child("objects").children("MarkerPair")) {
    const auto markers = xml::parseWordList(pair.child("markers"));
    if (markers.size() != 2) document.fail(pair, "a MarkerPair needs exactly two marker names");
    measurement.markerPairs.push_back({markers[0], markers[1]});
  }
  for (const auto& scale : node.child("BodyScaleSet").child("objects").children("BodyScale")) {
    ScaleMeasurement::BodyAxes body;
    body.body = scale.attribute("name").as_string();
    body.axes = {false, false, false};
    for (const auto& axis : xml::parseWordList(scale.child("axes"))) {
      if (axis == "X" || axis == "x")
        body.axes[0] = true;
      else if (axis == "Y" || axis == "y")
        body.axes[1] = true;
      else if (axis == "Z" || axis == "z")
        body.axes[2] = true;
      else
        document.fail(scale.child("axes"), "axes must be X, Y and/or Z, found '" + axis + "'");
    }
    measurement.bodies.push_back(std::move(body));
  }
  if (measurement.apply && measurement.markerPairs.empty()) {
    document.fail(node, "measurement '" + measurement.name + "' has no marker pair");
  }
  return measurement;
}

}  // namespace

ScaleSetup readScaleSetup(const std::filesystem::path& path) {
  const auto document = XmlDocument::fromFile(path);
  pugi::xml_node tool = document.root();
  if (std::string_view(tool.name()) == "OpenSimDocument") tool = tool.child("ScaleTool");
  if (!tool || std::string_view(tool.name()) != "ScaleTool") {
    document.fail(document.root(), "not a Scale setup (no <ScaleTool>)");
  }
  const auto base = path.parent_path();
  ScaleSetup setup;
  setup.name = tool.attribute("name").as_string();
  setup.setupFile = path;
  if (const auto value = xml::childDouble(document, tool, "mass")) setup.mass = *value;
  if (const auto value = xml::childDouble(document, tool, "height")) setup.height = *value;
  if (const auto value = xml::childDouble(document, tool, "age")) setup.age = *value;

  const auto maker = tool.child("GenericModelMaker");
  setup.modelFile = xml::resolvePath(base, xml::childString(maker, "model_file"));
  setup.markerSetFile = xml::resolvePath(base, xml::childString(maker, "marker_set_file"));

  if (const auto scaler = tool.child("ModelScaler")) {
    if (const auto apply = xml::childBool(document, scaler, "apply")) setup.scalerApply = *apply;
    for (const auto& step : xml::parseWordList(scaler.child("scaling_order"))) {
      if (step == "measurements")
        setup.scalingOrder.push_back(ScalingStep::Measurements);
      else if (step == "manualScale")
        setup.scalingOrder.push_back(ScalingStep::ManualScale);
      else
        document.fail(scaler.child("scaling_order"), "unknown scaling step '" + step + "'");
    }
    for (const auto& node :
         scaler.child("MeasurementSet").child("objects").children("Measurement")) {
      setup.measurements.push_back(readMeasurement(document, node));
    }
    setup.manualScales = readScaleObjects(document, scaler.child("ScaleSet"));
    setup.scalerMarkerFile = xml::resolvePath(base, xml::childString(scaler, "marker_file"));
    setup.scalerTimeRange = xml::childTimeRange(document, scaler);
    if (const auto value = xml::childBool(document, scaler, "preserve_mass_distribution")) {
      setup.preserveMassDistribution = *value;
    }
    setup.scalerOutputModelFile =
        xml::resolvePath(base, xml::childString(scaler, "output_model_file"));
    setup.scalerOutputScaleFile =
        xml::resolvePath(base, xml::childString(scaler, "output_scale_file"));
  } else {
    setup.scalerApply = false;
  }

  if (const auto placer = tool.child("MarkerPlacer")) {
    if (const auto apply = xml::childBool(document, placer, "apply")) setup.placerApply = *apply;
    if (const auto tasks = placer.child("IKTaskSet")) {
      setup.placerTasks = readIkTaskSet(document, tasks, base);
    }
    setup.placerMarkerFile = xml::resolvePath(base, xml::childString(placer, "marker_file"));
    setup.placerCoordinateFile =
        xml::resolvePath(base, xml::childString(placer, "coordinate_file"));
    setup.placerTimeRange = xml::childTimeRange(document, placer);
    setup.placerOutputMotionFile =
        xml::resolvePath(base, xml::childString(placer, "output_motion_file"));
    setup.placerOutputModelFile =
        xml::resolvePath(base, xml::childString(placer, "output_model_file"));
    setup.placerOutputMarkerFile =
        xml::resolvePath(base, xml::childString(placer, "output_marker_file"));
    if (const auto value = xml::childDouble(document, placer, "max_marker_movement")) {
      setup.maxMarkerMovement = *value;
    }
  } else {
    setup.placerApply = false;
  }
  return setup;
}

std::vector<ManualScale> readScaleSet(const std::filesystem::path& path) {
  const auto document = XmlDocument::fromFile(path);
  pugi::xml_node scaleSet = document.root();
  if (std::string_view(scaleSet.name()) == "OpenSimDocument") scaleSet = scaleSet.child("ScaleSet");
  if (!scaleSet || std::string_view(scaleSet.name()) != "ScaleSet") {
    document.fail(document.root(), "not an OpenSim ScaleSet file (no <ScaleSet>)");
  }
  return readScaleObjects(document, scaleSet);
}

}  // namespace kinchain::kinematics
