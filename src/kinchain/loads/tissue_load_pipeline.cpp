#include "kinchain/loads/tissue_load_pipeline.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

#include "kinchain/common/error.hpp"
#include "kinchain/common/output_files.hpp"
#include "kinchain/dynamics/external_load_series.hpp"
#include "kinchain/dynamics/inverse_dynamics_tool.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/loads/tissue_load_summary.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/analyze_setup.hpp"
#include "kinchain/muscle/static_optimization_tool.hpp"

namespace kinchain::loads {

namespace {

double medianInterval(const std::vector<double>& time) {
  if (time.size() < 2) return 0.0;
  std::vector<double> steps;
  for (std::size_t i = 1; i < time.size(); ++i)
    steps.push_back(time[i] - time[i - 1]);
  std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2),
                   steps.end());
  return steps[steps.size() / 2];
}

std::optional<Side> sideOfBody(const std::string& body) {
  if (body.size() < 3 || body[body.size() - 2] != '_') return std::nullopt;
  const char letter = static_cast<char>(std::tolower(static_cast<unsigned char>(body.back())));
  if (letter == 'r') return Side::Right;
  if (letter == 'l') return Side::Left;
  return std::nullopt;
}

// The coordinates as the SO run saw them: filtered and resampled when lowpassHz > 0 (then in
// radians / metres), else the table as read.
io::TimeSeriesTable processedCoordinates(const model::Model& model,
                                         const io::TimeSeriesTable& table,
                                         const kinematics::CoordinateTrajectories& trajectories,
                                         double lowpassHz) {
  if (!(lowpassHz > 0.0)) return table;
  io::TimeSeriesTable out(trajectories.sampleTimes());
  out.setMetadata("inDegrees", "no");
  Eigen::MatrixXd q(out.rowCount(), model.nq());
  Eigen::VectorXd qi, qdot, qddot;
  for (Eigen::Index row = 0; row < out.rowCount(); ++row) {
    trajectories.evaluate(out.time()[static_cast<std::size_t>(row)], qi, qdot, qddot);
    q.row(row) = qi.transpose();
  }
  for (Eigen::Index j = 0; j < model.nq(); ++j)
    out.addScalarColumn(model.coordinates()[static_cast<std::size_t>(j)].name, q.col(j));
  return out;
}

}  // namespace

std::vector<kinematics::GaitEvent> eventsFromExternalLoads(
    const dynamics::ExternalLoadsDescription& description, const io::TimeSeriesTable& data,
    const std::string& dataName, double resolutionSeconds) {
  std::vector<kinematics::GaitEvent> events;
  for (const Side side : {Side::Right, Side::Left}) {
    Eigen::VectorXd vertical = Eigen::VectorXd::Zero(data.rowCount());
    bool any = false;
    for (const auto& force : description.forces) {
      if (!force.appliesForce || force.forceExpressedInBody != "ground") continue;
      if (sideOfBody(force.appliedToBody) != side) continue;
      const auto columns = dynamics::resolveExternalForceColumns(force, data, dataName);
      if (!columns.force) continue;
      vertical += data.scalarColumn((*columns.force)[1]);  // y is up in OpenSim's ground
      any = true;
    }
    if (!any) continue;
    kinematics::ForceContactOptions options;
    options.resolutionSeconds = resolutionSeconds;
    const auto contacts = kinematics::contactsFromVerticalForce(data.time(), vertical, options);
    const auto sideEvents = kinematics::eventsFromContacts(contacts, side);
    for (auto event : sideEvents) {
      event.source = kinematics::GaitEventSource::ForcePlate;
      events.push_back(event);
    }
  }
  kinematics::sortEvents(events);
  return events;
}

