#include "kinchain/kinematics/inverse_kinematics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

#include "kinchain/common/error.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/table_comparison.hpp"
#include "kinchain/io/trc_file.hpp"
#include "kinchain/kinematics/inverse_kinematics_setup.hpp"
#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::kinematics {
namespace {

Eigen::Index rowAtTime(const std::vector<double>& time, double t) {
  const auto it = std::lower_bound(time.begin(), time.end(), t - 1e-9);
  return static_cast<Eigen::Index>(it - time.begin());
}

// OpenSim's own regression (Applications/IK/tests/testIK.cpp, testInverseKinematicsGait2354):
// IK of the synthetic gait2354 markers must match std_subject01_walk1_ik.mot with RMS < 0.2 per
// coordinate (degrees for rotations, metres for translations).
TEST(InverseKinematics, Gait2354MatchesOpenSimWithinItsTolerance) {
  const auto setup = readInverseKinematicsSetup(
      test::sharedData("opensim-core/ik_gait2354/subject01_Setup_InverseKinematics.xml"));
  const auto model = model::readOsimModel(setup.modelFile);
  const auto markers = io::readTrc(setup.markerFile);
  const InverseKinematicsProblem problem(model, markers, setup.tasks);
  const auto first = rowAtTime(problem.time(), *setup.startTime);
  const auto last = rowAtTime(problem.time(), *setup.endTime);
  const auto result = solveInverseKinematicsTrial(problem, first, last - first + 1);
  const auto coordinates = ikCoordinatesTable(model, result);
  const auto standard =
      io::readSto(test::sharedData("opensim-core/ik_gait2354/std_subject01_walk1_ik.mot"));
  const auto comparison = io::compareWithStandard(coordinates, standard);
  ASSERT_GE(comparison.size(), 20u);
  double worst = 0.0;
  std::string worstColumn;
  for (const auto& column : comparison) {
    EXPECT_LT(column.rms, 0.2) << column.label;
    if (column.rms > worst) {
      worst = column.rms;
      worstColumn = column.label;
    }
  }
  RecordProperty("worst_rms", std::to_string(worst) + " (" + worstColumn + ")");
  std::cout << "[ IK gait2354 ] worst RMS vs OpenSim: " << worst << " (" << worstColumn
            << "), tolerance 0.2\n";
  for (const auto& frame : result.frames) {
    EXPECT_TRUE(frame.converged);
    EXPECT_LT(frame.maxError, 0.04);  // OpenSim best practice: IK max marker error < 4 cm
  }
}

model::Model gait2354() {
  return model::readOsimModel(test::sharedData("opensim-core/ik_gait2354/subject01_simbody.osim"));
}

// Markers made by forward kinematics of a known pose (metres).
io::TimeSeriesTable markersAtPoses(const model::Model& model,
                                   const std::vector<Eigen::VectorXd>& poses) {
  std::vector<double> time;
  for (std::size_t index = 0; index < poses.size(); ++index)
    time.push_back(0.01 * static_cast<double>(index));
  io::TimeSeriesTable table(time);
  model::Data data(model);
  std::vector<Eigen::Matrix3Xd> positions;
  for (const auto& q : poses) {
    model::forwardKinematics(model, data, q);
    positions.push_back(data.markerPositions);
  }
  for (std::size_t marker = 0; marker < model.markers().size(); ++marker) {
    Eigen::MatrixX3d column(static_cast<Eigen::Index>(poses.size()), 3);
    for (std::size_t frame = 0; frame < poses.size(); ++frame) {
      column.row(static_cast<Eigen::Index>(frame)) =
          positions[frame].col(static_cast<Eigen::Index>(marker)).transpose();
    }
    table.addVector3Column(model.markers()[marker].name, column, "m");
  }
  return table;
}

Eigen::VectorXd walkingPose(const model::Model& model, double phase) {
  Eigen::VectorXd q = model.defaultCoordinates();
  const auto set = [&](const char* name, double value) {
    if (const auto index = model.findCoordinate(name))
      q[static_cast<Eigen::Index>(index->value())] = value;
  };
  set("pelvis_tx", 0.3 + 0.1 * phase);
  set("pelvis_ty", 0.95);
  set("pelvis_tilt", -0.1 * std::sin(phase));
  set("hip_flexion_r", 0.4 * std::sin(phase));
  set("hip_flexion_l", -0.3 * std::sin(phase));
  set("knee_angle_r", -0.5 - 0.3 * std::cos(phase));
  set("knee_angle_l", -0.2);
  set("ankle_angle_r", 0.1 * std::sin(phase));
  model::applyCouplerConstraints(model, q);
  return q;
}

TEST(InverseKinematics, RecoversAKnownPoseFromItsOwnMarkers) {
  const auto model = gait2354();
  std::vector<Eigen::VectorXd> poses;
  for (int frame = 0; frame < 5; ++frame)
    poses.push_back(walkingPose(model, 0.3 * frame));
  const auto markers = markersAtPoses(model, poses);
  const InverseKinematicsProblem problem(model, markers, IkTaskSet{});
  const auto result = solveInverseKinematicsTrial(problem, 0, 5, {}, 1);
  for (std::size_t frame = 0; frame < poses.size(); ++frame) {
    // Exact data: the marker error of the solution is at the level of the step tolerance.
    EXPECT_LT(result.frames[frame].maxError, 1e-6);
    for (const auto free : problem.freeCoordinates()) {
      EXPECT_NEAR(result.frames[frame].q[static_cast<Eigen::Index>(free.value())],
                  poses[frame][static_cast<Eigen::Index>(free.value())], 1e-5)
          << model.coordinate(free).name << " frame " << frame;
    }
  }
}

TEST(InverseKinematics, CoordinateTasksBalanceMarkersAsOpenSimDoes) {
  // OpenSim divides the marker goal by the total marker weight (Simbody Markers::calcGoal), so
  // multiplying every marker weight by the same factor changes nothing, while a coordinate task
  // keeps its pull. The task below (hip flexion held at 0 against markers posed at 25 deg) must
  // give the same compromise for marker weights 1 and 1000, and a real compromise.
  const auto model = gait2354();
  Eigen::VectorXd pose = walkingPose(model, 0.3);
  const auto hip = model.findCoordinate("hip_flexion_r");
  ASSERT_TRUE(hip.has_value());
  pose[static_cast<Eigen::Index>(hip->value())] = 25.0 * std::numbers::pi / 180.0;
  const auto markers = markersAtPoses(model, {pose});
  const auto solveWith = [&](double markerWeight) {
    IkTaskSet tasks;
    for (const auto& label : markers.labels())
      tasks.markerTasks.push_back({label, true, markerWeight});
    CoordinateTask hold;
    hold.coordinateName = "hip_flexion_r";
    hold.weight = 1.0;
    hold.valueType = CoordinateTaskValue::ManualValue;
    hold.manualValue = 0.0;
    tasks.coordinateTasks.push_back(hold);
    const InverseKinematicsProblem problem(model, markers, tasks);
    return solveInverseKinematicsTrial(problem, 0, 1, {}, 1)
        .frames[0]
        .q[static_cast<Eigen::Index>(hip->value())];
  };
  const double light = solveWith(1.0);
  const double heavy = solveWith(1000.0);
  EXPECT_NEAR(light, heavy, 1e-6);
  EXPECT_GT(light, 0.0);
  EXPECT_LT(light, 25.0 * std::numbers::pi / 180.0 - 1e-3);
}

TEST(InverseKinematics, MissingMarkersAreLeftOutOfTheirFrame) {
  const auto model = gait2354();
  auto markers = markersAtPoses(model, {walkingPose(model, 0.2), walkingPose(model, 0.4)});
  const auto column = markers.requireColumn("R.Heel");
  markers.vector3Column(column).row(1).setConstant(std::numeric_limits<double>::quiet_NaN());
  const InverseKinematicsProblem problem(model, markers, IkTaskSet{});
  const auto result = solveInverseKinematicsTrial(problem, 0, 2, {}, 1);
  EXPECT_EQ(result.frames[1].markersUsed + 1, result.frames[0].markersUsed);
  EXPECT_LT(result.frames[1].maxError, 1e-6);
  // The trial says so, naming the marker, and the error table has a NaN in its column.
  EXPECT_TRUE(std::any_of(result.warnings.begin(), result.warnings.end(), [](const auto& w) {
    return w.find("1 frame(s)") != std::string::npos &&
           w.find("marker R.Heel missing") != std::string::npos;
  }));
  const auto errors = ikMarkerErrorTable(result);
  const auto heel = errors.requireColumn("R.Heel_error");
  EXPECT_TRUE(std::isnan(errors.scalarColumn(heel)[1]));
  EXPECT_LT(errors.scalarColumn(heel)[0], 1e-6);
  // The per-marker columns reproduce the frame's maximum.
  double largest = 0.0;
  for (const auto& label : errors.labels()) {
    if (label.size() > 6 && label.ends_with("_error") && label != "R.Heel_error")
      largest = std::max(largest, errors.scalarColumn(errors.requireColumn(label))[1]);
  }
  EXPECT_DOUBLE_EQ(largest, result.frames[1].maxError);
}

TEST(InverseKinematics, ResultsDoNotDependOnTheThreadCount) {
  const auto setup = readInverseKinematicsSetup(
      test::sharedData("opensim-core/ik_gait2354/subject01_Setup_InverseKinematics.xml"));
  const auto model = model::readOsimModel(setup.modelFile);
  const auto markers = io::readTrc(setup.markerFile);
  const InverseKinematicsProblem problem(model, markers, setup.tasks);
  const auto one = solveInverseKinematicsTrial(problem, 0, 40, {}, 1, 8);
  const auto two = solveInverseKinematicsTrial(problem, 0, 40, {}, 2, 8);
  for (std::size_t frame = 0; frame < one.frames.size(); ++frame) {
    EXPECT_EQ(one.frames[frame].q, two.frames[frame].q) << "frame " << frame;
  }
}

TEST(InverseKinematics, ClampedCoordinatesStayInRange) {
  // The ID test model clamps its coordinates (the IK one does not).
  const auto model =
      model::readOsimModel(test::sharedData("opensim-core/id_gait2354/subject01.osim"));
  auto pose = walkingPose(model, 0.0);
  const auto knee = *model.findCoordinate("knee_angle_r");
  const auto& range = model.coordinate(knee);
  ASSERT_TRUE(range.clamped);
  // Markers of a knee bent past its range: the solution must stop at the bound.
  pose[static_cast<Eigen::Index>(knee.value())] = range.rangeMin - 0.2;
  const auto markers = markersAtPoses(model, {pose});
  const InverseKinematicsProblem problem(model, markers, IkTaskSet{});
  const auto result = solveInverseKinematicsTrial(problem, 0, 1, {}, 1);
  EXPECT_GE(result.frames[0].q[static_cast<Eigen::Index>(knee.value())], range.rangeMin - 1e-12);
  EXPECT_NEAR(result.frames[0].q[static_cast<Eigen::Index>(knee.value())], range.rangeMin, 1e-3);
}

TEST(InverseKinematics, NoCommonMarkerIsAClearError) {
  const auto model = gait2354();
  io::TimeSeriesTable markers({0.0});
  markers.addVector3Column("LASI", Eigen::RowVector3d(0, 1, 0), "mm");
  markers.addVector3Column("RASI", Eigen::RowVector3d(0, 1, 0.2), "mm");
  try {
    InverseKinematicsProblem problem(model, markers, IkTaskSet{});
    FAIL() << "no common marker must throw";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("no marker is in both"), std::string::npos) << message;
    EXPECT_NE(message.find("LASI"), std::string::npos) << message;
  }
}

