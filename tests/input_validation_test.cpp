// Bad input gets a clear error, never a silent wrong answer (issue #12): duplicate column labels,
// NaN / infinite values where a number is required, and samples of a ground reaction that hold
// no value. Each case asserts the InputError's file, place and reason, or the correct reading.
// Model inertial parameters are in model_inertia_validation_test.cpp.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "c3d_test_builder.hpp"
#include "kinchain/analysis/recorded_trial.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/dynamics/force_plate_assignment.hpp"
#include "kinchain/io/c3d_export.hpp"
#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/io/trc_file.hpp"
#include "test_paths.hpp"

namespace kinchain {
namespace {

using test::C3dTestBuilder;
using ::testing::HasSubstr;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Runs `read` and returns its InputError, failing the test when there is none.
template <typename Read>
InputError inputErrorOf(Read read) {
  try {
    read();
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "no InputError";
  return InputError("", "", "");
}

void writeText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string replacedOnce(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Replaces field `column` (0-based, tab-separated) of line `line` (1-based) of `text`.
std::string replacedField(const std::string& text, std::size_t line, std::size_t column,
                          const std::string& value) {
  std::size_t start = 0;
  for (std::size_t l = 1; l < line; ++l)
    start = text.find('\n', start) + 1;
  for (std::size_t c = 0; c < column; ++c)
    start = text.find('\t', start) + 1;
  const std::size_t end = text.find_first_of("\t\r\n", start);
  std::string result = text;
  result.replace(start, end - start, value);
  return result;
}

// --- duplicate column labels ----------------------------------------------------------------

TEST(InputValidationDuplicates, StoLabelTwiceNamesFileLabelAndBothColumns) {
  const std::string text =
      "endheader\ntime\tknee_angle_r\thip_flexion_r\tknee_angle_r\n0\t1\t2\t3\n";
  const auto error = inputErrorOf([&] { static_cast<void>(io::parseSto(text, "q.sto")); });
  EXPECT_EQ(error.source(), "q.sto");
  EXPECT_EQ(error.place(), "line 2");
  EXPECT_THAT(error.reason(), HasSubstr("'knee_angle_r' appears twice: columns 2 and 4"));
}

TEST(InputValidationDuplicates, CoordinatesMotWithARepeatedCoordinate) {
  // OpenSim's IK result for subject01_walk1 with hip_flexion_l relabelled hip_flexion_r: before
  // the fix the second column was unreachable and hip_flexion_r read the first.
  const auto source = test::sharedData(
      "opensim-core/subject01_walk1_experimental/subject01_walk_IK_gait10dof18musc.mot");
  const std::string text = test::fileText(source);
  const auto original = io::parseSto(text, source.string());
  const auto right = original.findColumn("hip_flexion_r");
  const auto left = original.findColumn("hip_flexion_l");
  ASSERT_TRUE(right && left);
  const auto path = test::scratchDirectory("duplicates") / "ik_duplicate.mot";
  writeText(path, replacedOnce(text, "\thip_flexion_l", "\thip_flexion_r"));
  const auto error = inputErrorOf([&] { static_cast<void>(io::readSto(path)); });
  EXPECT_EQ(error.source(), path.string());
  EXPECT_THAT(error.place(), HasSubstr("line "));
  EXPECT_THAT(error.reason(),
              HasSubstr("'hip_flexion_r' appears twice: columns " + std::to_string(*right + 2) +
                        " and " + std::to_string(*left + 2)));
}

TEST(InputValidationDuplicates, TrcMarkerNamedTwice) {
  const std::string text =
      "PathFileType\t4\t(X/Y/Z)\td.trc\n"
      "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\t"
      "OrigNumFrames\n"
      "100\t100\t1\t3\tmm\t100\t1\t1\n"
      "Frame#\tTime\tRASI\t\t\tLASI\t\t\tRASI\n"
      "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\tX3\tY3\tZ3\n"
      "1\t0\t1\t2\t3\t4\t5\t6\t7\t8\t9\n";
  const auto error = inputErrorOf([&] { static_cast<void>(io::parseTrc(text, "d.trc")); });
  EXPECT_EQ(error.source(), "d.trc");
  EXPECT_EQ(error.place(), "line 4");
  EXPECT_THAT(error.reason(), HasSubstr("marker 'RASI' is named twice: marker 1 (columns 3-5) "
                                        "and marker 3 (columns 9-11)"));
}

TEST(InputValidationDuplicates, RealTrcWithTwoColumnsOfOneMarker) {
  // Two columns of R.Heel would leave the model's heel marker on one of them, unscaled by the
  // other; subject01_walk1.trc with L.Heel renamed R.Heel must be refused.
  const auto source =
      test::sharedData("opensim-core/subject01_walk1_experimental/subject01_walk1.trc");
  const auto path = test::scratchDirectory("duplicates") / "walk_duplicate.trc";
  writeText(path, replacedOnce(test::fileText(source), "\tL.Heel\t", "\tR.Heel\t"));
  const auto error = inputErrorOf([&] { static_cast<void>(io::readTrc(path)); });
  EXPECT_EQ(error.source(), path.string());
  EXPECT_EQ(error.place(), "line 4");
  EXPECT_THAT(error.reason(), HasSubstr("marker 'R.Heel' is named twice: marker 16"));
  EXPECT_THAT(error.reason(), HasSubstr("and marker 20"));
}

C3dTestBuilder threePointTrial(const std::vector<std::string>& labels) {
  C3dTestBuilder b;
  b.pointLabels = labels;
  for (int f = 0; f < 3; ++f)
    b.points.push_back({{{1, 2, 3, 0}}, {{4, 5, 6, 0}}, {{7, 8, 9, 0}}});
  return b;
}

TEST(InputValidationDuplicates, C3dPointsThatCannotBeToldApartAreAnError) {
  auto b = threePointTrial({"RKNE", "RANK", "RKNE"});
  const auto error = inputErrorOf([&] { static_cast<void>(io::parseC3d(b.build(), "dup.c3d")); });
  EXPECT_EQ(error.source(), "dup.c3d");
  EXPECT_THAT(error.place(), HasSubstr("POINT:LABELS"));
  EXPECT_THAT(error.reason(), HasSubstr("'RKNE' names both point 1 and point 3"));
  EXPECT_THAT(error.reason(), HasSubstr("neither has a POINT:DESCRIPTIONS entry"));
  // The same description does not tell them apart either.
  b.set(C3dTestBuilder::texts("POINT", "DESCRIPTIONS", {"R.Knee", "R.Ankle", "R.Knee"}));
  const auto same = inputErrorOf([&] { static_cast<void>(io::parseC3d(b.build(), "dup.c3d")); });
  EXPECT_THAT(same.reason(), HasSubstr("both are described as 'R.Knee'"));
}

TEST(InputValidationDuplicates, C3dPointsToldApartByTheirDescriptionsAreRenamed) {
  // BTK's Gait.c3d: RKNE is the lateral knee (point 12, "R.Knee") and the medial one (point 23,
  // "R.Knee.Medial"); they are different markers and both stay readable.
  auto b = threePointTrial({"RKNE", "RANK", "RKNE"});
  b.set(C3dTestBuilder::texts("POINT", "DESCRIPTIONS", {"R.Knee", "R.Ankle", "R.Knee.Medial"}));
  const auto trial = io::parseC3d(b.build(), "medial.c3d");
  EXPECT_EQ(trial.points.labels(), (std::vector<std::string>{"RKNE", "RANK", "RKNE_2"}));
  EXPECT_EQ(trial.points.vector3(0, 2), Eigen::Vector3d(7, 8, 9));
  ASSERT_EQ(trial.warnings.size(), 1u);
  EXPECT_THAT(trial.warnings[0], HasSubstr("'RKNE' names point 1 ('R.Knee') and point 3 "
                                           "('R.Knee.Medial'); point 3 is read as RKNE_2"));
}

TEST(InputValidationDuplicates, RealC3dWithDescribedRepeatsStillReads) {
  const auto trial = io::readC3d(test::sharedData("btkdata/Gait.c3d"));
  ASSERT_TRUE(trial.points.findColumn("RKNE_2").has_value());
  bool named = false;
  for (const auto& warning : trial.warnings)
    named |= warning.find("'RKNE' names point 12 ('R.Knee') and point 23 ('R.Knee.Medial')") !=
             std::string::npos;
  EXPECT_TRUE(named);
}

TEST(InputValidationDuplicates, TableRefusesASecondColumnOfOneLabel) {
  io::TimeSeriesTable table(std::vector<double>{0.0, 0.1});
  table.addScalarColumn("a", Eigen::Vector2d(1, 2));
  table.addVector3Column("m", Eigen::MatrixX3d::Zero(2, 3));
  EXPECT_THROW(table.addScalarColumn("a", Eigen::Vector2d(3, 4)), std::invalid_argument);
  EXPECT_THROW(table.addEmptyColumn("m", io::ColumnKind::Scalar), std::invalid_argument);
  EXPECT_THROW(table.renameColumn(1, "a"), std::invalid_argument);
  EXPECT_NO_THROW(table.renameColumn(1, "m"));  // its own label
  EXPECT_NO_THROW(table.renameColumn(1, "b"));
  EXPECT_EQ(table.labels(), (std::vector<std::string>{"a", "b"}));
}

// --- NaN and infinity in a trial's data -------------------------------------------------------

const std::string kTrcHeader =
    "PathFileType\t4\t(X/Y/Z)\tn.trc\n"
    "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\t"
    "OrigNumFrames\n"
    "100\t100\t3\t2\tmm\t100\t1\t3\n"
    "Frame#\tTime\tA\t\t\tB\t\t\n"
    "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n"
    "\n";

TEST(InputValidationNonFinite, TrcNaNOrBlankMarkerIsMissingNotAnError) {
  const std::string text = kTrcHeader +
                           "1\t0\tNaN\t2\t3\t4\t5\t6\n"
                           "2\t0.01\t1\t2\t3\t\t5\t6\n"
                           "3\t0.02\t1\t2\t3\t4\t5\t6\n";
  const auto table = io::parseTrc(text, "n.trc");
  // An occluded marker is missing in all three coordinates, however the file spells it.
  EXPECT_TRUE(table.vector3(0, 0).array().isNaN().all());
  EXPECT_TRUE(table.vector3(1, 1).array().isNaN().all());
  EXPECT_EQ(table.vector3(0, 1), Eigen::Vector3d(4, 5, 6));
  EXPECT_EQ(table.vector3(2, 0), Eigen::Vector3d(1, 2, 3));
}

TEST(InputValidationNonFinite, TrcNaNTimeIsAnError) {
  const std::string text = kTrcHeader +
                           "1\t0\t1\t2\t3\t4\t5\t6\n"
                           "2\tNaN\t1\t2\t3\t4\t5\t6\n"
                           "3\t0.02\t1\t2\t3\t4\t5\t6\n";
  const auto error = inputErrorOf([&] { static_cast<void>(io::parseTrc(text, "n.trc")); });
  EXPECT_EQ(error.source(), "n.trc");
  EXPECT_EQ(error.place(), "line 8 (time)");
  EXPECT_THAT(error.reason(), HasSubstr("'NaN' is not a finite number"));
}

TEST(InputValidationNonFinite, TrcInfiniteCoordinateIsAnError) {
  const std::string text = kTrcHeader +
                           "1\t0\t1\t2\t3\t4\t5\t6\n"
                           "2\t0.01\t1\t2\t3\t4\t-inf\t6\n"
                           "3\t0.02\t1\t2\t3\t4\t5\t6\n";
  const auto error = inputErrorOf([&] { static_cast<void>(io::parseTrc(text, "n.trc")); });
  EXPECT_EQ(error.place(), "line 8 (marker 'B' y)");
  EXPECT_THAT(error.reason(), HasSubstr("'-inf' is infinite"));
}

const std::string kSto = "endheader\ntime\ta\tb\n0\t1\t2\n0.01\t3\t4\n0.02\t5\t6\n";

TEST(InputValidationNonFinite, StoNaNTimeIsAnError) {
  const auto error = inputErrorOf(
      [&] { static_cast<void>(io::parseSto(replacedField(kSto, 4, 0, "nan"), "t.sto")); });
  EXPECT_EQ(error.source(), "t.sto");
  EXPECT_EQ(error.place(), "line 4 (column 'time')");
  EXPECT_THAT(error.reason(), HasSubstr("'nan' is not a finite number"));
}

TEST(InputValidationNonFinite, StoInfinityAnywhereIsAnErrorNamingRowAndColumn) {
  for (const std::string infinity : {"inf", "-inf", "Infinity", "+INF"}) {
    const auto error = inputErrorOf(
        [&] { static_cast<void>(io::parseSto(replacedField(kSto, 5, 2, infinity), "g.mot")); });
    EXPECT_EQ(error.source(), "g.mot");
    EXPECT_EQ(error.place(), "line 5 (column 3, 'b')") << infinity;
    EXPECT_THAT(error.reason(), HasSubstr("'" + infinity + "' is infinite"));
  }
  // NaN and blank stay "missing".
  const auto table = io::parseSto(replacedField(kSto, 5, 2, ""), "g.mot");
  EXPECT_TRUE(std::isnan(table.scalar(2, 1)));
}

TEST(InputValidationNonFinite, C3dInvalidOrNonFinitePointIsMissing) {
  C3dTestBuilder b;
  b.pointLabels = {"A", "B"};
  const double inf = std::numeric_limits<double>::infinity();
  b.points.push_back({{{1, 2, 3, 0}}, {{4, 5, 6, -1}}});    // B invalid: residual -1
  b.points.push_back({{{kNaN, 2, 3, 0}}, {{4, 5, 6, 0}}});  // A NaN with a valid residual
  b.points.push_back({{{1, inf, 3, 0}}, {{4, 5, 6, 0}}});   // A infinite with a valid residual
  const auto trial = io::parseC3d(b.build(), "nan.c3d");
  EXPECT_EQ(trial.points.vector3(0, 0), Eigen::Vector3d(1, 2, 3));
  EXPECT_TRUE(trial.points.vector3(0, 1).array().isNaN().all());
  EXPECT_TRUE(trial.points.vector3(1, 0).array().isNaN().all());
  EXPECT_TRUE(trial.points.vector3(2, 0).array().isNaN().all());
  EXPECT_EQ(trial.points.vector3(2, 1), Eigen::Vector3d(4, 5, 6));
  ASSERT_EQ(trial.warnings.size(), 1u);
  EXPECT_THAT(trial.warnings[0],
              HasSubstr("point 1 ('A') has a non-finite coordinate in 2 frames"));
}

// --- ground-reaction samples without a value --------------------------------------------------

// One type-2 plate under a subject, 10 frames at 100 Hz, 10 analog samples per frame (1 kHz).
// Fz (plate axes, pointing down) = -(500 + sample), so the vertical force on the subject is
// 500 + sample N and linear interpolation over a gap reproduces it exactly.
C3dTestBuilder loadedPlateTrial(int firstMissing, int lastMissing) {
  C3dTestBuilder b;
  b.pointRate = 100.0;
  b.analogSamplesPerFrame = 10;
  b.pointLabels = {"RHEE"};
  for (int f = 0; f < 10; ++f)
    b.points.push_back({{{0, 0, 0, 0}}});
  b.analogLabels = {"Fx1", "Fy1", "Fz1", "Mx1", "My1", "Mz1"};
  b.analogUnits = {"N", "N", "N", "Nmm", "Nmm", "Nmm"};
  for (int s = 0; s < 100; ++s) {
    const bool missing = s >= firstMissing && s <= lastMissing;
    b.analog.push_back({missing ? kNaN : 10.0, 20.0, -(500.0 + s), 1000.0, 2000.0, 300.0});
  }
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "USED", {1}));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "TYPE", {2}));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "CHANNEL", {1, 2, 3, 4, 5, 6}, {6, 1}));
  b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "CORNERS",
                               {200, -100, 0, -200, -100, 0, -200, 100, 0, 200, 100, 0},
                               {3, 4, 1}));
  b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "ORIGIN", {0, 0, -30}, {3, 1}));
  return b;
}

