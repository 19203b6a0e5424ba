#include "kinchain/model/osim_force_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <numbers>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "kinchain/common/error.hpp"
#include "kinchain/model/osim_function_reader.hpp"

namespace kinchain::model {
namespace {

constexpr int kLatestFormatVersion = 40000;
// Muscle::updateFromXMLNode: before this version a written min_control of 0 or max_control of 1
// is dropped so the muscle type's own default applies.
constexpr int kMuscleControlDefaultsVersion = 30513;

std::string_view trim(std::string_view text) {
  const auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && isSpace(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back()))
    text.remove_suffix(1);
  return text;
}

std::string lowercase(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

/// What a number must satisfy.
enum class Range {
  Finite,       ///< any finite value
  NonNegative,  ///< >= 0
  Positive,     ///< > 0
  Unbounded,    ///< finite or +-Inf (control bounds)
};

/// Parses one number token; OpenSim writes infinities as "Inf"/"-Inf".
std::optional<double> parseToken(std::string_view token) {
  const std::string lower = lowercase(token);
  if (lower == "inf" || lower == "+inf" || lower == "infinity") {
    return std::numeric_limits<double>::infinity();
  }
  if (lower == "-inf" || lower == "-infinity") return -std::numeric_limits<double>::infinity();
  if (!token.empty() && token.front() == '+') token.remove_prefix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return value;
}

std::vector<std::string_view> splitWhitespace(std::string_view text) {
  std::vector<std::string_view> tokens;
  std::size_t position = 0;
  while (position < text.size()) {
    while (position < text.size() && std::isspace(static_cast<unsigned char>(text[position]))) {
      ++position;
    }
    const std::size_t start = position;
    while (position < text.size() && !std::isspace(static_cast<unsigned char>(text[position]))) {
      ++position;
    }
    if (position > start) tokens.push_back(text.substr(start, position - start));
  }
  return tokens;
}

/// Reads the child properties of one OpenSim object element, remembering which ones were used
/// so the rest can be reported as ignored.
class PropertyReader {
 public:
  PropertyReader(const XmlDocument& document, pugi::xml_node node)
      : document_(document), node_(node) {}

  const XmlDocument& document() const { return document_; }
  pugi::xml_node node() const { return node_; }

  /// First child element called `name` (null if absent); marks it used.
  pugi::xml_node child(std::string_view name) {
    used_.insert(std::string(name));
    return node_.child(std::string(name).c_str());
  }

  /// First present child among `names` (null if none); marks all of them used.
  pugi::xml_node firstOf(std::initializer_list<std::string_view> names) {
    pugi::xml_node found;
    for (const auto name : names) {
      const pugi::xml_node candidate = child(name);
      if (!found && candidate) found = candidate;
    }
    return found;
  }

  /// Marks elements as understood without reading them (display-only properties).
  void skip(std::initializer_list<std::string_view> names) {
    for (const auto name : names)
      used_.insert(std::string(name));
  }

  double number(const pugi::xml_node& element, Range range) const {
    const auto tokens = splitWhitespace(element.child_value());
    if (tokens.size() != 1) {
      document_.fail(element, "expected one number, found \"" +
                                  std::string(trim(element.child_value())) + "\"");
    }
    return checked(element, parseToken(tokens.front()), range);
  }

  /// Overwrites `target` if the property is present.
  void read(std::string_view name, double& target, Range range) {
    if (const auto element = child(name)) target = number(element, range);
  }
  void read(std::initializer_list<std::string_view> names, double& target, Range range) {
    if (const auto element = firstOf(names)) target = number(element, range);
  }
  void readOptional(std::string_view name, std::optional<double>& target, Range range) {
    if (const auto element = child(name)) target = number(element, range);
  }

  void read(std::string_view name, bool& target) {
    if (const auto element = child(name)) target = boolean(element);
  }

  bool boolean(const pugi::xml_node& element) const {
    const std::string value = lowercase(trim(element.child_value()));
    if (value == "true" || value == "1") return true;
    if (value == "false" || value == "0") return false;
    document_.fail(element, "expected true or false, found \"" + value + "\"");
  }

  void read(std::string_view name, Eigen::Vector3d& target) {
    if (const auto element = child(name)) target = vector3(element);
  }

  Eigen::Vector3d vector3(const pugi::xml_node& element) const {
    const auto tokens = splitWhitespace(element.child_value());
    if (tokens.size() != 3) {
      document_.fail(element, "expected three numbers, found \"" +
                                  std::string(trim(element.child_value())) + "\"");
    }
    Eigen::Vector3d result;
    for (int axis = 0; axis < 3; ++axis) {
      result[axis] =
          checked(element, parseToken(tokens[static_cast<std::size_t>(axis)]), Range::Finite);
    }
    return result;
  }

  /// A reference to another component (bare name or socket path); empty if absent.
  ComponentReference reference(std::initializer_list<std::string_view> names) {
    const pugi::xml_node element = firstOf(names);
    if (!element) return {};
    const std::string path(trim(element.child_value()));
    ComponentReference result;
    result.path = path;
    const std::size_t slash = path.find_last_of('/');
    result.name = slash == std::string::npos ? path : path.substr(slash + 1);
    return result;
  }

  ComponentReference requiredReference(std::initializer_list<std::string_view> names,
                                       std::string_view what) {
    ComponentReference result = reference(names);
    if (result.empty()) {
      document_.fail(node_,
                     "missing " + std::string(what) + " (<" + std::string(*names.begin()) + ">)");
    }
    return result;
  }

  /// The function held by a property: 2.x/3.x `<x_location><SimmSpline>...</x_location>` or the
  /// 4.x form `<SimmSpline name="x_location">` directly under the object. Null if absent.
  std::optional<Function> function(std::initializer_list<std::string_view> names) {
    for (const auto name : names) {
      pugi::xml_node property = child(name);
      if (!property) {
        property = node_.find_child([name](const pugi::xml_node& n) {
          return n.type() == pugi::node_element && name == n.attribute("name").value();
        });
        if (property) usedNodes_.insert(property.internal_object());
      }
      if (property) return readOsimFunction(document_, property);
    }
    return std::nullopt;
  }

  /// Child elements that were not used, except display-only ones, as "name (line N)".
  std::vector<std::string> unused(std::string_view prefix = {}) const {
    static const std::set<std::string, std::less<>> displayOnly = {
        "VisibleObject", "Appearance",     "default_color",
        "display",       "geometry_files", "muscle_model"};
    std::vector<std::string> result;
    for (const pugi::xml_node element : node_.children()) {
      if (element.type() != pugi::node_element) continue;
      const std::string name = element.name();
      if (used_.contains(name) || displayOnly.contains(name) ||
          usedNodes_.contains(element.internal_object())) {
        continue;
      }
      result.push_back(std::string(prefix) + name + " (line " +
                       std::to_string(document_.lineOf(element)) + ")");
    }
    return result;
  }

 private:
  double checked(const pugi::xml_node& element, std::optional<double> value, Range range) const {
    if (!value) {
      document_.fail(element, "not a number: \"" + std::string(trim(element.child_value())) + "\"");
    }
    const double v = *value;
    if (std::isnan(v)) document_.fail(element, "value is NaN");
    if (std::isinf(v) && range != Range::Unbounded) document_.fail(element, "value is infinite");
    if (range == Range::NonNegative && v < 0.0) {
      document_.fail(element, "value must not be negative, found " + std::to_string(v));
    }
    if (range == Range::Positive && !(v > 0.0)) {
      document_.fail(element, "value must be positive, found " + std::to_string(v));
    }
    return v;
  }

  const XmlDocument& document_;
  pugi::xml_node node_;
  std::set<std::string, std::less<>> used_;
  std::set<const void*> usedNodes_;  // 4.x functions found by their name attribute
};

std::string objectName(const XmlDocument& document, const pugi::xml_node& node) {
  std::string name(trim(node.attribute("name").value()));
  // Component::finalizeFromProperties rejects unnamed components (ComponentHasNoName).
  if (name.empty()) document.fail(node, "force has no name attribute");
  return name;
}

/// Force.cpp: <appliesForce> (4.x); 2.x/3.x wrote the inverse as <isDisabled>.
bool readAppliesForce(PropertyReader& reader) {
  if (const auto element = reader.child("appliesForce")) return reader.boolean(element);
  if (const auto element = reader.child("isDisabled")) return !reader.boolean(element);
  return true;
}

ControlBounds readControlBounds(PropertyReader& reader) {
  ControlBounds bounds;
  reader.read("min_control", bounds.minControl, Range::Unbounded);
  reader.read("max_control", bounds.maxControl, Range::Unbounded);
  if (bounds.minControl > bounds.maxControl) {
    reader.document().fail(reader.node(), "min_control exceeds max_control");
  }
  return bounds;
}

// --- geometry path -----------------------------------------------------------------------------

PathPointDescription readPathPoint(const XmlDocument& document, const pugi::xml_node& node) {
  const std::string type = node.name();
  PropertyReader reader(document, node);
  PathPointDescription point;
  point.name = std::string(trim(node.attribute("name").value()));
  point.line = document.lineOf(node);
  point.frame = reader.requiredReference({"socket_parent_frame", "body", "parent_frame"},
                                         "the frame the path point is fixed to");
  reader.read("location", point.location);

  if (type == "PathPoint" || type == "MusclePoint") {
    point.kind = FixedPathPoint{};
  } else if (type == "ConditionalPathPoint" || type == "MuscleViaPoint") {
    ConditionalPathPointRange condition;
    // ConditionalPathPoint::updateFromXMLNode: <coordinates> (<= 20001) became <coordinate>,
    // which became socket_coordinate in 30505.
    condition.coordinate =
        reader.requiredReference({"socket_coordinate", "coordinate", "coordinates"},
                                 "the coordinate of a conditional point");
    if (const auto range = reader.child("range")) {
      const auto tokens = splitWhitespace(range.child_value());
      if (tokens.size() != 2) document.fail(range, "range needs two numbers (min max)");
      const auto low = parseToken(tokens[0]);
      const auto high = parseToken(tokens[1]);
      if (!low || !high || !std::isfinite(*low) || !std::isfinite(*high)) {
        document.fail(range, "range is not two finite numbers");
      }
      if (*low > *high) document.fail(range, "range minimum exceeds its maximum");
      condition.rangeMin = *low;
      condition.rangeMax = *high;
    }
    point.kind = std::move(condition);
  } else if (type == "MovingPathPoint" || type == "MovingMusclePoint") {
    MovingPathPointFunctions moving;
    // MovingPathPoint::updateFromXMLNode: <XAttachment> (< 30000) became <x_location>;
    // <x_coordinate> became socket_x_coordinate in 30505.
    moving.locationFunctions[0] = reader.function({"x_location", "XAttachment"});
    moving.locationFunctions[1] = reader.function({"y_location", "YAttachment"});
    moving.locationFunctions[2] = reader.function({"z_location", "ZAttachment"});
    moving.coordinates[0] = reader.reference({"socket_x_coordinate", "x_coordinate"});
    moving.coordinates[1] = reader.reference({"socket_y_coordinate", "y_coordinate"});
    moving.coordinates[2] = reader.reference({"socket_z_coordinate", "z_coordinate"});
    point.kind = std::move(moving);
  } else {
    document.fail(node, "unsupported path point type <" + type + ">");
  }
  return point;
}

PathWrapMethod parseWrapMethod(const XmlDocument& document, const pugi::xml_node& element) {
  const std::string method = lowercase(trim(element.child_value()));
  if (method == "hybrid") return PathWrapMethod::Hybrid;
  if (method == "midpoint") return PathWrapMethod::Midpoint;
  if (method == "axial") return PathWrapMethod::Axial;
  document.fail(element, "unknown wrap method \"" + method + "\" (hybrid, midpoint, axial)");
}

PathWrapDescription readPathWrap(const XmlDocument& document, const pugi::xml_node& node) {
  PropertyReader reader(document, node);
  PathWrapDescription wrap;
  wrap.line = document.lineOf(node);
  const auto wrapObject = reader.child("wrap_object");
  wrap.wrapObject = std::string(trim(wrapObject.child_value()));
  if (wrap.wrapObject.empty()) document.fail(node, "path wrap names no <wrap_object>");
  if (const auto method = reader.child("method")) wrap.method = parseWrapMethod(document, method);
  if (const auto range = reader.child("range")) {
    const auto tokens = splitWhitespace(range.child_value());
    int values[2] = {-1, -1};
    bool ok = tokens.size() == 2;
    for (std::size_t k = 0; ok && k < 2; ++k) {
      const auto [end, error] =
          std::from_chars(tokens[k].data(), tokens[k].data() + tokens[k].size(), values[k]);
      ok = error == std::errc() && end == tokens[k].data() + tokens[k].size();
    }
    if (!ok) document.fail(range, "wrap range needs two integers (first last, -1 = all)");
    const bool bothAll = values[0] == -1 && values[1] == -1;
    if (!bothAll && (values[0] == 0 || values[1] == 0 || values[0] < -1 || values[1] < -1 ||
                     (values[0] > 0 && values[1] > 0 && values[0] > values[1]))) {
      document.fail(range, "wrap range must be 1-based point indices, first <= last, or -1");
    }
    wrap.rangeBegin = values[0];
    wrap.rangeEnd = values[1];
  }
  return wrap;
}

/// The <objects> children of a set element (<PathPointSet><objects>...).
std::vector<pugi::xml_node> setObjects(const pugi::xml_node& setNode) {
  std::vector<pugi::xml_node> objects;
  for (const pugi::xml_node element : setNode.child("objects").children()) {
    if (element.type() == pugi::node_element) objects.push_back(element);
  }
  return objects;
}

/// Reads the path of a muscle: 2.x+ <GeometryPath>, or 1.x point/wrap sets directly under the
/// muscle (Muscle::updateFromXMLNode moves them into a GeometryPath for <= 20301).
GeometryPathDescription readMusclePath(PropertyReader& muscle) {
  const XmlDocument& document = muscle.document();
  GeometryPathDescription path;
  const pugi::xml_node geometryPath = muscle.child("GeometryPath");
  const pugi::xml_node container = geometryPath ? geometryPath : muscle.node();
  path.line = document.lineOf(geometryPath ? geometryPath : muscle.node());
  muscle.skip({"MusclePointSet", "PathPointSet", "MuscleWrapSet", "PathWrapSet"});

  pugi::xml_node pointSet = container.child("PathPointSet");
  if (!pointSet) pointSet = container.child("MusclePointSet");
  for (const pugi::xml_node element : setObjects(pointSet)) {
    path.points.push_back(readPathPoint(document, element));
  }
  pugi::xml_node wrapSet = container.child("PathWrapSet");
  if (!wrapSet) wrapSet = container.child("MuscleWrapSet");
  for (const pugi::xml_node element : setObjects(wrapSet)) {
    const std::string type = element.name();
    if (type != "PathWrap" && type != "MuscleWrap") {
      document.fail(element, "unsupported path wrap type <" + type + ">");
    }
    path.wraps.push_back(readPathWrap(document, element));
  }
  // GeometryPath needs two points to have a length.
  if (path.points.size() < 2) {
    document.fail(
        geometryPath ? geometryPath : muscle.node(),
        "muscle path needs at least two path points, found " + std::to_string(path.points.size()));
  }
  return path;
}

// --- muscle types ------------------------------------------------------------------------------

Thelen2003MuscleParameters readThelen(PropertyReader& reader) {
  Thelen2003MuscleParameters p;
  reader.read("activation_time_constant", p.activationTimeConstant, Range::Positive);
  reader.read("deactivation_time_constant", p.deactivationTimeConstant, Range::Positive);
  reader.read("FmaxTendonStrain", p.FmaxTendonStrain, Range::Positive);
  reader.read("FmaxMuscleStrain", p.FmaxMuscleStrain, Range::Positive);
  reader.read("KshapeActive", p.KshapeActive, Range::Positive);
  reader.read("KshapePassive", p.KshapePassive, Range::Positive);
  reader.read("Af", p.Af, Range::Positive);
  reader.read("Flen", p.Flen, Range::Positive);
  reader.read("fv_linear_extrap_threshold", p.fvLinearExtrapolationThreshold, Range::Positive);
  reader.read("maximum_pennation_angle", p.maximumPennationAngle, Range::NonNegative);
  // MuscleFixedWidthPennationModel accepts a maximum pennation angle in [0, pi/2].
  if (p.maximumPennationAngle > std::numbers::pi / 2) {
    reader.document().fail(reader.child("maximum_pennation_angle"),
                           "maximum pennation angle exceeds pi/2");
  }
  reader.read({"minimum_activation", "activation_minimum_value"}, p.minimumActivation,
              Range::NonNegative);
  Thelen2003MuscleParameters::Legacy legacy;
  reader.readOptional("Vmax", legacy.Vmax, Range::Positive);
  reader.readOptional("Vmax0", legacy.Vmax0, Range::Positive);
  reader.readOptional("damping", legacy.damping, Range::NonNegative);
  if (legacy.Vmax || legacy.Vmax0 || legacy.damping) p.legacy = legacy;
  return p;
}

Millard2012EquilibriumMuscleParameters readMillard(PropertyReader& reader,
                                                   std::vector<std::string>& ignored) {
  const XmlDocument& document = reader.document();
  Millard2012EquilibriumMuscleParameters p;
  reader.read("fiber_damping", p.fiberDamping, Range::NonNegative);
  reader.read("activation_time_constant", p.activationTimeConstant, Range::Positive);
  reader.read("deactivation_time_constant", p.deactivationTimeConstant, Range::Positive);
  reader.read("minimum_activation", p.minimumActivation, Range::NonNegative);
  reader.read("maximum_pennation_angle", p.maximumPennationAngle, Range::NonNegative);
  if (p.maximumPennationAngle > std::numbers::pi / 2) {
    document.fail(reader.child("maximum_pennation_angle"), "maximum pennation angle exceeds pi/2");
  }

  if (const auto node = reader.child("ActiveForceLengthCurve")) {
    PropertyReader curve(document, node);
    auto& c = p.activeForceLengthCurve;
    curve.read("min_norm_active_fiber_length", c.minNormActiveFiberLength, Range::Positive);
    curve.read("transition_norm_fiber_length", c.transitionNormFiberLength, Range::Positive);
    curve.read("max_norm_active_fiber_length", c.maxNormActiveFiberLength, Range::Positive);
    curve.read("shallow_ascending_slope", c.shallowAscendingSlope, Range::NonNegative);
    curve.read("minimum_value", c.minimumValue, Range::NonNegative);
    // ActiveForceLengthCurve::ensureCurveUpToDate requires lce0 < lce1 < 1 < lce3.
    if (!(c.minNormActiveFiberLength < c.transitionNormFiberLength &&
          c.transitionNormFiberLength < 1.0 && c.maxNormActiveFiberLength > 1.0)) {
      document.fail(node, "active force-length curve needs min < transition < 1 < max length");
    }
    for (auto& entry : curve.unused("ActiveForceLengthCurve/"))
      ignored.push_back(entry);
  }
  if (const auto node = reader.child("ForceVelocityCurve")) {
    PropertyReader curve(document, node);
    auto& c = p.forceVelocityCurve;
    curve.read("concentric_slope_at_vmax", c.concentricSlopeAtVmax, Range::NonNegative);
    curve.read("concentric_slope_near_vmax", c.concentricSlopeNearVmax, Range::Positive);
    curve.read("isometric_slope", c.isometricSlope, Range::Positive);
    curve.read("eccentric_slope_at_vmax", c.eccentricSlopeAtVmax, Range::NonNegative);
    curve.read("eccentric_slope_near_vmax", c.eccentricSlopeNearVmax, Range::Positive);
    curve.read("max_eccentric_velocity_force_multiplier", c.maxEccentricVelocityForceMultiplier,
               Range::Positive);
    curve.read("concentric_curviness", c.concentricCurviness, Range::NonNegative);
    curve.read("eccentric_curviness", c.eccentricCurviness, Range::NonNegative);
    if (c.maxEccentricVelocityForceMultiplier <= 1.0) {
      document.fail(node, "max_eccentric_velocity_force_multiplier must exceed 1");
    }
    for (auto& entry : curve.unused("ForceVelocityCurve/"))
      ignored.push_back(entry);
  }
  if (const auto node = reader.child("FiberForceLengthCurve")) {
    PropertyReader curve(document, node);
    auto& c = p.fiberForceLengthCurve;
    curve.read("strain_at_zero_force", c.strainAtZeroForce, Range::Finite);
    curve.read("strain_at_one_norm_force", c.strainAtOneNormForce, Range::Finite);
    curve.readOptional("stiffness_at_low_force", c.stiffnessAtLowForce, Range::Positive);
    curve.readOptional("stiffness_at_one_norm_force", c.stiffnessAtOneNormForce, Range::Positive);
    curve.readOptional("curviness", c.curviness, Range::NonNegative);
    if (!(c.strainAtOneNormForce > c.strainAtZeroForce)) {
      document.fail(node, "strain_at_one_norm_force must exceed strain_at_zero_force");
    }
    const int given = int(c.stiffnessAtLowForce.has_value()) +
                      int(c.stiffnessAtOneNormForce.has_value()) + int(c.curviness.has_value());
    // FiberForceLengthCurve::ensureCurveUpToDate: the optional properties go together.
    if (given != 0 && given != 3) {
      document.fail(node,
                    "stiffness_at_low_force, stiffness_at_one_norm_force and curviness "
                    "must all be given or all be absent");
    }
    for (auto& entry : curve.unused("FiberForceLengthCurve/"))
      ignored.push_back(entry);
  }
  if (const auto node = reader.child("TendonForceLengthCurve")) {
    PropertyReader curve(document, node);
    auto& c = p.tendonForceLengthCurve;
    curve.read("strain_at_one_norm_force", c.strainAtOneNormForce, Range::Positive);
    curve.readOptional("stiffness_at_one_norm_force", c.stiffnessAtOneNormForce, Range::Positive);
    curve.readOptional("norm_force_at_toe_end", c.normForceAtToeEnd, Range::Positive);
    curve.readOptional("curviness", c.curviness, Range::NonNegative);
    const int given = int(c.stiffnessAtOneNormForce.has_value()) +
                      int(c.normForceAtToeEnd.has_value()) + int(c.curviness.has_value());
    // TendonForceLengthCurve::ensureCurveUpToDate: all or none of the optional properties.
    if (given != 0 && given != 3) {
      document.fail(node,
                    "stiffness_at_one_norm_force, norm_force_at_toe_end and curviness "
                    "must all be given or all be absent");
    }
    for (auto& entry : curve.unused("TendonForceLengthCurve/"))
      ignored.push_back(entry);
  }
  return p;
}

Schutte1993MuscleParameters readSchutte(PropertyReader& reader) {
  Schutte1993MuscleParameters p;
  reader.read("time_scale", p.timeScale, Range::Positive);
  reader.read("activation1", p.activation1, Range::Finite);
  reader.read("activation2", p.activation2, Range::Finite);
  reader.read("damping", p.damping, Range::NonNegative);
  p.tendonForceLengthCurve = reader.function({"tendon_force_length_curve"});
  p.activeForceLengthCurve = reader.function({"active_force_length_curve"});
  p.passiveForceLengthCurve = reader.function({"passive_force_length_curve"});
  return p;
}

Delp1990MuscleParameters readDelp(PropertyReader& reader) {
  Delp1990MuscleParameters p;
  reader.read("time_scale", p.timeScale, Range::Positive);
  reader.read("activation1", p.activation1, Range::Finite);
  reader.read("activation2", p.activation2, Range::Finite);
  reader.read("mass", p.mass, Range::NonNegative);
  p.tendonForceLengthCurve = reader.function({"tendon_force_length_curve"});
  p.activeForceLengthCurve = reader.function({"active_force_length_curve"});
  p.passiveForceLengthCurve = reader.function({"passive_force_length_curve"});
  p.forceVelocityCurve = reader.function({"force_velocity_curve"});
  return p;
}

bool isMuscleType(std::string_view type) {
  return type == "Thelen2003Muscle" || type == "Millard2012EquilibriumMuscle" ||
         type == "Schutte1993Muscle" || type == "Delp1990Muscle";
}

MuscleDescription readMuscle(const XmlDocument& document, const pugi::xml_node& node,
                             int formatVersion) {
  PropertyReader reader(document, node);
  MuscleDescription muscle;
  muscle.type = node.name();
  muscle.name = objectName(document, node);
  muscle.line = document.lineOf(node);
  muscle.appliesForce = readAppliesForce(reader);

  reader.read("max_isometric_force", muscle.maxIsometricForce, Range::NonNegative);
  reader.read("optimal_fiber_length", muscle.optimalFiberLength, Range::Positive);
  reader.read("tendon_slack_length", muscle.tendonSlackLength, Range::NonNegative);
  // Muscle::updateFromXMLNode renames 1.x <pennation_angle>.
  if (const auto element = reader.firstOf({"pennation_angle_at_optimal", "pennation_angle"})) {
    muscle.pennationAngleAtOptimal = reader.number(element, Range::NonNegative);
    if (muscle.pennationAngleAtOptimal >= std::numbers::pi / 2) {
      document.fail(element, "pennation angle must be below pi/2 rad");
    }
  }
  reader.read("max_contraction_velocity", muscle.maxContractionVelocity, Range::Positive);
  reader.read("ignore_tendon_compliance", muscle.ignoreTendonCompliance);
  reader.read("ignore_activation_dynamics", muscle.ignoreActivationDynamics);
  reader.read("optimal_force", muscle.optimalForce, Range::Finite);
  reader.read("default_activation", muscle.defaultActivation, Range::NonNegative);
  reader.readOptional("default_fiber_length", muscle.defaultFiberLength, Range::Positive);

  if (muscle.type == "Thelen2003Muscle") {
    muscle.parameters = readThelen(reader);
  } else if (muscle.type == "Millard2012EquilibriumMuscle") {
    muscle.parameters = readMillard(reader, muscle.ignoredProperties);
  } else if (muscle.type == "Schutte1993Muscle") {
    muscle.parameters = readSchutte(reader);
  } else {
    muscle.parameters = readDelp(reader);
  }

  // Control bounds: Muscle default [0, 1]; Thelen2003Muscle and Millard2012EquilibriumMuscle
  // constructProperties set min_control to minimum_activation.
  double defaultMinControl = 0.0;
  if (const auto* thelen = std::get_if<Thelen2003MuscleParameters>(&muscle.parameters)) {
    defaultMinControl = thelen->minimumActivation;
  } else if (const auto* millard =
                 std::get_if<Millard2012EquilibriumMuscleParameters>(&muscle.parameters)) {
    defaultMinControl = millard->minimumActivation;
  }
  muscle.minControl = defaultMinControl;
  muscle.maxControl = 1.0;
  if (const auto element = reader.child("min_control")) {
    const double value = reader.number(element, Range::Unbounded);
    const bool droppedAsDefault = formatVersion < kMuscleControlDefaultsVersion && value == 0.0;
    if (!droppedAsDefault) muscle.minControl = value;
  }
  if (const auto element = reader.child("max_control")) {
    muscle.maxControl = reader.number(element, Range::Unbounded);
  }
  if (muscle.minControl > muscle.maxControl) document.fail(node, "min_control exceeds max_control");

  muscle.path = readMusclePath(reader);
  for (auto& entry : reader.unused())
    muscle.ignoredProperties.push_back(std::move(entry));
  return muscle;
}

// --- other forces ------------------------------------------------------------------------------

CoordinateActuatorDescription readCoordinateActuator(const XmlDocument& document,
                                                     const pugi::xml_node& node) {
  PropertyReader reader(document, node);
  CoordinateActuatorDescription actuator;
  actuator.name = objectName(document, node);
  actuator.line = document.lineOf(node);
  actuator.appliesForce = readAppliesForce(reader);
  actuator.controls = readControlBounds(reader);
  actuator.coordinate = reader.requiredReference({"coordinate"}, "the actuated coordinate");
  reader.read("optimal_force", actuator.optimalForce, Range::Finite);
  return actuator;
}

PointActuatorDescription readPointActuator(const XmlDocument& document,
                                           const pugi::xml_node& node) {
  PropertyReader reader(document, node);
  PointActuatorDescription actuator;
  actuator.name = objectName(document, node);
  actuator.line = document.lineOf(node);
  actuator.appliesForce = readAppliesForce(reader);
  actuator.controls = readControlBounds(reader);
  actuator.body = reader.requiredReference({"body"}, "the body the force acts on");
  reader.read("point", actuator.point);
  reader.read("point_is_global", actuator.pointIsGlobal);
  reader.read("direction", actuator.direction);
  reader.read("force_is_global", actuator.forceIsGlobal);
  reader.read("optimal_force", actuator.optimalForce, Range::Finite);
  if (actuator.direction.norm() == 0.0) document.fail(node, "point actuator direction is zero");
  return actuator;
}

TorqueActuatorDescription readTorqueActuator(const XmlDocument& document,
                                             const pugi::xml_node& node) {
  PropertyReader reader(document, node);
  TorqueActuatorDescription actuator;
  actuator.name = objectName(document, node);
  actuator.line = document.lineOf(node);
  actuator.appliesForce = readAppliesForce(reader);
  actuator.controls = readControlBounds(reader);
  actuator.bodyA = reader.requiredReference({"bodyA"}, "the body the torque acts on");
  actuator.bodyB = reader.requiredReference({"bodyB"}, "the body taking the reaction torque");
  reader.read("torque_is_global", actuator.torqueIsGlobal);
  reader.read("axis", actuator.axis);
  reader.read("optimal_force", actuator.optimalForce, Range::Finite);
  if (actuator.axis.norm() == 0.0) document.fail(node, "torque actuator axis is zero");
  return actuator;
}

CoordinateLimitForceDescription readCoordinateLimitForce(const XmlDocument& document,
                                                         const pugi::xml_node& node) {
  PropertyReader reader(document, node);
  CoordinateLimitForceDescription force;
  force.name = objectName(document, node);
  force.line = document.lineOf(node);
  force.appliesForce = readAppliesForce(reader);
  force.coordinate = reader.requiredReference({"coordinate"}, "the limited coordinate");
  // OpenSim's constructor default coordinate "UNASSIGNED" cannot connect to anything.
  if (force.coordinate.name == "UNASSIGNED") {
    document.fail(node, "CoordinateLimitForce has no coordinate assigned");
  }
  reader.read("upper_stiffness", force.upperStiffness, Range::NonNegative);
  reader.read("upper_limit", force.upperLimit, Range::Finite);
  reader.read("lower_stiffness", force.lowerStiffness, Range::NonNegative);
  reader.read("lower_limit", force.lowerLimit, Range::Finite);
  reader.read("damping", force.damping, Range::NonNegative);
  reader.read("transition", force.transition, Range::Positive);
  reader.read("compute_dissipation_energy", force.computeDissipationEnergy);
  if (force.lowerLimit > force.upperLimit) document.fail(node, "lower_limit exceeds upper_limit");
  return force;
}

}  // namespace

ForceSetDescription readOsimForceSet(const XmlDocument& document,
                                     const pugi::xml_node& forceSetNode, int formatVersion) {
  ForceSetDescription set;
  set.sourceName = document.sourceName();
  for (const pugi::xml_node node : setObjects(forceSetNode)) {
    const std::string type = node.name();
    if (isMuscleType(type)) {
      set.muscles.push_back(readMuscle(document, node, formatVersion));
    } else if (type == "CoordinateActuator" || type == "GeneralizedForce") {
      // RegisterTypes_osimActuators.cpp: renameType("GeneralizedForce", "CoordinateActuator").
      set.coordinateActuators.push_back(readCoordinateActuator(document, node));
    } else if (type == "PointActuator" || type == "Force") {
      set.pointActuators.push_back(readPointActuator(document, node));
    } else if (type == "TorqueActuator" || type == "Torque") {
      set.torqueActuators.push_back(readTorqueActuator(document, node));
    } else if (type == "CoordinateLimitForce") {
      set.coordinateLimitForces.push_back(readCoordinateLimitForce(document, node));
    } else {
      set.notUnderstood.push_back(UnsupportedForceDescription{
          type, std::string(trim(node.attribute("name").value())), document.lineOf(node)});
    }
  }
  return set;
}

ForceSetDescription readOsimForceSetFile(const std::filesystem::path& path) {
  const XmlDocument document = XmlDocument::fromFile(path);
  const pugi::xml_node root = document.root();
  int formatVersion = kLatestFormatVersion;
  pugi::xml_node forceSet;
  const std::string rootName = root.name();
  if (rootName == "ForceSet" || rootName == "ActuatorSet") {
    forceSet = root;
  } else if (rootName == "OpenSimDocument") {
    if (const auto version = root.attribute("Version")) {
      const std::string_view text = trim(version.value());
      const auto [end, error] =
          std::from_chars(text.data(), text.data() + text.size(), formatVersion);
      if (error != std::errc() || end != text.data() + text.size() || formatVersion <= 0) {
        document.fail(root, "Version attribute is not a positive integer");
      }
    }
    forceSet = root.child("ForceSet");
    if (!forceSet) forceSet = root.child("ActuatorSet");
  }
  if (!forceSet) document.fail(root, "no <ForceSet> in this file");
  return readOsimForceSet(document, forceSet, formatVersion);
}

}  // namespace kinchain::model
