#pragma once
// Static optimisation as OpenSim's StaticOptimization analysis does it (opensim-core
// OpenSim/Analyses/StaticOptimization.cpp, StaticOptimizationTarget.cpp), one frame at a time:
//
//   minimise  sum_i |x_i|^p   over the controls x of every enabled scalar actuator
//   subject to  sum_i a_i(q, qdot) F_i x_i = tau_required(q, qdot, qddot)   (every free coordinate)
//               minControl_i <= x_i <= maxControl_i
//
// where, as OpenSim:
// - x_i is a muscle's activation or an actuator's control; its force is x_i F_i with
//   F_i = the muscle's active fibre force along the tendon at activation 1 with an inextensible
//   tendon (Muscle::calcInextensibleTendonActiveFiberForce; muscle_equilibrium.hpp) when
//   use_muscle_physiology is on, else its maximum isometric force; F_i = optimal_force for
//   CoordinateActuator, PointActuator and TorqueActuator. OpenSim overrides every actuator's
//   force with x_i F_i, so a muscle's passive fibre force is NOT added (the muscle applies x_i F_i
//   along its path, nothing else).
// - a_i is the generalized force per newton (or per N*m) of actuator i: a muscle's moment arms
//   -dL/dq (geometry_path.hpp), a CoordinateActuator's unit vector, a PointActuator's
//   J_P^T d (point Jacobian, unit direction in ground), a TorqueActuator's (J_wA - J_wB)^T k.
// - tau_required = tau_ID - Q_other: inverse dynamics with gravity and the external loads
//   (dynamics/inverse_dynamics.hpp), minus the generalized forces of the model's other forces,
//   i.e. CoordinateLimitForce (the only passive force Kinchain models). OpenSim states the same
//   condition as accelerations (forward dynamics with the actuator forces must give the target
//   qddot); with M invertible both have the same solution set.
// - free coordinates: neither locked nor the dependent coordinate of an enabled coupler
//   (OpenSim's Coordinate::isConstrained). With couplers, rows are projected with C_j, the
//   change of all coordinates per unit change of free coordinate j (moment_arm.hpp).
// - actuators with appliesForce false are left out (OpenSim issue #2438).
//
// The optimisation is solved exactly (to rounding) by power_effort_solver.hpp; OpenSim uses
// IPOPT with a convergence tolerance of 1e-4, so its results differ from these by that much.
//
// Units: controls dimensionless; forces N (muscles, PointActuator) or N*m / N for coordinate
// actuators and torques; q in rad or m.

#include <Eigen/Core>

#include <string>
#include <vector>

#include "kinchain/dynamics/inverse_dynamics.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/force_description.hpp"
#include "kinchain/model/model.hpp"
#include "kinchain/muscle/geometry_path.hpp"
#include "kinchain/muscle/muscle_equilibrium.hpp"
#include "kinchain/muscle/power_effort_solver.hpp"

namespace kinchain::muscle {

enum class ActuatorKind { Muscle, CoordinateActuator, PointActuator, TorqueActuator };

/// One control of the optimisation, with every reference resolved.
struct StaticOptimizationActuator {
  std::string name;
  ActuatorKind kind = ActuatorKind::Muscle;
  double minControl = 0.0;
  double maxControl = 1.0;
  double optimalForce = 1.0;  ///< non-muscles: force per unit control (N or N*m)
  model::MuscleIndex muscle;  ///< Muscle
  std::size_t mechanics = 0;  ///< Muscle: index into StaticOptimizationProblem::muscleMechanics
  model::CoordinateIndex coordinate;                ///< CoordinateActuator
  model::FrameIndex frame;                          ///< PointActuator body; TorqueActuator body A
  model::FrameIndex frameB;                         ///< TorqueActuator body B
  Eigen::Vector3d point = Eigen::Vector3d::Zero();  ///< PointActuator, m
  bool pointIsGlobal = false;                       ///< point given in ground
  Eigen::Vector3d direction = Eigen::Vector3d::UnitX();  ///< unit; PointActuator direction or
                                                         ///< TorqueActuator axis
  bool directionIsGlobal = false;                        ///< direction given in ground
  /// A residual acts on the joint between ground and the model's root (point and torque
  /// actuators, coordinate actuators on that joint's coordinates); a reserve on any other joint.
  bool residual = false;
};

/// A CoordinateLimitForce in internal units (OpenSim CoordinateLimitForce::connectToModel):
/// limits in rad or m, stiffness per rad or m, damping per rad/s or m/s, transition in rad or m.
struct CoordinateLimitSpring {
  std::string name;
  model::CoordinateIndex coordinate;
  double upperLimit = 0.0;
  double lowerLimit = 0.0;
  double upperStiffness = 0.0;
  double lowerStiffness = 0.0;
  double damping = 0.0;
  double transition = 0.0;

