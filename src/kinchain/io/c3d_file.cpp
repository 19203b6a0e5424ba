#include "kinchain/io/c3d_file.hpp"

#include "kinchain/common/error.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

namespace kinchain::io {

using c3d::ByteReader;
using c3d::Parameter;
using c3d::ParameterSet;
using c3d::ParameterType;

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
constexpr std::size_t kHeaderEventKey = 298;
constexpr std::size_t kHeaderEventCount = 300;
constexpr std::size_t kHeaderEventTimes = 304;
constexpr std::size_t kHeaderEventLabels = 396;
constexpr int kHeaderEventKeyValue = 12345;
constexpr int kMaxHeaderEvents = 18;

// Reads parameters with the fallbacks the format needs; failures name GROUP:NAME.
class ParameterReader {
 public:
  ParameterReader(const ParameterSet& set, const ByteReader& reader) : set_(set), reader_(reader) {}

  const Parameter* find(std::string_view group, std::string_view name) const {
    return set_.find(group, name);
  }

  std::optional<double> number(std::string_view group, std::string_view name,
                               std::size_t index = 0) const {
    const Parameter* p = find(group, name);
    if (p == nullptr || index >= p->numbers.size()) return std::nullopt;
    return p->numbers[index];
  }

  std::optional<double> count(std::string_view group, std::string_view name) const {
    const Parameter* p = find(group, name);
    if (p == nullptr) return std::nullopt;
    return p->unsignedCount(0);
  }

  std::string text(std::string_view group, std::string_view name, std::size_t index = 0) const {
    const Parameter* p = find(group, name);
    if (p == nullptr || index >= p->strings.size()) return {};
    return p->strings[index];
  }

  std::vector<std::string> strings(std::string_view group, std::string_view name) const {
    const Parameter* p = find(group, name);
    return p == nullptr ? std::vector<std::string>{} : p->strings;
  }

  /// NAME, NAME2, NAME3... concatenated (C3D continuation for more than 255 entries).
  std::vector<std::string> continued(std::string_view group, std::string_view name) const {
    std::vector<std::string> all = strings(group, name);
    for (int k = 2;; ++k) {
      const Parameter* p = find(group, std::string(name) + std::to_string(k));
      if (p == nullptr) break;
      all.insert(all.end(), p->strings.begin(), p->strings.end());
    }
    return all;
  }

  /// Numbers of NAME, NAME2... (for ANALOG:SCALE2 etc.).
  std::vector<double> continuedNumbers(std::string_view group, std::string_view name) const {
    std::vector<double> all;
    const Parameter* p = find(group, name);
    if (p != nullptr) all = p->numbers;
    for (int k = 2;; ++k) {
      const Parameter* q = find(group, std::string(name) + std::to_string(k));
      if (q == nullptr) break;
      all.insert(all.end(), q->numbers.begin(), q->numbers.end());
    }
    return all;
  }

  [[noreturn]] void fail(std::string_view group, std::string_view name,
                         const std::string& reason) const {
    const Parameter* p = find(group, name);
    std::string place = "parameter " + std::string(group) + ":" + std::string(name);
    if (p != nullptr) place = "byte " + std::to_string(p->byteOffset) + " (" + place + ")";
    throw InputError(reader_.source(), place, reason);
  }