TEST(InputValidationGroundReaction, C3dGapShorterThanOneFrameIsFilledAndReported) {
  const auto trial = io::parseC3d(loadedPlateTrial(50, 52).build(), "short_gap.c3d");
  ASSERT_EQ(trial.forcePlatformWrenches.size(), 1u);
  const auto& force = trial.forcePlatformWrenches[0].force;
  for (int s = 49; s <= 53; ++s) {
    EXPECT_NEAR(std::abs(force(s, 2)), 500.0 + s, 1e-9) << s;
    EXPECT_NEAR(std::abs(force(s, 0)), 10.0, 1e-9) << s;  // Fx interpolated 10 -> 10
  }
  bool reported = false;
  for (const auto& warning : trial.warnings)
    reported |= warning.find(
                    "force platform 1: 3 analog sample(s) without a value (NaN) at "
                    "0.0500-0.0520 s; filled by linear interpolation") != std::string::npos;
  EXPECT_TRUE(reported);
  // convert writes a loaded plate there, not a row of zeros.
  const auto table = io::forceTable(trial, io::ForceLocation::CentreOfPressure);
  const auto fz = table.requireColumn("plate1_force_vz");
  EXPECT_NEAR(std::abs(table.scalar(51, fz)), 551.0, 1e-9);
}

