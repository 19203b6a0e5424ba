// Tests of the OpenSim force-set reader against the shared OpenSim models. Expected counts and
// values were read from the files themselves (grep / an XML viewer), not from our output.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <numbers>
#include <string>

#include "kinchain/common/error.hpp"
#include "kinchain/common/xml_document.hpp"
#include "kinchain/model/osim_force_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::model {
namespace {

using test::sharedData;

/// Reads the <ForceSet> of a model file the way the .osim importer will.
ForceSetDescription readModelForces(const std::filesystem::path& path) {
  const XmlDocument document = XmlDocument::fromFile(path);
  const pugi::xml_node root = document.root();
  const int version = root.attribute("Version").as_int();
  const pugi::xml_node model = root.child("Model");
  const pugi::xml_node forceSet = model.child("ForceSet");
  EXPECT_TRUE(forceSet) << path;
  return readOsimForceSet(document, forceSet, version);
}

ForceSetDescription readText(const std::string& forcesXml, int version = 40000) {
  const XmlDocument document = XmlDocument::fromText(
      "<OpenSimDocument Version=\"" + std::to_string(version) + "\">\n<ForceSet name=\"f\">\n" +
          "<objects>\n" + forcesXml + "\n</objects>\n</ForceSet>\n</OpenSimDocument>\n",
      "inline.osim");
  return readOsimForceSet(document, document.root().child("ForceSet"), version);
}

const MuscleDescription& muscleNamed(const ForceSetDescription& set, const std::string& name) {
  for (const auto& muscle : set.muscles) {
    if (muscle.name == name) return muscle;
  }
  throw std::runtime_error("no muscle " + name);
}

std::size_t countPoints(const ForceSetDescription& set,
                        bool (PathPointDescription::*kind)() const) {
  std::size_t count = 0;
  for (const auto& muscle : set.muscles) {
    for (const auto& point : muscle.path.points)
      count += (point.*kind)() ? 1 : 0;
  }
  return count;
}

// --- every shared model: counts ------------------------------------------------------------------

struct ModelCounts {
  const char* file;
  std::size_t muscles;
  const char* muscleType;
  std::size_t coordinateActuators;
  std::size_t pointActuators;
  std::size_t torqueActuators;
  std::size_t coordinateLimitForces;
};

// Counts from `grep -c '<Thelen2003Muscle '` etc. on each file.
const ModelCounts kModels[] = {
    {"opensim-core/scale_gait2354/gait2354_simbody.osim", 54, "Thelen2003Muscle", 0, 0, 0, 0},
    {"opensim-core/scale_gait2354/std_subject01_simbody.osim", 54, "Thelen2003Muscle", 0, 0, 0, 0},
    {"opensim-core/id_arm26/arm26.osim", 6, "Thelen2003Muscle", 0, 0, 0, 0},
    {"opensim-core/so_arm26/arm26.osim", 6, "Thelen2003Muscle", 0, 0, 0, 0},
    {"opensim-core/id_gait2354/subject01.osim", 54, "Thelen2003Muscle", 0, 0, 0, 0},
    {"opensim-core/ik_gait2354/subject01_simbody.osim", 54, "Thelen2003Muscle", 0, 0, 0, 0},
    {"opensim-core/models/gait2392_millard_v30000.osim", 92, "Millard2012EquilibriumMuscle", 0, 0,
     0, 0},
    {"opensim-core/models/model_Rajagopal2015_posed.osim", 80, "Millard2012EquilibriumMuscle", 13,
     0, 0, 0},
    {"opensim-core/muscle_analysis_bothlegs/BothLegs.osim", 93, "Schutte1993Muscle", 0, 0, 0, 0},
    {"opensim-core/muscle_lengths_gait10dof18musc/walk_gait1018_subject01.osim", 18,
     "Millard2012EquilibriumMuscle", 0, 0, 0, 0},
    {"opensim-core/so_gait10dof18musc_ankle_spring/subject01_adjusted_spring.osim", 18,
     "Millard2012EquilibriumMuscle", 7, 2, 1, 1},
    {"opensim-core/subject01_walk1_experimental/gait10dof18musc_subject01.osim", 18,
     "Millard2012EquilibriumMuscle", 0, 0, 0, 0},
    {"opensim-models/gait2392_thelen2003muscle.osim", 92, "Thelen2003Muscle", 0, 0, 0, 0},
    {"opensim-models/gait10dof18musc.osim", 18, "Millard2012EquilibriumMuscle", 0, 0, 0, 0},
    {"opensim-models/gait2354_simbody.osim", 54, "Thelen2003Muscle", 0, 0, 0, 0},
};

TEST(OsimForceReader, EverySharedModelReadsWithExpectedCounts) {
  for (const auto& expected : kModels) {
    SCOPED_TRACE(expected.file);
    const ForceSetDescription set = readModelForces(sharedData(expected.file));
    EXPECT_EQ(set.muscles.size(), expected.muscles);
    for (const auto& muscle : set.muscles) {
      EXPECT_EQ(muscle.type, expected.muscleType) << muscle.name;
      EXPECT_GE(muscle.path.points.size(), 2u) << muscle.name;
      EXPECT_GT(muscle.line, 0u);
    }
    EXPECT_EQ(set.coordinateActuators.size(), expected.coordinateActuators);
    EXPECT_EQ(set.pointActuators.size(), expected.pointActuators);
    EXPECT_EQ(set.torqueActuators.size(), expected.torqueActuators);
    EXPECT_EQ(set.coordinateLimitForces.size(), expected.coordinateLimitForces);
    EXPECT_TRUE(set.notUnderstood.empty());
  }
}

// --- Thelen2003Muscle: 1.x (10901) layout --------------------------------------------------------

TEST(OsimForceReader, Arm26Version10901ThelenLegacyLayout) {
  const auto set = readModelForces(sharedData("opensim-core/id_arm26/arm26.osim"));
  const auto& triLong = muscleNamed(set, "TRIlong");
  // Values from arm26.osim lines 8-140.
  EXPECT_DOUBLE_EQ(triLong.maxIsometricForce, 798.52);
  EXPECT_DOUBLE_EQ(triLong.optimalFiberLength, 0.134);
  EXPECT_DOUBLE_EQ(triLong.tendonSlackLength, 0.143);
  EXPECT_DOUBLE_EQ(triLong.pennationAngleAtOptimal, 0.20943951);  // <pennation_angle>
  EXPECT_DOUBLE_EQ(triLong.maxContractionVelocity, 10.0);         // Muscle.cpp default
  EXPECT_TRUE(triLong.appliesForce);
  const auto& thelen = std::get<Thelen2003MuscleParameters>(triLong.parameters);
  EXPECT_DOUBLE_EQ(thelen.activationTimeConstant, 0.01);
  EXPECT_DOUBLE_EQ(thelen.deactivationTimeConstant, 0.04);
  EXPECT_DOUBLE_EQ(thelen.FmaxTendonStrain, 0.033);
  EXPECT_DOUBLE_EQ(thelen.KshapeActive, 0.5);
  EXPECT_DOUBLE_EQ(thelen.KshapePassive, 4.0);
  EXPECT_DOUBLE_EQ(thelen.Af, 0.3);
  EXPECT_DOUBLE_EQ(thelen.Flen, 1.8);
  ASSERT_TRUE(thelen.legacy.has_value());
  EXPECT_DOUBLE_EQ(*thelen.legacy->Vmax, 10.0);
  EXPECT_DOUBLE_EQ(*thelen.legacy->Vmax0, 5.0);
  EXPECT_DOUBLE_EQ(*thelen.legacy->damping, 0.05);
  // Omitted: Thelen2003Muscle.cpp defaults.
  EXPECT_DOUBLE_EQ(thelen.minimumActivation, 0.01);
  EXPECT_DOUBLE_EQ(thelen.maximumPennationAngle, std::acos(0.1));
  EXPECT_DOUBLE_EQ(triLong.minControl, 0.01);  // Thelen: min_control = minimum_activation
  EXPECT_DOUBLE_EQ(triLong.maxControl, 1.0);

  ASSERT_EQ(triLong.path.points.size(), 5u);
  EXPECT_EQ(triLong.path.points[0].name, "TRIlong-P1");
  EXPECT_EQ(triLong.path.points[0].frame.name, "ground");
  EXPECT_TRUE(triLong.path.points[0].isFixed());
  EXPECT_DOUBLE_EQ(triLong.path.points[0].location.x(), -0.05365);
  EXPECT_DOUBLE_EQ(triLong.path.points[0].location.z(), 0.14723);
  EXPECT_EQ(triLong.path.points[4].frame.name, "r_ulna_radius_hand");
  ASSERT_EQ(triLong.path.wraps.size(), 3u);
  EXPECT_EQ(triLong.path.wraps[0].wrapObject, "TRI");
  EXPECT_EQ(triLong.path.wraps[1].wrapObject, "TRIlonghh");
  EXPECT_EQ(triLong.path.wraps[2].method, PathWrapMethod::Hybrid);
  EXPECT_EQ(triLong.path.wraps[2].rangeBegin, -1);
  EXPECT_EQ(triLong.path.wraps[2].rangeEnd, -1);
}

// --- Thelen2003Muscle: 2.x conditional and moving points -----------------------------------------

TEST(OsimForceReader, Gait2354Version20302ConditionalAndMovingPoints) {
  const auto set = readModelForces(sharedData("opensim-core/id_gait2354/subject01.osim"));
  // grep -c '<ConditionalPathPoint' = 12, '<MovingPathPoint' = 4.
  EXPECT_EQ(countPoints(set, &PathPointDescription::isConditional), 12u);
  EXPECT_EQ(countPoints(set, &PathPointDescription::isMoving), 4u);

  const auto& gracilis = muscleNamed(set, "grac_r");
  const auto& p2 = gracilis.path.points[1];  // subject01.osim line 1265
  EXPECT_EQ(p2.name, "grac_r-P2");
  EXPECT_EQ(p2.frame.name, "tibia_r");
  EXPECT_EQ(p2.line, 1265u);
  const auto& range = std::get<ConditionalPathPointRange>(p2.kind);
  EXPECT_EQ(range.coordinate.name, "knee_angle_r");
  EXPECT_DOUBLE_EQ(range.rangeMin, -0.43633231);
  EXPECT_DOUBLE_EQ(range.rangeMax, 0.17453293);
  EXPECT_DOUBLE_EQ(p2.location.y(), -0.03153388);

  const auto& rectFem = muscleNamed(set, "rect_fem_r");
  const auto& p3 = rectFem.path.points[2];  // line 2687: NaturalCubicSpline on knee_angle_r
  ASSERT_TRUE(p3.isMoving());
  const auto& moving = std::get<MovingPathPointFunctions>(p3.kind);
  for (int axis = 0; axis < 3; ++axis) {
    EXPECT_EQ(moving.coordinates[static_cast<std::size_t>(axis)].name, "knee_angle_r");
    ASSERT_TRUE(moving.locationFunctions[static_cast<std::size_t>(axis)].has_value());
  }
  // At knot x = 0 the spline passes through y = 0.06104876 (subject01.osim line 2711).
  EXPECT_NEAR(moving.locationFunctions[0]->value(0.0), 0.06104876, 1e-12);
}

TEST(OsimForceReader, Gait2392Version30000MovingPointMultiplierFunction) {
  const auto set = readModelForces(sharedData("opensim-core/models/gait2392_millard_v30000.osim"));
  EXPECT_EQ(countPoints(set, &PathPointDescription::isConditional), 26u);
  EXPECT_EQ(countPoints(set, &PathPointDescription::isMoving), 8u);
  const auto& rectFem = muscleNamed(set, "rect_fem_r");
  const auto& moving = std::get<MovingPathPointFunctions>(rectFem.path.points[2].kind);
  ASSERT_TRUE(moving.locationFunctions[0].has_value());
  EXPECT_EQ(moving.locationFunctions[0]->typeName(), "MultiplierFunction");
  // Line 4957-4961: SimmSpline knot (0, 0.0617576) scaled by 0.988523.
  EXPECT_NEAR(moving.locationFunctions[0]->value(0.0), 0.0617576 * 0.988523, 1e-12);
  EXPECT_EQ(moving.coordinates[0].name, "knee_angle_r");
  // 3.x Millard muscles keep Thelen-style leftovers that OpenSim 4 does not read.
  const auto& muscle = set.muscles.front();
  EXPECT_FALSE(muscle.ignoredProperties.empty());
}

// --- 4.x sockets ---------------------------------------------------------------------------------

TEST(OsimForceReader, Gait2392Version40000SocketPaths) {
  const auto set = readModelForces(sharedData("opensim-models/gait2392_thelen2003muscle.osim"));
  EXPECT_EQ(countPoints(set, &PathPointDescription::isConditional), 26u);
  EXPECT_EQ(countPoints(set, &PathPointDescription::isMoving), 8u);
  const auto& semimem = muscleNamed(set, "semimem_r");
  const auto& p2 = semimem.path.points[1];  // gait2392_thelen2003muscle.osim line 2636
  EXPECT_EQ(p2.frame.name, "tibia_r");
  EXPECT_EQ(p2.frame.path, "/bodyset/tibia_r");
  const auto& range = std::get<ConditionalPathPointRange>(p2.kind);
  EXPECT_EQ(range.coordinate.name, "knee_angle_r");
  EXPECT_EQ(range.coordinate.path, "/jointset/knee_r/knee_angle_r");
  EXPECT_DOUBLE_EQ(range.rangeMin, -0.558505);
  EXPECT_DOUBLE_EQ(range.rangeMax, 0.174533);
  EXPECT_DOUBLE_EQ(p2.location.x(), -0.0348);

  const auto& rectFem = muscleNamed(set, "rect_fem_r");
  const auto& moving = std::get<MovingPathPointFunctions>(rectFem.path.points[2].kind);
  EXPECT_EQ(moving.coordinates[2].path, "/jointset/knee_r/knee_angle_r");
  ASSERT_TRUE(moving.locationFunctions[2].has_value());
  EXPECT_NEAR(moving.locationFunctions[2]->value(-1.0), 0.0014, 1e-12);  // line 4171-4172
}

// --- Millard2012EquilibriumMuscle ----------------------------------------------------------------

TEST(OsimForceReader, RajagopalMillardCurveParameters) {
  const auto set =
      readModelForces(sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  const auto& addbrev = muscleNamed(set, "addbrev_r");
  const auto& millard = std::get<Millard2012EquilibriumMuscleParameters>(addbrev.parameters);
  // model_Rajagopal2015_posed.osim lines 5579-5616.
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.minNormActiveFiberLength, 0.25);
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.transitionNormFiberLength, 0.77);
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.maxNormActiveFiberLength, 1.9);
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.shallowAscendingSlope, 0.75);
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.minimumValue, 0.0);
  EXPECT_DOUBLE_EQ(millard.forceVelocityCurve.maxEccentricVelocityForceMultiplier, 1.4);
  EXPECT_DOUBLE_EQ(millard.fiberForceLengthCurve.strainAtOneNormForce, 0.7);
  EXPECT_FALSE(millard.fiberForceLengthCurve.curviness.has_value());
  // Empty <TendonForceLengthCurve>: TendonForceLengthCurve.cpp default strain 0.049.
  EXPECT_DOUBLE_EQ(millard.tendonForceLengthCurve.strainAtOneNormForce, 0.049);
  EXPECT_FALSE(millard.tendonForceLengthCurve.stiffnessAtOneNormForce.has_value());
  // ForceVelocityCurve.cpp defaults for curviness, not in the file.
  EXPECT_DOUBLE_EQ(millard.forceVelocityCurve.concentricCurviness, 0.6);
  EXPECT_DOUBLE_EQ(millard.forceVelocityCurve.eccentricCurviness, 0.9);

  ASSERT_EQ(set.coordinateActuators.size(), 13u);
  const auto& lumbar = set.coordinateActuators.front();  // line 13897
  EXPECT_EQ(lumbar.name, "lumbar_ext");
  EXPECT_EQ(lumbar.coordinate.name, "lumbar_extension");
  EXPECT_DOUBLE_EQ(lumbar.optimalForce, 10.0);
  EXPECT_TRUE(std::isinf(lumbar.controls.minControl) && lumbar.controls.minControl < 0);
  EXPECT_TRUE(std::isinf(lumbar.controls.maxControl) && lumbar.controls.maxControl > 0);
}

