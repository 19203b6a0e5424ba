#include "kinchain/io/c3d_file.hpp"

#include "kinchain/common/error.hpp"
#include "kinchain/io/c3d_events.hpp"
#include "kinchain/io/c3d_force_platforms.hpp"
#include "kinchain/io/c3d_parameter_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

namespace kinchain::io {

using c3d::ByteReader;
using c3d::numberText;
using c3d::Parameter;
using c3d::ParameterReader;
using c3d::ParameterSet;
using c3d::ParameterType;
using c3d::trim;
using c3d::unitLengthInMetres;
using c3d::upper;
using c3d::wholeCount;

namespace {

constexpr std::size_t kBlockSize = 512;
constexpr int kHeaderKey = 0x50;
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// Header byte offsets (C3D User Guide, "The header section", word n at byte 2(n-1)).
constexpr std::size_t kHeaderPointCount = 2;
constexpr std::size_t kHeaderAnalogPerFrame = 4;
constexpr std::size_t kHeaderFirstFrame = 6;
constexpr std::size_t kHeaderLastFrame = 8;
constexpr std::size_t kHeaderScale = 12;
constexpr std::size_t kHeaderDataStart = 16;
constexpr std::size_t kHeaderAnalogSamplesPerFrame = 18;
constexpr std::size_t kHeaderFrameRate = 20;

struct Header {
  std::size_t parameterBlock = 0;
  std::size_t pointCount = 0;
  std::size_t analogPerFrame = 0;
  std::size_t firstFrame = 0;
  std::size_t lastFrame = 0;
  double scale = 0.0;
  std::size_t dataStartBlock = 0;
  std::size_t analogSamplesPerFrame = 0;
  double frameRate = 0.0;
};

Header readHeader(const ByteReader& reader) {
  Header h;
  h.pointCount = reader.u16(kHeaderPointCount);
  h.analogPerFrame = reader.u16(kHeaderAnalogPerFrame);
  h.firstFrame = reader.u16(kHeaderFirstFrame);
  h.lastFrame = reader.u16(kHeaderLastFrame);
  h.scale = reader.f32(kHeaderScale);
  h.dataStartBlock = reader.u16(kHeaderDataStart);
  h.analogSamplesPerFrame = reader.u16(kHeaderAnalogSamplesPerFrame);
  h.frameRate = reader.f32(kHeaderFrameRate);
  return h;
}

}  // namespace

double C3dTrial::pointUnitsInMetres() const {
  return unitLengthInMetres(pointUnits);
}

std::vector<std::string> makeLabelsUnique(std::vector<std::string>& labels,
                                          const std::string& blankPrefix) {
  std::vector<std::string> repeated;
  std::set<std::string> taken;
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    std::string label = trim(labels[i]);
    if (label.empty()) label = blankPrefix + std::to_string(i + 1);
    const int occurrence = ++seen[label];
    if (occurrence == 2) repeated.push_back(label);
    std::string unique = label;
    if (occurrence > 1 || taken.count(unique) != 0) {
      int k = std::max(occurrence, 2);
      do {
        unique = label + "_" + std::to_string(k++);
      } while (taken.count(unique) != 0);
    }
    taken.insert(unique);
    labels[i] = unique;
  }
  return repeated;
}

