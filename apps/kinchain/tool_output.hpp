#pragma once
// Terminal summaries shared by the commands that run OpenSim-style tools.

#include "kinchain/kinematics/inverse_kinematics_tool.hpp"

namespace kinchain::cli {

/// Prints where IK wrote its results, the marker-error summary and the notes.
void printIkReport(const kinematics::IkToolReport& report);

}  // namespace kinchain::cli
