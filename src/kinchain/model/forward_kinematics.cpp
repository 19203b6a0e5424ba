#include "kinchain/model/forward_kinematics.hxx"

namespace kinchain::model {

template void forwardKinematics<double>(const Model&, DataTpl<double>&, const Eigen::VectorXd&);

void checkDataBelongsToModel(const Model& model, std::uint64_t dataFingerprint) {
  if (dataFingerprint != model.fingerprint()) {
    throw std::invalid_argument("kinematics Data was made for a different model than '" +
                                model.name() + "'");
  }
}

void applyCouplerConstraints(const Model& model, Eigen::VectorXd& q) {
  if (q.size() != model.nq()) {
    throw std::invalid_argument("applyCouplerConstraints: q has " + std::to_string(q.size()) +
                                " entries, model has " + std::to_string(model.nq()));
  }
  for (const CoordinateCouplerConstraint& coupler : model.couplerConstraints()) {
    if (!coupler.enabled) continue;
    const double independent = q[static_cast<Eigen::Index>(coupler.independent.value())];
    q[static_cast<Eigen::Index>(coupler.dependent.value())] =
        coupler.scaleFactor * coupler.function.evaluate(independent).value;
  }
}

}  // namespace kinchain::model