TEST(OsimForceReader, Gait10dofMillardVersion40000) {
  const auto set = readModelForces(sharedData("opensim-models/gait10dof18musc.osim"));
  const auto& hamstrings = set.muscles.front();
  EXPECT_EQ(hamstrings.name, "hamstrings_r");
  EXPECT_DOUBLE_EQ(hamstrings.maxIsometricForce, 2700.0);
  EXPECT_DOUBLE_EQ(hamstrings.optimalFiberLength, 0.109);
  EXPECT_DOUBLE_EQ(hamstrings.tendonSlackLength, 0.326);
  const auto& millard = std::get<Millard2012EquilibriumMuscleParameters>(hamstrings.parameters);
  EXPECT_DOUBLE_EQ(millard.deactivationTimeConstant, 0.04);
  EXPECT_DOUBLE_EQ(millard.minimumActivation, 0.01);
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.minimumValue, 0.0);
  // ActiveForceLengthCurve.cpp defaults for the properties the file leaves out.
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.minNormActiveFiberLength, 0.47 - 0.0259);
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.transitionNormFiberLength, 0.73);
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.maxNormActiveFiberLength, 1.8123);
  EXPECT_DOUBLE_EQ(millard.activeForceLengthCurve.shallowAscendingSlope, 0.8616);
  ASSERT_EQ(hamstrings.path.points.size(), 3u);
  EXPECT_EQ(hamstrings.path.points[0].frame.name, "pelvis");
  EXPECT_DOUBLE_EQ(hamstrings.path.points[0].location.x(), -0.12596);
  EXPECT_EQ(hamstrings.path.points[2].frame.name, "tibia_r");
}

