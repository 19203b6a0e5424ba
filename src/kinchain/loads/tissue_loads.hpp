#pragma once
// Posterior-chain tissue loads from a model, its coordinates and static-optimisation muscle
// forces: Achilles tendon, calf (soleus, gastrocnemius), hamstrings, and what can be said about
// the plantar fascia. Muscles are found by name (tissue_muscles.hpp).
//
// Inputs
// - coordinates: the IK / SO input motion (.mot/.sto); degrees or radians as its inDegrees
//   header says (io::stoIsInDegrees). Quintic splines through it give q and qdot at each force
//   row (kinematics/coordinate_trajectories.hpp, no filtering), as the SO run evaluated them.
// - muscleForces: an SO *_StaticOptimization_force.sto (one column per muscle, N). Its rows are
//   the output rows. Every recognised muscle of the model must have a column (InputError
//   otherwise); a NaN force gives NaN in every quantity that uses it.
// - inverseDynamics (optional): an ID .sto with <coordinate>_moment columns (N*m), interpolated
//   linearly to the force rows (NaN outside its time range).
//
// Series columns, per side s in {r, l} (only those the model supports; see `unavailable`):
//   achilles_force_s            N    sum of the triceps-surae forces (soleus + gastrocnemii): the
//                                    Achilles tendon carries them all
//   achilles_force_bw_s         BW   / (bodyMassKg * 9.80665); only when bodyMassKg > 0
//   soleus_force_s              N
//   gastrocnemius_force_s       N    all gastrocnemius heads
//   soleus_plantarflexion_moment_s, gastrocnemius_plantarflexion_moment_s
//                               N*m  -F * r_ankle, r_ankle = moment arm about ankle_angle_s
//                                    (OpenSim sign: ankle_angle positive = dorsiflexion, so a
//                                    plantarflexor has r < 0 and this moment is > 0)
//   ankle_plantarflexion_moment_s  N*m  -ankle_angle_s_moment from inverse dynamics
//   soleus_moment_share_s, gastrocnemius_moment_share_s
//                               1    muscle plantarflexion moment / ID plantarflexion moment,
//                                    where the ID moment is plantarflexor (> 0); NaN elsewhere
//   per hamstring head h (semimem, semiten, bflh, bfsh, or the lumped "hamstrings"):
//   h_force_s                   N
//   h_mtu_length_s              m    muscle-tendon (path) length
//   h_stretch_s                 %    (L / L_upright - 1) * 100, L_upright = path length with every
//                                    coordinate at 0 (pelvis, hip, knee, ankle neutral: upright
//                                    standing in OpenSim models; dependent coordinates of
//                                    couplers follow). Thelen et al. 2005 report hamstring
//                                    stretch relative to upright stance the same way.
//   h_lengthening_velocity_s    m/s  dL/dt of the path (positive = lengthening)
//   h_fibre_strain_s            1    l_M / l_opt - 1 at muscle-tendon equilibrium
//                                    (muscle/muscle_equilibrium.hpp) with the SO activation
//   h_fibre_velocity_s          m/s  fibre lengthening velocity at that equilibrium
//   mtp_angle_s                 deg  the model's MTP angle (windlass input), where it has one
// The SO activation is recovered as a = F / F_1, F_1 = the inextensible-tendon active fibre force
// at full activation (muscle_equilibrium.hpp): that is how SO defines a muscle's force.
//
// Plantar fascia tension is not computed. In the windlass model of D'Hondt, De Groote &
// Afschrift (2023, bioRxiv 10.1101/2023.03.22.533790) the fascia length is the arch chord, a
// function of the midtarsal (arch) angle, plus the metatarsal-head radius times the MTP angle
// (Hicks 1954's windlass), and its tension follows a force-length curve from its slack length.
// The arch term is what carries the loading from the Achilles and the ankle (the arch flattens
// under load), and the slack length is fitted to that model's foot. None of the supported
// models has a midtarsal coordinate or a fascia element, so a tension from the MTP angle alone
// would leave out the arch loading and rest on another model's fitted parameters: it is listed
// in `unavailable` with the reason, and the MTP angle (the windlass input) is reported where
// the model has one.

#include <string>
#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::loads {

/// Standard gravity used for body-weight units (ISO 80000-3 / CGPM 1901), m/s^2.
inline constexpr double kStandardGravity = 9.80665;

struct TissueLoadOptions {
  double bodyMassKg = 0.0;  ///< 0 = unknown: BW columns omitted
};

struct TissueLoads {
  io::TimeSeriesTable series;            ///< one row per force row; columns as above
  std::vector<std::string> unavailable;  ///< "plantar fascia (left): model has no mtp_angle_l"
  std::vector<std::string> notes;        ///< which muscles were used, recovered activations...
};

/// @throws InputError for a muscle-force table that lacks a recognised muscle, time stamps that
///         do not increase, coordinates that match no model coordinate, or a negative mass.
TissueLoads computeTissueLoads(const model::Model& model, const io::TimeSeriesTable& coordinates,
                               const io::TimeSeriesTable& muscleForces,
                               const io::TimeSeriesTable* inverseDynamics,
                               const TissueLoadOptions& options);

}  // namespace kinchain::loads