namespace {

// The model outputs a C3D lists in POINT:ANGLES, FORCES, MOMENTS,
// POWERS, SCALARS or REACTIONS (Vicon Plug-in Gait's angles, moments... stored as points): those
// are not markers, so a repeat among them is renamed and reported, never taken for a marker.
std::set<std::string> modelOutputLabels(const ParameterReader& params) {
  std::set<std::string> labels;
  for (const char* group : {"ANGLES", "FORCES", "MOMENTS", "POWERS", "SCALARS", "REACTIONS"}) {
    if (const Parameter* list = params.find("POINT", group)) {
      for (const auto& entry : list->strings)
        labels.insert(trim(entry));
    }
  }
  return labels;
}

// Pairs (earlier point, later point), 0-based, of points that share a non-blank label.
std::vector<std::pair<std::size_t, std::size_t>> repeatedPointLabels(
    const std::vector<std::string>& labels, const std::vector<std::string>& descriptions) {
  std::vector<std::pair<std::size_t, std::size_t>> repeats;
  // Looked up, not searched: a file may repeat one label tens of thousands of times.
  std::map<std::string, std::size_t> firstWithLabel;
  std::map<std::pair<std::string, std::string>, std::size_t> lastWithLabelAndDescription;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string label = trim(labels[i]);
    if (label.empty()) continue;  // blank labels become POINT<n>, unique by construction
    const std::string description = i < descriptions.size() ? trim(descriptions[i]) : "";
    const auto first = firstWithLabel.find(label);
    if (first == firstWithLabel.end()) {
      firstWithLabel.emplace(label, i);
    } else {
      // Compare with the latest earlier point whose description matches, else the first one.
      const auto match = lastWithLabelAndDescription.find({label, description});
      repeats.emplace_back(
          match != lastWithLabelAndDescription.end() ? match->second : first->second, i);
    }
    lastWithLabelAndDescription[{label, description}] = i;
  }
  return repeats;
}

std::size_t readFrameCount(const Header& header, const ParameterReader& params,
                           std::vector<std::string>& warnings) {
  std::size_t frames = header.lastFrame >= header.firstFrame && header.firstFrame > 0
                           ? header.lastFrame - header.firstFrame + 1
                           : 0;
  // More than 65535 frames: TRIAL:ACTUAL_START_FIELD / ACTUAL_END_FIELD hold 32-bit frame
  // numbers as two unsigned 16-bit words (low word first); otherwise POINT:FRAMES.
  const Parameter* start = params.find("TRIAL", "ACTUAL_START_FIELD");
  const Parameter* end = params.find("TRIAL", "ACTUAL_END_FIELD");
  const auto word32 = [](const Parameter* p) -> std::optional<double> {
    if (p == nullptr || p->numbers.size() < 2) return std::nullopt;
    return *p->unsignedCount(0) + 65536.0 * *p->unsignedCount(1);
  };
  const auto first32 = word32(start);
  const auto last32 = word32(end);
  if (first32 && last32 && *last32 >= *first32) {
    const auto trialFrames = wholeCount(*last32 - *first32 + 1);
    if (trialFrames && *trialFrames > frames &&
        (header.lastFrame == 65535 || *trialFrames > 65535)) {
      return *trialFrames;
    }
  }
  const auto pointFrames = params.count("POINT", "FRAMES");
  const auto pointFrameCount = wholeCount(pointFrames);
  if (pointFrames && !pointFrameCount) {
    params.fail("POINT", "FRAMES", "is not a frame count (" + numberText(*pointFrames) + ")");
  }
  if (pointFrameCount && *pointFrameCount > frames) {
    if (header.lastFrame != 65535) {
      warnings.push_back("POINT:FRAMES (" + numberText(*pointFrames) +
                         ") exceeds the header frame range (" + std::to_string(frames) +
                         "); using POINT:FRAMES");
    }
    return *pointFrameCount;
  }
  return frames;
}

struct AnalogScaling {
  std::vector<double> scale;
  std::vector<double> offset;
  double generalScale = 1.0;
  bool isUnsigned = false;
};

AnalogScaling readAnalogScaling(const ParameterReader& params, std::size_t channels,
                                std::vector<std::string>& warnings) {
  AnalogScaling s;
  s.scale = params.continuedNumbers("ANALOG", "SCALE");
  s.offset = params.continuedNumbers("ANALOG", "OFFSET");
  if (channels > 0 && s.scale.size() < channels) {
    warnings.push_back("ANALOG:SCALE has " + std::to_string(s.scale.size()) + " entries for " +
                       std::to_string(channels) + " channels; missing scales taken as 1");
  }
  if (channels > 0 && s.offset.size() < channels) {
    warnings.push_back("ANALOG:OFFSET has " + std::to_string(s.offset.size()) + " entries for " +
                       std::to_string(channels) + " channels; missing offsets taken as 0");
  }
  s.scale.resize(std::max(s.scale.size(), channels), 1.0);
  s.offset.resize(std::max(s.offset.size(), channels), 0.0);
  s.generalScale = params.number("ANALOG", "GEN_SCALE").value_or(1.0);
  if (!std::isfinite(s.generalScale)) params.fail("ANALOG", "GEN_SCALE", "is not a finite number");
  for (std::size_t c = 0; c < channels; ++c) {
    if (!std::isfinite(s.scale[c])) {
      params.fail("ANALOG", "SCALE", "channel " + std::to_string(c + 1) + " scale is not finite");
    }
  }
  s.isUnsigned = upper(trim(params.text("ANALOG", "FORMAT"))) == "UNSIGNED";
  if (s.isUnsigned) {
    // Offsets of unsigned data are stored in int16 but mean 0..65535.
    for (auto& o : s.offset) {
      if (o < 0) o += 65536.0;
    }
  }
  if (const auto bits = params.number("ANALOG", "BITS"); bits && (*bits < 1 || *bits > 16)) {
    warnings.push_back("ANALOG:BITS is " + numberText(*bits) + " (expected 1-16); ignored");
  }
  return s;
}