// --- Schutte1993Muscle ---------------------------------------------------------------------------

TEST(OsimForceReader, BothLegsSchutteCurves) {
  const auto set =
      readModelForces(sharedData("opensim-core/muscle_analysis_bothlegs/BothLegs.osim"));
  EXPECT_EQ(countPoints(set, &PathPointDescription::isConditional), 16u);
  const auto& gmed1 = set.muscles.front();
  EXPECT_EQ(gmed1.name, "GMED1");
  EXPECT_DOUBLE_EQ(gmed1.maxIsometricForce, 546.0);
  EXPECT_DOUBLE_EQ(gmed1.optimalFiberLength, 0.0535);
  EXPECT_DOUBLE_EQ(gmed1.tendonSlackLength, 0.078);
  EXPECT_DOUBLE_EQ(gmed1.pennationAngleAtOptimal, 0.13962634);
  // min_control 0 / max_control 1 in a 20303 file: Muscle defaults [0, 1].
  EXPECT_DOUBLE_EQ(gmed1.minControl, 0.0);
  EXPECT_DOUBLE_EQ(gmed1.maxControl, 1.0);
  const auto& schutte = std::get<Schutte1993MuscleParameters>(gmed1.parameters);
  EXPECT_DOUBLE_EQ(schutte.timeScale, 0.1);
  EXPECT_DOUBLE_EQ(schutte.activation1, 7.667);
  EXPECT_DOUBLE_EQ(schutte.activation2, 1.459854);
  EXPECT_DOUBLE_EQ(schutte.damping, 0.1);
  ASSERT_TRUE(schutte.tendonForceLengthCurve.has_value());
  ASSERT_TRUE(schutte.activeForceLengthCurve.has_value());
  ASSERT_TRUE(schutte.passiveForceLengthCurve.has_value());
  EXPECT_EQ(gmed1.path.points[1].frame.name, "femur");
}

