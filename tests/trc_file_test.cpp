// Tests of the TRC reader and writer against OpenSim's TRC test files in ../shared/data. The
// expectations for trc_format_cases are those of OpenSim's testMarkerData.cpp and
// testTRCFileAdapter.cpp (listed in ../shared/data/README.md); other numbers were read from the
// files by eye.

#include "kinchain/io/trc_file.hpp"

#include "kinchain/common/error.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kinchain::io {
namespace {

using ::testing::HasSubstr;

using test::fileText;

std::vector<std::filesystem::path> sharedTrcFiles() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(test::sharedData("opensim-core"))) {
    if (entry.is_regular_file() && entry.path().extension() == ".trc")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// NumFrames and NumMarkers from line 3 of the file, read without the reader under test.
std::pair<long, long> declaredFramesAndMarkers(const std::string& text) {
  std::istringstream stream(text);
  std::string keys;
  std::string values;
  std::getline(stream, keys);  // PathFileType line
  std::getline(stream, keys);
  std::getline(stream, values);
  std::istringstream keyWords(keys);
  std::istringstream valueWords(values);
  std::string key;
  std::string value;
  long frames = -1;
  long markers = -1;
  while (keyWords >> key && valueWords >> value) {
    if (key == "NumFrames") frames = std::stol(value);
    if (key == "NumMarkers") markers = std::stol(value);
  }
  return {frames, markers};
}

bool sameNumber(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

TEST(TrcFile, ReadsEveryTrcFileInTheSharedDataWithCountsMatchingItsHeader) {
  const auto files = sharedTrcFiles();
  // Nine TRC files are listed in ../shared/data/README.md; fewer means data went missing.
  ASSERT_GE(files.size(), 9u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.string());
    const auto table = readTrc(path);
    const auto [frames, markers] = declaredFramesAndMarkers(fileText(path));
    EXPECT_EQ(table.rowCount(), frames);
    EXPECT_EQ(static_cast<long>(table.columnCount()), markers);
    for (const auto& column : table.columns()) {
      EXPECT_EQ(column.kind, ColumnKind::Vector3);
      EXPECT_EQ(column.unit, table.metadataValue("Units"));
    }
  }
}

TEST(TrcFile, NaNsOfDifferentCasesAsInOpenSimTestMarkerData) {
  const auto table =
      readTrc(test::sharedData("opensim-core/trc_format_cases/dataWithNaNsOfDifferentCases.trc"));
  ASSERT_EQ(table.columnCount(), 14u);
  EXPECT_EQ(table.findColumn("toe"), 0u);
  EXPECT_EQ(table.findColumn("lASIS"), 13u);
  ASSERT_EQ(table.rowCount(), 5);
  EXPECT_EQ(table.time().front(), 0.0);
  EXPECT_EQ(table.time().back(), 0.016);
  EXPECT_EQ(std::stod(*table.metadataValue("DataRate")), 250.0);
  EXPECT_EQ(std::stod(*table.metadataValue("CameraRate")), 250.0);
  EXPECT_EQ(table.metadataValue("Units"), "mm");
  EXPECT_EQ(table.column(0).unit, "mm");
  EXPECT_EQ(table.vector3(0, 0), Eigen::Vector3d(175.798014, -333.753526, 33.121135));
  EXPECT_EQ(table.metadataValue("SourceFileName"), "SquatT2.trc");
  EXPECT_EQ(table.metadataValue("PathFileType"), "4");
  EXPECT_EQ(table.metadataValue("FirstFrame"), "1");
  // The file spells missing values NaN, nan and NAN; every one must read as NaN.
  const std::string text =
      fileText(test::sharedData("opensim-core/trc_format_cases/dataWithNaNsOfDifferentCases.trc"));
  for (const auto* spelling : {"\tNaN", "\tnan", "\tNAN"}) {
    EXPECT_NE(text.find(spelling), std::string::npos) << spelling;
  }
  EXPECT_GT(table.values().array().isNaN().count(), 0);
}

TEST(TrcFile, NaNsWithSpacesAsInOpenSimTestMarkerData) {
  const auto table =
      readTrc(test::sharedData("opensim-core/trc_format_cases/dataWithNaNsWithSpaces.trc"));
  ASSERT_EQ(table.rowCount(), 427);
  ASSERT_EQ(table.columnCount(), 42u);
  EXPECT_EQ(table.metadataValue("SourceFileName"), "Run_500 02");
  EXPECT_EQ(table.metadataValue("OrigNumFrames"), "128");  // inconsistent on purpose
  EXPECT_DOUBLE_EQ(table.time()[1], 0.01);
  EXPECT_TRUE(table.vector3(1, 0).array().isNaN().all());
  // testMarkerData.cpp: within 1e-7.
  const Eigen::Vector3d expected(1006.513977, 1014.924316, -195.748917);
  EXPECT_LT((table.vector3(1, 1) - expected).cwiseAbs().maxCoeff(), 1e-7);
  EXPECT_EQ(table.column(0).label, "LASI");
}

TEST(TrcFile, ExampleFormatBlankAndMixedCaseNaN) {
  const auto table = readTrc(test::sharedData("opensim-core/trc_format_cases/exampleFormat.trc"));
  ASSERT_EQ(table.rowCount(), 5);
  ASSERT_EQ(table.columnCount(), 3u);
  EXPECT_EQ(table.metadataValue("Units"), "m");
  EXPECT_EQ(table.time().front(), 0.01);
  EXPECT_TRUE(table.vector3(0, 0).array().isNaN().all());  // blank fields
  EXPECT_TRUE(table.vector3(2, 1).array().isNaN().all());  // Nan nan NAN
  EXPECT_EQ(table.vector3(2, 0), Eigen::Vector3d(-0.273, 0.0745, -1.57));
  EXPECT_EQ(table.vector3(0, 2), Eigen::Vector3d(-0.0517, 0.305, -1.7));
}

TEST(TrcFile, ENotation) {
  const auto table = readTrc(test::sharedData("opensim-core/trc_format_cases/dataWithEformat.trc"));
  ASSERT_EQ(table.rowCount(), 5);
  ASSERT_EQ(table.columnCount(), 14u);
  EXPECT_EQ(table.metadataValue("DataRate"), "119.88012");
  EXPECT_EQ(table.time()[1], 0.016683);
  EXPECT_EQ(table.vector3(1, 0), Eigen::Vector3d(-2.73e-01, 7.45e-02, -1.57e+00));
  EXPECT_EQ(table.column(13).label, "RFAulna");
}

TEST(TrcFile, CrlfLineEndings) {
  const auto table = readTrc(
      test::sharedData("opensim-core/trc_format_cases/gait10dof18musc_walk_CRLF_line_ending.trc"));
  ASSERT_EQ(table.rowCount(), 10);
  ASSERT_EQ(table.columnCount(), 41u);
  EXPECT_EQ(table.column(0).label, "R.ASIS");
  EXPECT_EQ(table.vector3(0, 0), Eigen::Vector3d(617.247620, 1055.275020, 170.781980));
  EXPECT_EQ(table.time()[1], 0.017);
  EXPECT_EQ(table.metadataValue("NumFrames"), "10");
}

TEST(TrcFile, LabelsWithLeadingPaddingTab) {
  // This file puts an empty field before the first marker name and two tabs between names.
  const auto table =
      readTrc(test::sharedData("opensim-core/ik_gait2354/subject01_synthetic_marker_data.trc"));
  ASSERT_EQ(table.columnCount(), 31u);
  EXPECT_EQ(table.column(0).label, "Sternum");
  EXPECT_EQ(table.column(1).label, "R.Acromium");
  EXPECT_EQ(table.time().back(), 1.6);
  EXPECT_EQ(table.vector3(72, 0), Eigen::Vector3d(0.64893, 1.4004, -0.010598));
  EXPECT_EQ(table.vector3(0, 0), Eigen::Vector3d(0.67076, 1.3961, -0.025106));
}

TEST(TrcFile, WriteReadRoundTripGivesIdenticalNumbersForEverySharedFile) {
  // OpenSim's testTRCFileAdapter reads each file, writes it and compares the numbers.
  const auto scratch = test::scratchDirectory("trc");
  for (const auto& path : sharedTrcFiles()) {
    SCOPED_TRACE(path.string());
    const auto original = readTrc(path);
    const auto written = scratch / path.filename();
    writeTrc(original, written);
    const auto again = readTrc(written);
    ASSERT_EQ(original.labels(), again.labels());
    ASSERT_EQ(original.rowCount(), again.rowCount());
    EXPECT_EQ(original.time(), again.time());
    const auto a = original.values();
    const auto b = again.values();
    for (Eigen::Index column = 0; column < a.cols(); ++column) {
      for (Eigen::Index row = 0; row < a.rows(); ++row) {
        ASSERT_TRUE(sameNumber(a(row, column), b(row, column))) << row << "," << column;
      }
    }
    for (const auto* key : {"DataRate", "CameraRate", "NumFrames", "NumMarkers", "Units",
                            "OrigDataRate", "OrigDataStartFrame", "OrigNumFrames", "FirstFrame"}) {
      EXPECT_EQ(original.metadataValue(key), again.metadataValue(key)) << key;
    }
    EXPECT_EQ(again.metadataValue("SourceFileName"), path.filename().string());
  }
}

TEST(TrcFile, WriterLayoutMatchesOpenSimTrcFileAdapter) {
  TimeSeriesTable table({0.0, 0.01});
  Eigen::MatrixX3d heel(2, 3);
  heel << 1.5, 2, 3, std::nan(""), 5, 6;
  table.addVector3Column("RHEE", heel, "mm");
  table.addVector3Column("LHEE", Eigen::MatrixX3d::Zero(2, 3), "mm");
  EXPECT_EQ(formatTrc(table, "out.trc"),
            "PathFileType\t4\t(X/Y/Z)\tout.trc\n"
            "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\t"
            "OrigDataStartFrame\tOrigNumFrames\n"
            "100\t100\t2\t2\tmm\t100\t1\t2\n"
            "Frame#\tTime\tRHEE\t\t\tLHEE\t\t\n"
            "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n"
            "\n"
            "1\t0\t1.5\t2\t3\t0\t0\t0\n"
            "2\t0.01\tNaN\t5\t6\t0\t0\t0\n");
}

TEST(TrcFile, WriterRejectsWhatATrcCannotHold) {
  TimeSeriesTable scalar({0.0, 0.01});
  scalar.addScalarColumn("Fz", Eigen::Vector2d(1, 2), "N");
  EXPECT_THROW(static_cast<void>(formatTrc(scalar, "x.trc")), std::invalid_argument);
  TimeSeriesTable mixed({0.0, 0.01});
  mixed.addVector3Column("A", Eigen::MatrixX3d::Zero(2, 3), "mm");
  mixed.addVector3Column("B", Eigen::MatrixX3d::Zero(2, 3), "m");
  EXPECT_THROW(static_cast<void>(formatTrc(mixed, "x.trc")), std::invalid_argument);
  TimeSeriesTable noUnit({0.0, 0.01});
  noUnit.addVector3Column("A", Eigen::MatrixX3d::Zero(2, 3));
  EXPECT_THROW(static_cast<void>(formatTrc(noUnit, "x.trc")), std::invalid_argument);
  TimeSeriesTable oneRow({0.0});
  oneRow.addVector3Column("A", Eigen::MatrixX3d::Zero(1, 3), "mm");
  EXPECT_THROW(static_cast<void>(formatTrc(oneRow, "x.trc")), std::invalid_argument);
  oneRow.setMetadata("DataRate", "100");
  EXPECT_NO_THROW(static_cast<void>(formatTrc(oneRow, "x.trc")));
}

// A small valid file to damage.
const std::string kHeader =
    "PathFileType\t4\t(X/Y/Z)\tdemo.trc\n"
    "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\t"
    "OrigNumFrames\n";
const std::string kValid = kHeader +
                           "100\t100\t2\t2\tmm\t100\t1\t2\n"
                           "Frame#\tTime\tA\t\t\tB\t\t\n"
                           "\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n"
                           "\n"
                           "1\t0\t1\t2\t3\t4\t5\t6\n"
                           "2\t0.01\t1\t2\t3\t4\t5\t6\n";

void expectInputError(const std::string& text, const std::string& placePart,
                      const std::string& reasonPart) {
  try {
    static_cast<void>(parseTrc(text, "bad.trc"));
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), "bad.trc");
    EXPECT_THAT(error.place(), HasSubstr(placePart)) << error.what();
    EXPECT_THAT(error.reason(), HasSubstr(reasonPart)) << error.what();
  }
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(TrcFile, ValidSmallFileParses) {
  const auto table = parseTrc(kValid, "demo.trc");
  ASSERT_EQ(table.rowCount(), 2);
  EXPECT_EQ(table.vector3(1, 1), Eigen::Vector3d(4, 5, 6));
}

