// `kinchain norms build MANIFEST.csv -o NORMS.json [--threads N] [--work DIR]`: a healthy
// reference (format kinchain.norms/1, docs/norms.md) built by analysing every trial of the
// manifest (src/kinchain/cohort/). One progress line per finished trial on stderr; trials that
// failed are named with the reason and left out. The reference is staged and lands only when
// complete (common/output_transaction.hpp).

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "command_registry.hpp"
#include "kinchain/cohort/norms_build.hpp"
#include "kinchain/common/output_transaction.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/reference/reference_norms_json.hpp"

namespace {

namespace fs = std::filesystem;
using kinchain::cohort::NormsBuildOptions;
using kinchain::cohort::TrialReport;
using kinchain::cohort::TrialStatus;

struct NormsBuildArguments {
  std::string manifest;
  std::string output;
  std::string work;
  std::string model;
  std::string dataset;
  std::string citation;
  std::string licence;
  int threads = 0;
  bool quiet = false;
};

// The `norms` subcommand of `root`, created on first use (as model_command_group.hpp does).
CLI::App& normsCommand(CLI::App& root) {
  const auto existing =
      root.get_subcommands([](CLI::App* app) { return app->get_name() == "norms"; });
  if (!existing.empty()) return *existing.front();
  CLI::App* norms = root.add_subcommand("norms", "Healthy reference bands built by Kinchain");
  norms->require_subcommand(1);
  return *norms;
}

// A word as a POSIX shell reads it back: bare when it is plain, else in single quotes.
std::string shellWord(const std::string& word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789_-./:=+,@%") == std::string::npos;
  if (plain) return word;
  std::string quoted = "'";
  for (const char c : word)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The command line that rebuilds the same reference. --threads and --work change neither the
// content nor the bytes of the reference, so they are not part of it.
std::string rebuildCommand(const NormsBuildArguments& arguments) {
  std::string command = "kinchain norms build " + shellWord(arguments.manifest) + " -o " +
                        shellWord(arguments.output);
  const auto option = [&](const char* name, const std::string& value) {
    if (!value.empty()) command += fmt::format(" {} {}", name, shellWord(value));
  };
  option("--model", arguments.model);
  option("--dataset", arguments.dataset);
  option("--citation", arguments.citation);
  option("--licence", arguments.licence);
  return command;
}

void printProgress(const TrialReport& report, std::size_t finished, std::size_t total) {
  const std::string what = report.status == TrialStatus::Failed
                               ? "failed: " + report.reason
                               : kinchain::cohort::trialStatusName(report.status);
  std::cerr << fmt::format("[{:>{}}/{}] {} {} ({}) {} ({:.2f} s)\n", finished,
                           std::to_string(total).size(), total, report.participant, report.trial,
                           report.stratum, what, report.seconds);
}

void runNormsBuild(const NormsBuildArguments& arguments) {
  const fs::path output = arguments.output;
  NormsBuildOptions options;
  options.manifest = arguments.manifest;
  options.workDirectory = arguments.work.empty()
                              ? output.parent_path() / (output.stem().string() + ".work")
                              : fs::path(arguments.work);
  if (!arguments.model.empty()) options.model = fs::path(arguments.model);
  options.threads = arguments.threads;
  options.dataset = arguments.dataset;
  options.citation = arguments.citation;
  options.licence = arguments.licence;
  options.manifestText = arguments.manifest;
  options.command = rebuildCommand(arguments);
  if (!arguments.quiet) options.progress = printProgress;

  // Staged first: the output folder is locked (and checked writable) before any trial runs.
  kinchain::OutputTransaction transaction;
  const fs::path staged = transaction.stage(output);
  const kinchain::cohort::NormsBuild build = kinchain::cohort::buildNorms(options);
  kinchain::io::text::writeWholeFile(staged, kinchain::reference::referenceNormsText(build.norms));
  transaction.commit();

  for (const auto& trial : build.trials) {
    if (trial.status != TrialStatus::Failed) continue;
    std::cerr << fmt::format("kinchain: warning: left out {} {} ({}): {}\n", trial.participant,
                             trial.trial, trial.stratum, trial.reason);
  }
  const auto& provenance = build.norms.provenance;
  fmt::print("Reference of {} trials ({} participants, {} strides", provenance.trials,
             provenance.participants, provenance.strides);
  if (provenance.speedRange) {
    fmt::print(", {:.2f}–{:.2f} m/s", provenance.speedRange->first, provenance.speedRange->second);
  }
  fmt::print("): {} curves, {} metrics\n", build.norms.curves.size(), build.norms.metrics.size());
  for (const auto& stratum : build.norms.strata)
    fmt::print("  {}: {} strides\n", stratum.name, stratum.strides);
  fmt::print("Trials: {} analysed, {} reused from {}, {} left out\n", build.analysed, build.reused,
             options.workDirectory.string(), build.failed);
  fmt::print("Wrote {}\n", output.string());
}

const kinchain::cli::CommandRegistration registration{
    "norms", [](CLI::App& parent) {
      auto arguments = std::make_shared<NormsBuildArguments>();
      auto* command = normsCommand(parent).add_subcommand(
          "build",
          "Build a reference (kinchain.norms/1) from healthy trials: each trial of the manifest "
          "is analysed, then cycles and per-cycle metrics are pooled into per-stratum bands and "
          "lines on walking speed");
      command->footer(
          "MANIFEST.csv has the header participant,trial,static,mass_kg,stratum; paths are "
          "relative to the manifest; static and mass_kg may be blank. Each trial is analysed "
          "into WORK/<participant>/<trial>/; a trial whose results there come from the same "
          "inputs (file bytes, mass, kinchain version) is reused, so an interrupted build "
          "resumes. A trial that fails is named with the reason and left out (listed in the "
          "reference's provenance); the build fails only when a stratum keeps no trial. Same "
          "inputs give a byte-identical file (docs/norms.md).");
      command->add_option("MANIFEST", arguments->manifest, "trials (CSV)")
          ->required()
          ->check(CLI::ExistingFile);
      command->add_option("-o,--output", arguments->output, "reference file to write (.json)")
          ->required();
      command
          ->add_option("--threads", arguments->threads, "trials analysed at once (0: every core)")
          ->check(CLI::NonNegativeNumber);
      command->add_option("--work", arguments->work,
                          "folder for the per-trial analyses (default: NORMS.work beside the "
                          "output)");
      command
          ->add_option("--model", arguments->model,
                       "OpenSim model (.osim); default: the bundled gait2392 model")
          ->check(CLI::ExistingFile);
      command->add_option("--dataset", arguments->dataset,
                          "what the trials are, for the provenance");
      command->add_option("--citation", arguments->citation,
                          "the data's citation, for the provenance (licences such as CC BY "
                          "require it wherever the reference is shown or shipped)");
      command->add_option("--licence", arguments->licence, "the data's licence");
      command->add_flag("--quiet", arguments->quiet, "no progress lines");
      command->callback([arguments] { runNormsBuild(*arguments); });
    }};

}  // namespace