// --- actuators and CoordinateLimitForce ----------------------------------------------------------

TEST(OsimForceReader, AnkleSpringModelActuatorsAndLimitForce) {
  const auto set = readModelForces(
      sharedData("opensim-core/so_gait10dof18musc_ankle_spring/subject01_adjusted_spring.osim"));
  ASSERT_EQ(set.coordinateLimitForces.size(), 1u);
  const auto& spring = set.coordinateLimitForces.front();  // lines 3353-3368
  EXPECT_EQ(spring.name, "AnkleLimitSpringDamper");
  EXPECT_EQ(spring.coordinate.name, "ankle_angle_r");
  EXPECT_DOUBLE_EQ(spring.upperStiffness, 30.0);
  EXPECT_DOUBLE_EQ(spring.upperLimit, 5.0);
  EXPECT_DOUBLE_EQ(spring.lowerStiffness, 1.0);
  EXPECT_DOUBLE_EQ(spring.lowerLimit, -90.0);
  EXPECT_DOUBLE_EQ(spring.damping, 0.01);
  EXPECT_DOUBLE_EQ(spring.transition, 2.0);
  EXPECT_FALSE(spring.computeDissipationEnergy);  // CoordinateLimitForce.cpp default
  const auto& hamstrings = muscleNamed(set, "hamstrings_r");
  EXPECT_DOUBLE_EQ(hamstrings.minControl, 0.0001);  // line 1445
  const auto& millard = std::get<Millard2012EquilibriumMuscleParameters>(hamstrings.parameters);
  EXPECT_DOUBLE_EQ(millard.minimumActivation, 0.0);
}

