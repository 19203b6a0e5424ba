#include "kinchain/cohort/norms_manifest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "kinchain/common/error.hpp"
#include "kinchain/io/text_fields.hpp"

namespace kinchain::cohort {

namespace {

namespace text = io::text;

constexpr std::array<std::string_view, 5> kColumns{"participant", "trial", "static", "mass_kg",
                                                   "stratum"};

std::vector<std::string> splitCsvLine(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.emplace_back(text::trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

// The participant id names a folder under the work folder, so it must not climb out of it.
bool isPlainFolderName(const std::string& name) {
  return !name.empty() && name.front() != '.' && name.find_first_of("/\\") == std::string::npos &&
         name.find('\0') == std::string::npos;
}

}  // namespace

NormsManifest readNormsManifest(const std::filesystem::path& file) {
  const std::string source = file.string();
  const std::string content = text::readWholeFile(file);
  NormsManifest manifest;
  manifest.file = file;
  const std::filesystem::path base = file.parent_path();
  const auto resolve = [&](const std::string& path) {
    const std::filesystem::path given(path);
    return (given.is_absolute() ? given : base / given).lexically_normal();
  };

  std::map<std::string_view, std::size_t> column;  // name -> field index
  std::map<std::string, std::size_t> seen;         // "participant/name" -> line
  std::string_view rest = text::withoutByteOrderMark(content);
  std::size_t lineNumber = 0;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    ++lineNumber;
    if (text::isBlank(line)) continue;
    const std::string place = text::linePlace(lineNumber);
    if (line.find('"') != std::string_view::npos)
      throw InputError(source, place, "quoted fields are not supported; write plain fields");
    const std::vector<std::string> fields = splitCsvLine(line);

    if (column.empty()) {
      for (std::size_t index = 0; index < fields.size(); ++index) {
        const auto known = std::find(kColumns.begin(), kColumns.end(), fields[index]);
        if (known == kColumns.end()) {
          throw InputError(source, place,
                           fmt::format("unknown column {} (the header is participant,trial,"
                                       "static,mass_kg,stratum)",
                                       text::quoteField(fields[index])));
        }
        if (!column.emplace(*known, index).second)
          throw InputError(source, place, fmt::format("column {} is given twice", *known));
      }
      for (const auto name : kColumns) {
        if (column.count(name) == 0)
          throw InputError(source, place, fmt::format("the header has no column {}", name));
      }
      continue;
    }

    if (fields.size() != column.size()) {
      throw InputError(source, place,
                       fmt::format("{} fields, the header has {}", fields.size(), column.size()));
    }
    const auto field = [&](std::string_view name) -> const std::string& {
      return fields[column.at(name)];
    };
    ManifestTrial trial;
    trial.line = lineNumber;
    trial.participant = field("participant");
    trial.trialText = field("trial");
    trial.stratum = field("stratum");
    for (const auto name : {"participant", "trial", "stratum"}) {
      if (field(name).empty()) throw InputError(source, place, fmt::format("{} is blank", name));
    }
    if (!isPlainFolderName(trial.participant)) {
      throw InputError(source, place,
                       fmt::format("participant {} is not a plain name (it names a folder in the "
                                   "work folder: no '/', '\\' or leading '.')",
                                   text::quoteField(trial.participant)));
    }
    trial.trial = resolve(trial.trialText);
    if (!field("static").empty()) trial.staticTrial = resolve(field("static"));
    if (!field("mass_kg").empty()) {
      trial.massKg = text::parseDouble(field("mass_kg"));
      if (!trial.massKg) {
        throw InputError(source, place + " (mass_kg)",
                         fmt::format("{} is not a number", text::quoteField(field("mass_kg"))));
      }
    }
    const std::string key = trial.participant + "/" + trial.name();
    if (const auto [earlier, fresh] = seen.emplace(key, lineNumber); !fresh) {
      throw InputError(source, place,
                       fmt::format("participant {} trial {} is listed already on line {}",
                                   trial.participant, trial.name(), earlier->second));
    }
    if (std::find(manifest.strata.begin(), manifest.strata.end(), trial.stratum) ==
        manifest.strata.end()) {
      manifest.strata.push_back(trial.stratum);
    }
    manifest.trials.push_back(std::move(trial));
  }
  if (column.empty()) throw InputError(source, "line 1", "the manifest is empty (no header)");
  if (manifest.trials.empty()) throw InputError(source, "", "the manifest lists no trial");
  return manifest;
}

}  // namespace kinchain::cohort
