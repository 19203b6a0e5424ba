#include "kinchain/dynamics/inverse_dynamics_tool.hpp"

#include <algorithm>
#include <thread>

#include "kinchain/common/error.hpp"
#include "kinchain/common/output_files.hpp"
#include "kinchain/dynamics/inverse_dynamics.hpp"
#include "kinchain/dynamics/joint_powers.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"

namespace kinchain::dynamics {

io::TimeSeriesTable computeInverseDynamics(const model::Model& model,
                                           const kinematics::CoordinateTrajectories& coordinates,
                                           const ExternalLoadSeries* loads,
                                           const std::vector<double>& times, int threads) {
  const auto frames = static_cast<Eigen::Index>(times.size());
  Eigen::MatrixXd forces(frames, model.nq());
  const auto solveRange = [&](Eigen::Index begin, Eigen::Index end) {
    InverseDynamicsData data(model);
    Eigen::VectorXd q, qdot, qddot;
    std::vector<AppliedBodyLoad> applied;
    for (Eigen::Index frame = begin; frame < end; ++frame) {
      const double t = times[static_cast<std::size_t>(frame)];
      coordinates.evaluate(t, q, qdot, qddot);
      applied.clear();
      if (loads != nullptr) {
        model::forwardKinematics(model, data.kinematics, q);
        loads->evaluate(t, model, data.kinematics, applied);
      }
      forces.row(frame) = inverseDynamics(model, data, q, qdot, qddot, applied).transpose();
    }
  };
  unsigned workers =
      threads > 0 ? static_cast<unsigned>(threads) : std::thread::hardware_concurrency();
  workers =
      std::clamp<unsigned>(workers, 1u, static_cast<unsigned>(std::max<Eigen::Index>(frames, 1)));
  if (workers == 1) {
    solveRange(0, frames);
  } else {
    // Frames are independent, so any split gives identical numbers.
    std::vector<std::thread> pool;
    const Eigen::Index share = (frames + workers - 1) / workers;
    for (unsigned worker = 0; worker < workers; ++worker) {
      const Eigen::Index begin = worker * share;
      const Eigen::Index end = std::min(frames, begin + share);
      if (begin < end) pool.emplace_back(solveRange, begin, end);
    }
    for (auto& thread : pool)
      thread.join();
  }

  io::TimeSeriesTable table(times);
  for (std::size_t index = 0; index < model.coordinates().size(); ++index) {
    const auto& coordinate = model.coordinates()[index];
    const bool rotational = coordinate.motionType == model::MotionType::Rotational;
    table.addScalarColumn(coordinate.name + (rotational ? "_moment" : "_force"),
                          forces.col(static_cast<Eigen::Index>(index)), rotational ? "N*m" : "N");
  }
  table.setMetadata("name", "Inverse Dynamics Generalized Forces");
  table.setMetadata("inDegrees", "no");
  return table;
}

namespace {

void requireFile(const InverseDynamicsSetup& setup, const std::filesystem::path& path,
                 const char* element) {
  if (path.empty()) {
    throw InputError(setup.setupFile.string(), element, "the setup names no file");
  }
  if (!std::filesystem::exists(path)) {
    throw InputError(setup.setupFile.string(), element, "file not found: " + path.string());
  }
}

bool excludesOnlyMusclesOrAll(const std::vector<std::string>& excluded) {
  for (auto name : excluded) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "all") return true;
  }
  return false;
}

}  // namespace

IdToolReport runInverseDynamicsTool(const InverseDynamicsSetup& setup,
                                    const IdToolOptions& options) {
  requireFile(setup, setup.modelFile, "<model_file>");
  requireFile(setup, setup.coordinatesFile, "<coordinates_file>");
  const auto model = model::readOsimModel(setup.modelFile);
  const auto coordinateTable = io::readSto(setup.coordinatesFile);
  IdToolReport report;
  const kinematics::CoordinateTrajectories coordinates(model, coordinateTable,
                                                       setup.lowpassCutoffForCoordinates,
                                                       setup.coordinatesFile.filename().string());
  report.notes = coordinates.notes();

  std::optional<ExternalLoadSeries> loads;
  if (!setup.externalLoadsFile.empty()) {
    requireFile(setup, setup.externalLoadsFile, "<external_loads_file>");
    const auto description = readExternalLoads(setup.externalLoadsFile);
    if (description.dataFile.empty() || !std::filesystem::exists(description.dataFile)) {
      throw InputError(setup.externalLoadsFile.string(), "<datafile>",
                       "external load data file not found: " + description.dataFile.string());
    }
    const auto data = io::readSto(description.dataFile);
    loads.emplace(model, description, data, description.dataFile.filename().string());
  }
  if (!excludesOnlyMusclesOrAll(setup.forcesToExclude)) {
    report.notes.push_back(
        "model forces other than gravity and external loads (muscles, springs, limit "
        "forces) are not applied by Kinchain's inverse dynamics yet");
  }

  // OpenSim: the setup's time range clipped to the data, reported at the data's time stamps.
  const double start =
      std::max(coordinates.firstTime(), setup.startTime.value_or(coordinates.firstTime()));
  const double end =
      std::min(coordinates.lastTime(), setup.endTime.value_or(coordinates.lastTime()));
  std::vector<double> times;
  for (const double t : coordinates.sampleTimes()) {
    if (t >= start - 1e-9 && t <= end + 1e-9) times.push_back(t);
  }
  if (times.empty()) {
    throw InputError(setup.setupFile.string(), "<time_range>",
                     "no coordinate sample inside the time range");
  }
  if (loads &&
      (times.front() < loads->firstTime() - 1e-9 || times.back() > loads->lastTime() + 1e-9)) {
    report.notes.push_back(
        "the coordinate times reach beyond the external load data; loads are extrapolated there");
  }
  const auto result =
      computeInverseDynamics(model, coordinates, loads ? &*loads : nullptr, times, options.threads);

  const auto directory = options.outputDirectory.value_or(setup.resultsDirectory);
  report.outputFile = directory / setup.outputGeneralizedForceFile;
  io::writeSto(result, writablePath(report.outputFile, options.transaction));
  report.powersFile =
      directory / (std::filesystem::path(setup.outputGeneralizedForceFile).stem().string() +
                   "_joint_powers.sto");
  io::writeSto(computeJointPowers(model, coordinates, result),
               writablePath(report.powersFile, options.transaction));
  report.frames = times.size();
  return report;
}

}  // namespace kinchain::dynamics
