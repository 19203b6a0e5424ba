#pragma once
// Marker protocols: which marker set a trial was recorded with, recognised from its labels, and
// where each protocol marker sits on the default model (kinchain_gait2392, gait2392 bodies).
//
// Protocols known (lower body only; upper-body labels of a full-body set are "ignored"):
//   plug-in-gait   Vicon Plug-in Gait lower body: LASI RASI LPSI RPSI (or SACR) LTHI LKNE LTIB
//                  LANK LHEE LTOE and R... (Vicon Plug-in Gait Reference Guide).
//   helen-hayes    (modified) Helen Hayes: RASI LASI VSAC RTHI RKNE RSHA RANK RHEE RTOE and L...
//                  (Kadaba et al. 1990), as in BTK's Gait.c3d.
//   opensim-gait2354  OpenSim's gait2354/2392 set (R.ASIS, V.Sacral, R.Thigh.Upper, ...), the
//                  names of opensim-core's subject01 walk and scale data.
//   rajagopal2015  markers of model_Rajagopal2015 (R.ASIS R.PSIS R.Knee R.MKnee R.Ankle ...).
//   opencap        OpenCap's marker-augmenter output (r.ASIS_study, r_knee_study, ...;
//                  Uhlrich et al. 2023, stanfordnmbl/opencap-core).
//   cluster-landmark  thigh/shank clusters (RTH1-3, RTB1-3) with condyle, malleolus, heel and
//                  metatarsal landmarks and virtual joint centres, as in opensim-core's
//                  c3d_walking2/walking2.c3d (that file does NOT use the Rajagopal names).
//   ior-gait       anatomical landmarks named as in the IOR-gait protocol (Leardini et al. 2007,
//                  Gait Posture 26:560-571) and the ISB landmark atlas (Van Sint Jan 2007),
//                  prefixed L_/R_: IAS IPS FTC FLE FME FAX TTC FAL TAM FCC FM1 FM2 FM5, and the
//                  thorax CV7 TV10 SXS SJN (Schreiber & Moissenet 2019, Sci Data 6:111, the
//                  shared schreiber2019 trials). The knee and ankle joint centres are the
//                  midpoints of the epicondyles (FLE, FME) and of the malleoli (FAL, TAM), the
//                  protocol's definition (Leardini et al. 2007): virtual markers R_KJC, R_AJC...
//                  computed from each frame. Scapula, arm and hand landmarks (SAA SAE SIA SRS
//                  HLE HME UOA RSP UHE HM2 HM5) have no body in gait2392, whose torso is the
//                  thorax (Wu et al. 2005 define the scapula and humerus as segments of their
//                  own): they are ignored.
//
// When none fits, a model that already carries markers with the trial's labels is used with its
// own markers (matchModelMarkers, protocol id "model-markers").
//
// Label matching is case-insensitive and ignores a "Subject:" prefix (text up to the last ':').
//
// Placement on the model. Each protocol marker names a gait2392 body and a location rule on
// that model's own markers (the gait2354 scaling markers it carries):
//   same landmark  the gait2354 marker of the same landmark (PiG RASI = R.ASIS, KNE =
//                  R.Knee.Lat, ANK = R.Ankle.Lat, HEE = R.Heel, Rajagopal R.MT5 = R.Toe.Lat);
//   midpoint       PiG TOE / OpenCap toe (2nd metatarsal head): midpoint of R.Toe.Med and
//                  R.Toe.Lat (1st and 5th metatarsal heads);
//   offset         PSIS: V.Sacral moved +-0.0373 m laterally. The half inter-PSIS distance of
//                  model_Rajagopal2015 (mean |z| of its R.PSIS/L.PSIS, 0.0457 m) times the
//                  gait2392/Rajagopal inter-ASIS ratio (0.128 / 0.1565 m);
//   joint centre   virtual HJC / KJC / AJC markers: the origin of femur / tibia / talus, which
//                  gait2392 places at the hip, knee and ankle joint centres;
//   placement      landmarks the model has no marker for (IOR-gait's greater trochanter, fibular
//                  head, tibial tuberosity, and the thorax CV7 TV10 SXS SJN): the start
//                  location is only a placeholder on the right body, so the marker is left out
//                  of the static-pose IK, unfixed, and marker placement puts it where it was
//                  measured; in the trial's IK it weighs as a cluster marker;
//   cluster        wand and cluster markers (PiG THI/TIB, Helen Hayes THI/SHA, OpenCap
//                  thigh1-3/sh1-3, RTH1-3/RTB1-3) start at a gait2354 thigh/shank cluster marker
//                  and are unfixed: marker placement moves them onto the measured position.
// Anatomical markers are fixed (placement leaves them where the scaled model puts them), except
// IOR-gait's: that protocol defines its segments by the landmarks, so they are unfixed and
// placement moves them onto the static trial; its joint centres stay fixed at the joints, and
// its greater trochanter is placed but not an IK task (docs/marker-protocols.md).
// When the model in use already has a marker with the protocol marker's name, that marker is
// used as it is (location and fixed flag).
//
// IK weights follow OpenSim's gait2354 IK task set (opensim-core
// Applications/IK/test/gait2354_IK_Tasks.xml, shared data ik_gait2354/gait2354_IK_Tasks.xml):
// clusters 1, bony landmarks (ASIS, heel) 2, the single sacral marker and the toe tip 10. A
// landmark with no counterpart in that file (knee, ankle, PSIS, joint centres) gets 2, the
// file's bony-landmark weight, so every wand/cluster marker weighs less than every landmark.

#include <Eigen/Core>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::kinematics {

