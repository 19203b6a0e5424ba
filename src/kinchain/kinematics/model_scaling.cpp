#include "kinchain/kinematics/model_scaling.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <variant>

#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/muscle/geometry_path.hpp"

namespace kinchain::kinematics {

namespace {

using model::Function;

// SimTK::isNumericallyEqual(double, double): relative to the larger magnitude (absolute below
// 1) with tolerance SignificantReal = eps^(7/8) (SimTK NTraits<double>::getSignificant()).
bool numericallyEqual(double a, double b) {
  const double tolerance = std::pow(std::numeric_limits<double>::epsilon(), 7.0 / 8.0);
  const double scale = std::max(std::abs(a), std::abs(b));
  return std::abs(a - b) <= (scale < 1.0 ? tolerance : scale * tolerance);
}

// f -> factor * f, folding into an existing MultiplierFunction as OpenSim does.
Function multiplied(const Function& function, double factor) {
  if (const auto* multiplier =
          std::get_if<model::function_types::Multiplier>(&function.variant())) {
    return Function::multiplier(multiplier->scale * factor, *multiplier->inner);
  }
  return Function::multiplier(factor, function);
}

bool isIdentity(const Function& function) {
  const auto* linear = std::get_if<model::function_types::Linear>(&function.variant());
  return linear != nullptr && linear->slope == 1.0 && linear->intercept == 0.0;
}

Eigen::Vector3d factorsOfFrame(const model::ModelParts& parts, const BodyScaleFactors& factors,
                               model::FrameIndex frame) {
  const auto body = parts.frames.at(frame.value()).body;
  return body.isValid() ? factors.at(body.value()) : Eigen::Vector3d::Ones();
}

void scaleWrapObject(model::AttachedWrapObject& attached, const Eigen::Vector3d& s) {
  attached.object.translation = attached.object.translation.cwiseProduct(s);
  attached.X_BW.p = attached.X_BW.p.cwiseProduct(s);
  const Eigen::Matrix3d R_BW = attached.object.rotationInFrame();
  Eigen::Vector3d c;
  for (int k = 0; k < 3; ++k)
    c[k] = R_BW.col(k).cwiseProduct(s).norm();
  std::visit(
      [&](auto& shape) {
        using T = std::decay_t<decltype(shape)>;
        if constexpr (std::is_same_v<T, model::WrapCylinder>) {
          shape.radius *= 0.5 * (c[0] + c[1]);
          shape.length *= c[2];
        } else if constexpr (std::is_same_v<T, model::WrapSphere>) {
          shape.radius *= s.sum() / 3.0;
        } else if constexpr (std::is_same_v<T, model::WrapEllipsoid>) {
          shape.dimensions = shape.dimensions.cwiseProduct(c);
        } else {
          const double averageXY = 0.5 * (c[0] + c[1]);
          shape.inner_radius *= averageXY;
          shape.outer_radius *= averageXY;
        }
      },
      attached.object.shape);
}

void scalePathPoint(model::PathPoint& point, model::PathPointDescription* description,
                    const Eigen::Vector3d& s) {
  point.location = point.location.cwiseProduct(s);
  if (description != nullptr) description->location = description->location.cwiseProduct(s);
  if (point.type != model::PathPointType::Moving) return;
  for (int i = 0; i < 3; ++i) {
    auto& function = point.locationFunctions[static_cast<std::size_t>(i)];
    if (function) function = multiplied(*function, s[i]);
  }
  if (description == nullptr) return;
  if (auto* moving = std::get_if<model::MovingPathPointFunctions>(&description->kind)) {
    for (int i = 0; i < 3; ++i) {
      auto& function = moving->locationFunctions[static_cast<std::size_t>(i)];
      if (function) function = multiplied(*function, s[i]);
    }
  }
}

Eigen::VectorXd defaultMuscleLengths(const model::Model& model) {
  if (model.muscleCount() == 0) return {};
  model::Data data(model);
  Eigen::VectorXd q = model.defaultCoordinates();
  model::applyCouplerConstraints(model, q);
  model::forwardKinematics(model, data, q);
  muscle::PathData pathData(model);
  muscle::computePathGeometry(model, data, pathData);
  return pathData.lengths;
}

}  // namespace

model::ModelParts modelPartsOf(const model::Model& model) {
  model::ModelParts parts;
  parts.name = model.name();
  parts.sourceName = model.sourceName();
  parts.gravity = model.gravity();
  parts.frames = model.frames();
  parts.bodies = model.bodies();
  parts.joints = model.joints();
  parts.coordinates = model.coordinates();
  parts.markers = model.markers();
  parts.couplerConstraints = model.couplerConstraints();
  parts.wrapObjects = model.wrapObjects();
  parts.forces = model.forces();
  parts.ignored = model.ignored();
  return parts;
}

Eigen::Matrix3d scaleInertia(const Eigen::Matrix3d& inertia, const Eigen::Vector3d& s,
                             double unscaledMass, double scaledMass, bool massScaled) {
  // OpenSim Body::scaleInertialProperties (Body.cpp).
  const double massFactor = std::abs(s.prod());
  const double eps = std::numeric_limits<double>::epsilon();  // SimTK::Eps
  Eigen::Matrix3d I = inertia;
  if (scaledMass <= eps) return Eigen::Matrix3d::Zero();
  if (numericallyEqual(s[0], s[1]) && numericallyEqual(s[1], s[2])) {
    if (massScaled) I *= massFactor;
    return I * (s[0] * s[0]);
  }
  // Unequal factors: treat the body as a cylinder about its smallest principal moment, whose
  // diagonal terms are 0.5 m r^2 (axis) and m (l^2/12 + r^2/4) (OpenSim's approximation).
  int axis = 2;
  if (I(0, 0) <= I(1, 1)) {
    axis = I(0, 0) <= I(2, 2) ? 0 : 2;
  } else if (I(1, 1) <= I(2, 2)) {
    axis = 1;
  }
  double term = 2.0 * I(axis, axis) / unscaledMass;
  const double radius = term < 0.0 ? 0.0 : std::sqrt(term);
  const int other = axis == 0 ? 1 : 0;
  term = 12.0 * (I(other, other) - 0.25 * unscaledMass * radius * radius) / unscaledMass;
  double length = term < 0.0 ? 0.0 : std::sqrt(term);
  length *= s[axis];
  const int a1 = axis == 0 ? 1 : 0;
  const int a2 = axis == 2 ? 1 : 2;
  const double radiusSquared = radius * s[a1] * radius * s[a2];
  for (int k = 0; k < 3; ++k) {
    I(k, k) = k == axis ? 0.5 * scaledMass * radiusSquared
                        : scaledMass * (length * length / 12.0 + 0.25 * radiusSquared);
  }
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      if (r == c) continue;
      I(r, c) *= s[r] * s[c];
      if (massScaled) I(r, c) *= massFactor;
    }
  }
  return I;
}

