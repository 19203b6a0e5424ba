#pragma once
// Reads an OpenSim model file (.osim) into an immutable Model. Only this reader knows XML tags
// and format versions; the rest of Kinchain sees Model only.
//
// Format versions (OpenSimDocument Version): 10901..20303 (2.x), 30000 (3.x) with joints inside
// bodies (<Body><Joint><CustomJoint> with parent_body, location_in_parent,
// orientation_in_parent, location, orientation, CoordinateSet), and 40000+ (4.x) with <Ground>,
// <JointSet>, PhysicalOffsetFrames and socket paths. Understood:
//   bodies (mass, mass_center, inertia), PhysicalOffsetFrame (translation, orientation =
//   body-fixed X-Y-Z angles), joints CustomJoint (SpatialTransform), PinJoint, SliderJoint,
//   WeldJoint, UniversalJoint, BallJoint, FreeJoint, PlanarJoint; coordinates (motion type,
//   default value and speed, range, clamped, locked); CoordinateCouplerConstraint; markers;
//   wrap objects (osim_wrap_reader.hpp) and the force set (osim_force_reader.hpp).
// Ignored on purpose, silently: visual elements (VisibleObject, attached_geometry,
//   FrameGeometry, Appearance, geometry files), credits and publications, <defaults>.
// Ignored and listed in Model::ignored(): non-empty ContactGeometrySet, ControllerSet,
//   ProbeSet, ComponentSet/components, prescribed coordinate functions, disabled constraints.
// Everything else fails: kinchain::InputError(file, "line N (<Element name=..>)", reason) for
//   malformed XML, unknown joint/constraint/function types, a joint whose parent is missing,
//   unknown coordinate or frame references, non-numeric / NaN / infinite numbers, collinear
//   joint axes (as OpenSim's CustomJoint check), units other than metres and newtons.
// Mass properties are checked on load (the error names the file, the line and the body):
//   a negative mass; an inertia whose principal moments are not finite, not non-negative
//   (positive semi-definite) or violate the triangle inequality (smallest two >= largest),
//   within a relative slop of eps^(7/8) (Simbody's Inertia check, see the reader); and a total
//   mass of all bodies above 635 kg, the heaviest person on record (the message names the
//   heaviest body). Ground carries no mass properties (2.x/3.x "ground" bodies are skipped, as
//   OpenSim skips them). A massless body (mass within machine epsilon of 0, OpenSim's
//   Body::getInertia rule) is legal; a non-zero inertia on it is reset to zero, as OpenSim
//   does, and listed in Model::ignored().

#include <filesystem>
#include <string>

#include "kinchain/common/xml_document.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::model {

/// Reads a model file. @throws InputError as described above.
Model readOsimModel(const std::filesystem::path& path);
/// Reads a model held in memory (tests, fuzzing); `sourceName` appears in errors.
Model readOsimModelFromText(std::string text, std::string sourceName);
/// Reads a model from a parsed document.
Model readOsimModel(const XmlDocument& document);

}  // namespace kinchain::model
