// `kinchain convert IN.c3d --markers OUT.trc --forces OUT.mot [--units m] [--forces-at origin]`:
// C3D markers to TRC and force platforms to an OpenSim ExternalLoads-ready .mot.

#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include "command_registry.hpp"
#include "kinchain/common/output_files.hpp"
#include "kinchain/common/output_transaction.hpp"
#include "kinchain/io/c3d_export.hpp"
#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/trc_file.hpp"

namespace kinchain::cli {
namespace {

struct ConvertOptions {
  std::string input;
  std::string markers;
  std::string forces;
  std::string units = "file";
  std::string forcesAt = "cop";
  double threshold = io::kDefaultCopForceThreshold;
};

void runConvert(const ConvertOptions& options) {
  if (options.markers.empty() && options.forces.empty()) {
    throw std::invalid_argument(
        "kinchain convert: nothing to write; give --markers and/or --forces");
  }
  io::C3dReadOptions readOptions;
  readOptions.forcePlatforms.copForceThreshold = options.threshold;
  const io::C3dTrial trial = io::readC3d(options.input, readOptions);
  OutputTransaction output;
  for (const auto& warning : trial.warnings)
    std::cerr << "kinchain: warning: " << options.input << ": " << warning << '\n';

  if (!options.markers.empty()) {
    const auto units = options.units == "m" ? io::MarkerUnits::Metres : io::MarkerUnits::AsStored;
    const io::TimeSeriesTable markers = io::markerTable(trial, units);
    io::writeTrc(markers, output.stage(options.markers));
    std::cout << "wrote " << markers.columnCount() << " markers x " << markers.rowCount()
              << " frames to " << options.markers << '\n';
  }
  if (!options.forces.empty()) {
    if (trial.forcePlatforms.empty()) {
      throw std::invalid_argument("kinchain convert: " + options.input +
                                  " has no force platforms (FORCE_PLATFORM:USED is 0 or absent); "
                                  "drop --forces");
    }
    const auto location = options.forcesAt == "origin" ? io::ForceLocation::PlateOrigin
                                                       : io::ForceLocation::CentreOfPressure;
    const io::TimeSeriesTable forces = io::forceTable(trial, location);
    io::writeSto(forces, output.stage(options.forces));
    std::cout << "wrote " << trial.forcePlatforms.size() << " force plates x " << forces.rowCount()
              << " samples to " << options.forces << '\n';
  }
  output.commit();
}

const CommandRegistration registration{
    "convert", [](CLI::App& parent) {
      auto* command = parent.add_subcommand(
          "convert",
          "Convert a C3D file: markers to TRC, force platforms to an OpenSim .mot.\n"
          "Force file columns per plate n = 1, 2, ...: plate{n}_force_vx|vy|vz (N), "
          "plate{n}_force_px|py|pz (centre of pressure, m), plate{n}_torque_x|y|z (free moment "
          "about "
          "the COP, N*m), laboratory frame, at the analog rate; in an ExternalLoads file name "
          "plate1_force_v, plate1_force_p and plate1_torque_. Where the vertical force is below "
          "the "
          "threshold (no foot on the plate) force and torque are 0 and the point is the plate "
          "centre.");
      auto options = std::make_shared<ConvertOptions>();
      command->add_option("INPUT", options->input, "C3D file")
          ->required()
          ->check(CLI::ExistingFile);
      command->add_option("--markers", options->markers, "write the markers to this .trc file");
      command->add_option("--forces", options->forces,
                          "write the force platforms to this .mot file");
      command
          ->add_option("--units", options->units,
                       "marker units: 'file' (POINT:UNITS, default) or 'm'")
          ->check(CLI::IsMember({"file", "m"}));
      command
          ->add_option(
              "--forces-at", options->forcesAt,
              "'cop' (default): point = centre of pressure, torque = free moment; 'origin': "
              "point = plate origin, torque = moment about it")
          ->check(CLI::IsMember({"cop", "origin"}));
      command
          ->add_option("--threshold", options->threshold,
                       "vertical force (N) below which the COP is undefined (default 10 N, BTK's "
                       "contact threshold)")
          ->check(CLI::NonNegativeNumber);
      command->callback([options] { runConvert(*options); });
    }};

}  // namespace
}  // namespace kinchain::cli