ScaledModel scaleModel(const model::Model& model, const BodyScaleFactors& factors,
                       const ModelScalingOptions& options) {
  if (factors.size() != model.bodies().size()) {
    throw std::invalid_argument("scaleModel: " + std::to_string(factors.size()) +
                                " scale factors for " + std::to_string(model.bodies().size()) +
                                " bodies");
  }
  for (std::size_t b = 0; b < factors.size(); ++b) {
    if (!factors[b].allFinite() || !(factors[b].array() > 0.0).all()) {
      throw std::invalid_argument("scaleModel: scale factors of body '" + model.bodies()[b].name +
                                  "' are not finite and positive");
    }
  }
  model::ModelParts parts = modelPartsOf(model);

  for (auto& frame : parts.frames) {
    if (frame.kind != model::FrameKind::Offset || !frame.body.isValid()) continue;
    frame.X_PF.p = frame.X_PF.p.cwiseProduct(factors[frame.body.value()]);
  }
  for (auto& joint : parts.joints) {
    const Eigen::Vector3d s = factorsOfFrame(parts, factors, joint.parentFrame);
    for (std::size_t i = 3; i < 6; ++i) {
      auto& axis = joint.transform.axes[i];
      if (!axis.function || isIdentity(*axis.function)) continue;
      axis.function = multiplied(*axis.function, axis.axis.cwiseAbs().dot(s));
    }
  }
  for (auto& marker : parts.markers) {
    marker.location = marker.location.cwiseProduct(factorsOfFrame(parts, factors, marker.frame));
  }
  for (std::size_t m = 0; m < parts.forces.musclePaths.size(); ++m) {
    auto& points = parts.forces.musclePaths[m].points;
    auto& descriptions = parts.forces.description.muscles.at(m).path.points;
    for (std::size_t k = 0; k < points.size(); ++k) {
      scalePathPoint(points[k], k < descriptions.size() ? &descriptions[k] : nullptr,
                     factorsOfFrame(parts, factors, points[k].frame));
    }
  }
  for (auto& wrap : parts.wrapObjects)
    scaleWrapObject(wrap, factorsOfFrame(parts, factors, wrap.frame));

  // Bodies: mass centre, then mass and inertia (Model::scale: scaleInertialProperties).
  for (std::size_t b = 0; b < parts.bodies.size(); ++b) {
    auto& body = parts.bodies[b];
    const Eigen::Vector3d& s = factors[b];
    body.massCenter = body.massCenter.cwiseProduct(s);
    const double unscaledMass = body.mass;
    const bool scaleMass = !options.preserveMassDistribution;
    if (scaleMass) body.mass *= std::abs(s.prod());
    body.inertia = scaleInertia(body.inertia, s, unscaledMass, body.mass, scaleMass);
  }
  if (options.subjectMass > 0.0) {
    double total = 0.0;
    for (const auto& body : parts.bodies)
      total += body.mass;
    if (total > 0.0) {
      const double factor = options.subjectMass / total;
      for (auto& body : parts.bodies) {
        body.mass *= factor;
        body.inertia *= factor;
      }
    }
  }

  // Muscles: rescale fibre and tendon lengths with the default-pose path length.
  const Eigen::VectorXd oldLengths = defaultMuscleLengths(model);
  std::vector<double> ratios(model.muscleCount(), 1.0);
  if (model.muscleCount() > 0) {
    const model::Model geometryOnly(parts);
    const Eigen::VectorXd newLengths = defaultMuscleLengths(geometryOnly);
    for (std::size_t m = 0; m < ratios.size(); ++m) {
      const auto i = static_cast<Eigen::Index>(m);
      if (!(oldLengths[i] > 0.0)) continue;
      ratios[m] = newLengths[i] / oldLengths[i];
      auto& muscle = parts.forces.description.muscles[m];
      muscle.optimalFiberLength *= ratios[m];
      muscle.tendonSlackLength *= ratios[m];
    }
  }
  return ScaledModel{model::Model(std::move(parts)), std::move(ratios)};
}

}  // namespace kinchain::kinematics
