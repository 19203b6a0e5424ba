// C3D reader on synthetic files built in memory (c3d_test_builder.hpp): processor formats,
// integer and float storage, invalid points, analog scaling, labels, events, long trials.

#include "kinchain/io/c3d_file.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "c3d_test_builder.hpp"
#include "kinchain/common/error.hpp"

namespace kinchain::io {
namespace {

using test::C3dFormat;
using test::C3dTestBuilder;
using test::C3dTestParameter;

// Two points over three frames, two analog channels at 2 samples per frame. Values are exact
// in float and, divided by the scale, in int16.
C3dTestBuilder twoPointTrial(C3dFormat format, double scale) {
  C3dTestBuilder b;
  b.format = format;
  b.pointScale = scale;
  b.pointRate = 50.0;
  b.firstFrame = 7;
  b.analogSamplesPerFrame = 2;
  b.pointLabels = {"RHEE", "RTOE"};
  const double unit = scale > 0 ? scale : 1.0;  // stored = value / scale for integer files
  for (int f = 0; f < 3; ++f) {
    std::vector<std::array<double, 4>> frame;
    frame.push_back({(100.0 + f) / unit, -50.0 / unit, (25.5 * 2) / unit, 3.0});
    // RTOE invalid (negative residual word) in frame 1.
    frame.push_back({10.0 / unit, 20.0 / unit, 30.0 / unit, f == 1 ? -1.0 : 0.0});
    b.points.push_back(frame);
  }
  b.analogLabels = {"Fz", "EMG"};
  b.analogUnits = {"N", "V"};
  b.analogScale = {0.5, 0.25};
  b.analogOffset = {10.0, -4.0};
  b.analogGeneralScale = 2.0;
  for (int s = 0; s < 6; ++s)
    b.analog.push_back({100.0 + s, -20.0 + s});
  return b;
}

void expectTwoPointTrial(const C3dTrial& trial) {
  EXPECT_EQ(trial.frameCount, 3u);
  EXPECT_EQ(trial.firstFrame, 7);
  EXPECT_EQ(trial.lastFrame(), 9);
  EXPECT_DOUBLE_EQ(trial.pointRate, 50.0);
  EXPECT_DOUBLE_EQ(trial.analogRate, 100.0);
  ASSERT_EQ(trial.points.labels(), (std::vector<std::string>{"RHEE", "RTOE"}));
  EXPECT_EQ(trial.points.column(0).unit, "mm");
  // Time: first stored frame at 0, then 1 / rate.
  EXPECT_DOUBLE_EQ(trial.points.time()[2], 2.0 / 50.0);
  EXPECT_DOUBLE_EQ(trial.analog.time()[5], 5.0 / 100.0);
  for (int f = 0; f < 3; ++f) {
    const Eigen::Vector3d rhee = trial.points.vector3(f, 0);
    EXPECT_NEAR(rhee.x(), 100.0 + f, 1e-4);
    EXPECT_NEAR(rhee.y(), -50.0, 1e-4);
    EXPECT_NEAR(rhee.z(), 51.0, 1e-4);
  }
  EXPECT_NEAR(trial.points.vector3(0, 1).z(), 30.0, 1e-4);
  EXPECT_TRUE(trial.points.vector3(1, 1).array().isNaN().all());
  EXPECT_TRUE(std::isnan(trial.pointResiduals(1, 1)));
  // Residual = low byte x |scale|.
  EXPECT_NEAR(trial.pointResiduals(0, 0), 3.0 * std::abs(trial.pointScale), 1e-6);
  // Analog: (raw - offset) * scale * general scale.
  ASSERT_EQ(trial.analog.rowCount(), 6);
  for (int s = 0; s < 6; ++s) {
    EXPECT_DOUBLE_EQ(trial.analog.scalar(s, 0), (100.0 + s - 10.0) * 0.5 * 2.0);
    EXPECT_DOUBLE_EQ(trial.analog.scalar(s, 1), (-20.0 + s + 4.0) * 0.25 * 2.0);
  }
  EXPECT_EQ(trial.analog.column(0).unit, "N");
}

TEST(C3dFile, ReadsIntelFloatFile) {
  const auto bytes = twoPointTrial(C3dFormat::Intel, -1.0).build();
  const C3dTrial trial = parseC3d(bytes, "intel.c3d");
  EXPECT_EQ(trial.processor, c3d::ProcessorFormat::Intel);
  EXPECT_TRUE(trial.floatStorage);
  expectTwoPointTrial(trial);
}

TEST(C3dFile, ReadsMipsBigEndianFloatFile) {
  const auto bytes = twoPointTrial(C3dFormat::Mips, -1.0).build();
  const C3dTrial trial = parseC3d(bytes, "mips.c3d");
  EXPECT_EQ(trial.processor, c3d::ProcessorFormat::Mips);
  expectTwoPointTrial(trial);
}

TEST(C3dFile, ReadsMipsBigEndianIntegerFile) {
  const auto bytes = twoPointTrial(C3dFormat::Mips, 0.5).build();
  const C3dTrial trial = parseC3d(bytes, "mips-int.c3d");
  EXPECT_FALSE(trial.floatStorage);
  expectTwoPointTrial(trial);
}

TEST(C3dFile, ReadsDecIntegerFile) {
  const auto bytes = twoPointTrial(C3dFormat::Dec, 0.5).build();
  const C3dTrial trial = parseC3d(bytes, "dec.c3d");
  EXPECT_EQ(trial.processor, c3d::ProcessorFormat::Dec);
  EXPECT_DOUBLE_EQ(trial.pointScale, 0.5);
  expectTwoPointTrial(trial);
}

TEST(C3dFile, ReadsDecFloatFile) {
  const auto bytes = twoPointTrial(C3dFormat::Dec, -1.0).build();
  expectTwoPointTrial(parseC3d(bytes, "dec-float.c3d"));
}

TEST(C3dFile, DecodesKnownDecFloatBytes) {
  // DEC F-float 1.0: sign 0, exponent 129, fraction 0 -> word 0x4080 stored low byte first,
  // then the low-order mantissa word 0x0000.
  const std::array<std::byte, 4> one{std::byte{0x80}, std::byte{0x40}, std::byte{0}, std::byte{0}};
  EXPECT_EQ(c3d::decodeDecFloat(one.data()), 1.0f);
  // -0.0744 class values: exponent 0 with the sign bit is the DEC reserved operand.
  const std::array<std::byte, 4> reserved{std::byte{0x00}, std::byte{0x80}, std::byte{0},
                                          std::byte{0}};
  EXPECT_TRUE(std::isnan(c3d::decodeDecFloat(reserved.data())));
}

TEST(C3dFile, UnsignedAnalogUsesFullSixteenBitRange) {
  auto b = twoPointTrial(C3dFormat::Intel, 0.5);
  b.set(C3dTestBuilder::texts("ANALOG", "FORMAT", {"UNSIGNED"}));
  b.analogOffset = {32768.0 - 65536.0, 0.0};  // int16 storage of offset 32768
  b.analog.assign(6, {0.0, 0.0});
  b.analog[0] = {65535.0 - 65536.0, 1.0};  // stored bits 0xFFFF = 65535 unsigned
  const C3dTrial trial = parseC3d(b.build(), "unsigned.c3d");
  EXPECT_DOUBLE_EQ(trial.analog.scalar(0, 0), (65535.0 - 32768.0) * 0.5 * 2.0);
  EXPECT_DOUBLE_EQ(trial.analog.scalar(1, 0), (0.0 - 32768.0) * 0.5 * 2.0);
}

TEST(C3dFile, PointUnitsInMetres) {
  auto b = twoPointTrial(C3dFormat::Intel, -1.0);
  b.pointUnits = "m";
  const C3dTrial trial = parseC3d(b.build(), "metres.c3d");
  EXPECT_EQ(trial.pointUnits, "m");
  EXPECT_EQ(trial.points.column(0).unit, "m");
  EXPECT_DOUBLE_EQ(trial.pointUnitsInMetres(), 1.0);
}

TEST(C3dFile, DuplicatedAndBlankLabelsBecomeUniqueWithWarnings) {
  std::vector<std::string> labels{"RKNE", "", "RKNE", "RKNE_2", "RKNE"};
  const auto repeated = makeLabelsUnique(labels, "POINT");
  EXPECT_EQ(labels, (std::vector<std::string>{"RKNE", "POINT2", "RKNE_2", "RKNE_2_2", "RKNE_3"}));
  EXPECT_EQ(repeated, std::vector<std::string>{"RKNE"});

  // Repeated point labels read only when POINT:DESCRIPTIONS tells the points apart (a repeat
  // without that is an InputError: input_validation_test.cpp).
  auto b = twoPointTrial(C3dFormat::Intel, -1.0);
  b.pointLabels = {"RKNE", "RKNE"};
  b.set(C3dTestBuilder::texts("POINT", "DESCRIPTIONS", {"R.Knee", "R.Knee.Medial"}));
  const C3dTrial trial = parseC3d(b.build(), "dup.c3d");
  EXPECT_EQ(trial.points.labels(), (std::vector<std::string>{"RKNE", "RKNE_2"}));
  EXPECT_EQ(trial.pointLabelsAsStored, (std::vector<std::string>{"RKNE", "RKNE"}));
  ASSERT_FALSE(trial.warnings.empty());
  EXPECT_NE(trial.warnings.front().find("RKNE"), std::string::npos);
}

TEST(C3dFile, LabelsContinueInLabels2) {
  // 300 points: LABELS holds 255, LABELS2 the other 45 (C3D limit of 255 per parameter).
  C3dTestBuilder b;
  b.pointScale = -1.0;
  std::vector<std::string> first, second;
  for (int i = 0; i < 300; ++i) {
    const std::string label = std::string("M") += std::to_string(i);
    b.pointLabels.push_back(label);
    (i < 255 ? first : second).push_back(label);
  }
  b.points.assign(1, std::vector<std::array<double, 4>>(300, {1.0, 2.0, 3.0, 0.0}));
  b.set(C3dTestBuilder::texts("POINT", "LABELS", first, 4));
  b.set(C3dTestBuilder::texts("POINT", "LABELS2", second, 4));
  const C3dTrial trial = parseC3d(b.build(), "many.c3d");
  ASSERT_EQ(trial.points.columnCount(), 300u);
  EXPECT_EQ(trial.points.column(299).label, "M299");
  EXPECT_EQ(trial.points.column(254).label, "M254");
}

TEST(C3dFile, AnalogLabelsAndScalesContinueInLabels2) {
  C3dTestBuilder b;
  b.pointScale = -1.0;
  std::vector<std::string> first, second;
  std::vector<double> scales, scales2;
  for (int i = 0; i < 260; ++i) {
    const std::string label = std::string("EMG") += std::to_string(i);
    b.analogLabels.push_back(label);
    (i < 255 ? first : second).push_back(label);
    (i < 255 ? scales : scales2).push_back(i + 1.0);
  }
  b.analog = {std::vector<double>(260, 2.0)};
  b.set(C3dTestBuilder::texts("ANALOG", "LABELS", first, 6));
  b.set(C3dTestBuilder::texts("ANALOG", "LABELS2", second, 6));
  b.set(C3dTestBuilder::floats("ANALOG", "SCALE", scales));
  b.set(C3dTestBuilder::floats("ANALOG", "SCALE2", scales2));
  b.set(C3dTestBuilder::ints("ANALOG", "OFFSET", std::vector<double>(255, 0.0)));
  b.set(C3dTestBuilder::ints("ANALOG", "OFFSET2", std::vector<double>(5, 1.0)));
  const C3dTrial trial = parseC3d(b.build(), "analog300.c3d");
  ASSERT_EQ(trial.analog.columnCount(), 260u);
  EXPECT_EQ(trial.analog.column(259).label, "EMG259");
  EXPECT_DOUBLE_EQ(trial.analog.scalar(0, 254), 2.0 * 255.0);
  EXPECT_DOUBLE_EQ(trial.analog.scalar(0, 259), (2.0 - 1.0) * 260.0);
}

TEST(C3dFile, MoreThan65535FramesComeFromTrialFields) {
  // The header frame numbers are 16-bit; TRIAL:ACTUAL_END_FIELD holds the 32-bit end frame as
  // two words, low word first.
  C3dTestBuilder b;
  b.pointScale = 1.0;
  b.pointLabels = {"P"};
  const int frames = 70000;
  b.points.resize(frames);
  for (int f = 0; f < frames; ++f)
    b.points[static_cast<std::size_t>(f)] = {{{static_cast<double>(f % 1000), 0, 0, 0}}};
  auto bytes = b.build();
  // Header last frame saturates at 65535.
  bytes[8] = std::byte{0xFF};
  bytes[9] = std::byte{0xFF};
  b.set(C3dTestBuilder::ints("TRIAL", "ACTUAL_START_FIELD", {1, 0}));
  b.set(C3dTestBuilder::ints("TRIAL", "ACTUAL_END_FIELD", {frames - 65536, 1}));
  b.set(C3dTestBuilder::ints("POINT", "FRAMES", {-1}));  // 65535 as unsigned
  bytes = b.build();
  bytes[8] = std::byte{0xFF};
  bytes[9] = std::byte{0xFF};
  const C3dTrial trial = parseC3d(bytes, "long.c3d");
  ASSERT_EQ(trial.frameCount, static_cast<std::size_t>(frames));
  EXPECT_DOUBLE_EQ(trial.points.vector3(69999, 0).x(), 999.0);
  EXPECT_DOUBLE_EQ(trial.points.vector3(65536, 0).x(), 536.0);
}

TEST(C3dFile, ParameterTypesDimensionsAndLocks) {
  auto b = twoPointTrial(C3dFormat::Mips, -1.0);
  C3dTestParameter matrix = C3dTestBuilder::floats("SUBJECT", "MATRIX", {1, 2, 3, 4, 5, 6}, {2, 3});
  matrix.locked = true;
  b.set(matrix);
  b.set({"SUBJECT", "FLAGS", 1, {3}, {-1, 7, 100}, {}, false});
  b.set(C3dTestBuilder::texts("SUBJECT", "NAMES", {"ANTO", "M"}));
  const C3dTrial trial = parseC3d(b.build(), "params.c3d");
  const auto* m = trial.parameters.find("SUBJECT:MATRIX");
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->locked);
  EXPECT_EQ(m->dimensions, (std::vector<int>{2, 3}));
  EXPECT_EQ(m->numbers[3], 4.0);  // element (1, 1): first dimension fastest
  const auto* flags = trial.parameters.find("subject", "flags");
  ASSERT_NE(flags, nullptr);
  EXPECT_EQ(flags->type, c3d::ParameterType::Byte);
  EXPECT_EQ(flags->numbers, (std::vector<double>{-1, 7, 100}));
  EXPECT_EQ(trial.parameters.find("SUBJECT:NAMES")->strings,
            (std::vector<std::string>{"ANTO", "M"}));
  bool foundGroup = false;
  for (const auto& group : trial.parameters.groups()) {
    if (group.name == "SUBJECT") foundGroup = group.description == "SUBJECT group";
  }
  EXPECT_TRUE(foundGroup);
}

TEST(C3dFile, EventsFromEventGroupAndHeader) {
  auto b = twoPointTrial(C3dFormat::Intel, -1.0);  // first frame 7 at 50 Hz
  // EVENT:TIMES (minutes, seconds); frame 1 is t = 0, so frame 8 is t = 0.14 s.
  b.set(C3dTestBuilder::ints("EVENT", "USED", {2}));
  b.set(C3dTestBuilder::floats("EVENT", "TIMES", {0, 0.16, 0, 0.14}, {2, 2}));
  b.set(C3dTestBuilder::texts("EVENT", "LABELS", {"Foot Off", "Foot Strike"}));
  b.set(C3dTestBuilder::texts("EVENT", "CONTEXTS", {"Left", "Right"}));
  b.set(C3dTestBuilder::ints("EVENT", "ICON_IDS", {2, 1}));
  const C3dTrial trial = parseC3d(b.build(), "events.c3d");
  ASSERT_EQ(trial.events.size(), 2u);
  EXPECT_EQ(trial.events[0].label, "Foot Strike");  // sorted by time
  EXPECT_EQ(trial.events[0].context, "Right");
  EXPECT_EQ(trial.events[0].iconId, 1);
  // Times are stored as float32: relative resolution 6e-8 of 0.14 s, i.e. < 1e-6 frame here.
  EXPECT_NEAR(trial.events[0].frame, 8.0, 1e-6);
  EXPECT_NEAR(trial.events[0].time, 1.0 / 50.0, 1e-7);  // one frame after the first stored one

  auto h = twoPointTrial(C3dFormat::Dec, 0.5);
  h.headerEvents = {{0.2f, "HS"}};
  const C3dTrial headerTrial = parseC3d(h.build(), "header-events.c3d");
  ASSERT_EQ(headerTrial.events.size(), 1u);
  EXPECT_TRUE(headerTrial.events[0].fromHeader);
  EXPECT_EQ(headerTrial.events[0].label, "HS");
  EXPECT_NEAR(headerTrial.events[0].timeInFile, 0.2, 1e-6);
}

}  // namespace
}  // namespace kinchain::io
