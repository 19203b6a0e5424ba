#pragma once
// From a recorded marker set to a model ready for inverse kinematics (issue 7, `analyze`):
//   1. recognise the marker protocol from the trial's labels (marker_protocol.hpp);
//   2. put the protocol's markers on the base model (the model's own marker of that name, else
//      the protocol's location rule on the gait2392 geometry) and drop the model's other
//      markers;
//   3. scale: per segment measurement of the protocol (OpenSim's gait2354 scale setup pairs:
//      thigh ASIS-lateral knee, shank knee-ankle, foot heel-toe; pelvis width ASIS-ASIS for Y
//      and Z, pelvis depth ASIS-PSIS (or sacrum) for X: marker_protocol.cpp)
//        s = mean over pairs of  median_frames |x_a - x_b|  /  |p_a - p_b| (default pose),
//      frames: those where both markers of the pair are measured, of the static trial when
//      there is one, else of the trial itself. Each factor applies to the measurement's axes of
//      its bodies; bodies no measurement reaches (torso,
//      or a segment whose markers are absent) get the mean of the measured factors, said in
//      `warnings`. With a body mass, masses are rescaled to it with the distribution kept
//      (OpenSim preserve_mass_distribution, as the gait2354 setup);
//   4. place markers. With a static trial: OpenSim's MarkerPlacer (marker_placement.hpp) on the
//      static trial averaged over its whole length: IK, then every unfixed marker moves onto its
//      measured position. Without one: 25 evenly spaced trial frames where the most markers are
//      measured; IK on each, then every unfixed (cluster / wand) marker moves to the mean of its
//      measured positions expressed in its segment frame; repeated until no marker moves more
//      than 0.1 mm (then a last IK for the errors). Anatomical markers stay where the scaled model
//      puts them.
//   5. the fitted model's pelvis_tilt/list/rotation/tx/ty/tz default values are set to the pelvis
//      pose of the trial's first frame with three pelvis markers, so an IK that starts from the
//      default pose (solveInverseKinematicsTrial, OpenSim's IK tool) starts facing the way the
//      subject walks. (osimText keeps the base model's default values.)
// Units: marker tables in metres, millimetres or centimetres (converted), OpenSim frame (y up),
// as kinematics::readMarkerFile gives them.

#include <Eigen/Core>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/inverse_kinematics_setup.hpp"
#include "kinchain/kinematics/marker_protocol.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::kinematics {

struct ModelFitOptions {
  std::optional<double> bodyMassKg;  ///< subject mass; scales the model's masses when known
};

/// One model marker after the fit: where it came from and how it did at the placement pose.
struct FittedMarker {
  std::string name;
  std::string body;
  std::string origin;  ///< mapping rule ("same landmark as R.ASIS", "the model's own marker")
  bool fixed = true;   ///< false: moved by placement
  double ikWeight = 1.0;
  double errorMetres = 0.0;  ///< |model - measured| at the placement pose, after placement
};

struct ModelFit {
  model::Model model;      ///< scaled, markers placed, ready for IK
  std::string osimText;    ///< the scaled model as .osim XML (empty, with a warning, when the
                           ///< base model was not read from an .osim file)
  ProtocolMatch protocol;  ///< what recognition found (used / missing / ignored)
  std::string method;      ///< one sentence for the report
  std::map<std::string, Eigen::Vector3d> scaleFactors;  ///< per body name (X, Y, Z)
  /// RMS over markers of each marker's RMS error over the placement frames (static: OpenSim's
  /// placer errors over the static trial), after placement; max and worst marker likewise.
  double markerRmsMetres = 0.0;
  double markerMaxMetres = 0.0;
  std::string worstMarker;
  std::vector<MarkerTask> ikWeights;   ///< marker tasks for the trial's IK (protocol names)
  io::TimeSeriesTable trialMarkers;    ///< the trial relabelled to protocol names, metres
  std::vector<FittedMarker> markers;   ///< model order
  std::vector<double> placementTimes;  ///< s, trial frames markers were placed on (no static)
  std::vector<std::string> warnings;
};

/// Fits `baseModel` to a marker recording. `markers`: the trial (OpenSim frame, y up).
/// `staticMarkers`: a static standing trial with the same protocol, or nullptr to scale and
/// place from the trial itself.
/// @throws InputError(source, ...) when no protocol fits the labels (listing them), the static
///         trial lacks the trial's protocol, or the markers have an unknown unit; the source is
///         the table's "source" metadata or "markers".
ModelFit fitModelToMarkers(const model::Model& baseModel, const io::TimeSeriesTable& markers,
                           const io::TimeSeriesTable* staticMarkers,
                           const ModelFitOptions& options);

}  // namespace kinchain::kinematics