TEST(OsimForceReader, ActuatorFile) {
  const auto set = readOsimForceSetFile(
      sharedData("opensim-core/so_gait10dof18musc_ankle_spring/gait10dof_Actuators_weak.xml"));
  EXPECT_TRUE(set.muscles.empty());
  ASSERT_EQ(set.pointActuators.size(), 2u);
  ASSERT_EQ(set.torqueActuators.size(), 1u);
  ASSERT_EQ(set.coordinateActuators.size(), 7u);
  const auto& fy = set.pointActuators[1];
  EXPECT_EQ(fy.name, "FY");
  EXPECT_EQ(fy.body.name, "pelvis");
  EXPECT_DOUBLE_EQ(fy.point.x(), -0.034);
  EXPECT_DOUBLE_EQ(fy.direction.y(), 1.0);
  EXPECT_FALSE(fy.pointIsGlobal);
  EXPECT_TRUE(fy.forceIsGlobal);
  const auto& mz = set.torqueActuators.front();
  EXPECT_EQ(mz.bodyA.name, "pelvis");
  EXPECT_EQ(mz.bodyB.name, "ground");
  EXPECT_TRUE(mz.torqueIsGlobal);
  EXPECT_DOUBLE_EQ(mz.axis.z(), 1.0);
  EXPECT_EQ(set.coordinateActuators.front().name, "hip_flexion_r_reserve");
  EXPECT_EQ(set.coordinateActuators.front().coordinate.name, "hip_flexion_r");
}

