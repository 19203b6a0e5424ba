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

}  // namespace kinchain::cli
