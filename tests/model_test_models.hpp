#pragma once
// Tiny inline .osim models for model tests: one body "b" joined to ground by one joint, with a
// marker "m" on the body. Offsets are non-trivial so frame composition is exercised.

#include <string>

namespace kinchain::model::test_models {

/// Parent offset on ground: translation (1, 2, 3), orientation (0, 0, 0.5) (= Rz(0.5)).
/// Child offset on b: translation (0.1, 0, 0), orientation (0.3, 0, 0) (= Rx(0.3)).
/// Marker m on b at (0.1, 0.2, 0.3).
inline std::string singleJointModel(const std::string& type, const std::string& coordinates,
                                    const std::string& extraJointXml = "") {
  return R"(<?xml version="1.0" encoding="UTF-8" ?>
<OpenSimDocument Version="40000">
  <Model name="single_joint">
    <Ground name="ground"/>
    <gravity>0 -9.80665 0</gravity>
    <BodySet><objects>
      <Body name="b"><mass>2</mass><mass_center>0 0.1 0</mass_center><inertia>1 2 3 0 0 0</inertia></Body>
    </objects></BodySet>
    <JointSet><objects>
      <)" +
         type + R"( name="j">
        <socket_parent_frame>p</socket_parent_frame>
        <socket_child_frame>c</socket_child_frame>
        <coordinates>)" +
         coordinates + R"(</coordinates>
        <frames>
          <PhysicalOffsetFrame name="p"><socket_parent>/ground</socket_parent><translation>1 2 3</translation><orientation>0 0 0.5</orientation></PhysicalOffsetFrame>
          <PhysicalOffsetFrame name="c"><socket_parent>/bodyset/b</socket_parent><translation>0.1 0 0</translation><orientation>0.3 0 0</orientation></PhysicalOffsetFrame>
        </frames>)" +
         extraJointXml + R"(
      </)" +
         type + R"(>
    </objects></JointSet>
    <MarkerSet><objects>
      <Marker name="m"><socket_parent_frame>/bodyset/b</socket_parent_frame><location>0.1 0.2 0.3</location><fixed>true</fixed></Marker>
    </objects></MarkerSet>
  </Model>
</OpenSimDocument>
)";
}

inline std::string coordinate(const std::string& name, const std::string& range = "-3 3") {
  return "<Coordinate name=\"" + name + "\"><default_value>0</default_value><range>" + range +
         "</range><clamped>true</clamped><locked>false</locked></Coordinate>";
}

}  // namespace kinchain::model::test_models
