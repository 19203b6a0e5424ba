#include "command_registry.hpp"

#include <map>
#include <utility>

namespace kinchain::cli {

namespace {
// Function-local static: registrations run during static initialisation of other files.
std::map<std::string, CommandSetup>& registry() {
  static std::map<std::string, CommandSetup> commands;
  return commands;
}
}  // namespace

CommandRegistration::CommandRegistration(std::string name, CommandSetup setup) {
  registry().emplace(std::move(name), std::move(setup));
}

void addRegisteredCommands(CLI::App& app) {
  for (auto& [name, setup] : registry())
    setup(app);
}

}  // namespace kinchain::cli
