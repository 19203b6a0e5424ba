#include "kinchain/io/c3d_parameters.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <string>

namespace kinchain::io::c3d {

namespace {

constexpr std::size_t kBlockSize = 512;
constexpr int kParameterKey = 0x50;  // second byte of the parameter section (C3D User Guide)
constexpr int kMaxDimensions = 7;

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

std::string trimRight(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\0'))
    text.pop_back();
  return text;
}

std::string upper(std::string text) {
  for (auto& c : text)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

bool validType(int type) {
  return type == -1 || type == 1 || type == 2 || type == 4;
}

}  // namespace

std::size_t Parameter::elementCount() const {
  std::size_t count = 1;
  for (int d : dimensions)
    count *= static_cast<std::size_t>(d);
  return count;
}

std::optional<double> Parameter::unsignedCount(std::size_t index) const {
  if (index >= numbers.size()) return std::nullopt;
  double value = numbers[index];
  if (type == ParameterType::Int16 && value < 0) value += 65536.0;
  if (type == ParameterType::Byte && value < 0) value += 256.0;
  return value;
}

const Parameter* ParameterSet::find(std::string_view group, std::string_view name) const {
  for (const auto& parameter : parameters_) {
    if (equalsIgnoreCase(parameter.group, group) && equalsIgnoreCase(parameter.name, name)) {
      return &parameter;
    }
  }
  return nullptr;
}

const Parameter* ParameterSet::find(std::string_view groupColonName) const {
  const auto colon = groupColonName.find(':');
  if (colon == std::string_view::npos) return nullptr;
  return find(groupColonName.substr(0, colon), groupColonName.substr(colon + 1));
}

std::vector<const Parameter*> ParameterSet::inGroup(std::string_view group) const {
  std::vector<const Parameter*> result;
  for (const auto& parameter : parameters_) {
    if (equalsIgnoreCase(parameter.group, group)) result.push_back(&parameter);
  }
  return result;
}

Group* ParameterSet::findGroup(int id) {
  for (auto& group : groups_) {
    if (group.id == id) return &group;
  }
  return nullptr;
}

namespace {

// One parameter record's payload, starting after its next-record offset word.
Parameter readParameterPayload(const ByteReader& reader, std::size_t offset, std::size_t end,
                               Parameter parameter) {
  const auto fail = [&](std::size_t at, const std::string& reason) {
    reader.fail(at, "(parameter " + parameter.fullName() + ") " + reason);
  };
  const auto need = [&](std::size_t at, std::size_t count, const char* what) {
    if (at > end || count > end - at) {
      fail(at, std::string(what) + " runs past the end of the parameter section (byte " +
                   std::to_string(end) + ")");
    }
  };
  need(offset, 2, "the type and dimension count");
  const int type = reader.i8(offset);
  const int dimensionCount = reader.u8(offset + 1);
  if (!validType(type)) {
    fail(offset, "unknown parameter type " + std::to_string(type) +
                     " (expected -1 char, 1 byte, 2 int16 or 4 float)");
  }
  if (dimensionCount > kMaxDimensions) {
    fail(offset + 1, "has " + std::to_string(dimensionCount) + " dimensions (at most 7)");
  }
  parameter.type = static_cast<ParameterType>(type);
  need(offset + 2, static_cast<std::size_t>(dimensionCount), "the dimensions");
  std::size_t count = 1;
  for (int i = 0; i < dimensionCount; ++i) {
    const int dimension = reader.u8(offset + 2 + static_cast<std::size_t>(i));
    parameter.dimensions.push_back(dimension);
    count *= static_cast<std::size_t>(dimension);  // at most 255^7 < 2^56: no overflow
  }
  const std::size_t elementSize = static_cast<std::size_t>(std::abs(type));
  const std::size_t dataOffset = offset + 2 + static_cast<std::size_t>(dimensionCount);
  if (count > (end - std::min(end, dataOffset)) / elementSize) {
    fail(dataOffset, std::to_string(count) + " values of " + std::to_string(elementSize) +
                         " bytes do not fit in the parameter section");
  }
  const std::size_t dataBytes = count * elementSize;

  if (parameter.type == ParameterType::Char) {
    // First dimension = string length, the others = number of strings.
    const std::size_t length =
        dimensionCount == 0 ? 1 : static_cast<std::size_t>(parameter.dimensions[0]);
    const std::size_t strings = length == 0 ? 0 : count / length;
    parameter.strings.reserve(strings);
    for (std::size_t i = 0; i < strings; ++i) {
      parameter.strings.push_back(trimRight(reader.text(dataOffset + i * length, length)));
    }
  } else {
    parameter.numbers.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t at = dataOffset + i * elementSize;
      switch (parameter.type) {
        case ParameterType::Byte:
          parameter.numbers[i] = reader.i8(at);
          break;
        case ParameterType::Int16:
          parameter.numbers[i] = reader.i16(at);
          break;
        default:
          parameter.numbers[i] = reader.f32(at);
          break;
      }
    }
  }
  const std::size_t descriptionOffset = dataOffset + dataBytes;
  need(descriptionOffset, 1, "the description length");
  const std::size_t descriptionLength = reader.u8(descriptionOffset);
  need(descriptionOffset + 1, descriptionLength, "the description");
  parameter.description = trimRight(reader.text(descriptionOffset + 1, descriptionLength));
  return parameter;
}

}  // namespace

ParameterSection readParameterSection(ByteReader& reader, std::size_t start,
                                      std::vector<std::string>& warnings) {
  ParameterSection section;
  reader.require(start, 4, "the parameter section header");
  if (reader.u8(start + 1) != kParameterKey) {
    reader.fail(start + 1, "parameter section key is " + std::to_string(reader.u8(start + 1)) +
                               ", expected 80 (0x50): wrong parameter block pointer?");
  }
  section.blockCount = reader.u8(start + 2);
  const int processor = reader.u8(start + 3);
  switch (processor) {
    case 84:
      section.format = ProcessorFormat::Intel;
      break;
    case 85:
      section.format = ProcessorFormat::Dec;
      break;
    case 86:
      section.format = ProcessorFormat::Mips;
      break;
    default:
      reader.fail(start + 3, "unknown processor type " + std::to_string(processor) +
                                 " (expected 84 Intel, 85 DEC or 86 MIPS)");
  }
  reader.setFormat(section.format);

  std::size_t end = reader.size();
  if (section.blockCount > 0 && reader.contains(start, section.blockCount * kBlockSize)) {
    end = start + section.blockCount * kBlockSize;
  } else {
    warnings.push_back("parameter section declares " + std::to_string(section.blockCount) +
                       " blocks, which do not fit the file; reading up to the end of the file");
  }

  ParameterSet& set = section.parameters;
  std::vector<int> groupIds;  // per parameter: its group id if undeclared when read, else 0
  std::size_t position = start + 4;
  while (position + 2 <= end) {
    const int signedNameLength = reader.i8(position);
    const int id = reader.i8(position + 1);
    if (signedNameLength == 0 || id == 0) break;  // end of the records
    const std::size_t nameLength = static_cast<std::size_t>(std::abs(signedNameLength));
    const std::size_t nameOffset = position + 2;
    if (nameOffset + nameLength + 2 > end) {
      reader.fail(position, "parameter record name runs past the end of the parameter section");
    }
    const std::string name = upper(trimRight(reader.text(nameOffset, nameLength)));
    const std::size_t nextWordOffset = nameOffset + nameLength;
    const int next = reader.i16(nextWordOffset);
    const std::size_t payload = nextWordOffset + 2;

    if (id < 0) {
      Group group;
      group.id = -id;
      group.name = name;
      group.locked = signedNameLength < 0;
      if (payload < end) {
        const std::size_t descriptionLength = reader.u8(payload);
        if (payload + 1 + descriptionLength <= end) {
          group.description = trimRight(reader.text(payload + 1, descriptionLength));
        }
      }
      if (set.findGroup(group.id) != nullptr) {
        warnings.push_back("group id " + std::to_string(group.id) + " (" + name +
                           ") declared twice; the first declaration is kept");
      } else {
        set.addGroup(std::move(group));
      }
    } else {
      Parameter parameter;
      const Group* group = set.findGroup(id);
      parameter.group = group != nullptr ? group->name : "GROUP" + std::to_string(id);
      parameter.name = name;
      parameter.locked = signedNameLength < 0;
      parameter.byteOffset = position;
      set.addParameter(readParameterPayload(reader, payload, end, std::move(parameter)));
      // A group declared after its parameters is resolved below, once every group is known.
      groupIds.push_back(group == nullptr ? id : 0);
    }

    if (next == 0) break;  // last record
    if (next < 2) {
      reader.fail(nextWordOffset, "parameter record '" + name + "' points to the next record " +
                                      std::to_string(next) +
                                      " bytes away (backwards or onto itself: offsets loop)");
    }
    position = nextWordOffset + static_cast<std::size_t>(next);
    if (position > end) {
      reader.fail(nextWordOffset,
                  "parameter record '" + name + "' points past the end of the parameter section");
    }
  }

  // Parameters listed before their group: resolve names now that every group is known.
  ParameterSet resolved;
  std::vector<std::string> duplicated;
  for (const auto& group : set.groups())
    resolved.addGroup(group);
  for (std::size_t i = 0; i < set.parameters().size(); ++i) {
    Parameter parameter = set.parameters()[i];
    if (const int id = groupIds[i]; id != 0) {
      const Group* group = resolved.findGroup(id);
      if (group != nullptr) {
        parameter.group = group->name;
      } else {
        parameter.group = "GROUP" + std::to_string(id);
        warnings.push_back("parameter " + parameter.name + " belongs to undeclared group id " +
                           std::to_string(id));
      }
    }
    if (resolved.find(parameter.group, parameter.name) != nullptr) {
      const std::string name = parameter.fullName();
      if (std::find(duplicated.begin(), duplicated.end(), name) == duplicated.end()) {
        duplicated.push_back(name);
      }
    }
    resolved.addParameter(std::move(parameter));
  }
  if (!duplicated.empty()) {
    std::string list;
    for (const auto& name : duplicated)
      list += (list.empty() ? "" : ", ") + name;
    warnings.push_back(
        std::to_string(duplicated.size()) +
        " parameters are stored more than once; lookups use the first copy: " + list);
  }
  section.parameters = std::move(resolved);
  return section;
}

}  // namespace kinchain::io::c3d
