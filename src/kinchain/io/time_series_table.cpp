#include "kinchain/io/time_series_table.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kinchain::io {

TimeSeriesTable::TimeSeriesTable(std::vector<double> time) : time_(std::move(time)) {}

std::vector<std::string> TimeSeriesTable::labels() const {
  std::vector<std::string> result;
  result.reserve(columns_.size());
  for (const auto& column : columns_)
    result.push_back(column.label);
  return result;
}

std::optional<std::size_t> TimeSeriesTable::findColumn(std::string_view label) const {
  for (std::size_t index = 0; index < columns_.size(); ++index) {
    if (columns_[index].label == label) return index;
  }
  return std::nullopt;
}

std::size_t TimeSeriesTable::requireColumn(std::string_view label) const {
  if (auto index = findColumn(label)) return *index;
  throw std::out_of_range("table has no column '" + std::string(label) + "'");
}

void TimeSeriesTable::requireNewLabel(const std::string& label, std::size_t except) const {
  for (std::size_t index = 0; index < columns_.size(); ++index) {
    if (index != except && columns_[index].label == label) {
      throw std::invalid_argument("table already has a column labelled '" + label + "' (column " +
                                  std::to_string(index + 1) +
                                  "); labels must be unique so every column can be found by name");
    }
  }
}

std::size_t TimeSeriesTable::appendColumn(std::string label, ColumnKind kind, std::string unit) {
  requireNewLabel(label, columns_.size());
  ColumnInfo info{std::move(label), kind, std::move(unit), valueWidth_};
  const auto added = static_cast<std::size_t>(info.width()) * time_.size();
  values_.insert(values_.end(), added, std::numeric_limits<double>::quiet_NaN());
  valueWidth_ += info.width();
  columns_.push_back(std::move(info));
  return columns_.size() - 1;
}

std::size_t TimeSeriesTable::addScalarColumn(std::string label,
                                             const Eigen::Ref<const Eigen::VectorXd>& values,
                                             std::string unit) {
  if (values.size() != rowCount()) {
    throw std::invalid_argument("column '" + label + "' has " + std::to_string(values.size()) +
                                " values, table has " + std::to_string(rowCount()) + " rows");
  }
  const auto index = appendColumn(std::move(label), ColumnKind::Scalar, std::move(unit));
  scalarColumn(index) = values;
  return index;
}

std::size_t TimeSeriesTable::addVector3Column(std::string label,
                                              const Eigen::Ref<const Eigen::MatrixX3d>& values,
                                              std::string unit) {
  if (values.rows() != rowCount()) {
    throw std::invalid_argument("column '" + label + "' has " + std::to_string(values.rows()) +
                                " rows, table has " + std::to_string(rowCount()));
  }
  const auto index = appendColumn(std::move(label), ColumnKind::Vector3, std::move(unit));
  vector3Column(index) = values;
  return index;
}

void TimeSeriesTable::addEmptyColumns(const std::vector<std::string>& labels, ColumnKind kind,
                                      const std::string& unit) {
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t index = 0; index < columns_.size(); ++index)
    seen.emplace(columns_[index].label, index);
  for (std::size_t index = 0; index < labels.size(); ++index) {
    const auto [at, inserted] = seen.emplace(labels[index], columns_.size() + index);
    if (!inserted) {
      throw std::invalid_argument("table already has a column labelled '" + labels[index] +
                                  "' (column " + std::to_string(at->second + 1) +
                                  "); labels must be unique so every column can be found by name");
    }
  }
  const Eigen::Index width = kind == ColumnKind::Vector3 ? 3 : 1;
  values_.resize(values_.size() + labels.size() * static_cast<std::size_t>(width) * time_.size(),
                 std::numeric_limits<double>::quiet_NaN());
  columns_.reserve(columns_.size() + labels.size());
  for (const auto& label : labels) {
    columns_.push_back(ColumnInfo{label, kind, unit, valueWidth_});
    valueWidth_ += width;
  }
}

void TimeSeriesTable::keepFirstRows(Eigen::Index rows) {
  const Eigen::Index oldRows = rowCount();
  if (rows < 0 || rows > oldRows) {
    throw std::invalid_argument("keepFirstRows: " + std::to_string(rows) +
                                " rows asked, table has " + std::to_string(oldRows));
  }
  if (rows == oldRows) return;
  const auto kept = static_cast<std::size_t>(rows);
  const auto stride = static_cast<std::size_t>(oldRows);
  // Column c moves from [c * oldRows, ...) to [c * rows, ...): never forward, so copying each
  // column front to back in column order never overwrites values not yet moved.
  for (std::size_t column = 1; column < static_cast<std::size_t>(valueWidth_); ++column) {
    const auto from = values_.begin() + static_cast<std::ptrdiff_t>(column * stride);
    std::copy(from, from + static_cast<std::ptrdiff_t>(kept),
              values_.begin() + static_cast<std::ptrdiff_t>(column * kept));
  }
  values_.resize(kept * static_cast<std::size_t>(valueWidth_));
  time_.resize(kept);
  if (values_.capacity() - values_.size() > values_.size()) values_.shrink_to_fit();
  if (time_.capacity() - time_.size() > time_.size()) time_.shrink_to_fit();
}

