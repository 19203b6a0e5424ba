#include "kinchain/kinematics/gait_events.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace kinchain::kinematics {

std::string_view gaitEventKindName(GaitEventKind kind) {
  return kind == GaitEventKind::FootStrike ? "foot_strike" : "foot_off";
}

std::string_view gaitEventSourceName(GaitEventSource source) {
  switch (source) {
    case GaitEventSource::ForcePlate:
      return "force_plate";
    case GaitEventSource::Kinematics:
      return "kinematics";
    case GaitEventSource::Recorded:
      return "recorded";
  }
  return "unknown";
}

void sortEvents(std::vector<GaitEvent>& events) {
  std::stable_sort(events.begin(), events.end(), [](const GaitEvent& a, const GaitEvent& b) {
    return std::tie(a.time, a.side, a.kind) < std::tie(b.time, b.side, b.kind);
  });
}

namespace {

bool inContact(double force, double threshold) {
  return !std::isnan(force) && force >= threshold;
}

// Time where the line through (t0, f0), (t1, f1) crosses `level`.
double crossingTime(double t0, double f0, double t1, double f1, double level) {
  if (std::isnan(f0) || std::isnan(f1) || f1 == f0) return t1;
  return t0 + (level - f0) * (t1 - t0) / (f1 - f0);
}

}  // namespace

std::vector<ContactInterval> contactsFromVerticalForce(
    const std::vector<double>& time, const Eigen::Ref<const Eigen::VectorXd>& verticalForce,
    const ForceContactOptions& options) {
  if (static_cast<Eigen::Index>(time.size()) != verticalForce.size()) {
    throw std::invalid_argument("contactsFromVerticalForce: " + std::to_string(time.size()) +
                                " time stamps but " + std::to_string(verticalForce.size()) +
                                " force samples");
  }
  std::vector<ContactInterval> contacts;
  const double threshold = options.thresholdNewtons;
  const auto count = verticalForce.size();
  Eigen::Index index = 0;
  while (index < count) {
    if (!inContact(verticalForce[index], threshold)) {
      ++index;
      continue;
    }
    ContactInterval contact;
    contact.strikeObserved = index > 0 && !std::isnan(verticalForce[index - 1]);
    contact.strikeTime = index > 0 ? crossingTime(time[index - 1], verticalForce[index - 1],
                                                  time[index], verticalForce[index], threshold)
                                   : time[0];
    contact.peakForce = verticalForce[index];
    while (index < count && inContact(verticalForce[index], threshold)) {
      contact.peakForce = std::max(contact.peakForce, verticalForce[index]);
      ++index;
    }
    contact.offObserved = index < count && !std::isnan(verticalForce[index]);
    contact.offTime = index < count ? crossingTime(time[index - 1], verticalForce[index - 1],
                                                   time[index], verticalForce[index], threshold)
                                    : time[count - 1];
    contacts.push_back(contact);
  }
  if (options.resolutionSeconds > 0.0) {
    std::vector<ContactInterval> merged;
    for (const auto& contact : contacts) {
      if (!merged.empty() &&
          contact.strikeTime - merged.back().offTime < options.resolutionSeconds) {
        merged.back().offTime = contact.offTime;
        merged.back().offObserved = contact.offObserved;
        merged.back().peakForce = std::max(merged.back().peakForce, contact.peakForce);
      } else {
        merged.push_back(contact);
      }
    }
    std::erase_if(merged, [&](const ContactInterval& contact) {
      return contact.offTime - contact.strikeTime < options.resolutionSeconds;
    });
    contacts = std::move(merged);
  }
  return contacts;
}

std::vector<GaitEvent> eventsFromContacts(const std::vector<ContactInterval>& contacts, Side side) {
  std::vector<GaitEvent> events;
  for (const auto& contact : contacts) {
    if (contact.strikeObserved) {
      events.push_back(
          {side, GaitEventKind::FootStrike, contact.strikeTime, GaitEventSource::ForcePlate});
    }
    if (contact.offObserved) {
      events.push_back(
          {side, GaitEventKind::FootOff, contact.offTime, GaitEventSource::ForcePlate});
    }
  }
  return events;
}

