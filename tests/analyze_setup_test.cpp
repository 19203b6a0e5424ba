#include "kinchain/muscle/analyze_setup.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_paths.hpp"

namespace kinchain::muscle {
namespace {

TEST(AnalyzeSetup, ReadsTheAnkleSpringStaticOptimizationSetup) {
  const auto path = test::sharedData(
      "opensim-core/so_gait10dof18musc_ankle_spring/staticoptimization_spring_Setup.xml");
  const auto setup = readAnalyzeSetup(path);
  const auto directory = path.parent_path();
  EXPECT_EQ(setup.modelFile, directory / "subject01_adjusted_spring.osim");
  ASSERT_EQ(setup.forceSetFiles.size(), 1u);
  EXPECT_EQ(setup.forceSetFiles[0], directory / "gait10dof_Actuators_weak.xml");
  EXPECT_FALSE(setup.replaceForceSet);
  EXPECT_EQ(setup.externalLoadsFile, directory / "externalForces.xml");
  EXPECT_EQ(setup.coordinatesFile, directory / "walk_subject01_Kinematics_q.sto");
  EXPECT_DOUBLE_EQ(*setup.initialTime, 0.5);
  EXPECT_DOUBLE_EQ(*setup.finalTime, 1.3);
  EXPECT_DOUBLE_EQ(setup.lowpassCutoffForCoordinates, -1.0);
  ASSERT_EQ(setup.staticOptimizations.size(), 1u);
  const auto& so = setup.staticOptimizations[0];
  EXPECT_EQ(so.stepInterval, 10);
  EXPECT_DOUBLE_EQ(so.activationExponent, 2.0);
  EXPECT_TRUE(so.useMusclePhysiology);
  EXPECT_DOUBLE_EQ(so.convergenceCriterion, 1e-4);
  EXPECT_EQ(so.maxIterations, 100);
  EXPECT_TRUE(setup.unsupportedAnalyses.empty());
}

TEST(AnalyzeSetup, ReadsTheArm26SetupWithDefaults) {
  const auto setup = readAnalyzeSetup(
      test::sharedData("opensim-core/so_arm26/arm26_Setup_StaticOptimization.xml"));
  EXPECT_TRUE(setup.forceSetFiles.empty());
  EXPECT_DOUBLE_EQ(setup.lowpassCutoffForCoordinates, 6.0);
  EXPECT_EQ(setup.outputPrecision, 20);
  ASSERT_EQ(setup.staticOptimizations.size(), 1u);
  EXPECT_EQ(setup.staticOptimizations[0].maxIterations, 100);  // OpenSim default
  EXPECT_DOUBLE_EQ(*setup.initialTime, 0.25);
}

TEST(AnalyzeSetup, ReadsMuscleAnalysisAndListsSkippedAnalyses) {
  const auto setup =
      readAnalyzeSetup(test::sharedData("opensim-core/muscle_analysis_bothlegs/PlotterTool.xml"));
  ASSERT_EQ(setup.muscleAnalyses.size(), 1u);
  const auto& analysis = setup.muscleAnalyses[0];
  ASSERT_EQ(analysis.muscles.size(), 2u);
  EXPECT_EQ(analysis.muscles[1], "VASINT");
  ASSERT_EQ(analysis.momentArmCoordinates.size(), 1u);
  EXPECT_EQ(analysis.momentArmCoordinates[0], "r_knee_angle");
  EXPECT_FALSE(analysis.computeMoments);
  EXPECT_EQ(setup.statesFile.filename(), "plotterGeneratedStates.sto");
  ASSERT_EQ(setup.unsupportedAnalyses.size(), 1u);
  EXPECT_EQ(setup.unsupportedAnalyses[0], "Actuation 'Actuation'");
}

}  // namespace
}  // namespace kinchain::muscle