// --- defaults and version rules on inline files --------------------------------------------------

const char* kTwoPoints = R"(<GeometryPath><PathPointSet><objects>
  <PathPoint name="a"><socket_parent_frame>/bodyset/femur</socket_parent_frame><location>0 0 0</location></PathPoint>
  <PathPoint name="b"><socket_parent_frame>/bodyset/tibia</socket_parent_frame><location>0 -0.4 0</location></PathPoint>
</objects></PathPointSet></GeometryPath>)";

TEST(OsimForceReader, OmittedPropertiesTakeOpenSimDefaults) {
  const auto set = readText(std::string("<Thelen2003Muscle name=\"m\">") + kTwoPoints +
                            "</Thelen2003Muscle><Millard2012EquilibriumMuscle name=\"n\">" +
                            kTwoPoints + "</Millard2012EquilibriumMuscle>" +
                            "<Schutte1993Muscle name=\"s\">" + kTwoPoints + "</Schutte1993Muscle>");
  ASSERT_EQ(set.muscles.size(), 3u);
  const auto& thelenMuscle = set.muscles[0];
  // Muscle.cpp constructProperties.
  EXPECT_DOUBLE_EQ(thelenMuscle.maxIsometricForce, 1000.0);
  EXPECT_DOUBLE_EQ(thelenMuscle.optimalFiberLength, 0.1);
  EXPECT_DOUBLE_EQ(thelenMuscle.tendonSlackLength, 0.2);
  EXPECT_DOUBLE_EQ(thelenMuscle.maxContractionVelocity, 10.0);
  const auto& thelen = std::get<Thelen2003MuscleParameters>(thelenMuscle.parameters);
  // Thelen2003Muscle.cpp constructProperties.
  EXPECT_DOUBLE_EQ(thelen.FmaxTendonStrain, 0.04);
  EXPECT_DOUBLE_EQ(thelen.Flen, 1.4);
  EXPECT_DOUBLE_EQ(thelen.activationTimeConstant, 0.015);
  EXPECT_FALSE(thelen.legacy.has_value());
  const auto& millard = std::get<Millard2012EquilibriumMuscleParameters>(set.muscles[1].parameters);
  // Millard2012EquilibriumMuscle.cpp constructProperties.
  EXPECT_DOUBLE_EQ(millard.fiberDamping, 0.1);
  EXPECT_DOUBLE_EQ(millard.activationTimeConstant, 0.01);
  EXPECT_DOUBLE_EQ(millard.maximumPennationAngle, std::acos(0.1));
  EXPECT_DOUBLE_EQ(set.muscles[1].minControl, 0.01);  // = minimum_activation
  const auto& schutte = std::get<Schutte1993MuscleParameters>(set.muscles[2].parameters);
  EXPECT_FALSE(schutte.passiveForceLengthCurve.has_value());  // -> exp(8(l-1))/exp(4)
  EXPECT_EQ(simmDefaultTendonForceLengthCurve().x.size(), 17u);
  EXPECT_EQ(simmDefaultActiveForceLengthCurve().x.size(), 21u);
  EXPECT_EQ(simmDefaultPassiveForceLengthCurve().x.size(), 13u);
  EXPECT_EQ(delpDefaultForceVelocityCurve().x.size(), 42u);
}

