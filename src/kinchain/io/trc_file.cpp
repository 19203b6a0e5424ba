#include "kinchain/io/trc_file.hpp"

#include "kinchain/common/error.hpp"
#include "kinchain/io/text_fields.hpp"

#include <algorithm>
#include <array>
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

constexpr std::array<std::string_view, 3> kAxisNames = {"x", "y", "z"};

// The eight header keys, in the order OpenSim's TRCFileAdapter writes them.
constexpr std::array<std::string_view, 8> kHeaderKeys = {
    "DataRate", "CameraRate",   "NumFrames",          "NumMarkers",
    "Units",    "OrigDataRate", "OrigDataStartFrame", "OrigNumFrames"};

Line requireLine(text::LineCursor& cursor, const std::string& source, std::string_view what) {
  if (auto line = cursor.next()) return *line;
  throw InputError(source, linePlace(cursor.lineNumber() + 1),
                   "the file ends where the header's " + std::string(what) + " line should be");
}

void dropEmpty(std::vector<std::string_view>& fields) {
  std::erase_if(fields, [](std::string_view field) { return field.empty(); });
}

struct TrcHeader {
  std::uint64_t frameCount = 0;
  std::uint64_t markerCount = 0;
  std::string units;
  std::vector<std::string> markerLabels;
};

std::uint64_t requireCountValue(const TimeSeriesTable& table, std::string_view key,
                                std::size_t line, const std::string& source) {
  const auto value = table.metadataValue(key);
  if (!value) {
    throw InputError(source, linePlace(line), "the header has no " + std::string(key) + " value");
  }
  const auto count = text::parseCount(*value);
  if (!count) {
    throw InputError(source, linePlace(line),
                     std::string(key) + " " + quoteField(*value) + " is not a whole number");
  }
  return *count;
}

void requirePositiveRate(const TimeSeriesTable& table, std::string_view key, bool required,
                         std::size_t line, const std::string& source) {
  const auto value = table.metadataValue(key);
  if (!value) {
    if (required) {
      throw InputError(source, linePlace(line), "the header has no " + std::string(key) + " value");
    }
    return;
  }
  const auto rate = text::parseDouble(*value);
  if (!rate || !std::isfinite(*rate) || *rate <= 0.0) {
    throw InputError(source, linePlace(line),
                     std::string(key) + " " + quoteField(*value) + " is not a positive number");
  }
}

// A whitespace-separated token of a line and where it starts.
struct Token {
  std::string_view text;
  std::size_t offset = 0;
};

std::vector<Token> whitespaceTokens(std::string_view line) {
  std::vector<Token> tokens;
  std::size_t at = 0;
  const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (at < line.size()) {
    while (at < line.size() && isSpace(line[at]))
      ++at;
    const std::size_t start = at;
    while (at < line.size() && !isSpace(line[at]))
      ++at;
    if (at > start) tokens.push_back({line.substr(start, at - start), start});
  }
  return tokens;
}

std::string headerKeyList() {
  std::string list;
  for (const auto key : kHeaderKeys) {
    if (!list.empty()) list += ", ";
    list += key;
  }
  return list;
}

// OpenSim's TRCFileAdapter requires exactly its eight header keys (IncorrectNumMetaDataKeys,
// UnexpectedMetaDataKey). Keys pair with values by position, so their order does not matter
// here; an unknown, repeated or missing key is an error.
void requireTrcHeaderKeys(const std::vector<std::string_view>& keys, std::size_t line,
                          const std::string& source) {
  for (std::size_t index = 0; index < keys.size(); ++index) {
    if (std::find(kHeaderKeys.begin(), kHeaderKeys.end(), keys[index]) == kHeaderKeys.end()) {
      throw InputError(source, linePlace(line),
                       "header key " + quoteField(keys[index]) +
                           " is not a TRC header key (expected " + headerKeyList() + ")");
    }
    for (std::size_t earlier = 0; earlier < index; ++earlier) {
      if (keys[earlier] == keys[index]) {
        throw InputError(source, linePlace(line),
                         "header key '" + std::string(keys[index]) + "' appears twice (keys " +
                             std::to_string(earlier + 1) + " and " + std::to_string(index + 1) +
                             ")");
      }
    }
  }
  for (const auto key : kHeaderKeys) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      throw InputError(source, linePlace(line),
                       "the header has no " + std::string(key) + " key (a TRC header names " +
                           headerKeyList() + ")");
    }
  }
}

