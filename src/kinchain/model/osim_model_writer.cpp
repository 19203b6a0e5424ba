#include "kinchain/model/osim_model_writer.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <optional>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "kinchain/common/error.hpp"

namespace kinchain::model {

namespace {

std::string number(double value) {
  return fmt::format("{:.17g}", value);
}

std::string vector3(const Eigen::Vector3d& v) {
  return number(v.x()) + " " + number(v.y()) + " " + number(v.z());
}

// Sets the text of child `name` of `node`, appending the child if it is absent.
void setChild(pugi::xml_node node, const char* name, const std::string& text) {
  pugi::xml_node child = node.child(name);
  if (!child) child = node.append_child(name);
  child.text().set(text.c_str());
}

// Like setChild, but only when the child exists.
void updateChild(pugi::xml_node node, const char* name, const std::string& text) {
  if (pugi::xml_node child = node.child(name)) child.text().set(text.c_str());
}

pugi::xml_node firstElement(const pugi::xml_node& node) {
  for (pugi::xml_node child : node.children())
    if (child.type() == pugi::node_element) return child;
  return {};
}

// Makes the function held by `holder` (a <function> or <x_location> element) `scale` times the
// original one: updates an existing MultiplierFunction's scale, or wraps the function in one.
void setMultiplier(pugi::xml_node holder, const Function& function) {
  const auto* multiplier = std::get_if<function_types::Multiplier>(&function.variant());
  if (multiplier == nullptr) return;
  pugi::xml_node inner = firstElement(holder);
  if (!inner) return;
  if (std::string_view(inner.name()) == "MultiplierFunction") {
    setChild(inner, "scale", number(multiplier->scale));
    return;
  }
  pugi::xml_node wrapper = holder.insert_child_before("MultiplierFunction", inner);
  wrapper.append_child("function").append_copy(inner);
  wrapper.append_child("scale").text().set(number(multiplier->scale).c_str());
  holder.remove_child(inner);
}

class Editor {
 public:
  // Model::findMuscle / findWrapObject are not usable yet (their name tables are never filled
  // in model.cpp), so the editor keeps its own.
  Editor(const std::filesystem::path& originalFile, const Model& model)
      : source_(originalFile.string()), model_(model) {
    for (std::size_t m = 0; m < model.muscleCount(); ++m)
      muscles_.emplace(model.muscle(MuscleIndex(m)).name, m);
    for (std::size_t w = 0; w < model.wrapObjects().size(); ++w)
      wrapObjects_.emplace(model.wrapObjects()[w].object.name, w);
  }

  std::optional<MuscleIndex> findMuscle(const std::string& name) const {
    const auto it = muscles_.find(name);
    return it == muscles_.end() ? std::nullopt
                                : std::optional<MuscleIndex>(MuscleIndex(it->second));
  }

  void fail(const pugi::xml_node& node, const std::string& reason) const {
    throw InputError(
        source_,
        std::string("<") + node.name() + " name=\"" + node.attribute("name").as_string() + "\">",
        reason);
  }

  void visit(pugi::xml_node node) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (name == "Body" && child.parent().parent().name() == std::string_view("BodySet")) {
        editBody(child);
      } else if (name == "PhysicalOffsetFrame") {
        editOffsetFrame(child);
      } else if (name == "WrapCylinder" || name == "WrapSphere" || name == "WrapEllipsoid" ||
                 name == "WrapTorus") {
        editWrapObject(child);
        continue;
      } else if (name == "GeometryPath") {
        editPath(child);
        continue;
      } else if (child.attribute("name") &&
                 (child.child("SpatialTransform") || child.child("location_in_parent"))) {
        editJoint(child);
      }
      if (findMuscle(child.attribute("name").as_string()) && child.child("GeometryPath"))
        editMuscle(child);
      visit(child);
    }
  }

