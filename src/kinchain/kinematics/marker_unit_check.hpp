#pragma once
// Catches marker data whose declared unit is wrong (millimetres labelled metres, the commonest
// slip): the measured markers are then a power of ten larger or smaller than the model's.
// A ratio rounds to a power of ten on a log scale, so a person up to about three times larger
// or smaller than the model (10^0.5) still passes; scaling or IK handles real size differences.

#include <string>

namespace kinchain::kinematics {

/// Throws InputError(source, "Units", ...) when `measuredOverModel` (a measured size divided
/// by the same size on the model, e.g. the spread of the markers or a marker-pair distance)
/// rounds to a power of ten other than 1. `unit` is the unit the data was read in and `what`
/// names the size compared. Non-finite or non-positive ratios are not judged.
void checkMarkerUnits(double measuredOverModel, const std::string& source, const std::string& unit,
                      const std::string& what);

}  // namespace kinchain::kinematics
