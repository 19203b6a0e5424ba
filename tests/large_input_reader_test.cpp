// The text readers read files a chunk at a time and store values straight into the table's
// column-major storage (issue #12). These tests hold the file-reading path to the in-memory
// one on every OpenSim text file in the shared data, check cell by cell where values land when
// blank lines make the storage larger than the rows, and cover lines longer than a read chunk.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kinchain/common/error.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/io/trc_file.hpp"
#include "test_paths.hpp"

namespace kinchain {
namespace {

namespace fs = std::filesystem;

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream stream(path, std::ios::binary);
  stream << text;
}

// Same rows, columns, units, metadata and values (NaN where the other has NaN), bit for bit.
void expectSameTable(const io::TimeSeriesTable& a, const io::TimeSeriesTable& b,
                     const std::string& what) {
  ASSERT_EQ(a.rowCount(), b.rowCount()) << what;
  ASSERT_EQ(a.valueWidth(), b.valueWidth()) << what;
  EXPECT_EQ(a.time(), b.time()) << what;
  EXPECT_EQ(a.metadata(), b.metadata()) << what;
  ASSERT_EQ(a.columnCount(), b.columnCount()) << what;
  for (std::size_t c = 0; c < a.columnCount(); ++c) {
    EXPECT_EQ(a.column(c).label, b.column(c).label) << what;
    EXPECT_EQ(a.column(c).unit, b.column(c).unit) << what;
    EXPECT_EQ(a.column(c).kind, b.column(c).kind) << what;
  }
  const auto va = a.values();
  const auto vb = b.values();
  for (Eigen::Index c = 0; c < va.cols(); ++c) {
    for (Eigen::Index r = 0; r < va.rows(); ++r) {
      if (std::isnan(va(r, c))) {
        ASSERT_TRUE(std::isnan(vb(r, c))) << what << " row " << r << " value column " << c;
      } else {
        ASSERT_EQ(va(r, c), vb(r, c)) << what << " row " << r << " value column " << c;
      }
    }
  }
}

// Reading a file and parsing its text give the same table, or the same error.
template <class Read, class Parse>
void expectFileReadEqualsTextParse(const fs::path& path, Read read, Parse parse) {
  std::optional<io::TimeSeriesTable> fromFile, fromText;
  std::string fileError = "none", textError = "none";
  try {
    fromFile = read(path);
  } catch (const InputError& error) {
    fileError = error.what();
  }
  try {
    fromText = parse(io::text::readWholeFile(path), path.string());
  } catch (const InputError& error) {
    textError = error.what();
  }
  EXPECT_EQ(fileError, textError) << path;
  if (fromFile && fromText) expectSameTable(*fromFile, *fromText, path.string());
}

TEST(LargeInputReader, FileReadEqualsTextParseForEveryOpenSimTextFileInTheSharedData) {
  const fs::path root = fs::path(KINCHAIN_SHARED_DATA_DIR);
  ASSERT_TRUE(fs::exists(root)) << root;
  int sto = 0, trc = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string extension = entry.path().extension().string();
    if (extension == ".sto" || extension == ".mot") {
      const auto read = [](const fs::path& p) { return io::readSto(p); };
      const auto parse = [](const std::string& t, const std::string& n) {
        return io::parseSto(t, n);
      };
      expectFileReadEqualsTextParse(entry.path(), read, parse);
      ++sto;
    } else if (extension == ".trc") {
      const auto read = [](const fs::path& p) { return io::readTrc(p); };
      const auto parse = [](const std::string& t, const std::string& n) {
        return io::parseTrc(t, n);
      };
      expectFileReadEqualsTextParse(entry.path(), read, parse);
      ++trc;
    }
  }
  // The shared data holds dozens of each (opensim-core test data); a handful would mean the
  // walk found the wrong folder.
  EXPECT_GE(sto, 20);
  EXPECT_GE(trc, 5);
}

// Value v(row, column) = 1000 * row + column, so a value in the wrong cell shows.
double cell(int row, int column) {
  return 1000.0 * row + column;
}