TEST(OsimForceReader, MovingPointFunctionsInBothLayouts) {
  // 2.x/3.x: <x_location><Type/></x_location>; 4.x may also write <Type name="x_location">.
  const auto set = readText(R"(<Thelen2003Muscle name="m"><GeometryPath><PathPointSet><objects>
    <PathPoint name="a"><body>femur</body></PathPoint>
    <MovingPathPoint name="b"><socket_parent_frame>/bodyset/tibia</socket_parent_frame>
      <socket_x_coordinate>/jointset/knee/knee_angle</socket_x_coordinate>
      <SimmSpline name="x_location"><x>0 1 2</x><y>0.5 0.6 0.7</y></SimmSpline>
      <y_location><Constant><value>0.25</value></Constant></y_location>
    </MovingPathPoint></objects></PathPointSet></GeometryPath></Thelen2003Muscle>)");
  const auto& muscle = set.muscles.front();
  EXPECT_TRUE(muscle.ignoredProperties.empty());
  const auto& moving = std::get<MovingPathPointFunctions>(muscle.path.points[1].kind);
  ASSERT_TRUE(moving.locationFunctions[0].has_value());
  EXPECT_NEAR(moving.locationFunctions[0]->value(1.0), 0.6, 1e-12);
  ASSERT_TRUE(moving.locationFunctions[1].has_value());
  EXPECT_NEAR(moving.locationFunctions[1]->value(3.0), 0.25, 1e-12);
  EXPECT_FALSE(moving.locationFunctions[2].has_value());  // OpenSim default Constant(0)
  EXPECT_EQ(moving.coordinates[0].name, "knee_angle");
  EXPECT_TRUE(moving.coordinates[1].empty());
}

TEST(OsimForceReader, IsDisabledAndAppliesForce) {
  const auto set = readText(R"(
    <CoordinateActuator name="a"><isDisabled>true</isDisabled><coordinate>q</coordinate></CoordinateActuator>
    <CoordinateActuator name="b"><appliesForce>false</appliesForce><coordinate>q</coordinate></CoordinateActuator>
    <CoordinateActuator name="c"><coordinate>q</coordinate></CoordinateActuator>)",
                            30000);
  ASSERT_EQ(set.coordinateActuators.size(), 3u);
  EXPECT_FALSE(set.coordinateActuators[0].appliesForce);
  EXPECT_FALSE(set.coordinateActuators[1].appliesForce);
  EXPECT_TRUE(set.coordinateActuators[2].appliesForce);
  EXPECT_DOUBLE_EQ(set.coordinateActuators[2].optimalForce, 1.0);  // CoordinateActuator.cpp
}

TEST(OsimForceReader, UnknownForceTypesAreListedNotDropped) {
  const auto set = readText(R"(
    <ExpressionBasedCoordinateForce name="spring"><coordinate>q</coordinate></ExpressionBasedCoordinateForce>
    <HuntCrossleyForce name="contact"/>)");
  ASSERT_EQ(set.notUnderstood.size(), 2u);
  EXPECT_EQ(set.notUnderstood[0].type, "ExpressionBasedCoordinateForce");
  EXPECT_EQ(set.notUnderstood[0].name, "spring");
  EXPECT_EQ(set.notUnderstood[0].line, 5u);
  EXPECT_EQ(set.notUnderstood[1].type, "HuntCrossleyForce");
}

// --- malformed input -----------------------------------------------------------------------------

void expectInputError(const std::string& xml, const std::string& reasonPart, std::size_t line) {
  try {
    readText(xml);
    ADD_FAILURE() << "expected InputError mentioning \"" << reasonPart << "\"";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(reasonPart), std::string::npos) << error.what();
    EXPECT_NE(error.place().find("line " + std::to_string(line)), std::string::npos)
        << error.place();
  }
}

