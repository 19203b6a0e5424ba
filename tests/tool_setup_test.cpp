#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "kinchain/common/error.hpp"
#include "kinchain/dynamics/inverse_dynamics_setup.hpp"
#include "kinchain/kinematics/inverse_kinematics_setup.hpp"
#include "kinchain/kinematics/scale_setup.hpp"
#include "test_paths.hpp"

namespace kinchain {
namespace {

TEST(InverseKinematicsSetup, Reads2xSetupWithHistoricalSpellingAndTaskFile) {
  const auto path =
      test::sharedData("opensim-core/ik_gait2354/subject01_Setup_InverseKinematics.xml");
  const auto setup = kinematics::readInverseKinematicsSetup(path);
  const auto directory = path.parent_path();
  EXPECT_EQ(setup.name, "subject01");
  EXPECT_EQ(setup.modelFile, directory / "subject01_simbody.osim");
  EXPECT_EQ(setup.markerFile, directory / "subject01_synthetic_marker_data.trc");
  EXPECT_DOUBLE_EQ(setup.constraintWeight, 10.0);
  EXPECT_DOUBLE_EQ(setup.accuracy, 1e-5);
  ASSERT_TRUE(setup.startTime && setup.endTime);
  EXPECT_DOUBLE_EQ(*setup.startTime, 0.4);
  EXPECT_DOUBLE_EQ(*setup.endTime, 1.6);
  EXPECT_EQ(setup.outputMotionFile, directory / "subject01_walk1_ik_test.mot");
  EXPECT_FALSE(setup.reportErrors);
  EXPECT_TRUE(setup.coordinateFile.empty());
  // gait2354_IK_Tasks_uniform.xml, read through the IKTaskSet file attribute.
  ASSERT_FALSE(setup.tasks.markerTasks.empty());
  EXPECT_EQ(setup.tasks.markerTasks[0].markerName, "Sternum");
  EXPECT_DOUBLE_EQ(setup.tasks.markerTasks[0].weight, 1.0);
}

TEST(InverseKinematicsSetup, ReadsInlineTasksWithWeights) {
  const auto setup = kinematics::readInverseKinematicsSetup(
      test::sharedData("opensim-core/subject01_walk1_experimental/subject01_Setup_IK.xml"));
  EXPECT_DOUBLE_EQ(setup.constraintWeight, 20.0);
  const auto& tasks = setup.tasks.markerTasks;
  const auto asis = std::find_if(tasks.begin(), tasks.end(),
                                 [](const auto& task) { return task.markerName == "R.ASIS"; });
  ASSERT_NE(asis, tasks.end());
  EXPECT_DOUBLE_EQ(asis->weight, 10.0);
  const auto head = std::find_if(tasks.begin(), tasks.end(),
                                 [](const auto& task) { return task.markerName == "Top.Head"; });
  ASSERT_NE(head, tasks.end());
  EXPECT_DOUBLE_EQ(head->weight, 0.1);
}

TEST(InverseKinematicsSetup, ReadsCoordinateTasks) {
  const auto path = test::sharedData("opensim-core/ik_gait2354/gait2354_IK_Tasks.xml");
  const auto document = XmlDocument::fromFile(path);
  const auto tasks = kinematics::readIkTaskSet(document, document.root(), path.parent_path());
  ASSERT_EQ(tasks.coordinateTasks.size(), 4u);  // subtalar and mtp, both sides
  const auto subtalar =
      std::find_if(tasks.coordinateTasks.begin(), tasks.coordinateTasks.end(),
                   [](const auto& task) { return task.coordinateName == "subtalar_angle_r"; });
  ASSERT_NE(subtalar, tasks.coordinateTasks.end());
  EXPECT_DOUBLE_EQ(subtalar->weight, 1000.0);
}

TEST(InverseKinematicsSetup, RejectsOtherToolsAndBadValues) {
  EXPECT_THROW(static_cast<void>(kinematics::readInverseKinematicsSetup(test::sharedData(
                   "opensim-core/id_gait2354/subject01_Setup_InverseDynamics.xml"))),
               InputError);
  const auto path = test::scratchDirectory("ik") / "setup.xml";
  std::ofstream(path)
      << "<OpenSimDocument><InverseKinematicsTool>\n<marker_file>m.trc</marker_file>\n"
         "<time_range>1.6 0.4</time_range>\n</InverseKinematicsTool></OpenSimDocument>";
  try {
    static_cast<void>(kinematics::readInverseKinematicsSetup(path));
    FAIL() << "a decreasing time range must throw";
  } catch (const InputError& error) {
    EXPECT_EQ(error.place(), "line 3 (<time_range>)");
  }
}

TEST(InverseDynamicsSetup, ReadsTheGait2354Setup) {
  const auto path =
      test::sharedData("opensim-core/id_gait2354/subject01_Setup_InverseDynamics.xml");
  const auto setup = dynamics::readInverseDynamicsSetup(path);
  const auto directory = path.parent_path();
  EXPECT_EQ(setup.modelFile, directory / "subject01.osim");
  EXPECT_EQ(setup.coordinatesFile, directory / "subject01_walk1_ik.mot");
  EXPECT_EQ(setup.externalLoadsFile, directory / "subject01_walk1_grf.xml");
  EXPECT_EQ(setup.resultsDirectory, directory / "Results");
  EXPECT_EQ(setup.outputGeneralizedForceFile, "subject01_InverseDynamics.sto");
  EXPECT_DOUBLE_EQ(setup.lowpassCutoffForCoordinates, 6.0);
  ASSERT_TRUE(setup.coordinatesInDegrees.has_value());
  EXPECT_TRUE(*setup.coordinatesInDegrees);
  EXPECT_DOUBLE_EQ(*setup.startTime, 0.5);
  EXPECT_DOUBLE_EQ(*setup.endTime, 1.6);
  ASSERT_EQ(setup.forcesToExclude.size(), 1u);
  EXPECT_EQ(setup.forcesToExclude[0], "muscles");
}

TEST(InverseDynamicsSetup, ReadsTheArm26AndTutorialSetups) {
  const auto arm = dynamics::readInverseDynamicsSetup(
      test::sharedData("opensim-core/id_arm26/arm26_Setup_InverseDynamics.xml"));
  EXPECT_EQ(arm.modelFile.filename(), "arm26.osim");
  EXPECT_TRUE(arm.externalLoadsFile.empty());
  const auto tutorial = dynamics::readInverseDynamicsSetup(test::sharedData(
      "opensim-core/subject01_walk1_experimental/subject01_Setup_InverseDynamics.xml"));
  EXPECT_EQ(tutorial.outputGeneralizedForceFile, "inverse_dynamics.sto");
  EXPECT_DOUBLE_EQ(*tutorial.startTime, 0.4);
  EXPECT_EQ(tutorial.forcesToExclude[0], "Muscles");
}

}  // namespace
}  // namespace kinchain


