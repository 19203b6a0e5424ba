// Marker-protocol recognition on the shared trials' real label sets, and the mapping of every
// protocol onto the default model.

#include <gtest/gtest.h>

#include <algorithm>

#include "kinchain/common/error.hpp"
#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "kinchain/kinematics/marker_protocol.hpp"
#include "kinchain/model/default_model.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::kinematics {
namespace {

std::vector<std::string> fileLabels(const std::string& relative) {
  return markerLabels(readMarkerFile(test::sharedData(relative)));
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

const MarkerProtocol& protocolById(const std::string& id) {
  for (const auto& protocol : markerProtocols())
    if (protocol.id == id) return protocol;
  throw std::out_of_range(id);
}

TEST(MarkerProtocol, PlugInGaitTrialIsPlugInGait) {
  const auto labels = fileLabels("btkdata/PiG_Motion-FlatFoot-One.c3d");
  const auto match = recognizeMarkerProtocol(labels, "PiG");
  EXPECT_EQ(match.protocol.id, "plug-in-gait");
  EXPECT_EQ(match.used.size(), 16u);
  // SACR is the alternative to the PSIS markers, which are both there: not needed, not missing.
  EXPECT_TRUE(match.missing.empty());
  ASSERT_EQ(match.notNeeded.size(), 1u);
  EXPECT_EQ(match.notNeeded[0].marker, "SACR");
  EXPECT_EQ(match.notNeeded[0].instead, (std::vector<std::string>{"LPSI", "RPSI"}));
  // Upper body, Vicon's model outputs (angles, segment origins) are ignored, and said so.
  EXPECT_TRUE(contains(match.ignored, "LFHD"));
  EXPECT_TRUE(contains(match.ignored, "CentreOfMass"));
  EXPECT_EQ(match.used.size() + match.ignored.size(), labels.size());
}

TEST(MarkerProtocol, BtkGaitTrialIsHelenHayes) {
  const auto labels = fileLabels("btkdata/Gait.c3d");
  const auto match = recognizeMarkerProtocol(labels, "Gait.c3d");
  EXPECT_EQ(match.protocol.id, "helen-hayes");
  EXPECT_EQ(match.used.size(), 15u);  // all but the SACR alternative to VSAC
  ASSERT_EQ(match.notNeeded.size(), 1u);
  EXPECT_EQ(match.notNeeded[0].marker, "SACR");
  EXPECT_EQ(match.notNeeded[0].instead, std::vector<std::string>{"VSAC"});
  // A repeated label (the reader renames it RKNE_2) is not taken for the knee marker.
  EXPECT_TRUE(contains(match.ignored, "RKNE_2"));
  // Plug-in Gait needs TIB wands and PSIS / SACR, which a Helen Hayes trial lacks.
  EXPECT_FALSE(matchProtocol(protocolById("plug-in-gait"), labels).missing.empty());
}

TEST(MarkerProtocol, OpenSimWalkIsGait2354) {
  const auto match = recognizeMarkerProtocol(
      fileLabels("opensim-core/subject01_walk1_experimental/subject01_walk1.trc"), "walk1");
  EXPECT_EQ(match.protocol.id, "opensim-gait2354");
  EXPECT_EQ(match.used.size(), 27u);
  // The walk has no knee or ankle markers (OpenSim removes them after the static trial).
  EXPECT_TRUE(contains(match.missing, "R.Knee.Lat"));
  EXPECT_TRUE(contains(match.ignored, "Sternum"));
  const auto standing = recognizeMarkerProtocol(
      fileLabels("opensim-core/scale_gait2354/subject01_static.trc"), "static");
  EXPECT_EQ(standing.protocol.id, "opensim-gait2354");
  EXPECT_TRUE(standing.missing.empty());
}

// The Rajagopal 2015 model's own marker names are recognised as its protocol; opensim-core's
// walking2.c3d does not use them (RASI, RTH1, RLFC...) and is the cluster-landmark set.
TEST(MarkerProtocol, RajagopalNamesAndWalking2) {
  const auto rajagopal =
      model::readOsimModel(test::sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  std::vector<std::string> names;
  for (const auto& marker : rajagopal.markers())
    names.push_back(marker.name);
  const auto match = recognizeMarkerProtocol(names, "Rajagopal");
  EXPECT_EQ(match.protocol.id, "rajagopal2015");
  EXPECT_EQ(match.used.size(), 18u);
  EXPECT_TRUE(match.missing.empty());

  const auto walking2 = fileLabels("opensim-core/c3d_walking2/walking2.c3d");
  EXPECT_TRUE(matchProtocol(protocolById("rajagopal2015"), walking2).used.empty());
  const auto w2 = recognizeMarkerProtocol(walking2, "walking2.c3d");
  EXPECT_EQ(w2.protocol.id, "cluster-landmark");
  EXPECT_EQ(w2.used.size(), 36u);
  EXPECT_TRUE(contains(w2.ignored, "RFHD"));
}

// OpenCap's marker-augmenter output (stanfordnmbl/opencap-core, the lower-body model's
// response markers), with its upper-body markers ignored.
TEST(MarkerProtocol, OpenCapStudyMarkers) {
  const std::vector<std::string> labels{
      "r.ASIS_study",   "L.ASIS_study",   "r.PSIS_study",   "L.PSIS_study",     "r_knee_study",
      "r_mknee_study",  "r_ankle_study",  "r_mankle_study", "r_toe_study",      "r_5meta_study",
      "r_calc_study",   "L_knee_study",   "L_mknee_study",  "L_ankle_study",    "L_mankle_study",
      "L_toe_study",    "L_calc_study",   "L_5meta_study",  "r_shoulder_study", "L_shoulder_study",
      "C7_study",       "r_thigh1_study", "r_thigh2_study", "r_thigh3_study",   "L_thigh1_study",
      "L_thigh2_study", "L_thigh3_study", "r_sh1_study",    "r_sh2_study",      "r_sh3_study",
      "L_sh1_study",    "L_sh2_study",    "L_sh3_study",    "RHJC_study",       "LHJC_study"};
  const auto match = recognizeMarkerProtocol(labels, "opencap.trc");
  EXPECT_EQ(match.protocol.id, "opencap");
  EXPECT_EQ(match.used.size(), 32u);
  EXPECT_TRUE(match.missing.empty());
  EXPECT_EQ(match.ignored,
            (std::vector<std::string>{"r_shoulder_study", "L_shoulder_study", "C7_study"}));
}

// The schreiber2019 trials (Schreiber & Moissenet 2019) carry the IOR-gait / ISB landmark
// labels: the lower limb and thorax are used, with the knee and ankle centres computed from
// them; the 22 scapula, arm and hand landmarks have no gait2392 body and are ignored.
TEST(MarkerProtocol, Schreiber2019TrialIsIorGait) {
  const auto labels = fileLabels("schreiber2019/2014001/dynamic/2014001_C4_05.c3d");
  ASSERT_EQ(labels.size(), 52u);
  const auto match = recognizeMarkerProtocol(labels, "2014001_C4_05.c3d");
  EXPECT_EQ(match.protocol.id, "ior-gait");
  // 13 landmarks per side, 4 thorax, and the virtual R/L_KJC and R/L_AJC.
  EXPECT_EQ(match.used.size(), 34u);
  EXPECT_TRUE(match.missing.empty());
  EXPECT_EQ(match.ignored.size(), 22u);
  for (const char* upperLimb : {"L_SAA", "R_SAE", "L_SIA", "R_SRS", "L_HLE", "R_HME", "L_UOA",
                                "R_RSP", "L_UHE", "R_HM2", "L_HM5"})
    EXPECT_TRUE(contains(match.ignored, upperLimb)) << upperLimb;
  for (const char* thorax : {"CV7", "TV10", "SXS", "SJN"})
    EXPECT_FALSE(contains(match.ignored, thorax)) << thorax;
  EXPECT_EQ(match.used.size() - 4 + match.ignored.size(), labels.size());

  // Participant 2015032 walked without the medial epicondyle and malleolus markers: no joint
  // centres from the walk itself, yet still the IOR-gait set.
  const auto without = recognizeMarkerProtocol(
      fileLabels("schreiber2019/2015032/dynamic/2015032_C4_03.c3d"), "2015032_C4_03.c3d");
  EXPECT_EQ(without.protocol.id, "ior-gait");
  EXPECT_EQ(without.missing, (std::vector<std::string>{"R_FME", "R_TAM", "L_FME", "L_TAM", "R_KJC",
                                                       "R_AJC", "L_KJC", "L_AJC"}));
}

TEST(MarkerProtocol, SubjectPrefixAndCaseAreTolerated) {
  std::vector<std::string> labels;
  for (const char* name : {"LASI", "RASI", "LPSI", "RPSI", "LTHI", "LKNE", "LTIB", "LANK", "LHEE",
                           "LTOE", "RTHI", "RKNE", "RTIB", "RANK", "RHEE", "RTOE"})
    labels.push_back(std::string("Patient 3:") + static_cast<char>(std::tolower(name[0])) +
                     (name + 1));
  const auto match = recognizeMarkerProtocol(labels, "prefixed.c3d");
  EXPECT_EQ(match.protocol.id, "plug-in-gait");
  EXPECT_EQ(match.used.size(), 16u);
  EXPECT_EQ(match.used.front().label, "Patient 3:rASI");
  EXPECT_EQ(match.used.front().marker, "RASI");
  EXPECT_EQ(normalizedMarkerLabel(" Subject:Sub:LASI "), "lasi");
}

TEST(MarkerProtocol, UnknownLabelsAreAnInputErrorListingThem) {
  const std::vector<std::string> labels{"M01", "M02", "LASI", "Head"};
  try {
    (void)recognizeMarkerProtocol(labels, "unknown.c3d");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), "unknown.c3d");
    for (const auto& label : labels)
      EXPECT_NE(error.reason().find(label), std::string::npos) << error.reason();
    EXPECT_NE(error.reason().find("Plug-in Gait"), std::string::npos);
  }
}

// Every protocol marker has a place on the default model; the rules take the model's own
// gait2354 markers for the same landmark.
TEST(MarkerProtocol, EveryProtocolMapsOntoTheDefaultModel) {
  const auto model = model::loadDefaultModel();
  for (const auto& protocol : markerProtocols()) {
    std::vector<std::string> all;
    for (const auto& marker : protocol.markers)
      if (marker.midpointOf.empty()) all.push_back(marker.name);
    const auto mapping = mapProtocolOntoModel(model, matchProtocol(protocol, all));
    EXPECT_TRUE(mapping.unmapped.empty()) << protocol.id << ": " << mapping.unmapped.front();
    EXPECT_EQ(mapping.markers.size(), protocol.markers.size()) << protocol.id;
  }
  const auto pig =
      matchProtocol(protocolById("plug-in-gait"), {"RASI", "RPSI", "RTOE", "RTHI", "SACR", "LPSI"});
  const auto mapping = mapProtocolOntoModel(model, pig);
  const auto location = [&](const std::string& name) {
    for (const auto& m : mapping.markers)
      if (m.marker.name == name) return m.marker.location;
    throw std::out_of_range(name);
  };
  const auto modelMarker = [&](const std::string& name) {
    return model.marker(*model.findMarker(name)).location;
  };
  EXPECT_EQ(location("RASI"), modelMarker("R.ASIS"));
  EXPECT_EQ(location("SACR"), modelMarker("V.Sacral"));
  EXPECT_TRUE(
      location("RTOE").isApprox(0.5 * (modelMarker("R.Toe.Med") + modelMarker("R.Toe.Lat"))));
  // PSIS: either side of the sacral marker, right at +z as R.ASIS.
  EXPECT_NEAR(location("RPSI").z(), 0.0373, 1e-12);
  EXPECT_NEAR(location("LPSI").z(), -0.0373, 1e-12);
  for (const auto& m : mapping.markers)
    EXPECT_EQ(m.marker.fixed, m.marker.name != "RTHI");
}

}  // namespace
}  // namespace kinchain::kinematics
