// The `kinchain` command line. Subcommands register themselves (command_registry.hpp); this
// file only parses, dispatches and turns exceptions into a message on stderr and the exit
// status of exit_status.hpp.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

#include "command_registry.hpp"
#include "exit_status.hpp"
#include "kinchain/common/output_transaction.hpp"

int main(int argc, char** argv) {
  using namespace kinchain::cli;
  CLI::App app{"Kinchain: lower-limb kinetic-chain analysis from recorded movement"};
  app.set_version_flag("--version", std::string("kinchain ") + KINCHAIN_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 done; 1 an input or output could not be used (nothing written, earlier "
      "outputs intact); 2 partial results (a stage failed, stderr says which); 3 the output "
      "folder is busy with another run; 64 command-line error.");
  addRegisteredCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version are "errors" with status 0 in CLI11.
    return app.exit(error) == 0 ? kExitSuccess : kExitUsage;
  } catch (const PartialResults& error) {
    std::cerr << "kinchain: partial results: " << error.what() << '\n';
    return kExitPartial;
  } catch (const kinchain::OutputBusyError& error) {
    std::cerr << "kinchain: error: " << error.what() << '\n';
    return kExitOutputBusy;
  } catch (const std::exception& error) {
    std::cerr << "kinchain: error: " << error.what() << '\n';
    return kExitFailure;
  }
  return kExitSuccess;
}
