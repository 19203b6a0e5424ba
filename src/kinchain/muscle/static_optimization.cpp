#include "kinchain/muscle/static_optimization.hpp"

#include <algorithm>
#include <numbers>
#include <set>
#include <stdexcept>
#include <variant>

#include "kinchain/common/error.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/frame_jacobian.hpp"
#include "kinchain/muscle/ipopt_effort_solver.hpp"

namespace kinchain::muscle {

namespace {

// Simbody Function::Step(y0, y1, x0, x1): y0 below x0, y1 above x1, and between them the
// quintic 10u^3 - 15u^4 + 6u^5 of u = (x - x0)/(x1 - x0) (SimTKcommon Scalar.h stepUp).
double simbodyStep(double y0, double y1, double x0, double x1, double x) {
  if (x <= x0) return y0;
  if (x >= x1) return y1;
  const double u = (x - x0) / (x1 - x0);
  return y0 + (y1 - y0) * u * u * u * (10.0 + u * (-15.0 + 6.0 * u));
}

bool isRotational(const model::Model& model, model::CoordinateIndex c) {
  return model.coordinate(c).motionType == model::MotionType::Rotational;
}

// Joints between ground and a body: their coordinates carry residuals, not reserves.
std::set<std::size_t> rootCoordinates(const model::Model& model) {
  std::set<std::size_t> root;
  for (const model::Joint& joint : model.joints()) {
    const bool parentIsGround = !model.frame(joint.parentFrame).body.isValid();
    const bool childIsGround = !model.frame(joint.childFrame).body.isValid();
    if (parentIsGround || childIsGround) {
      for (const auto c : joint.coordinates)
        root.insert(c.value());
    }
  }
  return root;
}

struct OrderedForce {
  std::size_t line;
  int kind;  // 0 muscle, 1 coordinate actuator, 2 point, 3 torque, 4 limit force
  std::size_t index;
};

std::vector<OrderedForce> fileOrder(const model::ForceSetDescription& set) {
  std::vector<OrderedForce> order;
  for (std::size_t i = 0; i < set.muscles.size(); ++i)
    order.push_back({set.muscles[i].line, 0, i});
  for (std::size_t i = 0; i < set.coordinateActuators.size(); ++i)
    order.push_back({set.coordinateActuators[i].line, 1, i});
  for (std::size_t i = 0; i < set.pointActuators.size(); ++i)
    order.push_back({set.pointActuators[i].line, 2, i});
  for (std::size_t i = 0; i < set.torqueActuators.size(); ++i)
    order.push_back({set.torqueActuators[i].line, 3, i});
  for (std::size_t i = 0; i < set.coordinateLimitForces.size(); ++i)
    order.push_back({set.coordinateLimitForces[i].line, 4, i});
  std::stable_sort(order.begin(), order.end(),
                   [](const OrderedForce& a, const OrderedForce& b) { return a.line < b.line; });
  return order;
}

}  // namespace

double CoordinateLimitSpring::generalizedForce(double q, double qdot) const {
  const double kUp = simbodyStep(0.0, upperStiffness, upperLimit, upperLimit + transition, q);
  const double kLow = simbodyStep(lowerStiffness, 0.0, lowerLimit - transition, lowerLimit, q);
  const double fUp = -kUp * (q - upperLimit);
  const double fLow = kLow * (lowerLimit - q);
  // The stiffness ramp divided by the stiffness is the ramp applied to damping.
  const double ramp = (upperStiffness != 0.0 ? kUp / upperStiffness : 0.0) +
                      (lowerStiffness != 0.0 ? kLow / lowerStiffness : 0.0);
  return fUp + fLow - damping * ramp * qdot;
}

double CoordinateLimitSpring::potentialEnergy(double q) const {
  double k = 0.0;
  double delta = 0.0;
  if (q > upperLimit) {
    k = upperStiffness;
    delta = q - upperLimit;
  } else if (q < lowerLimit) {
    k = lowerStiffness;
    delta = lowerLimit - q;
  } else {
    return 0.0;
  }
  if (delta >= transition)
    return k * ((-2.0 / 14.0) * transition * transition + 0.5 * delta * delta);
  // Integral of K (10x^3 - 15x^4 + 6x^5) over the ramp, x = delta / transition.
  const double x = delta / transition;
  return k * x * x * x * (2.0 - 2.5 * x + (6.0 / 7.0) * x * x) * delta * delta;
}

StaticOptimizationProblem::StaticOptimizationProblem(
    const model::Model& model, const std::vector<model::ForceSetDescription>& extraForceSets,
    bool replaceForceSet, const StaticOptimizationOptions& options)
    : options_(options), fingerprint_(model.fingerprint()) {
  const std::set<std::size_t> root = rootCoordinates(model);
  std::set<std::string> names;
  auto fresh = [&](const std::string& name, const std::string& source) {
    if (names.insert(name).second) return true;
    notes_.push_back("force '" + name + "' from " + source +
                     " skipped: the model already has a force of that name (as OpenSim)");
    return false;
  };
  auto addSpring = [&](const model::CoordinateLimitForceDescription& force,
                       model::CoordinateIndex c) {
    // User units: degrees for rotational coordinates (CoordinateLimitForce::connectToModel).
    const double w = isRotational(model, c) ? std::numbers::pi / 180.0 : 1.0;
    CoordinateLimitSpring spring;
    spring.name = force.name;
    spring.coordinate = c;
    spring.upperLimit = w * force.upperLimit;
    spring.lowerLimit = w * force.lowerLimit;
    spring.upperStiffness = force.upperStiffness / w;
    spring.lowerStiffness = force.lowerStiffness / w;
    spring.damping = force.damping / w;
    spring.transition = w * force.transition;
    springs_.push_back(spring);
  };
  auto addCoordinateActuator = [&](const model::CoordinateActuatorDescription& a,
                                   model::CoordinateIndex c) {
    StaticOptimizationActuator actuator;
    actuator.name = a.name;
    actuator.kind = ActuatorKind::CoordinateActuator;
    actuator.minControl = a.controls.minControl;
    actuator.maxControl = a.controls.maxControl;
    actuator.optimalForce = a.optimalForce;
    actuator.coordinate = c;
    actuator.residual = root.contains(c.value());
    actuators_.push_back(actuator);
  };
  auto addPoint = [&](const model::PointActuatorDescription& a, model::FrameIndex frame) {
    StaticOptimizationActuator actuator;
    actuator.name = a.name;
    actuator.kind = ActuatorKind::PointActuator;
    actuator.minControl = a.controls.minControl;
    actuator.maxControl = a.controls.maxControl;
    actuator.optimalForce = a.optimalForce;
    actuator.frame = frame;
    actuator.point = a.point;
    actuator.pointIsGlobal = a.pointIsGlobal;
    actuator.direction = a.direction.normalized();
    actuator.directionIsGlobal = a.forceIsGlobal;
    actuator.residual = true;
    actuators_.push_back(actuator);
  };
  auto addTorque = [&](const model::TorqueActuatorDescription& a, model::FrameIndex frameA,
                       model::FrameIndex frameB) {
    StaticOptimizationActuator actuator;
    actuator.name = a.name;
    actuator.kind = ActuatorKind::TorqueActuator;
    actuator.minControl = a.controls.minControl;
    actuator.maxControl = a.controls.maxControl;
    actuator.optimalForce = a.optimalForce;
    actuator.frame = frameA;
    actuator.frameB = frameB;
    actuator.direction = a.axis.normalized();
    actuator.directionIsGlobal = a.torqueIsGlobal;
    actuator.residual = true;
    actuators_.push_back(actuator);
  };

  // The model's own forces, with their already resolved references.
  if (!replaceForceSet) {
    const model::ModelForces& forces = model.forces();
    const model::ForceSetDescription& set = forces.description;
    for (const OrderedForce& entry : fileOrder(set)) {
      switch (entry.kind) {
        case 0: {
          const model::MuscleDescription& muscle = set.muscles[entry.index];
          if (!muscle.appliesForce || !fresh(muscle.name, model.sourceName())) break;
          StaticOptimizationActuator actuator;
          actuator.name = muscle.name;
          actuator.kind = ActuatorKind::Muscle;
          actuator.minControl = muscle.minControl;
          actuator.maxControl = muscle.maxControl;
          actuator.muscle = model::MuscleIndex(entry.index);
          actuator.mechanics = mechanics_.size();
          try {
            mechanics_.push_back(buildMuscleMechanics(muscle));
          } catch (const std::invalid_argument& error) {
            throw InputError(model.sourceName(), "line " + std::to_string(muscle.line),
                             "muscle '" + muscle.name + "': " + error.what());
          }
          actuators_.push_back(actuator);
          break;
        }
        case 1: {
          const auto& a = set.coordinateActuators[entry.index];
          if (a.appliesForce && fresh(a.name, model.sourceName()))
            addCoordinateActuator(a, forces.coordinateActuatorCoordinates[entry.index]);
          break;
        }
        case 2: {
          const auto& a = set.pointActuators[entry.index];
          if (a.appliesForce && fresh(a.name, model.sourceName()))
            addPoint(a, forces.pointActuatorFrames[entry.index]);
          break;
        }
        case 3: {
          const auto& a = set.torqueActuators[entry.index];
          if (a.appliesForce && fresh(a.name, model.sourceName()))
            addTorque(a, forces.torqueActuatorFrames[entry.index][0],
                      forces.torqueActuatorFrames[entry.index][1]);
          break;
        }
        default: {
          const auto& f = set.coordinateLimitForces[entry.index];
          if (f.appliesForce && fresh(f.name, model.sourceName()))
            addSpring(f, forces.coordinateLimitForceCoordinates[entry.index]);
          break;
        }
      }
    }
  } else if (model.muscleCount() > 0) {
    notes_.push_back("replace_force_set: the model's " + std::to_string(model.muscleCount()) +
                     " muscles and other forces are not used");
  }

  // Extra force sets (an Analyze setup's <force_set_files>): names resolved against the model.
  for (const model::ForceSetDescription& set : extraForceSets) {
    const std::string& source = set.sourceName;
    auto coordinateOf = [&](const model::ComponentReference& reference, std::size_t line) {
      const auto c = model.findCoordinate(reference.name);
      if (!c) {
        throw InputError(source, "line " + std::to_string(line),
                         "coordinate '" + reference.name + "' is not in the model");
      }
      return *c;
    };
    auto frameOf = [&](const model::ComponentReference& reference, std::size_t line) {
      auto frame = model.findFrame(reference.path.empty() ? reference.name : reference.path);
      if (!frame) frame = model.findFrame(reference.name);
      if (!frame) {
        throw InputError(source, "line " + std::to_string(line),
                         "body '" + reference.name + "' is not in the model");
      }
      return *frame;
    };
    for (const OrderedForce& entry : fileOrder(set)) {
      switch (entry.kind) {
        case 0: {
          const auto& muscle = set.muscles[entry.index];
          throw InputError(source, "line " + std::to_string(muscle.line),
                           "muscle '" + muscle.name +
                               "' in a force-set file: Kinchain takes muscles (and their paths) "
                               "from the model file only");
        }
        case 1: {
          const auto& a = set.coordinateActuators[entry.index];
          if (a.appliesForce && fresh(a.name, source))
            addCoordinateActuator(a, coordinateOf(a.coordinate, a.line));
          break;
        }
        case 2: {
          const auto& a = set.pointActuators[entry.index];
          if (a.appliesForce && fresh(a.name, source)) addPoint(a, frameOf(a.body, a.line));
          break;
        }
        case 3: {
          const auto& a = set.torqueActuators[entry.index];
          if (a.appliesForce && fresh(a.name, source))
            addTorque(a, frameOf(a.bodyA, a.line), frameOf(a.bodyB, a.line));
          break;
        }
        default: {
          const auto& f = set.coordinateLimitForces[entry.index];
          if (f.appliesForce && fresh(f.name, source))
            addSpring(f, coordinateOf(f.coordinate, f.line));
          break;
        }
      }
    }
    for (const auto& force : set.notUnderstood) {
      notes_.push_back("force '" + force.name + "' (" + force.type + ") in " + source +
                       " is not modelled by Kinchain and not applied");
    }
  }
  if (!replaceForceSet) {
    for (const auto& force : model.forces().description.notUnderstood) {
      notes_.push_back("force '" + force.name + "' (" + force.type + ") in " + model.sourceName() +
                       " is not modelled by Kinchain and not applied");
    }
  }

  // Free coordinates: not locked, not driven by an enabled coupler (OpenSim isConstrained).
  std::vector<bool> constrained(model.coordinates().size(), false);
  for (std::size_t c = 0; c < model.coordinates().size(); ++c)
    constrained[c] = model.coordinates()[c].locked;
  for (const auto& coupler : model.couplerConstraints()) {
    if (coupler.enabled) constrained[coupler.dependent.value()] = true;
  }
  for (std::size_t c = 0; c < constrained.size(); ++c) {
    if (!constrained[c]) free_.emplace_back(c);
  }
  if (actuators_.size() < free_.size()) {
    throw InputError(model.sourceName(), "force set",
                     "static optimisation needs at least as many actuators (" +
                         std::to_string(actuators_.size()) + ") as free coordinates (" +
                         std::to_string(free_.size()) + "), as OpenSim requires");
  }
  if (!(options_.activationExponent > 1.0)) {
    throw InputError(model.sourceName(), "activation_exponent",
                     "must be greater than 1 for a unique optimum");
  }
}

StaticOptimizationData::StaticOptimizationData(const model::Model& model,
                                               const StaticOptimizationProblem& problem)
    : kinematics(model),
      inverseDynamics(model),
      paths(model),
      pointJacobian(3, model.nq()),
      frameJacobianA(6, model.nq()),
      frameJacobianB(6, model.nq()),
      coordinateMap(Eigen::MatrixXd::Zero(
          model.nq(), static_cast<Eigen::Index>(problem.freeCoordinates().size()))),
      fullForcePerControl(model.nq(), static_cast<Eigen::Index>(problem.actuators().size())),
      fullRequired(model.nq()),
      modelFingerprint(model.fingerprint()) {
  const auto na = static_cast<Eigen::Index>(problem.actuators().size());
  const auto nf = static_cast<Eigen::Index>(problem.freeCoordinates().size());
  optimalForces.resize(na);
  forcePerControl.resize(nf, na);
  required.resize(nf);
  controls.resize(na);
  forces.resize(na);
  springForces.resize(static_cast<Eigen::Index>(problem.limitSprings().size()));
  springEnergies.resize(springForces.size());
  lower.resize(na);
  upper.resize(na);
  for (Eigen::Index i = 0; i < na; ++i) {
    lower[i] = problem.actuators()[static_cast<std::size_t>(i)].minControl;
    upper[i] = problem.actuators()[static_cast<std::size_t>(i)].maxControl;
  }
}

const PowerEffortResult& solveStaticOptimizationFrame(
    const model::Model& model, const StaticOptimizationProblem& problem,
    StaticOptimizationData& data, const Eigen::VectorXd& q, const Eigen::VectorXd& qdot,
    const Eigen::VectorXd& qddot, const std::vector<dynamics::AppliedBodyLoad>& loads) {
  if (data.modelFingerprint != model.fingerprint() ||
      problem.modelFingerprint() != model.fingerprint()) {
    throw std::invalid_argument("solveStaticOptimizationFrame: data or problem of another model");
  }
  if (q.size() != model.nq() || qdot.size() != model.nq() || qddot.size() != model.nq()) {
    throw std::invalid_argument("solveStaticOptimizationFrame: q, qdot, qddot need nq entries");
  }
  const StaticOptimizationOptions& options = problem.options();

  // Required generalized forces: inverse dynamics minus the passive limit springs.
  data.fullRequired = dynamics::inverseDynamics(model, data.inverseDynamics, q, qdot, qddot, loads);
  for (std::size_t k = 0; k < problem.limitSprings().size(); ++k) {
    const CoordinateLimitSpring& spring = problem.limitSprings()[k];
    const auto c = static_cast<Eigen::Index>(spring.coordinate.value());
    const auto row = static_cast<Eigen::Index>(k);
    data.springForces[row] = spring.generalizedForce(q[c], qdot[c]);
    data.springEnergies[row] = spring.potentialEnergy(q[c]);
    data.fullRequired[c] -= data.springForces[row];
  }

  // Muscle-tendon lengths, speeds and dL/dq; joint motions for the actuator Jacobians.
  model::forwardKinematics(model, data.kinematics, q);
  computePathGeometry(model, data.kinematics, data.paths);
  computeLengthGradients(model, data.kinematics, data.paths);
  computeLengtheningSpeeds(data.paths, qdot);

  // Generalized force per unit control of every actuator, in full coordinates.
  for (std::size_t i = 0; i < problem.actuators().size(); ++i) {
    const StaticOptimizationActuator& actuator = problem.actuators()[i];
    const auto col = static_cast<Eigen::Index>(i);
    auto column = data.fullForcePerControl.col(col);
    switch (actuator.kind) {
      case ActuatorKind::Muscle: {
        const auto path = static_cast<Eigen::Index>(actuator.muscle.value());
        const MuscleMechanics& mechanics = problem.muscleMechanics()[actuator.mechanics];
        double force = mechanics.maxIsometricForce;
        if (options.useMusclePhysiology) {
          force = inextensibleTendonActiveFiberForce(mechanics, 1.0, data.paths.lengths[path],
                                                     data.paths.speeds[path]);
          if (!std::isfinite(force)) force = 0.0;
        }
        data.optimalForces[col] = force;
        column = -force * data.paths.length_gradients.col(path);
        break;
      }
      case ActuatorKind::CoordinateActuator:
        data.optimalForces[col] = actuator.optimalForce;
        column.setZero();
        column[static_cast<Eigen::Index>(actuator.coordinate.value())] = actuator.optimalForce;
        break;
      case ActuatorKind::PointActuator: {
        data.optimalForces[col] = actuator.optimalForce;
        const auto& X_GF = data.kinematics.X_GF[actuator.frame.value()];
        const Eigen::Vector3d p_F =
            actuator.pointIsGlobal ? Eigen::Vector3d(X_GF.R.transpose() * (actuator.point - X_GF.p))
                                   : actuator.point;
        const Eigen::Vector3d d_G = actuator.directionIsGlobal
                                        ? actuator.direction
                                        : Eigen::Vector3d(X_GF.R * actuator.direction);
        model::stationJacobian(model, data.kinematics, actuator.frame, p_F, data.pointJacobian);
        column = actuator.optimalForce * (data.pointJacobian.transpose() * d_G);
        break;
      }
      case ActuatorKind::TorqueActuator: {
        data.optimalForces[col] = actuator.optimalForce;
        const auto& X_GA = data.kinematics.X_GF[actuator.frame.value()];
        const Eigen::Vector3d k_G = actuator.directionIsGlobal
                                        ? actuator.direction
                                        : Eigen::Vector3d(X_GA.R * actuator.direction);
        model::frameJacobian(model, data.kinematics, actuator.frame, data.frameJacobianA);
        model::frameJacobian(model, data.kinematics, actuator.frameB, data.frameJacobianB);
        column =
            actuator.optimalForce *
            ((data.frameJacobianA.topRows<3>() - data.frameJacobianB.topRows<3>()).transpose() *
             k_G);
        break;
      }
    }
  }

  // Project onto the free coordinates: C_j = e_j plus, for each coupler driven by j,
  // scale * f'(q_j) on the dependent coordinate.
  data.coordinateMap.setZero();
  for (std::size_t j = 0; j < problem.freeCoordinates().size(); ++j) {
    const auto c = static_cast<Eigen::Index>(problem.freeCoordinates()[j].value());
    data.coordinateMap(c, static_cast<Eigen::Index>(j)) = 1.0;
    for (const auto& coupler : model.couplerConstraints()) {
      if (!coupler.enabled || static_cast<Eigen::Index>(coupler.independent.value()) != c) continue;
      data.coordinateMap(static_cast<Eigen::Index>(coupler.dependent.value()),
                         static_cast<Eigen::Index>(j)) +=
          coupler.scaleFactor * coupler.function.evaluate(q[c]).first;
    }
  }
  data.forcePerControl.noalias() = data.coordinateMap.transpose() * data.fullForcePerControl;
  data.required.noalias() = data.coordinateMap.transpose() * data.fullRequired;

  if (options.solver == EffortSolver::OpenSimIpopt && model.couplerConstraints().empty() &&
      static_cast<Eigen::Index>(problem.freeCoordinates().size()) == model.nq()) {
    // OpenSim's acceleration form: M qddot = tau_applied - tau_bias, so the constraint
    // qddot_target - qddot(x) = M^-1 (b - A x); M e_j = ID(q, 0, e_j) - ID(q, 0, 0).
    const Eigen::Index nq = model.nq();
    const Eigen::VectorXd zero = Eigen::VectorXd::Zero(nq);
    const std::vector<dynamics::AppliedBodyLoad> none;
    const Eigen::VectorXd bias =
        dynamics::inverseDynamics(model, data.inverseDynamics, q, zero, zero, none);
    data.massMatrix.resize(nq, nq);
    Eigen::VectorXd unit = zero;
    for (Eigen::Index j = 0; j < nq; ++j) {
      unit[j] = 1.0;
      data.massMatrix.col(j) =
          dynamics::inverseDynamics(model, data.inverseDynamics, q, zero, unit, none) - bias;
      unit[j] = 0.0;
    }
    const auto massFactor = data.massMatrix.ldlt();
    const Eigen::MatrixXd fullAcceleration = massFactor.solve(data.fullForcePerControl);
    const Eigen::VectorXd fullTarget = massFactor.solve(data.fullRequired);
    const auto rows = static_cast<Eigen::Index>(problem.freeCoordinates().size());
    data.accelerationPerControl.resize(rows, fullAcceleration.cols());
    data.accelerationRequired.resize(rows);
    for (Eigen::Index j = 0; j < rows; ++j) {
      const auto c =
          static_cast<Eigen::Index>(problem.freeCoordinates()[static_cast<std::size_t>(j)].value());
      data.accelerationPerControl.row(j) = fullAcceleration.row(c);
      data.accelerationRequired[j] = fullTarget[c];
    }
    IpoptEffortOptions ipoptOptions;
    ipoptOptions.exponent = options.activationExponent;
    ipoptOptions.convergenceTolerance = options.convergenceCriterion;
    ipoptOptions.maxIterations = options.maxIterations;
    data.solver = solveEffortWithIpopt(data.accelerationPerControl, data.accelerationRequired,
                                       data.lower, data.upper, ipoptOptions, data.controls);
    data.forces = data.controls.cwiseProduct(data.optimalForces);
    return data.solver;
  }

  PowerEffortOptions solverOptions;
  solverOptions.exponent = options.activationExponent;
  solverOptions.maxIterations = std::max(options.maxIterations, 1);
  data.solver = solvePowerEffort(data.forcePerControl, data.required, data.lower, data.upper,
                                 solverOptions, data.multipliers, data.controls, data.workspace);
  data.forces = data.controls.cwiseProduct(data.optimalForces);
  return data.solver;
}

}  // namespace kinchain::muscle