// Two columns of one marker name would leave one of them unreachable by name.
void requireUniqueMarkerNames(const std::vector<std::string>& names, std::size_t line,
                              const std::string& source) {
  std::unordered_map<std::string_view, std::size_t> firstIndex;
  for (std::size_t index = 0; index < names.size(); ++index) {
    const auto [at, inserted] = firstIndex.emplace(names[index], index);
    if (inserted) continue;
    const auto columns = [](std::size_t marker) {
      // Data columns, 1-based: Frame# is 1, Time 2, marker m (0-based) 3 + 3m .. 5 + 3m.
      return std::to_string(3 + 3 * marker) + "-" + std::to_string(5 + 3 * marker);
    };
    throw InputError(source, linePlace(line),
                     "marker '" + names[index] + "' is named twice: marker " +
                         std::to_string(at->second + 1) + " (columns " + columns(at->second) +
                         ") and marker " + std::to_string(index + 1) + " (columns " +
                         columns(index) + ")");
  }
}

TrcHeader readHeader(text::LineCursor& cursor, const std::string& source, TimeSeriesTable& table) {
  std::vector<std::string_view> fields;

  // Line 1: PathFileType <n> (X/Y/Z) <file name>. OpenSim's TRCFileAdapter splits this line at
  // spaces, tabs and CR alike (_headerDelimiters " \t\r") and only requires the first token to be
  // PathFileType, so "PathFileType  4\t(X/Y/Z) C:\\data\\walk 1.trc" is a valid first line.
  const Line first = requireLine(cursor, source, "PathFileType");
  const auto tokens = whitespaceTokens(first.text);
  if (tokens.empty() || !text::equalsIgnoringCase(tokens[0].text, "PathFileType")) {
    throw InputError(
        source, linePlace(first.number),
        "a TRC file starts with 'PathFileType', found " + quoteField(text::trim(first.text)));
  }
  if (tokens.size() > 1) table.setMetadata("PathFileType", std::string(tokens[1].text));
  if (tokens.size() > 3) {
    // The file name is the rest of the line (it may hold spaces), up to any padding tabs.
    auto name = first.text.substr(tokens[3].offset);
    name = text::trim(name.substr(0, name.find('\t')));
    table.setMetadata("SourceFileName", std::string(name));
  }

  // Lines 2 and 3: keys and their values, paired by position.
  const Line keyLine = requireLine(cursor, source, "header keys");
  std::vector<std::string_view> keyFields;
  text::splitFields(keyLine.text, keyFields);
  dropEmpty(keyFields);
  requireTrcHeaderKeys(keyFields, keyLine.number, source);
  // Copied: reading the next line may reuse the buffer the fields point into.
  const std::vector<std::string> keys(keyFields.begin(), keyFields.end());
  const std::size_t keyLineNumber = keyLine.number;
  const Line valueLine = requireLine(cursor, source, "header values");
  text::splitFields(valueLine.text, fields);
  dropEmpty(fields);
  if (keys.size() != fields.size()) {
    throw InputError(source, linePlace(valueLine.number),
                     "the header has " + std::to_string(keys.size()) + " keys on line " +
                         std::to_string(keyLineNumber) + " but " + std::to_string(fields.size()) +
                         " values on this line");
  }
  for (std::size_t index = 0; index < keys.size(); ++index) {
    table.setMetadata(keys[index], std::string(fields[index]));
  }

  TrcHeader header;
  requirePositiveRate(table, "DataRate", true, valueLine.number, source);
  requirePositiveRate(table, "CameraRate", false, valueLine.number, source);
  requirePositiveRate(table, "OrigDataRate", false, valueLine.number, source);
  header.frameCount = requireCountValue(table, "NumFrames", valueLine.number, source);
  header.markerCount = requireCountValue(table, "NumMarkers", valueLine.number, source);
  const auto units = table.metadataValue("Units");
  if (!units || units->empty()) {
    throw InputError(source, linePlace(valueLine.number), "the header has no Units value");
  }
  header.units = *units;

  // Line 4: Frame#, Time, marker names (padding tabs between names are ignored).
  const Line labelLine = requireLine(cursor, source, "marker names");
  text::splitFields(labelLine.text, fields);
  dropEmpty(fields);
  if (fields.size() < 2 || !text::equalsIgnoringCase(fields[0], "Frame#") ||
      !text::equalsIgnoringCase(fields[1], "Time")) {
    throw InputError(source, linePlace(labelLine.number),
                     "the marker-name line must start with 'Frame#' and 'Time'");
  }
  if (fields.size() - 2 != header.markerCount) {
    throw InputError(source, linePlace(labelLine.number),
                     "the line names " + std::to_string(fields.size() - 2) +
                         " markers but NumMarkers is " + std::to_string(header.markerCount));
  }
  header.markerLabels.assign(fields.begin() + 2, fields.end());
  requireUniqueMarkerNames(header.markerLabels, labelLine.number, source);

  // Line 5: X1 Y1 Z1 X2 ... — the count and the axis letters are checked, not the numbers.
  const Line axisLine = requireLine(cursor, source, "coordinate labels (X1 Y1 Z1 ...)");
  text::splitFields(axisLine.text, fields);
  dropEmpty(fields);
  if (fields.size() != 3 * header.markerCount) {
    throw InputError(source, linePlace(axisLine.number),
                     "the line has " + std::to_string(fields.size()) +
                         " coordinate labels, expected 3 x NumMarkers = " +
                         std::to_string(3 * header.markerCount));
  }
  // OpenSim requires X<n> Y<n> Z<n> for marker n; the axis letters must at least come in that
  // order, or the columns would be read into the wrong axes.
  for (std::size_t index = 0; index < fields.size(); ++index) {
    const char expected = "XYZ"[index % 3];
    const char found = fields[index].front();
    if (found != expected && found != expected - 'A' + 'a') {
      throw InputError(source, linePlace(axisLine.number),
                       "coordinate label " + quoteField(fields[index]) + " of marker '" +
                           header.markerLabels[index / 3] + "' should be " + expected +
                           std::to_string(index / 3 + 1) + " (labels run X1 Y1 Z1 X2 ...)");
    }
  }
  return header;
}

}  // namespace