TissueLoadPipelineResult runTissueLoadPipeline(const TissueLoadPipelineInput& input) {
  if (input.stepInterval < 1) {
    throw InputError("command line", "--step-interval", "must be 1 or more");
  }
  if (input.eventsFromGrf && input.externalLoadsFile.empty()) {
    throw InputError("command line", "--events-from-grf", "needs --external-loads");
  }
  TissueLoadPipelineResult result;

  // Static optimisation, as an Analyze setup built in memory.
  muscle::AnalyzeSetup setup;
  setup.name = input.coordinatesFile.stem().string();
  setup.setupFile = "command line";
  setup.modelFile = input.modelFile;
  setup.forceSetFiles = input.actuatorFiles;
  setup.resultsDirectory = input.outputDirectory;
  setup.initialTime = input.startTime;
  setup.finalTime = input.endTime;
  setup.externalLoadsFile = input.externalLoadsFile;
  setup.coordinatesFile = input.coordinatesFile;
  setup.lowpassCutoffForCoordinates = input.lowpassHz;
  muscle::StaticOptimizationSettings settings;
  settings.stepInterval = input.stepInterval;
  setup.staticOptimizations = {settings};
  muscle::StaticOptimizationToolOptions soOptions;
  soOptions.outputDirectory = input.outputDirectory;
  soOptions.threads = input.threads;
  soOptions.solver = muscle::EffortSolver::Exact;
  soOptions.transaction = input.transaction;
  auto runs = muscle::runStaticOptimizationTool(setup, soOptions);
  muscle::StaticOptimizationRun& run = runs.front();
  result.activationFile = run.activationFile;
  result.forceFile = run.forceFile;
  result.notes = run.notes;
  result.warnings = run.warnings;
  if (std::any_of(run.warnings.begin(), run.warnings.end(), [](const std::string& warning) {
        return warning.find("could not meet") != std::string::npos;
      })) {
    result.warnings.push_back(
        "muscle forces at frames the optimiser could not meet are not reliable; a model "
        "without residual actuators on its root joint needs --actuators (e.g. OpenSim's "
        "reserve/residual actuator file for the model)");
  }

  // Model, coordinates, loads; inverse dynamics at the SO frames.
  const model::Model model = model::readOsimModel(input.modelFile);
  const io::TimeSeriesTable table = io::readSto(input.coordinatesFile);
  const std::string coordinatesName = input.coordinatesFile.filename().string();
  const kinematics::CoordinateTrajectories trajectories(model, table, input.lowpassHz,
                                                        coordinatesName);
  std::optional<dynamics::ExternalLoadSeries> loadSeries;
  std::optional<dynamics::ExternalLoadsDescription> description;
  io::TimeSeriesTable loadData;
  if (!input.externalLoadsFile.empty()) {
    description = dynamics::readExternalLoads(input.externalLoadsFile);
    loadData = io::readSto(description->dataFile);
    loadSeries.emplace(model, *description, loadData, description->dataFile.filename().string());
  }
  const io::TimeSeriesTable inverseDynamics = dynamics::computeInverseDynamics(
      model, trajectories, loadSeries ? &*loadSeries : nullptr, run.forces.time(), input.threads);

  // Body mass.
  if (input.bodyMassKg) {
    result.bodyMassKg = *input.bodyMassKg;
    result.bodyMassSource = "command line (--mass)";
  } else {
    for (const auto& body : model.bodies())
      result.bodyMassKg += body.mass;
    result.bodyMassSource = "sum of the model's body masses";
  }

  TissueLoadOptions options;
  options.bodyMassKg = result.bodyMassKg;
  result.loads =
      computeTissueLoads(model, processedCoordinates(model, table, trajectories, input.lowpassHz),
                         run.forces, &inverseDynamics, options);

  if (input.eventsFromGrf && description) {
    result.events =
        eventsFromExternalLoads(*description, loadData, description->dataFile.filename().string(),
                                medianInterval(trajectories.sampleTimes()));
  }
  result.summary = summariseTissueLoads(result.loads, result.events, result.bodyMassKg);
  result.summary["body_mass_source"] = result.bodyMassSource;
  nlohmann::json events = nlohmann::json::array();
  for (const auto& event : result.events) {
    events.push_back({{"side", sideName(event.side)},
                      {"kind", kinematics::gaitEventKindName(event.kind)},
                      {"time_s", event.time},
                      {"source", kinematics::gaitEventSourceName(event.source)}});
  }
  result.summary["events"] = events;
  result.summary["static_optimization_warnings"] = result.warnings;

  result.seriesFile = input.outputDirectory / "tissue_loads.sto";
  result.summaryFile = input.outputDirectory / "tissue_loads.json";
  result.summary["files"] = {{"activations", result.activationFile.filename().string()},
                             {"muscle_forces", result.forceFile.filename().string()},
                             {"tissue_loads", result.seriesFile.filename().string()}};
  io::writeSto(result.loads.series, writablePath(result.seriesFile, input.transaction));
  io::text::writeWholeFile(writablePath(result.summaryFile, input.transaction),
                           result.summary.dump(2) + "\n");
  return result;
}

}  // namespace kinchain::loads
