// TRC headers as real files write them (issue #14). OpenSim's TRCFileAdapter::extendRead splits
// line 1 at spaces, tabs and CR alike and only asks for a first token "PathFileType"; lines 2-5
// are split at tabs with empty fields dropped (doubled tabs, trailing tabs). Kinchain must read
// every header OpenSim reads and still refuse, with a clear InputError, what OpenSim refuses
// (unknown or missing header keys, wrong label lines, rows of the wrong length).

#include "kinchain/io/trc_file.hpp"

#include "kinchain/common/error.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace kinchain::io {
namespace {

using ::testing::HasSubstr;

const std::string kKeys =
    "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\t"
    "OrigNumFrames\n";
const std::string kBody =
    "100\t100\t2\t2\tmm\t100\t1\t2\n"
    "Frame#\tTime\tRASI\t\t\tLASI\t\t\n"
    "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n"
    "\n"
    "1\t0\t1\t2\t3\t4\t5\t6\n"
    "2\t0.01\t7\t8\t9\t10\t11\t12\n";

void expectTwoMarkersReadBack(const TimeSeriesTable& table) {
  ASSERT_EQ(table.columnCount(), 2u);
  ASSERT_EQ(table.rowCount(), 2);
  EXPECT_EQ(table.column(0).label, "RASI");
  EXPECT_EQ(table.column(1).label, "LASI");
  EXPECT_EQ(table.vector3(1, 1), Eigen::Vector3d(10, 11, 12));
  EXPECT_EQ(table.time()[1], 0.01);
  EXPECT_EQ(table.metadataValue("Units"), "mm");
}

InputError parseError(const std::string& text) {
  try {
    static_cast<void>(parseTrc(text, "variant.trc"));
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return InputError("", "", "");
}

// The issue #14 file: two spaces after PathFileType, a tab, then a space before a Windows path.
TEST(TrcHeaderVariants, SpacesAndTabsMixedOnTheFirstLine) {
  const std::string first = "PathFileType  4\t(X/Y/Z) C:\\Vicon\\Data\\Session 1\\walk01.trc\n";
  const auto table = parseTrc(first + kKeys + kBody, "issue14.trc");
  expectTwoMarkersReadBack(table);
  EXPECT_EQ(table.metadataValue("PathFileType"), "4");
  EXPECT_EQ(table.metadataValue("SourceFileName"), "C:\\Vicon\\Data\\Session 1\\walk01.trc");
}

TEST(TrcHeaderVariants, FirstLineWithSpacesOnlyOrPaddingTabs) {
  const auto spaces = parseTrc("PathFileType 4 (X/Y/Z) walk 01.trc\n" + kKeys + kBody, "a.trc");
  expectTwoMarkersReadBack(spaces);
  EXPECT_EQ(spaces.metadataValue("SourceFileName"), "walk 01.trc");
  // OpenSim's own test file testEformatParsing.trc pads line 1 with tabs.
  const auto padded =
      parseTrc("PathFileType\t4\t(X/Y/Z)\tpadded.trc\t\t\t\t\t\n" + kKeys + kBody, "b.trc");
  expectTwoMarkersReadBack(padded);
  EXPECT_EQ(padded.metadataValue("SourceFileName"), "padded.trc");
  // Nothing but the keyword and the type: no file name.
  const auto bare = parseTrc("PathFileType\t4\n" + kKeys + kBody, "c.trc");
  expectTwoMarkersReadBack(bare);
  EXPECT_FALSE(bare.metadataValue("SourceFileName").has_value());
}

TEST(TrcHeaderVariants, DoubledTabsInTheHeaderLines) {
  // Writers that align columns double the tabs between keys, values and names.
  const std::string text =
      "PathFileType\t\t4\t\t(X/Y/Z)\t\tdoubled.trc\n"
      "DataRate\t\tCameraRate\t\tNumFrames\t\tNumMarkers\t\tUnits\t\tOrigDataRate\t\t"
      "OrigDataStartFrame\t\tOrigNumFrames\n"
      "100\t\t100\t\t2\t\t2\t\tmm\t\t100\t\t1\t\t2\n"
      "Frame#\t\tTime\t\tRASI\t\t\t\t\t\tLASI\n"
      "\t\t\t\tX1\t\tY1\t\tZ1\t\tX2\t\tY2\t\tZ2\n"
      "\n"
      "1\t0\t1\t2\t3\t4\t5\t6\n"
      "2\t0.01\t7\t8\t9\t10\t11\t12\n";
  const auto table = parseTrc(text, "doubled.trc");
  expectTwoMarkersReadBack(table);
  EXPECT_EQ(table.metadataValue("SourceFileName"), "doubled.trc");
}

TEST(TrcHeaderVariants, TrailingEmptyColumnsCrlfAndPaddedValues) {
  // Trailing tabs after every header line and row (as OpenSim's writer leaves them), CRLF line
  // ends, fixed-width padded values (subject01_walk1.trc writes "       10" for NumFrames).
  const std::string text =
      "PathFileType\t4\t(X/Y/Z)\ttrailing.trc\t\r\n"
      "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\t"
      "OrigNumFrames\t\t\t\r\n"
      "100.00\t100.00\t        2\t2\tmm\t100.00\t1\t        2\t\t\t\r\n"
      "Frame#\tTime\tRASI\t\t\tLASI\t\t\t\r\n"
      "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\t\r\n"
      "\t\t\t\t\t\t\t\r\n"
      "1\t0\t1\t2\t3\t4\t5\t6\t\r\n"
      "2\t0.01\t7\t8\t9\t10\t11\t12\t\t\r\n";
  expectTwoMarkersReadBack(parseTrc(text, "trailing.trc"));
}

TEST(TrcHeaderVariants, NoBlankLineBeforeTheDataAndKeysInAnotherOrder) {
  const std::string text =
      "PathFileType\t4\t(X/Y/Z)\torder.trc\n"
      "NumFrames\tNumMarkers\tDataRate\tCameraRate\tUnits\tOrigDataRate\tOrigDataStartFrame\t"
      "OrigNumFrames\n"
      "2\t2\t100\t100\tmm\t100\t1\t2\n"
      "Frame#\tTime\tRASI\t\t\tLASI\t\t\n"
      "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n"
      "1\t0\t1\t2\t3\t4\t5\t6\n"
      "2\t0.01\t7\t8\t9\t10\t11\t12\n";
  const auto table = parseTrc(text, "order.trc");
  expectTwoMarkersReadBack(table);
  EXPECT_EQ(table.metadataValue("DataRate"), "100");
}

TEST(TrcHeaderVariants, TheIssueFileFromDiskReadsLikeItsTabbedTwin) {
  // The same trajectories written by OpenSim's layout and by the issue's writer give one table.
  const auto scratch = test::scratchDirectory("trc-variants");
  const auto written = scratch / "walk01.trc";
  {
    std::ofstream out(written, std::ios::binary);
    out << "PathFileType  4\t(X/Y/Z) C:\\data\\walk01.trc\r\n" << kKeys << kBody;
  }
  const auto fromDisk = readTrc(written);
  const auto tabbed = parseTrc("PathFileType\t4\t(X/Y/Z)\twalk01.trc\n" + kKeys + kBody, "t.trc");
  EXPECT_EQ(fromDisk.values(), tabbed.values());
  EXPECT_EQ(fromDisk.time(), tabbed.time());
  EXPECT_EQ(fromDisk.labels(), tabbed.labels());
}

// What OpenSim refuses stays refused, with the place and the reason.
TEST(TrcHeaderVariants, WhatOpenSimRefusesIsStillRefused) {
  const std::string first = "PathFileType\t4\t(X/Y/Z)\tbad.trc\n";
  {  // not a TRC file: the first token is not PathFileType (OpenSim: MissingHeader)
    const auto error = parseError("PathFileTyp  4\t(X/Y/Z)\n" + kKeys + kBody);
    EXPECT_EQ(error.source(), "variant.trc");
    EXPECT_EQ(error.place(), "line 1");
    EXPECT_THAT(error.reason(), HasSubstr("starts with 'PathFileType'"));
  }
  {  // an unknown key (OpenSim: UnexpectedMetaDataKey)
    std::string keys = kKeys;
    keys.replace(keys.find("CameraRate"), 10, "FrameRate");
    const auto error = parseError(first + keys + kBody);
    EXPECT_EQ(error.place(), "line 2");
    EXPECT_THAT(error.reason(), HasSubstr("'FrameRate' is not a TRC header key"));
  }
  {  // keys separated by spaces inside a tab-separated line run together (OpenSim refuses too)
    std::string keys = kKeys;
    keys.replace(keys.find("DataRate\tCameraRate"), 19, "DataRate CameraRate");
    const auto error = parseError(first + keys + kBody);
    EXPECT_EQ(error.place(), "line 2");
    EXPECT_THAT(error.reason(), HasSubstr("'DataRate CameraRate' is not a TRC header key"));
  }
  {  // a missing key (OpenSim: IncorrectNumMetaDataKeys)
    const std::string text = first +
                             "DataRate\tNumFrames\tNumMarkers\tUnits\n"
                             "100\t2\t2\tmm\n"
                             "Frame#\tTime\tRASI\t\t\tLASI\t\t\n"
                             "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n"
                             "1\t0\t1\t2\t3\t4\t5\t6\n"
                             "2\t0.01\t7\t8\t9\t10\t11\t12\n";
    const auto error = parseError(text);
    EXPECT_EQ(error.place(), "line 2");
    EXPECT_THAT(error.reason(), HasSubstr("no CameraRate key"));
  }
  {  // a repeated key
    std::string keys = kKeys;
    keys.replace(keys.find("CameraRate"), 10, "DataRate");
    const auto error = parseError(first + keys + kBody);
    EXPECT_THAT(error.reason(), HasSubstr("'DataRate' appears twice (keys 1 and 2)"));
  }
  {  // axis labels out of order would put y values into z (OpenSim: UnexpectedColumnLabel)
    std::string body = kBody;
    body.replace(body.find("X2\tY2\tZ2"), 8, "X2\tZ2\tY2");
    const auto error = parseError(first + kKeys + body);
    EXPECT_EQ(error.place(), "line 5");
    EXPECT_THAT(error.reason(), HasSubstr("'Z2' of marker 'LASI' should be Y2"));
  }
  {  // a row one coordinate short (OpenSim: RowLengthMismatch)
    std::string body = kBody;
    body.replace(body.find("\t11\t12"), 6, "\t11");
    const auto error = parseError(first + kKeys + body);
    EXPECT_EQ(error.place(), "line 8");
    EXPECT_THAT(error.reason(), HasSubstr("7 fields, expected 8"));
  }
}

}  // namespace
}  // namespace kinchain::io
