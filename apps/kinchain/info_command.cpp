// `kinchain info FILE`: what a motion file holds. C3D: processor format, rates, frame range,
// markers, analog channels, force platforms, events, warnings.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <string>

#include "command_registry.hpp"
#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/trc_file.hpp"

namespace kinchain::cli {
namespace {

std::string lowerExtension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

std::string joinLabels(const std::vector<std::string>& labels) {
  std::string text;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) text += (i % 10 == 0) ? ",\n    " : ", ";
    text += labels[i];
  }
  return text;
}

void printC3d(const std::filesystem::path& path, std::ostream& out) {
  const io::C3dTrial trial = io::readC3d(path);
  out << fmt::format("{}: C3D, {} processor format, {} bytes\n", path.string(),
                     io::c3d::processorName(trial.processor), trial.fileSize);
  out << fmt::format(
      "points: {} at {:g} Hz, frames {}-{} ({} frames, {:.4f} s), units {}, {} storage\n",
      trial.points.columnCount(), trial.pointRate, trial.firstFrame, trial.lastFrame(),
      trial.frameCount,
      trial.frameCount > 0 ? static_cast<double>(trial.frameCount - 1) / trial.pointRate : 0.0,
      trial.pointUnits,
      trial.floatStorage ? "float" : fmt::format("integer (scale {:g})", trial.pointScale));
  if (trial.points.columnCount() > 0) out << "  " << joinLabels(trial.points.labels()) << '\n';
  out << fmt::format("analog: {} channels at {:g} Hz ({} samples per frame)\n",
                     trial.analog.columnCount(), trial.analogRate, trial.analogSamplesPerFrame);
  if (trial.analog.columnCount() > 0) {
    std::vector<std::string> described;
    for (const auto& column : trial.analog.columns()) {
      described.push_back(column.unit.empty() ? column.label
                                              : column.label + " [" + column.unit + "]");
    }
    out << "  " << joinLabels(described) << '\n';
  }
  out << fmt::format("force platforms: {}\n", trial.forcePlatforms.size());
  for (std::size_t p = 0; p < trial.forcePlatforms.size(); ++p) {
    const auto& plate = trial.forcePlatforms[p];
    const double width = (plate.corners[0] - plate.corners[1]).norm() * 1000.0;
    const double length = (plate.corners[0] - plate.corners[3]).norm() * 1000.0;
    std::string channels;
    for (int c : plate.channels) {
      channels +=
          (channels.empty() ? "" : ", ") + trial.analog.column(static_cast<std::size_t>(c)).label;
    }
    double peak = 0.0;
    const auto& wrench = trial.forcePlatformWrenches[p];
    if (wrench.force.rows() > 0) peak = wrench.force.rowwise().norm().maxCoeff();
    out << fmt::format(
        "  {}: type {}, {:.1f} x {:.1f} mm, centre ({:.1f}, {:.1f}, {:.1f}) mm, origin offset "
        "({:.2f}, {:.2f}, {:.2f}) mm, channels {}, peak |F| {:.1f} N\n",
        p + 1, plate.type, width, length, plate.surfaceCentre.x() * 1000.0,
        plate.surfaceCentre.y() * 1000.0, plate.surfaceCentre.z() * 1000.0,
        plate.originOffset.x() * 1000.0, plate.originOffset.y() * 1000.0,
        plate.originOffset.z() * 1000.0, channels, peak);
  }
  out << fmt::format("events: {}\n", trial.events.size());
  for (const auto& event : trial.events) {
    out << fmt::format("  {:.4f} s (frame {:.1f}) {} {}{}\n", event.time, event.frame,
                       event.context, event.label,
                       event.subject.empty() ? "" : " [" + event.subject + "]");
  }
  out << fmt::format("warnings: {}\n", trial.warnings.size());
  for (const auto& warning : trial.warnings)
    out << "  " << warning << '\n';
}

// TRC / STO / MOT: rate (metadata DataRate, else from the time stamps), rows, time range,
// columns with their units.
void printTable(const std::filesystem::path& path, const io::TimeSeriesTable& table,
                const std::string& kind, std::ostream& out) {
  out << fmt::format("{}: {}, {} rows, {} columns\n", path.string(), kind, table.rowCount(),
                     table.columnCount());
  const auto& time = table.time();
  if (!time.empty()) {
    out << fmt::format("time: {:g} to {:g} s\n", time.front(), time.back());
  }
  if (const auto rate = table.metadataValue("DataRate")) {
    out << "rate: " << *rate << " Hz (DataRate)\n";
  } else if (time.size() >= 2 && time.back() > time.front()) {
    out << fmt::format("rate: {:g} Hz (from the time stamps)\n",
                       static_cast<double>(time.size() - 1) / (time.back() - time.front()));
  }
  if (const auto units = table.metadataValue("Units")) out << "units: " << *units << '\n';
  std::vector<std::string> labels;
  for (const auto& column : table.columns()) {
    labels.push_back(column.unit.empty() || kind == "TRC"
                         ? column.label
                         : column.label + " [" + column.unit + "]");
  }
  out << (kind == "TRC" ? "markers:\n" : "columns:\n") << "  " << joinLabels(labels) << '\n';
}

const CommandRegistration registration{
    "info", [](CLI::App& parent) {
      auto* command = parent.add_subcommand(
          "info",
          "Print what a motion file (.c3d, .trc, .sto, .mot) holds: rates, frames, markers, "
          "analog channels, force plates, events");
      auto file = std::make_shared<std::string>();
      command->add_option("FILE", *file, "C3D, TRC, STO or MOT file")
          ->required()
          ->check(CLI::ExistingFile);
      command->callback([file] {
        const std::filesystem::path path(*file);
        const std::string extension = lowerExtension(path);
        if (extension == ".c3d") {
          printC3d(path, std::cout);
        } else if (extension == ".trc") {
          printTable(path, io::readTrc(path), "TRC", std::cout);
        } else if (extension == ".sto" || extension == ".mot") {
          printTable(path, io::readSto(path), extension == ".sto" ? "STO" : "MOT", std::cout);
        } else {
          throw std::runtime_error("kinchain info: unsupported file type '" + extension +
                                   "' (expected .c3d, .trc, .sto or .mot)");
        }
      });
    }};

}  // namespace
}  // namespace kinchain::cli