TEST(InputValidationGroundReaction, C3dLongerGapIsRefusedByConvertNamingPlateAndTime) {
  const auto trial = io::parseC3d(loadedPlateTrial(40, 60).build(), "long_gap.c3d");
  bool reported = false;
  for (const auto& warning : trial.warnings)
    reported |=
        warning.find(
            "force platform 1: 21 analog sample(s) without a value (NaN) at "
            "0.0400-0.0600 s; not filled (longer than one point frame)") != std::string::npos;
  EXPECT_TRUE(reported);
  for (const auto location :
       {io::ForceLocation::CentreOfPressure, io::ForceLocation::PlateOrigin}) {
    const auto error = inputErrorOf([&] { static_cast<void>(io::forceTable(trial, location)); });
    EXPECT_EQ(error.source(), "long_gap.c3d");
    EXPECT_EQ(error.place(), "force platform 1, 0.0400-0.0600 s");
    EXPECT_THAT(error.reason(), HasSubstr("no value in 21 analog sample(s)"));
  }
  // A single missing sample at the end of the record has no sample after it to interpolate to.
  const auto atEnd = io::parseC3d(loadedPlateTrial(99, 99).build(), "end_gap.c3d");
  const auto error = inputErrorOf(
      [&] { static_cast<void>(io::forceTable(atEnd, io::ForceLocation::CentreOfPressure)); });
  EXPECT_EQ(error.place(), "force platform 1, 0.0990-0.0990 s");
}