TEST(InverseKinematics, MillimetreMarkersAreConverted) {
  const auto model = gait2354();
  const auto pose = walkingPose(model, 0.5);
  auto markers = markersAtPoses(model, {pose});
  markers.values() *= 1000.0;
  for (std::size_t column = 0; column < markers.columnCount(); ++column)
    markers.setColumnUnit(column, "mm");
  const InverseKinematicsProblem problem(model, markers, IkTaskSet{});
  const auto result = solveInverseKinematicsTrial(problem, 0, 1, {}, 1);
  EXPECT_LT(result.frames[0].maxError, 1e-6);
}

TEST(InverseKinematics, MillimetresLabelledMetresAreAClearError) {
  const auto model = gait2354();
  auto markers = markersAtPoses(model, {walkingPose(model, 0.5)});
  markers.values() *= 1000.0;  // millimetre numbers, but the columns still say m
  for (std::size_t column = 0; column < markers.columnCount(); ++column)
    markers.setColumnUnit(column, "m");
  try {
    const InverseKinematicsProblem problem(model, markers, IkTaskSet{});
    FAIL() << "mm data read as metres was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.place(), "Units");
    EXPECT_NE(error.reason().find("10^3"), std::string::npos) << error.reason();
  }
  // A subject twice the model's size is a scaling matter, not a unit error.
  markers.values() /= 500.0;
  EXPECT_NO_THROW(InverseKinematicsProblem(model, markers, IkTaskSet{}));
}

}  // namespace
}  // namespace kinchain::kinematics

