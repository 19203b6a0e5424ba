// The `kinchain` command line. Subcommands register themselves (command_registry.hpp); this
// file only parses, dispatches and turns exceptions into a message on stderr and exit code 1.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

#include "command_registry.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Kinchain: lower-limb kinetic-chain analysis from recorded movement"};
  app.set_version_flag("--version", std::string("kinchain ") + KINCHAIN_VERSION);
  app.require_subcommand(1);
  kinchain::cli::addRegisteredCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const std::exception& error) {
    std::cerr << "kinchain: error: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