// One plate sampled at 1 kHz for 1 s with the right foot on it from 0.2 to 0.8 s (700 N up, COP
// under the right foot); feet from a 100 Hz motion capture.
struct PlateScene {
  dynamics::PlateSignals plate;
  dynamics::FootPoints feet;
};

PlateScene stanceScene() {
  PlateScene scene;
  auto& plate = scene.plate;
  plate.name = "plate 1";
  plate.source = "trial_grf.mot";
  const int samples = 1001;
  plate.force = Eigen::MatrixX3d::Zero(samples, 3);
  plate.centreOfPressure = Eigen::MatrixX3d::Constant(samples, 3, kNaN);
  plate.freeMoment = Eigen::MatrixX3d::Constant(samples, 3, kNaN);
  for (int s = 0; s < samples; ++s) {
    plate.time.push_back(s / 1000.0);
    if (s >= 200 && s <= 800) {
      plate.force.row(s) << 30.0, 700.0, 5.0;
      plate.centreOfPressure.row(s) << 0.1, 0.0, 0.0;
      plate.freeMoment.row(s) << 0.0, 2.0, 0.0;
    }
  }
  auto& feet = scene.feet;
  for (int f = 0; f <= 100; ++f)
    feet.time.push_back(f / 100.0);
  const auto rows = static_cast<Eigen::Index>(feet.time.size());
  feet.heel[1] = Eigen::RowVector3d(0.0, 0.0, 0.0).replicate(rows, 1);  // right
  feet.toe[1] = Eigen::RowVector3d(0.25, 0.0, 0.0).replicate(rows, 1);
  feet.heel[0] = Eigen::RowVector3d(0.0, 0.0, 1.0).replicate(rows, 1);  // left, 1 m away
  feet.toe[0] = Eigen::RowVector3d(0.25, 0.0, 1.0).replicate(rows, 1);
  return scene;
}