namespace kinchain {
namespace {

TEST(ScaleSetup, ReadsTheGait2354ScaleSetup) {
  const auto path = test::sharedData("opensim-core/scale_gait2354/subject01_Setup_Scale.xml");
  const auto setup = kinematics::readScaleSetup(path);
  const auto directory = path.parent_path();
  EXPECT_DOUBLE_EQ(setup.mass, 72.6);
  EXPECT_EQ(setup.modelFile, directory / "gait2354_simbody.osim");
  EXPECT_EQ(setup.markerSetFile, directory / "gait2354_Scale_MarkerSet.xml");
  ASSERT_EQ(setup.scalingOrder.size(), 2u);
  EXPECT_EQ(setup.scalingOrder[0], kinematics::ScalingStep::Measurements);
  EXPECT_EQ(setup.scalingOrder[1], kinematics::ScalingStep::ManualScale);
  ASSERT_GE(setup.measurements.size(), 5u);
  EXPECT_EQ(setup.measurements[1].name, "pelvis");
  ASSERT_EQ(setup.measurements[1].markerPairs.size(), 1u);
  EXPECT_EQ(setup.measurements[1].markerPairs[0][0], "R.ASIS");
  EXPECT_EQ(setup.measurements[1].markerPairs[0][1], "L.ASIS");
  EXPECT_EQ(setup.measurements[2].bodies.size(), 4u);  // femurs and patellae
  ASSERT_EQ(setup.manualScales.size(), 4u);
  EXPECT_EQ(setup.manualScales[0].body, "femur_r");
  EXPECT_DOUBLE_EQ(setup.manualScales[0].factors.x(), 1.14724);
  EXPECT_TRUE(setup.preserveMassDistribution);
  ASSERT_TRUE(setup.scalerTimeRange.has_value());
  EXPECT_DOUBLE_EQ((*setup.scalerTimeRange)[0], 1.0);
  EXPECT_EQ(setup.scalerMarkerFile, directory / "subject01_static.trc");
  EXPECT_TRUE(setup.placerApply);
  EXPECT_EQ(setup.placerOutputModelFile, directory / "subject01_simbody.osim");
  EXPECT_TRUE(setup.placerOutputMarkerFile.empty());  // "Unassigned"
  EXPECT_DOUBLE_EQ(setup.maxMarkerMovement, -1.0);
  EXPECT_FALSE(setup.placerTasks.markerTasks.empty());
  const auto lumbar = std::find_if(
      setup.placerTasks.coordinateTasks.begin(), setup.placerTasks.coordinateTasks.end(),
      [](const auto& task) { return task.coordinateName == "lumbar_extension"; });
  ASSERT_NE(lumbar, setup.placerTasks.coordinateTasks.end());
  EXPECT_EQ(lumbar->valueType, kinematics::CoordinateTaskValue::ManualValue);
}

TEST(ScaleSetup, ReadsTheReferenceScaleSet) {
  const auto scales = kinematics::readScaleSet(
      test::sharedData("opensim-core/scale_gait2354/std_subject01_scaleSet_applied.xml"));
  ASSERT_GT(scales.size(), 10u);
  EXPECT_EQ(scales[1].body, "pelvis");
  EXPECT_DOUBLE_EQ(scales[1].factors.y(), 1.0245770378331935);
}

}  // namespace
}  // namespace kinchain
