#include "tool_output.hpp"

#include <fmt/core.h>

namespace kinchain::cli {

void printIkReport(const kinematics::IkToolReport& report) {
  fmt::print("inverse kinematics: {} frames\n", report.frames);
  fmt::print("  motion:        {}\n", report.motionFile.string());
  if (!report.markerErrorFile.empty())
    fmt::print("  marker errors: {}\n", report.markerErrorFile.string());
  if (!report.markerLocationFile.empty()) {
    fmt::print("  marker locations: {}\n", report.markerLocationFile.string());
  }
  // OpenSim best practice (biomechanics.md 3.1): IK RMS < ~2 cm, max < 4 cm.
  fmt::print(
      "  marker error: mean RMS {:.4f} m, max {:.4f} m ({}) [best practice: RMS < 0.02 m, max < "
      "0.04 m]\n",
      report.meanRmsError, report.maxError, report.worstMarker);
  for (const auto& note : report.notes)
    fmt::print("  note: {}\n", note);
}

void printIdReport(const dynamics::IdToolReport& report) {
  fmt::print("inverse dynamics: {} frames\n", report.frames);
  fmt::print("  generalized forces: {}\n", report.outputFile.string());
  if (!report.powersFile.empty())
    fmt::print("  joint powers:       {}\n", report.powersFile.string());
  for (const auto& note : report.notes)
    fmt::print("  note: {}\n", note);
}

void printStaticOptimizationReport(const muscle::StaticOptimizationRun& run) {
  fmt::print("static optimization: {} frames (at most {} solver iterations per frame)\n",
             run.frames, run.maxSolverIterations);
  fmt::print("  activations: {}\n", run.activationFile.string());
  fmt::print("  forces:      {}\n", run.forceFile.string());
  for (const auto& note : run.notes)
    fmt::print("  note: {}\n", note);
  for (const auto& warning : run.warnings)
    fmt::print("  WARNING: {}\n", warning);
}

void printScaleReport(const kinematics::ScaleToolReport& report) {
  fmt::print("scale: model {}\n", report.finalModel ? report.finalModel->name() : "");
  if (report.scaleFactors && report.finalModel) {
    for (const auto& measurement : report.scaleFactors->measurements)
      fmt::print("  measurement {:<12} {:.6f}\n", measurement.name, measurement.scaleFactor);
    for (std::size_t b = 0; b < report.finalModel->bodies().size(); ++b) {
      const auto& s = report.scaleFactors->factors[b];
      fmt::print("  body {:<12} {:.6f} {:.6f} {:.6f}\n", report.finalModel->bodies()[b].name, s.x(),
                 s.y(), s.z());
    }
  }
  fmt::print("  total mass: {:.3f} kg\n", report.totalMass);
  if (report.placement) {
    // OpenSim best practice (biomechanics.md 3.1): marker error RMS < ~2 cm, max < 4 cm.
    fmt::print(
        "  static pose: marker RMS {:.4f} m, max {:.4f} m ({}) [best practice: RMS < 0.02 "
        "m, max < 0.04 m]\n",
        report.placement->solution.rmsError, report.placement->solution.maxError,
        report.placement->solution.worstMarker);
  }
  for (const auto& path : report.written)
    fmt::print("  wrote {}\n", path.string());
  for (const auto& note : report.notes)
    fmt::print("  note: {}\n", note);
}

}  // namespace kinchain::cli