Eigen::Vector3d walkingDirection(const Eigen::MatrixX3d& pelvisCentre, int verticalAxis) {
  if (verticalAxis < 0 || verticalAxis > 2) {
    throw std::invalid_argument("vertical axis must be 0, 1 or 2");
  }
  Eigen::Index first = -1;
  Eigen::Index last = -1;
  for (Eigen::Index row = 0; row < pelvisCentre.rows(); ++row) {
    if (pelvisCentre.row(row).allFinite()) {
      if (first < 0) first = row;
      last = row;
    }
  }
  if (first < 0 || first == last) {
    throw std::invalid_argument(
        "walking direction needs at least two frames with a pelvis position");
  }
  Eigen::Vector3d displacement = (pelvisCentre.row(last) - pelvisCentre.row(first)).transpose();
  displacement[verticalAxis] = 0.0;
  const double distance = displacement.norm();
  if (!(distance > 0.0)) {
    throw std::invalid_argument(
        "the pelvis does not move horizontally (treadmill trial?): give the walking direction");
  }
  return displacement / distance;
}

namespace {

// Signed distance of a foot marker ahead of the pelvis centre along `direction`, NaN when a
// marker is missing in that frame.
Eigen::VectorXd forwardOffset(const Eigen::MatrixX3d& marker, const Eigen::MatrixX3d& pelvis,
                              const Eigen::Vector3d& direction) {
  Eigen::VectorXd offset(marker.rows());
  for (Eigen::Index row = 0; row < marker.rows(); ++row) {
    const Eigen::RowVector3d relative = marker.row(row) - pelvis.row(row);
    offset[row] = relative.allFinite() ? relative.dot(direction.transpose())
                                       : std::numeric_limits<double>::quiet_NaN();
  }
  return offset;
}

// Frames that are strict extrema of `signal` among their valid neighbours. A plateau counts
// once, at its middle. `wantMaximum` picks maxima (>0 only) or minima (<0 only).
std::vector<Eigen::Index> extremumFrames(const Eigen::VectorXd& signal, bool wantMaximum) {
  std::vector<Eigen::Index> valid;
  for (Eigen::Index row = 0; row < signal.size(); ++row) {
    if (!std::isnan(signal[row])) valid.push_back(row);
  }
  std::vector<Eigen::Index> extrema;
  const double sign = wantMaximum ? 1.0 : -1.0;
  std::size_t index = 1;
  while (index + 1 < valid.size()) {
    const double value = sign * signal[valid[index]];
    const double previous = sign * signal[valid[index - 1]];
    if (value <= previous || value <= 0.0) {
      ++index;
      continue;
    }
    std::size_t plateauEnd = index;
    while (plateauEnd + 1 < valid.size() && sign * signal[valid[plateauEnd + 1]] == value) {
      ++plateauEnd;
    }
    if (plateauEnd + 1 < valid.size() && sign * signal[valid[plateauEnd + 1]] < value) {
      extrema.push_back(valid[(index + plateauEnd) / 2]);
    }
    index = plateauEnd + 1;
  }
  return extrema;
}

}  // namespace

std::vector<GaitEvent> eventsFromKinematics(const std::vector<double>& time,
                                            const Eigen::MatrixX3d& pelvisCentre,
                                            const FootMarkerTrajectories& foot, Side side,
                                            const KinematicEventOptions& options) {
  const auto frames = static_cast<Eigen::Index>(time.size());
  if (pelvisCentre.rows() != frames || foot.heel.rows() != frames || foot.toe.rows() != frames) {
    throw std::invalid_argument(
        "eventsFromKinematics: time, pelvis, heel and toe differ in length");
  }
  Eigen::Vector3d direction;
  if (options.direction) {
    direction = *options.direction;
    direction[options.verticalAxis] = 0.0;
    if (!(direction.norm() > 0.0)) {
      throw std::invalid_argument("walking direction must have a horizontal component");
    }
    direction.normalize();
  } else {
    direction = walkingDirection(pelvisCentre, options.verticalAxis);
  }

  std::vector<GaitEvent> events;
  const Eigen::VectorXd heelAhead = forwardOffset(foot.heel, pelvisCentre, direction);
  for (const auto frame : extremumFrames(heelAhead, /*wantMaximum=*/true)) {
    events.push_back({side, GaitEventKind::FootStrike, time[frame], GaitEventSource::Kinematics});
  }
  const Eigen::VectorXd toeAhead = forwardOffset(foot.toe, pelvisCentre, direction);
  for (const auto frame : extremumFrames(toeAhead, /*wantMaximum=*/false)) {
    events.push_back({side, GaitEventKind::FootOff, time[frame], GaitEventSource::Kinematics});
  }
  sortEvents(events);
  return events;
}

}  // namespace kinchain::kinematics
