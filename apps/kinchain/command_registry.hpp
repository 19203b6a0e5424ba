#pragma once
// Each `kinchain` subcommand lives in its own apps/kinchain/<name>_command.cpp and registers
// itself with a static CommandRegistration, so adding a command touches no other file.
//
//   static const CommandRegistration registration{"info", [](CLI::App& parent) {
//     auto* command = parent.add_subcommand("info", "Print what a motion file holds");
//     ...
//     command->callback([=] { ... });   // throw on failure; main() reports it
//   }};

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace kinchain::cli {

using CommandSetup = std::function<void(CLI::App& parent)>;

struct CommandRegistration {
  CommandRegistration(std::string name, CommandSetup setup);
};

/// Adds every registered subcommand to `app`, in name order.
void addRegisteredCommands(CLI::App& app);

}  // namespace kinchain::cli
