#pragma once
// OpenSim's Scale tool (opensim-core OpenSim/Tools/ScaleTool.cpp, run): load the generic model,
// add or replace its markers from the GenericModelMaker marker set (Model::updateMarkerSet),
// scale it (ModelScaler: scale_factors.hpp, model_scaling.hpp) and place its markers on the
// static trial (MarkerPlacer: marker_placement.hpp), writing the files the setup names:
//   ModelScaler  output_model_file (scaled model), output_scale_file (ScaleSet)
//   MarkerPlacer output_model_file (scaled and placed), output_motion_file (static pose .mot),
//                and beside the final model "<model stem>_marker_errors.txt"
//                (formatMarkerErrorReport).
// Models are written by editing the generic model's document (osim_model_writer.hpp), named
// after the setup (<ScaleTool name>), as OpenSim names the subject model.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/common/output_transaction.hpp"
#include "kinchain/kinematics/marker_placement.hpp"
#include "kinchain/kinematics/scale_factors.hpp"
#include "kinchain/kinematics/scale_setup.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::kinematics {

struct ScaleToolOptions {
  /// Write every output into this directory (file names from the setup) instead.
  std::optional<std::filesystem::path> outputDirectory;
  /// Also write the final model here (the placed model, or the scaled one without placement).
  std::filesystem::path finalModelFile;
  /// Where the marker-error report goes (default: beside the final model).
  std::filesystem::path markerErrorFile;
  /// When set, files are staged in it and reach their place only when the caller commits.
  OutputTransaction* transaction = nullptr;
};

struct ScaleToolReport {
  std::optional<model::Model> finalModel;
  std::optional<ScaleFactorResult> scaleFactors;   ///< when the model scaler ran
  std::optional<MarkerPlacementResult> placement;  ///< when the marker placer ran
  double totalMass = 0.0;                          ///< kg, final model
  std::vector<std::filesystem::path> written;
  std::vector<std::string> notes;
};

/// Adds the markers of an OpenSim MarkerSet file to `model`, replacing same-named ones
/// (OpenSim Model::updateMarkerSet: a replaced marker moves to the end).
/// @throws InputError(file, line, ...) for a malformed set or a marker on an unknown body.
model::Model applyMarkerSet(const model::Model& model, const std::filesystem::path& markerSetFile);

/// Runs the setup. @throws InputError for missing or malformed inputs.
ScaleToolReport runScaleTool(const ScaleSetup& setup, const ScaleToolOptions& options = {});

}  // namespace kinchain::kinematics
