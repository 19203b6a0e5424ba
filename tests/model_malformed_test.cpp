// Malformed and unsupported models fail with an InputError naming the file, the line and the
// reason; nothing is half-loaded.

#include <gtest/gtest.h>

#include <string>

#include "kinchain/common/error.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "model_test_models.hpp"
#include "test_paths.hpp"

namespace kinchain::model {
namespace {

using test_models::coordinate;
using test_models::singleJointModel;

std::string replaceOnce(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Loads `text` and returns the InputError, failing the test if loading succeeds.
InputError loadError(const std::string& text) {
  try {
    readOsimModelFromText(text, "bad.osim");
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "model loaded although it is malformed";
  return InputError("", "", "");
}

const std::string kValid = singleJointModel("PinJoint", coordinate("a"));

TEST(ModelMalformed, ValidBaselineLoads) {
  EXPECT_NO_THROW(readOsimModelFromText(kValid, "good.osim"));
}

TEST(ModelMalformed, TruncatedXml) {
  const InputError error = loadError(kValid.substr(0, kValid.size() / 2));
  EXPECT_EQ(error.source(), "bad.osim");
  EXPECT_NE(std::string(error.what()).find("malformed XML"), std::string::npos) << error.what();
  EXPECT_NE(error.place().find("line"), std::string::npos);
}

TEST(ModelMalformed, UnknownFunctionType) {
  const std::string text = singleJointModel("CustomJoint", coordinate("a"), R"(
        <SpatialTransform>
          <TransformAxis name="rotation1"><coordinates>a</coordinates><axis>0 0 1</axis>
            <SineWave name="function"><amplitude>1</amplitude></SineWave></TransformAxis>
        </SpatialTransform>)");
  const InputError error = loadError(text);
  EXPECT_NE(error.place().find("line"), std::string::npos);
  EXPECT_NE(std::string(error.what()).find("unknown function type or property <SineWave>"),
            std::string::npos)
      << error.what();
}

TEST(ModelMalformed, JointWhoseParentIsMissing) {
  const InputError error = loadError(replaceOnce(kValid, "<socket_parent>/ground</socket_parent>",
                                                 "<socket_parent>/bodyset/thigh</socket_parent>"));
  EXPECT_NE(std::string(error.what()).find("/bodyset/thigh"), std::string::npos) << error.what();
  EXPECT_NE(error.place().find("line 15 (<socket_parent>)"), std::string::npos) << error.place();
}

TEST(ModelMalformed, OldLayoutJointWhoseParentBodyIsMissing) {
  const std::string text = R"(<OpenSimDocument Version="20303"><Model name="old"><BodySet><objects>
    <Body name="ground"><Joint/></Body>
    <Body name="b"><mass>1</mass><Joint><PinJoint name="j"><parent_body>thigh</parent_body>
      <CoordinateSet><objects><Coordinate name="a"/></objects></CoordinateSet></PinJoint></Joint></Body>
  </objects></BodySet></Model></OpenSimDocument>)";
  const InputError error = loadError(text);
  EXPECT_NE(std::string(error.what()).find("parent body 'thigh'"), std::string::npos)
      << error.what();
  EXPECT_NE(error.place().find("line 3"), std::string::npos) << error.place();
}

TEST(ModelMalformed, NaNInAParameter) {
  const InputError error = loadError(replaceOnce(kValid, "<translation>1 2 3</translation>",
                                                 "<translation>1 nan 3</translation>"));
  EXPECT_NE(std::string(error.what()).find("NaN"), std::string::npos) << error.what();
  EXPECT_NE(error.place().find("translation"), std::string::npos) << error.place();
  const InputError mass = loadError(replaceOnce(kValid, "<mass>2</mass>", "<mass>NaN</mass>"));
  EXPECT_NE(mass.place().find("mass"), std::string::npos) << mass.place();
}

TEST(ModelMalformed, NonNumericAndWrongCounts) {
  EXPECT_NE(std::string(loadError(replaceOnce(kValid, "<location>0.1 0.2 0.3</location>",
                                              "<location>0.1 0.2</location>"))
                            .what())
                .find("three numbers"),
            std::string::npos);
  EXPECT_NE(
      std::string(
          loadError(replaceOnce(kValid, "<range>-3 3</range>", "<range>-3 three</range>")).what())
          .find("not a number"),
      std::string::npos);
  EXPECT_NE(std::string(
                loadError(replaceOnce(kValid, "<range>-3 3</range>", "<range>3 -3</range>")).what())
                .find("minimum is above"),
            std::string::npos);
}

TEST(ModelMalformed, UnsupportedJointAndConstraintTypes) {
  EXPECT_NE(std::string(loadError(singleJointModel("EllipsoidJoint", coordinate("a"))).what())
                .find("EllipsoidJoint"),
            std::string::npos);
  const std::string withConstraint = replaceOnce(kValid, "<MarkerSet>", R"(<ConstraintSet><objects>
      <PointOnLineConstraint name="c"><isEnforced>true</isEnforced></PointOnLineConstraint></objects></ConstraintSet>
    <MarkerSet>)");
  EXPECT_NE(std::string(loadError(withConstraint).what()).find("PointOnLineConstraint"),
            std::string::npos);
}

TEST(ModelMalformed, WrongCoordinateCountAndUnknownReferences) {
  EXPECT_NE(
      std::string(loadError(singleJointModel("PinJoint", coordinate("a") + coordinate("b"))).what())
          .find("needs 1 coordinates"),
      std::string::npos);
  EXPECT_NE(
      std::string(
          loadError(replaceOnce(kValid, "<socket_parent_frame>/bodyset/b</socket_parent_frame>",
                                "<socket_parent_frame>/bodyset/nowhere</socket_parent_frame>"))
              .what())
          .find("nowhere"),
      std::string::npos);
  const std::string axisWithUnknownCoordinate = singleJointModel("CustomJoint", coordinate("a"), R"(
        <SpatialTransform><TransformAxis name="rotation1"><coordinates>ghost</coordinates><axis>1 0 0</axis></TransformAxis></SpatialTransform>)");
  EXPECT_NE(std::string(loadError(axisWithUnknownCoordinate).what()).find("ghost"),
            std::string::npos);
}

TEST(ModelMalformed, UnknownPropertyIsNotDroppedSilently) {
  const InputError error = loadError(replaceOnce(
      kValid, "<clamped>true</clamped>", "<clamped>true</clamped><stiffness>3</stiffness>"));
  EXPECT_NE(std::string(error.what()).find("<stiffness> in <Coordinate>"), std::string::npos)
      << error.what();
  EXPECT_NE(error.place().find("line 13"), std::string::npos) << error.place();
}

TEST(ModelMalformed, CollinearCustomJointAxes) {
  const std::string text = singleJointModel("CustomJoint", coordinate("a"), R"(
        <SpatialTransform>
          <TransformAxis name="rotation1"><coordinates>a</coordinates><axis>0 0 1</axis></TransformAxis>
          <TransformAxis name="rotation2"><coordinates></coordinates><axis>0 0 2</axis></TransformAxis>
        </SpatialTransform>)");
  EXPECT_NE(std::string(loadError(text).what()).find("collinear"), std::string::npos);
}

TEST(ModelMalformed, NotAModelAndOldVersions) {
  EXPECT_NE(std::string(loadError("<Storage/>").what()).find("not an OpenSim model"),
            std::string::npos);
  EXPECT_NE(
      std::string(loadError(replaceOnce(kValid, "Version=\"40000\"", "Version=\"10500\"")).what())
          .find("10500"),
      std::string::npos);
  EXPECT_NE(
      std::string(loadError(replaceOnce(kValid, "<Ground name=\"ground\"/>",
                                        "<Ground name=\"ground\"/><length_units>mm</length_units>"))
                      .what())
          .find("meters"),
      std::string::npos);
}

TEST(ModelMalformed, DisconnectedBodyAndKinematicLoop) {
  const std::string extraBody =
      replaceOnce(kValid, "</objects></BodySet>",
                  "<Body name=\"floating\"><mass>1</mass></Body></objects></BodySet>");
  EXPECT_NE(std::string(loadError(extraBody).what()).find("not connected to ground"),
            std::string::npos);
  const std::string secondJoint =
      replaceOnce(kValid, "</objects></JointSet>", R"(<WeldJoint name="w">
        <socket_parent_frame>/ground</socket_parent_frame><socket_child_frame>/bodyset/b</socket_child_frame>
      </WeldJoint></objects></JointSet>)");
  EXPECT_NE(std::string(loadError(secondJoint).what()).find("kinematic loop"), std::string::npos);
}

// Regression (found by the osim_model fuzz target): a bad number in the 3.x one-element-per-entry
// inertia layout threw inside Eigen's comma initializer and aborted instead of reporting.
TEST(ModelMalformed, BadInertiaEntryInOldLayout) {
  std::string text = test::fileText(test::sharedData("opensim-core/id_arm26/arm26.osim"));
  const std::string humerusInertia = "<inertia_yy>       0.00455100 </inertia_yy>";
  ASSERT_NE(text.find(humerusInertia), std::string::npos);
  text.replace(text.find(humerusInertia), humerusInertia.size(), "<inertia_yy>0.0x1</inertia_yy>");
  const InputError error = loadError(text);
  EXPECT_NE(error.place().find("line"), std::string::npos);
  EXPECT_NE(std::string(error.what()).find("inertia_yy"), std::string::npos) << error.what();
}

}  // namespace
}  // namespace kinchain::model
