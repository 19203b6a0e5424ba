#include "kinchain/dynamics/force_plate_assignment.hpp"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "kinchain/common/error.hpp"
#include "kinchain/io/sample_gaps.hpp"
#include "kinchain/kinematics/gait_events.hpp"

namespace kinchain::dynamics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Linear interpolation of a trajectory at time t (clamped to the record's ends).
Eigen::Vector3d pointAt(const std::vector<double>& time, const Eigen::MatrixX3d& points, double t) {
  if (time.empty()) return Eigen::Vector3d::Constant(kNaN);
  if (t <= time.front()) return points.row(0).transpose();
  if (t >= time.back()) return points.row(points.rows() - 1).transpose();
  const auto upper =
      static_cast<Eigen::Index>(std::upper_bound(time.begin(), time.end(), t) - time.begin());
  const double t0 = time[static_cast<std::size_t>(upper - 1)];
  const double t1 = time[static_cast<std::size_t>(upper)];
  const double w = (t - t0) / (t1 - t0);
  return ((1.0 - w) * points.row(upper - 1) + w * points.row(upper)).transpose();
}

// Horizontal distance from p to the segment a-b (all projected onto the floor plane).
double horizontalDistanceToSegment(const Eigen::Vector3d& p, const Eigen::Vector3d& a,
                                   const Eigen::Vector3d& b, const Eigen::Vector3d& up) {
  const auto flat = [&](const Eigen::Vector3d& v) { return Eigen::Vector3d(v - v.dot(up) * up); };
  const Eigen::Vector3d pa = flat(p - a);
  const Eigen::Vector3d ba = flat(b - a);
  const double length2 = ba.squaredNorm();
  const double s = length2 > 0.0 ? std::clamp(pa.dot(ba) / length2, 0.0, 1.0) : 0.0;
  return (pa - s * ba).norm();
}

const char* const kForceSuffix[3] = {"x", "y", "z"};

// Fills the short gaps of one plate's signals and refuses the others (see the header).
void repairPlateGaps(PlateSignals& plate, double motionFrameSeconds, const Eigen::Vector3d& up,
                     double thresholdNewtons, std::vector<std::string>& warnings) {
  const auto samples = static_cast<Eigen::Index>(plate.time.size());
  const auto missing = [&](Eigen::Index row) {
    const Eigen::Vector3d force = plate.force.row(row).transpose();
    if (!force.allFinite()) return true;
    return force.dot(up) >= thresholdNewtons &&
           (!plate.centreOfPressure.row(row).allFinite() || !plate.freeMoment.row(row).allFinite());
  };
  const auto gaps = io::findSampleGaps(samples, missing);
  if (gaps.empty()) return;
  Eigen::MatrixXd signals(samples, 9);
  signals << plate.force, plate.centreOfPressure, plate.freeMoment;
  for (const auto& gap : gaps) {
    const std::string span = io::gapTimeSpan(gap, plate.time);
    if (!io::isFillableGap(gap, plate.time, motionFrameSeconds)) {
      const bool atEnd = gap.first == 0 || gap.last + 1 == samples;
      throw InputError(
          plate.source.empty() ? plate.name : plate.source, "plate '" + plate.name + "', " + span,
          "the ground reaction has no value (NaN or blank) in " + std::to_string(gap.length()) +
              " sample(s); only a gap shorter than one motion frame (" +
              fmt::format("{:.4f}", motionFrameSeconds) +
              " s) between two recorded samples is filled, and this one " +
              (atEnd ? "reaches the end of the record" : "is longer") +
              ". Reading it as 'no foot on the plate' would be a wrong answer");
    }
    // Missing entries only: force, centre of pressure and free moment alike.
    io::fillGapLinearly(gap, plate.time, signals);
    // A centre of pressure (or free moment) undefined on one side of the gap (the foot landed or
    // left there) is held at the other side's value.
    for (Eigen::Index row = gap.first; row <= gap.last; ++row) {
      for (Eigen::Index column = 3; column < 9; ++column) {
        if (std::isfinite(signals(row, column))) continue;
        const double before = signals(gap.first - 1, column);
        signals(row, column) = std::isfinite(before) ? before : signals(gap.last + 1, column);
      }
    }
    warnings.push_back("plate '" + plate.name + "': the ground reaction has no value (NaN or " +
                       "blank) at " + span + " (" + std::to_string(gap.length()) +
                       " sample(s)); filled by linear interpolation (the gap is shorter than " +
                       "one motion frame)");
  }
  plate.force = signals.leftCols<3>();
  plate.centreOfPressure = signals.middleCols<3>(3);
  plate.freeMoment = signals.rightCols<3>();
}

}  // namespace

