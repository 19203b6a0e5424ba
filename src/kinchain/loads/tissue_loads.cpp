#include "kinchain/loads/tissue_loads.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <optional>
#include <stdexcept>

#include "kinchain/common/error.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/loads/tissue_muscles.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/muscle/geometry_path.hpp"
#include "kinchain/muscle/moment_arm.hpp"
#include "kinchain/muscle/muscle_equilibrium.hpp"

namespace kinchain::loads {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kForcesSource = "muscle forces";
constexpr const char* kIdSource = "inverse dynamics";

std::string sideLetter(Side side) {
  return side == Side::Right ? "r" : "l";
}

struct ForcedMuscle {
  model::MuscleIndex muscle;
  std::size_t forceColumn = 0;
};

struct HamstringHead {
  TissueMuscleRole role = TissueMuscleRole::Hamstrings;
  ForcedMuscle source;
  std::optional<muscle::MuscleMechanics> mechanics;  // absent: fibre quantities unavailable
  double uprightLength = 0.0;                        // m
};

struct SideSetup {
  Side side = Side::Right;
  std::vector<ForcedMuscle> soleus, gastrocnemius;
  std::vector<HamstringHead> hamstrings;
  std::optional<model::CoordinateIndex> ankle, mtp;
  std::optional<std::size_t> idAnkleColumn;
};

// Columns of one side in the output table (indices into series).
struct SideColumns {
  std::optional<std::size_t> achilles, achillesBw, soleus, gastrocnemius;
  std::optional<std::size_t> soleusMoment, gastrocnemiusMoment, idMoment, soleusShare,
      gastrocnemiusShare, mtp;
  struct Head {
    std::size_t force, length, stretch, velocity;
    std::optional<std::size_t> fibreStrain, fibreVelocity;
  };
  std::vector<Head> heads;
};

void requireIncreasing(const std::vector<double>& time, const char* source) {
  for (std::size_t i = 0; i < time.size(); ++i) {
    if (!std::isfinite(time[i])) {
      throw InputError(source, "row " + std::to_string(i + 1), "time is not a finite number");
    }
    if (i > 0 && !(time[i] > time[i - 1])) {
      throw InputError(source, "row " + std::to_string(i + 1),
                       "time does not increase (" + std::to_string(time[i]) + " after " +
                           std::to_string(time[i - 1]) + ")");
    }
  }
}

// Linear interpolation of a scalar column at t; NaN outside the table's time range.
double interpolate(const io::TimeSeriesTable& table, std::size_t column, double t) {
  const std::vector<double>& time = table.time();
  if (time.empty() || t < time.front() - 1e-9 || t > time.back() + 1e-9) return kNaN;
  const auto after = std::upper_bound(time.begin(), time.end(), t);
  if (after == time.begin()) return table.scalar(0, column);
  if (after == time.end()) return table.scalar(table.rowCount() - 1, column);
  const auto i1 = static_cast<Eigen::Index>(after - time.begin());
  const Eigen::Index i0 = i1 - 1;
  const double t0 = time[static_cast<std::size_t>(i0)];
  const double t1 = time[static_cast<std::size_t>(i1)];
  const double w = (t - t0) / (t1 - t0);
  return (1.0 - w) * table.scalar(i0, column) + w * table.scalar(i1, column);
}

// Coordinates of upright standing: every coordinate 0, dependent coupler coordinates following
// their independent one (in model order).
Eigen::VectorXd uprightCoordinates(const model::Model& model) {
  Eigen::VectorXd q = Eigen::VectorXd::Zero(model.nq());
  for (const model::CoordinateCouplerConstraint& coupler : model.couplerConstraints()) {
    if (!coupler.enabled) continue;
    q[static_cast<Eigen::Index>(coupler.dependent.value())] =
        coupler.scaleFactor *
        coupler.function.value(q[static_cast<Eigen::Index>(coupler.independent.value())]);
  }
  return q;
}

}  // namespace

