#pragma once
// Trunk lean straight from the thorax markers, independent of any model fit. Vicon's Plug-in
// Gait defines the thorax from four markers (Vicon Plug-in Gait Reference Guide, "Upper body
// kinematics"): its long (Z) axis runs from the midpoint of STRN and T10 up to the midpoint of
// CLAV and C7, its forward direction from the midpoint of C7 and T10 to the midpoint of CLAV and
// STRN. Plug-in Gait reports the thorax in the progression frame as YXZ Cardan angles; the
// first, the rotation about the lateral axis, is the sagittal tilt: atan2(Z·forward, Z·up), with
// forward the walking direction on the floor. Positive here is a forward lean.
//
// The walking direction is the thorax's own forward direction on the floor, averaged over the
// trial: unlike the displacement of C7 it needs no distance threshold and also holds on a
// treadmill. A lower-body marker set has no thorax markers; then there is no trunk lean.

#include <optional>

#include "kinchain/io/time_series_table.hpp"

namespace kinchain::kinematics {

/// The four thorax markers of Plug-in Gait, in the order C7, T10, CLAV, STRN.
inline constexpr const char* kThoraxMarkers[] = {"C7", "T10", "CLAV", "STRN"};

/// Thorax forward tilt (deg) per marker frame, column "thorax_forward_tilt", NaN where a thorax
/// marker is missing. `markers`: Vector3 columns in OpenSim's ground frame (y up). Null when a
/// thorax marker is absent from the table or never measured.
std::optional<io::TimeSeriesTable> thoraxForwardTilt(const io::TimeSeriesTable& markers);

}  // namespace kinchain::kinematics
