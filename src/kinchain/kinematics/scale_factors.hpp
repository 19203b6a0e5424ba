#pragma once
// Body scale factors from a static trial, as OpenSim's ModelScaler computes them
// (opensim-core OpenSim/Tools/ModelScaler.cpp, processModel / computeMeasurementScaleFactor):
//
//   every body starts at (1, 1, 1); the steps of scaling_order then run in turn:
//   measurements  for each applied measurement with marker pairs (a_k, b_k), k = 1..K:
//                   s = (1/K) sum_k  dbar_exp(a_k, b_k) / d_model(a_k, b_k)
//                 d_model: distance of the two model markers in the default pose;
//                 dbar_exp: mean over the static-trial frames of the time range (OpenSim's
//                 MarkerData::findFrameRange: the last frame at or before the start time to
//                 the first frame at or after the end time) of the measured distance, frames
//                 where either marker is missing (NaN) left out;
//                 s replaces the factor of each listed body on each listed axis.
//   manualScale   each applied manual scale replaces the three factors of its body.
//
// Units: marker data in m, cm or mm (converted to metres); distances in metres.

#include <Eigen/Core>

#include <array>
#include <string>
#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/scale_setup.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::kinematics {

/// X, Y, Z scale factors of every body, indexed by BodyIndex value (ground is never scaled).
using BodyScaleFactors = std::vector<Eigen::Vector3d>;

struct MarkerPairDistance {
  std::string marker1, marker2;
  double modelDistance = 0.0;         ///< m, default pose
  double experimentalDistance = 0.0;  ///< m, mean over the frames used
  int framesUsed = 0;
};

struct MeasurementScale {
  std::string name;
  std::vector<MarkerPairDistance> pairs;
  double scaleFactor = 1.0;
};

struct ScaleFactorResult {
  BodyScaleFactors factors;                    ///< one per model body
  std::vector<MeasurementScale> measurements;  ///< applied measurements, in setup order
  /// Bodies named by a measurement or manual scale that the model lacks; OpenSim skips them
  /// silently (Measurement::applyScaleFactor matches by name), we skip and say so.
  std::vector<std::string> notes;
};

/// Metres per unit of a marker table (the unit of its first marker column, else its "Units"
/// metadata; none: metres). @throws InputError(source, "Units", ...) for units other than
/// m, cm, mm.
double metresPerMarkerUnit(const io::TimeSeriesTable& markers, const std::string& source);

/// The static trial converted to metres (columns m, cm or mm; no unit: metres).
/// @throws InputError(source, "Units", ...) for another unit.
io::TimeSeriesTable markersInMetres(const io::TimeSeriesTable& markers, const std::string& source);

/// Rows [first, last] OpenSim's MarkerData::findFrameRange picks for [startTime, endTime].
/// @throws InputError(source, "time_range", ...) when the range is reversed or has no frame
///         inside the trial's time span.
std::array<Eigen::Index, 2> markerFrameRange(const std::vector<double>& time, double startTime,
                                             double endTime, const std::string& source);

/// Scale factors for `model` from the ModelScaler part of `setup` (scaling order, measurements,
/// manual scales, time range). `staticMarkers` is the scaler's marker file (any unit above);
/// it may be empty when no measurement step is applied. `source` names the marker file.
/// @throws InputError naming the measurement and marker when a marker pair names a marker absent
///         from the model or the data, a measurement without
///         frames where both markers exist, or a missing time range.
ScaleFactorResult computeScaleFactors(const model::Model& model,
                                      const io::TimeSeriesTable& staticMarkers,
                                      const ScaleSetup& setup, const std::string& source);

/// Writes the factors as an OpenSim ScaleSet file (ground first, then bodies in model order),
/// the format of OpenSim's ModelScaler output_scale_file and readScaleSet.
void writeScaleSet(const model::Model& model, const BodyScaleFactors& factors,
                   const std::filesystem::path& path);

}  // namespace kinchain::kinematics