TEST(InputValidationGroundReaction, MidStanceGapShorterThanOneFrameIsFilledNotZeroed) {
  auto scene = stanceScene();
  for (int s = 500; s <= 502; ++s)
    scene.plate.force.row(s).setConstant(kNaN);             // a blank sample in mid-stance
  scene.plate.centreOfPressure.row(600).setConstant(kNaN);  // a blank COP under load
  const auto reactions = dynamics::assignPlatesToFeet({scene.plate}, scene.feet);
  const auto& table = reactions.table;
  const auto vy = table.requireColumn("ground_force_vy");
  const auto px = table.requireColumn("ground_force_px");
  for (int s = 499; s <= 503; ++s)
    EXPECT_DOUBLE_EQ(table.scalar(s, vy), 700.0) << s;  // was 0 before the fix
  EXPECT_DOUBLE_EQ(table.scalar(600, px), 0.1);
  EXPECT_DOUBLE_EQ(table.scalar(600, vy), 700.0);
  ASSERT_EQ(reactions.warnings.size(), 2u);
  EXPECT_THAT(reactions.warnings[0], HasSubstr("plate 'plate 1': the ground reaction has no value "
                                               "(NaN or blank) at 0.5000-0.5020 s (3 sample(s)); "
                                               "filled by linear interpolation"));
  EXPECT_THAT(reactions.warnings[1], HasSubstr("at 0.6000-0.6000 s (1 sample(s))"));
  // The stance is one contact, not two split by the gap.
  ASSERT_EQ(reactions.contacts.size(), 1u);
  EXPECT_TRUE(reactions.contacts[0].assigned);
}

