#include "kinchain/kinematics/marker_protocol.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "kinchain/common/error.hpp"
#include "kinchain/common/side.hpp"

namespace kinchain::kinematics {

namespace {

// IK weights of OpenSim's gait2354 IK task set (ik_gait2354/gait2354_IK_Tasks.xml).
constexpr double kClusterWeight = 1.0;    // R.Thigh.*, R.Shank.*, R.Midfoot.*, R.Toe.Lat/Med
constexpr double kLandmarkWeight = 2.0;   // R.ASIS, R.Heel
constexpr double kSacralWeight = 10.0;    // V.Sacral
constexpr double kToeTipWeight = 10.0;    // R.Toe.Tip
constexpr double kUntrackedWeight = 0.0;  // placed on the model, not an IK task

// Half the inter-PSIS distance on gait2392: model_Rajagopal2015's mean |z| of R.PSIS and
// L.PSIS (0.04784 and 0.04347 m) times the inter-ASIS ratio gait2392 / Rajagopal
// (0.128 / 0.15651 m): 0.04565 * 0.8178 = 0.0373 m.
constexpr double kHalfInterPsisMetres = 0.0373;

constexpr std::array<Side, 2> kSides{Side::Right, Side::Left};

std::string bodyOf(const std::string& base, Side side) {
  return base + (side == Side::Right ? "_r" : "_l");
}
// gait2354 marker name on the default model: "R.ASIS".
std::string g2354(Side side, const std::string& name) {
  return (side == Side::Right ? "R." : "L.") + name;
}

MarkerLocationRule same(const std::string& source) {
  return {MarkerLocationRule::Kind::SameLandmark, {source}, Eigen::Vector3d::Zero()};
}
MarkerLocationRule midpoint(const std::string& a, const std::string& b) {
  return {MarkerLocationRule::Kind::Midpoint, {a, b}, Eigen::Vector3d::Zero()};
}
MarkerLocationRule psis(Side side) {
  const double z = side == Side::Right ? kHalfInterPsisMetres : -kHalfInterPsisMetres;
  return {MarkerLocationRule::Kind::Offset, {"V.Sacral"}, Eigen::Vector3d(0.0, 0.0, z)};
}
MarkerLocationRule bodyOrigin() {
  return {MarkerLocationRule::Kind::BodyOrigin, {}, Eigen::Vector3d::Zero()};
}
// The 2nd metatarsal head: between the 1st and 5th (gait2354 Toe.Med and Toe.Lat).
MarkerLocationRule secondMetatarsal(Side side) {
  return midpoint(g2354(side, "Toe.Med"), g2354(side, "Toe.Lat"));
}

ProtocolMarker landmark(std::string name, std::string body, MarkerLocationRule rule,
                        double weight = kLandmarkWeight) {
  return {std::move(name), std::move(body), false, weight, std::move(rule), false, {}};
}
ProtocolMarker cluster(std::string name, std::string body, MarkerLocationRule rule,
                       double weight = kClusterWeight) {
  return {std::move(name), std::move(body), true, weight, std::move(rule), false, {}};
}
// A landmark whose gait2354 counterpart is only its generic place: unfixed, so marker placement
// moves it onto where the static trial (or the trial's own frames) shows it on this subject;
// the generic place serves the static-pose IK, as in OpenSim's gait2354 scale set, whose
// markers are all unfixed. Weighted as a bony landmark.
ProtocolMarker movedLandmark(std::string name, std::string body, MarkerLocationRule rule) {
  return {std::move(name), std::move(body), true, kLandmarkWeight, std::move(rule), false, {}};
}
// A landmark the model has no marker for: unfixed, placed where it was measured, starting at
// the body origin (a placeholder, kept out of the static-pose IK); weighted as a cluster marker
// in the trial's IK, since its place on the segment comes from the static trial as a cluster's.
ProtocolMarker placed(std::string name, std::string body, double weight = kClusterWeight) {
  return {std::move(name), std::move(body), true, weight, bodyOrigin(), true, {}};
}
// A joint centre the protocol defines as the midpoint of two landmarks, at the origin of the
// gait2392 body whose joint it is (tibia: knee, talus: ankle).
ProtocolMarker midpointJointCentre(std::string name, std::string body, std::string a,
                                   std::string b) {
  return {std::move(name),
          std::move(body),
          false,
          kLandmarkWeight,
          bodyOrigin(),
          false,
          {std::move(a), std::move(b)}};
}

// Segment measurements after OpenSim's gait2354 scale setup
// (scale_gait2354/subject01_Setup_Scale.xml): thigh ASIS-lateral knee (femur, patella), shank
// lateral knee-lateral ankle (tibia, talus), foot heel-toe (calcn, toes), each uniform in X Y Z.
// The pelvis: that setup scales it uniformly by ASIS-ASIS width; we take the width for Y and Z
// and the ASIS-to-posterior-pelvis-marker distance (PSIS or sacrum) for X (depth), because a
// generic depth leaves the posterior markers centimetres off on a narrow or deep pelvis.
// Names: {right, left} of each landmark; `posterior` the posterior marker of each side (the
// same sacral marker twice when there is one).
using Pair = std::array<std::string, 2>;
std::vector<ProtocolMeasurement> segmentMeasurements(const Pair& asis, const Pair& posterior,
                                                     const Pair& knee, const Pair& ankle,
                                                     const Pair& heel, const Pair& toe) {
  return {
      {"pelvis width", {{asis[0], asis[1]}}, {"pelvis"}, {false, true, true}},
      {"pelvis depth",
       {{asis[0], posterior[0]}, {asis[1], posterior[1]}},
       {"pelvis"},
       {true, false, false}},
      {"thigh",
       {{asis[0], knee[0]}, {asis[1], knee[1]}},
       {"femur_r", "femur_l", "patella_r", "patella_l"}},
      {"shank",
       {{knee[0], ankle[0]}, {knee[1], ankle[1]}},
       {"tibia_r", "tibia_l", "talus_r", "talus_l"}},
      {"foot", {{heel[0], toe[0]}, {heel[1], toe[1]}}, {"calcn_r", "calcn_l", "toes_r", "toes_l"}},
  };
}

std::string sideLetter(Side side) {
  return side == Side::Right ? "R" : "L";
}

MarkerProtocol plugInGait() {
  MarkerProtocol p{"plug-in-gait", "Vicon Plug-in Gait (lower body)", {}, {}, {}};
  for (const Side s : kSides) {
    const std::string x = sideLetter(s);
    p.markers.push_back(landmark(x + "ASI", "pelvis", same(g2354(s, "ASIS"))));
    p.markers.push_back(landmark(x + "PSI", "pelvis", psis(s)));
    p.markers.push_back(cluster(x + "THI", bodyOf("femur", s), same(g2354(s, "Thigh.Upper"))));
    p.markers.push_back(landmark(x + "KNE", bodyOf("femur", s), same(g2354(s, "Knee.Lat"))));
    p.markers.push_back(cluster(x + "TIB", bodyOf("tibia", s), same(g2354(s, "Shank.Upper"))));
    p.markers.push_back(landmark(x + "ANK", bodyOf("tibia", s), same(g2354(s, "Ankle.Lat"))));
    p.markers.push_back(landmark(x + "HEE", bodyOf("calcn", s), same(g2354(s, "Heel"))));
    p.markers.push_back(landmark(x + "TOE", bodyOf("calcn", s), secondMetatarsal(s)));
    for (const char* name : {"ASI", "KNE", "ANK", "HEE", "TOE", "THI", "TIB"})
      p.required.push_back({x + name});
    p.required.push_back({x + "PSI", "SACR"});
  }
  p.markers.push_back(landmark("SACR", "pelvis", same("V.Sacral"), kSacralWeight));
  p.measurements = segmentMeasurements({"RASI", "LASI"}, {"RPSI", "LPSI"}, {"RKNE", "LKNE"},
                                       {"RANK", "LANK"}, {"RHEE", "LHEE"}, {"RTOE", "LTOE"});
  // A sacral marker instead of PSIS: depth from ASIS to SACR.
  p.measurements[1].pairs.push_back({"RASI", "SACR"});
  p.measurements[1].pairs.push_back({"LASI", "SACR"});
  return p;
}

MarkerProtocol helenHayes() {
  MarkerProtocol p{"helen-hayes", "Helen Hayes (modified, Kadaba et al. 1990)", {}, {}, {}};
  p.markers.push_back(landmark("VSAC", "pelvis", same("V.Sacral"), kSacralWeight));
  p.required.push_back({"VSAC", "SACR"});
  p.markers.push_back(landmark("SACR", "pelvis", same("V.Sacral"), kSacralWeight));
  for (const Side s : kSides) {
    const std::string x = sideLetter(s);
    p.markers.push_back(landmark(x + "ASI", "pelvis", same(g2354(s, "ASIS"))));
    p.markers.push_back(cluster(x + "THI", bodyOf("femur", s), same(g2354(s, "Thigh.Upper"))));
    p.markers.push_back(landmark(x + "KNE", bodyOf("femur", s), same(g2354(s, "Knee.Lat"))));
    p.markers.push_back(cluster(x + "SHA", bodyOf("tibia", s), same(g2354(s, "Shank.Upper"))));
    p.markers.push_back(landmark(x + "ANK", bodyOf("tibia", s), same(g2354(s, "Ankle.Lat"))));
    p.markers.push_back(landmark(x + "HEE", bodyOf("calcn", s), same(g2354(s, "Heel"))));
    p.markers.push_back(landmark(x + "TOE", bodyOf("calcn", s), secondMetatarsal(s)));
    for (const char* name : {"ASI", "THI", "KNE", "SHA", "ANK", "HEE", "TOE"})
      p.required.push_back({x + name});
  }
  p.measurements = segmentMeasurements({"RASI", "LASI"}, {"VSAC", "VSAC"}, {"RKNE", "LKNE"},
                                       {"RANK", "LANK"}, {"RHEE", "LHEE"}, {"RTOE", "LTOE"});
  return p;
}

MarkerProtocol opensimGait2354() {
  MarkerProtocol p{"opensim-gait2354", "OpenSim gait2354/gait2392 marker set", {}, {}, {}};
  p.markers.push_back(landmark("V.Sacral", "pelvis", same("V.Sacral"), kSacralWeight));
  p.required.push_back({"V.Sacral"});
  for (const Side s : kSides) {
    const auto add = [&](const std::string& name, const std::string& body, bool isCluster,
                         double weight) {
      const std::string full = g2354(s, name);
      p.markers.push_back(isCluster ? cluster(full, body, same(full), weight)
                                    : landmark(full, body, same(full), weight));
    };
    add("ASIS", "pelvis", false, kLandmarkWeight);
    for (const char* name : {"Thigh.Upper", "Thigh.Front", "Thigh.Rear"})
      add(name, bodyOf("femur", s), true, kClusterWeight);
    add("Knee.Lat", bodyOf("femur", s), false, kLandmarkWeight);
    add("Knee.Med", bodyOf("femur", s), false, kLandmarkWeight);
    for (const char* name : {"Shank.Upper", "Shank.Front", "Shank.Rear"})
      add(name, bodyOf("tibia", s), true, kClusterWeight);
    add("Ankle.Lat", bodyOf("tibia", s), false, kLandmarkWeight);
    add("Ankle.Med", bodyOf("tibia", s), false, kLandmarkWeight);
    add("Heel", bodyOf("calcn", s), false, kLandmarkWeight);
    for (const char* name : {"Midfoot.Sup", "Midfoot.Lat", "Toe.Lat", "Toe.Med"})
      add(name, bodyOf("calcn", s), false, kClusterWeight);
    add("Toe.Tip", bodyOf("calcn", s), false, kToeTipWeight);
    p.required.push_back({g2354(s, "ASIS")});
    p.required.push_back({g2354(s, "Heel")});
    p.required.push_back({g2354(s, "Toe.Tip")});
    p.required.push_back(
        {g2354(s, "Thigh.Upper"), g2354(s, "Thigh.Front"), g2354(s, "Thigh.Rear")});
    p.required.push_back(
        {g2354(s, "Shank.Upper"), g2354(s, "Shank.Front"), g2354(s, "Shank.Rear")});
  }
  p.measurements = segmentMeasurements({"R.ASIS", "L.ASIS"}, {"V.Sacral", "V.Sacral"},
                                       {"R.Knee.Lat", "L.Knee.Lat"}, {"R.Ankle.Lat", "L.Ankle.Lat"},
                                       {"R.Heel", "L.Heel"}, {"R.Toe.Tip", "L.Toe.Tip"});
  return p;
}

MarkerProtocol rajagopal2015() {
  MarkerProtocol p{"rajagopal2015", "Rajagopal et al. 2015 model markers", {}, {}, {}};
  for (const Side s : kSides) {
    const std::string x = s == Side::Right ? "R." : "L.";
    p.markers.push_back(landmark(x + "ASIS", "pelvis", same(g2354(s, "ASIS"))));
    p.markers.push_back(landmark(x + "PSIS", "pelvis", psis(s)));
    p.markers.push_back(landmark(x + "Knee", bodyOf("femur", s), same(g2354(s, "Knee.Lat"))));
    p.markers.push_back(landmark(x + "MKnee", bodyOf("femur", s), same(g2354(s, "Knee.Med"))));
    p.markers.push_back(landmark(x + "Ankle", bodyOf("tibia", s), same(g2354(s, "Ankle.Lat"))));
    p.markers.push_back(landmark(x + "MAnkle", bodyOf("tibia", s), same(g2354(s, "Ankle.Med"))));
    p.markers.push_back(landmark(x + "Heel", bodyOf("calcn", s), same(g2354(s, "Heel"))));
    p.markers.push_back(landmark(x + "Toe", bodyOf("calcn", s), secondMetatarsal(s)));
    p.markers.push_back(landmark(x + "MT5", bodyOf("calcn", s), same(g2354(s, "Toe.Lat"))));
    for (const char* name : {"ASIS", "PSIS", "Knee", "Ankle", "Heel", "Toe"})
      p.required.push_back({x + name});
  }
  p.measurements =
      segmentMeasurements({"R.ASIS", "L.ASIS"}, {"R.PSIS", "L.PSIS"}, {"R.Knee", "L.Knee"},
                          {"R.Ankle", "L.Ankle"}, {"R.Heel", "L.Heel"}, {"R.Toe", "L.Toe"});
  return p;
}

MarkerProtocol openCap() {
  MarkerProtocol p{"opencap", "OpenCap (marker-augmenter *_study markers)", {}, {}, {}};
  for (const Side s : kSides) {
    // OpenCap writes "r.ASIS_study" but "r_knee_study", and "L" upper case on the left.
    const std::string dot = s == Side::Right ? "r." : "L.";
    const std::string und = s == Side::Right ? "r_" : "L_";
    const auto n = [](const std::string& stem) { return stem + "_study"; };
    p.markers.push_back(landmark(n(dot + "ASIS"), "pelvis", same(g2354(s, "ASIS"))));
    p.markers.push_back(landmark(n(dot + "PSIS"), "pelvis", psis(s)));
    p.markers.push_back(landmark(n(und + "knee"), bodyOf("femur", s), same(g2354(s, "Knee.Lat"))));
    p.markers.push_back(landmark(n(und + "mknee"), bodyOf("femur", s), same(g2354(s, "Knee.Med"))));
    p.markers.push_back(
        landmark(n(und + "ankle"), bodyOf("tibia", s), same(g2354(s, "Ankle.Lat"))));
    p.markers.push_back(
        landmark(n(und + "mankle"), bodyOf("tibia", s), same(g2354(s, "Ankle.Med"))));
    p.markers.push_back(landmark(n(und + "calc"), bodyOf("calcn", s), same(g2354(s, "Heel"))));
    p.markers.push_back(landmark(n(und + "toe"), bodyOf("calcn", s), secondMetatarsal(s)));
    p.markers.push_back(landmark(n(und + "5meta"), bodyOf("calcn", s), same(g2354(s, "Toe.Lat"))));
    const char* thigh[] = {"Thigh.Upper", "Thigh.Front", "Thigh.Rear"};
    const char* shank[] = {"Shank.Upper", "Shank.Front", "Shank.Rear"};
    for (int k = 0; k < 3; ++k) {
      p.markers.push_back(cluster(n(und + "thigh" + std::to_string(k + 1)), bodyOf("femur", s),
                                  same(g2354(s, thigh[k]))));
      p.markers.push_back(cluster(n(und + "sh" + std::to_string(k + 1)), bodyOf("tibia", s),
                                  same(g2354(s, shank[k]))));
    }
    p.markers.push_back(landmark(n(sideLetter(s) + "HJC"), bodyOf("femur", s), bodyOrigin()));
    for (const char* stem : {"knee", "ankle", "calc", "toe"})
      p.required.push_back({n(und + stem)});
    p.required.push_back({n(dot + "ASIS")});
    p.required.push_back({n(dot + "PSIS")});
  }
  p.measurements =
      segmentMeasurements({"r.ASIS_study", "L.ASIS_study"}, {"r.PSIS_study", "L.PSIS_study"},
                          {"r_knee_study", "L_knee_study"}, {"r_ankle_study", "L_ankle_study"},
                          {"r_calc_study", "L_calc_study"}, {"r_toe_study", "L_toe_study"});
  return p;
}

MarkerProtocol clusterLandmark() {
  MarkerProtocol p{"cluster-landmark",
                   "thigh/shank clusters with condyle and malleolus landmarks (as walking2.c3d)",
                   {},
                   {},
                   {}};
  for (const Side s : kSides) {
    const std::string x = sideLetter(s);
    p.markers.push_back(landmark(x + "ASI", "pelvis", same(g2354(s, "ASIS"))));
    p.markers.push_back(landmark(x + "PSI", "pelvis", psis(s)));
    const char* thigh[] = {"Thigh.Upper", "Thigh.Front", "Thigh.Rear"};
    const char* shank[] = {"Shank.Upper", "Shank.Front", "Shank.Rear"};
    for (int k = 0; k < 3; ++k) {
      p.markers.push_back(
          cluster(x + "TH" + std::to_string(k + 1), bodyOf("femur", s), same(g2354(s, thigh[k]))));
      p.markers.push_back(
          cluster(x + "TB" + std::to_string(k + 1), bodyOf("tibia", s), same(g2354(s, shank[k]))));
    }
    p.markers.push_back(landmark(x + "LFC", bodyOf("femur", s), same(g2354(s, "Knee.Lat"))));
    p.markers.push_back(landmark(x + "MFC", bodyOf("femur", s), same(g2354(s, "Knee.Med"))));
    p.markers.push_back(landmark(x + "LMAL", bodyOf("tibia", s), same(g2354(s, "Ankle.Lat"))));
    p.markers.push_back(landmark(x + "MMAL", bodyOf("tibia", s), same(g2354(s, "Ankle.Med"))));
    p.markers.push_back(landmark(x + "CAL", bodyOf("calcn", s), same(g2354(s, "Heel"))));
    p.markers.push_back(landmark(x + "MT1", bodyOf("calcn", s), same(g2354(s, "Toe.Med"))));
    // Which metatarsal "MT2" marks is not documented with the file: unfixed, so placement
    // puts it where it was measured.
    p.markers.push_back(cluster(x + "MT2", bodyOf("calcn", s), secondMetatarsal(s)));
    p.markers.push_back(landmark(x + "HJC", bodyOf("femur", s), bodyOrigin()));
    p.markers.push_back(landmark(x + "KJC", bodyOf("tibia", s), bodyOrigin()));
    p.markers.push_back(landmark(x + "AJC", bodyOf("talus", s), bodyOrigin()));
    for (const char* name : {"ASI", "PSI", "LFC", "LMAL", "CAL"})
      p.required.push_back({x + name});
    p.required.push_back({x + "TH1", x + "TH2", x + "TH3"});
    p.required.push_back({x + "TB1", x + "TB2", x + "TB3"});
    p.required.push_back({x + "MT1", x + "MT2"});
  }
  p.measurements = segmentMeasurements({"RASI", "LASI"}, {"RPSI", "LPSI"}, {"RLFC", "LLFC"},
                                       {"RLMAL", "LLMAL"}, {"RCAL", "LCAL"}, {"RMT1", "LMT1"});
  return p;
}

// IOR-gait (Leardini et al. 2007, Gait Posture 26:560-571) landmark labels as the ISB atlas
// names them (Van Sint Jan 2007) and the schreiber2019 trials write them: "R_FLE".
MarkerProtocol iorGait() {
  MarkerProtocol p{
      "ior-gait", "IOR-gait / ISB anatomical landmarks (Leardini et al. 2007)", {}, {}, {}};
  for (const Side s : kSides) {
    const std::string x = sideLetter(s) + "_";
    p.markers.push_back(movedLandmark(x + "IAS", "pelvis", same(g2354(s, "ASIS"))));
    p.markers.push_back(movedLandmark(x + "IPS", "pelvis", psis(s)));
    // The greater trochanter is placed and shown but not tracked (IK weight 0): thigh skin
    // markers move most against the bone (Cappozzo et al. 1996, Clin Biomech 11:90-100;
    // Leardini et al. 2005, Gait Posture 21:212-225), and FTC was the worst-fitting marker in 13
    // of the 16 schreiber2019 walks of participants 2014001-2014029 when tracked (up to 62 mm;
    // docs/marker-protocols.md). The femur is still posed by the hip joint, both epicondyles and
    // the knee centre.
    p.markers.push_back(placed(x + "FTC", bodyOf("femur", s), kUntrackedWeight));
    p.markers.push_back(movedLandmark(x + "FLE", bodyOf("femur", s), same(g2354(s, "Knee.Lat"))));
    p.markers.push_back(movedLandmark(x + "FME", bodyOf("femur", s), same(g2354(s, "Knee.Med"))));
    p.markers.push_back(placed(x + "FAX", bodyOf("tibia", s)));
    p.markers.push_back(placed(x + "TTC", bodyOf("tibia", s)));
    p.markers.push_back(movedLandmark(x + "FAL", bodyOf("tibia", s), same(g2354(s, "Ankle.Lat"))));
    p.markers.push_back(movedLandmark(x + "TAM", bodyOf("tibia", s), same(g2354(s, "Ankle.Med"))));
    // The foot markers all lie on gait2392's calcn body, which runs from the heel to the
    // metatarsophalangeal joint: gait2354's Toe.Med / Toe.Lat mark the 1st / 5th metatarsal
    // heads, its Heel the posterior calcaneus.
    p.markers.push_back(movedLandmark(x + "FCC", bodyOf("calcn", s), same(g2354(s, "Heel"))));
    p.markers.push_back(movedLandmark(x + "FM1", bodyOf("calcn", s), same(g2354(s, "Toe.Med"))));
    p.markers.push_back(movedLandmark(x + "FM2", bodyOf("calcn", s), secondMetatarsal(s)));
    p.markers.push_back(movedLandmark(x + "FM5", bodyOf("calcn", s), same(g2354(s, "Toe.Lat"))));
    // Knee and ankle centres as IOR-gait defines them: epicondyle and malleolus midpoints. They
    // stay fixed at the joints: the model's knee and ankle sit where the protocol puts them.
    p.markers.push_back(midpointJointCentre(x + "KJC", bodyOf("tibia", s), x + "FLE", x + "FME"));
    p.markers.push_back(midpointJointCentre(x + "AJC", bodyOf("talus", s), x + "FAL", x + "TAM"));
    for (const char* name : {"IAS", "IPS", "FLE", "FAL", "FCC"})
      p.required.push_back({x + name});
    p.required.push_back({x + "FAX", x + "TTC"});
    p.required.push_back({x + "FM1", x + "FM2", x + "FM5"});
  }
  // The ISB thorax landmarks (Wu et al. 2005, J Biomech 38:981-992; T10 in place of T8 as in
  // the dataset) on gait2392's torso, which is trunk, head and arms in one body.
  for (const char* name : {"CV7", "TV10", "SXS", "SJN"})
    p.markers.push_back(placed(name, "torso"));
  // Shank length between the joint centres (the ISB / IOR-gait segment definition).
  p.measurements = segmentMeasurements({"R_IAS", "L_IAS"}, {"R_IPS", "L_IPS"}, {"R_KJC", "L_KJC"},
                                       {"R_AJC", "L_AJC"}, {"R_FCC", "L_FCC"}, {"R_FM2", "L_FM2"});
  return p;
}

std::string joined(const std::vector<std::string>& items) {
  return items.empty() ? std::string("none") : fmt::format("{}", fmt::join(items, ", "));
}

// Required groups of `protocol` with none of their markers matched.
std::vector<std::string> missingRequired(const MarkerProtocol& protocol,
                                         const std::set<std::string>& found) {
  std::vector<std::string> missing;
  for (const auto& group : protocol.required) {
    const bool any = std::any_of(group.begin(), group.end(),
                                 [&](const std::string& name) { return found.contains(name); });
    if (!any) missing.push_back(fmt::format("{}", fmt::join(group, " or ")));
  }
  return missing;
}

}  // namespace

const std::vector<MarkerProtocol>& markerProtocols() {
  static const std::vector<MarkerProtocol> protocols{
      plugInGait(), helenHayes(),      opensimGait2354(), rajagopal2015(),
      openCap(),    clusterLandmark(), iorGait()};
  return protocols;
}

std::string normalizedMarkerLabel(const std::string& label) {
  const auto colon = label.rfind(':');
  std::string name = colon == std::string::npos ? label : label.substr(colon + 1);
  const auto first = name.find_first_not_of(" \t");
  const auto last = name.find_last_not_of(" \t");
  name = first == std::string::npos ? std::string() : name.substr(first, last - first + 1);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

ProtocolMatch matchProtocol(const MarkerProtocol& protocol,
                            const std::vector<std::string>& labels) {
  ProtocolMatch match;
  match.protocol = protocol;
  std::vector<bool> labelUsed(labels.size(), false);
  for (const auto& marker : protocol.markers) {
    if (!marker.midpointOf.empty()) continue;  // virtual: computed below, from its sources
    const std::string wanted = normalizedMarkerLabel(marker.name);
    bool found = false;
    for (std::size_t i = 0; i < labels.size() && !found; ++i) {
      if (!labelUsed[i] && normalizedMarkerLabel(labels[i]) == wanted) {
        labelUsed[i] = true;
        match.used.push_back({labels[i], marker.name});
        found = true;
      }
    }
    if (!found) match.missing.push_back(marker.name);
  }
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (!labelUsed[i]) match.ignored.push_back(labels[i]);
  // Virtual markers: used when both their sources are.
  for (const auto& marker : protocol.markers) {
    if (marker.midpointOf.empty()) continue;
    const bool sourcesUsed =
        std::all_of(marker.midpointOf.begin(), marker.midpointOf.end(), [&](const auto& source) {
          return std::any_of(match.used.begin(), match.used.end(),
                             [&](const ProtocolMarkerUse& use) { return use.marker == source; });
        });
    if (sourcesUsed)
      match.used.push_back(
          {fmt::format("midpoint of {}", fmt::join(marker.midpointOf, ", ")), marker.name});
    else
      match.missing.push_back(marker.name);
  }
  // An absent alternative (SACR when both PSIS markers are there) is not needed: every required
  // group naming it has another member in the trial.
  std::set<std::string> present;
  for (const auto& use : match.used)
    present.insert(use.marker);
  std::vector<std::string> stillMissing;
  for (const auto& name : match.missing) {
    std::set<std::string> instead;
    bool named = false;
    bool covered = true;
    for (const auto& group : protocol.required) {
      if (std::find(group.begin(), group.end(), name) == group.end()) continue;
      named = true;
      bool any = false;
      for (const auto& member : group) {
        if (!present.contains(member)) continue;
        instead.insert(member);
        any = true;
      }
      covered = covered && any;
    }
    if (named && covered)
      match.notNeeded.push_back({name, {instead.begin(), instead.end()}});
    else
      stillMissing.push_back(name);
  }
  match.missing = std::move(stillMissing);
  match.score = protocol.markers.empty() ? 0.0
                                         : static_cast<double>(match.used.size()) /
                                               static_cast<double>(protocol.markers.size());
  return match;
}

ProtocolMatch recognizeMarkerProtocol(const std::vector<std::string>& labels,
                                      const std::string& source) {
  std::optional<ProtocolMatch> best;
  std::vector<std::string> reasons;
  for (const auto& protocol : markerProtocols()) {
    ProtocolMatch match = matchProtocol(protocol, labels);
    std::set<std::string> found;
    for (const auto& use : match.used)
      found.insert(use.marker);
    const auto missing = missingRequired(protocol, found);
    if (!missing.empty()) {
      reasons.push_back(fmt::format("{} lacks {}", protocol.name, joined(missing)));
      continue;
    }
    const bool better = !best || match.used.size() > best->used.size() ||
                        (match.used.size() == best->used.size() && match.score > best->score);
    if (better) best = std::move(match);
  }
  if (!best)
    throw InputError(source, "marker labels",
                     fmt::format("no known marker protocol fits the {} labels found ({}); {}",
                                 labels.size(), joined(labels), fmt::join(reasons, "; ")));
  return *best;
}

MarkerProtocol modelMarkerProtocol(const model::Model& model) {
  MarkerProtocol protocol{"model-markers", "Model " + model.name() + "'s own", {}, {}, {}};
  for (const auto& marker : model.markers()) {
    std::string body;
    for (const auto& b : model.bodies())
      if (b.frame == marker.frame) body = b.name;
    protocol.markers.push_back(
        {marker.name, body, !marker.fixed, 1.0, same(marker.name), false, {}});
  }
  return protocol;
}

std::optional<ProtocolMatch> matchModelMarkers(const model::Model& model,
                                               const std::vector<std::string>& labels) {
  if (model.markers().empty()) return std::nullopt;
  ProtocolMatch match = matchProtocol(modelMarkerProtocol(model), labels);
  std::set<std::string> bodiesWithMarkers, bodiesMatched;
  for (const auto& marker : match.protocol.markers)
    bodiesWithMarkers.insert(marker.body);
  for (const auto& use : match.used)
    for (const auto& marker : match.protocol.markers)
      if (marker.name == use.marker) bodiesMatched.insert(marker.body);
  if (bodiesMatched != bodiesWithMarkers) return std::nullopt;
  return match;
}

std::vector<std::string> markerLabels(const io::TimeSeriesTable& markers) {
  std::vector<std::string> labels;
  for (const auto& column : markers.columns())
    if (column.kind == io::ColumnKind::Vector3) labels.push_back(column.label);
  return labels;
}

io::TimeSeriesTable relabelToProtocol(const io::TimeSeriesTable& markers,
                                      const ProtocolMatch& match) {
  io::TimeSeriesTable table(markers.time());
  for (const auto& [key, value] : markers.metadata())
    table.setMetadata(key, value);
  std::map<std::string, const ProtocolMarker*> byName;
  for (const auto& marker : match.protocol.markers)
    byName[marker.name] = &marker;
  const auto isVirtual = [&](const ProtocolMarkerUse& use) {
    const auto found = byName.find(use.marker);
    return found != byName.end() && !found->second->midpointOf.empty();
  };
  for (const auto& use : match.used) {
    if (isVirtual(use)) continue;
    const std::size_t column = markers.requireColumn(use.label);
    table.addVector3Column(use.marker, markers.vector3Column(column), markers.column(column).unit);
  }
  // Virtual markers from the relabelled sources (a NaN source gives a NaN midpoint).
  for (const auto& use : match.used) {
    if (!isVirtual(use)) continue;
    const auto& sources = byName.at(use.marker)->midpointOf;
    const std::size_t a = table.requireColumn(sources.at(0));
    const std::size_t b = table.requireColumn(sources.at(1));
    const Eigen::MatrixX3d midpoint = 0.5 * (table.vector3Column(a) + table.vector3Column(b));
    table.addVector3Column(use.marker, midpoint, table.column(a).unit);
  }
  return table;
}

ProtocolMapping mapProtocolOntoModel(const model::Model& baseModel, const ProtocolMatch& match) {
  ProtocolMapping mapping;
  std::map<std::string, const ProtocolMarker*> byName;
  for (const auto& marker : match.protocol.markers)
    byName[marker.name] = &marker;
  for (const auto& use : match.used) {
    const ProtocolMarker& pm = *byName.at(use.marker);
    if (const auto own = baseModel.findMarker(pm.name)) {
      mapping.markers.push_back(
          {baseModel.marker(*own), pm.ikWeight, "the model's own marker", false});
      continue;
    }
    const auto body = baseModel.findBody(pm.body);
    if (!body) {
      mapping.unmapped.push_back(fmt::format("{}: the model has no body {}", pm.name, pm.body));
      continue;
    }
    const model::FrameIndex frame = baseModel.body(*body).frame;
    // Source markers must be on the same body, so their locations share its frame.
    std::vector<Eigen::Vector3d> sources;
    std::string problem;
    for (const auto& sourceName : pm.location.sources) {
      const auto source = baseModel.findMarker(sourceName);
      if (!source)
        problem = fmt::format("the model has no marker {} to place it from", sourceName);
      else if (baseModel.marker(*source).frame != frame)
        problem = fmt::format("the model's marker {} is not on {}", sourceName, pm.body);
      else
        sources.push_back(baseModel.marker(*source).location);
    }
    if (!problem.empty()) {
      mapping.unmapped.push_back(pm.name + ": " + problem);
      continue;
    }
    Eigen::Vector3d location = pm.location.offset;
    std::string origin;
    switch (pm.location.kind) {
      case MarkerLocationRule::Kind::SameLandmark:
        location = sources.at(0);
        origin = "same landmark as " + pm.location.sources[0];
        break;
      case MarkerLocationRule::Kind::Midpoint:
        location = 0.5 * (sources.at(0) + sources.at(1));
        origin =
            fmt::format("midpoint of {} and {}", pm.location.sources[0], pm.location.sources[1]);
        break;
      case MarkerLocationRule::Kind::Offset:
        location = sources.at(0) + pm.location.offset;
        origin =
            fmt::format("{} moved by ({:.4f}, {:.4f}, {:.4f}) m", pm.location.sources[0],
                        pm.location.offset.x(), pm.location.offset.y(), pm.location.offset.z());
        break;
      case MarkerLocationRule::Kind::BodyOrigin:
        origin = pm.placeholder ? "no model landmark: starts at the origin of " + pm.body
                                : "joint centre: origin of " + pm.body;
        break;
    }
    if (!pm.midpointOf.empty())
      origin += fmt::format(" (the midpoint of {} in the data)", fmt::join(pm.midpointOf, " and "));
    if (pm.placeholder)
      origin += " (placed on its measured position by marker placement)";
    else if (pm.cluster && pm.ikWeight > kClusterWeight)
      origin += " (unfixed landmark: start position, moved by marker placement)";
    else if (pm.cluster)
      origin += " (cluster: start position, moved by marker placement)";
    if (!(pm.ikWeight > 0.0)) origin += " (not an IK task)";
    mapping.markers.push_back({model::Marker{pm.name, frame, location, !pm.cluster}, pm.ikWeight,
                               std::move(origin), pm.placeholder});
  }
  return mapping;
}

}  // namespace kinchain::kinematics
