#include "kinchain/kinematics/coordinate_trajectories.hpp"

#include <cmath>
#include <numbers>

#include "kinchain/common/error.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/math/coordinate_smoothing.hpp"

namespace kinchain::kinematics {

std::vector<Eigen::Index> strictlyIncreasingRows(const std::vector<double>& time) {
  std::vector<Eigen::Index> rows;
  for (std::size_t row = 0; row < time.size(); ++row) {
    if (rows.empty() || time[row] > time[static_cast<std::size_t>(rows.back())]) {
      rows.push_back(static_cast<Eigen::Index>(row));
    }
  }
  return rows;
}

std::optional<std::size_t> findCoordinateColumn(const io::TimeSeriesTable& table,
                                                const std::string& coordinateName) {
  if (auto column = table.findColumn(coordinateName)) return column;
  // OpenSim 4 state names: /jointset/<joint>/<coordinate>/value.
  const std::string suffix = "/" + coordinateName + "/value";
  for (std::size_t column = 0; column < table.columnCount(); ++column) {
    const auto& label = table.column(column).label;
    if (label.size() > suffix.size() &&
        label.compare(label.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return column;
    }
  }
  return std::nullopt;
}

CoordinateTrajectories::CoordinateTrajectories(const model::Model& model,
                                               const io::TimeSeriesTable& table,
                                               double lowpassCutoffHz,
                                               const std::string& sourceName) {
  const bool inDegrees = io::stoIsInDegrees(table);
  defaults_ = model.defaultCoordinates();
  const auto rows = strictlyIncreasingRows(table.time());
  if (rows.size() < 6) {
    throw InputError(sourceName, "",
                     "coordinate data needs at least 6 distinct time stamps, found " +
                         std::to_string(rows.size()));
  }
  Eigen::VectorXd time(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    time[static_cast<Eigen::Index>(i)] = table.time()[static_cast<std::size_t>(rows[i])];
  }
  firstTime_ = time[0];
  lastTime_ = time[time.size() - 1];

  std::vector<std::size_t> usedColumns;
  std::vector<std::string> missing;
  splineOfCoordinate_.assign(model.coordinates().size(), std::nullopt);
  for (std::size_t index = 0; index < model.coordinates().size(); ++index) {
    const auto& coordinate = model.coordinates()[index];
    const auto column = findCoordinateColumn(table, coordinate.name);
    if (!column) {
      missing.push_back(coordinate.name);
      continue;
    }
    splineOfCoordinate_[index] = usedColumns.size();
    usedColumns.push_back(*column);
  }
  if (usedColumns.empty()) {
    throw InputError(sourceName, "",
                     "no column matches a coordinate of model '" + model.name() + "'");
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& name : missing)
      list += (list.empty() ? "" : ", ") + name;
    notes_.push_back("coordinates not in " + sourceName + " held at their default value: " + list);
  }

  Eigen::MatrixXd values(time.size(), static_cast<Eigen::Index>(usedColumns.size()));
  for (std::size_t index = 0; index < model.coordinates().size(); ++index) {
    if (!splineOfCoordinate_[index]) continue;
    const auto slot = static_cast<Eigen::Index>(*splineOfCoordinate_[index]);
    const auto column = table.scalarColumn(usedColumns[static_cast<std::size_t>(slot)]);
    const bool rotational = model.coordinates()[index].motionType == model::MotionType::Rotational;
    const double scale = (inDegrees && rotational) ? std::numbers::pi / 180.0 : 1.0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double value = column[rows[i]];
      if (!std::isfinite(value)) {
        throw InputError(sourceName,
                         "column '" +
                             table.column(usedColumns[static_cast<std::size_t>(slot)]).label +
                             "', time " + std::to_string(time[static_cast<Eigen::Index>(i)]),
                         "missing or non-finite coordinate value");
      }
      values(static_cast<Eigen::Index>(i), slot) = scale * value;
    }
  }
  if (lowpassCutoffHz == 0.0) {
    throw InputError(sourceName, "lowpass cutoff",
                     "a cutoff of 0 Hz would remove the signal; use -1 for no filtering");
  }
  auto smoothed = math::smoothCoordinatesLikeOpenSim(time, values, lowpassCutoffHz);
  splines_ = std::move(smoothed.splines);
  for (const double t : smoothed.time) {
    if (t >= firstTime_ - 1e-9 && t <= lastTime_ + 1e-9) sampleTimes_.push_back(t);
  }
}

void CoordinateTrajectories::evaluate(double t, Eigen::VectorXd& q, Eigen::VectorXd& qdot,
                                      Eigen::VectorXd& qddot) const {
  const auto nq = static_cast<Eigen::Index>(splineOfCoordinate_.size());
  q.resize(nq);
  qdot.resize(nq);
  qddot.resize(nq);
  for (Eigen::Index index = 0; index < nq; ++index) {
    const auto& slot = splineOfCoordinate_[static_cast<std::size_t>(index)];
    if (!slot) {
      q[index] = defaults_[index];
      qdot[index] = 0.0;
      qddot[index] = 0.0;
      continue;
    }
    const auto value = splines_[*slot].evaluate(t);
    q[index] = value.value;
    qdot[index] = value.first;
    qddot[index] = value.second;
  }
}

}  // namespace kinchain::kinematics