TEST(InputValidationGroundReaction, MidStanceGapLongerThanOneFrameIsRefused) {
  auto scene = stanceScene();
  for (int s = 500; s <= 530; ++s)
    scene.plate.force(s, 1) = kNaN;
  const auto error = inputErrorOf(
      [&] { static_cast<void>(dynamics::assignPlatesToFeet({scene.plate}, scene.feet)); });
  EXPECT_EQ(error.source(), "trial_grf.mot");
  EXPECT_EQ(error.place(), "plate 'plate 1', 0.5000-0.5300 s");
  EXPECT_THAT(error.reason(), HasSubstr("no value (NaN or blank) in 31 sample(s)"));
  EXPECT_THAT(error.reason(), HasSubstr("shorter than one motion frame (0.0100 s)"));
  // A blank free moment under load for as long is refused too.
  auto torque = stanceScene();
  for (int s = 300; s <= 340; ++s)
    torque.plate.freeMoment.row(s).setConstant(kNaN);
  const auto torqueError = inputErrorOf(
      [&] { static_cast<void>(dynamics::assignPlatesToFeet({torque.plate}, torque.feet)); });
  EXPECT_EQ(torqueError.place(), "plate 'plate 1', 0.3000-0.3400 s");
}

TEST(InputValidationGroundReaction, GapAtTheEndOfTheRecordIsRefused) {
  auto scene = stanceScene();
  scene.plate.force.row(1000).setConstant(kNaN);
  const auto error = inputErrorOf(
      [&] { static_cast<void>(dynamics::assignPlatesToFeet({scene.plate}, scene.feet)); });
  EXPECT_EQ(error.place(), "plate 'plate 1', 1.0000-1.0000 s");
  EXPECT_THAT(error.reason(), HasSubstr("reaches the end of the record"));
}

