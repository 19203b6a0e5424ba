#include "kinchain/kinematics/inverse_kinematics.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <set>
#include <thread>

#include "kinchain/common/error.hpp"
#include "kinchain/kinematics/marker_unit_check.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/frame_jacobian.hpp"

namespace kinchain::kinematics {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Metres per unit of a marker table.
std::optional<double> metresPerUnit(const std::string& unit) {
  if (unit == "m") return 1.0;
  if (unit == "mm") return 1e-3;
  if (unit == "cm") return 1e-2;
  return std::nullopt;
}

std::string markerUnit(const io::TimeSeriesTable& markers) {
  for (const auto& column : markers.columns()) {
    if (column.kind == io::ColumnKind::Vector3 && !column.unit.empty()) return column.unit;
  }
  return markers.metadataValue("Units").value_or("");
}

std::string joinNames(const std::vector<std::string>& names, std::size_t limit = 12) {
  std::string text;
  for (std::size_t index = 0; index < names.size() && index < limit; ++index) {
    if (index > 0) text += ", ";
    text += names[index];
  }
  if (names.size() > limit) text += ", ... (" + std::to_string(names.size()) + " in all)";
  return text;
}

// RMS distance of the markers from their centroid, measured over model (default pose), on
// the first frame where at least three targets are present; NaN when there is none.
double measuredSpreadOverModel(const model::Model& model,
                               const std::vector<IkMarkerTarget>& targets,
                               const Eigen::MatrixXd& measured) {
  model::Data data(model);
  Eigen::VectorXd q = model.defaultCoordinates();
  model::applyCouplerConstraints(model, q);
  model::forwardKinematics(model, data, q);
  for (Eigen::Index frame = 0; frame < measured.cols(); ++frame) {
    std::vector<Eigen::Vector3d> seen, posed;
    for (std::size_t target = 0; target < targets.size(); ++target) {
      const Eigen::Vector3d point =
          measured.col(frame).segment<3>(3 * static_cast<Eigen::Index>(target));
      if (!point.allFinite()) continue;
      seen.push_back(point);
      posed.push_back(
          data.markerPositions.col(static_cast<Eigen::Index>(targets[target].marker.value())));
    }
    if (seen.size() < 3) continue;
    const auto spread = [](const std::vector<Eigen::Vector3d>& points) {
      Eigen::Vector3d centroid = Eigen::Vector3d::Zero();
      for (const auto& p : points)
        centroid += p;
      centroid /= static_cast<double>(points.size());
      double sum = 0.0;
      for (const auto& p : points)
        sum += (p - centroid).squaredNorm();
      return std::sqrt(sum / static_cast<double>(points.size()));
    };
    return spread(seen) / spread(posed);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

InverseKinematicsProblem::InverseKinematicsProblem(const model::Model& model,
                                                   const io::TimeSeriesTable& markers,
                                                   const IkTaskSet& tasks,
                                                   const io::TimeSeriesTable* coordinateTable)
    : model_(&model), time_(markers.time()) {
  const std::string source = markers.metadataValue("source").value_or("marker data");
  const std::string unit = markerUnit(markers);
  double scale = 1.0;
  if (unit.empty()) {
    notes_.push_back("marker data states no unit; metres assumed");
  } else if (const auto factor = metresPerUnit(unit)) {
    scale = *factor;
    if (scale != 1.0) notes_.push_back("marker data in " + unit + ", converted to metres");
  } else {
    throw InputError(source, "Units", "unknown marker unit '" + unit + "' (expected m, cm or mm)");
  }

  // Marker targets: the task list, or every marker shared by model and data.
  std::map<std::string, double> weights;
  const bool taskListGiven = !tasks.markerTasks.empty();
  for (const auto& task : tasks.markerTasks) {
    if (task.apply && task.weight > 0.0) weights[task.markerName] = task.weight;
  }
  std::vector<std::string> missingInModel, missingInData, unusedData;
  for (const auto& [name, weight] : weights) {
    const auto marker = model.findMarker(name);
    const auto column = markers.findColumn(name);
    if (!marker) missingInModel.push_back(name);
    if (!column) missingInData.push_back(name);
    if (marker && column && markers.column(*column).kind == io::ColumnKind::Vector3) {
      markerTargets_.push_back({*marker, *column, weight});
    }
  }
  if (!taskListGiven) {
    for (std::size_t index = 0; index < model.markers().size(); ++index) {
      const auto& name = model.markers()[index].name;
      if (const auto column = markers.findColumn(name);
          column && markers.column(*column).kind == io::ColumnKind::Vector3) {
        markerTargets_.push_back({model::MarkerIndex(index), *column, 1.0});
      }
    }
  }
  for (const auto& column : markers.columns()) {
    if (column.kind != io::ColumnKind::Vector3) continue;
    const bool used = std::any_of(
        markerTargets_.begin(), markerTargets_.end(),
        [&](const auto& target) { return markers.column(target.column).label == column.label; });
    if (!used) unusedData.push_back(column.label);
  }
  if (!missingInModel.empty()) {
    notes_.push_back("task markers not in the model (ignored): " + joinNames(missingInModel));
  }
  if (!missingInData.empty()) {
    notes_.push_back("task markers not in the marker data (ignored): " + joinNames(missingInData));
  }
  if (!unusedData.empty()) notes_.push_back("measured markers not used: " + joinNames(unusedData));
  if (markerTargets_.empty()) {
    std::vector<std::string> modelNames;
    for (const auto& marker : model.markers())
      modelNames.push_back(marker.name);
    std::vector<std::string> dataNames;
    for (const auto& column : markers.columns()) {
      if (column.kind == io::ColumnKind::Vector3) dataNames.push_back(column.label);
    }
    throw InputError(source, "",
                     "no marker is in both the model and the data (model: " +
                         joinNames(modelNames) + "; data: " + joinNames(dataNames) + ")");
  }

  measured_.resize(3 * static_cast<Eigen::Index>(markerTargets_.size()), frameCount());
  for (std::size_t target = 0; target < markerTargets_.size(); ++target) {
    const auto positions = markers.vector3Column(markerTargets_[target].column);
    measured_.middleRows(3 * static_cast<Eigen::Index>(target), 3) = scale * positions.transpose();
  }
  checkMarkerUnits(measuredSpreadOverModel(model, markerTargets_, measured_), source, unit,
                   "the spread of the measured markers");

  // Free coordinates, bounds and fixed values.
  const auto nq = model.nq();
  std::vector<bool> dependent(static_cast<std::size_t>(nq), false);
  for (const auto& coupler : model.couplerConstraints()) {
    if (coupler.enabled) dependent[coupler.dependent.value()] = true;
  }
  freeSlot_.assign(static_cast<std::size_t>(nq), -1);
  for (Eigen::Index index = 0; index < nq; ++index) {
    const auto& coordinate = model.coordinates()[static_cast<std::size_t>(index)];
    if (coordinate.locked || dependent[static_cast<std::size_t>(index)]) continue;
    freeSlot_[static_cast<std::size_t>(index)] = static_cast<int>(free_.size());
    free_.emplace_back(static_cast<std::size_t>(index));
  }
  lower_.resize(static_cast<Eigen::Index>(free_.size()));
  upper_.resize(static_cast<Eigen::Index>(free_.size()));
  for (std::size_t slot = 0; slot < free_.size(); ++slot) {
    const auto& coordinate = model.coordinate(free_[slot]);
    lower_[static_cast<Eigen::Index>(slot)] = coordinate.clamped ? coordinate.rangeMin : -kInfinity;
    upper_[static_cast<Eigen::Index>(slot)] = coordinate.clamped ? coordinate.rangeMax : kInfinity;
  }
  lockedValues_ = model.defaultCoordinates();

  // Coordinate targets. OpenSim's IKCoordinateTask manual values are internal units (rad, m).
  std::vector<std::size_t> fromFileColumns;
  for (const auto& task : tasks.coordinateTasks) {
    if (!task.apply || !(task.weight > 0.0)) continue;
    const auto coordinate = model.findCoordinate(task.coordinateName);
    if (!coordinate) {
      notes_.push_back("coordinate task '" + task.coordinateName +
                       "' names no model coordinate (ignored)");
      continue;
    }
    if (freeSlot_[coordinate->value()] < 0) continue;  // locked or coupled: nothing to solve
    IkCoordinateTarget target{*coordinate, task.weight, std::nullopt, std::nullopt};
    switch (task.valueType) {
      case CoordinateTaskValue::DefaultValue:
        target.value = model.coordinate(*coordinate).defaultValue;
        break;
      case CoordinateTaskValue::ManualValue:
        target.value = task.manualValue;
        break;
      case CoordinateTaskValue::FromFile: {
        const auto column =
            coordinateTable ? coordinateTable->findColumn(task.coordinateName) : std::nullopt;
        if (!column || coordinateTable->time().size() != time_.size()) {
          throw InputError(source, "coordinate task '" + task.coordinateName + "'",
                           "value_type from_file needs a coordinate file with that column and the "
                           "marker data's time stamps");
        }
        target.column = *column;
        break;
      }
    }
    coordinateTargets_.push_back(target);
  }
  coordinateValues_.resize(static_cast<Eigen::Index>(coordinateTargets_.size()), frameCount());
  for (std::size_t index = 0; index < coordinateTargets_.size(); ++index) {
    const auto& target = coordinateTargets_[index];
    if (target.value) {
      coordinateValues_.row(static_cast<Eigen::Index>(index)).setConstant(*target.value);
    } else {
      coordinateValues_.row(static_cast<Eigen::Index>(index)) =
          coordinateTable->scalarColumn(*target.column).transpose();
    }
  }
}

Eigen::Vector3d InverseKinematicsProblem::measuredPosition(std::size_t target,
                                                           Eigen::Index frame) const {
  return measured_.block<3, 1>(3 * static_cast<Eigen::Index>(target), frame);
}

double InverseKinematicsProblem::coordinateTargetValue(std::size_t target,
                                                       Eigen::Index frame) const {
  return coordinateValues_(static_cast<Eigen::Index>(target), frame);
}

void InverseKinematicsProblem::expand(const Eigen::VectorXd& x, Eigen::VectorXd& q) const {
  q = lockedValues_;
  for (std::size_t slot = 0; slot < free_.size(); ++slot) {
    q[static_cast<Eigen::Index>(free_[slot].value())] = x[static_cast<Eigen::Index>(slot)];
  }
  model::applyCouplerConstraints(*model_, q);
}

Eigen::VectorXd InverseKinematicsProblem::restrict(const Eigen::VectorXd& q) const {
  Eigen::VectorXd x(static_cast<Eigen::Index>(free_.size()));
  for (std::size_t slot = 0; slot < free_.size(); ++slot) {
    x[static_cast<Eigen::Index>(slot)] = q[static_cast<Eigen::Index>(free_[slot].value())];
  }
  return x;
}

IkWorkspace::IkWorkspace(const InverseKinematicsProblem& problem)
    : data(problem.model()),
      q(problem.model().nq()),
      residual(3 * static_cast<Eigen::Index>(problem.markerTargets().size()) +
               static_cast<Eigen::Index>(problem.coordinateTargets().size())),
      jacobian(residual.size(), static_cast<Eigen::Index>(problem.freeCoordinates().size())),
      coordinateMap(problem.model().nq(),
                    static_cast<Eigen::Index>(problem.freeCoordinates().size())),
      markerJacobian(3, problem.model().nq()) {}

namespace {

// Weighted residuals (and optionally their Jacobian w.r.t. the free coordinates) at x.
// Returns the weighted cost 0.5 |r|^2.
double evaluate(const InverseKinematicsProblem& problem, IkWorkspace& work, Eigen::Index frame,
                const Eigen::VectorXd& x, bool withJacobian) {
  const auto& model = problem.model();
  problem.expand(x, work.q);
  model::forwardKinematics(model, work.data, work.q);
  const auto& markerTargets = problem.markerTargets();
  for (std::size_t target = 0; target < markerTargets.size(); ++target) {
    const auto row = 3 * static_cast<Eigen::Index>(target);
    const Eigen::Vector3d measured = problem.measuredPosition(target, frame);
    if (!measured.allFinite()) {
      work.residual.segment<3>(row).setZero();
      continue;
    }
    const double root = std::sqrt(markerTargets[target].weight);
    work.residual.segment<3>(row) = root * (work.data.markerPositions.col(static_cast<Eigen::Index>(
                                                markerTargets[target].marker.value())) -
                                            measured);
  }
  // OpenSim's marker goal is sum(w r^2) / (2 W), W the total weight of the markers present
  // (Simbody Markers::calcGoal), and each coordinate goal is w (q - t)^2 / 2. Scaling both by
  // 2W keeps OpenSim's balance: the coordinate residuals carry the weight w W.
  double presentMarkerWeight = 0.0;
  for (std::size_t target = 0; target < markerTargets.size(); ++target) {
    if (problem.measuredPosition(target, frame).allFinite())
      presentMarkerWeight += markerTargets[target].weight;
  }
  const double coordinateScale = presentMarkerWeight > 0.0 ? presentMarkerWeight : 1.0;
  const auto coordinateRow0 = 3 * static_cast<Eigen::Index>(markerTargets.size());
  const auto& coordinateTargets = problem.coordinateTargets();
  for (std::size_t target = 0; target < coordinateTargets.size(); ++target) {
    const double root = std::sqrt(coordinateTargets[target].weight * coordinateScale);
    work.residual[coordinateRow0 + static_cast<Eigen::Index>(target)] =
        root * (work.q[static_cast<Eigen::Index>(coordinateTargets[target].coordinate.value())] -
                problem.coordinateTargetValue(target, frame));
  }
  if (withJacobian) {
    // dq/dx: identity on free coordinates, chain rule through the couplers (in model order,
    // so a coupler driven by another coupler's dependent sees its finished row).
    const auto& free = problem.freeCoordinates();
    work.coordinateMap.setZero();
    for (std::size_t slot = 0; slot < free.size(); ++slot) {
      work.coordinateMap(static_cast<Eigen::Index>(free[slot].value()),
                         static_cast<Eigen::Index>(slot)) = 1.0;
    }
    for (const auto& coupler : model.couplerConstraints()) {
      if (!coupler.enabled) continue;
      const double slope =
          coupler.scaleFactor *
          coupler.function.evaluate(work.q[static_cast<Eigen::Index>(coupler.independent.value())])
              .first;
      work.coordinateMap.row(static_cast<Eigen::Index>(coupler.dependent.value())) =
          slope * work.coordinateMap.row(static_cast<Eigen::Index>(coupler.independent.value()));
    }
    model::computeJointMotions(model, work.data);
    for (std::size_t target = 0; target < markerTargets.size(); ++target) {
      const auto row = 3 * static_cast<Eigen::Index>(target);
      if (!problem.measuredPosition(target, frame).allFinite()) {
        work.jacobian.middleRows<3>(row).setZero();
        continue;
      }
      model::markerJacobian(model, work.data, markerTargets[target].marker, work.markerJacobian);
      work.jacobian.middleRows<3>(row).noalias() =
          std::sqrt(markerTargets[target].weight) * work.markerJacobian * work.coordinateMap;
    }
    for (std::size_t target = 0; target < coordinateTargets.size(); ++target) {
      work.jacobian.row(coordinateRow0 + static_cast<Eigen::Index>(target)) =
          std::sqrt(coordinateTargets[target].weight * coordinateScale) *
          work.coordinateMap.row(
              static_cast<Eigen::Index>(coordinateTargets[target].coordinate.value()));
    }
  }
  return 0.5 * work.residual.squaredNorm();
}

Eigen::VectorXd clampToBounds(const InverseKinematicsProblem& problem, Eigen::VectorXd x) {
  return x.cwiseMax(problem.lowerBounds()).cwiseMin(problem.upperBounds());
}

// Marker error statistics of the pose in work.data (after evaluate).
void fillErrors(const InverseKinematicsProblem& problem, const IkWorkspace& work,
                Eigen::Index frame, IkFrameSolution& solution) {
  solution.totalSquaredError = 0.0;
  solution.maxError = 0.0;
  solution.markersUsed = 0;
  const auto& targets = problem.markerTargets();
  solution.markerErrors.setConstant(static_cast<Eigen::Index>(targets.size()),
                                    std::numeric_limits<double>::quiet_NaN());
  for (std::size_t target = 0; target < targets.size(); ++target) {
    const Eigen::Vector3d measured = problem.measuredPosition(target, frame);
    if (!measured.allFinite()) continue;
    const double error =
        (work.data.markerPositions.col(static_cast<Eigen::Index>(targets[target].marker.value())) -
         measured)
            .norm();
    solution.markerErrors[static_cast<Eigen::Index>(target)] = error;
    solution.totalSquaredError += error * error;
    ++solution.markersUsed;
    if (error > solution.maxError) {
      solution.maxError = error;
      solution.worstMarker = problem.model().marker(targets[target].marker).name;
    }
  }
  solution.rmsError =
      solution.markersUsed > 0 ? std::sqrt(solution.totalSquaredError / solution.markersUsed) : 0.0;
}

}  // namespace

IkFrameSolution solveInverseKinematicsFrame(const InverseKinematicsProblem& problem,
                                            IkWorkspace& work, Eigen::Index frame,
                                            const Eigen::VectorXd& initialQ,
                                            const IkSolverOptions& options) {
  const auto variables = static_cast<Eigen::Index>(problem.freeCoordinates().size());
  Eigen::VectorXd x = clampToBounds(problem, problem.restrict(initialQ));
  double cost = evaluate(problem, work, frame, x, true);
  double damping = 1e-3;
  IkFrameSolution solution;
  Eigen::VectorXd gradient(variables), step(variables), candidate(variables);
  Eigen::MatrixXd normal(variables, variables);
  for (int iteration = 0; iteration < options.maxIterations; ++iteration) {
    solution.iterations = iteration + 1;
    gradient.noalias() = work.jacobian.transpose() * work.residual;
    normal.noalias() = work.jacobian.transpose() * work.jacobian;
    // A variable resting on a bound whose descent direction points outside stays put.
    for (Eigen::Index k = 0; k < variables; ++k) {
      const bool blocked = (x[k] <= problem.lowerBounds()[k] && gradient[k] > 0.0) ||
                           (x[k] >= problem.upperBounds()[k] && gradient[k] < 0.0);
      if (blocked) {
        normal.row(k).setZero();
        normal.col(k).setZero();
        normal(k, k) = 1.0;
        gradient[k] = 0.0;
      }
    }
    bool improved = false;
    while (damping < 1e12) {
      Eigen::MatrixXd damped = normal;
      damped.diagonal() += damping * normal.diagonal().cwiseMax(1e-9);
      step = damped.ldlt().solve(-gradient);
      candidate = clampToBounds(problem, x + step);
      const double candidateCost = evaluate(problem, work, frame, candidate, false);
      if (candidateCost < cost) {
        improved = true;
        const double largestMove = (candidate - x).cwiseAbs().maxCoeff();
        x = candidate;
        cost = evaluate(problem, work, frame, x, true);
        damping = std::max(damping * 0.1, 1e-12);
        if (largestMove < options.stepTolerance) solution.converged = true;
        break;
      }
      damping *= 10.0;
    }
    if (!improved) {
      // No step lowers the cost: x is a (bounded) minimum to working precision.
      solution.converged = true;
      evaluate(problem, work, frame, x, false);
    }
    if (solution.converged) break;
  }
  solution.q = work.q;
  fillErrors(problem, work, frame, solution);
  return solution;
}

IkTrialResult solveInverseKinematicsTrial(const InverseKinematicsProblem& problem,
                                          Eigen::Index first, Eigen::Index count,
                                          const IkSolverOptions& options, int threads,
                                          Eigen::Index chunkSize) {
  if (first < 0 || count < 0 || first + count > problem.frameCount()) {
    throw std::out_of_range("IK frame range outside the marker data");
  }
  IkTrialResult result;
  for (const auto& target : problem.markerTargets())
    result.markerNames.push_back(problem.model().marker(target.marker).name);
  result.frames.resize(static_cast<std::size_t>(count));
  result.time.assign(problem.time().begin() + first, problem.time().begin() + first + count);
  if (count == 0) return result;
  chunkSize = std::max<Eigen::Index>(chunkSize, 1);
  const Eigen::Index chunks = (count + chunkSize - 1) / chunkSize;

  // Chunk starts in sequence: each warm-starts from the previous start.
  {
    IkWorkspace work(problem);
    Eigen::VectorXd initial = problem.model().defaultCoordinates();
    model::applyCouplerConstraints(problem.model(), initial);
    for (Eigen::Index chunk = 0; chunk < chunks; ++chunk) {
      const Eigen::Index frame = first + chunk * chunkSize;
      auto solution = solveInverseKinematicsFrame(problem, work, frame, initial, options);
      initial = solution.q;
      result.frames[static_cast<std::size_t>(chunk * chunkSize)] = std::move(solution);
    }
  }
  // Chunks in parallel, frame to frame.
  const auto runChunk = [&](IkWorkspace& work, Eigen::Index chunk) {
    const Eigen::Index begin = chunk * chunkSize;
    const Eigen::Index end = std::min(count, begin + chunkSize);
    for (Eigen::Index index = begin + 1; index < end; ++index) {
      result.frames[static_cast<std::size_t>(index)] = solveInverseKinematicsFrame(
          problem, work, first + index, result.frames[static_cast<std::size_t>(index - 1)].q,
          options);
    }
  };
  unsigned threadCount =
      threads > 0 ? static_cast<unsigned>(threads) : std::thread::hardware_concurrency();
  threadCount = std::clamp<unsigned>(threadCount, 1u, static_cast<unsigned>(chunks));
  if (threadCount == 1) {
    IkWorkspace work(problem);
    for (Eigen::Index chunk = 0; chunk < chunks; ++chunk)
      runChunk(work, chunk);
  } else {
    std::vector<std::thread> pool;
    for (unsigned worker = 0; worker < threadCount; ++worker) {
      pool.emplace_back([&, worker] {
        IkWorkspace work(problem);
        for (Eigen::Index chunk = worker; chunk < chunks; chunk += threadCount)
          runChunk(work, chunk);
      });
    }
    for (auto& thread : pool)
      thread.join();
  }

  // Warnings, grouped so a long trial does not print thousands of lines.
  const auto freeCount = static_cast<int>(problem.freeCoordinates().size());
  std::vector<double> underdetermined, notConverged, largeError;
  for (std::size_t index = 0; index < result.frames.size(); ++index) {
    const auto& frame = result.frames[index];
    if (3 * frame.markersUsed < freeCount) underdetermined.push_back(result.time[index]);
    if (!frame.converged) notConverged.push_back(result.time[index]);
    // OpenSim best practice: IK maximum marker error < 4 cm (biomechanics.md 3.1).
    if (frame.maxError > 0.04) largeError.push_back(result.time[index]);
  }
  const auto describe = [](const std::vector<double>& times) {
    std::string text = std::to_string(times.size()) +
                       " frame(s), first at t = " + std::to_string(times.front()) + " s";
    return text;
  };
  if (!underdetermined.empty()) {
    result.warnings.push_back(describe(underdetermined) +
                              ": too few markers to determine every coordinate");
  }
  if (!notConverged.empty()) {
    result.warnings.push_back(describe(notConverged) + ": the solver stopped before converging");
  }
  if (!largeError.empty()) {
    result.warnings.push_back(describe(largeError) +
                              ": a marker error above 4 cm (OpenSim best practice: IK max < 4 cm)");
  }
  // Markers missing (NaN) in some frames: those frames were solved from the markers that remain.
  for (std::size_t marker = 0; marker < result.markerNames.size(); ++marker) {
    std::vector<double> missing;
    for (std::size_t index = 0; index < result.frames.size(); ++index) {
      const auto& errors = result.frames[index].markerErrors;
      const auto column = static_cast<Eigen::Index>(marker);
      if (column < errors.size() && std::isnan(errors[column]))
        missing.push_back(result.time[index]);
    }
    if (!missing.empty()) {
      result.warnings.push_back(describe(missing) + ": marker " + result.markerNames[marker] +
                                " missing, solved from the markers that remain");
    }
  }
  return result;
}

io::TimeSeriesTable ikCoordinatesTable(const model::Model& model, const IkTrialResult& result) {
  io::TimeSeriesTable table(result.time);
  const auto rows = static_cast<Eigen::Index>(result.frames.size());
  for (std::size_t index = 0; index < model.coordinates().size(); ++index) {
    const auto& coordinate = model.coordinates()[index];
    const bool rotational = coordinate.motionType == model::MotionType::Rotational;
    Eigen::VectorXd values(rows);
    for (Eigen::Index row = 0; row < rows; ++row) {
      const double value =
          result.frames[static_cast<std::size_t>(row)].q[static_cast<Eigen::Index>(index)];
      values[row] = rotational ? value * 180.0 / std::numbers::pi : value;
    }
    table.addScalarColumn(coordinate.name, values,
                          rotational ? "deg" : std::string(model::unitOf(coordinate.motionType)));
  }
  table.setMetadata("name", "Coordinates");
  table.setMetadata("inDegrees", "yes");
  return table;
}

io::TimeSeriesTable ikMarkerErrorTable(const IkTrialResult& result) {
  io::TimeSeriesTable table(result.time);
  const auto rows = static_cast<Eigen::Index>(result.frames.size());
  Eigen::VectorXd total(rows), rms(rows), maximum(rows), used(rows);
  for (Eigen::Index row = 0; row < rows; ++row) {
    const auto& frame = result.frames[static_cast<std::size_t>(row)];
    total[row] = frame.totalSquaredError;
    rms[row] = frame.rmsError;
    maximum[row] = frame.maxError;
    used[row] = frame.markersUsed;
  }
  table.addScalarColumn("marker_error_total_squared", total, "m^2");
  table.addScalarColumn("marker_error_RMS", rms, "m");
  table.addScalarColumn("marker_error_max", maximum, "m");
  table.addScalarColumn("markers_used", used);
  // One column per marker, so the worst marker of each frame (and any marker that drifts) can
  // be read off; NaN where the marker was missing in that frame.
  for (std::size_t marker = 0; marker < result.markerNames.size(); ++marker) {
    Eigen::VectorXd errors(rows);
    for (Eigen::Index row = 0; row < rows; ++row) {
      const auto& frameErrors = result.frames[static_cast<std::size_t>(row)].markerErrors;
      errors[row] = static_cast<Eigen::Index>(marker) < frameErrors.size()
                        ? frameErrors[static_cast<Eigen::Index>(marker)]
                        : std::numeric_limits<double>::quiet_NaN();
    }
    table.addScalarColumn(result.markerNames[marker] + "_error", errors, "m");
  }
  table.setMetadata("name", "Model Marker Errors from IK");
  return table;
}

}  // namespace kinchain::kinematics
