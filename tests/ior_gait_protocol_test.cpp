// The IOR-gait / ISB landmark protocol (Leardini et al. 2007, Gait Posture 26:560-571) on the
// schreiber2019 trials (Schreiber & Moissenet 2019, Sci Data 6:111, CC BY 4.0): the knee and
// ankle centres are the epicondyle and malleolus midpoints, where they sit on the model, and
// which foot coordinates the protocol lets inverse kinematics see.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "kinchain/kinematics/marker_protocol.hpp"
#include "kinchain/kinematics/model_scaling.hpp"
#include "kinchain/kinematics/observable_coordinates.hpp"
#include "kinchain/kinematics/scale_factors.hpp"
#include "kinchain/model/default_model.hpp"
#include "test_paths.hpp"

namespace kinchain::kinematics {
namespace {

const MarkerProtocol& protocolById(const std::string& id) {
  for (const auto& protocol : markerProtocols())
    if (protocol.id == id) return protocol;
  throw std::out_of_range(id);
}

bool locks(const std::vector<LockedCoordinate>& locked, const std::string& coordinate) {
  return std::any_of(locked.begin(), locked.end(),
                     [&](const LockedCoordinate& lock) { return lock.coordinate == coordinate; });
}

// The default model carrying exactly the markers `protocol` puts on it for `labels`.
model::Model modelWithProtocolMarkers(const MarkerProtocol& protocol,
                                      const std::vector<std::string>& labels) {
  const model::Model base = model::loadDefaultModel();
  const ProtocolMapping mapping = mapProtocolOntoModel(base, matchProtocol(protocol, labels));
  EXPECT_TRUE(mapping.unmapped.empty());
  model::ModelParts parts = modelPartsOf(base);
  parts.markers.clear();
  for (const auto& mapped : mapping.markers)
    parts.markers.push_back(mapped.marker);
  return model::Model(std::move(parts));
}

// Knee and ankle centres are the midpoints of the epicondyles and malleoli in every frame of a
// real trial (exactly: the same arithmetic), and NaN where one of the two is missing.
TEST(IorGaitProtocol, JointCentresAreEpicondyleAndMalleolusMidpoints) {
  const auto trial =
      readMarkerFile(test::sharedData("schreiber2019/2014001/dynamic/2014001_C4_05.c3d"));
  const ProtocolMatch match = recognizeMarkerProtocol(markerLabels(trial), "2014001_C4_05");
  ASSERT_EQ(match.protocol.id, "ior-gait");
  const io::TimeSeriesTable relabelled = relabelToProtocol(trial, match);
  const auto column = [&](const std::string& name) {
    return relabelled.vector3Column(relabelled.requireColumn(name));
  };
  int compared = 0;
  for (const auto& [centre, a, b] :
       std::vector<std::array<std::string, 3>>{{"R_KJC", "R_FLE", "R_FME"},
                                               {"L_KJC", "L_FLE", "L_FME"},
                                               {"R_AJC", "R_FAL", "R_TAM"},
                                               {"L_AJC", "L_FAL", "L_TAM"}}) {
    const auto jc = column(centre), pa = column(a), pb = column(b);
    for (Eigen::Index row = 0; row < relabelled.rowCount(); ++row) {
      const Eigen::Vector3d expected = 0.5 * (pa.row(row) + pb.row(row)).transpose();
      if (!expected.allFinite()) {
        EXPECT_FALSE(jc.row(row).allFinite()) << centre << " row " << row;
        continue;
      }
      EXPECT_LE((jc.row(row).transpose() - expected).norm(), 1e-12) << centre << " row " << row;
      ++compared;
    }
  }
  EXPECT_GT(compared, 4 * 100);  // the trial has 156 frames
  // A centre is not a label of the trial: the table keeps the 30 used landmarks plus 4 centres.
  EXPECT_EQ(relabelled.columnCount(), 34u);
}

// On gait2392 the knee centre is the origin of the tibia and the ankle centre that of the talus
// (the joints' child frames); landmarks the model has no marker for start at their body's
// origin and are left to marker placement.
TEST(IorGaitProtocol, JointCentresSitAtTheModelsJointOrigins) {
  const auto& protocol = protocolById("ior-gait");
  std::vector<std::string> labels;
  for (const auto& marker : protocol.markers)
    if (marker.midpointOf.empty()) labels.push_back(marker.name);
  const model::Model base = model::loadDefaultModel();
  const ProtocolMapping mapping = mapProtocolOntoModel(base, matchProtocol(protocol, labels));
  ASSERT_TRUE(mapping.unmapped.empty());
  const auto mapped = [&](const std::string& name) -> const MappedMarker& {
    for (const auto& m : mapping.markers)
      if (m.marker.name == name) return m;
    throw std::out_of_range(name);
  };
  for (const auto& [name, body] : std::vector<std::array<std::string, 2>>{{"R_KJC", "tibia_r"},
                                                                          {"L_KJC", "tibia_l"},
                                                                          {"R_AJC", "talus_r"},
                                                                          {"L_AJC", "talus_l"}}) {
    const MappedMarker& centre = mapped(name);
    EXPECT_EQ(centre.marker.frame, base.body(*base.findBody(body)).frame) << name;
    EXPECT_EQ(centre.marker.location, Eigen::Vector3d::Zero()) << name;
    EXPECT_TRUE(centre.marker.fixed) << name;
    EXPECT_FALSE(centre.placeholder) << name;
  }
  const auto modelMarker = [&](const std::string& name) {
    return base.marker(*base.findMarker(name)).location;
  };
  EXPECT_EQ(mapped("R_FLE").marker.location, modelMarker("R.Knee.Lat"));
  EXPECT_EQ(mapped("L_TAM").marker.location, modelMarker("L.Ankle.Med"));
  EXPECT_EQ(mapped("R_FCC").marker.location, modelMarker("R.Heel"));
  EXPECT_EQ(mapped("R_FM1").marker.location, modelMarker("R.Toe.Med"));
  EXPECT_EQ(mapped("R_FM5").marker.location, modelMarker("R.Toe.Lat"));
  for (const char* name : {"R_FTC", "L_FAX", "R_TTC", "CV7", "TV10", "SXS", "SJN"}) {
    EXPECT_TRUE(mapped(name).placeholder) << name;
    EXPECT_FALSE(mapped(name).marker.fixed) << name;
  }
  EXPECT_EQ(mapped("CV7").marker.frame, base.body(*base.findBody("torso")).frame);
}

// IOR-gait puts the calcaneus and three metatarsal heads on gait2392's calcn body: its
// orientation is known, so the subtalar angle is observed, not locked. MTP stays locked (no
// toe marker). Plug-in Gait has only HEE and TOE on calcn: subtalar locked. The thorax
// landmarks on the torso observe the lumbar joint.
TEST(IorGaitProtocol, SubtalarObservedForIorGaitButNotForPlugInGait) {
  const auto iorLabels = markerLabels(
      readMarkerFile(test::sharedData("schreiber2019/2014001/dynamic/2014001_C4_05.c3d")));
  const auto ior =
      unobservedCoordinates(modelWithProtocolMarkers(protocolById("ior-gait"), iorLabels));
  for (const char* side : {"_r", "_l"}) {
    EXPECT_FALSE(locks(ior, std::string("subtalar_angle") + side)) << side;
    EXPECT_TRUE(locks(ior, std::string("mtp_angle") + side)) << side;
  }
  for (const char* lumbar : {"lumbar_extension", "lumbar_bending", "lumbar_rotation"})
    EXPECT_FALSE(locks(ior, lumbar)) << lumbar;

  const auto pigLabels =
      markerLabels(readMarkerFile(test::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d")));
  const auto pig =
      unobservedCoordinates(modelWithProtocolMarkers(protocolById("plug-in-gait"), pigLabels));
  for (const char* side : {"_r", "_l"}) {
    EXPECT_TRUE(locks(pig, std::string("subtalar_angle") + side)) << side;
    EXPECT_TRUE(locks(pig, std::string("mtp_angle") + side)) << side;
  }
  EXPECT_TRUE(locks(pig, "lumbar_extension"));

  // With only two metatarsal heads and no calcaneus marker (a damaged foot set) the calcn body
  // holds two points, a line: subtalar locked again.
  std::vector<std::string> fewer;
  std::copy_if(iorLabels.begin(), iorLabels.end(), std::back_inserter(fewer),
               [](const std::string& label) { return label != "R_FCC" && label != "R_FM2"; });
  const auto damaged =
      unobservedCoordinates(modelWithProtocolMarkers(protocolById("ior-gait"), fewer));
  EXPECT_TRUE(locks(damaged, "subtalar_angle_r"));
  EXPECT_FALSE(locks(damaged, "subtalar_angle_l"));
}

}  // namespace
}  // namespace kinchain::kinematics
