#pragma once
// What an OpenSim force set says, as plain name-based descriptions: muscles with their paths,
// actuators and coordinate limit forces. Every reference to another model component (a frame or
// body, a coordinate, a wrap object) is kept by NAME; the model builder resolves the names to
// typed indices and reports unknown names with the recorded line. Nothing here knows XML; the
// reader (osim_force_reader.hpp) fills these structs.
//
// Units are SI (m, N, s, rad) except where a field says otherwise (CoordinateLimitForce keeps
// OpenSim's user units: degrees for rotational coordinates).
//
// Every default below is the value OpenSim 4's constructor sets when the file omits the
// property; each struct names the OpenSim source file it comes from
// (opensim-org/opensim-core, OpenSim/...).

#include <Eigen/Core>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kinchain/model/function.hpp"

namespace kinchain::model {

/// A reference to another model component as the file wrote it.
/// 2.x/3.x files give a bare name ("tibia_r"); 4.x sockets give a component path
/// ("/bodyset/tibia_r", "/jointset/knee_r/knee_angle_r"). `name` is always the last path
/// element (the component's own name), `path` the text as written.
struct ComponentReference {
  std::string name;
  std::string path;
  bool empty() const { return name.empty(); }
};

// ---------------------------------------------------------------------------------------------
// Geometry paths (OpenSim/Simulation/Model/GeometryPath.cpp, PathPoint.cpp,
// ConditionalPathPoint.cpp, MovingPathPoint.cpp, PathWrap.cpp)
// ---------------------------------------------------------------------------------------------

/// A path point fixed in its frame (<PathPoint>, 1.x <MusclePoint>).
struct FixedPathPoint {};

/// A point that is part of the path only while `coordinate` lies in [rangeMin, rangeMax]
/// (<ConditionalPathPoint>, 1.x <MuscleViaPoint>). The range is in the coordinate's internal
/// units (rad for rotational, m for translational), inclusive at both ends.
/// Default range (0, 0): ConditionalPathPoint.cpp constructProperties.
struct ConditionalPathPointRange {
  ComponentReference coordinate;
  double rangeMin = 0.0;
  double rangeMax = 0.0;
};

/// A point whose location in its frame is a function of coordinates (<MovingPathPoint>,
/// 1.x <MovingMusclePoint>). Component i (x, y, z) is locationFunctions[i](q) with q the value
/// of coordinates[i] clamped to that coordinate's range (MovingPathPoint::getLocation in
/// OpenSim 4). An absent function is OpenSim's default Constant(0); an absent coordinate means
/// the function is evaluated at 0. OpenSim 4 ignores PathPointDescription::location for moving
/// points (it is kept only because 2.x/3.x files write it).
struct MovingPathPointFunctions {
  std::array<std::optional<Function>, 3> locationFunctions;
  std::array<ComponentReference, 3> coordinates;
};

using PathPointKind =
    std::variant<FixedPathPoint, ConditionalPathPointRange, MovingPathPointFunctions>;

struct PathPointDescription {
  std::string name;
  ComponentReference frame;                            ///< the body or frame the point is fixed to
  Eigen::Vector3d location = Eigen::Vector3d::Zero();  ///< m, in `frame` (default (0,0,0))
  PathPointKind kind;
  std::size_t line = 0;  ///< line of the point's element in the source file

  bool isFixed() const { return std::holds_alternative<FixedPathPoint>(kind); }
  bool isConditional() const { return std::holds_alternative<ConditionalPathPointRange>(kind); }
  bool isMoving() const { return std::holds_alternative<MovingPathPointFunctions>(kind); }
};

/// How a path wraps over a wrap object (PathWrap.cpp: "hybrid" is the default).
enum class PathWrapMethod { Hybrid, Midpoint, Axial };

/// One <PathWrap> (1.x <MuscleWrap>): the path may wrap over `wrapObject` between path points
/// rangeBegin..rangeEnd (1-based, inclusive; -1 means "from the first" / "to the last").
/// Default range (-1, -1): PathWrap.cpp.
struct PathWrapDescription {
  std::string wrapObject;  ///< name of a WrapObject on some body
  PathWrapMethod method = PathWrapMethod::Hybrid;
  int rangeBegin = -1;
  int rangeEnd = -1;
  std::size_t line = 0;
};

struct GeometryPathDescription {
  std::vector<PathPointDescription> points;  ///< in path order, at least two
  std::vector<PathWrapDescription> wraps;    ///< in the order OpenSim applies them
  std::size_t line = 0;
};

// ---------------------------------------------------------------------------------------------
// Muscle parameters, one struct per muscle type (closed set, held in a std::variant)
// ---------------------------------------------------------------------------------------------

/// Thelen (2003) muscle as OpenSim 4 implements it (OpenSim/Actuators/Thelen2003Muscle.cpp,
/// constructProperties). Dimensionless unless stated.
struct Thelen2003MuscleParameters {
  double activationTimeConstant = 0.015;    ///< s
  double deactivationTimeConstant = 0.050;  ///< s
  double FmaxTendonStrain = 0.04;           ///< tendon strain at max isometric force
  double FmaxMuscleStrain = 0.6;            ///< passive fibre strain at max isometric force
  double KshapeActive = 0.45;               ///< shape of the Gaussian active force-length curve
  double KshapePassive = 5.0;               ///< shape of the exponential passive curve
  double Af = 0.25;                         ///< force-velocity shape factor
  double Flen = 1.4;                        ///< max normalised lengthening force
  double fvLinearExtrapolationThreshold = 0.95;
  double maximumPennationAngle = std::acos(0.1);  ///< rad (84.26 deg)
  double minimumActivation = 0.01;

