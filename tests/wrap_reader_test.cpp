// readOsimWrapObjectSet against the wrap objects of real OpenSim models (values as written in
// the files) and malformed input.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "kinchain/common/error.hpp"
#include "kinchain/model/osim_wrap_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::model {
namespace {

// The <WrapObjectSet> of the element <`bodyTag` name="`bodyName`"> anywhere in the document.
pugi::xml_node wrapSetOf(const XmlDocument& document, const char* bodyTag, const char* bodyName) {
  const auto body = document.document().find_node([&](const pugi::xml_node& node) {
    return std::string(node.name()) == bodyTag &&
           std::string(node.attribute("name").value()) == bodyName;
  });
  return body.child("WrapObjectSet");
}

TEST(WrapReader, Rajagopal2015Version40000Cylinder) {
  const auto document =
      XmlDocument::fromFile(test::sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  const auto objects =
      readOsimWrapObjectSet(document, wrapSetOf(document, "Body", "pelvis"), "pelvis");
  ASSERT_FALSE(objects.empty());
  const WrapObject& gmax = objects.front();
  EXPECT_EQ(gmax.name, "Gmax1_at_pelvis_r");
  EXPECT_EQ(gmax.frame_name, "pelvis");
  EXPECT_TRUE(gmax.active);
  EXPECT_EQ(wrapQuadrantName(gmax.quadrant), "-x");
  EXPECT_EQ(gmax.xyz_body_rotation, Eigen::Vector3d(-0.6, 0.45, 0.0));
  EXPECT_EQ(gmax.translation,
            Eigen::Vector3d(-0.081658155013775907, -0.085650777902006245, 0.074588099221036722));
  const auto* cylinder = std::get_if<WrapCylinder>(&gmax.shape);
  ASSERT_NE(cylinder, nullptr);
  EXPECT_EQ(cylinder->radius, 0.041309851847455795);
  EXPECT_EQ(cylinder->length, 0.16649547701971171);
}

TEST(WrapReader, Arm26Version30000Ellipsoid) {
  const auto document = XmlDocument::fromFile(test::sharedData("opensim-core/so_arm26/arm26.osim"));
  const auto objects =
      readOsimWrapObjectSet(document, wrapSetOf(document, "Body", "r_humerus"), "r_humerus");
  ASSERT_GE(objects.size(), 1u);
  EXPECT_EQ(objects[0].name, "TRIlonghh");
  EXPECT_EQ(wrapQuadrantName(objects[0].quadrant), "+z");
  EXPECT_EQ(objects[0].xyz_body_rotation, Eigen::Vector3d(3.00162, -0.853466, 2.57419));
  const auto* ellipsoid = std::get_if<WrapEllipsoid>(&objects[0].shape);
  ASSERT_NE(ellipsoid, nullptr);
  EXPECT_EQ(ellipsoid->dimensions, Eigen::Vector3d(0.035, 0.02, 0.02));
}

TEST(WrapReader, Arm26Version10901PaddedValues) {
  // 1.x/2.x files pad values with spaces: "<quadrant> x </quadrant>", "<radius>  0.003 </radius>".
  const auto document = XmlDocument::fromFile(test::sharedData("opensim-core/id_arm26/arm26.osim"));
  bool sawCylinder = false;
  const auto onGround =
      readOsimWrapObjectSet(document, wrapSetOf(document, "Body", "ground"), "ground");
  for (const auto& object : onGround) {
    if (object.name != "TRIlongglen") continue;
    sawCylinder = true;
    EXPECT_EQ(wrapQuadrantName(object.quadrant), "+x");
    EXPECT_EQ(std::get<WrapCylinder>(object.shape).radius, 0.003);
    EXPECT_EQ(std::get<WrapCylinder>(object.shape).length, 0.03);
  }
  EXPECT_TRUE(sawCylinder);
}

TEST(WrapReader, EveryModelInSharedDataReads) {
  // All wrap objects of every .osim in the shared data (format versions 10901 to 40000) read.
  std::size_t count = 0;
  std::size_t files = 0;
  for (const char* folder : {"opensim-core", "opensim-models"}) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(test::sharedData(folder))) {
      if (entry.path().extension() != ".osim") continue;
      ++files;
      const auto document = XmlDocument::fromFile(entry.path());
      for (const auto& set : document.document().select_nodes("//WrapObjectSet")) {
        count += readOsimWrapObjectSet(document, set.node(), "frame").size();
      }
    }
  }
  EXPECT_GE(files, 15u);
  // Counted with grep -c '<Wrap(Cylinder|Ellipsoid|Sphere|Torus) ' over the same files:
  // Rajagopal 2015 has 40, each of the two arm26 files 4.
  EXPECT_EQ(count, 48u);
}

