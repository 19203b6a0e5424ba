#include "kinchain/model/osim_model_reader.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kinchain/common/error.hpp"
#include "kinchain/model/osim_force_reader.hpp"
#include "kinchain/model/osim_function_reader.hpp"
#include "kinchain/model/osim_wrap_reader.hpp"

namespace kinchain::model {

namespace {

using pugi::xml_node;

// Element names that only affect display; skipped wherever they appear.
bool isCosmetic(std::string_view name) {
  static const std::unordered_set<std::string_view> cosmetic = {
      "VisibleObject", "attached_geometry", "FrameGeometry",
      "Appearance",    "geometry",          "display_preference",
      "color",         "show_axes",         "geometry_files",
      "scale_factors", "GeometrySet",       "Geometry",
      "visible",       "opacity",           "VisibleProperties"};
  return cosmetic.contains(name);
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string textOf(const xml_node& node) {
  return std::string(trim(node.child_value()));
}

std::vector<std::string> splitWords(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream stream{std::string(text)};
  std::string word;
  while (stream >> word)
    words.push_back(word);
  return words;
}

// Normalises "/a/b/../c" style component paths ("." and ".." segments).
std::string normalisePath(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!segment.empty() && segment != ".") {
      parts.emplace_back(segment);
    }
    start = end + 1;
  }
  std::string result;
  for (const auto& part : parts)
    result += "/" + part;
  return result.empty() ? "/" : result;
}

std::string lastPathElement(std::string_view path) {
  const auto slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// Rotation from OpenSim's body-fixed X-Y-Z angles: R = Rx(a) Ry(b) Rz(c).
Eigen::Matrix3d bodyFixedXYZ(const Eigen::Vector3d& angles) {
  return (Eigen::AngleAxisd(angles.x(), Eigen::Vector3d::UnitX()) *
          Eigen::AngleAxisd(angles.y(), Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(angles.z(), Eigen::Vector3d::UnitZ()))
      .toRotationMatrix();
}

RigidTransform<double> offsetTransform(const Eigen::Vector3d& translation,
                                       const Eigen::Vector3d& orientation) {
  return {bodyFixedXYZ(orientation), translation};
}

class OsimModelReader {
 public:
  explicit OsimModelReader(const XmlDocument& document) : doc_(document) {}

  Model read();

 private:
  // --- value parsing ---------------------------------------------------------------------------
  double parseNumber(const xml_node& node, const std::string& token,
                     bool allowInfinite = false) const {
    const char* begin = token.c_str();
    char* end = nullptr;
    const double value = std::strtod(begin, &end);
    if (end == begin || *end != '\0') doc_.fail(node, "'" + token + "' is not a number");
    if (std::isnan(value)) doc_.fail(node, "NaN is not allowed here");
    if (!allowInfinite && !std::isfinite(value))
      doc_.fail(node, "'" + token + "' is not a finite number");
    return value;
  }
  std::vector<double> numbers(const xml_node& node, bool allowInfinite = false) const {
    std::vector<double> values;
    for (const auto& word : splitWords(node.child_value()))
      values.push_back(parseNumber(node, word, allowInfinite));
    return values;
  }
  double readDouble(const xml_node& parent, const char* name, double fallback) const {
    const xml_node node = parent.child(name);
    if (!node) return fallback;
    const auto values = numbers(node);
    if (values.size() != 1) doc_.fail(node, std::string("expected one number in <") + name + ">");
    return values[0];
  }
  Eigen::Vector3d readVector3(const xml_node& parent, const char* name,
                              const Eigen::Vector3d& fallback) const {
    const xml_node node = parent.child(name);
    if (!node) return fallback;
    const auto values = numbers(node);
    if (values.size() != 3)
      doc_.fail(node, std::string("expected three numbers in <") + name + ">");
    return {values[0], values[1], values[2]};
  }
  bool readBool(const xml_node& parent, const char* name, bool fallback) const {
    const xml_node node = parent.child(name);
    if (!node) return fallback;
    std::string value = textOf(node);
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (value == "true") return true;
    if (value == "false") return false;
    doc_.fail(node, "expected true or false, found '" + value + "'");
  }
  std::string nameOf(const xml_node& node) const { return node.attribute("name").value(); }
  std::string requireName(const xml_node& node) const {
    const std::string name(trim(node.attribute("name").value()));
    if (name.empty()) doc_.fail(node, std::string("<") + node.name() + "> has no name");
    return name;
  }
  // Fails on a child element that is neither understood (`known`) nor cosmetic, so a model is
  // never read with a property silently dropped.
  void checkChildren(const xml_node& node, std::initializer_list<std::string_view> known) const {
    for (const xml_node& child : node.children()) {
      if (child.type() != pugi::node_element || isCosmetic(child.name())) continue;
      const std::string_view name = child.name();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        doc_.fail(child,
                  "unsupported element <" + std::string(name) + "> in <" + node.name() + ">");
      }
    }
  }
  static xml_node objectsOf(const xml_node& set) {
    const xml_node objects = set.child("objects");
    return objects ? objects : set;
  }
  void ignore(const xml_node& node, const std::string& reason) {
    parts_.ignored.push_back(
        {std::string(node.name()) + (nameOf(node).empty() ? "" : " " + nameOf(node)),
         doc_.lineOf(node), reason});
  }

  // --- frames ----------------------------------------------------------------------------------
  FrameIndex addFrame(Frame frame, const xml_node& node) {
    if (frameByPath_.contains(frame.path))
      doc_.fail(node, "a second frame has the path '" + frame.path + "'");
    const FrameIndex index(parts_.frames.size());
    frameByPath_.emplace(frame.path, index.value());
    parts_.frames.push_back(std::move(frame));
    return index;
  }
  // A PhysicalOffsetFrame element owned by the component at ownerPath; parent resolved later.
  FrameIndex addOffsetFrame(const xml_node& node, const std::string& ownerPath) {
    Frame frame;
    frame.name = requireName(node);
    frame.path = normalisePath(ownerPath + "/" + frame.name);
    frame.kind = FrameKind::Offset;
    checkChildren(node, {"socket_parent", "translation", "orientation", "WrapObjectSet"});
    frame.X_PF = offsetTransform(readVector3(node, "translation", Eigen::Vector3d::Zero()),
                                 readVector3(node, "orientation", Eigen::Vector3d::Zero()));
    const xml_node socket = node.child("socket_parent");
    if (!socket) doc_.fail(node, "PhysicalOffsetFrame has no <socket_parent>");
    const FrameIndex index = addFrame(std::move(frame), node);
    readWrapObjects(node, index);
    pendingOffsetParents_.push_back(
        {index, node, parts_.frames[index.value()].path, textOf(socket)});
    return index;
  }
  // Resolves a frame reference written relative to the component at ownerPath.
  std::optional<FrameIndex> findFrame(const std::string& ownerPath,
                                      const std::string& reference) const {
    if (reference.empty()) return std::nullopt;
    const std::string path = reference.front() == '/' ? normalisePath(reference)
                                                      : normalisePath(ownerPath + "/" + reference);
    if (const auto found = frameByPath_.find(path); found != frameByPath_.end())
      return FrameIndex(found->second);
    // 2.x/3.x and hand-written files name bodies without a path.
    const std::string name = lastPathElement(reference);
    if (name == "ground") return FrameIndex(0);
    if (const auto body = bodyByName_.find(name); body != bodyByName_.end()) {
      return parts_.bodies[body->second].frame;
    }
    return std::nullopt;
  }
  FrameIndex requireFrame(const xml_node& node, const std::string& ownerPath,
                          const std::string& reference, const std::string& what) const {
    if (const auto frame = findFrame(ownerPath, reference)) return *frame;
    doc_.fail(node, what + " '" + reference + "' does not exist in the model");
  }

  // --- bodies ----------------------------------------------------------------------------------
  void readBodyMassProperties(const xml_node& node, Body& body) const {
    body.mass = readDouble(node, "mass", 0.0);
    if (body.mass < 0.0) doc_.fail(node.child("mass"), "mass must not be negative");
    body.massCenter = readVector3(node, "mass_center", Eigen::Vector3d::Zero());
    Eigen::Matrix3d I = Eigen::Matrix3d::Zero();
    if (const xml_node inertia = node.child("inertia")) {  // 4.x: xx yy zz xy xz yz
      const auto v = numbers(inertia);
      if (v.size() != 6)
        doc_.fail(inertia, "expected six numbers (xx yy zz xy xz yz) in <inertia>");
      I << v[0], v[3], v[4], v[3], v[1], v[5], v[4], v[5], v[2];
    } else {  // 2.x/3.x: one element per entry
      // Read every entry before the comma initializer: a throw inside it would trip Eigen's
      // "too few coefficients" assertion while unwinding.
      const double xx = readDouble(node, "inertia_xx", 0.0),
                   yy = readDouble(node, "inertia_yy", 0.0),
                   zz = readDouble(node, "inertia_zz", 0.0),
                   xy = readDouble(node, "inertia_xy", 0.0),
                   xz = readDouble(node, "inertia_xz", 0.0),
                   yz = readDouble(node, "inertia_yz", 0.0);
      I << xx, xy, xz, xy, yy, yz, xz, yz, zz;
    }
    body.inertia = I;
  }
  void checkBodyMassProperties(const xml_node& node, Body& body);
  void checkTotalMass(const std::vector<std::pair<xml_node, BodyIndex>>& bodies) const;
  void readBodies(const xml_node& bodySet, bool oldLayout);
  void readWrapObjects(const xml_node& owner, FrameIndex frame);
  void readForces(const xml_node& forceSet);

  // --- joints ----------------------------------------------------------------------------------
  struct PendingJoint {
    JointIndex joint;
    xml_node node;
    std::array<std::string, 6> axisCoordinate;  // CustomJoint axis coordinate names ("" = none)
    std::array<xml_node, 6> axisNode;
  };
  void readJointSet(const xml_node& jointSet);
  void readOldLayoutJoint(const xml_node& jointNode, BodyIndex childBody);
  JointIndex readJointCommon(const xml_node& jointNode, FrameIndex parent, FrameIndex child,
                             const xml_node& coordinateList);
  void readCoordinate(const xml_node& node, JointIndex joint);
  void resolveJointAxes();
  void deriveMotionTypes();

  // --- the rest ----------------------------------------------------------------------------------
  void readMarkers(const xml_node& markerSet);
  void readConstraints(const xml_node& constraintSet);
  void noteNonEmptySet(const xml_node& set, const std::string& reason) {
    const xml_node objects = objectsOf(set);
    for (const xml_node& child : objects.children()) {
      if (child.type() == pugi::node_element && std::string_view(child.name()) != "groups")
        ignore(child, reason);
    }
  }

  const XmlDocument& doc_;
  int version_ = 0;
  bool oldLayout_ = false;
  ModelParts parts_;
  std::unordered_map<std::string, std::size_t> frameByPath_, bodyByName_, coordinateByName_;
  // Joint names seen so far: checking each new joint against a list of all earlier ones took
  // half of the time of reading a 10,000-joint model.
  std::unordered_set<std::string> jointNames_;
  struct PendingOffsetParent {
    FrameIndex frame;
    xml_node node;
    std::string ownerPath;
    std::string reference;
  };
  std::vector<PendingOffsetParent> pendingOffsetParents_;
  std::vector<PendingJoint> pendingJoints_;
  std::vector<bool> motionTypeGiven_;
  struct PendingJointFrames {
    JointIndex joint;
    xml_node node;
    std::string ownerPath;
    std::string parentReference, childReference;
  };
  std::vector<PendingJointFrames> pendingJointFrames_;
};

void OsimModelReader::readWrapObjects(const xml_node& owner, FrameIndex frame) {
  const xml_node set = owner.child("WrapObjectSet");
  if (!set) return;
  for (WrapObject& object : readOsimWrapObjectSet(doc_, set, parts_.frames[frame.value()].name)) {
    AttachedWrapObject attached;
    attached.frame = frame;
    attached.X_BW = {object.rotationInFrame(), object.translation};
    attached.object = std::move(object);
    parts_.wrapObjects.push_back(std::move(attached));
  }
}

void OsimModelReader::readForces(const xml_node& forceSet) {
  ModelForces& forces = parts_.forces;
  forces.description = readOsimForceSet(doc_, forceSet, version_);
  const ForceSetDescription& description = forces.description;
  auto fail = [&](std::size_t line, const std::string& reason) -> void {
    throw InputError(doc_.sourceName(), "line " + std::to_string(line), reason);
  };
  auto frameOf = [&](const ComponentReference& reference, std::size_t line,
                     const std::string& what) {
    const std::string& written = reference.path.empty() ? reference.name : reference.path;
    if (const auto frame = findFrame("/", written)) return *frame;
    fail(line, what + " refers to frame '" + written + "', which does not exist");
    return FrameIndex();
  };
  auto coordinateOf = [&](const ComponentReference& reference, std::size_t line,
                          const std::string& what) {
    const auto found = coordinateByName_.find(reference.name);
    if (found == coordinateByName_.end()) {
      fail(line, what + " refers to coordinate '" + reference.path + "', which does not exist");
    }
    return CoordinateIndex(found->second);
  };
  std::unordered_map<std::string, std::size_t> wrapByName;
  for (std::size_t w = 0; w < parts_.wrapObjects.size(); ++w)
    wrapByName.emplace(parts_.wrapObjects[w].object.name, w);

  std::map<std::string, std::pair<std::size_t, std::size_t>> ignoredMuscleProperties;
  for (const MuscleDescription& muscle : description.muscles) {
    GeometryPath path;
    for (const PathPointDescription& point : muscle.path.points) {
      PathPoint resolved;
      resolved.name = point.name;
      resolved.frame = frameOf(point.frame, point.line, "path point '" + point.name + "'");
      resolved.location = point.location;
      if (const auto* range = std::get_if<ConditionalPathPointRange>(&point.kind)) {
        resolved.type = PathPointType::Conditional;
        resolved.conditionalCoordinate =
            coordinateOf(range->coordinate, point.line, "path point '" + point.name + "'");
        resolved.rangeMin = range->rangeMin;
        resolved.rangeMax = range->rangeMax;
      } else if (const auto* moving = std::get_if<MovingPathPointFunctions>(&point.kind)) {
        resolved.type = PathPointType::Moving;
        resolved.locationFunctions = moving->locationFunctions;
        for (std::size_t i = 0; i < 3; ++i) {
          if (!moving->coordinates[i].empty()) {
            resolved.locationCoordinates[i] =
                coordinateOf(moving->coordinates[i], point.line, "path point '" + point.name + "'");
          }
        }
      }
      path.points.push_back(std::move(resolved));
    }
    for (const PathWrapDescription& wrap : muscle.path.wraps) {
      const auto found = wrapByName.find(wrap.wrapObject);
      if (found == wrapByName.end()) {
        fail(wrap.line, "muscle '" + muscle.name + "' wraps over '" + wrap.wrapObject +
                            "', which is not a wrap object of the model");
      }
      path.wraps.push_back(
          {WrapObjectIndex(found->second), wrap.method, wrap.rangeBegin, wrap.rangeEnd});
    }
    forces.musclePaths.push_back(std::move(path));
    // One entry per property and muscle type (e.g. 3.x activation sub-objects in 92 muscles).
    for (const std::string& property : muscle.ignoredProperties) {
      const std::string element = property.substr(0, property.find(" (line"));
      auto& [count, line] = ignoredMuscleProperties[muscle.type + ": " + element];
      if (count++ == 0) line = muscle.line;
    }
  }
  for (const auto& [element, countAndLine] : ignoredMuscleProperties) {
    parts_.ignored.push_back({element, countAndLine.second,
                              "not read by OpenSim 4 for this muscle type (in " +
                                  std::to_string(countAndLine.first) +
                                  " muscles, first at this line)"});
  }
  for (const auto& actuator : description.coordinateActuators) {
    forces.coordinateActuatorCoordinates.push_back(
        coordinateOf(actuator.coordinate, actuator.line, "actuator '" + actuator.name + "'"));
  }
  for (const auto& force : description.coordinateLimitForces) {
    forces.coordinateLimitForceCoordinates.push_back(
        coordinateOf(force.coordinate, force.line, "force '" + force.name + "'"));
  }
  for (const auto& actuator : description.pointActuators) {
    forces.pointActuatorFrames.push_back(
        frameOf(actuator.body, actuator.line, "actuator '" + actuator.name + "'"));
  }
  for (const auto& actuator : description.torqueActuators) {
    forces.torqueActuatorFrames.push_back(
        {frameOf(actuator.bodyA, actuator.line, "actuator '" + actuator.name + "'"),
         frameOf(actuator.bodyB, actuator.line, "actuator '" + actuator.name + "'")});
  }
  for (const UnsupportedForceDescription& force : description.notUnderstood) {
    parts_.ignored.push_back(
        {force.type + " " + force.name, force.line,
         "force type Kinchain does not support (kinematics and muscle paths are unaffected)"});
  }
}

// SimTK::Eps, the machine epsilon of double: OpenSim's Body::getInertia treats a body whose mass
// lies within +-SimTK::Eps as massless.
constexpr double kMasslessBound = std::numeric_limits<double>::epsilon();

// The heaviest person on record weighed about 635 kg (Jon Brower Minnoch; Guinness World Records),
// the bound src/kinchain/screen/screen_record_schema.cpp also uses for a subject's mass.
constexpr double kHeaviestRecordedPersonKg = 635.0;

std::string kilograms(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

void OsimModelReader::checkBodyMassProperties(const xml_node& node, Body& body) {
  if (body.mass <= kMasslessBound) {
    // A massless body is legal (OpenSim's Body::getInertia); a non-zero inertia on it "makes no
    // sense" there and OpenSim resets it to zero, which Kinchain follows and lists.
    if (!body.inertia.isZero(0.0)) {
      body.inertia.setZero();
      ignore(node,
             "non-zero inertia of a massless body, reset to zero as OpenSim's "
             "Body::getInertia does");
    }
    return;
  }
  const xml_node inertiaNode = node.child("inertia") ? node.child("inertia") : node;
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> solver(body.inertia, Eigen::EigenvaluesOnly);
  const Eigen::Vector3d moments = solver.eigenvalues();  // principal moments, ascending
  const std::string named = "body '" + body.name + "': ";
  if (!body.inertia.allFinite() || !moments.allFinite()) {
    doc_.fail(inertiaNode, named + "the inertia has no finite principal moments");
  }
  const std::string listed = "principal moments " + kilograms(moments[0]) + ", " +
                             kilograms(moments[1]) + ", " + kilograms(moments[2]) + " kg m^2";
  // Simbody accepts an inertia whose diagonal is non-negative and meets the triangle inequality
  // within NTraits<double>::getSignificant() = eps^(7/8), about 2e-14 (SimTK Inertia_::
  // isValidInertiaMatrix; RTraits<double>::getSignificant). Kinchain checks the principal
  // moments (eigenvalues), so products of inertia are covered too, and scales that slop by the
  // largest moment: body inertias are 1e-5..1 kg m^2, not the O(1) values an absolute slop
  // assumes, while the eigenvalues carry a round-off of a few eps times the largest moment and
  // a body exactly on the boundary (a thin rod: one zero moment; a flat plate: Izz = Ixx + Iyy)
  // must not be refused for it.
  const double tolerance =
      std::pow(std::numeric_limits<double>::epsilon(), 0.875) * moments.cwiseAbs().maxCoeff();
  if (moments[0] < -tolerance) {
    doc_.fail(inertiaNode, named + "the inertia is not positive semi-definite (" + listed +
                               "): no distribution of mass has a negative moment of inertia");
  }
  if (moments[0] + moments[1] < moments[2] - tolerance) {
    doc_.fail(inertiaNode, named + "the inertia violates the triangle inequality (" + listed +
                               ": the two smaller do not add up to the largest), which no "
                               "distribution of mass can have");
  }
}

void OsimModelReader::checkTotalMass(
    const std::vector<std::pair<xml_node, BodyIndex>>& bodies) const {
  double total = 0.0;
  std::optional<std::pair<xml_node, BodyIndex>> heaviest;
  for (const auto& entry : bodies) {
    const double mass = parts_.bodies[entry.second.value()].mass;
    total += mass;
    if (!heaviest || mass > parts_.bodies[heaviest->second.value()].mass) heaviest = entry;
  }
  if (!heaviest || total <= kHeaviestRecordedPersonKg) return;
  const Body& body = parts_.bodies[heaviest->second.value()];
  const xml_node massNode = heaviest->first.child("mass");
  doc_.fail(massNode ? massNode : heaviest->first,
            "body '" + body.name + "' has a mass of " + kilograms(body.mass) +
                " kg and the model's bodies weigh " + kilograms(total) +
                " kg in total, more than the heaviest person on record (about " +
                kilograms(kHeaviestRecordedPersonKg) +
                " kg, Guinness World Records): a mass or its unit is wrong");
}

void OsimModelReader::readBodies(const xml_node& bodySet, bool oldLayout) {
  // Pass 1: every body and its frame (joints may name a parent body defined later).
  std::vector<std::pair<xml_node, BodyIndex>> bodiesWithJoints;
  std::vector<std::pair<xml_node, BodyIndex>> bodyNodes;
  for (const xml_node& node : objectsOf(bodySet).children()) {
    if (node.type() != pugi::node_element || std::string_view(node.name()) == "groups") continue;
    if (std::string_view(node.name()) != "Body")
      doc_.fail(node, std::string("unsupported body type <") + node.name() + ">");
    const std::string name = requireName(node);
    if (oldLayout && name == "ground") {
      readWrapObjects(node, Model::groundFrame());
      continue;
    }
    if (bodyByName_.contains(name)) doc_.fail(node, "a second body is named '" + name + "'");
    checkChildren(
        node, {"mass", "mass_center", "inertia", "inertia_xx", "inertia_yy", "inertia_zz",
               "inertia_xy", "inertia_xz", "inertia_yz", "Joint", "WrapObjectSet", "components"});
    Body body;
    body.name = name;
    readBodyMassProperties(node, body);
    checkBodyMassProperties(node, body);
    Frame frame;
    frame.name = name;
    frame.path = "/bodyset/" + name;
    frame.kind = FrameKind::Body;
    frame.body = BodyIndex(parts_.bodies.size());
    body.frame = addFrame(std::move(frame), node);
    bodyByName_.emplace(name, parts_.bodies.size());
    parts_.bodies.push_back(std::move(body));
    const BodyIndex bodyIndex(parts_.bodies.size() - 1);
    readWrapObjects(node, parts_.bodies.back().frame);
    if (const xml_node components = node.child("components")) {
      for (const xml_node& component : components.children()) {
        if (component.type() != pugi::node_element) continue;
        if (std::string_view(component.name()) == "PhysicalOffsetFrame") {
          const FrameIndex offset = addOffsetFrame(component, "/bodyset/" + name);
          parts_.frames[offset.value()].body = bodyIndex;
        } else if (!isCosmetic(component.name())) {
          ignore(component, "component of a body that Kinchain does not use");
        }
      }
    }
    if (oldLayout) bodiesWithJoints.emplace_back(node, bodyIndex);
    bodyNodes.emplace_back(node, bodyIndex);
  }
  checkTotalMass(bodyNodes);
  // Pass 2 (2.x/3.x): the joint inside each body connects it to its parent body.
  for (const auto& [node, bodyIndex] : bodiesWithJoints) {
    const xml_node jointWrapper = node.child("Joint");
    xml_node jointNode;
    for (const xml_node& child : jointWrapper.children()) {
      if (child.type() != pugi::node_element) continue;
      if (jointNode) doc_.fail(child, "a body holds more than one joint");
      jointNode = child;
    }
    if (!jointNode) {
      doc_.fail(node, "body '" + parts_.bodies[bodyIndex.value()].name +
                          "' has no joint connecting it to the model");
    }
    readOldLayoutJoint(jointNode, bodyIndex);
  }
}

void OsimModelReader::readOldLayoutJoint(const xml_node& jointNode, BodyIndex childBody) {
  const std::string jointName = requireName(jointNode);
  const std::string jointPath = "/jointset/" + jointName;
  const xml_node parentNode = jointNode.child("parent_body");
  if (!parentNode) doc_.fail(jointNode, "joint has no <parent_body>");
  const std::string parentName = textOf(parentNode);
  const auto parentBodyFrame = findFrame("/", parentName);
  if (!parentBodyFrame || (parentName != "ground" && !bodyByName_.contains(parentName))) {
    doc_.fail(parentNode,
              "parent body '" + parentName + "' of joint '" + jointName + "' does not exist");
  }
  if (readBool(jointNode, "reverse", false)) {
    doc_.fail(jointNode.child("reverse"),
              "reversed joints of the 2.x/3.x layout are not supported");
  }
  const std::string childName = parts_.bodies[childBody.value()].name;
  // location_in_parent / orientation_in_parent define F on the parent body; location /
  // orientation define M on the child body (OpenSim 4 upgrades them to PhysicalOffsetFrames).
  Frame parentFrame;
  parentFrame.name = parentName + "_offset";
  parentFrame.path = jointPath + "/" + parentFrame.name;
  parentFrame.parent = *parentBodyFrame;
  parentFrame.body = parts_.frames[parentBodyFrame->value()].body;
  parentFrame.X_PF =
      offsetTransform(readVector3(jointNode, "location_in_parent", Eigen::Vector3d::Zero()),
                      readVector3(jointNode, "orientation_in_parent", Eigen::Vector3d::Zero()));
  Frame childFrame;
  childFrame.name = childName + "_offset";
  childFrame.path = jointPath + "/" + childFrame.name;
  childFrame.parent = parts_.bodies[childBody.value()].frame;
  childFrame.body = childBody;
  childFrame.X_PF = offsetTransform(readVector3(jointNode, "location", Eigen::Vector3d::Zero()),
                                    readVector3(jointNode, "orientation", Eigen::Vector3d::Zero()));
  const FrameIndex parent = addFrame(std::move(parentFrame), jointNode);
  const FrameIndex child = addFrame(std::move(childFrame), jointNode);
  xml_node coordinateList = jointNode.child("CoordinateSet");
  readJointCommon(jointNode, parent, child,
                  coordinateList ? objectsOf(coordinateList) : xml_node());
}

void OsimModelReader::readJointSet(const xml_node& jointSet) {
  for (const xml_node& node : objectsOf(jointSet).children()) {
    if (node.type() != pugi::node_element || std::string_view(node.name()) == "groups") continue;
    const std::string jointName = requireName(node);
    const std::string jointPath = "/jointset/" + jointName;
    if (const xml_node frames = node.child("frames")) {
      for (const xml_node& frame : frames.children()) {
        if (frame.type() != pugi::node_element) continue;
        if (std::string_view(frame.name()) != "PhysicalOffsetFrame") {
          doc_.fail(frame, std::string("unsupported joint frame type <") + frame.name() + ">");
        }
        addOffsetFrame(frame, jointPath);
      }
    }
    const xml_node parentSocket = node.child("socket_parent_frame");
    const xml_node childSocket = node.child("socket_child_frame");
    if (!parentSocket) doc_.fail(node, "joint has no <socket_parent_frame>");
    if (!childSocket) doc_.fail(node, "joint has no <socket_child_frame>");
    // Frames are resolved once every frame exists; placeholders until then.
    const JointIndex joint =
        readJointCommon(node, FrameIndex(), FrameIndex(), node.child("coordinates"));
    pendingJointFrames_.push_back(
        {joint, node, jointPath, textOf(parentSocket), textOf(childSocket)});
  }
}

JointIndex OsimModelReader::readJointCommon(const xml_node& node, FrameIndex parent,
                                            FrameIndex child, const xml_node& coordinateList) {
  checkChildren(node, {"socket_parent_frame", "socket_child_frame", "coordinates", "frames",
                       "parent_body", "location_in_parent", "orientation_in_parent", "location",
                       "orientation", "CoordinateSet", "reverse", "SpatialTransform"});
  Joint joint;
  joint.name = requireName(node);
  joint.parentFrame = parent;
  joint.childFrame = child;
  joint.reverse = readBool(node, "reverse", false);
  const JointIndex jointIndex(parts_.joints.size());
  if (!jointNames_.insert(joint.name).second)
    doc_.fail(node, "a second joint is named '" + joint.name + "'");
  const std::string_view type = node.name();
  static const std::unordered_map<std::string_view, JointType> types = {
      {"CustomJoint", JointType::Custom},       {"PinJoint", JointType::Pin},
      {"SliderJoint", JointType::Slider},       {"WeldJoint", JointType::Weld},
      {"UniversalJoint", JointType::Universal}, {"BallJoint", JointType::Ball},
      {"FreeJoint", JointType::Free},           {"PlanarJoint", JointType::Planar}};
  const auto found = types.find(type);
  if (found == types.end()) doc_.fail(node, "unsupported joint type <" + std::string(type) + ">");
  joint.type = found->second;
  parts_.joints.push_back(std::move(joint));

  if (coordinateList) {
    for (const xml_node& coordinate : coordinateList.children()) {
      if (coordinate.type() != pugi::node_element ||
          std::string_view(coordinate.name()) == "groups")
        continue;
      if (std::string_view(coordinate.name()) != "Coordinate") {
        doc_.fail(coordinate,
                  std::string("expected <Coordinate>, found <") + coordinate.name() + ">");
      }
      readCoordinate(coordinate, jointIndex);
    }
  }
  Joint& stored = parts_.joints.back();
  const auto& own = stored.coordinates;
  auto requireCount = [&](std::size_t count) {
    if (own.size() != count) {
      doc_.fail(node, std::string(model::nameOf(stored.type)) + " needs " + std::to_string(count) +
                          " coordinates, found " + std::to_string(own.size()));
    }
  };
  auto& axes = stored.transform.axes;
  auto setAxis = [&](std::size_t k, const Eigen::Vector3d& direction, std::size_t coordinate) {
    axes[k].axis = direction;
    axes[k].coordinate = own[coordinate];
  };
  const Eigen::Vector3d X = Eigen::Vector3d::UnitX(), Y = Eigen::Vector3d::UnitY(),
                        Z = Eigen::Vector3d::UnitZ();
  // Default axis directions of an OpenSim SpatialTransform (SpatialTransform.cpp).
  axes[0].axis = X, axes[1].axis = Y, axes[2].axis = Z, axes[3].axis = X, axes[4].axis = Y,
  axes[5].axis = Z;
  switch (stored.type) {
    case JointType::Pin:
      requireCount(1);
      setAxis(0, Z, 0);
      break;
    case JointType::Slider:
      requireCount(1);
      setAxis(3, X, 0);
      break;
    case JointType::Weld:
      requireCount(0);
      break;
    case JointType::Universal:
      requireCount(2);
      setAxis(0, X, 0);
      setAxis(1, Y, 1);
      break;
    case JointType::Ball:
      requireCount(3);
      setAxis(0, X, 0);
      setAxis(1, Y, 1);
      setAxis(2, Z, 2);
      break;
    case JointType::Free:
      requireCount(6);
      for (std::size_t k = 0; k < 6; ++k)
        setAxis(k, k % 3 == 0 ? X : (k % 3 == 1 ? Y : Z), k);
      break;
    case JointType::Planar:
      requireCount(3);
      setAxis(0, Z, 0);
      setAxis(3, X, 1);
      setAxis(4, Y, 2);
      break;
    case JointType::Custom: {
      PendingJoint pending{jointIndex, node, {}, {}};
      const xml_node spatial = node.child("SpatialTransform");
      if (!spatial) doc_.fail(node, "CustomJoint has no <SpatialTransform>");
      static const std::array<const char*, 6> axisNames = {
          "rotation1", "rotation2", "rotation3", "translation1", "translation2", "translation3"};
      for (const xml_node& axisNode : spatial.children()) {
        if (axisNode.type() != pugi::node_element) continue;
        if (std::string_view(axisNode.name()) != "TransformAxis") {
          doc_.fail(axisNode,
                    std::string("expected <TransformAxis>, found <") + axisNode.name() + ">");
        }
        for (const xml_node& property : axisNode.children()) {
          const std::string_view childName = property.name();
          if (property.type() == pugi::node_element && childName != "axis" &&
              childName != "coordinates" && childName != "function" &&
              !isOsimFunctionElement(childName)) {
            doc_.fail(property, "unknown function type or property <" + std::string(childName) +
                                    "> in <TransformAxis>");
          }
        }
        const std::string axisName = nameOf(axisNode);
        const auto slot = std::find_if(axisNames.begin(), axisNames.end(),
                                       [&](const char* n) { return axisName == n; });
        if (slot == axisNames.end())
          doc_.fail(axisNode, "TransformAxis name must be rotation1..3 or translation1..3");
        const auto k = static_cast<std::size_t>(slot - axisNames.begin());
        if (pending.axisNode[k])
          doc_.fail(axisNode, "TransformAxis '" + axisName + "' appears twice");
        pending.axisNode[k] = axisNode;
        const Eigen::Vector3d direction = readVector3(axisNode, "axis", axes[k].axis);
        if (direction.norm() < 1e-12) doc_.fail(axisNode, "TransformAxis axis has zero length");
        axes[k].axis = direction.normalized();  // Simbody normalises (FunctionBasedImpl)
        const auto names = splitWords(axisNode.child_value("coordinates"));
        if (names.size() > 1) {
          doc_.fail(axisNode,
                    "a TransformAxis driven by more than one coordinate is not supported");
        }
        if (!names.empty()) pending.axisCoordinate[k] = names[0];
        const xml_node functionNode = findOsimFunctionNode(axisNode, "function");
        if (functionNode) {
          Function function = readOsimFunction(doc_, functionNode);
          const auto* linear = std::get_if<function_types::Linear>(&function.variant());
          // The identity (slope 1, intercept 0) on a coordinate is stored as "no function".
          const bool identity =
              !names.empty() && linear && linear->slope == 1.0 && linear->intercept == 0.0;
          const auto* constant = std::get_if<function_types::Constant>(&function.variant());
          const bool zero = names.empty() && constant && constant->value == 0.0;
          if (!identity && !zero) axes[k].function = std::move(function);
        }
        // Without a function OpenSim uses LinearFunction (1 coordinate) or Constant 0 (none).
      }
      // OpenSim rejects collinear axes (CustomJoint::extendFinalizeFromProperties, tol 1e-5).
      for (std::size_t start = 0; start <= 3; start += 3) {
        const auto& a = axes;
        if (a[start].axis.cross(a[start + 1].axis).norm() < 1e-5 ||
            a[start].axis.cross(a[start + 2].axis).norm() < 1e-5 ||
            a[start + 1].axis.cross(a[start + 2].axis).norm() < 1e-5) {
          doc_.fail(spatial, "CustomJoint '" + stored.name + "' has collinear " +
                                 (start == 0 ? "rotation" : "translation") + " axes");
        }
      }
      pendingJoints_.push_back(std::move(pending));
      break;
    }
  }
  return jointIndex;
}

void OsimModelReader::readCoordinate(const xml_node& node, JointIndex joint) {
  checkChildren(node, {"default_value", "default_speed_value", "initial_value", "range", "clamped",
                       "locked", "motion_type", "prescribed", "prescribed_function",
                       "is_free_to_satisfy_constraints", "restraint_function",
                       "min_restraint_function", "max_restraint_function", "restraint_active"});
  if (readBool(node, "restraint_active", false)) {
    ignore(node, "coordinate restraint (a passive force) is ignored");
  }
  Coordinate coordinate;
  coordinate.name = requireName(node);
  if (coordinateByName_.contains(coordinate.name))
    doc_.fail(node, "a second coordinate is named '" + coordinate.name + "'");
  coordinate.joint = joint;
  coordinate.defaultValue = readDouble(node, "default_value", 0.0);
  coordinate.defaultSpeed = readDouble(node, "default_speed_value", 0.0);
  coordinate.rangeMin = -std::numeric_limits<double>::infinity();
  coordinate.rangeMax = std::numeric_limits<double>::infinity();
  if (const xml_node range = node.child("range")) {
    const auto values = numbers(range, /*allowInfinite=*/true);
    if (values.size() != 2) doc_.fail(range, "expected two numbers (min max) in <range>");
    if (values[0] > values[1]) doc_.fail(range, "range minimum is above its maximum");
    coordinate.rangeMin = values[0];
    coordinate.rangeMax = values[1];
  } else {
    coordinate.rangeMin = -10.0, coordinate.rangeMax = 10.0;  // OpenSim Coordinate default range
  }
  coordinate.clamped = readBool(node, "clamped", false);
  coordinate.locked = readBool(node, "locked", false);
  bool motionTypeGiven = false;
  if (const xml_node motion = node.child("motion_type")) {
    const std::string type = textOf(motion);
    if (type == "rotational")
      coordinate.motionType = MotionType::Rotational;
    else if (type == "translational")
      coordinate.motionType = MotionType::Translational;
    else if (type == "coupled")
      coordinate.motionType = MotionType::Coupled;
    else
      doc_.fail(motion, "unknown motion_type '" + type + "'");
    motionTypeGiven = true;
  }
  if (readBool(node, "prescribed", false)) {
    ignore(node, "prescribed motion is ignored: the coordinate is treated as free");
  }
  coordinateByName_.emplace(coordinate.name, parts_.coordinates.size());
  parts_.joints[joint.value()].coordinates.push_back(CoordinateIndex(parts_.coordinates.size()));
  parts_.coordinates.push_back(std::move(coordinate));
  motionTypeGiven_.push_back(motionTypeGiven);
}

void OsimModelReader::resolveJointAxes() {
  for (const PendingJoint& pending : pendingJoints_) {
    Joint& joint = parts_.joints[pending.joint.value()];
    for (std::size_t k = 0; k < 6; ++k) {
      const std::string& name = pending.axisCoordinate[k];
      if (name.empty()) continue;
      const auto found = coordinateByName_.find(name);
      if (found == coordinateByName_.end()) {
        doc_.fail(pending.axisNode[k],
                  "TransformAxis refers to coordinate '" + name + "', which does not exist");
      }
      joint.transform.axes[k].coordinate = CoordinateIndex(found->second);
    }
  }
}

// Motion type when the file does not say (4.x), as OpenSim's CustomJoint::constructCoordinates:
// a coordinate that is the displacement (linear function with slope +1 or -1) about a rotation
// axis is rotational, along a translation axis translational (the last such axis wins); one
// that only drives axes through other functions is coupled.
void OsimModelReader::deriveMotionTypes() {
  for (std::size_t c = 0; c < parts_.coordinates.size(); ++c) {
    if (motionTypeGiven_[c]) continue;
    Coordinate& coordinate = parts_.coordinates[c];
    const Joint& joint = parts_.joints[coordinate.joint.value()];
    std::optional<MotionType> type;
    for (std::size_t k = 0; k < 6; ++k) {
      const TransformAxis& axis = joint.transform.axes[k];
      if (axis.coordinate != CoordinateIndex(c)) continue;
      bool pure = !axis.function.has_value();  // identity
      if (axis.function) {
        const auto* linear = std::get_if<function_types::Linear>(&axis.function->variant());
        pure = linear && (linear->slope == 1.0 || linear->slope == -1.0);
      }
      if (pure) {
        type = k < 3 ? MotionType::Rotational : MotionType::Translational;
      } else if (!type) {
        type = MotionType::Coupled;
      }
    }
    coordinate.motionType = type.value_or(MotionType::Coupled);
  }
}

void OsimModelReader::readMarkers(const xml_node& markerSet) {
  std::unordered_set<std::string> names;
  for (const xml_node& node : objectsOf(markerSet).children()) {
    if (node.type() != pugi::node_element || std::string_view(node.name()) == "groups") continue;
    if (std::string_view(node.name()) != "Marker")
      doc_.fail(node, std::string("unsupported marker type <") + node.name() + ">");
    checkChildren(node, {"socket_parent_frame", "body", "location", "fixed"});
    Marker marker;
    marker.name = requireName(node);
    if (!names.insert(marker.name).second)
      doc_.fail(node, "a second marker is named '" + marker.name + "'");
    xml_node frameNode = node.child("socket_parent_frame");
    if (!frameNode) frameNode = node.child("body");
    if (!frameNode) doc_.fail(node, "marker has no <socket_parent_frame> or <body>");
    marker.frame = requireFrame(frameNode, "/markerset/" + marker.name, textOf(frameNode), "frame");
    marker.location = readVector3(node, "location", Eigen::Vector3d::Zero());
    marker.fixed = readBool(node, "fixed", false);
    parts_.markers.push_back(std::move(marker));
  }
}

void OsimModelReader::readConstraints(const xml_node& constraintSet) {
  for (const xml_node& node : objectsOf(constraintSet).children()) {
    if (node.type() != pugi::node_element || std::string_view(node.name()) == "groups") continue;
    // 2.x/3.x <isDisabled>true</isDisabled>; 4.x <isEnforced>false</isEnforced>.
    const bool enforced = readBool(node, "isEnforced", !readBool(node, "isDisabled", false));
    if (std::string_view(node.name()) != "CoordinateCouplerConstraint") {
      if (!enforced) {
        ignore(node, "disabled constraint of a type Kinchain does not support");
        continue;
      }
      doc_.fail(node, std::string("unsupported constraint type <") + node.name() + ">");
    }
    checkChildren(node,
                  {"isEnforced", "isDisabled", "coupled_coordinates_function",
                   "independent_coordinate_names", "dependent_coordinate_name", "scale_factor"});
    CoordinateCouplerConstraint coupler;
    coupler.name = requireName(node);
    coupler.enabled = enforced;
    const xml_node functionNode = findOsimFunctionNode(node, "coupled_coordinates_function");
    if (!functionNode) doc_.fail(node, "coupler constraint has no <coupled_coordinates_function>");
    coupler.function = readOsimFunction(doc_, functionNode);
    const xml_node independentNode = node.child("independent_coordinate_names");
    const auto independent = splitWords(independentNode.child_value());
    if (independent.size() != 1) {
      doc_.fail(independentNode ? independentNode : node,
                "a coupler constraint needs exactly one independent coordinate");
    }
    const xml_node dependentNode = node.child("dependent_coordinate_name");
    const std::string dependent = textOf(dependentNode);
    auto coordinate = [&](const xml_node& at, const std::string& name) {
      const auto found = coordinateByName_.find(name);
      if (found == coordinateByName_.end())
        doc_.fail(at, "coordinate '" + name + "' does not exist");
      return CoordinateIndex(found->second);
    };
    coupler.independent = coordinate(independentNode, independent[0]);
    coupler.dependent = coordinate(dependentNode ? dependentNode : node, dependent);
    coupler.scaleFactor = readDouble(node, "scale_factor", 1.0);
    parts_.couplerConstraints.push_back(std::move(coupler));
  }
}

Model OsimModelReader::read() {
  const xml_node root = doc_.root();
  xml_node modelNode;
  if (std::string_view(root.name()) == "OpenSimDocument") {
    const auto versionAttribute = root.attribute("Version");
    if (!versionAttribute) doc_.fail(root, "OpenSimDocument has no Version attribute");
    version_ = static_cast<int>(parseNumber(root, std::string(trim(versionAttribute.value()))));
    modelNode = root.child("Model");
    if (!modelNode) doc_.fail(root, "OpenSimDocument holds no <Model>");
  } else if (std::string_view(root.name()) == "Model") {
    version_ = 40000;  // a bare <Model> root is how OpenSim 4 writes without a document wrapper
    modelNode = root;
  } else {
    doc_.fail(root, "not an OpenSim model: the root element is <" + std::string(root.name()) + ">");
  }
  if (version_ < 10901) {
    doc_.fail(root,
              "format version " + std::to_string(version_) + " (before 10901) is not supported");
  }
  parts_.name = nameOf(modelNode);
  parts_.sourceName = doc_.sourceName();
  oldLayout_ = !modelNode.child("JointSet") && !modelNode.child("Ground");

  Frame ground;
  ground.name = "ground";
  ground.path = "/ground";
  ground.kind = FrameKind::Ground;
  addFrame(std::move(ground), modelNode);

  static const std::unordered_set<std::string_view> harmless = {
      "credits", "publications", "defaults", "assembly_accuracy", "validatedMarkers"};
  xml_node bodySet, jointSet, markerSet, constraintSet, forceSet;
  for (const xml_node& child : modelNode.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = child.name();
    if (name == "BodySet")
      bodySet = child;
    else if (name == "JointSet")
      jointSet = child;
    else if (name == "MarkerSet")
      markerSet = child;
    else if (name == "ConstraintSet")
      constraintSet = child;
    else if (name == "ForceSet")
      forceSet = child;
    else if (name == "Ground")
      readWrapObjects(child, Model::groundFrame());
    else if (name == "gravity")
      parts_.gravity = readVector3(modelNode, "gravity", parts_.gravity);
    else if (name == "length_units") {
      const std::string units = textOf(child);
      if (!units.empty() && units != "meters" && units != "m")
        doc_.fail(child, "length units must be meters");
    } else if (name == "force_units") {
      const std::string units = textOf(child);
      if (!units.empty() && units != "N" && units != "newtons")
        doc_.fail(child, "force units must be N");
    } else if (name == "ContactGeometrySet" || name == "ControllerSet" || name == "ProbeSet" ||
               name == "ComponentSet") {
      noteNonEmptySet(child, "not used by Kinchain kinematics");
    } else if (name == "components") {
      noteNonEmptySet(child, "model component Kinchain does not use");
    } else if (!harmless.contains(name) && !isCosmetic(name)) {
      doc_.fail(child, "unsupported model element <" + std::string(name) + ">");
    }
  }
  if (!bodySet) doc_.fail(modelNode, "model has no <BodySet>");
  readBodies(bodySet, oldLayout_);
  if (jointSet) readJointSet(jointSet);

  // Offset frames' parents, then joint frames (4.x sockets).
  for (const PendingOffsetParent& pending : pendingOffsetParents_) {
    const FrameIndex parent = requireFrame(pending.node.child("socket_parent"), pending.ownerPath,
                                           pending.reference, "parent frame");
    Frame& frame = parts_.frames[pending.frame.value()];
    if (parent == pending.frame) doc_.fail(pending.node, "frame is its own parent");
    frame.parent = parent;
  }
  // Offset frames fixed (through other offset frames) to a body belong to that body. Each
  // offset frame's chain of parents is walked up to the first frame that knows its body, and the
  // frames walked get that body; a frame is walked at most once after it is resolved, so this is
  // linear in the frames (sweeping all frames until nothing changes was quadratic when offset
  // frames are listed before their parents). A cycle of offset frames stays unresolved, for
  // Model's check to report.
  {
    std::vector<std::size_t> walked;
    std::vector<std::size_t> walkOf(parts_.frames.size(), parts_.frames.size());
    for (std::size_t start = 0; start < parts_.frames.size(); ++start) {
      walked.clear();
      std::size_t at = start;
      while (parts_.frames[at].kind == FrameKind::Offset && !parts_.frames[at].body.isValid() &&
             parts_.frames[at].parent.isValid() && walkOf[at] != start) {
        walkOf[at] = start;
        walked.push_back(at);
        at = parts_.frames[at].parent.value();
      }
      const BodyIndex body = parts_.frames[at].body;
      if (!body.isValid()) continue;
      for (const std::size_t frame : walked)
        parts_.frames[frame].body = body;
    }
  }
  for (const PendingJointFrames& pending : pendingJointFrames_) {
    Joint& joint = parts_.joints[pending.joint.value()];
    joint.parentFrame = requireFrame(pending.node.child("socket_parent_frame"), pending.ownerPath,
                                     pending.parentReference, "parent frame");
    joint.childFrame = requireFrame(pending.node.child("socket_child_frame"), pending.ownerPath,
                                    pending.childReference, "child frame");
  }
  resolveJointAxes();
  deriveMotionTypes();
  if (markerSet) readMarkers(markerSet);
  if (constraintSet) readConstraints(constraintSet);
  if (forceSet) readForces(forceSet);

  try {
    return Model(std::move(parts_));
  } catch (const std::invalid_argument& error) {
    throw InputError(doc_.sourceName(), "", error.what());
  }
}

}  // namespace

Model readOsimModel(const XmlDocument& document) {
  return OsimModelReader(document).read();
}

Model readOsimModel(const std::filesystem::path& path) {
  const XmlDocument document = XmlDocument::fromFile(path);
  return readOsimModel(document);
}

Model readOsimModelFromText(std::string text, std::string sourceName) {
  const XmlDocument document = XmlDocument::fromText(std::move(text), std::move(sourceName));
  return readOsimModel(document);
}

}  // namespace kinchain::model
