#include "kinchain/cohort/norms_build.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "kinchain/analysis/analysis_pipeline.hpp"
#include "kinchain/cohort/norms_aggregation.hpp"
#include "kinchain/cohort/trial_input_stamp.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/common/output_transaction.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/model/default_model.hpp"

namespace kinchain::cohort {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kResultsFileName = "results.json";

// The results of an earlier build of this trial, when they were computed from the same inputs.
std::optional<json> reusableResults(const fs::path& folder, const json& stamp) {
  const fs::path results = folder / kResultsFileName;
  const fs::path stampFile = folder / kTrialStampFileName;
  if (!fs::exists(results) || !fs::exists(stampFile)) return std::nullopt;
  try {
    if (json::parse(io::text::readWholeFile(stampFile)) != stamp) return std::nullopt;
    return json::parse(io::text::readWholeFile(results));
  } catch (const std::exception&) {
    return std::nullopt;  // unreadable or damaged: analyse again
  }
}

// Analyses the trial into its work folder: the analysis and the stamp are staged together and
// land only when both are complete (common/output_transaction.hpp).
json analyseTrial(const ManifestTrial& trial, const NormsBuildOptions& options,
                  const fs::path& folder, const json& stamp) {
  OutputTransaction output;
  output.ownFolder(folder);
  analysis::AnalysisRequest request;
  request.trial = trial.trial;
  request.staticTrial = trial.staticTrial;
  request.model = options.model;
  request.massKg = trial.massKg;
  request.outputDirectory = output.stagingFolder(folder);
  // Trials are the unit of parallelism: one thread each keeps the cores busy without
  // oversubscribing them.
  request.threads = 1;
  analysis::AnalysisOutcome outcome = analysis::runAnalysis(request);
  io::text::writeWholeFile(output.stage(folder / kTrialStampFileName), stamp.dump(1) + "\n");
  output.commit();
  return std::move(outcome.results);
}

struct TrialRun {
  TrialReport report;
  std::optional<StratifiedTrial> included;
};

TrialRun runTrial(const ManifestTrial& trial, const NormsBuildOptions& options,
                  const fs::path& model) {
  const auto start = std::chrono::steady_clock::now();
  TrialRun run;
  run.report.participant = trial.participant;
  run.report.trial = trial.name();
  run.report.stratum = trial.stratum;
  run.report.folder = options.workDirectory / trial.participant / trial.name();
  try {
    const json stamp = trialInputStamp(trial, model);
    std::optional<json> results = reusableResults(run.report.folder, stamp);
    run.report.status = results ? TrialStatus::Reused : TrialStatus::Analysed;
    if (!results) results = analyseTrial(trial, options, run.report.folder, stamp);
    const std::string failed = failedStages(*results);
    if (!failed.empty()) {
      run.report.status = TrialStatus::Failed;
      run.report.reason = failed;
    } else {
      const std::string source = (run.report.folder / kResultsFileName).string();
      run.included = StratifiedTrial{trial.participant, trial.stratum, source,
                                     extractTrialSamples(*results, source)};
    }
  } catch (const OutputBusyError&) {
    throw;  // another build is using the work folder: stop, this is not the trial's fault
  } catch (const std::exception& error) {
    run.report.status = TrialStatus::Failed;
    run.report.reason = error.what();
    run.included.reset();
  }
  run.report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

void requireEveryStratum(const NormsManifest& manifest, const std::vector<TrialRun>& runs) {
  for (const auto& stratum : manifest.strata) {
    std::string reasons;
    bool kept = false;
    for (const auto& run : runs) {
      if (run.report.stratum != stratum) continue;
      kept = kept || run.included.has_value();
      reasons +=
          fmt::format("\n  {} {}: {}", run.report.participant, run.report.trial, run.report.reason);
    }
    if (!kept) {
      throw InputError(manifest.file.string(), "stratum " + stratum,
                       "every trial of the stratum failed, so it has no reference:" + reasons);
    }
  }
}

}  // namespace

const char* trialStatusName(TrialStatus status) {
  switch (status) {
    case TrialStatus::Analysed:
      return "analysed";
    case TrialStatus::Reused:
      return "reused";
    case TrialStatus::Failed:
      return "failed";
  }
  return "failed";
}

NormsBuild buildNorms(const NormsBuildOptions& options) {
  const NormsManifest manifest = readNormsManifest(options.manifest);
  const fs::path model = options.model.value_or(model::defaultModelPath());
  const std::size_t total = manifest.trials.size();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min<std::size_t>(
      total, options.threads > 0 ? static_cast<std::size_t>(options.threads) : cores);

  std::vector<TrialRun> runs(total);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex progressMutex;
  std::size_t finished = 0;
  std::exception_ptr abort;
  const auto work = [&] {
    for (std::size_t index = next++; index < total && !stop; index = next++) {
      try {
        runs[index] = runTrial(manifest.trials[index], options, model);
      } catch (...) {
        const std::lock_guard lock(progressMutex);
        if (!abort) abort = std::current_exception();
        stop = true;
        return;
      }
      const std::lock_guard lock(progressMutex);
      ++finished;
      if (options.progress) options.progress(runs[index].report, finished, total);
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t worker = 1; worker < workers; ++worker)
    pool.emplace_back(work);
  work();
  for (auto& thread : pool)
    thread.join();
  if (abort) std::rethrow_exception(abort);

  requireEveryStratum(manifest, runs);

  NormsBuild build;
  std::vector<StratifiedTrial> included;
  for (auto& run : runs) {
    switch (run.report.status) {
      case TrialStatus::Analysed:
        ++build.analysed;
        break;
      case TrialStatus::Reused:
        ++build.reused;
        break;
      case TrialStatus::Failed:
        ++build.failed;
        build.norms.provenance.leftOut.push_back(
            {run.report.participant, run.report.trial, run.report.stratum, run.report.reason});
        break;
    }
    if (run.included) included.push_back(std::move(*run.included));
    build.trials.push_back(std::move(run.report));
  }
  auto leftOut = std::move(build.norms.provenance.leftOut);
  build.norms = aggregateNorms(included, manifest.strata);
  reference::Provenance& provenance = build.norms.provenance;
  provenance.leftOut = std::move(leftOut);
  provenance.dataset = options.dataset;
  provenance.citation = options.citation;
  provenance.licence = options.licence;
  provenance.kinchainVersion = KINCHAIN_VERSION;
  provenance.manifest = options.manifestText;
  provenance.command = options.command;
  return build;
}

}  // namespace kinchain::cohort