namespace {

TimeSeriesTable parseTrcLines(text::LineCursor& cursor, const std::string& sourceName) {
  TimeSeriesTable headerTable;
  const TrcHeader header = readHeader(cursor, sourceName, headerTable);
  const auto markerCount = static_cast<std::size_t>(header.markerCount);
  const std::size_t expectedFields = 2 + 3 * markerCount;

  // The values go straight into the table's column-major storage, allocated once for an upper
  // bound on the frames (the lines left in the file; NumFrames is checked, not trusted) and cut
  // to the frames read, so they are never held twice.
  const std::size_t capacity = cursor.remainingLineBound();
  TimeSeriesTable result{std::vector<double>(capacity)};
  for (const auto& [key, value] : headerTable.metadata())
    result.setMetadata(key, value);
  result.addEmptyColumns(header.markerLabels, ColumnKind::Vector3, header.units);
  double* const values = result.values().data();
  std::vector<double>& times = result.time();
  std::size_t rows = 0;
  std::optional<std::string> firstFrame;

  std::vector<std::string_view> fields;
  while (const auto line = cursor.next()) {
    if (text::isBlank(line->text)) continue;
    // Each frame is one of the lines counted, so this cannot happen.
    if (rows == capacity) throw std::logic_error("parseTrc: more frames than lines");
    text::splitFields(line->text, fields);
    std::size_t used = fields.size();
    while (used > expectedFields && fields[used - 1].empty())
      --used;
    if (used != expectedFields) {
      throw InputError(sourceName, linePlace(line->number),
                       "the row has " + std::to_string(used) + " fields, expected " +
                           std::to_string(expectedFields) + " (frame, time and 3 x " +
                           std::to_string(markerCount) + " coordinates)");
    }
    const auto frame = text::parseDouble(fields[0]);
    if (!frame || !std::isfinite(*frame)) {
      throw InputError(sourceName, linePlace(line->number) + " (frame number)",
                       "frame number " + quoteField(fields[0]) + " is not a number");
    }
    if (!firstFrame) firstFrame = std::string(fields[0]);
    const auto time = text::parseDouble(fields[1]);
    if (!time || !std::isfinite(*time)) {
      throw InputError(sourceName, linePlace(line->number) + " (time)",
                       "time " + quoteField(fields[1]) + " is not a finite number");
    }
    if (rows > 0 && *time < times[rows - 1]) {
      throw InputError(sourceName, linePlace(line->number) + " (time)",
                       "time " + std::string(fields[1]) + " is earlier than the previous row's");
    }
    times[rows] = *time;
    for (std::size_t marker = 0; marker < markerCount; ++marker) {
      const std::size_t firstField = 2 + 3 * marker;
      std::array<double, 3> position{};
      bool missing = false;
      for (std::size_t axis = 0; axis < 3; ++axis) {
        const auto field = fields[firstField + axis];
        if (field.empty()) {
          missing = true;
          continue;
        }
        const auto place = [&] {
          return linePlace(line->number) + " (marker '" + header.markerLabels[marker] + "' " +
                 std::string(kAxisNames[axis]) + ")";
        };
        const auto value = text::parseDouble(field);
        if (!value) {
          throw InputError(sourceName, place(),
                           "coordinate " + quoteField(field) + " is not a number");
        }
        if (std::isinf(*value)) {
          throw InputError(sourceName, place(),
                           "coordinate " + quoteField(field) +
                               " is infinite (a missing marker is blank or NaN)");
        }
        missing = missing || std::isnan(*value);
        position[axis] = *value;
      }
      for (std::size_t axis = 0; axis < 3; ++axis) {
        values[(3 * marker + axis) * capacity + rows] =
            missing ? std::numeric_limits<double>::quiet_NaN() : position[axis];
      }
    }
    ++rows;
  }

  if (rows != header.frameCount) {
    throw InputError(sourceName, linePlace(cursor.lineNumber()),
                     "the file holds " + std::to_string(rows) +
                         " frames but its header says NumFrames " +
                         std::to_string(header.frameCount) +
                         (rows < header.frameCount ? " (truncated file?)" : ""));
  }
  result.keepFirstRows(static_cast<Eigen::Index>(rows));
  result.setMetadata("FirstFrame", firstFrame.value_or("1"));
  return result;
}

}  // namespace

