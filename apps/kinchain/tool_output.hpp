#pragma once
// Terminal summaries shared by the commands that run OpenSim-style tools.

#include "kinchain/dynamics/inverse_dynamics_tool.hpp"
#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "kinchain/kinematics/scale_tool.hpp"
#include "kinchain/muscle/static_optimization_tool.hpp"

namespace kinchain::cli {

/// Prints where IK wrote its results, the marker-error summary and the notes.
void printIkReport(const kinematics::IkToolReport& report);

/// Prints where inverse dynamics wrote its generalized forces and the notes.
void printIdReport(const dynamics::IdToolReport& report);

/// Prints where static optimisation wrote activations and forces, its notes and warnings.
void printStaticOptimizationReport(const muscle::StaticOptimizationRun& run);

/// Prints the scale factors, the subject mass, the static-pose marker errors and the files.
void printScaleReport(const kinematics::ScaleToolReport& report);

}  // namespace kinchain::cli