  void replaceMarkers(pugi::xml_node modelNode, bool version4) {
    pugi::xml_node markerSet = modelNode.child("MarkerSet");
    if (!markerSet) {
      markerSet = modelNode.append_child("MarkerSet");
      markerSet.append_attribute("name").set_value("markerset");
    }
    pugi::xml_node objects = markerSet.child("objects");
    if (objects) markerSet.remove_child(objects);
    objects = markerSet.prepend_child("objects");
    for (const Marker& marker : model_.markers()) {
      pugi::xml_node node = objects.append_child("Marker");
      node.append_attribute("name").set_value(marker.name.c_str());
      const Frame& frame = model_.frame(marker.frame);
      if (version4) {
        node.append_child("socket_parent_frame").text().set(frame.path.c_str());
      } else {
        node.append_child("body").text().set(frame.name.c_str());
      }
      node.append_child("location").text().set(vector3(marker.location).c_str());
      node.append_child("fixed").text().set(marker.fixed ? "true" : "false");
    }
  }

 private:
  void editBody(pugi::xml_node node) {
    const std::string name = node.attribute("name").as_string();
    const auto index = model_.findBody(name);
    if (!index && name == "ground") return;  // 2.x/3.x ground body: the ground frame here
    if (!index) fail(node, "body not in the model being written");
    const Body& body = model_.body(*index);
    setChild(node, "mass", number(body.mass));
    setChild(node, "mass_center", vector3(body.massCenter));
    const Eigen::Matrix3d& I = body.inertia;
    if (node.child("inertia_xx")) {
      setChild(node, "inertia_xx", number(I(0, 0)));
      setChild(node, "inertia_yy", number(I(1, 1)));
      setChild(node, "inertia_zz", number(I(2, 2)));
      setChild(node, "inertia_xy", number(I(0, 1)));
      setChild(node, "inertia_xz", number(I(0, 2)));
      setChild(node, "inertia_yz", number(I(1, 2)));
    } else {
      setChild(node, "inertia",
               vector3(I.diagonal()) + " " + number(I(0, 1)) + " " + number(I(0, 2)) + " " +
                   number(I(1, 2)));
    }
  }

  // 4.x: /jointset/<joint>/<frame> for joint frames, otherwise a unique short name.
  void editOffsetFrame(pugi::xml_node node) {
    const std::string name = node.attribute("name").as_string();
    std::optional<FrameIndex> frame;
    for (pugi::xml_node up = node.parent(); up; up = up.parent()) {
      if (std::string_view(up.name()) == "JointSet") {
        // node.parent() = <frames>, its parent = the joint element.
        frame = model_.findFrame(std::string("/jointset/") +
                                 node.parent().parent().attribute("name").as_string() + "/" + name);
        break;
      }
    }
    if (!frame) frame = model_.findFrame(name);
    if (!frame) fail(node, "frame not in the model being written");
    setChild(node, "translation", vector3(model_.frame(*frame).X_PF.p));
  }

  void editJoint(pugi::xml_node node) {
    const auto index = model_.findJoint(node.attribute("name").as_string());
    if (!index) return;  // not a joint element we model (e.g. a disabled leftover)
    const Joint& joint = model_.joint(*index);
    if (node.child("location_in_parent")) {
      setChild(node, "location_in_parent", vector3(model_.frame(joint.parentFrame).X_PF.p));
      setChild(node, "location", vector3(model_.frame(joint.childFrame).X_PF.p));
    }
    static constexpr std::array<const char*, 3> kTranslations{"translation1", "translation2",
                                                              "translation3"};
    for (pugi::xml_node axis : node.child("SpatialTransform").children("TransformAxis")) {
      for (std::size_t k = 0; k < 3; ++k) {
        if (std::string_view(axis.attribute("name").as_string()) != kTranslations[k]) continue;
        const auto& function = joint.transform.axes[3 + k].function;
        if (function && axis.child("function")) setMultiplier(axis.child("function"), *function);
      }
    }
  }