// Where the frames are and how they are stored (C3D User Guide, "The 3D point and analog data
// section": per frame, points as X, Y, Z, residual word, then the frame's analog samples).
struct DataLayout {
  std::size_t dataStart = 0;
  std::size_t valueBytes = 2;  // 2 integer, 4 float
  std::size_t pointCount = 0;
  std::size_t pointBytes = 0;  // per frame
  std::size_t frameBytes = 0;
  std::size_t samplesPerFrame = 0;
  std::size_t analogChannels = 0;
};

// Fills the (NaN-initialised) point and analog tables and the residuals from the data section.
void readFrames(const ByteReader& reader, const DataLayout& layout, const AnalogScaling& scaling,
                C3dTrial& trial) {
  const std::size_t frames = trial.frameCount;
  const std::size_t valueBytes = layout.valueBytes;
  const std::size_t samplesPerFrame = layout.samplesPerFrame;
  if (frames > 0) reader.require(layout.dataStart, frames * layout.frameBytes, "the data section");
  auto pointValues = trial.points.values();
  auto analogValues = trial.analog.values();
  const double scale = std::abs(trial.pointScale);
  std::vector<std::size_t> nonFinitePoints(layout.pointCount, 0);
  for (std::size_t k = 0; k < frames; ++k) {
    const std::size_t frameOffset = layout.dataStart + k * layout.frameBytes;
    const auto row = static_cast<Eigen::Index>(k);
    for (std::size_t p = 0; p < layout.pointCount; ++p) {
      const std::size_t at = frameOffset + p * 4 * valueBytes;
      double x, y, z, residualWord;
      if (trial.floatStorage) {
        x = reader.f32Unchecked(at);
        y = reader.f32Unchecked(at + 4);
        z = reader.f32Unchecked(at + 8);
        residualWord = reader.f32Unchecked(at + 12);
      } else {
        x = static_cast<std::int16_t>(reader.u16Unchecked(at)) * scale;
        y = static_cast<std::int16_t>(reader.u16Unchecked(at + 2)) * scale;
        z = static_cast<std::int16_t>(reader.u16Unchecked(at + 4)) * scale;
        residualWord = static_cast<std::int16_t>(reader.u16Unchecked(at + 6));
      }
      const auto column = static_cast<Eigen::Index>(3 * p);
      // Fourth word: camera mask (high byte), residual / scale (low byte); negative = invalid.
      if (residualWord < 0 || !std::isfinite(residualWord)) continue;  // stays NaN
      if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(z)) {
        ++nonFinitePoints[p];  // a float file's NaN or infinity: the point is missing here
        continue;
      }
      pointValues(row, column) = x;
      pointValues(row, column + 1) = y;
      pointValues(row, column + 2) = z;
      const auto word = static_cast<std::uint32_t>(std::min(residualWord, 65535.0));
      trial.pointResiduals(row, static_cast<Eigen::Index>(p)) =
          static_cast<double>(word & 0xFFu) * scale;
    }
    std::size_t at = frameOffset + layout.pointBytes;
    for (std::size_t s = 0; s < samplesPerFrame; ++s) {
      const auto analogRow = static_cast<Eigen::Index>(k * samplesPerFrame + s);
      for (std::size_t c = 0; c < layout.analogChannels; ++c, at += valueBytes) {
        double raw;
        if (trial.floatStorage) {
          raw = reader.f32Unchecked(at);
        } else if (scaling.isUnsigned) {
          raw = reader.u16Unchecked(at);
        } else {
          raw = static_cast<std::int16_t>(reader.u16Unchecked(at));
        }
        analogValues(analogRow, static_cast<Eigen::Index>(c)) =
            (raw - scaling.offset[c]) * scaling.scale[c] * scaling.generalScale;
      }
    }
  }
  for (std::size_t p = 0; p < layout.pointCount; ++p) {
    if (nonFinitePoints[p] == 0) continue;
    trial.warnings.push_back("point " + std::to_string(p + 1) + " ('" +
                             trial.points.column(p).label + "') has a non-finite coordinate in " +
                             std::to_string(nonFinitePoints[p]) +
                             " frames with a valid residual; read as missing there");
  }
}

}  // namespace

