#include "kinchain/io/time_series_table.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace kinchain::io {
namespace {

TimeSeriesTable threeRowTable() {
  TimeSeriesTable table({0.0, 0.01, 0.02});
  table.addScalarColumn("knee_angle_r", Eigen::Vector3d(1.0, 2.0, 3.0), "deg");
  Eigen::MatrixX3d marker(3, 3);
  marker << 1, 2, 3, 4, 5, 6, 7, 8, 9;
  table.addVector3Column("RHEE", marker, "mm");
  table.addScalarColumn("Fz", Eigen::Vector3d(10.0, 20.0, 30.0), "N");
  return table;
}

TEST(TimeSeriesTable, ScalarAndVectorColumnsKeepTheirLayout) {
  const auto table = threeRowTable();
  EXPECT_EQ(table.rowCount(), 3);
  EXPECT_EQ(table.columnCount(), 3u);
  EXPECT_EQ(table.valueWidth(), 5);
  EXPECT_EQ(table.column(2).firstValue, 4);
  EXPECT_DOUBLE_EQ(table.scalar(1, 0), 2.0);
  EXPECT_EQ(table.vector3(2, 1), Eigen::Vector3d(7, 8, 9));
  EXPECT_DOUBLE_EQ(table.scalarColumn(2)(2), 30.0);
  EXPECT_DOUBLE_EQ(table.vector3Column(1)(1, 2), 6.0);
  EXPECT_EQ(table.column(1).unit, "mm");
}

TEST(TimeSeriesTable, FindsColumnsByLabel) {
  const auto table = threeRowTable();
  EXPECT_EQ(table.findColumn("Fz"), 2u);
  EXPECT_FALSE(table.findColumn("fz").has_value());
  EXPECT_THROW(static_cast<void>(table.requireColumn("missing")), std::out_of_range);
}

TEST(TimeSeriesTable, RejectsWrongLengthAndWrongKind) {
  auto table = threeRowTable();
  EXPECT_THROW(table.addScalarColumn("short", Eigen::Vector2d(1, 2)), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(table.scalar(0, 1)), std::logic_error);
  EXPECT_THROW(static_cast<void>(table.vector3(0, 0)), std::logic_error);
}

TEST(TimeSeriesTable, EmptyColumnsStartAsNaN) {
  auto table = threeRowTable();
  const auto index = table.addEmptyColumn("LHEE", ColumnKind::Vector3, "mm");
  EXPECT_TRUE(std::isnan(table.vector3(0, index).x()));
  table.vector3Column(index).row(1) = Eigen::RowVector3d(1, 2, 3);
  EXPECT_EQ(table.vector3(1, index), Eigen::Vector3d(1, 2, 3));
  EXPECT_DOUBLE_EQ(table.scalar(1, 2), 20.0);  // earlier columns untouched
}

TEST(TimeSeriesTable, MetadataKeepsOrderAndUniqueKeys) {
  auto table = threeRowTable();
  table.setMetadata("DataRate", "100");
  table.setMetadata("Units", "mm");
  table.setMetadata("DataRate", "250");
  ASSERT_EQ(table.metadata().size(), 2u);
  EXPECT_EQ(table.metadata()[0].first, "DataRate");
  EXPECT_EQ(table.metadataValue("DataRate"), "250");
  EXPECT_FALSE(table.metadataValue("missing").has_value());
}

TEST(TimeSeriesTable, RowRangeCopiesASlice) {
  const auto table = threeRowTable();
  const auto slice = table.rowRange(1, 2);
  EXPECT_EQ(slice.rowCount(), 2);
  EXPECT_DOUBLE_EQ(slice.time()[0], 0.01);
  EXPECT_EQ(slice.vector3(1, 1), Eigen::Vector3d(7, 8, 9));
  EXPECT_THROW(static_cast<void>(table.rowRange(2, 5)), std::out_of_range);
}

}  // namespace
}  // namespace kinchain::io