  void editMuscle(pugi::xml_node node) {
    const auto index = findMuscle(node.attribute("name").as_string());
    const MuscleDescription& muscle = model_.muscle(*index);
    updateChild(node, "optimal_fiber_length", number(muscle.optimalFiberLength));
    updateChild(node, "tendon_slack_length", number(muscle.tendonSlackLength));
  }

  void editPath(pugi::xml_node pathNode) {
    const pugi::xml_node owner = pathNode.parent();
    const auto index = findMuscle(owner.attribute("name").as_string());
    if (!index) return;  // a path of a force we do not model: left as read
    const GeometryPath& path = model_.musclePath(*index);
    std::size_t k = 0;
    for (pugi::xml_node point : pathNode.child("PathPointSet").child("objects").children()) {
      if (point.type() != pugi::node_element) continue;
      if (k >= path.points.size()) fail(owner, "more path points than the model being written");
      const PathPoint& p = path.points[k++];
      setChild(point, "location", vector3(p.location));
      static constexpr std::array<const char*, 3> kHolders{"x_location", "y_location",
                                                           "z_location"};
      for (std::size_t i = 0; i < 3; ++i) {
        if (p.locationFunctions[i] && point.child(kHolders[i]))
          setMultiplier(point.child(kHolders[i]), *p.locationFunctions[i]);
      }
    }
  }

  void editWrapObject(pugi::xml_node node) {
    const auto it = wrapObjects_.find(node.attribute("name").as_string());
    if (it == wrapObjects_.end()) fail(node, "wrap object not in the model being written");
    const WrapObject& object = model_.wrapObjects().at(it->second).object;
    setChild(node, "translation", vector3(object.translation));
    std::visit(
        [&](const auto& shape) {
          using T = std::decay_t<decltype(shape)>;
          if constexpr (std::is_same_v<T, WrapCylinder>) {
            setChild(node, "radius", number(shape.radius));
            setChild(node, "length", number(shape.length));
          } else if constexpr (std::is_same_v<T, WrapSphere>) {
            setChild(node, "radius", number(shape.radius));
          } else if constexpr (std::is_same_v<T, WrapEllipsoid>) {
            setChild(node, "dimensions", vector3(shape.dimensions));
          } else {
            setChild(node, "inner_radius", number(shape.inner_radius));
            setChild(node, "outer_radius", number(shape.outer_radius));
          }
        },
        object.shape);
  }

  std::string source_;
  const Model& model_;
  std::unordered_map<std::string, std::size_t> muscles_, wrapObjects_;
};

}  // namespace

void writeEditedOsimModel(const std::filesystem::path& originalFile, const Model& model,
                          const std::filesystem::path& output, const std::string& modelName) {
  pugi::xml_document document;
  const auto parsed = document.load_file(
      originalFile.c_str(), pugi::parse_default | pugi::parse_comments | pugi::parse_declaration);
  if (!parsed) {
    throw InputError(originalFile.string(), fmt::format("byte {}", parsed.offset),
                     std::string("cannot parse the original model: ") + parsed.description());
  }
  pugi::xml_node root = document.document_element();
  pugi::xml_node modelNode =
      std::string_view(root.name()) == "OpenSimDocument" ? root.child("Model") : root;
  if (!modelNode || std::string_view(modelNode.name()) != "Model")
    throw InputError(originalFile.string(), "", "no <Model> element");
  const bool version4 = root.attribute("Version").as_int(0) >= 40000;
  if (!modelName.empty()) {
    if (!modelNode.attribute("name")) modelNode.append_attribute("name");
    modelNode.attribute("name").set_value(modelName.c_str());
  }
  Editor editor(originalFile, model);
  editor.visit(modelNode);
  editor.replaceMarkers(modelNode, version4);
  if (!document.save_file(output.c_str(), "\t", pugi::format_default, pugi::encoding_utf8)) {
    throw InputError(output.string(), "", "cannot write the model file");
  }
}

}  // namespace kinchain::model