namespace kinchain::kinematics {
namespace {

// A C3D trial reads as IK marker data in metres with OpenSim's +y up: the PiG trial's markers
// stand on a floor at lab z = 0, so after the turn their heights are y >= 0 and the head is
// highest.
TEST(InverseKinematics, C3dMarkersArriveInMetresWithYUp) {
  const auto markers = readMarkerFile(test::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d"));
  const auto heel = markers.vector3Column(markers.requireColumn("LHEE"));
  const auto head = markers.vector3Column(markers.requireColumn("LFHD"));
  const Eigen::Index row = markers.rowCount() / 2;
  ASSERT_TRUE(heel.row(row).allFinite() && head.row(row).allFinite());
  EXPECT_GT(head(row, 1), 1.2);  // a standing adult's forehead is above 1.2 m
  EXPECT_LT(head(row, 1), 2.2);  // and below 2.2 m: metres, not millimetres
  EXPECT_GT(heel(row, 1), -0.05);
  EXPECT_LT(heel(row, 1), 0.3);
  EXPECT_EQ(markers.column(markers.requireColumn("LHEE")).unit, "m");
}

}  // namespace
}  // namespace kinchain::kinematics

namespace kinchain::kinematics {
namespace {

// Real motion capture (OpenSim tutorials 5/6): IK of subject01_walk1.trc on the scaled planar
// gait10dof18musc model with the tutorial's marker weights, against the tutorial's own IK
// result. The weights used to make that result are not published, so the data README asks for
// agreement "within a few degrees RMS" (we hold 5 degrees, 0.05 m for translations). The sharp
// check: with our weights, our solution's weighted marker error is never above that of
// OpenSim's solution in any frame (our solver finds the optimum of the stated problem).
// A planar model cannot follow out-of-plane marker motion, so OpenSim's 3-D best-practice
// bounds (RMS < 2 cm, max < 4 cm) are not asserted: our marker errors are held to OpenSim's own
// on the same frames instead.
TEST(InverseKinematics, RealWalkReproducesTheOpenSimTutorialResult) {
  const std::string folder = "opensim-core/subject01_walk1_experimental/";
  const auto setup =
      readInverseKinematicsSetup(test::sharedData(folder + "subject01_Setup_IK.xml"));
  const auto model =
      model::readOsimModel(test::sharedData(folder + "gait10dof18musc_subject01.osim"));
  const auto markers = readMarkerFile(test::sharedData(folder + "subject01_walk1.trc"));
  const InverseKinematicsProblem problem(model, markers, setup.tasks);
  const auto result = solveInverseKinematicsTrial(problem, 0, problem.frameCount());
  const auto standard =
      io::readSto(test::sharedData(folder + "subject01_walk_IK_gait10dof18musc.mot"));
  const auto comparison = io::compareWithStandard(ikCoordinatesTable(model, result), standard);
  ASSERT_GE(comparison.size(), 9u);
  double worst = 0.0;
  std::string worstColumn;
  for (const auto& column : comparison) {
    const auto coordinate = model.findCoordinate(column.label);
    ASSERT_TRUE(coordinate.has_value()) << column.label;
    const bool rotational =
        model.coordinate(*coordinate).motionType == model::MotionType::Rotational;
    EXPECT_LT(column.rms, rotational ? 5.0 : 0.05) << column.label;
    if (rotational && column.rms > worst) {
      worst = column.rms;
      worstColumn = column.label;
    }
  }
  // Weighted marker error of a pose (the IK objective without coordinate tasks: none here).
  model::Data data(model);
  const auto weightedError = [&](const Eigen::VectorXd& q, Eigen::Index frame) {
    model::forwardKinematics(model, data, q);
    double sum = 0.0;
    for (std::size_t target = 0; target < problem.markerTargets().size(); ++target) {
      const Eigen::Vector3d measured = problem.measuredPosition(target, frame);
      if (!measured.allFinite()) continue;
      const auto marker = static_cast<Eigen::Index>(problem.markerTargets()[target].marker.value());
      sum += problem.markerTargets()[target].weight *
             (data.markerPositions.col(marker) - measured).squaredNorm();
    }
    return sum;
  };
  // Unweighted marker RMS and largest marker error of a pose over the task markers.
  const auto markerErrors = [&](const Eigen::VectorXd& q, Eigen::Index frame) {
    model::forwardKinematics(model, data, q);
    double sum = 0.0, largest = 0.0;
    int count = 0;
    for (std::size_t target = 0; target < problem.markerTargets().size(); ++target) {
      const Eigen::Vector3d measured = problem.measuredPosition(target, frame);
      if (!measured.allFinite() || problem.markerTargets()[target].weight <= 0.0) continue;
      const auto marker = static_cast<Eigen::Index>(problem.markerTargets()[target].marker.value());
      const double error = (data.markerPositions.col(marker) - measured).norm();
      sum += error * error;
      largest = std::max(largest, error);
      ++count;
    }
    return std::pair{std::sqrt(sum / count), largest};
  };
  ASSERT_TRUE(problem.coordinateTargets().empty());
  ASSERT_EQ(standard.rowCount(), problem.frameCount());
  double referenceRmsSum = 0.0, rmsSum = 0.0, maxError = 0.0;
  double ourMarkerRmsSum = 0.0, ourLargest = 0.0, theirMarkerRmsSum = 0.0, theirLargest = 0.0;
  for (Eigen::Index frame = 0; frame < problem.frameCount(); ++frame) {
    Eigen::VectorXd reference = model.defaultCoordinates();
    for (std::size_t index = 0; index < model.coordinates().size(); ++index) {
      const auto column = standard.findColumn(model.coordinates()[index].name);
      if (!column) continue;
      const bool rotational =
          model.coordinates()[index].motionType == model::MotionType::Rotational;
      reference[static_cast<Eigen::Index>(index)] =
          standard.scalar(frame, *column) * (rotational ? std::numbers::pi / 180.0 : 1.0);
    }
    const double ours = weightedError(result.frames[static_cast<std::size_t>(frame)].q, frame);
    const double theirs = weightedError(reference, frame);
    // Reference coordinates are printed to ~1e-6 deg; allow that rounding and nothing more.
    EXPECT_LE(ours, theirs * (1.0 + 1e-6) + 1e-12) << "frame " << frame;
    referenceRmsSum += std::sqrt(theirs);
    rmsSum += std::sqrt(ours);
    maxError = std::max(maxError, result.frames[static_cast<std::size_t>(frame)].maxError);
    const auto [ourRms, ourMax] =
        markerErrors(result.frames[static_cast<std::size_t>(frame)].q, frame);
    const auto [theirRms, theirMax] = markerErrors(reference, frame);
    ourMarkerRmsSum += ourRms;
    theirMarkerRmsSum += theirRms;
    ourLargest = std::max(ourLargest, ourMax);
    theirLargest = std::max(theirLargest, theirMax);
  }
  // OpenSim's own solution breaks the 3-D best-practice bounds on this planar model too (mean
  // marker RMS 2.9 cm, largest error 11.3 cm at an acromion): the bounds cannot be met while
  // reproducing it. Ours minimises the weighted error, so its unweighted figures may be a little
  // higher: mean RMS within 5 % of OpenSim's and the largest error within 1 cm of OpenSim's
  // (measured: +3 %, +0.3 cm).
  const double frames = static_cast<double>(problem.frameCount());
  EXPECT_LE(ourMarkerRmsSum / frames, 1.05 * theirMarkerRmsSum / frames);
  EXPECT_LE(ourLargest, theirLargest + 0.01);
  std::cout << "[ IK real walk ] unweighted marker error: mean RMS ours "
            << ourMarkerRmsSum / frames << " m vs OpenSim's " << theirMarkerRmsSum / frames
            << " m; largest ours " << ourLargest << " m vs OpenSim's " << theirLargest << " m\n";
  std::cout << "[ IK real walk ] worst rotational RMS vs OpenSim tutorial: " << worst << " deg ("
            << worstColumn << "); mean weighted error ours " << rmsSum / problem.frameCount()
            << " vs OpenSim's " << referenceRmsSum / problem.frameCount() << "; max marker error "
            << maxError << " m\n";
}

}  // namespace
}  // namespace kinchain::kinematics