// The TRC + GRF pair of OpenSim's subject01 walk: GRF at 600 Hz, markers at 60 Hz.
struct WalkFiles {
  std::filesystem::path markers;
  std::string grfText;
};

WalkFiles walkFiles() {
  return {test::sharedData("opensim-core/subject01_walk1_experimental/subject01_walk1.trc"),
          test::fileText(test::sharedData(
              "opensim-core/subject01_walk1_experimental/subject01_walk1_grf.mot"))};
}

dynamics::FootPoints feetFromMarkers(const io::TimeSeriesTable& markers) {
  dynamics::FootPoints feet;
  feet.time = markers.time();
  feet.heel[0] = markers.vector3Column(markers.requireColumn("L.Heel"));
  feet.toe[0] = markers.vector3Column(markers.requireColumn("L.Toe.Tip"));
  feet.heel[1] = markers.vector3Column(markers.requireColumn("R.Heel"));
  feet.toe[1] = markers.vector3Column(markers.requireColumn("R.Toe.Tip"));
  return feet;
}

TEST(InputValidationGroundReaction, TrcTrialWithABlankGrfSampleInStance) {
  const auto files = walkFiles();
  // Sample 600 (t = 1.0 s, 0-based) is mid-stance on the force group ground_force (vy about
  // 614 N); the GRF header is 6 lines and the label line the 7th, so sample k is line 8 + k.
  const auto scratch = test::scratchDirectory("grf-gap");
  const auto grf = scratch / "grf_blank.mot";
  writeText(grf, replacedField(files.grfText, 8 + 600, 2, ""));
  const auto trial = analysis::readTrcTrial(files.markers, &grf);
  ASSERT_EQ(trial.plates.size(), 2u);
  const auto& plate = trial.plates[1].name == "ground_force" ? trial.plates[1] : trial.plates[0];
  ASSERT_EQ(plate.name, "ground_force");
  ASSERT_TRUE(std::isnan(plate.force(600, 1)));
  EXPECT_GT(plate.force(599, 1), 500.0);
  const auto reactions = dynamics::assignPlatesToFeet(trial.plates, feetFromMarkers(trial.markers));
  bool reported = false;
  for (const auto& warning : reactions.warnings)
    reported |= warning.find("plate 'ground_force': the ground reaction has no value") !=
                    std::string::npos &&
                warning.find("(1 sample(s)); filled") != std::string::npos;
  EXPECT_TRUE(reported);
  const auto vy = reactions.table.requireColumn("ground_force_vy");
  const auto lvy = reactions.table.requireColumn("l_ground_force_vy");
  const double merged = reactions.table.scalar(600, vy) + reactions.table.scalar(600, lvy);
  EXPECT_NEAR(merged, 0.5 * (plate.force(599, 1) + plate.force(601, 1)), 1e-9);
}

TEST(InputValidationGroundReaction, TrcTrialWithALongGrfGapIsRefused) {
  const auto files = walkFiles();
  std::string text = files.grfText;
  for (int row = 580; row <= 620; ++row)  // 41 samples at 600 Hz: longer than a 60 Hz frame
    text = replacedField(text, 8 + static_cast<std::size_t>(row), 2, "NaN");
  const auto grf = test::scratchDirectory("grf-gap") / "grf_nan.mot";
  writeText(grf, text);
  const auto trial = analysis::readTrcTrial(files.markers, &grf);
  const auto error = inputErrorOf([&] {
    static_cast<void>(dynamics::assignPlatesToFeet(trial.plates, feetFromMarkers(trial.markers)));
  });
  EXPECT_THAT(error.place(), HasSubstr("plate 'ground_force', 0.96"));
  EXPECT_THAT(error.place(), HasSubstr("-1.03"));
  EXPECT_THAT(error.reason(), HasSubstr("no value (NaN or blank) in 41 sample(s)"));
}

}  // namespace
}  // namespace kinchain