void TimeSeriesTable::renameColumn(std::size_t index, std::string label) {
  static_cast<void>(columns_.at(index));
  requireNewLabel(label, index);
  columns_[index].label = std::move(label);
}

std::size_t TimeSeriesTable::addEmptyColumn(std::string label, ColumnKind kind, std::string unit) {
  return appendColumn(std::move(label), kind, std::move(unit));
}

TimeSeriesTable::ConstValues TimeSeriesTable::values() const {
  return ConstValues(values_.data(), rowCount(), valueWidth_);
}

TimeSeriesTable::Values TimeSeriesTable::values() {
  return Values(values_.data(), rowCount(), valueWidth_);
}

double TimeSeriesTable::scalar(Eigen::Index row, std::size_t column) const {
  const auto& info = columns_.at(column);
  if (info.kind != ColumnKind::Scalar) {
    throw std::logic_error("column '" + info.label + "' is a 3-vector, not a scalar");
  }
  return values()(row, info.firstValue);
}

Eigen::Vector3d TimeSeriesTable::vector3(Eigen::Index row, std::size_t column) const {
  const auto& info = columns_.at(column);
  if (info.kind != ColumnKind::Vector3) {
    throw std::logic_error("column '" + info.label + "' is a scalar, not a 3-vector");
  }
  return values().block<1, 3>(row, info.firstValue).transpose();
}

Eigen::Map<const Eigen::VectorXd> TimeSeriesTable::scalarColumn(std::size_t column) const {
  const auto& info = columns_.at(column);
  if (info.kind != ColumnKind::Scalar) {
    throw std::logic_error("column '" + info.label + "' is a 3-vector, not a scalar");
  }
  return Eigen::Map<const Eigen::VectorXd>(values_.data() + info.firstValue * rowCount(),
                                           rowCount());
}

Eigen::Map<Eigen::VectorXd> TimeSeriesTable::scalarColumn(std::size_t column) {
  const auto& info = columns_.at(column);
  if (info.kind != ColumnKind::Scalar) {
    throw std::logic_error("column '" + info.label + "' is a 3-vector, not a scalar");
  }
  return Eigen::Map<Eigen::VectorXd>(values_.data() + info.firstValue * rowCount(), rowCount());
}

Eigen::Map<const Eigen::MatrixX3d> TimeSeriesTable::vector3Column(std::size_t column) const {
  const auto& info = columns_.at(column);
  if (info.kind != ColumnKind::Vector3) {
    throw std::logic_error("column '" + info.label + "' is a scalar, not a 3-vector");
  }
  // x, y and z are three adjacent value columns, so they form one contiguous rows x 3 block.
  return Eigen::Map<const Eigen::MatrixX3d>(values_.data() + info.firstValue * rowCount(),
                                            rowCount(), 3);
}

Eigen::Map<Eigen::MatrixX3d> TimeSeriesTable::vector3Column(std::size_t column) {
  const auto& info = columns_.at(column);
  if (info.kind != ColumnKind::Vector3) {
    throw std::logic_error("column '" + info.label + "' is a scalar, not a 3-vector");
  }
  return Eigen::Map<Eigen::MatrixX3d>(values_.data() + info.firstValue * rowCount(), rowCount(), 3);
}

void TimeSeriesTable::setMetadata(std::string key, std::string value) {
  for (auto& entry : metadata_) {
    if (entry.first == key) {
      entry.second = std::move(value);
      return;
    }
  }
  metadata_.emplace_back(std::move(key), std::move(value));
}

std::optional<std::string> TimeSeriesTable::metadataValue(std::string_view key) const {
  for (const auto& entry : metadata_) {
    if (entry.first == key) return entry.second;
  }
  return std::nullopt;
}

TimeSeriesTable TimeSeriesTable::rowRange(Eigen::Index first, Eigen::Index count) const {
  if (first < 0 || count < 0 || first + count > rowCount()) {
    throw std::out_of_range("row range [" + std::to_string(first) + ", " +
                            std::to_string(first + count) + ") outside a table of " +
                            std::to_string(rowCount()) + " rows");
  }
  TimeSeriesTable result(std::vector<double>(time_.begin() + first, time_.begin() + first + count));
  result.metadata_ = metadata_;
  result.columns_ = columns_;
  result.valueWidth_ = valueWidth_;
  result.values_.resize(static_cast<std::size_t>(count * valueWidth_));
  result.values() = values().middleRows(first, count);
  return result;
}

}  // namespace kinchain::io
