#pragma once
// Builds small C3D files in memory for tests and fuzz seeds, in any processor format, written
// independently of the reader from the C3D User Guide layout: 512-byte header block, parameter
// blocks, then frames of points (x, y, z, residual word) followed by the frame's analog samples.

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace kinchain::test {

enum class C3dFormat { Intel = 84, Dec = 85, Mips = 86 };

struct C3dTestParameter {
  std::string group;
  std::string name;
  int type = 4;  // -1 char, 1 byte, 2 int16, 4 float
  std::vector<int> dimensions;
  std::vector<double> numbers;
  std::vector<std::string> strings;  // char: padded to dimensions[0]
  bool locked = false;
};

class C3dTestBuilder {
 public:
  C3dFormat format = C3dFormat::Intel;
  int firstFrame = 1;
  double pointRate = 100.0;
  double pointScale = -1.0;  // < 0 float storage; > 0 integer storage with this scale
  int analogSamplesPerFrame = 1;
  std::string pointUnits = "mm";
  std::vector<std::string> pointLabels;
  /// points[frame][point] = x, y, z, residual word (stored values: already divided by the scale
  /// for integer files).
  std::vector<std::vector<std::array<double, 4>>> points;
  std::vector<std::string> analogLabels;
  std::vector<std::string> analogUnits;
  std::vector<double> analogScale;   // per channel
  std::vector<double> analogOffset;  // per channel
  double analogGeneralScale = 1.0;
  /// analog[sample][channel] = stored (raw) value; sample = frame * samplesPerFrame + s.
  std::vector<std::vector<double>> analog;
  std::vector<C3dTestParameter> extra;  // appended, or replacing one with the same group:name
  /// Header events: (time s, 4-char label).
  std::vector<std::pair<float, std::string>> headerEvents;

  void set(C3dTestParameter parameter) {
    for (auto& p : extra) {
      if (p.group == parameter.group && p.name == parameter.name) {
        p = std::move(parameter);
        return;
      }
    }
    extra.push_back(std::move(parameter));
  }
  static C3dTestParameter floats(std::string group, std::string name, std::vector<double> values,
                                 std::vector<int> dimensions = {}) {
    if (dimensions.empty() && values.size() != 1) dimensions = {static_cast<int>(values.size())};
    return {
        std::move(group), std::move(name), 4, std::move(dimensions), std::move(values), {}, false};
  }
  static C3dTestParameter ints(std::string group, std::string name, std::vector<double> values,
                               std::vector<int> dimensions = {}) {
    if (dimensions.empty() && values.size() != 1) dimensions = {static_cast<int>(values.size())};
    return {
        std::move(group), std::move(name), 2, std::move(dimensions), std::move(values), {}, false};
  }
  static C3dTestParameter texts(std::string group, std::string name,
                                std::vector<std::string> values, int width = 0) {
    for (const auto& v : values)
      width = std::max<int>(width, static_cast<int>(v.size()));
    if (width == 0) width = 1;
    return {std::move(group),
            std::move(name),
            -1,
            {width, static_cast<int>(values.size())},
            {},
            std::move(values),
            false};
  }

  std::vector<std::byte> build() const {
    const std::size_t frames =
        points.empty() ? analog.size() / std::max(1, analogSamplesPerFrame) : points.size();
    const std::size_t pointCount = pointLabels.size();
    const std::size_t channels = analogLabels.size();
    const bool isFloat = pointScale < 0;

    std::vector<C3dTestParameter> parameters;
    const auto put = [&](C3dTestParameter p) { parameters.push_back(std::move(p)); };
    put(ints("POINT", "USED", {static_cast<double>(pointCount)}));
    put(floats("POINT", "SCALE", {pointScale}));
    put(floats("POINT", "RATE", {pointRate}));
    put(ints("POINT", "FRAMES", {static_cast<double>(frames)}));
    put(texts("POINT", "UNITS", {pointUnits}));
    if (pointCount > 0) put(texts("POINT", "LABELS", pointLabels));
    put(ints("ANALOG", "USED", {static_cast<double>(channels)}));
    put(floats("ANALOG", "RATE", {pointRate * analogSamplesPerFrame}));
    put(floats("ANALOG", "GEN_SCALE", {analogGeneralScale}));
    if (channels > 0) {
      put(texts("ANALOG", "LABELS", analogLabels));
      put(texts("ANALOG", "UNITS",
                analogUnits.empty() ? std::vector<std::string>(channels, "V") : analogUnits));
      put(floats("ANALOG", "SCALE",
                 analogScale.empty() ? std::vector<double>(channels, 1.0) : analogScale));
      put(ints("ANALOG", "OFFSET",
               analogOffset.empty() ? std::vector<double>(channels, 0.0) : analogOffset));
    }
    for (const auto& p : extra) {
      bool replaced = false;
      for (auto& q : parameters) {
        if (q.group == p.group && q.name == p.name) {
          q = p;
          replaced = true;
        }
      }
      if (!replaced) parameters.push_back(p);
    }
    std::vector<std::string> groups;
    for (const auto& p : parameters) {
      if (std::find(groups.begin(), groups.end(), p.group) == groups.end())
        groups.push_back(p.group);
    }

    // Parameter section.
    std::vector<std::byte> section(4);
    section[1] = std::byte{0x50};
    section[3] = static_cast<std::byte>(static_cast<int>(format));
    std::vector<std::size_t> nextWords;
    const auto record = [&](int id, const std::string& name, bool locked,
                            const std::vector<std::byte>& payload) {
      const int length = static_cast<int>(name.size());
      section.push_back(
          static_cast<std::byte>(static_cast<std::int8_t>(locked ? -length : length)));
      section.push_back(static_cast<std::byte>(static_cast<std::int8_t>(id)));
      for (char c : name)
        section.push_back(static_cast<std::byte>(c));
      nextWords.push_back(section.size());
      appendInt16(section, static_cast<int>(payload.size()) + 2);
      section.insert(section.end(), payload.begin(), payload.end());
    };
    for (std::size_t g = 0; g < groups.size(); ++g) {
      std::vector<std::byte> payload;
      const std::string description = groups[g] + " group";
      payload.push_back(static_cast<std::byte>(description.size()));
      for (char c : description)
        payload.push_back(static_cast<std::byte>(c));
      record(-static_cast<int>(g + 1), groups[g], false, payload);
    }
    for (const auto& p : parameters) {
      const int id =
          static_cast<int>(std::find(groups.begin(), groups.end(), p.group) - groups.begin()) + 1;
      std::vector<std::byte> payload;
      payload.push_back(static_cast<std::byte>(static_cast<std::int8_t>(p.type)));
      payload.push_back(static_cast<std::byte>(p.dimensions.size()));
      for (int d : p.dimensions)
        payload.push_back(static_cast<std::byte>(d));
      if (p.type == -1) {
        const int width = p.dimensions.empty() ? 1 : p.dimensions[0];
        for (const auto& s : p.strings) {
          for (int i = 0; i < width; ++i) {
            payload.push_back(static_cast<std::byte>(
                i < static_cast<int>(s.size()) ? s[static_cast<std::size_t>(i)] : ' '));
          }
        }
      } else {
        for (double v : p.numbers) {
          if (p.type == 1) payload.push_back(static_cast<std::byte>(static_cast<std::int8_t>(v)));
          if (p.type == 2) appendInt16(payload, static_cast<int>(v));
          if (p.type == 4) appendFloat(payload, static_cast<float>(v));
        }
      }
      payload.push_back(std::byte{0});  // no description
      record(id, p.name, p.locked, payload);
    }
    // Last record: next offset 0.
    if (!nextWords.empty()) writeInt16(section, nextWords.back(), 0);
    section.push_back(std::byte{0});  // terminating zero name length
    section.push_back(std::byte{0});
    const std::size_t parameterBlocks = (section.size() + 511) / 512;
    section.resize(parameterBlocks * 512);
    section[2] = static_cast<std::byte>(parameterBlocks);

    // Header.
    std::vector<std::byte> header(512);
    header[0] = std::byte{2};
    header[1] = std::byte{0x50};
    writeInt16(header, 2, static_cast<int>(pointCount));
    writeInt16(header, 4, static_cast<int>(channels) * analogSamplesPerFrame);
    writeInt16(header, 6, firstFrame);
    writeInt16(header, 8, firstFrame + static_cast<int>(frames) - 1);
    writeFloat(header, 12, static_cast<float>(pointScale));
    writeInt16(header, 16, static_cast<int>(2 + parameterBlocks));
    writeInt16(header, 18, channels > 0 ? analogSamplesPerFrame : 0);
    writeFloat(header, 20, static_cast<float>(pointRate));
    if (!headerEvents.empty()) {
      writeInt16(header, 298, 12345);
      writeInt16(header, 300, static_cast<int>(headerEvents.size()));
      for (std::size_t i = 0; i < headerEvents.size(); ++i) {
        writeFloat(header, 304 + 4 * i, headerEvents[i].first);
        for (std::size_t c = 0; c < 4; ++c) {
          const auto& label = headerEvents[i].second;
          header[396 + 4 * i + c] = static_cast<std::byte>(c < label.size() ? label[c] : ' ');
        }
      }
    }

    // Data.
    std::vector<std::byte> data;
    for (std::size_t f = 0; f < frames; ++f) {
      for (std::size_t p = 0; p < pointCount; ++p) {
        for (double v : points[f][p]) {
          if (isFloat) {
            appendFloat(data, static_cast<float>(v));
          } else {
            appendInt16(data, static_cast<int>(std::lround(v)));
          }
        }
      }
      for (int s = 0; s < analogSamplesPerFrame && channels > 0; ++s) {
        for (std::size_t c = 0; c < channels; ++c) {
          const double v = analog[f * static_cast<std::size_t>(analogSamplesPerFrame) +
                                  static_cast<std::size_t>(s)][c];
          if (isFloat) {
            appendFloat(data, static_cast<float>(v));
          } else {
            appendInt16(data, static_cast<int>(std::lround(v)));  // two's complement bits
          }
        }
      }
    }
    data.resize((data.size() + 511) / 512 * 512);

    std::vector<std::byte> file(header.size() + section.size() + data.size());
    std::copy(header.begin(), header.end(), file.begin());
    std::copy(section.begin(), section.end(),
              file.begin() + static_cast<std::ptrdiff_t>(header.size()));
    std::copy(data.begin(), data.end(),
              file.begin() + static_cast<std::ptrdiff_t>(header.size() + section.size()));
    return file;
  }

 private:
  void appendInt16(std::vector<std::byte>& out, int value) const {
    out.resize(out.size() + 2);
    writeInt16(out, out.size() - 2, value);
  }
  void writeInt16(std::vector<std::byte>& out, std::size_t at, int value) const {
    const auto bits = static_cast<std::uint16_t>(value);
    const auto lo = static_cast<std::byte>(bits & 0xFF);
    const auto hi = static_cast<std::byte>(bits >> 8);
    if (format == C3dFormat::Mips) {
      out[at] = hi;
      out[at + 1] = lo;
    } else {
      out[at] = lo;
      out[at + 1] = hi;
    }
  }
  void appendFloat(std::vector<std::byte>& out, float value) const {
    out.resize(out.size() + 4);
    writeFloat(out, out.size() - 4, value);
  }
  void writeFloat(std::vector<std::byte>& out, std::size_t at, float value) const {
    // DEC F-float: IEEE bits of 4·value with the two 16-bit words swapped.
    const std::uint32_t bits =
        std::bit_cast<std::uint32_t>(format == C3dFormat::Dec ? value * 4.0f : value);
    std::array<std::byte, 4> le{
        static_cast<std::byte>(bits & 0xFF), static_cast<std::byte>((bits >> 8) & 0xFF),
        static_cast<std::byte>((bits >> 16) & 0xFF), static_cast<std::byte>(bits >> 24)};
    std::array<std::byte, 4> stored = le;
    if (format == C3dFormat::Mips) stored = {le[3], le[2], le[1], le[0]};
    if (format == C3dFormat::Dec) stored = {le[2], le[3], le[0], le[1]};
    for (std::size_t i = 0; i < 4; ++i)
      out[at + i] = stored[i];
  }
};

}  // namespace kinchain::test