ExternalLoadsDescription FootGroundReactions::externalLoads(const std::string& rightFootBody,
                                                            const std::string& leftFootBody) const {
  ExternalLoadsDescription description;
  description.name = "force plates assigned to feet";
  for (const auto& [name, body, prefix] : {std::tuple{"right", rightFootBody, std::string()},
                                           std::tuple{"left", leftFootBody, std::string("l_")}}) {
    ExternalForceDescription force;
    force.name = name;
    force.appliedToBody = body;
    force.forceIdentifier = prefix + "ground_force_v";
    force.pointIdentifier = prefix + "ground_force_p";
    force.torqueIdentifier = prefix + "ground_torque_";
    description.forces.push_back(force);
  }
  return description;
}

FootGroundReactions assignPlatesToFeet(const std::vector<PlateSignals>& plates,
                                       const FootPoints& feet,
                                       const PlateAssignmentOptions& options) {
  if (plates.empty()) throw std::invalid_argument("assignPlatesToFeet: no force plate");
  const auto& time = plates.front().time;
  const auto samples = static_cast<Eigen::Index>(time.size());
  for (const auto& plate : plates) {
    if (plate.time != time)
      throw std::invalid_argument("assignPlatesToFeet: plates sampled at different times");
    if (plate.force.rows() != samples || plate.centreOfPressure.rows() != samples ||
        plate.freeMoment.rows() != samples) {
      throw std::invalid_argument("assignPlatesToFeet: plate '" + plate.name +
                                  "' has rows that do not match its time");
    }
  }
  for (int side = 0; side < 2; ++side) {
    if (feet.heel[side].rows() != static_cast<Eigen::Index>(feet.time.size()) ||
        feet.toe[side].rows() != static_cast<Eigen::Index>(feet.time.size()) || feet.time.empty()) {
      throw std::invalid_argument("assignPlatesToFeet: foot points do not match their time");
    }
  }
  const Eigen::Vector3d up = options.up.normalized();
  // One motion frame: the resolution of the kinematics the plates are matched to.
  const double motionFrameSeconds =
      feet.time.size() > 1
          ? (feet.time.back() - feet.time.front()) / static_cast<double>(feet.time.size() - 1)
          : 0.0;
  std::vector<PlateSignals> repaired = plates;
  std::vector<std::string> gapWarnings;
  for (auto& plate : repaired)
    repairPlateGaps(plate, motionFrameSeconds, up, options.thresholdNewtons, gapWarnings);

  // Foot length from the data itself: mean heel-to-toe distance over both feet.
  double footLength = 0.0;
  int footSamples = 0;
  for (int side = 0; side < 2; ++side) {
    for (Eigen::Index row = 0; row < feet.heel[side].rows(); ++row) {
      const double length = (feet.toe[side].row(row) - feet.heel[side].row(row)).norm();
      if (std::isfinite(length)) {
        footLength += length;
        ++footSamples;
      }
    }
  }
  footLength = footSamples > 0 ? footLength / footSamples : kNaN;

  FootGroundReactions result;
  result.warnings = std::move(gapWarnings);
  // owner(plate, sample): -1 none, 0 left, 1 right.
  std::vector<std::vector<int>> owner(plates.size(),
                                      std::vector<int>(static_cast<std::size_t>(samples), -1));
  for (std::size_t p = 0; p < repaired.size(); ++p) {
    const auto& plate = repaired[p];
    const Eigen::VectorXd vertical = plate.force * up;
    kinematics::ForceContactOptions contactOptions;
    contactOptions.thresholdNewtons = options.thresholdNewtons;
    // One motion frame: finer fragments cannot be matched to a foot.
    contactOptions.resolutionSeconds = motionFrameSeconds;
    for (const auto& interval :
         kinematics::contactsFromVerticalForce(time, vertical, contactOptions)) {
      PlateContact contact;
      contact.plate = p;
      contact.start = interval.strikeTime;
      contact.end = interval.offTime;
      std::array<double, 2> distanceSum{0.0, 0.0};
      int used = 0;
      for (Eigen::Index row = 0; row < samples; ++row) {
        if (time[static_cast<std::size_t>(row)] < interval.strikeTime ||
            time[static_cast<std::size_t>(row)] > interval.offTime)
          continue;
        const Eigen::Vector3d cop = plate.centreOfPressure.row(row).transpose();
        if (!cop.allFinite() || vertical[row] < options.thresholdNewtons) continue;
        const double t = time[static_cast<std::size_t>(row)];
        for (int side = 0; side < 2; ++side) {
          distanceSum[side] +=
              horizontalDistanceToSegment(cop, pointAt(feet.time, feet.heel[side], t),
                                          pointAt(feet.time, feet.toe[side], t), up);
        }
        ++used;
      }
      if (used == 0) continue;
      const int nearest = distanceSum[1] < distanceSum[0] ? 1 : 0;
      contact.meanDistance = distanceSum[nearest] / used;
      contact.side = nearest == 1 ? Side::Right : Side::Left;
      contact.assigned = std::isfinite(contact.meanDistance) && contact.meanDistance <= footLength;
      if (!contact.assigned) {
        result.warnings.push_back(
            "plate '" + plate.name + "' has a contact from " + std::to_string(contact.start) +
            " to " + std::to_string(contact.end) + " s with no foot on it (nearest foot " +
            std::to_string(contact.meanDistance) + " m away); not applied");
      } else {
        for (Eigen::Index row = 0; row < samples; ++row) {
          const double t = time[static_cast<std::size_t>(row)];
          if (t >= interval.strikeTime && t <= interval.offTime &&
              vertical[row] >= options.thresholdNewtons) {
            owner[p][static_cast<std::size_t>(row)] = nearest;
          }
        }
      }
      result.contacts.push_back(contact);
    }
  }

  // Merge each foot's plates sample by sample.
  result.table = io::TimeSeriesTable(time);
  for (int side = 1; side >= 0; --side) {
    Eigen::MatrixX3d force = Eigen::MatrixX3d::Zero(samples, 3);
    Eigen::MatrixX3d point = Eigen::MatrixX3d::Zero(samples, 3);
    Eigen::MatrixX3d torque = Eigen::MatrixX3d::Zero(samples, 3);
    for (Eigen::Index row = 0; row < samples; ++row) {
      Eigen::Vector3d totalForce = Eigen::Vector3d::Zero();
      Eigen::Vector3d totalMoment = Eigen::Vector3d::Zero();  // about the ground origin
      double height = 0.0;
      int active = 0;
      Eigen::Vector3d singleCop = Eigen::Vector3d::Zero(), singleFree = Eigen::Vector3d::Zero();
      for (std::size_t p = 0; p < repaired.size(); ++p) {
        if (owner[p][static_cast<std::size_t>(row)] != side) continue;
        const Eigen::Vector3d f = repaired[p].force.row(row).transpose();
        const Eigen::Vector3d cop = repaired[p].centreOfPressure.row(row).transpose();
        Eigen::Vector3d free = repaired[p].freeMoment.row(row).transpose();
        if (!free.allFinite()) free.setZero();
        totalForce += f;
        totalMoment += cop.cross(f) + free;
        height += cop.dot(up);
        singleCop = cop;
        singleFree = free;
        ++active;
      }
      if (active == 0) continue;
      force.row(row) = totalForce.transpose();
      if (active == 1) {
        point.row(row) = singleCop.transpose();
        torque.row(row) = singleFree.transpose();
        continue;
      }
      // Combined COP: the point c = h up + s (s horizontal) on the floor plane where the moment
      // M - c x F has no horizontal part. The horizontal part of s x F is Fv (s x up), so
      // s x up = H / Fv with H the horizontal part of M - h up x F, and s = up x H / Fv.
      height /= active;
      const double verticalForce = totalForce.dot(up);
      const Eigen::Vector3d momentAtHeight = totalMoment - (height * up).cross(totalForce);
      const Eigen::Vector3d horizontalMoment = momentAtHeight - momentAtHeight.dot(up) * up;
      const Eigen::Vector3d s = up.cross(horizontalMoment) / verticalForce;
      const Eigen::Vector3d centre = height * up + s;
      point.row(row) = centre.transpose();
      torque.row(row) = (totalMoment - centre.cross(totalForce)).transpose();
    }
    const std::string prefix = side == 1 ? "" : "l_";
    for (int axis = 0; axis < 3; ++axis) {
      result.table.addScalarColumn(prefix + "ground_force_v" + kForceSuffix[axis], force.col(axis),
                                   "N");
    }
    for (int axis = 0; axis < 3; ++axis) {
      result.table.addScalarColumn(prefix + "ground_force_p" + kForceSuffix[axis], point.col(axis),
                                   "m");
    }
    for (int axis = 0; axis < 3; ++axis) {
      result.table.addScalarColumn(prefix + "ground_torque_" + std::string(kForceSuffix[axis]),
                                   torque.col(axis), "N*m");
    }
  }
  return result;
}

}  // namespace kinchain::dynamics