/// How a protocol marker's location on the model is obtained (see the file comment).
struct MarkerLocationRule {
  enum class Kind {
    SameLandmark,  ///< location of model marker sources[0]
    Midpoint,      ///< midpoint of model markers sources[0] and sources[1]
    Offset,        ///< model marker sources[0] + offset
    BodyOrigin     ///< offset in the body frame (a joint centre at the body origin: zero)
  };
  Kind kind = Kind::SameLandmark;
  std::vector<std::string> sources;                  ///< gait2354 marker names of the default model
  Eigen::Vector3d offset = Eigen::Vector3d::Zero();  ///< m, body frame
};

struct ProtocolMarker {
  std::string name;      ///< canonical label, e.g. "LASI"
  std::string body;      ///< gait2392 body, e.g. "pelvis"
  bool cluster = false;  ///< wand / cluster marker: unfixed, lower IK weight
  double ikWeight = 1.0;
  MarkerLocationRule location;
  /// Start location is a placeholder (no model landmark for it): left out of the static-pose
  /// IK, then placed where it was measured (implies unfixed).
  bool placeholder = false;
  /// Non-empty: a virtual marker, the midpoint of these two protocol markers in every frame (a
  /// joint centre the protocol defines that way); it matches no label of the trial.
  std::vector<std::string> midpointOf;
};

/// Marker pairs whose mean length ratio scales bodies along some axes (an OpenSim ModelScaler
/// measurement with BodyScale axes).
struct ProtocolMeasurement {
  std::string name;  ///< "pelvis width", "thigh", ...
  std::vector<std::array<std::string, 2>> pairs;
  std::vector<std::string> bodies;             ///< gait2392 bodies it scales
  std::array<bool, 3> axes{true, true, true};  ///< body X, Y, Z it sets
};

struct MarkerProtocol {
  std::string id;    ///< "plug-in-gait"
  std::string name;  ///< "Vicon Plug-in Gait (lower body)"
  std::vector<ProtocolMarker> markers;
  /// Minimum set: every group needs at least one of its markers in the trial.
  std::vector<std::vector<std::string>> required;
  std::vector<ProtocolMeasurement> measurements;
};

/// Every known protocol, in the order above (a constant table).
const std::vector<MarkerProtocol>& markerProtocols();

struct ProtocolMarkerUse {
  std::string label;   ///< the trial's label ("Subject:LASI"); a virtual marker: "midpoint of A, B"
  std::string marker;  ///< the protocol marker ("LASI")
};

/// A protocol marker absent from the trial whose alternatives are present (SACR for PSIS).
struct AlternativeMarker {
  std::string marker;                ///< "SACR"
  std::vector<std::string> instead;  ///< the present alternatives, sorted ("LPSI", "RPSI")
};

/// What recognition found.
struct ProtocolMatch {
  MarkerProtocol protocol;
  std::vector<ProtocolMarkerUse> used;  ///< protocol order
  /// Protocol markers absent from the trial (absent alternatives are in `notNeeded` instead).
  std::vector<std::string> missing;
  std::vector<AlternativeMarker> notNeeded;
  std::vector<std::string> ignored;  ///< trial labels no protocol marker uses
  double score = 0.0;                ///< fraction of the protocol's markers present
};

/// Canonical form of a label for matching: text after the last ':', lower case, trimmed.
std::string normalizedMarkerLabel(const std::string& label);

/// Matches `labels` against one protocol (every label, used or ignored, is accounted for).
ProtocolMatch matchProtocol(const MarkerProtocol& protocol, const std::vector<std::string>& labels);

/// The protocol whose minimum set is present and which uses the most labels (ties: the higher
/// fraction of its markers present).
/// @throws InputError(source, "marker labels", ...) listing the labels found and each
///         protocol's missing minimum markers when no protocol's minimum set is present.
ProtocolMatch recognizeMarkerProtocol(const std::vector<std::string>& labels,
                                      const std::string& source);

/// A protocol made of `model`'s own markers (id "model-markers"): each marker on its body at its
/// location, a cluster when it is unfixed, IK weight 1 (OpenSim's weight for a marker without a
/// task), no scaling measurements.
MarkerProtocol modelMarkerProtocol(const model::Model& model);

/// `labels` matched against the model's own markers when no known protocol fits: accepted when
/// every body carrying a model marker has at least one of its markers among the labels (so IK
/// sees every segment the model's author put markers on); nullopt otherwise.
std::optional<ProtocolMatch> matchModelMarkers(const model::Model& model,
                                               const std::vector<std::string>& labels);

/// The Vector3 column labels of a marker table.
std::vector<std::string> markerLabels(const io::TimeSeriesTable& markers);

/// The marker table with only the used markers, renamed to their protocol names (same rows,
/// units and metadata), so model markers and data match by name. Virtual markers are computed
/// from their source markers in each frame (NaN where a source is missing).
io::TimeSeriesTable relabelToProtocol(const io::TimeSeriesTable& markers,
                                      const ProtocolMatch& match);

/// Where one protocol marker goes on a model.
struct MappedMarker {
  model::Marker marker;  ///< frame, location p_B (m), fixed flag
  double ikWeight = 1.0;
  std::string origin;        ///< "model marker", "same landmark as R.ASIS", ...
  bool placeholder = false;  ///< start location only: not a task of the static-pose IK
};

struct ProtocolMapping {
  std::vector<MappedMarker> markers;
  std::vector<std::string> unmapped;  ///< protocol markers the model cannot carry, with reason
};

/// Places the used markers of `match` on `baseModel`: the model's own marker of that name when
/// it has one, else the protocol's location rule on the model's gait2354 markers (the rule's
/// source markers and body must exist in `baseModel`; the default model has them all).
ProtocolMapping mapProtocolOntoModel(const model::Model& baseModel, const ProtocolMatch& match);

}  // namespace kinchain::kinematics
