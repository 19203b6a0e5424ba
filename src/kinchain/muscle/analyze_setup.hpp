#pragma once
// An OpenSim Analyze setup file (<AnalyzeTool>) with the analyses Kinchain runs:
// StaticOptimization and MuscleAnalysis. Other analyses are listed so the caller can say they
// were skipped. Paths are resolved against the setup file's directory.

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace kinchain::muscle {

/// Defaults are OpenSim's (opensim-core StaticOptimization::setNull: activation exponent 2,
/// muscle physiology on, convergence 1e-4, 100 iterations, step interval 1).
struct StaticOptimizationSettings {
  std::string name = "StaticOptimization";
  bool on = true;
  double startTime = -std::numeric_limits<double>::infinity();
  double endTime = std::numeric_limits<double>::infinity();
  int stepInterval = 1;
  bool inDegrees = true;
  bool useModelForceSet = true;
  double activationExponent = 2.0;
  bool useMusclePhysiology = true;
  double convergenceCriterion = 1e-4;
  int maxIterations = 100;
};

struct MuscleAnalysisSettings {
  std::string name = "MuscleAnalysis";
  bool on = true;
  double startTime = -std::numeric_limits<double>::infinity();
  double endTime = std::numeric_limits<double>::infinity();
  int stepInterval = 1;
  bool inDegrees = true;
  std::vector<std::string> muscles;               ///< "all" or names
  std::vector<std::string> momentArmCoordinates;  ///< "all" or names
  bool computeMoments = false;
};

struct AnalyzeSetup {
  std::string name;
  std::filesystem::path setupFile;
  std::filesystem::path modelFile;
  bool replaceForceSet = false;
  std::vector<std::filesystem::path> forceSetFiles;
  std::filesystem::path resultsDirectory;
  int outputPrecision = 8;
  std::optional<double> initialTime;
  std::optional<double> finalTime;
  std::filesystem::path externalLoadsFile;
  std::filesystem::path statesFile;
  std::filesystem::path coordinatesFile;
  std::filesystem::path speedsFile;
  double lowpassCutoffForCoordinates = -1.0;  ///< Hz; negative: no filtering
  std::vector<StaticOptimizationSettings> staticOptimizations;
  std::vector<MuscleAnalysisSettings> muscleAnalyses;
  /// Analyses present in the file that Kinchain does not run (type and name).
  std::vector<std::string> unsupportedAnalyses;
};

/// Reads the setup; throws InputError (file, line, reason) if it is not an Analyze setup.
AnalyzeSetup readAnalyzeSetup(const std::filesystem::path& path);

}  // namespace kinchain::muscle