  /// Properties of the 1.x/2.x Thelen2003Muscle layout (Thelen2003Muscle_Deprecated) when the
  /// file has them. OpenSim 4 reads such a file with the current Thelen2003Muscle and ignores
  /// these; they are kept so nothing in the file is lost.
  struct Legacy {
    std::optional<double> Vmax;     ///< max contraction velocity at full activation, l_opt/s
    std::optional<double> Vmax0;    ///< max contraction velocity at low activation, l_opt/s
    std::optional<double> damping;  ///< fibre damping
  };
  std::optional<Legacy> legacy;  ///< set when any of Vmax, Vmax0, damping was present
};

/// ActiveForceLengthCurve (OpenSim/Actuators/ActiveForceLengthCurve.cpp). Normalised lengths.
struct ActiveForceLengthCurveParameters {
  double minNormActiveFiberLength = 0.47 - 0.0259;
  double transitionNormFiberLength = 0.73;
  double maxNormActiveFiberLength = 1.8123;
  double shallowAscendingSlope = 0.8616;
  double minimumValue = 0.1;
};

/// ForceVelocityCurve (OpenSim/Actuators/ForceVelocityCurve.cpp). Slopes are d(multiplier) /
/// d(normalised velocity).
struct ForceVelocityCurveParameters {
  double concentricSlopeAtVmax = 0.0;
  double concentricSlopeNearVmax = 0.25;
  double isometricSlope = 5.0;
  double eccentricSlopeAtVmax = 0.0;
  double eccentricSlopeNearVmax = 0.15;
  double maxEccentricVelocityForceMultiplier = 1.4;
  double concentricCurviness = 0.6;
  double eccentricCurviness = 0.9;
};

/// FiberForceLengthCurve (OpenSim/Actuators/FiberForceLengthCurve.cpp). The three optional
/// properties are either all given or all absent; when absent OpenSim fits them from the strains
/// (done by the curve builder, not here).
struct FiberForceLengthCurveParameters {
  double strainAtZeroForce = 0.0;
  double strainAtOneNormForce = 0.7;
  std::optional<double> stiffnessAtLowForce;
  std::optional<double> stiffnessAtOneNormForce;
  std::optional<double> curviness;
};

/// TendonForceLengthCurve (OpenSim/Actuators/TendonForceLengthCurve.cpp). When the optional
/// properties are all absent OpenSim uses stiffness 1.375/strain, toe-end force 2/3 and
/// curviness 0.5 (done by the curve builder, not here).
struct TendonForceLengthCurveParameters {
  double strainAtOneNormForce = 0.049;
  std::optional<double> stiffnessAtOneNormForce;
  std::optional<double> normForceAtToeEnd;
  std::optional<double> curviness;
};

/// Millard et al. (2012) equilibrium muscle (OpenSim/Actuators/Millard2012EquilibriumMuscle.cpp,
/// constructProperties). The curve parameters are those of the file; OpenSim adjusts some of
/// them when it builds the muscle (see muscle/muscle_equilibrium.hpp).
struct Millard2012EquilibriumMuscleParameters {
  double fiberDamping = 0.1;                ///< normalised damping; < 0.001 means undamped
  double activationTimeConstant = 0.010;    ///< s
  double deactivationTimeConstant = 0.040;  ///< s
  double minimumActivation = 0.01;
  double maximumPennationAngle = std::acos(0.1);  ///< rad
  ActiveForceLengthCurveParameters activeForceLengthCurve;
  ForceVelocityCurveParameters forceVelocityCurve;
  FiberForceLengthCurveParameters fiberForceLengthCurve;
  TendonForceLengthCurveParameters tendonForceLengthCurve;
};

/// A SimmSpline given by its knots, for the built-in curves of the deprecated SIMM muscles.
struct SplineKnots {
  std::vector<double> x;
  std::vector<double> y;
};

/// Default curves of Schutte1993Muscle_Deprecated and Delp1990Muscle_Deprecated (both
/// constructors set identical knots: OpenSim/Actuators/Schutte1993Muscle_Deprecated.cpp,
/// Delp1990Muscle_Deprecated.cpp). Tendon curve: force vs tendon strain; active and passive:
/// force vs normalised fibre length; force-velocity (Delp only): force vs normalised velocity.
const SplineKnots& simmDefaultTendonForceLengthCurve();
const SplineKnots& simmDefaultActiveForceLengthCurve();
const SplineKnots& simmDefaultPassiveForceLengthCurve();
const SplineKnots& delpDefaultForceVelocityCurve();

/// Schutte (1993) muscle (OpenSim 4 reads <Schutte1993Muscle> as Schutte1993Muscle_Deprecated,
/// OpenSim/Actuators/Schutte1993Muscle_Deprecated.cpp constructProperties). A curve absent from
/// the file is std::nullopt: the tendon and active curves then are the SimmSplines above, and
/// the passive force is exp(8(l-1))/exp(4) (calcNonzeroPassiveForce) — OpenSim switches on
/// whether the property was given, so the distinction is kept.
struct Schutte1993MuscleParameters {
  double timeScale = 0.1;                           ///< s, scale factor for normalising time
  double activation1 = 7.667;                       ///< activation rise parameter
  double activation2 = 1.459854;                    ///< activation rise/decay parameter
  double damping = 0.1;                             ///< fibre damping (normalised)
  std::optional<Function> tendonForceLengthCurve;   ///< normalised force vs tendon strain
  std::optional<Function> activeForceLengthCurve;   ///< vs normalised fibre length
  std::optional<Function> passiveForceLengthCurve;  ///< vs normalised fibre length
};

/// Delp (1990) muscle (OpenSim 4 reads <Delp1990Muscle> as Delp1990Muscle_Deprecated,
/// OpenSim/Actuators/Delp1990Muscle_Deprecated.cpp). Absent curves are the SimmSplines above.
struct Delp1990MuscleParameters {
  double timeScale = 0.1;  ///< s
  double activation1 = 7.667;
  double activation2 = 1.459854;
  double mass = 0.00287;  ///< normalised mass between tendon and fibres
  std::optional<Function> tendonForceLengthCurve;
  std::optional<Function> activeForceLengthCurve;
  std::optional<Function> passiveForceLengthCurve;
  std::optional<Function> forceVelocityCurve;
};

using MuscleParameters =
    std::variant<Thelen2003MuscleParameters, Millard2012EquilibriumMuscleParameters,
                 Schutte1993MuscleParameters, Delp1990MuscleParameters>;

/// One muscle. Defaults of the common properties: OpenSim/Simulation/Model/Muscle.cpp
/// constructProperties, PathActuator.cpp (optimal_force), Force.cpp (appliesForce).
struct MuscleDescription {
  std::string name;
  std::string type;  ///< the XML element: "Thelen2003Muscle", "Millard2012EquilibriumMuscle", ...
  bool appliesForce = true;              ///< 4.x <appliesForce>, or !<isDisabled> in 2.x/3.x files
  double maxIsometricForce = 1000.0;     ///< N
  double optimalFiberLength = 0.1;       ///< m
  double tendonSlackLength = 0.2;        ///< m
  double pennationAngleAtOptimal = 0.0;  ///< rad (1.x <pennation_angle>)
  double maxContractionVelocity = 10.0;  ///< optimal fibre lengths per second
  bool ignoreTendonCompliance = false;
  bool ignoreActivationDynamics = false;
  /// Control bounds. Muscle default [0, 1]; Thelen2003Muscle and Millard2012EquilibriumMuscle
  /// set min_control to their minimum_activation. Files older than 30513 that wrote min_control 0 /
  /// max_control 1 get the type's default instead, as OpenSim's Muscle::updateFromXMLNode does.
  double minControl = 0.0;
  double maxControl = 1.0;
  double optimalForce = 1.0;  ///< PathActuator optimal_force (unused by muscles' force laws)
  /// Initial-state hints: ActivationFiberLengthMuscle.cpp / Millard2012EquilibriumMuscle.cpp
  /// default_activation 0.05; default_fiber_length = optimal fibre length when absent.
  double defaultActivation = 0.05;
  std::optional<double> defaultFiberLength;  ///< m
  MuscleParameters parameters;
  GeometryPathDescription path;
  /// Elements of this muscle that OpenSim 4 does not read for this type (e.g. the 3.x
  /// <MuscleFirstOrderActivationDynamicModel> left in Millard muscles), "name (line N)".
  std::vector<std::string> ignoredProperties;
  std::size_t line = 0;
};

// ---------------------------------------------------------------------------------------------
// Actuators and other forces
// ---------------------------------------------------------------------------------------------

/// Control bounds shared by scalar actuators (OpenSim/Simulation/Model/Actuator.cpp,
/// ScalarActuator: min_control -Inf, max_control +Inf).
struct ControlBounds {
  double minControl = -std::numeric_limits<double>::infinity();
  double maxControl = std::numeric_limits<double>::infinity();
};

/// Generalized force on one coordinate: tau = optimalForce * control
/// (OpenSim/Actuators/CoordinateActuator.cpp; optimal_force 1).
struct CoordinateActuatorDescription {
  std::string name;
  bool appliesForce = true;
  ControlBounds controls;
  ComponentReference coordinate;  ///< required
  double optimalForce = 1.0;      ///< N or N·m per unit control
  std::size_t line = 0;
};

/// Point force on a body: F = optimalForce * control * direction at `point`
/// (OpenSim/Actuators/PointActuator.cpp: point (0,0,0), direction (1,0,0), both in the body
/// frame unless the *_is_global flag is set; optimal_force 1).
struct PointActuatorDescription {
  std::string name;
  bool appliesForce = true;
  ControlBounds controls;
  ComponentReference body;                          ///< required
  Eigen::Vector3d point = Eigen::Vector3d::Zero();  ///< m
  bool pointIsGlobal = false;
  Eigen::Vector3d direction = Eigen::Vector3d::UnitX();  ///< unit-less direction
  bool forceIsGlobal = false;
  double optimalForce = 1.0;  ///< N per unit control
  std::size_t line = 0;
};

/// Torque on bodyA (and the opposite on bodyB) about `axis`
/// (OpenSim/Actuators/TorqueActuator.cpp: axis (0,0,1) in ground; optimal_force 1).
struct TorqueActuatorDescription {
  std::string name;
  bool appliesForce = true;
  ControlBounds controls;
  ComponentReference bodyA;  ///< required
  ComponentReference bodyB;  ///< required
  bool torqueIsGlobal = true;
  Eigen::Vector3d axis = Eigen::Vector3d::UnitZ();
  double optimalForce = 1.0;  ///< N·m per unit control
  std::size_t line = 0;
};

/// Spring-damper that resists a coordinate leaving [lowerLimit, upperLimit]
/// (OpenSim/Simulation/Model/CoordinateLimitForce.cpp constructProperties). OpenSim's user
/// units: for a rotational coordinate limits and transition are in degrees, stiffness in
/// N·m/degree, damping in N·m/(degree/s); translational coordinates use m and N.
struct CoordinateLimitForceDescription {
  std::string name;
  bool appliesForce = true;
  ComponentReference coordinate;  ///< required
  double upperStiffness = 1.0;
  double upperLimit = 0.0;
  double lowerStiffness = 1.0;
  double lowerLimit = 0.0;
  double damping = 0.001;
  double transition = 0.1;
  bool computeDissipationEnergy = false;
  std::size_t line = 0;
};

/// A force of a type this reader does not know (e.g. ExpressionBasedCoordinateForce,
/// HuntCrossleyForce, PrescribedForce). The model builder decides whether that is fatal.
struct UnsupportedForceDescription {
  std::string type;
  std::string name;
  std::size_t line = 0;
};

struct ForceSetDescription {
  std::string sourceName;  ///< file the set came from (for error messages)
  std::vector<MuscleDescription> muscles;
  std::vector<CoordinateActuatorDescription> coordinateActuators;
  std::vector<PointActuatorDescription> pointActuators;
  std::vector<TorqueActuatorDescription> torqueActuators;
  std::vector<CoordinateLimitForceDescription> coordinateLimitForces;
  std::vector<UnsupportedForceDescription> notUnderstood;

  std::size_t forceCount() const {
    return muscles.size() + coordinateActuators.size() + pointActuators.size() +
           torqueActuators.size() + coordinateLimitForces.size() + notUnderstood.size();
  }
};

}  // namespace kinchain::model