TEST(LargeInputReader, StoValuesLandInTheirCellsWhenBlankLinesLeaveStorageUnused) {
  const auto dir = test::scratchDirectory("sto_cells");
  std::string text = "version=1\nendheader\ntime\ta\tb\tc\n";
  constexpr int kRows = 50;
  for (int r = 0; r < kRows; ++r) {
    text += std::to_string(0.01 * r);
    for (int c = 0; c < 3; ++c)
      text.append("\t").append(std::to_string(cell(r, c)));
    text += "\n\n\t \n";  // two blank lines after every row: storage for 3x the rows
  }
  writeFile(dir / "cells.sto", text);
  const auto table = io::readSto(dir / "cells.sto");
  ASSERT_EQ(table.rowCount(), kRows);
  ASSERT_EQ(table.valueWidth(), 3);
  for (int r = 0; r < kRows; ++r) {
    EXPECT_DOUBLE_EQ(table.time()[static_cast<std::size_t>(r)], 0.01 * r);
    for (int c = 0; c < 3; ++c)
      ASSERT_EQ(table.values()(r, c), cell(r, c)) << r << ", " << c;
  }
}

TEST(LargeInputReader, TrcValuesLandInTheirCellsWhenBlankLinesLeaveStorageUnused) {
  const auto dir = test::scratchDirectory("trc_cells");
  constexpr int kRows = 40;  // NumFrames below
  std::string text =
      "PathFileType\t4\t(X/Y/Z)\tcells.trc\n"
      "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate\tOrigDataStartFrame\t"
      "OrigNumFrames\n100\t100\t40\t2\tmm\t100\t1\t40\n"
      "Frame#\tTime\tA\t\t\tB\n\t\tX1\tY1\tZ1\tX2\tY2\tZ2\n\n";
  for (int r = 0; r < kRows; ++r) {
    text.append(std::to_string(r + 1)).append("\t").append(std::to_string(0.01 * r));
    for (int c = 0; c < 6; ++c) {
      // Marker B is missing (blank y) in frame 7: all three of its values are NaN.
      text.append("\t").append((r == 7 && c == 4) ? std::string() : std::to_string(cell(r, c)));
    }
    text += "\r\n\r\n";
  }
  writeFile(dir / "cells.trc", text);
  const auto table = io::readTrc(dir / "cells.trc");
  ASSERT_EQ(table.rowCount(), kRows);
  ASSERT_EQ(table.valueWidth(), 6);
  for (int r = 0; r < kRows; ++r) {
    for (int c = 0; c < 6; ++c) {
      if (r == 7 && c >= 3) {
        EXPECT_TRUE(std::isnan(table.values()(r, c))) << c;
      } else {
        ASSERT_EQ(table.values()(r, c), cell(r, c)) << r << ", " << c;
      }
    }
  }
  EXPECT_EQ(table.metadataValue("FirstFrame"), "1");
}

TEST(LargeInputReader, LinesLongerThanAReadChunkAndAByteOrderMarkReadAsInMemory) {
  const auto dir = test::scratchDirectory("long_lines");
  // A 3 MiB header comment, a 3 MB label line (1000 labels of 3000 characters) and data rows of
  // 1.5 MB (values padded with spaces): all longer than the reader's 1 MiB chunk.
  std::string text = "\xEF\xBB\xBFtitle\r\n";
  text.append(std::size_t{3} << 20, 'c').append("\r\nendheader\r\ntime");
  constexpr int kColumns = 1000;
  for (int c = 0; c < kColumns; ++c)
    text.append("\t").append(std::to_string(c)).append(3000, 'L');
  text.append("\r\n");
  for (int r = 0; r < 3; ++r) {
    text.append(std::to_string(r));
    for (int c = 0; c < kColumns; ++c)
      text.append("\t").append(1500, ' ').append(std::to_string(1000 * r + c));
    text.append("\r\n");
  }
  writeFile(dir / "long.sto", text);
  const auto fromFile = io::readSto(dir / "long.sto");
  expectSameTable(fromFile, io::parseSto(text, (dir / "long.sto").string()), "long.sto");
  ASSERT_EQ(fromFile.rowCount(), 3);
  ASSERT_EQ(fromFile.valueWidth(), kColumns);
  EXPECT_EQ(fromFile.metadataValue("name"), "title");
  EXPECT_EQ(fromFile.values()(2, 517), 2517.0);
}

TEST(LargeInputReader, ManyColumnsAreAddedInOnePass) {
  // 100,000 labels: one by one, each would be compared with all before it (5e9 comparisons).
  std::vector<std::string> labels;
  for (int c = 0; c < 100000; ++c)
    labels.push_back(std::string("c").append(std::to_string(c)));
  io::TimeSeriesTable table(std::vector<double>{0.0, 1.0});
  table.addScalarColumn("first", Eigen::Vector2d(1.0, 2.0));
  table.addEmptyColumns(labels, io::ColumnKind::Scalar);
  ASSERT_EQ(table.columnCount(), 100001u);
  EXPECT_EQ(table.column(100000).label, "c99999");
  EXPECT_EQ(table.column(100000).firstValue, 100000);
  EXPECT_EQ(table.scalarColumn(0), Eigen::Vector2d(1.0, 2.0));
  EXPECT_TRUE(std::isnan(table.scalar(1, 100000)));
  EXPECT_THROW(table.addEmptyColumns({"x", "x"}, io::ColumnKind::Vector3), std::invalid_argument);
  EXPECT_THROW(table.addEmptyColumns({"first"}, io::ColumnKind::Scalar), std::invalid_argument);
  EXPECT_EQ(table.columnCount(), 100001u);
}