TEST(TrcFile, ByteOrderMarkIsIgnored) {
  const auto table = parseTrc("\xEF\xBB\xBF" + kValid, "bom.trc");
  EXPECT_EQ(table.rowCount(), 2);
}

TEST(TrcFile, DamagedInputGivesInputErrorWithPlaceAndReason) {
  expectInputError("", "line 1", "PathFileType");
  expectInputError("Frame#\tTime\n", "line 1", "PathFileType");
  expectInputError(kHeader, "line 3", "header values");
  expectInputError(replaced(kValid, "\t1\t2\n", "\t1\n"), "line 3", "8 keys");
  expectInputError(replaced(kValid, "100\t100\t2\t2", "0\t100\t2\t2"), "line 3",
                   "DataRate '0' is not a positive number");
  expectInputError(replaced(kValid, "100\t100\t2\t2", "100\t100\ttwo\t2"), "line 3",
                   "NumFrames 'two'");
  expectInputError(replaced(kValid, "100\t100\t2\t2", "100\t100\t2\t18446744073709551615"),
                   "line 4", "NumMarkers is 18446744073709551615");
  expectInputError(replaced(kValid, "100\t100\t2\t2", "100\t100\t2\t3"), "line 4",
                   "names 2 markers but NumMarkers is 3");
  expectInputError(replaced(kValid, "Frame#\tTime", "Frame\tTime"), "line 4", "Frame#");
  expectInputError(replaced(kValid, "\tX2\tY2\tZ2", "\tX2\tY2"), "line 5", "expected 3 x");
  expectInputError(replaced(kValid, "2\t0.01\t1\t2\t3\t4\t5\t6\n", ""), "line", "holds 1 frames");
  expectInputError(replaced(kValid, "2\t0.01\t1\t2\t3\t4\t5\t6\n", "2\t0.01\t1\t2\t3\t4\n"),
                   "line 8", "6 fields, expected 8");
  expectInputError(
      replaced(kValid, "2\t0.01\t1\t2\t3\t4\t5\t6\n", "2\t0.01\t1\t2\t3\t4\t5\t6\t7\n"), "line 8",
      "9 fields, expected 8");
  expectInputError(replaced(kValid, "2\t0.01\t1\t2\t3\t4\t5\t6", "2\t0.01\t1\t2\t3\t4\t5x\t6"),
                   "line 8 (marker 'B' y)", "'5x' is not a number");
  expectInputError(replaced(kValid, "2\t0.01", "2\tlater"), "line 8 (time)", "not a finite");
  expectInputError(replaced(kValid, "2\t0.01", "x\t0.01"), "line 8 (frame number)", "'x'");
  expectInputError(replaced(kValid, "2\t0.01", "2\t-0.01"), "line 8 (time)", "earlier");
  // Header cut off before the marker names / coordinate labels.
  expectInputError(kHeader + "100\t100\t2\t2\tmm\t100\t1\t2\n", "line 4", "marker names");
}

TEST(TrcFile, EveryPrefixOfARealFileReadsOrFailsCleanly) {
  const std::string text =
      fileText(test::sharedData("opensim-core/trc_format_cases/exampleFormat.trc"));
  std::size_t parsed = 0;
  for (std::size_t length = 0; length <= text.size(); ++length) {
    try {
      static_cast<void>(parseTrc(std::string_view(text).substr(0, length), "prefix.trc"));
      ++parsed;
    } catch (const InputError&) {
    }
  }
  // Only cuts after (or inside the last number of) the last row keep all five frames.
  EXPECT_GT(parsed, 0u);
  EXPECT_LT(parsed, 10u);
}

}  // namespace
}  // namespace kinchain::io
