#pragma once
// Coordinates a marker set cannot see. A rigid body's orientation needs at least three
// non-collinear points on it; a joint whose child body carries fewer leaves part of its rotation
// undetermined, and inverse kinematics would fill it with noise (or leave it wherever it
// started). Kinchain locks such coordinates at their default value and says so, rather than
// report an angle the data do not contain:
//   - MTP (big-toe extension) needs a marker on the toes body;
//   - subtalar (pronation / supination) needs three non-collinear markers on the calcaneus
//     (its axis runs near the heel-to-toe line, so a heel and a toe marker alone cannot tell
//     inversion from eversion). In gait2392 the calcn body is the whole rear- and mid-foot up to
//     the metatarsophalangeal joint, so IOR-gait's calcaneus and 1st / 2nd / 5th metatarsal heads
//     (FCC, FM1, FM2, FM5; Leardini et al. 2007) give it a full orientation: with the shank
//     tracked, ankle and subtalar angles (2 DOF) are both determined. What is observed is the
//     foot as one rigid body against the shank; gait2392 has no midtarsal joint, so no
//     hindfoot-forefoot angle is modelled. Plug-in Gait (HEE, TOE) leaves subtalar locked;
//   - lumbar (trunk on pelvis) needs a marker on the torso or on a body it carries (head,
//     arms); a lower-body protocol has none.

#include <string>
#include <vector>

#include "kinchain/model/model.hpp"

namespace kinchain::kinematics {

struct LockedCoordinate {
  std::string coordinate;
  std::string reason;
};

/// The unlocked subtalar_angle* / mtp_angle* / lumbar_* coordinates whose joint's child body
/// carries fewer markers than needed (see the file comment), with the reason.
std::vector<LockedCoordinate> unobservedCoordinates(const model::Model& model);

/// `model` with the named coordinates locked at their default value (unknown names ignored).
model::Model withLockedCoordinates(const model::Model& model,
                                   const std::vector<LockedCoordinate>& locks);

}  // namespace kinchain::kinematics