std::string readError(const std::string& objectXml) {
  const std::string text =
      "<WrapObjectSet>\n<objects>\n" + objectXml + "\n</objects>\n</WrapObjectSet>\n";
  const auto document = XmlDocument::fromText(text, "bad.osim");
  try {
    static_cast<void>(readOsimWrapObjectSet(document, document.root(), "body"));
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

TEST(WrapReader, MalformedValuesNameTheLine) {
  EXPECT_EQ(readError("<WrapSphere name=\"s\">\n<radius>nan</radius></WrapSphere>"),
            "bad.osim: line 4 (<radius>): value \"nan\" is not a finite number");
  EXPECT_EQ(readError("<WrapCylinder name=\"c\"><radius>-0.1</radius></WrapCylinder>"),
            "bad.osim: line 3 (<radius>): must be a positive length in metres");
  EXPECT_EQ(readError("<WrapEllipsoid name=\"e\"><dimensions>0.1 0.2</dimensions></WrapEllipsoid>"),
            "bad.osim: line 3 (<dimensions>): expected 3 number(s), found \"0.1 0.2\"");
  EXPECT_EQ(readError("<WrapSphere name=\"s\"><quadrant>w</quadrant></WrapSphere>"),
            "bad.osim: line 3 (<quadrant>): unknown quadrant \"w\" (expected x, +x, -x, y, ..., -z "
            "or all)");
  EXPECT_EQ(readError("<WrapSphere name=\"s\"><active>maybe</active></WrapSphere>"),
            "bad.osim: line 3 (<active>): expected true or false, found \"maybe\"");
  EXPECT_EQ(readError("<WrapSphere name=\"s\"><translation>1 2 3 4</translation></WrapSphere>"),
            "bad.osim: line 3 (<translation>): expected 3 number(s), found \"1 2 3 4\"");
  EXPECT_NE(readError("<WrapCylinderObst name=\"o\"/>")
                .find("unsupported wrap object type WrapCylinderObst"),
            std::string::npos);
  EXPECT_NE(readError("<WrapSphere name=\"s\"><length>1</length></WrapSphere>")
                .find("unknown property <length>"),
            std::string::npos);
  EXPECT_NE(readError("<WrapSphere><radius>1</radius></WrapSphere>").find("has no name"),
            std::string::npos);
}

TEST(WrapReader, DefaultsAreOpenSims) {
  const auto document = XmlDocument::fromText(
      "<WrapObjectSet><objects><WrapTorus name=\"t\"/><WrapSphere "
      "name=\"s\"/></objects></WrapObjectSet>",
      "d.osim");
  const auto objects = readOsimWrapObjectSet(document, document.root(), "b");
  ASSERT_EQ(objects.size(), 2u);
  // WrapTorus::constructProperties: inner 0.01, outer 0.05; WrapSphere: radius 0.05; quadrant
  // "all".
  EXPECT_EQ(std::get<WrapTorus>(objects[0].shape).inner_radius, 0.01);
  EXPECT_EQ(std::get<WrapTorus>(objects[0].shape).outer_radius, 0.05);
  EXPECT_EQ(std::get<WrapSphere>(objects[1].shape).radius, 0.05);
  EXPECT_FALSE(objects[1].quadrant.constrained());
  EXPECT_TRUE(objects[1].active);
}

TEST(WrapReader, RotationIsBodyFixedXYZ) {
  WrapObject object;
  object.xyz_body_rotation = {0.3, -0.2, 1.1};
  const Eigen::Matrix3d expected =
      Eigen::AngleAxisd(0.3, Eigen::Vector3d::UnitX()).toRotationMatrix() *
      Eigen::AngleAxisd(-0.2, Eigen::Vector3d::UnitY()).toRotationMatrix() *
      Eigen::AngleAxisd(1.1, Eigen::Vector3d::UnitZ()).toRotationMatrix();
  EXPECT_TRUE(object.rotationInFrame().isApprox(expected, 1e-15));
}

}  // namespace
}  // namespace kinchain::model
