#pragma once
// Internal to the C3D reader: the FORCE_PLATFORM group (USED, TYPE, CHANNEL, CORNERS, ORIGIN,
// CAL_MATRIX, ZERO) to ForcePlatform geometry and wrenches (force_platform.hpp).

#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/c3d_parameter_reader.hpp"

namespace kinchain::io::c3d {

/// Fills trial.forcePlatforms and trial.forcePlatformWrenches; needs trial.analog, pointUnits and
/// analogSamplesPerFrame. Unsupported types are skipped with a warning; inconsistent parameters
/// (channel out of range, degenerate corners, missing 6x6 CAL_MATRIX for type 4) throw InputError
/// naming FORCE_PLATFORM:<NAME>.
void readForcePlatforms(C3dTrial& trial, const ParameterReader& params,
                        const C3dReadOptions& options);

}  // namespace kinchain::io::c3d
