#pragma once
// The time-series table every stage shares: a time column, labelled columns that are either
// scalars (a coordinate, a force component, an analog channel) or 3-vectors (a marker, a
// force, a centre of pressure), a unit per column and ordered metadata key/values (the
// header lines of a .sto/.trc, the C3D rates...).
//
// Values live in one column-major buffer (rows x valueWidth): a scalar column takes one value
// column, a Vector3 column three consecutive ones (x, y, z). Missing samples are NaN.
// Time is in seconds.

#include <Eigen/Core>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kinchain::io {

enum class ColumnKind { Scalar, Vector3 };

struct ColumnInfo {
  std::string label;
  ColumnKind kind = ColumnKind::Scalar;
  std::string unit;             ///< "m", "mm", "N", "N*m", "deg", "rad", "V" or empty
  Eigen::Index firstValue = 0;  ///< first value column of this column in values()

  Eigen::Index width() const { return kind == ColumnKind::Vector3 ? 3 : 1; }
};

class TimeSeriesTable {
 public:
  using ConstValues = Eigen::Map<const Eigen::MatrixXd>;
  using Values = Eigen::Map<Eigen::MatrixXd>;

  TimeSeriesTable() = default;
  /// A table with the given time stamps and no columns yet.
  explicit TimeSeriesTable(std::vector<double> time);

  Eigen::Index rowCount() const { return static_cast<Eigen::Index>(time_.size()); }
  std::size_t columnCount() const { return columns_.size(); }
  /// Number of scalar value columns (a Vector3 column counts three).
  Eigen::Index valueWidth() const { return valueWidth_; }

  const std::vector<double>& time() const { return time_; }
  std::vector<double>& time() { return time_; }

  const std::vector<ColumnInfo>& columns() const { return columns_; }
  const ColumnInfo& column(std::size_t index) const { return columns_.at(index); }
  std::vector<std::string> labels() const;

  /// Index of the first column with this exact label.
  std::optional<std::size_t> findColumn(std::string_view label) const;
  /// As findColumn, but throws std::out_of_range naming the label when absent.
  std::size_t requireColumn(std::string_view label) const;

  // Column labels are unique: every add*Column and renameColumn throws std::invalid_argument
  // naming the label when another column already has it (readers report a repeated label in a
  // file as an InputError before they build the table).

  /// Appends a scalar column; `values` must have rowCount() entries. Returns its index.
  std::size_t addScalarColumn(std::string label, const Eigen::Ref<const Eigen::VectorXd>& values,
                              std::string unit = {});
  /// Appends a 3-vector column; `values` is rowCount() x 3. Returns its index.
  std::size_t addVector3Column(std::string label, const Eigen::Ref<const Eigen::MatrixX3d>& values,
                               std::string unit = {});
  /// Appends a column filled with NaN and returns its index (fill it through values()).
  std::size_t addEmptyColumn(std::string label, ColumnKind kind, std::string unit = {});
  /// Appends one NaN-filled column per label, all of `kind` and `unit`: the values are
  /// allocated once and the labels checked in one pass (adding thousands of columns one by one
  /// would compare every label with all before it). Throws std::invalid_argument as the
  /// add*Column functions do, before adding any column.
  void addEmptyColumns(const std::vector<std::string>& labels, ColumnKind kind,
                       const std::string& unit = {});

  void setColumnUnit(std::size_t index, std::string unit) {
    columns_.at(index).unit = std::move(unit);
  }
  /// Throws std::invalid_argument when another column already has `label`.
  void renameColumn(std::size_t index, std::string label);

  /// All values, rows x valueWidth(), column-major.
  ConstValues values() const;
  Values values();

  double scalar(Eigen::Index row, std::size_t column) const;
  Eigen::Vector3d vector3(Eigen::Index row, std::size_t column) const;
  /// The rowCount() values of a scalar column.
  Eigen::Map<const Eigen::VectorXd> scalarColumn(std::size_t column) const;
  Eigen::Map<Eigen::VectorXd> scalarColumn(std::size_t column);
  /// The rowCount() x 3 values of a Vector3 column.
  Eigen::Map<const Eigen::MatrixX3d> vector3Column(std::size_t column) const;
  Eigen::Map<Eigen::MatrixX3d> vector3Column(std::size_t column);

  /// Ordered header metadata (key, value); keys are unique.
  const std::vector<std::pair<std::string, std::string>>& metadata() const { return metadata_; }
  void setMetadata(std::string key, std::string value);
  std::optional<std::string> metadataValue(std::string_view key) const;

  /// Rows [first, first + count) as a new table (same columns, units and metadata).
  TimeSeriesTable rowRange(Eigen::Index first, Eigen::Index count) const;

  /// Keeps rows [0, rows) and drops the others, moving the kept values down within the same
  /// storage (no second copy of them). The storage is given back only when the dropped part is
  /// larger than the kept one: giving it back copies the kept values once. Throws
  /// std::invalid_argument when `rows` is negative or above rowCount().
  void keepFirstRows(Eigen::Index rows);

 private:
  std::size_t appendColumn(std::string label, ColumnKind kind, std::string unit);
  void requireNewLabel(const std::string& label, std::size_t except) const;

  std::vector<double> time_;
  std::vector<ColumnInfo> columns_;
  std::vector<double> values_;  // column-major, rowCount() x valueWidth_
  Eigen::Index valueWidth_ = 0;
  std::vector<std::pair<std::string, std::string>> metadata_;
};

}  // namespace kinchain::io