 private:
  const ParameterSet& set_;
  const ByteReader& reader_;
};

std::string upper(std::string text) {
  for (auto& c : text)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

double unitLengthInMetres(const std::string& unit) {
  const std::string u = upper(trim(unit));
  if (u == "M") return 1.0;
  if (u == "CM") return 0.01;
  if (u == "MM" || u.empty()) return 0.001;
  return kNan;
}

// N·m per unit of a moment channel ("Nmm", "N.mm", "N*mm", "Nm"...); NaN if unknown.
double momentUnitInNewtonMetres(const std::string& unit) {
  std::string u;
  for (char c : upper(trim(unit))) {
    if (std::isalpha(static_cast<unsigned char>(c))) u += c;
  }
  if (u == "NMM") return 0.001;
  if (u == "NM") return 1.0;
  return kNan;
}

// A stored number as a whole count in [0, limit], or nothing if it is not one (NaN, negative,
// fractional or huge): file values are never cast to integers unchecked.
std::optional<std::size_t> wholeCount(std::optional<double> value, double limit = 4294967295.0) {
  if (!value || !std::isfinite(*value) || *value < 0 || *value > limit) return std::nullopt;
  if (*value != std::floor(*value)) return std::nullopt;
  return static_cast<std::size_t>(*value);
}

std::string numberText(double value) {
  if (std::isfinite(value) && std::abs(value) < 1e15 && value == std::floor(value)) {
    return std::to_string(static_cast<long long>(value));
  }
  return std::to_string(value);
}

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

std::vector<C3dEvent> readEvents(const ByteReader& reader, const ParameterReader& params,
                                 double rate, int firstFrame, std::vector<std::string>& warnings) {
  std::vector<C3dEvent> events;
  // Event times count from the start of the acquisition with frame 1 at t = 0; the trial clock
  // starts at firstFrame.
  const double clockShift = rate > 0 ? (firstFrame - 1) / rate : 0.0;
  const auto place = [&](C3dEvent& e) {
    e.time = e.timeInFile - clockShift;
    e.frame = rate > 0 ? e.timeInFile * rate + 1.0 : kNan;
  };
  const Parameter* times = params.find("EVENT", "TIMES");
  if (times != nullptr) {
    std::size_t used = times->numbers.size() / 2;
    if (const auto count = wholeCount(params.count("EVENT", "USED"))) used = std::min(used, *count);
    const auto labels = params.strings("EVENT", "LABELS");
    const auto contexts = params.strings("EVENT", "CONTEXTS");
    const auto descriptions = params.strings("EVENT", "DESCRIPTIONS");
    const auto subjects = params.strings("EVENT", "SUBJECTS");
    const Parameter* icons = params.find("EVENT", "ICON_IDS");
    for (std::size_t i = 0; i < used; ++i) {
      C3dEvent e;
      e.timeInFile = times->numbers[2 * i] * 60.0 + times->numbers[2 * i + 1];
      if (!std::isfinite(e.timeInFile)) {
        params.fail("EVENT", "TIMES", "event " + std::to_string(i + 1) + " has no finite time");
      }
      if (i < labels.size()) e.label = trim(labels[i]);
      if (i < contexts.size()) e.context = trim(contexts[i]);
      if (i < descriptions.size()) e.description = trim(descriptions[i]);
      if (i < subjects.size()) e.subject = trim(subjects[i]);
      if (icons != nullptr && i < icons->numbers.size())
        e.iconId = static_cast<int>(wholeCount(icons->numbers[i], 65535).value_or(0));
      place(e);
      events.push_back(std::move(e));
    }
  } else if (reader.u16(kHeaderEventKey) == kHeaderEventKeyValue) {
    const int count = std::min<int>(reader.u16(kHeaderEventCount), kMaxHeaderEvents);
    for (int i = 0; i < count; ++i) {
      C3dEvent e;
      e.fromHeader = true;
      e.timeInFile = reader.f32(kHeaderEventTimes + 4 * static_cast<std::size_t>(i));
      e.label = trim(reader.text(kHeaderEventLabels + 4 * static_cast<std::size_t>(i), 4));
      if (!std::isfinite(e.timeInFile)) {
        warnings.push_back("header event " + std::to_string(i + 1) +
                           " has no finite time; skipped");
        continue;
      }
      place(e);
      events.push_back(std::move(e));
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const C3dEvent& a, const C3dEvent& b) { return a.time < b.time; });
  return events;
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

void readForcePlatforms(C3dTrial& trial, const ParameterReader& params,
                        const C3dReadOptions& options) {
  const Parameter* usedParameter = params.find("FORCE_PLATFORM", "USED");
  if (usedParameter == nullptr) return;
  const auto usedCount = wholeCount(usedParameter->unsignedCount(0), 65535);
  if (!usedCount) params.fail("FORCE_PLATFORM", "USED", "is not a plate count");
  std::size_t used = *usedCount;
  if (used == 0) return;
  const Parameter* types = params.find("FORCE_PLATFORM", "TYPE");
  const Parameter* channels = params.find("FORCE_PLATFORM", "CHANNEL");
  const Parameter* corners = params.find("FORCE_PLATFORM", "CORNERS");
  const Parameter* origins = params.find("FORCE_PLATFORM", "ORIGIN");
  const Parameter* calibration = params.find("FORCE_PLATFORM", "CAL_MATRIX");
  if (types == nullptr || channels == nullptr || corners == nullptr) {
    trial.warnings.push_back(
        "FORCE_PLATFORM:USED > 0 but TYPE, CHANNEL or CORNERS is missing; force platforms skipped");
    return;
  }
  if (types->numbers.size() < used) {
    trial.warnings.push_back("FORCE_PLATFORM:TYPE lists fewer plates than FORCE_PLATFORM:USED");
    used = types->numbers.size();
  }
  const std::size_t channelStride = channels->dimensions.empty()
                                        ? channels->numbers.size()
                                        : static_cast<std::size_t>(channels->dimensions[0]);
  const double lengthScale = trial.pointUnitsInMetres();
  if (!std::isfinite(lengthScale)) {
    trial.warnings.push_back("POINT:UNITS '" + trial.pointUnits +
                             "' is not a length unit; force platforms skipped");
    return;
  }
  const auto analogUnits = trial.analog.columns();
  const std::size_t analogChannels = trial.analog.columnCount();

  // ZERO baseline: stored frames [first, last], 1-based; last < first means none.
  std::optional<std::pair<Eigen::Index, Eigen::Index>> zeroRange;
  if (options.forcePlatforms.subtractZeroBaseline) {
    const auto z0 = params.number("FORCE_PLATFORM", "ZERO", 0);
    const auto z1 = params.number("FORCE_PLATFORM", "ZERO", 1);
    const auto first = wholeCount(z0, static_cast<double>(trial.frameCount));
    const auto last = wholeCount(z1, static_cast<double>(trial.frameCount));
    if (first && last && *first >= 1 && *last >= *first) {
      const auto spf = static_cast<Eigen::Index>(trial.analogSamplesPerFrame);
      const Eigen::Index begin = (static_cast<Eigen::Index>(*first) - 1) * spf;
      const Eigen::Index end =
          std::min<Eigen::Index>(static_cast<Eigen::Index>(*last) * spf, trial.analog.rowCount());
      if (end > begin) zeroRange = std::make_pair(begin, end - begin);
    }
  }

  for (std::size_t p = 0; p < used; ++p) {
    const std::string plateName = "force platform " + std::to_string(p + 1);
    ForcePlatform plate;
    const auto type = wholeCount(types->numbers[p], 1000);
    plate.type = type ? static_cast<int>(*type) : 0;
    if (plate.type < 1 || plate.type > 4) {
      trial.warnings.push_back(plateName + " has TYPE " + numberText(types->numbers[p]) +
                               ", which is not supported (types 1-4); skipped");
      continue;
    }
    const std::size_t needed = plate.type == 3 ? 8 : 6;
    if (channelStride < needed || channels->numbers.size() < (p + 1) * channelStride) {
      params.fail("FORCE_PLATFORM", "CHANNEL",
                  plateName + " (type " + std::to_string(plate.type) + ") needs " +
                      std::to_string(needed) + " channels");
    }
    for (std::size_t c = 0; c < needed; ++c) {
      const double index = channels->numbers[p * channelStride + c];
      if (!(index >= 1 && index <= static_cast<double>(analogChannels)) ||
          index != std::floor(index)) {
        params.fail("FORCE_PLATFORM", "CHANNEL",
                    plateName + " uses analog channel " + numberText(index) + " but the file has " +
                        std::to_string(analogChannels) + " channels");
      }
      plate.channels.push_back(static_cast<int>(index) - 1);
    }
    if (corners->numbers.size() < (p + 1) * 12) {
      params.fail("FORCE_PLATFORM", "CORNERS", plateName + " has no 4 x 3 corner coordinates");
    }
    std::array<Eigen::Vector3d, 4> cornerPoints;
    for (int k = 0; k < 4; ++k) {
      for (int j = 0; j < 3; ++j) {
        const double v = corners->numbers[p * 12 + static_cast<std::size_t>(k * 3 + j)];
        if (!std::isfinite(v))
          params.fail("FORCE_PLATFORM", "CORNERS", plateName + " corner is not finite");
        cornerPoints[static_cast<std::size_t>(k)](j) = v * lengthScale;
      }
    }
    Eigen::Vector3d originParameter = Eigen::Vector3d::Zero();
    if (origins != nullptr && origins->numbers.size() >= (p + 1) * 3) {
      for (int j = 0; j < 3; ++j)
        originParameter(j) = origins->numbers[p * 3 + static_cast<std::size_t>(j)];
    } else if (plate.type != 1) {
      trial.warnings.push_back(plateName + " has no FORCE_PLATFORM:ORIGIN; (0, 0, 0) used");
    }
    if (!originParameter.allFinite())
      params.fail("FORCE_PLATFORM", "ORIGIN", plateName + " origin is not finite");
    Eigen::Vector3d offset;  // surface centre → measurement origin, plate axes, m
    if (plate.type == 3) {
      plate.kistlerSensorOffsets = originParameter.head<2>() * lengthScale;
      offset = Eigen::Vector3d(0.0, 0.0, std::abs(originParameter.z()) * lengthScale);
      if (originParameter.z() > 0) {
        trial.warnings.push_back(plateName + " ORIGIN az0 is positive; its opposite is used");
      }
    } else {
      // Manual: ORIGIN = surface centre seen from the origin (z <= 0). Flip the other sign.
      offset = (originParameter.z() > 0 ? originParameter : Eigen::Vector3d(-originParameter)) *
               lengthScale;
      if (originParameter.z() > 0) {
        trial.warnings.push_back(plateName +
                                 " ORIGIN has z > 0 (origin seen from the surface centre, not "
                                 "the manual's direction); read as centre-to-origin");
      }
    }
    try {
      setForcePlatformGeometry(plate, cornerPoints, offset);
    } catch (const std::invalid_argument& error) {
      params.fail("FORCE_PLATFORM", "CORNERS", plateName + ": " + error.what());
    }
    if (plate.type == 4) {
      if (calibration == nullptr || calibration->dimensions.size() < 2 ||
          calibration->dimensions[0] != 6 || calibration->dimensions[1] != 6 ||
          calibration->numbers.size() < (p + 1) * 36) {
        params.fail("FORCE_PLATFORM", "CAL_MATRIX",
                    plateName + " (type 4) needs a 6 x 6 calibration matrix");
      }
      plate.calibration.resize(6, 6);
      // Stored first-dimension-fastest: element (row r, column c) at r + 6 c; wrench = CAL · v.
      for (int c = 0; c < 6; ++c) {
        for (int r = 0; r < 6; ++r) {
          plate.calibration(r, c) =
              calibration->numbers[p * 36 + static_cast<std::size_t>(r + 6 * c)];
        }
      }
      if (!plate.calibration.allFinite())
        params.fail("FORCE_PLATFORM", "CAL_MATRIX", plateName + " is not finite");
    }
    // Units of the channels.
    const auto unitOf = [&](std::size_t c) {
      return analogUnits[static_cast<std::size_t>(plate.channels[c])].unit;
    };
    const std::string forceUnit = upper(trim(unitOf(0)));
    if (plate.type != 4 && !forceUnit.empty() && forceUnit != "N") {
      trial.warnings.push_back(plateName + " force channel unit is '" + unitOf(0) + "', read as N");
    }
    if (plate.type == 2 || plate.type == 4 || plate.type == 1) {
      const std::size_t momentChannel = plate.type == 1 ? 5 : 3;
      double moment = momentUnitInNewtonMetres(unitOf(momentChannel));
      if (!std::isfinite(moment)) {
        moment = lengthScale;  // N · (point length unit)
        if (plate.type != 4) {
          trial.warnings.push_back(plateName + " moment channel unit '" + unitOf(momentChannel) +
                                   "' unknown; read as N·" + trial.pointUnits);
        }
      }
      plate.units.moment = moment;
    }
    if (plate.type == 1) {
      const double length = unitLengthInMetres(unitOf(3));
      plate.units.length = std::isfinite(length) ? length : lengthScale;
    }

    Eigen::MatrixXd signals(trial.analog.rowCount(), static_cast<Eigen::Index>(needed));
    for (std::size_t c = 0; c < needed; ++c) {
      signals.col(static_cast<Eigen::Index>(c)) =
          trial.analog.scalarColumn(static_cast<std::size_t>(plate.channels[c]));
      if (zeroRange) {
        const double baseline = signals.col(static_cast<Eigen::Index>(c))
                                    .segment(zeroRange->first, zeroRange->second)
                                    .mean();
        signals.col(static_cast<Eigen::Index>(c)).array() -= baseline;
      }
    }
    trial.forcePlatformWrenches.push_back(
        computeForcePlatformWrenches(plate, signals, options.forcePlatforms));
    trial.forcePlatforms.push_back(std::move(plate));
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
  for (const auto& label : makeLabelsUnique(pointLabels, "POINT")) {
    trial.warnings.push_back("point label '" + label +
                             "' is used more than once; repeats are renamed " + label + "_2, " +
                             label + "_3...");
  }
  trial.pointDescriptions = params.continued("POINT", "DESCRIPTIONS");
  trial.pointDescriptions.resize(pointCount);

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
  for (const auto& label : pointLabels)
    trial.points.addEmptyColumn(label, ColumnKind::Vector3, trial.pointUnits);
  trial.pointResiduals =
      Eigen::MatrixXd::Constant(rows, static_cast<Eigen::Index>(pointCount), kNan);

  std::vector<double> analogTime(static_cast<std::size_t>(analogRows));
  for (std::size_t j = 0; j < analogTime.size(); ++j)
    analogTime[j] = static_cast<double>(j) / trial.analogRate;
  trial.analog = TimeSeriesTable(std::move(analogTime));
  for (std::size_t c = 0; c < analogChannels; ++c) {
    trial.analog.addEmptyColumn(analogLabels[c], ColumnKind::Scalar, trim(analogUnits[c]));
  }

  // --- data -----------------------------------------------------------------------------------
  if (frames > 0) reader.require(dataStart, frames * frameBytes, "the data section");
  auto pointValues = trial.points.values();
  auto analogValues = trial.analog.values();
  const double scale = std::abs(trial.pointScale);
  for (std::size_t k = 0; k < frames; ++k) {
    const std::size_t frameOffset = dataStart + k * frameBytes;
    const auto row = static_cast<Eigen::Index>(k);
    for (std::size_t p = 0; p < pointCount; ++p) {
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
      pointValues(row, column) = x;
      pointValues(row, column + 1) = y;
      pointValues(row, column + 2) = z;
      const auto word = static_cast<std::uint32_t>(std::min(residualWord, 65535.0));
      trial.pointResiduals(row, static_cast<Eigen::Index>(p)) =
          static_cast<double>(word & 0xFFu) * scale;
    }
    std::size_t at = frameOffset + pointBytes;
    for (std::size_t s = 0; s < samplesPerFrame; ++s) {
      const auto analogRow = static_cast<Eigen::Index>(k * samplesPerFrame + s);
      for (std::size_t c = 0; c < analogChannels; ++c, at += valueBytes) {
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

  trial.points.setMetadata("DataRate", std::to_string(trial.pointRate));
  trial.points.setMetadata("FirstFrame", std::to_string(trial.firstFrame));
  trial.points.setMetadata("Units", trial.pointUnits);
  trial.analog.setMetadata("DataRate", std::to_string(trial.analogRate));

  trial.events = readEvents(reader, params, trial.pointRate, trial.firstFrame, trial.warnings);
  readForcePlatforms(trial, params, options);
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
