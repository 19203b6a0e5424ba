#include "kinchain/dynamics/joint_powers.hpp"

#include <string>

namespace kinchain::dynamics {

io::TimeSeriesTable computeJointPowers(const model::Model& model,
                                       const kinematics::CoordinateTrajectories& coordinates,
                                       const io::TimeSeriesTable& generalizedForces) {
  io::TimeSeriesTable powers(generalizedForces.time());
  struct Pair {
    Eigen::Index coordinate;
    std::size_t momentColumn;
  };
  std::vector<Pair> pairs;
  for (std::size_t index = 0; index < model.coordinates().size(); ++index) {
    const auto& coordinate = model.coordinates()[index];
    if (const auto column = generalizedForces.findColumn(coordinate.name + "_moment"))
      pairs.push_back({static_cast<Eigen::Index>(index), *column});
  }
  const auto rows = generalizedForces.rowCount();
  Eigen::MatrixXd values(rows, static_cast<Eigen::Index>(pairs.size()));
  Eigen::VectorXd q, qdot, qddot;
  for (Eigen::Index row = 0; row < rows; ++row) {
    coordinates.evaluate(generalizedForces.time()[static_cast<std::size_t>(row)], q, qdot, qddot);
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      values(row, static_cast<Eigen::Index>(k)) =
          generalizedForces.scalarColumn(pairs[k].momentColumn)[row] * qdot[pairs[k].coordinate];
    }
  }
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    powers.addScalarColumn(
        model.coordinates()[static_cast<std::size_t>(pairs[k].coordinate)].name + "_power",
        values.col(static_cast<Eigen::Index>(k)), "W");
  }
  powers.setMetadata("name", "joint powers (generalized moment x angular velocity)");
  return powers;
}

}  // namespace kinchain::dynamics