  /// Generalized force on the coordinate (OpenSim calcLimitForce): stiffness ramps in with
  /// Simbody's quintic Step over the transition width, damping with the same ramp.
  double generalizedForce(double q, double qdot) const;
  /// Stored elastic energy (OpenSim computePotentialEnergy), J.
  double potentialEnergy(double q) const;
};

enum class EffortSolver {
  Exact,         ///< power_effort_solver.hpp: the optimum to rounding
  OpenSimIpopt,  ///< ipopt_effort_solver.hpp: IPOPT as OpenSim runs it, to reproduce its files
};

struct StaticOptimizationOptions {
  double activationExponent = 2.0;  ///< OpenSim default 2
  bool useMusclePhysiology = true;
  int maxIterations = 100;             ///< OpenSim optimizer_max_iterations
  double convergenceCriterion = 1e-4;  ///< OpenSim optimizer_convergence_criterion (IPOPT)
  /// OpenSimIpopt needs the equations in OpenSim's acceleration form, M^-1 (b - A x) = 0; it
  /// falls back to Exact for models with coupler constraints or locked coordinates.
  EffortSolver solver = EffortSolver::Exact;
};

/// Everything about the optimisation that does not change from frame to frame (immutable,
/// shared between threads).
class StaticOptimizationProblem {
 public:
  /// Actuators of the model's force set (unless `replaceForceSet`) followed by those of each
  /// extra force set, in file order. A force whose name already exists is skipped (OpenSim's
  /// Set::append keeps the first), and listed in notes(). Muscles in an extra force set cannot
  /// be given paths: InputError. @throws InputError for unknown coordinates or bodies.
  StaticOptimizationProblem(const model::Model& model,
                            const std::vector<model::ForceSetDescription>& extraForceSets,
                            bool replaceForceSet, const StaticOptimizationOptions& options);

  const std::vector<StaticOptimizationActuator>& actuators() const { return actuators_; }
  const std::vector<MuscleMechanics>& muscleMechanics() const { return mechanics_; }
  const std::vector<CoordinateLimitSpring>& limitSprings() const { return springs_; }
  /// Coordinates with a generalized-force equation, in CoordinateIndex order.
  const std::vector<model::CoordinateIndex>& freeCoordinates() const { return free_; }
  const StaticOptimizationOptions& options() const { return options_; }
  const std::vector<std::string>& notes() const { return notes_; }
  std::uint64_t modelFingerprint() const { return fingerprint_; }

 private:
  std::vector<StaticOptimizationActuator> actuators_;
  std::vector<MuscleMechanics> mechanics_;
  std::vector<CoordinateLimitSpring> springs_;
  std::vector<model::CoordinateIndex> free_;
  StaticOptimizationOptions options_;
  std::vector<std::string> notes_;
  std::uint64_t fingerprint_ = 0;
};

/// Per-thread workspace and results, sized once.
struct StaticOptimizationData {
  StaticOptimizationData(const model::Model& model, const StaticOptimizationProblem& problem);

  model::Data kinematics;
  dynamics::InverseDynamicsData inverseDynamics;
  PathData paths;
  Eigen::Matrix3Xd pointJacobian;
  Eigen::Matrix<double, 6, Eigen::Dynamic> frameJacobianA, frameJacobianB;
  Eigen::MatrixXd coordinateMap;           ///< C: nq x free coordinates
  Eigen::MatrixXd fullForcePerControl;     ///< nq x actuators: a_i F_i
  Eigen::VectorXd fullRequired;            ///< nq: tau_ID - Q_other
  Eigen::MatrixXd massMatrix;              ///< nq x nq, OpenSimIpopt only
  Eigen::MatrixXd accelerationPerControl;  ///< OpenSimIpopt: rows of M^-1 a_i F_i
  Eigen::VectorXd accelerationRequired;    ///< OpenSimIpopt: rows of M^-1 (tau_ID - Q_other)

  // Results of the last frame.
  Eigen::VectorXd optimalForces;    ///< F_i per actuator (N, N*m)
  Eigen::MatrixXd forcePerControl;  ///< free coordinates x actuators: C^T a_i F_i
  Eigen::VectorXd required;         ///< free coordinates: C^T (tau_ID - Q_other)
  Eigen::VectorXd controls;         ///< x per actuator
  Eigen::VectorXd forces;           ///< x_i F_i per actuator
  Eigen::VectorXd springForces;     ///< generalized force per limit spring
  Eigen::VectorXd springEnergies;   ///< J per limit spring
  Eigen::VectorXd multipliers;      ///< dual of the last solve: the warm start of the next
  PowerEffortResult solver;

  Eigen::VectorXd lower, upper;
  PowerEffortWorkspace workspace;
  std::uint64_t modelFingerprint = 0;
};

/// Solves one frame: q, qdot, qddot (nq; rad, rad/s, rad/s^2 or m...) and the external loads at
/// this instant. Uses data.multipliers as the warm start (set it to an empty vector for a cold
/// start). Writes the result fields of `data`. @throws std::invalid_argument for wrong sizes or
/// a Data of another model.
const PowerEffortResult& solveStaticOptimizationFrame(
    const model::Model& model, const StaticOptimizationProblem& problem,
    StaticOptimizationData& data, const Eigen::VectorXd& q, const Eigen::VectorXd& qdot,
    const Eigen::VectorXd& qddot, const std::vector<dynamics::AppliedBodyLoad>& loads);

}  // namespace kinchain::muscle
