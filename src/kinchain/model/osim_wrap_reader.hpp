#pragma once
// Reads an OpenSim <WrapObjectSet> (2.x, 3.x and 4.x layouts are the same for wrap objects:
// <WrapObjectSet><objects><WrapCylinder name="..">...</WrapCylinder>...</objects></WrapObjectSet>).
// Only the .osim importer calls this; the core sees WrapObject only.

#include "kinchain/common/xml_document.hpp"
#include "kinchain/model/wrap_object.hpp"

#include <pugixml.hpp>

#include <string>
#include <vector>

namespace kinchain::model {

/// Wrap objects of one WrapObjectSet, in file order, each attached to `frameName`.
///
/// Understood: WrapCylinder (radius, length), WrapSphere (radius), WrapEllipsoid (dimensions),
/// WrapTorus (inner_radius, outer_radius), and for all: active, xyz_body_rotation (rad),
/// translation (m), quadrant. A property that is absent takes OpenSim's default (see
/// wrap_object.hpp). Display-only elements (Appearance, VisibleObject, display_preference,
/// color) are ignored.
/// @param wrapObjectSetNode  the <WrapObjectSet> element; a null node gives an empty list
/// @throws InputError (via document.fail, naming the line) for an unsupported wrap type
///         (e.g. WrapCylinderObst), an unknown property, a value that is not a finite number,
///         a wrong count of numbers, a negative or zero size, an unknown quadrant, an active flag
///         other than true/false, or a wrap object without a name.
std::vector<WrapObject> readOsimWrapObjectSet(const XmlDocument& document,
                                              const pugi::xml_node& wrapObjectSetNode,
                                              const std::string& frameName);

}  // namespace kinchain::model