TimeSeriesTable parseTrc(std::string_view text, const std::string& sourceName) {
  text::LineCursor cursor(text::withoutByteOrderMark(text));
  return parseTrcLines(cursor, sourceName);
}

TimeSeriesTable readTrc(const std::filesystem::path& path) {
  auto cursor = text::LineCursor::openFile(path);
  return parseTrcLines(cursor, path.string());
}

namespace {

std::string markerUnits(const TimeSeriesTable& markers) {
  std::string units;
  for (const auto& column : markers.columns()) {
    if (column.unit.empty()) continue;
    if (!units.empty() && column.unit != units) {
      throw std::invalid_argument("marker columns disagree on their unit ('" + units + "' and '" +
                                  column.unit + "' for '" + column.label +
                                  "'); a TRC file has one unit");
    }
    units = column.unit;
  }
  const auto metadataUnits = markers.metadataValue("Units");
  if (metadataUnits && !metadataUnits->empty()) {
    if (!units.empty() && units != *metadataUnits) {
      throw std::invalid_argument("column unit '" + units + "' disagrees with metadata Units '" +
                                  *metadataUnits + "'");
    }
    units = *metadataUnits;
  }
  if (units.empty()) {
    throw std::invalid_argument("no unit for the markers: set ColumnInfo::unit or metadata Units");
  }
  return units;
}

std::string dataRateText(const TimeSeriesTable& markers) {
  if (auto rate = markers.metadataValue("DataRate")) return *rate;
  const auto& time = markers.time();
  if (time.size() >= 2 && time.back() > time.front()) {
    std::string text;
    text::appendDouble(text, static_cast<double>(time.size() - 1) / (time.back() - time.front()));
    return text;
  }
  throw std::invalid_argument(
      "no DataRate metadata and fewer than two distinct time stamps to derive it from");
}

void requireWritableText(const std::string& value, std::string_view what) {
  if (value.empty() || value.find_first_of("\t\r\n") != std::string::npos) {
    throw std::invalid_argument(std::string(what) + " '" + value +
                                "' is empty or holds a tab or line break");
  }
}

}  // namespace

