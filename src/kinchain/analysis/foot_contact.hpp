#pragma once
// Where the feet are and when they touch the ground: body-origin paths from inverse kinematics,
// force plates assigned to the feet, and gait events from the plates where a foot is on one and
// from kinematics everywhere else.

#include <Eigen/Core>

#include <array>
#include <string>
#include <vector>

#include "kinchain/dynamics/force_plate_assignment.hpp"
#include "kinchain/kinematics/gait_events.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::analysis {

/// Ground-frame paths (m) of the pelvis and of each foot's heel (calcaneus body origin) and toe
/// (toes body origin, the MTP joint), one row per frame. [0] left, [1] right.
struct SegmentPaths {
  std::vector<double> time;
  Eigen::MatrixX3d pelvis;
  std::array<Eigen::MatrixX3d, 2> heel;
  std::array<Eigen::MatrixX3d, 2> toe;
};

/// Body names of the pelvis and feet; gait2392, gait2354, gait10dof18musc and Rajagopal 2015 all
/// use these.
struct FootBodies {
  std::string pelvis = "pelvis";
  std::array<std::string, 2> calcaneus{"calcn_l", "calcn_r"};
  std::array<std::string, 2> toes{"toes_l", "toes_r"};
};

/// Runs forward kinematics at each pose (all coordinates, rad / m).
/// @throws InputError(model name, ...) when a body is missing.
SegmentPaths segmentPaths(const model::Model& model, const std::vector<double>& time,
                          const std::vector<Eigen::VectorXd>& poses, const FootBodies& bodies = {});

struct GaitEventDetection {
  std::vector<kinematics::GaitEvent> events;  ///< sorted
  std::vector<std::string> notes;
};

/// Events per side. Where a plate contact is assigned to the foot its observed strike and
/// foot-off are used (vertical force threshold, kinematics/gait_events.hpp); elsewhere the
/// kinematic events of Zeni et al. (2008) from the heel and toe paths. A kinematic event is
/// replaced by a plate event of the same side and kind within half a stride of it (events of
/// one side and kind happen once per stride, so within half a stride they are the same event).
/// `reactions` may be null (no plates).
GaitEventDetection detectGaitEvents(const SegmentPaths& paths,
                                    const dynamics::FootGroundReactions* reactions,
                                    double markerRate);

}  // namespace kinchain::analysis
