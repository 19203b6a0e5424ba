#pragma once
// Reads an OpenSim <ForceSet> (in an .osim model or a stand-alone actuator file) into
// name-based descriptions (force_description.hpp).
//
// Layouts understood (all found in the shared OpenSim data):
//   - 4.x (40000+): <appliesForce>, socket_parent_frame / socket_coordinate /
//     socket_{x,y,z}_coordinate component paths, <PathPointSet><objects>.
//   - 2.x/3.x (20302..30000): <isDisabled>, <body>, <coordinate>, <{x,y,z}_coordinate>,
//     MultiplierFunction-wrapped moving-point functions, leftover 3.x Millard sub-objects.
//   - 1.x (10901): <MusclePointSet>/<MusclePoint>/<MuscleViaPoint>/<MovingMusclePoint>
//     directly under the muscle, <MuscleWrapSet>/<MuscleWrap>, <pennation_angle>, the old
//     Thelen2003Muscle parameters (Vmax, Vmax0, damping), ConditionalPathPoint <coordinates>,
//     MovingPathPoint <XAttachment>.
// Muscle types: Thelen2003Muscle, Millard2012EquilibriumMuscle, Schutte1993Muscle,
// Delp1990Muscle. Forces: CoordinateActuator (and its 1.x name GeneralizedForce),
// PointActuator (1.x Force), TorqueActuator (1.x Torque), CoordinateLimitForce.
// Any other force type is listed in ForceSetDescription::notUnderstood (type, name, line).
//
// Errors (kinchain::InputError naming the file and line): a number that does not parse or is
// NaN; an infinite value where only control bounds may be infinite; a missing required
// reference (path-point frame, conditional-point coordinate, actuator coordinate/body); a muscle
// with fewer than two path points; values outside what the model can use (non-positive optimal
// fibre length, negative max isometric force or tendon slack length, pennation outside
// [0, pi/2), non-positive time constants or max contraction velocity, an inverted conditional
// range); an unknown wrap method; a function the function reader rejects.

#include <pugixml.hpp>

#include <filesystem>

#include "kinchain/common/xml_document.hpp"
#include "kinchain/model/force_description.hpp"

namespace kinchain::model {

/// Reads the forces under `forceSetNode` (a <ForceSet>, or 1.x <ActuatorSet>) of `document`.
/// `formatVersion` is the OpenSimDocument Version attribute (e.g. 20302, 30000, 40000); it
/// selects version-specific upgrades OpenSim applies (control bounds before 30513).
ForceSetDescription readOsimForceSet(const XmlDocument& document,
                                     const pugi::xml_node& forceSetNode, int formatVersion);

/// Reads a stand-alone OpenSim actuator/force-set file (<OpenSimDocument><ForceSet>, or a bare
/// <ForceSet> root, e.g. gait10dof_Actuators_weak.xml). A missing Version attribute is read as
/// the 4.x layout (40000).
ForceSetDescription readOsimForceSetFile(const std::filesystem::path& path);

}  // namespace kinchain::model