TEST(OsimForceReader, MalformedValuesAreInputErrorsWithLine) {
  // Line numbers: the inline wrapper puts the first force on line 4.
  expectInputError(std::string("<Thelen2003Muscle name=\"m\">\n<max_isometric_force>NaN"
                               "</max_isometric_force>") +
                       kTwoPoints + "</Thelen2003Muscle>",
                   "NaN", 5);
  expectInputError(std::string("<Thelen2003Muscle name=\"m\">\n<optimal_fiber_length>-0.1"
                               "</optimal_fiber_length>") +
                       kTwoPoints + "</Thelen2003Muscle>",
                   "positive", 5);
  expectInputError(std::string("<Thelen2003Muscle name=\"m\">\n<tendon_slack_length>abc"
                               "</tendon_slack_length>") +
                       kTwoPoints + "</Thelen2003Muscle>",
                   "not a number", 5);
  expectInputError(std::string("<Thelen2003Muscle name=\"m\">\n<max_isometric_force>Inf"
                               "</max_isometric_force>") +
                       kTwoPoints + "</Thelen2003Muscle>",
                   "infinite", 5);
  expectInputError(
      "<CoordinateActuator name=\"a\"><optimal_force>1</optimal_force>"
      "</CoordinateActuator>",
      "coordinate", 4);
  expectInputError("<CoordinateActuator><coordinate>q</coordinate></CoordinateActuator>", "no name",
                   4);
  expectInputError(
      "<Thelen2003Muscle name=\"m\"><GeometryPath><PathPointSet><objects>\n"
      "<PathPoint name=\"a\"><body>femur</body></PathPoint>"
      "</objects></PathPointSet></GeometryPath></Thelen2003Muscle>",
      "at least two", 4);
  expectInputError(
      "<Thelen2003Muscle name=\"m\"><GeometryPath><PathPointSet><objects>\n"
      "<PathPoint name=\"a\"><location>0 0 0</location></PathPoint>\n"
      "<PathPoint name=\"b\"><body>femur</body></PathPoint>"
      "</objects></PathPointSet></GeometryPath></Thelen2003Muscle>",
      "frame", 5);
  expectInputError(
      "<Thelen2003Muscle name=\"m\"><GeometryPath><PathPointSet><objects>\n"
      "<ConditionalPathPoint name=\"a\"><body>femur</body><range>0 1</range>"
      "</ConditionalPathPoint>\n"
      "<PathPoint name=\"b\"><body>femur</body></PathPoint>"
      "</objects></PathPointSet></GeometryPath></Thelen2003Muscle>",
      "coordinate", 5);
  expectInputError(std::string("<Thelen2003Muscle name=\"m\">") +
                       "<GeometryPath><PathPointSet><objects>\n"
                       "<PathPoint name=\"a\"><body>femur</body></PathPoint>\n"
                       "<PathPoint name=\"b\"><body>tibia</body><location>0 1</location>"
                       "</PathPoint></objects></PathPointSet></GeometryPath></Thelen2003Muscle>",
                   "three numbers", 6);
}

TEST(OsimForceReader, MalformedWrapsAreInputErrors) {
  const std::string points = R"(<PathPointSet><objects>
    <PathPoint name="a"><body>femur</body></PathPoint>
    <PathPoint name="b"><body>tibia</body></PathPoint></objects></PathPointSet>)";
  expectInputError("<Thelen2003Muscle name=\"m\"><GeometryPath>" + points +
                       "<PathWrapSet><objects>\n<PathWrap><wrap_object>cyl</wrap_object>"
                       "<method>spiral</method></PathWrap></objects></PathWrapSet>"
                       "</GeometryPath></Thelen2003Muscle>",
                   "wrap method", 7);
  expectInputError("<Thelen2003Muscle name=\"m\"><GeometryPath>" + points +
                       "<PathWrapSet><objects>\n<PathWrap><wrap_object>cyl</wrap_object>"
                       "<range>3 1</range></PathWrap></objects></PathWrapSet>"
                       "</GeometryPath></Thelen2003Muscle>",
                   "wrap range", 7);
}

}  // namespace
}  // namespace kinchain::model
