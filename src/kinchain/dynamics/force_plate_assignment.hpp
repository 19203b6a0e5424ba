#pragma once
// Assigns force-plate contacts to feet and merges them into one ground reaction per foot, ready
// for inverse dynamics as an OpenSim ExternalLoads pair (right: ground_force_v*, ground_force_p*,
// ground_torque_*; left: l_ground_*), applied to the feet bodies and expressed in ground.
//
// A contact is an interval where a plate's vertical force is at or above the threshold
// (kinematics/gait_events.hpp); fragments and gaps shorter than one motion frame are merged
// away, since the kinematics cannot tell them apart. It belongs to the foot whose heel-to-toe
// segment lies nearest (horizontally, mean over the contact) to the plate's centre of pressure. A
// contact farther than one foot length (the mean heel-to-toe distance) from both feet is reported
// and not applied: no foot is on that plate. When one foot loads several plates at once (a strike
// across two plates) their wrenches add: F = sum F_i, moment about the floor-plane point where
// the total moment has no horizontal part (the combined centre of pressure), plus the free
// moment about the vertical.

#include <Eigen/Core>

#include <array>
#include <string>
#include <vector>

#include "kinchain/common/side.hpp"
#include "kinchain/dynamics/external_loads.hpp"
#include "kinchain/io/time_series_table.hpp"

namespace kinchain::dynamics {

/// One plate's ground reaction on the subject, sampled at `time` (s), already in the model's
/// ground frame: force (N), centre of pressure (m; NaN or anything when the force is below the
/// threshold) and free moment about the COP (N*m).
struct PlateSignals {
  std::string name;
  /// File the signals were read from (C3D or GRF .mot); named in errors. Empty: `name` is used.
  std::string source;
  std::vector<double> time;
  Eigen::MatrixX3d force;
  Eigen::MatrixX3d centreOfPressure;
  Eigen::MatrixX3d freeMoment;
};

/// Heel and toe points of both feet over time (model ground, m), e.g. the calcaneus and toes
/// body origins from inverse kinematics, or heel and toe markers.
struct FootPoints {
  std::vector<double> time;
  std::array<Eigen::MatrixX3d, 2> heel;  ///< [0] left, [1] right
  std::array<Eigen::MatrixX3d, 2> toe;
};

struct PlateContact {
  std::size_t plate = 0;
  double start = 0.0;  ///< s
  double end = 0.0;    ///< s
  bool assigned = false;
  Side side = Side::Left;
  double meanDistance = 0.0;  ///< m, COP to the nearest foot segment
};

struct FootGroundReactions {
  /// Columns ground_force_v{x,y,z}, ground_force_p{x,y,z}, ground_torque_{x,y,z} (right foot)
  /// and l_ground_* (left foot), at the plates' sample times.
  io::TimeSeriesTable table;
  std::vector<PlateContact> contacts;
  std::vector<std::string> warnings;
  /// ExternalForce entries "right"/"left" naming the columns above (datafile left empty).
  ExternalLoadsDescription externalLoads(const std::string& rightFootBody,
                                         const std::string& leftFootBody) const;
};

struct PlateAssignmentOptions {
  /// Contact threshold on the vertical force (N): 10 N after Tirosh & Sparrow (2003) and BTK's
  /// default (Barré & Armand 2014); see kinematics/gait_events.hpp.
  double thresholdNewtons = 10.0;
  /// Unit vector pointing up in the model's ground frame (OpenSim models: +y).
  Eigen::Vector3d up = Eigen::Vector3d::UnitY();
};

/// Plates must share one time base (same sample times). Throws std::invalid_argument when they
/// do not, or when sizes disagree.
///
/// Samples without a value: a plate sample is missing when its force is NaN (a blank field of a
/// GRF file, a NaN analog sample of a C3D), or when the vertical force is at or above the
/// threshold but the centre of pressure or the free moment is NaN. Such a gap is never read as
/// "no foot on the plate". A gap whose neighbouring samples lie at most one motion frame apart
/// (feet.time's mean step) is filled by linear interpolation, and a warning names the plate,
/// the time span and the number of samples (policy and sources in io/sample_gaps.hpp; a centre
/// of pressure undefined on one side is held at the other side's value). Any other gap (longer,
/// or at either end of the record) throws InputError(source, "plate '<name>', <t0>-<t1> s",
/// reason).
FootGroundReactions assignPlatesToFeet(const std::vector<PlateSignals>& plates,
                                       const FootPoints& feet,
                                       const PlateAssignmentOptions& options = {});

}  // namespace kinchain::dynamics
