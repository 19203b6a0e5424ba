#include "kinchain/dynamics/external_loads.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "kinchain/common/error.hpp"
#include "test_paths.hpp"

namespace kinchain::dynamics {
namespace {

TEST(ExternalLoads, ReadsTheOpenSim4File) {
  const auto path = test::sharedData("opensim-core/id_gait2354/subject01_walk1_grf.xml");
  const auto loads = readExternalLoads(path);
  ASSERT_EQ(loads.forces.size(), 2u);
  EXPECT_EQ(loads.forces[0].name, "RightForce");
  EXPECT_TRUE(loads.forces[0].appliesForce);
  EXPECT_EQ(loads.forces[0].appliedToBody, "calcn_r");
  EXPECT_EQ(loads.forces[0].forceExpressedInBody, "ground");
  EXPECT_EQ(loads.forces[1].forceIdentifier, "l_ground_force_v");
  EXPECT_EQ(loads.forces[1].pointIdentifier, "l_ground_force_p");
  EXPECT_EQ(loads.forces[1].torqueIdentifier, "l_ground_torque");
  EXPECT_EQ(loads.dataFile, path.parent_path() / "subject01_walk1_grf.mot");
}

TEST(ExternalLoads, ReadsThe2xLayoutWithIsDisabledAndUnassigned) {
  const auto path =
      test::sharedData("opensim-core/subject01_walk1_experimental/subject01_walk1_grf.xml");
  const auto loads = readExternalLoads(path);
  ASSERT_EQ(loads.forces.size(), 2u);
  EXPECT_TRUE(loads.forces[1].appliesForce);  // <isDisabled> false
  EXPECT_EQ(loads.forces[1].appliedToBody, "calcn_l");
  EXPECT_EQ(loads.forces[1].forceIdentifier, "1_ground_force_v");
  EXPECT_EQ(loads.forces[0].torqueIdentifier, "ground_torque_");
  EXPECT_TRUE(loads.forces[0].dataSourceName.empty());  // "Unassigned"
  EXPECT_EQ(loads.name, "Ex2");
}

TEST(ExternalLoads, EveryExternalLoadsFileInTheSharedDataReads) {
  for (const char* file :
       {"opensim-core/id_gait2354/subject01_walk1_grf.xml",
        "opensim-core/subject01_walk1_experimental/subject01_walk1_grf.xml",
        "opensim-core/so_gait10dof18musc_ankle_spring/externalForces.xml",
        "opensim-core/muscle_lengths_gait10dof18musc/walk_gait1018_subject01_grf.xml"}) {
    const auto loads = readExternalLoads(test::sharedData(file));
    EXPECT_EQ(loads.forces.size(), 2u) << file;
    EXPECT_FALSE(loads.dataFile.empty()) << file;
    EXPECT_TRUE(std::filesystem::exists(loads.dataFile)) << loads.dataFile;
  }
}

io::TimeSeriesTable grfColumns(const std::vector<std::string>& labels) {
  io::TimeSeriesTable table({0.0, 0.1});
  double value = 1.0;
  for (const auto& label : labels) {
    table.addScalarColumn(label, Eigen::Vector2d(value, value + 0.5));
    value += 1.0;
  }
  return table;
}

TEST(ExternalLoads, ResolvesIdentifiersWithAndWithoutUnderscore) {
  const auto data =
      grfColumns({"ground_force_vx", "ground_force_vy", "ground_force_vz", "1_ground_force_vx",
                  "1_ground_force_vy", "1_ground_force_vz", "ground_force_px", "ground_force_py",
                  "ground_force_pz", "ground_torque_x", "ground_torque_y", "ground_torque_z"});
  ExternalForceDescription right;
  right.name = "right";
  right.forceIdentifier = "ground_force_v";
  right.pointIdentifier = "ground_force_p";
  right.torqueIdentifier = "ground_torque_";
  auto columns = resolveExternalForceColumns(right, data, "grf.mot");
  ASSERT_TRUE(columns.force.has_value());
  EXPECT_EQ((*columns.force)[0], 0u);  // not the "1_" left-foot columns
  EXPECT_EQ((*columns.point)[2], 8u);
  EXPECT_EQ((*columns.torque)[1], 10u);
  right.torqueIdentifier = "ground_torque";  // OpenSim 4 files drop the underscore
  columns = resolveExternalForceColumns(right, data, "grf.mot");
  EXPECT_EQ((*columns.torque)[0], 9u);
}

TEST(ExternalLoads, MissingColumnsNameTheIdentifier) {
  const auto data = grfColumns({"ground_force_vx", "ground_force_vy"});
  ExternalForceDescription force;
  force.name = "right";
  force.forceIdentifier = "ground_force_v";
  try {
    static_cast<void>(resolveExternalForceColumns(force, data, "grf.mot"));
    FAIL() << "a missing z column must throw";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("ground_force_v"), std::string::npos);
    EXPECT_EQ(error.source(), "grf.mot");
  }
}

TEST(ExternalLoads, MalformedFilesGiveLineNumbers) {
  const auto directory = test::scratchDirectory("loads");
  const auto path = directory / "bad.xml";
  std::ofstream(path) << "<OpenSimDocument Version=\"40000\">\n<ExternalLoads>\n<objects>\n"
                         "<ExternalForce name=\"r\">\n<appliesForce>maybe</appliesForce>\n"
                         "</ExternalForce>\n</objects>\n</ExternalLoads>\n</OpenSimDocument>\n";
  try {
    static_cast<void>(readExternalLoads(path));
    FAIL() << "an invalid boolean must throw";
  } catch (const InputError& error) {
    EXPECT_EQ(error.place(), "line 5 (<appliesForce>)");
  }
  std::ofstream(path) << "<Model/>";
  EXPECT_THROW(static_cast<void>(readExternalLoads(path)), InputError);
}

}  // namespace
}  // namespace kinchain::dynamics
