#pragma once
// Trunk lean straight from the thorax markers, independent of any model fit. Two marker sets
// name the same four thorax points:
//   - Vicon's Plug-in Gait (Vicon Plug-in Gait Reference Guide, "Upper body kinematics"): C7,
//     T10, CLAV (jugular notch), STRN (xiphoid process);
//   - the ISB thorax (Wu et al. 2005, J Biomech 38:981-992) with the ISB landmark names of the
//     IOR-gait / schreiber2019 trials (Van Sint Jan 2007; Schreiber & Moissenet 2019): CV7, TV10,
//     SJN (incisura jugularis, ISB's IJ), SXS (xiphoid process, ISB's PX). ISB uses T8 where
//     these trials carry T10; the axis is built from the landmarks the trial has.
// Both define the thorax long axis the same way: from the midpoint of the lower pair (xiphoid
// and T10 / T8) up to the midpoint of the upper pair (jugular notch and C7) (Plug-in Gait's Z,
// ISB's Yt). The forward direction is that of the posterior-to-anterior midpoints (Plug-in Gait:
// from mid(C7, T10) to mid(CLAV, STRN); ISB's Xt lies in the same sagittal plane); it serves
// only to find the walking direction. The sagittal tilt is the rotation about the lateral axis,
// Plug-in Gait's first Cardan angle in the progression frame: atan2(axis·forward, axis·up),
// with forward the walking direction on the floor. Positive here is a forward lean.
//
// The walking direction is the thorax's own forward direction on the floor, averaged over the
// trial: unlike the displacement of C7 it needs no distance threshold and also holds on a
// treadmill. A lower-body marker set has no thorax markers; then there is no trunk lean.

#include <array>
#include <optional>
#include <string>

#include "kinchain/io/time_series_table.hpp"

namespace kinchain::kinematics {

/// The four thorax markers of Plug-in Gait, in the order C7, T10, CLAV, STRN.
inline constexpr const char* kThoraxMarkers[] = {"C7", "T10", "CLAV", "STRN"};

/// One thorax marker set: labels in the order upper posterior (C7), lower posterior (T10),
/// upper anterior (jugular notch), lower anterior (xiphoid).
struct ThoraxMarkerSet {
  const char* name;
  std::array<const char*, 4> labels;
};

/// The known sets, tried in this order: Plug-in Gait, then the ISB / IOR-gait names.
inline constexpr std::array<ThoraxMarkerSet, 2> kThoraxMarkerSets{{
    {"Plug-in Gait thorax (C7, T10, CLAV, STRN)", {"C7", "T10", "CLAV", "STRN"}},
    {"ISB thorax (CV7, TV10, SJN, SXS; Wu et al. 2005)", {"CV7", "TV10", "SJN", "SXS"}},
}};

/// The first known thorax set whose four markers are all Vector3 columns of `markers` (labels
/// matched as normalizedMarkerLabel does: case and a "Subject:" prefix ignored); null if none.
const ThoraxMarkerSet* thoraxMarkerSetOf(const io::TimeSeriesTable& markers);

/// Thorax forward tilt (deg) per marker frame, column "thorax_forward_tilt", NaN where a thorax
/// marker is missing; the table's metadata "thorax_markers" names the set used. `markers`:
/// Vector3 columns in OpenSim's ground frame (y up). Null when no thorax set is complete in the
/// table or its markers are never measured.
std::optional<io::TimeSeriesTable> thoraxForwardTilt(const io::TimeSeriesTable& markers);

}  // namespace kinchain::kinematics
