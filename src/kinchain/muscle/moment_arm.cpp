#include "kinchain/muscle/moment_arm.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <stdexcept>

#include "kinchain/model/forward_kinematics.hpp"

namespace kinchain::muscle {

void computeMomentArms(const model::Model& model, const model::Data& data, PathData& pathData) {
  model::checkDataBelongsToModel(model, data.modelFingerprint);
  if (pathData.model_fingerprint != model.fingerprint()) {
    throw std::invalid_argument("computeMomentArms: PathData was made for another model");
  }
  pathData.moment_arms = -pathData.length_gradients;
  const auto& coupled = pathData.coupled_coordinates;
  if (coupled.empty()) return;

  // Constraint rows over the coupled coordinates only: G = e_dep − s f'(q_ind) e_ind.
  const auto columnOf = [&](model::CoordinateIndex index) {
    return static_cast<Eigen::Index>(std::find(coupled.begin(), coupled.end(), index) -
                                     coupled.begin());
  };
  Eigen::MatrixXd& rows = pathData.constraint_rows;
  rows.setZero();
  Eigen::Index row = 0;
  for (const model::CoordinateCouplerConstraint& coupler : model.couplerConstraints()) {
    if (!coupler.enabled) continue;
    const double slope =
        coupler.scaleFactor *
        coupler.function.evaluate(data.q[static_cast<Eigen::Index>(coupler.independent.value())])
            .first;
    rows(row, columnOf(coupler.dependent)) += 1.0;
    rows(row, columnOf(coupler.independent)) -= slope;
    ++row;
  }
  pathData.constraint_gram.noalias() = rows * rows.transpose();
  const Eigen::LDLT<Eigen::MatrixXd> gram(pathData.constraint_gram);

  // C_j for each coupled coordinate j (column j of `coupling`, over the coupled coordinates).
  Eigen::MatrixXd& coupling = pathData.coupling;
  const auto involved = static_cast<Eigen::Index>(coupled.size());
  for (Eigen::Index j = 0; j < involved; ++j) {
    // u = e_j − Gᵀ (G Gᵀ)⁻¹ G e_j; the solve works on a column of `coupling` to avoid temporaries.
    coupling.col(j) = -rows.transpose() * gram.solve(rows.col(j));
    coupling(j, j) += 1.0;
    coupling.col(j) /= coupling(j, j);
  }

  // r_j = −C_jᵀ dL/dq over the coupled coordinates.
  for (Eigen::Index j = 0; j < involved; ++j) {
    const auto target = static_cast<Eigen::Index>(coupled[static_cast<std::size_t>(j)].value());
    pathData.moment_arms.row(target).setZero();
    for (Eigen::Index k = 0; k < involved; ++k) {
      const auto source = static_cast<Eigen::Index>(coupled[static_cast<std::size_t>(k)].value());
      pathData.moment_arms.row(target) -= coupling(k, j) * pathData.length_gradients.row(source);
    }
  }
}

}  // namespace kinchain::muscle
