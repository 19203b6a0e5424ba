#pragma once
// The `kinchain model ...` command group. Each model subcommand (info, lengths, ...) lives in
// its own file and registers itself; they share one `model` parent through modelCommand().

#include <CLI/CLI.hpp>

namespace kinchain::cli {

/// The `model` subcommand of `root`, created on first use (needs a subcommand of its own).
inline CLI::App& modelCommand(CLI::App& root) {
  const auto existing =
      root.get_subcommands([](CLI::App* app) { return app->get_name() == "model"; });
  if (!existing.empty()) return *existing.front();
  CLI::App* model =
      root.add_subcommand("model", "Inspect and evaluate OpenSim musculoskeletal models (.osim)");
  model->require_subcommand(1);
  return *model;
}

}  // namespace kinchain::cli