std::string formatTrc(const TimeSeriesTable& markers, const std::string& fileName) {
  for (const auto& column : markers.columns()) {
    if (column.kind != ColumnKind::Vector3) {
      throw std::invalid_argument("column '" + column.label +
                                  "' is a scalar; a TRC file holds only 3-D marker positions");
    }
    requireWritableText(column.label, "marker label");
  }
  const std::string units = markerUnits(markers);
  requireWritableText(units, "unit");
  const std::string dataRate = dataRateText(markers);
  const std::string firstFrameText = markers.metadataValue("FirstFrame").value_or("1");
  const auto firstFrame = text::parseCount(firstFrameText);
  if (!firstFrame) {
    throw std::invalid_argument("metadata FirstFrame '" + firstFrameText +
                                "' is not a whole number");
  }
  const auto rows = markers.rowCount();
  const std::size_t markerCount = markers.columnCount();

  const auto metadataOr = [&](std::string_view key, std::string fallback) {
    auto value = markers.metadataValue(key).value_or(std::move(fallback));
    requireWritableText(value, "metadata " + std::string(key));
    return value;
  };
  const std::array<std::string, 8> headerValues = {
      dataRate,
      metadataOr("CameraRate", dataRate),
      std::to_string(rows),
      std::to_string(markerCount),
      units,
      metadataOr("OrigDataRate", dataRate),
      metadataOr("OrigDataStartFrame", std::to_string(*firstFrame)),
      metadataOr("OrigNumFrames", std::to_string(rows))};

  std::string out;
  out.reserve(static_cast<std::size_t>(
      512 + rows * (16 + static_cast<Eigen::Index>(markerCount) * 3 * 14)));
  out += "PathFileType\t4\t(X/Y/Z)\t";
  out += fileName;
  out += '\n';
  for (std::size_t index = 0; index < kHeaderKeys.size(); ++index) {
    if (index > 0) out += '\t';
    out += kHeaderKeys[index];
  }
  out += '\n';
  for (std::size_t index = 0; index < headerValues.size(); ++index) {
    if (index > 0) out += '\t';
    out += headerValues[index];
  }
  out += "\nFrame#\tTime";
  for (const auto& column : markers.columns()) {
    out += '\t';
    out += column.label;
    out += "\t\t";
  }
  out += "\n\t";
  for (std::size_t marker = 1; marker <= markerCount; ++marker) {
    const auto number = std::to_string(marker);
    out += "\tX" + number + "\tY" + number + "\tZ" + number;
  }
  out += "\n\n";

  const auto values = markers.values();
  for (Eigen::Index row = 0; row < rows; ++row) {
    out += std::to_string(*firstFrame + static_cast<std::uint64_t>(row));
    out += '\t';
    text::appendDouble(out, markers.time()[static_cast<std::size_t>(row)], "NaN");
    for (Eigen::Index value = 0; value < markers.valueWidth(); ++value) {
      out += '\t';
      text::appendDouble(out, values(row, value), "NaN");
    }
    out += '\n';
  }
  return out;
}

void writeTrc(const TimeSeriesTable& markers, const std::filesystem::path& path) {
  text::writeWholeFile(path, formatTrc(markers, path.filename().string()));
}

}  // namespace kinchain::io
