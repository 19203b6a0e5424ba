#include "kinchain/analysis/foot_contact.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "kinchain/common/error.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"

namespace kinchain::analysis {

namespace {

model::FrameIndex bodyFrame(const model::Model& model, const std::string& name) {
  const auto body = model.findBody(name);
  if (!body) {
    throw InputError(model.name(), "body '" + name + "'",
                     "the model has no such body; the gait analysis needs the pelvis, calcaneus "
                     "and toes bodies");
  }
  return model.body(*body).frame;
}

std::vector<double> times(const std::vector<kinematics::GaitEvent>& events, Side side,
                          kinematics::GaitEventKind kind) {
  std::vector<double> result;
  for (const auto& event : events) {
    if (event.side == side && event.kind == kind) result.push_back(event.time);
  }
  return result;
}

double medianInterval(std::vector<double> times) {
  if (times.size() < 2) return std::nan("");
  std::sort(times.begin(), times.end());
  std::vector<double> gaps;
  for (std::size_t i = 1; i < times.size(); ++i)
    gaps.push_back(times[i] - times[i - 1]);
  std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
  return gaps[gaps.size() / 2];
}

}  // namespace

SegmentPaths segmentPaths(const model::Model& model, const std::vector<double>& time,
                          const std::vector<Eigen::VectorXd>& poses, const FootBodies& bodies) {
  if (time.size() != poses.size())
    throw std::invalid_argument("segmentPaths: times and poses differ in length");
  const model::FrameIndex pelvis = bodyFrame(model, bodies.pelvis);
  std::array<model::FrameIndex, 2> heel{}, toe{};
  for (int side = 0; side < 2; ++side) {
    heel[side] = bodyFrame(model, bodies.calcaneus[side]);
    toe[side] = bodyFrame(model, bodies.toes[side]);
  }
  const auto frames = static_cast<Eigen::Index>(time.size());
  SegmentPaths paths;
  paths.time = time;
  paths.pelvis.resize(frames, 3);
  for (int side = 0; side < 2; ++side) {
    paths.heel[side].resize(frames, 3);
    paths.toe[side].resize(frames, 3);
  }
  model::Data data(model);
  for (Eigen::Index frame = 0; frame < frames; ++frame) {
    model::forwardKinematics(model, data, poses[static_cast<std::size_t>(frame)]);
    paths.pelvis.row(frame) = data.X_GF[pelvis.value()].p.transpose();
    for (int side = 0; side < 2; ++side) {
      paths.heel[side].row(frame) = data.X_GF[heel[side].value()].p.transpose();
      paths.toe[side].row(frame) = data.X_GF[toe[side].value()].p.transpose();
    }
  }
  return paths;
}

GaitEventDetection detectGaitEvents(const SegmentPaths& paths,
                                    const dynamics::FootGroundReactions* reactions,
                                    double markerRate) {
  GaitEventDetection detection;
  std::vector<kinematics::GaitEvent> kinematicOf[2], plateOf[2];
  for (const Side side : {Side::Left, Side::Right}) {
    const int s = side == Side::Left ? 0 : 1;
    // Kinematic events (Zeni et al. 2008) everywhere.
    std::vector<kinematics::GaitEvent> kinematic;
    try {
      kinematics::KinematicEventOptions options;
      options.verticalAxis = 1;  // OpenSim ground: y up
      kinematic = kinematics::eventsFromKinematics(paths.time, paths.pelvis,
                                                   {paths.heel[s], paths.toe[s]}, side, options);
    } catch (const std::invalid_argument& error) {
      detection.notes.push_back(
          fmt::format("{} side: no kinematic gait events ({})", sideName(side), error.what()));
    }
    // Plate events where the foot is on a plate.
    std::vector<kinematics::GaitEvent> plate;
    if (reactions != nullptr) {
      const std::string column = side == Side::Left ? "l_ground_force_vy" : "ground_force_vy";
      if (const auto index = reactions->table.findColumn(column)) {
        kinematics::ForceContactOptions options;
        if (markerRate > 0.0) options.resolutionSeconds = 1.0 / markerRate;
        const auto contacts = kinematics::contactsFromVerticalForce(
            reactions->table.time(), reactions->table.scalarColumn(*index), options);
        plate = kinematics::eventsFromContacts(contacts, side);
      }
    }
    kinematicOf[s] = std::move(kinematic);
    plateOf[s] = std::move(plate);
  }
  // A plate event replaces the kinematic event of its kind within half a stride. The stride
  // comes from the side's own kinematic strikes; a side with a single strike (a short trial)
  // takes the other side's, since both legs share one stride time in steady walking; only then
  // the plate strikes. Without any stride, every kinematic strike of the side would give way to
  // any plate strike, and a strike off the plates would be lost.
  const auto strideOf = [&](int s) {
    return medianInterval(times(kinematicOf[s], s == 0 ? Side::Left : Side::Right,
                                kinematics::GaitEventKind::FootStrike));
  };
  for (const Side side : {Side::Left, Side::Right}) {
    const int s = side == Side::Left ? 0 : 1;
    const auto& kinematic = kinematicOf[s];
    const auto& plate = plateOf[s];
    double stride = strideOf(s);
    if (!std::isfinite(stride)) stride = strideOf(1 - s);
    if (!std::isfinite(stride))
      stride = medianInterval(times(plate, side, kinematics::GaitEventKind::FootStrike));
    for (const auto& event : kinematic) {
      const bool replaced = std::any_of(plate.begin(), plate.end(), [&](const auto& other) {
        return other.kind == event.kind &&
               (!std::isfinite(stride) || std::abs(other.time - event.time) < 0.5 * stride);
      });
      if (!replaced) detection.events.push_back(event);
    }
    detection.events.insert(detection.events.end(), plate.begin(), plate.end());
  }
  kinematics::sortEvents(detection.events);
  // Strikes and foot-offs of one side alternate. Two of a kind in a row come from noise around
  // one kinematic extremum (or a kinematic event beside a plate event): keep the plate event,
  // else the earlier one.
  std::vector<kinematics::GaitEvent> alternating;
  for (const auto& event : detection.events) {
    auto previous = std::find_if(alternating.rbegin(), alternating.rend(),
                                 [&](const auto& other) { return other.side == event.side; });
    if (previous != alternating.rend() && previous->kind == event.kind) {
      const bool keepNew = event.source == kinematics::GaitEventSource::ForcePlate &&
                           previous->source != kinematics::GaitEventSource::ForcePlate;
      detection.notes.push_back(
          fmt::format("{} side: two {} events in a row ({:.3f} s and {:.3f} s); kept the {} one",
                      sideName(event.side), kinematics::gaitEventKindName(event.kind),
                      previous->time, event.time, keepNew ? "force-plate" : "earlier"));
      if (keepNew) *previous = event;
      continue;
    }
    alternating.push_back(event);
  }
  detection.events = std::move(alternating);
  kinematics::sortEvents(detection.events);
  return detection;
}

}  // namespace kinchain::analysis