C3dTrial parseC3d(std::span<const std::byte> bytes, const std::string& sourceName,
                  const C3dReadOptions& options) {
  C3dTrial trial;
  trial.source = sourceName;
  trial.fileSize = bytes.size();
  ByteReader reader(bytes, sourceName, c3d::ProcessorFormat::Intel);
  reader.require(0, kBlockSize, "the 512-byte header");
  const std::size_t parameterBlock = reader.u8(0);
  if (reader.u8(1) != kHeaderKey) {
    reader.fail(1, "not a C3D file: header key is " + std::to_string(reader.u8(1)) +
                       ", expected 80 (0x50)");
  }
  if (parameterBlock < 2) {
    reader.fail(0, "parameter section pointer is block " + std::to_string(parameterBlock) +
                       " (must be 2 or more: block 1 is the header)");
  }
  const std::size_t parameterStart = (parameterBlock - 1) * kBlockSize;
  auto section = c3d::readParameterSection(reader, parameterStart, trial.warnings);
  trial.processor = section.format;
  trial.parameters = std::move(section.parameters);
  const ParameterReader params(trial.parameters, reader);
  const Header header = readHeader(reader);

  // --- sizes ---------------------------------------------------------------------------------
  const std::size_t pointCount = header.pointCount;
  if (const auto used = params.count("POINT", "USED");
      used && *used != static_cast<double>(pointCount)) {
    trial.warnings.push_back(
        "POINT:USED (" + numberText(*used) + ") differs from the header point count (" +
        std::to_string(pointCount) + "); the header count is used for the data layout");
  }
  trial.firstFrame = static_cast<int>(header.firstFrame);
  trial.frameCount = readFrameCount(header, params, trial.warnings);
  trial.analogSamplesPerFrame = static_cast<int>(header.analogSamplesPerFrame);
  std::size_t analogChannels = 0;
  if (header.analogSamplesPerFrame > 0) {
    analogChannels = header.analogPerFrame / header.analogSamplesPerFrame;
    if (header.analogPerFrame % header.analogSamplesPerFrame != 0) {
      reader.fail(kHeaderAnalogPerFrame, "analog values per frame (" +
                                             std::to_string(header.analogPerFrame) +
                                             ") is not a multiple of the samples per frame (" +
                                             std::to_string(header.analogSamplesPerFrame) + ")");
    }
  }
  if (const auto used = params.count("ANALOG", "USED");
      used && *used != static_cast<double>(analogChannels)) {
    trial.warnings.push_back("ANALOG:USED (" + numberText(*used) +
                             ") differs from the header channel count (" +
                             std::to_string(analogChannels) + "); the header count is used");
  }

  // --- rates and scale -----------------------------------------------------------------------
  trial.pointRate = params.number("POINT", "RATE").value_or(header.frameRate);
  if (trial.frameCount > 0 && !(std::isfinite(trial.pointRate) && trial.pointRate > 0)) {
    if (params.find("POINT", "RATE") != nullptr)
      params.fail("POINT", "RATE", "is not a positive number");
    reader.fail(kHeaderFrameRate, "frame rate is not a positive number");
  }
  trial.pointScale = params.number("POINT", "SCALE").value_or(header.scale);
  if (!std::isfinite(trial.pointScale) || (pointCount > 0 && trial.pointScale == 0.0)) {
    if (params.find("POINT", "SCALE") != nullptr) {
      params.fail("POINT", "SCALE",
                  "is " + std::to_string(trial.pointScale) + " (must be a non-zero number)");
    }
    reader.fail(kHeaderScale, "point scale is not a non-zero number");
  }
  trial.floatStorage = trial.pointScale < 0;
  trial.pointUnits = trim(params.text("POINT", "UNITS"));
  if (trial.pointUnits.empty()) trial.pointUnits = "mm";
  trial.analogRate = trial.pointRate * static_cast<double>(header.analogSamplesPerFrame);
  if (const auto analogRate = params.number("ANALOG", "RATE");
      analogRate && analogChannels > 0 &&
      std::abs(*analogRate - trial.analogRate) > 1e-6 * trial.analogRate) {
    trial.warnings.push_back("ANALOG:RATE (" + std::to_string(*analogRate) +
                             " Hz) differs from point rate x samples per frame (" +
                             std::to_string(trial.analogRate) + " Hz); the latter is used");
  }

  // --- data section layout --------------------------------------------------------------------
  std::size_t dataBlock = header.dataStartBlock;
  if (dataBlock == 0) {
    dataBlock = wholeCount(params.count("POINT", "DATA_START"), 65535).value_or(0);
  }
  if (dataBlock < 2) {
    reader.fail(kHeaderDataStart, "data section pointer is block " + std::to_string(dataBlock));
  }
  const std::size_t dataStart = (dataBlock - 1) * kBlockSize;
  if (dataStart <= parameterStart) {
    reader.fail(kHeaderDataStart, "data section (block " + std::to_string(dataBlock) +
                                      ") starts before the parameter section");
  }
  const std::size_t valueBytes = trial.floatStorage ? 4 : 2;
  const std::size_t pointBytes = pointCount * 4 * valueBytes;
  const std::size_t analogBytes = header.analogPerFrame * valueBytes;
  const std::size_t frameBytes = pointBytes + analogBytes;
  if (frameBytes == 0 && trial.frameCount > 0) {
    trial.warnings.push_back("no points and no analog channels: frames ignored");
    trial.frameCount = 0;
  }
  if (frameBytes > 0) {
    const std::size_t available = reader.size() > dataStart ? reader.size() - dataStart : 0;
    if (trial.frameCount > available / frameBytes) {
      reader.fail(dataStart,
                  "the header announces " + std::to_string(trial.frameCount) + " frames of " +
                      std::to_string(frameBytes) + " bytes but the file holds " +
                      std::to_string(available / frameBytes) + " (truncated file or wrong counts)");
    }
  }
  const std::size_t frames = trial.frameCount;
  const auto rows = static_cast<Eigen::Index>(frames);
  const std::size_t samplesPerFrame = header.analogSamplesPerFrame;
  const auto analogRows = static_cast<Eigen::Index>(frames * samplesPerFrame);

  // --- labels ---------------------------------------------------------------------------------
  std::vector<std::string> pointLabels = params.continued("POINT", "LABELS");
  if (pointLabels.size() < pointCount && pointCount > 0) {
    trial.warnings.push_back("POINT:LABELS has " + std::to_string(pointLabels.size()) +
                             " labels for " + std::to_string(pointCount) +
                             " points; the rest are named POINT<n>");
  }
  pointLabels.resize(pointCount);
  trial.pointLabelsAsStored = pointLabels;
  trial.pointDescriptions = params.continued("POINT", "DESCRIPTIONS");
  trial.pointDescriptions.resize(pointCount);
  const auto repeats = repeatedPointLabels(trial.pointLabelsAsStored, trial.pointDescriptions);
  static_cast<void>(makeLabelsUnique(pointLabels, "POINT"));
  const std::set<std::string> modelOutputs = modelOutputLabels(params);
  for (const auto& [first, repeat] : repeats) {
    const std::string label = trim(trial.pointLabelsAsStored[first]);
    const std::string firstDescription = trim(trial.pointDescriptions[first]);
    const std::string repeatDescription = trim(trial.pointDescriptions[repeat]);
    if (firstDescription == repeatDescription && modelOutputs.count(label) == 0) {
      // Nothing tells the two points apart: taking either for the marker would be a guess.
      params.fail(
          "POINT", "LABELS",
          "point label '" + label + "' names both point " + std::to_string(first + 1) +
              " and point " + std::to_string(repeat + 1) +
              (firstDescription.empty() ? std::string(" and neither has a POINT:DESCRIPTIONS entry")
                                        : " and both are described as '" + firstDescription + "'") +
              "; relabel one of them");
    }
    trial.warnings.push_back("point label '" + label + "' names point " +
                             std::to_string(first + 1) + " ('" + firstDescription +
                             "') and point " + std::to_string(repeat + 1) + " ('" +
                             repeatDescription + "'); point " + std::to_string(repeat + 1) +
                             " is read as " + pointLabels[repeat]);
  }

  std::vector<std::string> analogLabels = params.continued("ANALOG", "LABELS");
  analogLabels.resize(analogChannels);
  trial.analogLabelsAsStored = analogLabels;
  for (const auto& label : makeLabelsUnique(analogLabels, "ANALOG")) {
    trial.warnings.push_back("analog label '" + label +
                             "' is used more than once; repeats are renamed " + label + "_2, " +
                             label + "_3...");
  }
  std::vector<std::string> analogUnits = params.continued("ANALOG", "UNITS");
  analogUnits.resize(analogChannels);
  const AnalogScaling scaling = readAnalogScaling(params, analogChannels, trial.warnings);

  // --- tables ---------------------------------------------------------------------------------
  std::vector<double> pointTime(frames);
  for (std::size_t k = 0; k < frames; ++k)
    pointTime[k] = static_cast<double>(k) / trial.pointRate;
  trial.points = TimeSeriesTable(std::move(pointTime));
  // In one pass: a file may declare tens of thousands of points, and adding them one by one
  // compares every label with all before it (a fuzzed file took seconds).
  trial.points.addEmptyColumns(pointLabels, ColumnKind::Vector3, trial.pointUnits);
  trial.pointResiduals =
      Eigen::MatrixXd::Constant(rows, static_cast<Eigen::Index>(pointCount), kNan);

  std::vector<double> analogTime(static_cast<std::size_t>(analogRows));
  for (std::size_t j = 0; j < analogTime.size(); ++j)
    analogTime[j] = static_cast<double>(j) / trial.analogRate;
  trial.analog = TimeSeriesTable(std::move(analogTime));
  trial.analog.addEmptyColumns(analogLabels, ColumnKind::Scalar);
  for (std::size_t c = 0; c < analogChannels; ++c)
    trial.analog.setColumnUnit(c, std::string(trim(analogUnits[c])));

  // --- data -----------------------------------------------------------------------------------
  DataLayout layout;
  layout.dataStart = dataStart;
  layout.valueBytes = valueBytes;
  layout.pointCount = pointCount;
  layout.pointBytes = pointBytes;
  layout.frameBytes = frameBytes;
  layout.samplesPerFrame = samplesPerFrame;
  layout.analogChannels = analogChannels;
  readFrames(reader, layout, scaling, trial);

  trial.points.setMetadata("DataRate", std::to_string(trial.pointRate));
  trial.points.setMetadata("FirstFrame", std::to_string(trial.firstFrame));
  trial.points.setMetadata("Units", trial.pointUnits);
  trial.analog.setMetadata("DataRate", std::to_string(trial.analogRate));

  trial.events = c3d::readEvents(reader, params, trial.pointRate, trial.firstFrame, trial.warnings);
  c3d::readForcePlatforms(trial, params, options);
  return trial;
}

C3dTrial readC3d(const std::filesystem::path& path, const C3dReadOptions& options) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot open C3D file " + path.string());
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  file.seekg(0, std::ios::beg);
  std::vector<std::byte> bytes(static_cast<std::size_t>(std::max<std::streamoff>(size, 0)));
  if (!bytes.empty() && !file.read(reinterpret_cast<char*>(bytes.data()), size)) {
    throw std::runtime_error("cannot read C3D file " + path.string());
  }
  return parseC3d(bytes, path.string(), options);
}

}  // namespace kinchain::io
