// Tests of the .sto/.mot reader and writer against OpenSim's own files in ../shared/data. The
// expected numbers below were read by eye from those files (first lines, last lines); counts are
// checked against the files' own headers by an independent line scan.

#include "kinchain/io/sto_file.hpp"

#include "kinchain/common/error.hpp"
#include "test_paths.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace kinchain::io {
namespace {

using ::testing::HasSubstr;

using test::fileText;

std::vector<std::filesystem::path> sharedFilesWithExtensions(std::vector<std::string> extensions) {
  std::vector<std::filesystem::path> files;
  const auto root = test::sharedData("opensim-core");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    auto extension = entry.path().extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(extensions.begin(), extensions.end(), extension) != extensions.end()) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// What the file's own header says, found by a simple scan independent of the reader: a header
// line "<key><spaces, tabs or '='><digits>" with key nRows/datarows or nColumns/datacolumns.
struct DeclaredCounts {
  long rows = -1;
  long columns = -1;
  long dataLines = 0;  // non-blank lines after the label line
};

std::optional<long> declaredCount(const std::string& line, const std::vector<std::string>& keys) {
  const auto keyEnd = line.find_first_of(" \t=");
  if (keyEnd == std::string::npos) return std::nullopt;
  const std::string key = line.substr(0, keyEnd);
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) return std::nullopt;
  const auto digits = line.find_first_not_of(" \t=", keyEnd);
  if (digits == std::string::npos) return std::nullopt;
  const auto end = line.find_first_not_of("0123456789", digits);
  if (end != std::string::npos && line.find_first_not_of(" \t", end) != std::string::npos) {
    return std::nullopt;
  }
  return std::stol(line.substr(digits, end - digits));
}

