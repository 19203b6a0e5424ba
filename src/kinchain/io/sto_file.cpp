#include "kinchain/io/sto_file.hpp"

#include "kinchain/common/error.hpp"
#include "kinchain/io/text_fields.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kinchain::io {

namespace {

using text::Line;
using text::linePlace;
using text::quoteField;

// SIMM motion-file keywords written as "keyword value" (no '='); OpenSim's Storage reads the
// same set (Storage::simmReservedKeys plus name/datarows/datacolumns/units/otherdata).
constexpr std::array<std::string_view, 11> kSimmKeywords = {"name",
                                                            "datacolumns",
                                                            "datarows",
                                                            "range",
                                                            "otherdata",
                                                            "units",
                                                            "wrap",
                                                            "event",
                                                            "enforce_loops",
                                                            "enforce_constraints",
                                                            "calc_derivatives"};

// Keys whose values writeSto computes itself, so they are not copied from the metadata.
constexpr std::array<std::string_view, 14> kWriterControlledKeys = {
    "name",     "nRows",       "nColumns",       "nr",        "nc",
    "datarows", "datacolumns", "range",          "inDegrees", "inDegreesInferred",
    "DataType", "version",     "OpenSimVersion", "comments"};

bool isSimmKeyword(std::string_view word) {
  for (const auto keyword : kSimmKeywords) {
    if (word == keyword) return true;
  }
  return false;
}

bool endsWithMot(const std::string& name) {
  return name.size() >= 4 &&
         text::equalsIgnoringCase(std::string_view(name).substr(name.size() - 4), ".mot");
}

// A header line that is really a row of numbers means "endheader" is missing; stopping here
// gives a clear message instead of a confusing one about labels.
bool looksLikeDataRow(std::string_view trimmed, std::vector<std::string_view>& fields) {
  const char first = trimmed.front();
  if (!((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.'))
    return false;
  text::splitFields(trimmed, fields);
  if (fields.size() < 2) return false;
  for (const auto field : fields) {
    if (!field.empty() && !text::parseDouble(field)) return false;
  }
  return true;
}

struct StoHeader {
  std::optional<std::uint64_t> declaredColumns;
  std::size_t declaredColumnsLine = 0;
  std::string declaredColumnsKey;  // copied: a file cursor reuses its line buffer
  std::optional<long long> version;
  bool hasInDegrees = false;
  std::optional<bool> anglesLineSaysDegrees;  // "Angles are in degrees." before any version line
  std::string comments;
};

std::uint64_t requireCount(std::string_view value, std::string_view key, const Line& line,
                           const std::string& source) {
  const auto count = text::parseCount(value);
  if (!count) {
    throw InputError(
        source, linePlace(line.number),
        "header value " + std::string(key) + "=" + quoteField(value) + " is not a whole number");
  }
  return *count;
}

void readKeyValue(std::string_view key, std::string_view value, const Line& line,
                  const std::string& source, StoHeader& header, TimeSeriesTable& table) {
  if (key == "nColumns" || key == "nc" || key == "datacolumns") {
    header.declaredColumns = requireCount(value, key, line, source);
    header.declaredColumnsLine = line.number;
    header.declaredColumnsKey = key;
  } else if (key == "nRows" || key == "nr" || key == "datarows") {
    static_cast<void>(requireCount(value, key, line, source));  // validated, not enforced
  } else if (key == "version") {
    // OpenSim reads the leading integer ("version=1", "version=3").
    long long number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc() || end == value.data()) {
      throw InputError(source, linePlace(line.number),
                       "header value version=" + quoteField(value) + " is not a number");
    }
    header.version = number;
  } else if (key == "inDegrees") {
    header.hasInDegrees = true;
  } else if (key == "DataType" && value != "double") {
    throw InputError(source, linePlace(line.number),
                     "DataType=" + std::string(value) +
                         " is not supported: only scalar (double) columns can be read");
  }
  table.setMetadata(std::string(key), std::string(value));
}

// Reads the header up to and including "endheader" into `table`'s metadata.
StoHeader readHeader(text::LineCursor& cursor, const std::string& source, TimeSeriesTable& table) {
  StoHeader header;
  bool firstLine = true;
  std::vector<std::string_view> fields;
  while (const auto line = cursor.next()) {
    const auto trimmed = text::trim(line->text);
    if (trimmed.empty()) continue;
    if (trimmed == "endheader") return header;
    if (looksLikeDataRow(trimmed, fields)) {
      throw InputError(source, linePlace(line->number),
                       "the header has no 'endheader' line before this row of numbers");
    }
    const auto equals = trimmed.find('=');
    if (equals != std::string_view::npos) {
      const auto key = text::trim(trimmed.substr(0, equals));
      const auto value = text::trim(trimmed.substr(equals + 1));
      if (key.empty()) {
        throw InputError(source, linePlace(line->number),
                         "header line " + quoteField(trimmed) + " has '=' but no key before it");
      }
      readKeyValue(key, value, *line, source, header, table);
    } else {
      const auto wordEnd = trimmed.find_first_of(" \t");
      const auto word = trimmed.substr(0, wordEnd);
      const auto rest = wordEnd == std::string_view::npos ? std::string_view{}
                                                          : text::trim(trimmed.substr(wordEnd));
      if (isSimmKeyword(word)) {
        readKeyValue(word, rest, *line, source, header, table);
      } else if (firstLine) {
        table.setMetadata("name", std::string(trimmed));
      } else {
        if (!header.version) {
          if (trimmed == "Angles are in degrees.") header.anglesLineSaysDegrees = true;
          if (trimmed == "Angles are in radians.") header.anglesLineSaysDegrees = false;
        }
        if (!header.comments.empty()) header.comments += '\n';
        header.comments.append(trimmed);
      }
    }
    firstLine = false;
  }
  throw InputError(source, linePlace(cursor.lineNumber() + 1),
                   "the file ends before the header's 'endheader' line");
}

std::vector<std::string> readLabels(text::LineCursor& cursor, const std::string& source,
                                    const StoHeader& header, std::size_t& labelLine) {
  std::vector<std::string_view> fields;
  while (const auto line = cursor.next()) {
    if (text::isBlank(line->text)) continue;
    labelLine = line->number;
    text::splitFields(line->text, fields);
    while (!fields.empty() && fields.back().empty())
      fields.pop_back();
    std::vector<std::string> labels;
    labels.reserve(fields.size());
    for (std::size_t index = 0; index < fields.size(); ++index) {
      if (fields[index].empty()) {
        throw InputError(source, linePlace(line->number),
                         "column " + std::to_string(index + 1) + " of the label line has no label");
      }
      labels.emplace_back(fields[index]);
    }
    // A repeated label would leave every column after the first unreachable by name (a
    // coordinate silently held at its default), so it is an error naming both columns.
    std::unordered_map<std::string_view, std::size_t> firstColumn;
    for (std::size_t index = 0; index < labels.size(); ++index) {
      const auto [at, inserted] = firstColumn.emplace(labels[index], index);
      if (!inserted) {
        throw InputError(source, linePlace(line->number),
                         "column label '" + labels[index] + "' appears twice: columns " +
                             std::to_string(at->second + 1) + " and " + std::to_string(index + 1));
      }
    }
    if (!text::equalsIgnoringCase(labels.front(), "time")) {
      throw InputError(
          source, linePlace(line->number),
          "the first column label is " + quoteField(labels.front()) + ", expected 'time'");
    }
    if (header.declaredColumns && *header.declaredColumns != labels.size()) {
      throw InputError(source, linePlace(line->number),
                       "the label line has " + std::to_string(labels.size()) + " labels but line " +
                           std::to_string(header.declaredColumnsLine) + " says " +
                           header.declaredColumnsKey + "=" +
                           std::to_string(*header.declaredColumns));
    }
    return labels;
  }
  throw InputError(source, linePlace(cursor.lineNumber() + 1),
                   "the file ends after 'endheader' without a line of column labels");
}

}  // namespace

namespace {

// Parses the data row on `line` into `time` and `values` (one per label after time), checking
// it as the header comment says; `previous` is the time of the row before, if any.
void parseRow(const Line& line, const std::vector<std::string>& labels,
              const std::string& sourceName, std::optional<double> previous,
              std::vector<std::string_view>& fields, double& time, std::vector<double>& values) {
  const std::size_t width = labels.size() - 1;
  text::splitFields(line.text, fields);
  std::size_t used = fields.size();
  while (used > labels.size() && fields[used - 1].empty())
    --used;
  if (used != labels.size()) {
    throw InputError(sourceName, linePlace(line.number),
                     "the row has " + std::to_string(used) + " values, expected " +
                         std::to_string(labels.size()) + " (time and " + std::to_string(width) +
                         " columns)");
  }
  const auto parsedTime = text::parseDouble(fields[0]);
  if (!parsedTime || !std::isfinite(*parsedTime)) {
    throw InputError(sourceName, linePlace(line.number) + " (column 'time')",
                     "time " + quoteField(fields[0]) + " is not a finite number");
  }
  if (previous && *parsedTime < *previous) {
    throw InputError(sourceName, linePlace(line.number) + " (column 'time')",
                     "time " + std::string(fields[0]) + " is earlier than the previous row's");
  }
  time = *parsedTime;
  for (std::size_t column = 1; column < labels.size(); ++column) {
    const auto field = fields[column];
    if (field.empty()) {
      values[column - 1] = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const auto value = text::parseDouble(field);
    if (!value) {
      throw InputError(sourceName, linePlace(line.number) + " (column '" + labels[column] + "')",
                       "value " + quoteField(field) + " is not a number");
    }
    if (std::isinf(*value)) {
      throw InputError(
          sourceName,
          linePlace(line.number) + " (column " + std::to_string(column + 1) + ", '" +
              labels[column] + "')",
          "value " + quoteField(field) + " is infinite; a missing value is blank or NaN");
    }
    values[column - 1] = *value;
  }
}

// The table for `times` with the header's metadata and one NaN-filled column per label.
TimeSeriesTable newTable(const TimeSeriesTable& headerTable, const StoHeader& header,
                         const std::vector<std::string>& labels, const std::string& sourceName,
                         std::vector<double> times) {
  TimeSeriesTable result(std::move(times));
  for (const auto& [key, value] : headerTable.metadata())
    result.setMetadata(key, value);
  if (!header.comments.empty()) result.setMetadata("comments", header.comments);
  if (!header.hasInDegrees) {
    const bool legacyVersion = !header.version || *header.version < 1;
    bool degrees = false;
    if (legacyVersion && endsWithMot(sourceName)) {
      degrees = true;
    } else if (header.anglesLineSaysDegrees) {
      degrees = *header.anglesLineSaysDegrees;
    }
    result.setMetadata("inDegreesInferred", degrees ? "yes" : "no");
  }
  result.addEmptyColumns(std::vector<std::string>(labels.begin() + 1, labels.end()),
                         ColumnKind::Scalar);
  return result;
}

// Every row: the values go straight into the table's column-major storage, allocated once for
// an upper bound on the rows (the lines left in the file) and cut to the rows read, so they are
// never held twice.
WindowedStoTable readAllRows(text::LineCursor& cursor, const std::string& sourceName,
                             const TimeSeriesTable& headerTable, const StoHeader& header,
                             const std::vector<std::string>& labels) {
  const std::size_t width = labels.size() - 1;
  const std::size_t capacity = cursor.remainingLineBound();
  TimeSeriesTable table =
      newTable(headerTable, header, labels, sourceName, std::vector<double>(capacity));
  double* const values = table.values().data();
  std::vector<double>& times = table.time();
  std::vector<double> row(width);
  std::vector<std::string_view> fields;
  std::size_t rows = 0;
  while (const auto line = cursor.next()) {
    if (text::isBlank(line->text)) continue;
    // Each row is one of the lines counted, so this cannot happen.
    if (rows == capacity) throw std::logic_error("parseSto: more rows than lines");
    double time = 0.0;
    parseRow(*line, labels, sourceName,
             rows > 0 ? std::optional<double>(times[rows - 1]) : std::nullopt, fields, time, row);
    times[rows] = time;
    for (std::size_t column = 0; column < width; ++column)
      values[column * capacity + rows] = row[column];
    ++rows;
  }
  table.keepFirstRows(static_cast<Eigen::Index>(rows));
  WindowedStoTable result;
  if (rows > 0) {
    result.fileFirstTime = table.time().front();
    result.fileLastTime = table.time().back();
  }
  result.table = std::move(table);
  return result;
}

// The rows of `window`: rows before it pass through a ring of `extraRows` rows, rows in it and
// the `extraRows` after it are gathered row-major (the window is small next to the file), and
// reading stops after them.
WindowedStoTable readWindowRows(text::LineCursor& cursor, const std::string& sourceName,
                                const TimeSeriesTable& headerTable, const StoHeader& header,
                                const std::vector<std::string>& labels,
                                const StoTimeWindow& window) {
  if (!(window.first <= window.last)) {
    throw std::invalid_argument("parseSto: the time window's first time is after its last");
  }
  const std::size_t width = labels.size() - 1;
  const std::size_t extra = window.extraRows;
  WindowedStoTable result;
  std::vector<double> ringTimes(extra);
  std::vector<double> ringValues(extra * width);
  std::size_t ringCount = 0;
  std::size_t ringNext = 0;
  std::vector<double> keptTimes;
  std::vector<double> keptValues;  // row-major
  std::vector<double> row(width);
  std::vector<std::string_view> fields;
  std::optional<double> previous;
  std::size_t previousLine = 0;
  bool inside = false;
  std::size_t keptAfter = 0;
  bool stopped = false;

  const auto keep = [&](double time, const double* values) {
    keptTimes.push_back(time);
    keptValues.insert(keptValues.end(), values, values + width);
  };
  const auto flushRing = [&] {
    for (std::size_t i = 0; i < ringCount; ++i) {
      const std::size_t slot = (ringNext + extra - ringCount + i) % extra;
      keep(ringTimes[slot], ringValues.data() + slot * width);
    }
    ringCount = 0;
  };

  while (const auto line = cursor.next()) {
    if (text::isBlank(line->text)) continue;
    double time = 0.0;
    parseRow(*line, labels, sourceName, previous, fields, time, row);
    if (!result.fileFirstTime) result.fileFirstTime = time;
    previous = time;
    previousLine = line->number;
    if (time < window.first) {
      if (extra == 0) {
        result.rowsDropped = true;
        continue;
      }
      if (ringCount == extra) {
        result.rowsDropped = true;
      } else {
        ++ringCount;
      }
      ringTimes[ringNext] = time;
      std::copy(row.begin(), row.end(),
                ringValues.begin() + static_cast<std::ptrdiff_t>(ringNext * width));
      ringNext = (ringNext + 1) % extra;
      continue;
    }
    if (!inside) {
      flushRing();
      inside = true;
    }
    if (time <= window.last) {
      keep(time, row.data());
    } else if (keptAfter < extra) {
      keep(time, row.data());
      ++keptAfter;
    } else {
      result.rowsDropped = true;
      stopped = true;
      break;
    }
  }
  if (!inside) flushRing();
  result.fileLastTime = previous;

  if (stopped) {
    // The rows after the window are not read; the file's last line gives its last time.
    const auto last = cursor.lastNonBlankLine();
    if (!last) throw std::logic_error("parseSto: a row was read but no line is left");
    text::splitFields(*last, fields);
    const auto time = fields.empty() ? std::nullopt : text::parseDouble(fields[0]);
    if (!time || !std::isfinite(*time)) {
      throw InputError(sourceName, "last line (column 'time')",
                       "time " + quoteField(fields.empty() ? std::string_view{} : fields[0]) +
                           " is not a finite number");
    }
    if (*time < *previous) {
      throw InputError(sourceName, "last line (column 'time')",
                       "time " + std::string(fields[0]) + " is earlier than line " +
                           std::to_string(previousLine) + "'s");
    }
    result.fileLastTime = *time;
  }

  const std::size_t rows = keptTimes.size();
  result.table = newTable(headerTable, header, labels, sourceName, std::move(keptTimes));
  if (rows > 0 && width > 0) {
    result.table.values() =
        Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            keptValues.data(), static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(width));
  }
  return result;
}

WindowedStoTable parseStoLines(text::LineCursor& cursor, const std::string& sourceName,
                               const StoTimeWindow* window) {
  TimeSeriesTable headerTable;
  const StoHeader header = readHeader(cursor, sourceName, headerTable);
  std::size_t labelLine = 0;
  const auto labels = readLabels(cursor, sourceName, header, labelLine);
  if (window) return readWindowRows(cursor, sourceName, headerTable, header, labels, *window);
  return readAllRows(cursor, sourceName, headerTable, header, labels);
}

}  // namespace

TimeSeriesTable parseSto(std::string_view text, const std::string& sourceName) {
  text::LineCursor cursor(text::withoutByteOrderMark(text));
  return parseStoLines(cursor, sourceName, nullptr).table;
}

TimeSeriesTable readSto(const std::filesystem::path& path) {
  auto cursor = text::LineCursor::openFile(path);
  return parseStoLines(cursor, path.string(), nullptr).table;
}

WindowedStoTable parseSto(std::string_view text, const std::string& sourceName,
                          const StoTimeWindow& window) {
  text::LineCursor cursor(text::withoutByteOrderMark(text));
  return parseStoLines(cursor, sourceName, &window);
}

WindowedStoTable readSto(const std::filesystem::path& path, const StoTimeWindow& window) {
  auto cursor = text::LineCursor::openFile(path);
  return parseStoLines(cursor, path.string(), &window);
}

bool stoIsInDegrees(const TimeSeriesTable& table) {
  if (const auto value = table.metadataValue("inDegrees")) {
    return text::equalsIgnoringCase(*value, "yes") || text::equalsIgnoringCase(*value, "y");
  }
  if (const auto inferred = table.metadataValue("inDegreesInferred")) return *inferred == "yes";
  return false;
}

namespace {

bool isWriterControlled(std::string_view key) {
  for (const auto controlled : kWriterControlledKeys) {
    if (key == controlled) return true;
  }
  return false;
}

void requireHeaderSafe(std::string_view text, std::string_view what) {
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    throw std::invalid_argument(std::string(what) + " '" + std::string(text) +
                                "' contains a line break and cannot go in a .sto header");
  }
}

void requireLabelSafe(const std::string& label) {
  if (label.empty()) throw std::invalid_argument("a column has an empty label");
  if (label.find_first_of("\t\r\n") != std::string::npos) {
    throw std::invalid_argument("column label '" + label +
                                "' contains a tab or line break and cannot be written");
  }
}

}  // namespace

std::string formatSto(const TimeSeriesTable& table) {
  // Flatten the columns into (label, value column) pairs.
  std::vector<std::pair<std::string, Eigen::Index>> outputs;
  for (const auto& column : table.columns()) {
    requireLabelSafe(column.label);
    if (column.kind == ColumnKind::Scalar) {
      outputs.emplace_back(column.label, column.firstValue);
    } else {
      outputs.emplace_back(column.label + "_x", column.firstValue);
      outputs.emplace_back(column.label + "_y", column.firstValue + 1);
      outputs.emplace_back(column.label + "_z", column.firstValue + 2);
    }
  }

  std::string out;
  const auto rows = table.rowCount();
  out.reserve(
      static_cast<std::size_t>(256 + rows * (1 + static_cast<Eigen::Index>(outputs.size())) * 14));
  if (const auto name = table.metadataValue("name")) {
    requireHeaderSafe(*name, "metadata name");
    if (!name->empty() && name->find('=') == std::string::npos && *name != "endheader") {
      // A bare first line is the title for both OpenSim readers; spell it "name <title>" when
      // the title's first word would otherwise read as another SIMM keyword.
      const auto firstWord = std::string_view(*name).substr(0, name->find_first_of(" \t"));
      if (isSimmKeyword(firstWord)) out += "name ";
      out += *name;
      out += '\n';
    }
  }
  out += "nRows=" + std::to_string(rows) + '\n';
  out += "nColumns=" + std::to_string(outputs.size() + 1) + '\n';
  out += std::string("inDegrees=") + (stoIsInDegrees(table) ? "yes" : "no") + '\n';
  for (const auto& [key, value] : table.metadata()) {
    if (isWriterControlled(key)) continue;
    requireHeaderSafe(key, "metadata key");
    requireHeaderSafe(value, "metadata value");
    if (key.empty() || key.find('=') != std::string::npos || text::trim(key) != key) {
      throw std::invalid_argument("metadata key '" + key + "' cannot be written as key=value");
    }
    out += key;
    out += '=';
    out += value;
    out += '\n';
  }
  out += "DataType=double\nversion=3\nendheader\ntime";
  for (const auto& output : outputs) {
    out += '\t';
    out += output.first;
  }
  out += '\n';

  const auto values = table.values();
  for (Eigen::Index row = 0; row < rows; ++row) {
    text::appendDouble(out, table.time()[static_cast<std::size_t>(row)]);
    for (const auto& output : outputs) {
      out += '\t';
      text::appendDouble(out, values(row, output.second));
    }
    out += '\n';
  }
  return out;
}

void writeSto(const TimeSeriesTable& table, const std::filesystem::path& path) {
  text::writeWholeFile(path, formatSto(table));
}

}  // namespace kinchain::io