TEST(LargeInputReader, FileCursorGivesTheLinesOfTheTextCursor) {
  const auto dir = test::scratchDirectory("cursor");
  const std::string text =
      "\xEF\xBB\xBF"
      "first\r\n\nthird \t\n  \n" +
      std::string(1500000, 'x') + "\nlast without newline";
  writeFile(dir / "lines.txt", text);
  auto file = io::text::LineCursor::openFile(dir / "lines.txt");
  io::text::LineCursor memory(io::text::withoutByteOrderMark(text));
  EXPECT_EQ(file.remainingLineBound(), memory.remainingLineBound());
  EXPECT_EQ(file.lastNonBlankLine(), "last without newline");
  EXPECT_EQ(memory.lastNonBlankLine(), "last without newline");
  while (true) {
    const auto a = memory.next();
    const auto b = file.next();
    ASSERT_EQ(a.has_value(), b.has_value());
    if (!a) break;
    EXPECT_EQ(a->number, b->number);
    EXPECT_EQ(a->text, b->text) << a->number;
    EXPECT_EQ(file.remainingLineBound(), memory.remainingLineBound()) << a->number;
  }
  EXPECT_EQ(file.lineNumber(), 6u);
}

TEST(LargeInputReader, LastNonBlankLineSkipsTrailingBlankLines) {
  const auto dir = test::scratchDirectory("last_line");
  writeFile(dir / "a.txt", "1\n2 3\n\t\n \r\n\n");
  EXPECT_EQ(io::text::LineCursor::openFile(dir / "a.txt").lastNonBlankLine(), "2 3");
  writeFile(dir / "blank.txt", "\n \n");
  EXPECT_EQ(io::text::LineCursor::openFile(dir / "blank.txt").lastNonBlankLine(), std::nullopt);
  // A last line longer than the 1 MiB tail read first.
  const std::string longLine(2500000, '7');
  writeFile(dir / "long.txt", "x\n" + longLine + "\n\n");
  EXPECT_EQ(io::text::LineCursor::openFile(dir / "long.txt").lastNonBlankLine(), longLine);
}

TEST(LargeInputReader, MissingFileAndDirectoryAreInputErrorsNamingThem) {
  const auto dir = test::scratchDirectory("missing");
  try {
    io::readSto(dir / "absent.sto");
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), (dir / "absent.sto").string());
    EXPECT_EQ(error.reason(), "cannot open the file for reading");
  }
  try {
    io::readTrc(dir);
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.reason(), "is a directory, not a file");
  }
}

TEST(LargeInputReader, KeepFirstRowsMovesEveryColumnDown) {
  io::TimeSeriesTable table(std::vector<double>{0.0, 1.0, 2.0, 3.0, 4.0});
  Eigen::VectorXd a(5), b(5);
  a << 10, 11, 12, 13, 14;
  b << 20, 21, 22, 23, 24;
  Eigen::MatrixX3d v(5, 3);
  v << 30, 40, 50, 31, 41, 51, 32, 42, 52, 33, 43, 53, 34, 44, 54;
  table.addScalarColumn("a", a);
  table.addVector3Column("v", v, "m");
  table.addScalarColumn("b", b);
  table.keepFirstRows(2);
  ASSERT_EQ(table.rowCount(), 2);
  EXPECT_EQ(table.time(), (std::vector<double>{0.0, 1.0}));
  EXPECT_EQ(table.scalarColumn(0), Eigen::Vector2d(10, 11));
  EXPECT_EQ(table.vector3Column(1).row(1), Eigen::RowVector3d(31, 41, 51));
  EXPECT_EQ(table.scalarColumn(2), Eigen::Vector2d(20, 21));
  EXPECT_EQ(table.column(1).unit, "m");
  table.keepFirstRows(0);
  EXPECT_EQ(table.rowCount(), 0);
  EXPECT_EQ(table.valueWidth(), 5);
  EXPECT_THROW(table.keepFirstRows(1), std::invalid_argument);
}

}  // namespace
}  // namespace kinchain