DeclaredCounts scanHeader(const std::string& text) {
  DeclaredCounts counts;
  std::istringstream stream(text);
  std::string line;
  bool inHeader = true;
  bool sawLabels = false;
  while (std::getline(stream, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (inHeader) {
      if (const auto rows = declaredCount(line, {"nRows", "datarows"})) counts.rows = *rows;
      if (const auto columns = declaredCount(line, {"nColumns", "datacolumns"})) {
        counts.columns = *columns;
      }
      if (line.find("endheader") != std::string::npos) inHeader = false;
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (!sawLabels) {
      sawLabels = true;
      continue;
    }
    ++counts.dataLines;
  }
  return counts;
}

bool sameNumber(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

void expectIdenticalTables(const TimeSeriesTable& expected, const TimeSeriesTable& actual,
                           const std::string& what) {
  ASSERT_EQ(expected.rowCount(), actual.rowCount()) << what;
  ASSERT_EQ(expected.labels(), actual.labels()) << what;
  for (std::size_t row = 0; row < expected.time().size(); ++row) {
    ASSERT_EQ(expected.time()[row], actual.time()[row]) << what << " row " << row;
  }
  const auto a = expected.values();
  const auto b = actual.values();
  for (Eigen::Index column = 0; column < a.cols(); ++column) {
    for (Eigen::Index row = 0; row < a.rows(); ++row) {
      ASSERT_TRUE(sameNumber(a(row, column), b(row, column)))
          << what << " row " << row << " value column " << column << ": " << a(row, column)
          << " vs " << b(row, column);
    }
  }
}

TEST(StoFile, ReadsEveryStorageFileInTheSharedDataWithCountsMatchingItsHeader) {
  const auto files = sharedFilesWithExtensions({".sto", ".mot"});
  // 28 storage files are listed in ../shared/data/README.md; fewer means data went missing.
  ASSERT_GE(files.size(), 28u);
  std::size_t filesDeclaringRows = 0;
  std::size_t filesDeclaringColumns = 0;
  for (const auto& path : files) {
    SCOPED_TRACE(path.string());
    const auto table = readSto(path);
    const auto declared = scanHeader(fileText(path));
    EXPECT_EQ(table.rowCount(), declared.dataLines);
    filesDeclaringRows += declared.rows >= 0 ? 1 : 0;
    filesDeclaringColumns += declared.columns >= 0 ? 1 : 0;
    if (declared.columns >= 0) {
      EXPECT_EQ(static_cast<long>(table.columnCount()) + 1, declared.columns);
    }
    if (declared.rows >= 0 && path.filename() != "crouch_gait.mot") {
      EXPECT_EQ(table.rowCount(), declared.rows);
    }
    EXPECT_GT(table.rowCount(), 0);
    EXPECT_GT(table.columnCount(), 0u);
  }
  // Only the two OpenSim 4 (STOFileAdapter) files carry no row/column counts.
  EXPECT_EQ(filesDeclaringRows, files.size() - 2);
  EXPECT_EQ(filesDeclaringColumns, files.size() - 2);
}

TEST(StoFile, OpenSim4HeaderWithDataRate) {
  const auto table = readSto(test::sharedData("opensim-core/c3d_walking2/std_walking2_analog.sto"));
  EXPECT_EQ(table.metadataValue("DataRate"), "2000.000000");
  EXPECT_EQ(table.metadataValue("version"), "3");
  EXPECT_EQ(table.metadataValue("OpenSimVersion"), "4.5-2023-05-26-1e9c8779a");
  ASSERT_EQ(table.columnCount(), 12u);
  ASSERT_EQ(table.rowCount(), 11);
  EXPECT_EQ(table.column(0).label, "Fx1");
  EXPECT_EQ(table.column(11).label, "Mz2");
  EXPECT_EQ(table.scalar(0, 0), 0.8897200226783752);
  EXPECT_EQ(table.time()[1], 0.5);
  EXPECT_EQ(table.scalar(1, 1), -2.275110006332397);
  EXPECT_EQ(table.time().back(), 4.9955);
  EXPECT_EQ(table.scalar(10, 0), 2.179814100265503);
  EXPECT_FALSE(stoIsInDegrees(table));
}

TEST(StoFile, SimmFixedWidthHeaderWithTrailingTabs) {
  const auto table = readSto(
      test::sharedData("opensim-core/so_gait10dof18musc_ankle_spring/subject01_walk1_grf.mot"));
  EXPECT_EQ(table.metadataValue("name"), "subject01_walk1_grf.mot");
  EXPECT_EQ(table.metadataValue("datacolumns"), "19");
  EXPECT_EQ(table.metadataValue("datarows"), "9009");
  EXPECT_EQ(table.metadataValue("range"), "0.000000 15.013300");
  ASSERT_EQ(table.rowCount(), 9009);
  ASSERT_EQ(table.columnCount(), 18u);
  EXPECT_EQ(table.column(1).label, "ground_force_vy");
  EXPECT_EQ(table.scalar(0, 1), 745.46611415);
  EXPECT_EQ(table.time()[1], 0.0017);
  EXPECT_EQ(table.time().back(), 15.0133);
  // SIMM .mot without version: degrees, as OpenSim's Storage assumes.
  EXPECT_TRUE(stoIsInDegrees(table));
}

TEST(StoFile, SimmHeaderAfterOpenSim1TitleLine) {
  const auto table =
      readSto(test::sharedData("opensim-core/ik_gait2354/std_subject01_walk1_ik.mot"));
  EXPECT_EQ(table.metadataValue("name"), "first trial");
  EXPECT_EQ(table.metadataValue("nRows"), "73");
  EXPECT_EQ(table.metadataValue("otherdata"), "1");
  EXPECT_EQ(table.metadataValue("comments"), "# SIMM Motion File Header:");
  EXPECT_FALSE(table.metadataValue("inDegrees").has_value());
  EXPECT_TRUE(stoIsInDegrees(table));
  ASSERT_EQ(table.rowCount(), 73);
  EXPECT_EQ(table.time().back(), 1.6);
  EXPECT_EQ(table.scalar(72, table.requireColumn("pelvis_tilt")), 6.35307847);
}

TEST(StoFile, OpenSim1HeaderWithInDegreesAndCrlf) {
  const auto table = readSto(
      test::sharedData("opensim-core/trc_format_cases/gait10dof18musc_ik_CRLF_line_ending.mot"));
  EXPECT_EQ(table.metadataValue("name"), "Coordinates");
  EXPECT_EQ(table.metadataValue("version"), "1");
  EXPECT_EQ(table.metadataValue("inDegrees"), "yes");
  EXPECT_TRUE(stoIsInDegrees(table));
  ASSERT_EQ(table.rowCount(), 15);
  ASSERT_EQ(table.columnCount(), 10u);
  EXPECT_EQ(table.column(9).label, "lumbar_extension");
  EXPECT_EQ(table.scalar(0, 0), 10.32995988);
  EXPECT_EQ(table.scalar(0, 9), -26.13945065);
  EXPECT_EQ(table.time()[1], 0.01666667);
}

TEST(StoFile, DegreesFallbacksFollowOpenSimStorage) {
  // .mot without version or inDegrees, with "Angles are in degrees.": degrees.
  EXPECT_TRUE(
      stoIsInDegrees(readSto(test::sharedData("opensim-core/id_gait2354/subject01_walk1_ik.mot"))));
  // .sto without version or inDegrees: radians.
  const auto id = readSto(test::sharedData("opensim-core/id_arm26/std_arm26_InverseDynamics.sto"));
  EXPECT_EQ(id.metadataValue("inDegreesInferred"), "no");
  EXPECT_FALSE(stoIsInDegrees(id));
  EXPECT_EQ(id.time().front(), -0.00000020000000500175);
  // version=3 file without inDegrees: radians.
  EXPECT_FALSE(stoIsInDegrees(
      readSto(test::sharedData("opensim-core/muscle_lengths_gait10dof18musc/"
                               "std_testGeometryPathWrapping_walk_gait1018_muscle_lengths.sto"))));
  // Explicit inDegrees=no wins.
  EXPECT_FALSE(stoIsInDegrees(readSto(test::sharedData(
      "opensim-core/so_arm26/std_Thelen2003Muscle_arm26_StaticOptimization_force.sto"))));
  // The same header text decides differently for .sto and .mot names.
  const std::string text = "title\nnRows=1\nnColumns=2\nendheader\ntime\tq\n0\t1\n";
  EXPECT_TRUE(stoIsInDegrees(parseSto(text, "walk.MOT")));
  EXPECT_FALSE(stoIsInDegrees(parseSto(text, "walk.sto")));
  EXPECT_FALSE(stoIsInDegrees(parseSto("Angles are in radians.\n" + text, "walk.sto")));
  EXPECT_TRUE(stoIsInDegrees(parseSto(
      "title\nAngles are in degrees.\nnColumns=2\nendheader\ntime\tq\n0\t1\n", "walk.sto")));
}

TEST(StoFile, HeaderRowCountIsNotEnforcedBecauseOpenSimShipsAWrongOne) {
  const auto path = test::sharedData("opensim-core/typical_gait_curves/crouch_gait.mot");
  const auto table = readSto(path);
  EXPECT_EQ(table.metadataValue("nRows"), "120");
  EXPECT_EQ(table.rowCount(), 119);
  EXPECT_EQ(scanHeader(fileText(path)).dataLines, 119);
  EXPECT_EQ(table.scalar(0, table.requireColumn("pelvis_list")), -5.9);
  EXPECT_EQ(table.time().back(), 1.0);
}

TEST(StoFile, RepeatedLastTimeStampIsKept) {
  const auto table = readSto(test::sharedData(
      "opensim-core/so_gait10dof18musc_ankle_spring/walk_subject01_Kinematics_q.sto"));
  ASSERT_EQ(table.rowCount(), 2537);
  EXPECT_EQ(table.time()[2535], 2.499);
  EXPECT_EQ(table.time()[2536], 2.499);
}

TEST(StoFile, TheSameDataInTwoFormatsReadsToTheSameNumbers) {
  // The 9009-row GRF file exists tab-separated with 10 significant digits (id_gait2354) and
  // fixed-width with 8 decimals (so_gait10dof18musc_ankle_spring). They must agree to the
  // rounding of the two printouts: half a unit in the 8th decimal plus half a unit in the 10th
  // significant digit.
  const auto tabs = readSto(test::sharedData("opensim-core/id_gait2354/subject01_walk1_grf.mot"));
  const auto fixed = readSto(
      test::sharedData("opensim-core/so_gait10dof18musc_ankle_spring/subject01_walk1_grf.mot"));
  ASSERT_EQ(tabs.labels(), fixed.labels());
  ASSERT_EQ(tabs.rowCount(), fixed.rowCount());
  const auto bound = [](double value) {
    const double digitTen =
        value == 0.0 ? 0.0 : std::pow(10.0, std::floor(std::log10(std::abs(value))) - 9);
    return 0.5e-8 + 0.5 * digitTen + 1e-15;
  };
  for (std::size_t row = 0; row < tabs.time().size(); ++row) {
    ASSERT_LE(std::abs(tabs.time()[row] - fixed.time()[row]), bound(tabs.time()[row])) << row;
  }
  const auto a = tabs.values();
  const auto b = fixed.values();
  for (Eigen::Index column = 0; column < a.cols(); ++column) {
    for (Eigen::Index row = 0; row < a.rows(); ++row) {
      ASSERT_LE(std::abs(a(row, column) - b(row, column)), bound(a(row, column)))
          << tabs.column(static_cast<std::size_t>(column)).label << " row " << row;
    }
  }

  // README: the tutorial IK file and the wrapping test's state reference hold the same numbers
  // (full-path labels in one, coordinate names in the other). In fact both print 8 decimals and
  // differ by up to 7.49e-6 (ankle_angle_l at 0.95 s: 1.16658735 vs 1.16659484, read from the
  // files), so the bound is 1e-5 degrees: far below anything kinematic, far above rounding.
  const auto ik = readSto(test::sharedData(
      "opensim-core/subject01_walk1_experimental/subject01_walk_IK_gait10dof18musc.mot"));
  const auto reference = readSto(test::sharedData(
      "opensim-core/muscle_lengths_gait10dof18musc/walk_gait1018_state_reference.mot"));
  EXPECT_EQ(reference.column(0).label, "/jointset/ground_pelvis/pelvis_tilt/value");
  EXPECT_EQ(ik.column(0).label, "pelvis_tilt");
  EXPECT_EQ(ik.time(), reference.time());
  EXPECT_LE((ik.values() - reference.values()).cwiseAbs().maxCoeff(), 1e-5);
}

TEST(StoFile, SyntheticVariants) {
  // Space-separated fixed-width columns, e-notation, NaN spellings, blank fields, CRLF, '+'.
  const std::string spaces =
      "demo\r\nversion=1\r\nnRows=3\r\nnColumns=4\r\nendheader\r\n"
      "  time      a        b        c\r\n"
      "  0.0   1.5e+02  -2.0E-3    NaN\r\n"
      "  0.1   +3       nan      -NAN\r\n"
      "\r\n"
      "  0.2   7        -8       4\r\n";
  const auto table = parseSto(spaces, "spaces.sto");
  ASSERT_EQ(table.rowCount(), 3);
  ASSERT_EQ(table.labels(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(table.scalar(0, 0), 150.0);
  EXPECT_EQ(table.scalar(0, 1), -0.002);
  EXPECT_TRUE(std::isnan(table.scalar(0, 2)));
  EXPECT_EQ(table.scalar(1, 0), 3.0);
  EXPECT_TRUE(std::isnan(table.scalar(1, 1)));
  EXPECT_TRUE(std::isnan(table.scalar(1, 2)));
  EXPECT_EQ(table.scalar(2, 0), 7.0);
  EXPECT_EQ(table.scalar(2, 1), -8.0);
  EXPECT_EQ(table.time()[2], 0.2);
  // Infinities are not data (input_validation_test.cpp covers the error's wording).
  for (const char* infinity : {"inf", "-Infinity", "INF"}) {
    std::string withInfinity = spaces;
    withInfinity.replace(withInfinity.find("7        -8"), 1, infinity);
    EXPECT_THROW(static_cast<void>(parseSto(withInfinity, "spaces.sto")), InputError) << infinity;
  }

  const std::string tabs = "DataRate=100\nendheader\ntime\ta\tb\t\n0\t\t2\t\t\n0.01\t1\t\t\n";
  const auto blanks = parseSto(tabs, "tabs.sto");
  ASSERT_EQ(blanks.rowCount(), 2);
  EXPECT_TRUE(std::isnan(blanks.scalar(0, 0)));
  EXPECT_EQ(blanks.scalar(0, 1), 2.0);
  EXPECT_EQ(blanks.scalar(1, 0), 1.0);
  EXPECT_TRUE(std::isnan(blanks.scalar(1, 1)));
  EXPECT_FALSE(blanks.metadataValue("name").has_value());
}

void expectInputError(const std::string& text, const std::string& placePart,
                      const std::string& reasonPart) {
  try {
    static_cast<void>(parseSto(text, "bad.sto"));
    ADD_FAILURE() << "no error for:\n" << text;
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), "bad.sto");
    EXPECT_THAT(error.place(), HasSubstr(placePart)) << error.what();
    EXPECT_THAT(error.reason(), HasSubstr(reasonPart)) << error.what();
  }
}

TEST(StoFile, DamagedInputGivesInputErrorWithPlaceAndReason) {
  expectInputError("", "line 1", "endheader");
  expectInputError("version=1\nnRows=2\n", "line 3", "endheader");
  expectInputError("version=1\ntime\ta\n0\t1\n", "line 3", "no 'endheader'");
  expectInputError("version=1\nendheader\n\n", "line 4", "column labels");
  expectInputError("nColumns=3\nendheader\ntime\ta\n0\t1\n", "line 3", "nColumns=3");
  expectInputError("nRows=abc\nendheader\ntime\ta\n0\t1\n", "line 1", "not a whole number");
  expectInputError("nRows=99999999999999999999999\nendheader\ntime\ta\n", "line 1",
                   "not a whole number");
  expectInputError("endheader\nframe\ta\n0\t1\n", "line 2", "expected 'time'");
  expectInputError("endheader\ntime\t\ta\n0\t1\n", "line 2", "no label");
  expectInputError("endheader\ntime\ta\tb\n0\t1\t2\n0.1\t1\n", "line 4", "2 values, expected 3");
  expectInputError("endheader\ntime\ta\n0\t1\t2\n", "line 3", "3 values, expected 2");
  expectInputError("endheader\ntime\ta\tb\n0\t1\t2x\n", "line 3 (column 'b')", "'2x'");
  expectInputError("endheader\ntime\ta\n0\t1e999\n", "column 'a'", "not a number");
  expectInputError("endheader\ntime\ta\nzero\t1\n", "column 'time'", "not a finite number");
  expectInputError("endheader\ntime\ta\nnan\t1\n", "column 'time'", "not a finite number");
  expectInputError("endheader\ntime\ta\n0.2\t1\n0.1\t1\n", "line 4", "earlier");
  expectInputError("DataType=Vec3\nendheader\ntime\ta\n", "line 1", "not supported");
  expectInputError("=3\nendheader\ntime\ta\n", "line 1", "no key");
  expectInputError("version=x\nendheader\ntime\ta\n", "line 1", "not a number");
}

TEST(StoFile, ByteOrderMarkIsIgnored) {
  const auto table = parseSto("\xEF\xBB\xBFtrial\nendheader\ntime\ta\n0\t1\n", "bom.sto");
  EXPECT_EQ(table.metadataValue("name"), "trial");
  EXPECT_EQ(table.rowCount(), 1);
}

TEST(StoFile, AbsurdDeclaredRowCountDoesNotAllocate) {
  const auto table =
      parseSto("nRows=1000000000000000\nnColumns=2\nendheader\ntime\ta\n0\t1\n", "huge.sto");
  EXPECT_EQ(table.rowCount(), 1);
}

TEST(StoFile, EveryPrefixOfARealFileReadsOrFailsCleanly) {
  const std::string text =
      fileText(test::sharedData("opensim-core/typical_gait_curves/normal_gait.mot"))
          .substr(0, 1500);
  std::size_t parsed = 0;
  for (std::size_t length = 0; length <= text.size(); ++length) {
    try {
      const auto table = parseSto(std::string_view(text).substr(0, length), "prefix.mot");
      EXPECT_EQ(table.columnCount(), 17u);
      ++parsed;
    } catch (const InputError&) {
    }
  }
  // Cuts at a row boundary (and inside the last number, e.g. "0.1" of "0.12") still parse.
  EXPECT_GT(parsed, 0u);
}

TEST(StoFile, WriterRoundTripsEverySharedFileToIdenticalNumbers) {
  const auto scratch = test::scratchDirectory("sto");
  for (const auto& path : sharedFilesWithExtensions({".sto", ".mot"})) {
    SCOPED_TRACE(path.string());
    const auto original = readSto(path);
    const auto written = scratch / path.filename();
    writeSto(original, written);
    const auto again = readSto(written);
    expectIdenticalTables(original, again, path.filename().string());
    EXPECT_EQ(stoIsInDegrees(original), stoIsInDegrees(again));
    EXPECT_EQ(again.metadataValue("inDegrees"), stoIsInDegrees(original) ? "yes" : "no");
    EXPECT_EQ(original.metadataValue("name"), again.metadataValue("name"));
    EXPECT_EQ(original.metadataValue("DataRate"), again.metadataValue("DataRate"));
    EXPECT_EQ(again.metadataValue("nRows"), std::to_string(original.rowCount()));
  }
}

TEST(StoFile, WriterLayoutIsOpenSim4Style) {
  TimeSeriesTable table({0.0, 0.1});
  table.addScalarColumn("knee_angle_r", Eigen::Vector2d(1.0 / 3.0, std::nan("")));
  Eigen::MatrixX3d force(2, 3);
  force << 1, 2, 3, 4, 5, 6;
  table.addVector3Column("ground_force_v", force, "N");
  table.setMetadata("name", "trial");
  table.setMetadata("DataRate", "10");
  table.setMetadata("inDegrees", "yes");
  EXPECT_EQ(formatSto(table),
            "trial\nnRows=2\nnColumns=5\ninDegrees=yes\nDataRate=10\nDataType=double\n"
            "version=3\nendheader\n"
            "time\tknee_angle_r\tground_force_v_x\tground_force_v_y\tground_force_v_z\n"
            "0\t0.3333333333333333\t1\t2\t3\n0.1\tnan\t4\t5\t6\n");
}

TEST(StoFile, WriterRejectsUnwritableLabelsAndMetadata) {
  TimeSeriesTable table({0.0});
  table.addScalarColumn("bad\tlabel", Eigen::VectorXd::Ones(1));
  EXPECT_THROW(static_cast<void>(formatSto(table)), std::invalid_argument);
  TimeSeriesTable meta({0.0});
  meta.setMetadata("note", "two\nlines");
  EXPECT_THROW(static_cast<void>(formatSto(meta)), std::invalid_argument);
}

TEST(StoFile, MissingFileIsAnInputErrorNamingIt) {
  try {
    static_cast<void>(readSto("/nonexistent/walk.sto"));
    ADD_FAILURE() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), "/nonexistent/walk.sto");
  }
}

}  // namespace
}  // namespace kinchain::io
