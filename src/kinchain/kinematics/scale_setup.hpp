#pragma once
// An OpenSim Scale setup file (<ScaleTool>: GenericModelMaker, ModelScaler with measurements
// and manual scales, MarkerPlacer), paths resolved against the setup file's directory.

#include <Eigen/Core>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/kinematics/inverse_kinematics_setup.hpp"

namespace kinchain::kinematics {

/// A measurement: the mean ratio of experimental to model marker-pair distances scales the
/// listed bodies along the listed axes.
struct ScaleMeasurement {
  std::string name;
  bool apply = true;
  std::vector<std::array<std::string, 2>> markerPairs;
  struct BodyAxes {
    std::string body;
    std::array<bool, 3> axes{true, true, true};  ///< X, Y, Z
  };
  std::vector<BodyAxes> bodies;
};

/// A manual scale: per-axis factors for one body ("segment").
struct ManualScale {
  std::string body;
  Eigen::Vector3d factors = Eigen::Vector3d::Ones();
  bool apply = true;
};

enum class ScalingStep { Measurements, ManualScale };

struct ScaleSetup {
  std::string name;
  std::filesystem::path setupFile;
  double mass = -1.0;    ///< kg; negative: keep the model's mass
  double height = -1.0;  ///< mm as OpenSim writes it; informational
  double age = -1.0;

  // GenericModelMaker
  std::filesystem::path modelFile;      ///< empty: the caller supplies a model
  std::filesystem::path markerSetFile;  ///< markers replacing/adding to the model's

  // ModelScaler
  bool scalerApply = true;
  std::vector<ScalingStep> scalingOrder;
  std::vector<ScaleMeasurement> measurements;
  std::vector<ManualScale> manualScales;
  std::filesystem::path scalerMarkerFile;
  std::optional<std::array<double, 2>> scalerTimeRange;
  bool preserveMassDistribution = false;
  std::filesystem::path scalerOutputModelFile;
  std::filesystem::path scalerOutputScaleFile;

  // MarkerPlacer
  bool placerApply = true;
  IkTaskSet placerTasks;
  std::filesystem::path placerMarkerFile;
  std::filesystem::path placerCoordinateFile;
  std::optional<std::array<double, 2>> placerTimeRange;
  std::filesystem::path placerOutputMotionFile;
  std::filesystem::path placerOutputModelFile;
  std::filesystem::path placerOutputMarkerFile;
  double maxMarkerMovement = -1.0;  ///< m; negative: unlimited
};

/// Reads the setup; throws InputError (file, line, reason) if it is not a Scale setup.
ScaleSetup readScaleSetup(const std::filesystem::path& path);

/// Reads an OpenSim ScaleSet file (e.g. std_subject01_scaleSet_applied.xml) as manual scales.
std::vector<ManualScale> readScaleSet(const std::filesystem::path& path);

}  // namespace kinchain::kinematics