TissueLoads computeTissueLoads(const model::Model& model, const io::TimeSeriesTable& coordinates,
                               const io::TimeSeriesTable& muscleForces,
                               const io::TimeSeriesTable* inverseDynamics,
                               const TissueLoadOptions& options) {
  if (!(options.bodyMassKg >= 0.0) || !std::isfinite(options.bodyMassKg)) {
    throw InputError("tissue load options", "bodyMassKg",
                     "body mass must be a finite number >= 0 (0 = unknown)");
  }
  requireIncreasing(muscleForces.time(), kForcesSource);
  if (inverseDynamics != nullptr) requireIncreasing(inverseDynamics->time(), kIdSource);

  TissueLoads out;
  out.series = io::TimeSeriesTable(muscleForces.time());
  out.series.setMetadata("name", "TissueLoads");
  out.series.setMetadata("inDegrees", "no");

  // Resolve muscles, force columns and coordinates per side.
  const std::vector<TissueMuscle> tissueMuscles = findTissueMuscles(model);
  const auto forceColumn = [&](model::MuscleIndex muscle) {
    const std::string& name = model.muscle(muscle).name;
    const auto column = muscleForces.findColumn(name);
    if (!column) {
      throw InputError(kForcesSource, "column '" + name + "'",
                       "no force column for model muscle " + name +
                           " (expected the *_StaticOptimization_force.sto of the same model)");
    }
    return *column;
  };
  std::vector<SideSetup> sides(2);
  sides[0].side = Side::Right;
  sides[1].side = Side::Left;
  for (SideSetup& setup : sides) {
    const std::string s = sideLetter(setup.side);
    setup.ankle = model.findCoordinate("ankle_angle_" + s);
    setup.mtp = model.findCoordinate("mtp_angle_" + s);
    if (inverseDynamics != nullptr) {
      setup.idAnkleColumn = inverseDynamics->findColumn("ankle_angle_" + s + "_moment");
    }
    for (const TissueMuscle& tissue : tissueMuscles) {
      if (tissue.side != setup.side) continue;
      const ForcedMuscle forced{tissue.muscle, forceColumn(tissue.muscle)};
      if (tissue.role == TissueMuscleRole::Soleus) {
        setup.soleus.push_back(forced);
      } else if (isGastrocnemius(tissue.role)) {
        setup.gastrocnemius.push_back(forced);
      } else if (isHamstring(tissue.role)) {
        const bool duplicate =
            std::any_of(setup.hamstrings.begin(), setup.hamstrings.end(),
                        [&](const HamstringHead& head) { return head.role == tissue.role; });
        if (duplicate) {
          out.notes.push_back("muscle " + model.muscle(tissue.muscle).name +
                              " skipped: another muscle already stands for " +
                              std::string(tissueMuscleRoleKey(tissue.role)) + "_" + s);
          continue;
        }
        HamstringHead head{tissue.role, forced, std::nullopt, 0.0};
        try {
          head.mechanics = muscle::buildMuscleMechanics(model.muscle(tissue.muscle));
        } catch (const std::invalid_argument& error) {
          out.unavailable.push_back(
              "fibre strain and velocity of " + model.muscle(tissue.muscle).name +
              ": its muscle model cannot be equilibrated (" + error.what() + ")");
        }
        setup.hamstrings.push_back(std::move(head));
      }
    }
  }

  // Upright (all coordinates 0) path lengths.
  model::Data data(model);
  muscle::PathData paths(model);
  model::forwardKinematics(model, data, uprightCoordinates(model));
  muscle::computePathGeometry(model, data, paths);
  for (SideSetup& setup : sides) {
    for (HamstringHead& head : setup.hamstrings)
      head.uprightLength = paths.lengths[static_cast<Eigen::Index>(head.source.muscle.value())];
  }

  // Output columns.
  const bool bodyWeight = options.bodyMassKg > 0.0;
  std::vector<SideColumns> columns(2);
  const auto add = [&](const std::string& label, const char* unit) {
    return out.series.addEmptyColumn(label, io::ColumnKind::Scalar, unit);
  };
  for (std::size_t k = 0; k < sides.size(); ++k) {
    const SideSetup& setup = sides[k];
    SideColumns& c = columns[k];
    const std::string s = sideLetter(setup.side);
    const std::string sideWord(sideName(setup.side));
    if (setup.soleus.empty() && setup.gastrocnemius.empty()) {
      out.unavailable.push_back("Achilles tendon and calf (" + sideWord +
                                "): the model has no soleus or gastrocnemius muscle ending in _" +
                                s);
    } else {
      c.achilles = add("achilles_force_" + s, "N");
      if (bodyWeight) c.achillesBw = add("achilles_force_bw_" + s, "BW");
      if (!setup.soleus.empty()) c.soleus = add("soleus_force_" + s, "N");
      if (!setup.gastrocnemius.empty()) c.gastrocnemius = add("gastrocnemius_force_" + s, "N");
      if (!setup.ankle) {
        out.unavailable.push_back("calf share of the ankle moment (" + sideWord +
                                  "): model has no ankle_angle_" + s);
      } else {
        if (c.soleus) c.soleusMoment = add("soleus_plantarflexion_moment_" + s, "N*m");
        if (c.gastrocnemius)
          c.gastrocnemiusMoment = add("gastrocnemius_plantarflexion_moment_" + s, "N*m");
        if (inverseDynamics == nullptr) {
          out.unavailable.push_back("calf share of the ankle moment (" + sideWord +
                                    "): no inverse-dynamics moments given");
        } else if (!setup.idAnkleColumn) {
          out.unavailable.push_back("calf share of the ankle moment (" + sideWord +
                                    "): the inverse-dynamics table has no ankle_angle_" + s +
                                    "_moment column");
        } else {
          c.idMoment = add("ankle_plantarflexion_moment_" + s, "N*m");
          if (c.soleus) c.soleusShare = add("soleus_moment_share_" + s, "");
          if (c.gastrocnemius) c.gastrocnemiusShare = add("gastrocnemius_moment_share_" + s, "");
        }
      }
    }
    if (setup.hamstrings.empty()) {
      out.unavailable.push_back("hamstrings (" + sideWord +
                                "): the model has no semimem/semiten/bifemlh/bflh/bifemsh/bfsh/"
                                "hamstrings muscle ending in _" +
                                s);
    }
    for (const HamstringHead& head : setup.hamstrings) {
      const std::string key(tissueMuscleRoleKey(head.role));
      SideColumns::Head h{add(key + "_force_" + s, "N"),
                          add(key + "_mtu_length_" + s, "m"),
                          add(key + "_stretch_" + s, "%"),
                          add(key + "_lengthening_velocity_" + s, "m/s"),
                          std::nullopt,
                          std::nullopt};
      if (head.mechanics) {
        h.fibreStrain = add(key + "_fibre_strain_" + s, "");
        h.fibreVelocity = add(key + "_fibre_velocity_" + s, "m/s");
      }
      c.heads.push_back(h);
    }
    if (setup.mtp) {
      c.mtp = add("mtp_angle_" + s, "deg");
      out.unavailable.push_back(
          "plantar fascia tension (" + sideWord +
          "): a windlass tension needs the arch (midtarsal) deformation and a fascia "
          "force-length curve (D'Hondt et al. 2023 windlass model); the model has no midtarsal "
          "coordinate or "
          "fascia element. The MTP angle, the windlass input, is reported as mtp_angle_" +
          s);
    } else {
      out.unavailable.push_back("plantar fascia (" + sideWord + "): model has no mtp_angle_" + s +
                                " (the windlass is driven by big-toe dorsiflexion)");
    }
  }

  // Rows.
  const kinematics::CoordinateTrajectories trajectories(model, coordinates, -1.0, "coordinates");
  out.notes.insert(out.notes.end(), trajectories.notes().begin(), trajectories.notes().end());
  Eigen::VectorXd q, qdot, qddot;
  auto values = out.series.values();
  values.setConstant(kNaN);
  double largestActivation = 0.0;
  std::size_t rowsOutsideCoordinates = 0;
  for (Eigen::Index row = 0; row < out.series.rowCount(); ++row) {
    const double t = out.series.time()[static_cast<std::size_t>(row)];
    const bool kinematicsKnown =
        t >= trajectories.firstTime() - 1e-9 && t <= trajectories.lastTime() + 1e-9;
    if (kinematicsKnown) {
      trajectories.evaluate(t, q, qdot, qddot);
      model::forwardKinematics(model, data, q);
      muscle::computePathGeometry(model, data, paths);
      muscle::computeLengthGradients(model, data, paths);
      muscle::computeLengtheningSpeeds(paths, qdot);
      muscle::computeMomentArms(model, data, paths);
    } else {
      ++rowsOutsideCoordinates;
    }
    const auto force = [&](const ForcedMuscle& m) {
      return muscleForces.scalar(row, m.forceColumn);
    };
    const auto plantarflexionMoment = [&](const ForcedMuscle& m, model::CoordinateIndex ankle) {
      if (!kinematicsKnown) return kNaN;
      const double arm = paths.moment_arms(static_cast<Eigen::Index>(ankle.value()),
                                           static_cast<Eigen::Index>(m.muscle.value()));
      return -force(m) * arm;
    };

    for (std::size_t k = 0; k < sides.size(); ++k) {
      const SideSetup& setup = sides[k];
      const SideColumns& c = columns[k];
      const auto set = [&](std::optional<std::size_t> column, double value) {
        if (column) values(row, out.series.column(*column).firstValue) = value;
      };
      double soleus = 0.0, gastrocnemius = 0.0, soleusMoment = 0.0, gastrocnemiusMoment = 0.0;
      for (const ForcedMuscle& m : setup.soleus) {
        soleus += force(m);
        if (setup.ankle) soleusMoment += plantarflexionMoment(m, *setup.ankle);
      }
      for (const ForcedMuscle& m : setup.gastrocnemius) {
        gastrocnemius += force(m);
        if (setup.ankle) gastrocnemiusMoment += plantarflexionMoment(m, *setup.ankle);
      }
      const double achilles = soleus + gastrocnemius;
      set(c.achilles, achilles);
      if (bodyWeight) set(c.achillesBw, achilles / (options.bodyMassKg * kStandardGravity));
      set(c.soleus, soleus);
      set(c.gastrocnemius, gastrocnemius);
      set(c.soleusMoment, soleusMoment);
      set(c.gastrocnemiusMoment, gastrocnemiusMoment);
      if (c.idMoment) {
        const double idMoment = -interpolate(*inverseDynamics, *setup.idAnkleColumn, t);
        set(c.idMoment, idMoment);
        const bool plantarflexor = idMoment > 0.0;
        set(c.soleusShare, plantarflexor ? soleusMoment / idMoment : kNaN);
        set(c.gastrocnemiusShare, plantarflexor ? gastrocnemiusMoment / idMoment : kNaN);
      }
      if (c.mtp && kinematicsKnown) {
        set(c.mtp, q[static_cast<Eigen::Index>(setup.mtp->value())] * 180.0 / std::numbers::pi);
      }

      for (std::size_t h = 0; h < setup.hamstrings.size(); ++h) {
        const HamstringHead& head = setup.hamstrings[h];
        const SideColumns::Head& hc = c.heads[h];
        const double f = force(head.source);
        set(hc.force, f);
        if (!kinematicsKnown) continue;
        const auto p = static_cast<Eigen::Index>(head.source.muscle.value());
        const double length = paths.lengths[p];
        const double velocity = paths.speeds[p];
        set(hc.length, length);
        set(hc.stretch, (length / head.uprightLength - 1.0) * 100.0);
        set(hc.velocity, velocity);
        if (!head.mechanics || !std::isfinite(f)) continue;
        // SO force = a * F_1 (static_optimization.hpp), so a = F / F_1.
        const double fullActivationForce =
            muscle::inextensibleTendonActiveFiberForce(*head.mechanics, 1.0, length, velocity);
        if (!(fullActivationForce > 0.0)) continue;
        double activation = f / fullActivationForce;
        largestActivation = std::max(largestActivation, activation);
        activation = std::clamp(activation, 0.0, 1.0);
        const muscle::MuscleTendonState state =
            muscle::solveMuscleEquilibrium(*head.mechanics, activation, length, velocity);
        if (state.status == muscle::EquilibriumStatus::NotConverged) continue;
        set(hc.fibreStrain, state.normFiberLength - 1.0);
        set(hc.fibreVelocity, state.fiberVelocity);
      }
    }
  }
  if (rowsOutsideCoordinates > 0) {
    out.notes.push_back(std::to_string(rowsOutsideCoordinates) +
                        " force rows lie outside the coordinates' time range: kinematic "
                        "quantities are NaN there");
  }
  if (largestActivation > 1.0 + 1e-6) {
    out.notes.push_back("hamstring activations recovered from the forces exceed 1 (largest " +
                        std::to_string(largestActivation) +
                        "; clamped): the force table may come from SO without muscle physiology");
  }
  for (const SideSetup& setup : sides) {
    std::string used;
    for (const auto* group : {&setup.soleus, &setup.gastrocnemius}) {
      for (const ForcedMuscle& m : *group)
        used += (used.empty() ? "" : ", ") + model.muscle(m.muscle).name;
    }
    if (!used.empty()) {
      out.notes.push_back("Achilles tendon (" + std::string(sideName(setup.side)) + ") = " + used);
    }
  }
  return out;
}

}  // namespace kinchain::loads
