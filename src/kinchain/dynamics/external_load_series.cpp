#include "kinchain/dynamics/external_load_series.hpp"

#include <cmath>

#include "kinchain/common/error.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"

namespace kinchain::dynamics {

namespace {

std::vector<math::GcvSpline> splinesOf(const io::TimeSeriesTable& data,
                                       const std::array<std::size_t, 3>& columns,
                                       const std::vector<Eigen::Index>& rows,
                                       const Eigen::VectorXd& time, const std::string& dataName) {
  std::vector<math::GcvSpline> splines;
  for (const auto column : columns) {
    const auto values = data.scalarColumn(column);
    Eigen::VectorXd y(static_cast<Eigen::Index>(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      y[static_cast<Eigen::Index>(i)] = values[rows[i]];
      if (!std::isfinite(y[static_cast<Eigen::Index>(i)])) {
        throw InputError(dataName,
                         "column '" + data.column(column).label + "', time " +
                             std::to_string(data.time()[static_cast<std::size_t>(rows[i])]),
                         "missing or non-finite value in external load data");
      }
    }
    // OpenSim: GCVSpline(3, ...) with error variance 0, an interpolating cubic (gcv_spline.hpp).
    splines.push_back(math::GcvSpline::interpolate(time, y, 2));
  }
  return splines;
}

model::FrameIndex frameOf(const model::Model& model, const std::string& bodyName,
                          const std::string& forceName, const std::string& dataName) {
  if (bodyName.empty() || bodyName == "ground") return model::Model::groundFrame();
  if (const auto body = model.findBody(bodyName)) return model.body(*body).frame;
  throw InputError(dataName, "ExternalForce '" + forceName + "'",
                   "body '" + bodyName + "' is not in model '" + model.name() + "'");
}

}  // namespace

ExternalLoadSeries::ExternalLoadSeries(const model::Model& model,
                                       const ExternalLoadsDescription& description,
                                       const io::TimeSeriesTable& data,
                                       const std::string& dataName) {
  const auto rows = kinematics::strictlyIncreasingRows(data.time());
  if (rows.size() < 4) {
    throw InputError(dataName, "",
                     "external load data needs at least 4 time samples for cubic splines");
  }
  Eigen::VectorXd time(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    time[static_cast<Eigen::Index>(i)] = data.time()[static_cast<std::size_t>(rows[i])];
  }
  firstTime_ = time[0];
  lastTime_ = time[time.size() - 1];
  for (const auto& force : description.forces) {
    if (!force.appliesForce) continue;
    Entry entry;
    entry.name = force.name;
    const auto body = model.findBody(force.appliedToBody);
    if (!body) {
      throw InputError(
          dataName, "ExternalForce '" + force.name + "'",
          "applied_to_body '" + force.appliedToBody + "' is not in model '" + model.name() + "'");
    }
    entry.appliedTo = *body;
    entry.forceFrame = frameOf(model, force.forceExpressedInBody, force.name, dataName);
    entry.pointFrame = frameOf(model, force.pointExpressedInBody, force.name, dataName);
    const auto columns = resolveExternalForceColumns(force, data, dataName);
    if (columns.force) entry.force = splinesOf(data, *columns.force, rows, time, dataName);
    if (columns.point) entry.point = splinesOf(data, *columns.point, rows, time, dataName);
    if (columns.torque) entry.torque = splinesOf(data, *columns.torque, rows, time, dataName);
    entries_.push_back(std::move(entry));
  }
}

void ExternalLoadSeries::evaluate(double t, const model::Model& model,
                                  const model::Data& kinematics,
                                  std::vector<AppliedBodyLoad>& loads) const {
  loads.clear();
  const auto valueOf = [t](const std::vector<math::GcvSpline>& splines) {
    return Eigen::Vector3d(splines[0].value(t), splines[1].value(t), splines[2].value(t));
  };
  for (const auto& entry : entries_) {
    AppliedBodyLoad load;
    load.body = entry.appliedTo;
    const auto& X_GA = kinematics.X_GF[model.body(entry.appliedTo).frame.value()];
    const auto& X_GForce = kinematics.X_GF[entry.forceFrame.value()];
    if (!entry.force.empty()) load.force = X_GForce.R * valueOf(entry.force);
    if (!entry.point.empty()) {
      const Eigen::Vector3d pointInGround =
          kinematics.X_GF[entry.pointFrame.value()].apply(valueOf(entry.point));
      load.pointInBody = X_GA.inverse().apply(pointInGround);
    }
    if (!entry.torque.empty()) load.torque = X_GForce.R * valueOf(entry.torque);
    loads.push_back(load);
  }
}

}  // namespace kinchain::dynamics
