#pragma once
// External loads as functions of time, ready for inverse dynamics: each ExternalForce's force,
// point and torque columns become interpolating cubic splines (as OpenSim's ExternalForce builds
// GCVSpline(3, ...) of its data source), and at a given pose they turn into loads on bodies.

#include <array>
#include <string>
#include <vector>

#include "kinchain/dynamics/external_loads.hpp"
#include "kinchain/dynamics/inverse_dynamics.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/math/gcv_spline.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::dynamics {

class ExternalLoadSeries {
 public:
  /// Resolves bodies and columns. @throws InputError naming the data file or the ExternalForce
  /// when a body is not in the model or a column is missing.
  ExternalLoadSeries(const model::Model& model, const ExternalLoadsDescription& description,
                     const io::TimeSeriesTable& data, const std::string& dataName);

  /// Loads at time t for the pose in `kinematics` (forwardKinematics already run); replaces the
  /// contents of `loads`.
  void evaluate(double t, const model::Model& model, const model::Data& kinematics,
                std::vector<AppliedBodyLoad>& loads) const;

  double firstTime() const { return firstTime_; }
  double lastTime() const { return lastTime_; }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string name;
    model::BodyIndex appliedTo;
    model::FrameIndex forceFrame;         ///< frame the force and torque are expressed in
    model::FrameIndex pointFrame;         ///< frame the point is expressed in
    std::vector<math::GcvSpline> force;   ///< 0 or 3
    std::vector<math::GcvSpline> point;   ///< 0 or 3
    std::vector<math::GcvSpline> torque;  ///< 0 or 3
  };
  std::vector<Entry> entries_;
  double firstTime_ = 0.0;
  double lastTime_ = 0.0;
};

}  // namespace kinchain::dynamics
