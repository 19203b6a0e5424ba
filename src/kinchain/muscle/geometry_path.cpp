#include "kinchain/muscle/geometry_path.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <variant>

#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/frame_jacobian.hpp"
#include "kinchain/muscle/wrapping/wrap_line.hpp"

namespace kinchain::muscle {

namespace {

constexpr double kConditionTolerance = 1e-5;  // OpenSim ConditionalPathPoint::isActive
constexpr int kMaxWrapIterations = 8;         // OpenSim GeometryPath::applyWrapObjects
constexpr double kWrapConvergence = 0.0005;   // m, same

void checkBelongs(const model::Model& model, const model::Data& data, const PathData& pathData) {
  model::checkDataBelongsToModel(model, data.modelFingerprint);
  if (pathData.model_fingerprint != model.fingerprint() ||
      pathData.current_paths.size() != model.muscleCount()) {
    throw std::invalid_argument("muscle paths: PathData was made for another model");
  }
}

// Location of a point in its frame at the coordinates q.
Eigen::Vector3d pointLocation(const model::Model& model, const model::PathPoint& point,
                              const Eigen::VectorXd& q) {
  if (point.type != model::PathPointType::Moving) return point.location;
  Eigen::Vector3d location;
  for (std::size_t i = 0; i < 3; ++i) {
    double x = 0.0;
    const model::CoordinateIndex c = point.locationCoordinates[i];
    if (c.isValid()) {
      const model::Coordinate& coordinate = model.coordinate(c);
      x = std::clamp(q[static_cast<Eigen::Index>(c.value())], coordinate.rangeMin,
                     coordinate.rangeMax);
    }
    location[static_cast<Eigen::Index>(i)] =
        point.locationFunctions[i] ? point.locationFunctions[i]->value(x) : 0.0;
  }
  return location;
}

bool pointIsActive(const model::PathPoint& point, const Eigen::VectorXd& q) {
  if (point.type != model::PathPointType::Conditional) return true;
  const double value = q[static_cast<Eigen::Index>(point.conditionalCoordinate.value())];
  return value >= point.rangeMin - kConditionTolerance &&
         value <= point.rangeMax + kConditionTolerance;
}

WrapMethod toWrapMethod(model::PathWrapMethod method) {
  switch (method) {
    case model::PathWrapMethod::Midpoint:
      return WrapMethod::Midpoint;
    case model::PathWrapMethod::Axial:
      return WrapMethod::Axial;
    case model::PathWrapMethod::Hybrid:
      break;
  }
  return WrapMethod::Hybrid;
}

bool sameWrapObject(const PathEntry& a, const PathEntry& b) {
  return a.kind != PathEntry::Kind::Point && b.kind != PathEntry::Kind::Point &&
         a.wrap_object == b.wrap_object;
}

// OpenSim GeometryPath::calcLengthAfterPathComputation.
double pathLength(const std::vector<PathEntry>& path) {
  double length = 0.0;
  for (std::size_t k = 0; k + 1 < path.size(); ++k) {
    if (sameWrapObject(path[k], path[k + 1])) {
      length += path[k + 1].wrap_length;
    } else {
      length += (path[k + 1].p_G - path[k].p_G).norm();
    }
  }
  return length;
}

void removeWrapEntries(std::vector<PathEntry>& path, int wrapIndex) {
  for (std::size_t k = 0; k < path.size(); ++k) {
    if (path[k].kind == PathEntry::Kind::WrapStart && path[k].index == wrapIndex) {
      path.erase(path.begin() + static_cast<std::ptrdiff_t>(k),
                 path.begin() + static_cast<std::ptrdiff_t>(k + 2));
      return;
    }
  }
}

struct SegmentWrap {
  WrapResult result;
  std::size_t end_entry = 0;  // index of the segment's second point in the path
};

// OpenSim GeometryPath::applyWrapObjects for one path.
void applyWrapObjects(const model::Model& model, const model::GeometryPath& geometry,
                      const model::Data& data, std::vector<PathEntry>& path,
                      std::vector<int>& order, std::vector<WrapStatus>& status) {
  const std::size_t wrapCount = geometry.wraps.size();
  if (wrapCount == 0) return;
  for (std::size_t i = 0; i < wrapCount; ++i)
    order[i] = static_cast<int>(i);
  const int maxIterations = wrapCount < 2 ? 1 : kMaxWrapIterations;
  const bool singleWrap = wrapCount == 1;
  const int pointCount = static_cast<int>(geometry.points.size());
  double lastLength = std::numeric_limits<double>::infinity();

  for (int iteration = 0; iteration < maxIterations; ++iteration) {
    for (std::size_t i = 0; i < wrapCount; ++i) {
      status[i] = WrapStatus::NoWrap;
      const int wrapIndex = order[i];
      const model::PathWrap& wrap = geometry.wraps[static_cast<std::size_t>(wrapIndex)];
      const model::AttachedWrapObject& placed = model.wrapObjects()[wrap.wrapObject.value()];
      const Eigen::Matrix3d& R_FW = placed.X_BW.R;
      const Eigen::Vector3d& p_FW = placed.X_BW.p;
      removeWrapEntries(path, wrapIndex);
      if (!placed.object.active) continue;

      // Active points at the ends of the PathWrap's range, then their positions in the path.
      const int rangeStart = wrap.rangeBegin < 1 ? 0 : wrap.rangeBegin - 1;
      const int rangeEnd = wrap.rangeEnd < 1 ? pointCount - 1 : wrap.rangeEnd - 1;
      int first = rangeStart;
      while (first <= rangeEnd &&
             !pointIsActive(geometry.points[static_cast<std::size_t>(first)], data.q))
        ++first;
      if (first > rangeEnd) return;  // OpenSim stops wrapping this path altogether
      int last = rangeEnd;
      while (last >= rangeStart &&
             !pointIsActive(geometry.points[static_cast<std::size_t>(last)], data.q))
        --last;
      if (last < rangeStart) return;
      int start = -1;
      int end = -1;
      for (std::size_t k = 0; k < path.size(); ++k) {
        if (path[k].kind != PathEntry::Kind::Point) continue;
        if (path[k].index == first) start = static_cast<int>(k);
        if (path[k].index == last) end = static_cast<int>(k);
      }
      if (start == -1 || end == -1) return;

      // Wrap each segment in range; keep the mandatory one or the least lengthening one.
      const model::RigidTransform<double>& X_GF = data.X_GF[placed.frame.value()];
      const WrapSettings settings{toWrapMethod(wrap.method), singleWrap};
      bool haveBest = false;
      SegmentWrap best;
      double minLengthChange = std::numeric_limits<double>::infinity();
      for (int k = start; k < end; ++k) {
        const PathEntry& a = path[static_cast<std::size_t>(k)];
        const PathEntry& b = path[static_cast<std::size_t>(k + 1)];
        if (sameWrapObject(a, b)) continue;
        // Ground -> wrap object's frame F -> wrap frame W.
        const Eigen::Vector3d a_W =
            R_FW.transpose() * (X_GF.R.transpose() * (a.p_G - X_GF.p) - p_FW);
        const Eigen::Vector3d b_W =
            R_FW.transpose() * (X_GF.R.transpose() * (b.p_G - X_GF.p) - p_FW);
        WrapResult result = wrapLine(placed.object, a_W, b_W, settings);
        status[i] = result.status;
        if (result.status == WrapStatus::MandatoryWrap) {
          best = {result, static_cast<std::size_t>(k + 1)};
          haveBest = true;
          break;
        }
        if (result.status == WrapStatus::Wrapped) {
          const Eigen::Vector3d r1_G = X_GF.apply(R_FW * result.r1 + p_FW);
          const Eigen::Vector3d r2_G = X_GF.apply(R_FW * result.r2 + p_FW);
          const double change = (r1_G - a.p_G).norm() + result.surface_length +
                                (b.p_G - r2_G).norm() - (b.p_G - a.p_G).norm();
          if (change < minLengthChange) {
            best = {result, static_cast<std::size_t>(k + 1)};
            haveBest = true;
            minLengthChange = change;
          }
        }
      }
      if (!haveBest || !best.result.has_surface_path) continue;

      PathEntry tangent1;
      tangent1.kind = PathEntry::Kind::WrapStart;
      tangent1.index = wrapIndex;
      tangent1.wrap_object = static_cast<int>(wrap.wrapObject.value());
      tangent1.frame = placed.frame;
      tangent1.p_F = R_FW * best.result.r1 + p_FW;
      tangent1.p_G = X_GF.apply(tangent1.p_F);
      PathEntry tangent2 = tangent1;
      tangent2.kind = PathEntry::Kind::WrapEnd;
      tangent2.p_F = R_FW * best.result.r2 + p_FW;
      tangent2.p_G = X_GF.apply(tangent2.p_F);
      tangent2.wrap_length = best.result.surface_length;
      const auto at = path.begin() + static_cast<std::ptrdiff_t>(best.end_entry);
      path.insert(path.insert(at, tangent1) + 1, tangent2);
    }

    const double length = pathLength(path);
    if (std::abs(length - lastLength) < kWrapConvergence) break;
    lastLength = length;

    if (iteration == 0 && wrapCount > 1 && status[0] == WrapStatus::NoWrap &&
        status[1] == WrapStatus::InsideRadius) {
      // Try the first two PathWraps the other way round (OpenSim removes PathWrap 0's points).
      order[0] = 1;
      order[1] = 0;
      removeWrapEntries(path, 0);
    }
  }
}

// g += J(p)^T w for the point at p_G fixed in `frame` (joint motions from computeJointMotions).
void addPointGradient(const model::Model& model, const model::Data& data, model::FrameIndex frame,
                      const Eigen::Vector3d& p_G, const Eigen::Vector3d& w,
                      Eigen::Ref<Eigen::VectorXd> g) {
  for (const model::SupportingJoint& support : model.supportingJoints(frame)) {
    const auto& driving = model.jointDrivingCoordinates(support.joint);
    const Eigen::Index address = model.jointMotionAddress(support.joint);
    const Eigen::Vector3d r =
        p_G - data.jointMotionOrigin.col(static_cast<Eigen::Index>(support.joint.value()));
    const Eigen::Vector3d rCrossW = r.cross(w);
    for (std::size_t k = 0; k < driving.size(); ++k) {
      const auto motion = data.jointMotion.col(address + static_cast<Eigen::Index>(k));
      // w · (ω × r + v) = ω · (r × w) + v · w
      g[static_cast<Eigen::Index>(driving[k].value())] +=
          motion.head<3>().dot(rCrossW) + motion.tail<3>().dot(w);
    }
  }
}

// Length of the segment P->S wrapped over `placed` (straight if it does not wrap), both in W.
double wrappedSegmentLength(const model::AttachedWrapObject& placed, const WrapSettings& settings,
                            const Eigen::Vector3d& p_W, const Eigen::Vector3d& s_W) {
  const WrapResult wrap = wrapLine(placed.object, p_W, s_W, settings);
  if (!wrap.wraps() || !wrap.has_surface_path) return (s_W - p_W).norm();
  return (wrap.r1 - p_W).norm() + wrap.surface_length + (s_W - wrap.r2).norm();
}

// dL/dP and dL/dS (in ground) of a wrapped segment's length by central differences in W with a
// 1e-7 m step: truncation ~h^2 times the third derivative (< 1e-10 for radii above 1 mm) and
// rounding ~eps*L/h (< 1e-8), far below the 1e-6 agreement asked of moment arms.
bool wrappedSegmentGradient(const model::AttachedWrapObject& placed,
                            const model::RigidTransform<double>& X_GB, const WrapSettings& settings,
                            const Eigen::Vector3d& p_G, const Eigen::Vector3d& s_G,
                            Eigen::Vector3d& dL_dP_G, Eigen::Vector3d& dL_dS_G) {
  constexpr double kStep = 1e-7;  // m
  const Eigen::Matrix3d R_GW = X_GB.R * placed.X_BW.R;
  const auto toW = [&](const Eigen::Vector3d& x_G) -> Eigen::Vector3d {
    return placed.X_BW.R.transpose() * (X_GB.R.transpose() * (x_G - X_GB.p) - placed.X_BW.p);
  };
  const Eigen::Vector3d p_W = toW(p_G);
  const Eigen::Vector3d s_W = toW(s_G);
  Eigen::Vector3d dP, dS;
  for (int i = 0; i < 3; ++i) {
    const Eigen::Vector3d step = kStep * Eigen::Vector3d::Unit(i);
    dP[i] = (wrappedSegmentLength(placed, settings, p_W + step, s_W) -
             wrappedSegmentLength(placed, settings, p_W - step, s_W)) /
            (2 * kStep);
    dS[i] = (wrappedSegmentLength(placed, settings, p_W, s_W + step) -
             wrappedSegmentLength(placed, settings, p_W, s_W - step)) /
            (2 * kStep);
  }
  if (!dP.allFinite() || !dS.allFinite()) return false;
  dL_dP_G = R_GW * dP;
  dL_dS_G = R_GW * dS;
  return true;
}

}  // namespace

PathData::PathData(const model::Model& model)
    : model_fingerprint(model.fingerprint()),
      current_paths(model.muscleCount()),
      lengths(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.muscleCount()))),
      length_gradients(
          Eigen::MatrixXd::Zero(model.nq(), static_cast<Eigen::Index>(model.muscleCount()))),
      speeds(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.muscleCount()))),
      moment_arms(
          Eigen::MatrixXd::Zero(model.nq(), static_cast<Eigen::Index>(model.muscleCount()))) {
  std::size_t maxWraps = 0;
  for (std::size_t p = 0; p < model.muscleCount(); ++p) {
    const model::GeometryPath& path = model.musclePath(model::MuscleIndex(p));
    current_paths[p].reserve(path.points.size() + 2 * path.wraps.size());
    maxWraps = std::max(maxWraps, path.wraps.size());
  }
  wrap_order.resize(maxWraps);
  std::size_t maxEntries = 0;
  for (const auto& path : current_paths)
    maxEntries = std::max(maxEntries, path.capacity());
  point_gradients.reserve(maxEntries);
  wrap_status.resize(maxWraps);

  // Coordinates involved in enabled coupler constraints (moment_arm.cpp uses these).
  Eigen::Index couplers = 0;
  for (const model::CoordinateCouplerConstraint& coupler : model.couplerConstraints()) {
    if (!coupler.enabled) continue;
    ++couplers;
    for (const model::CoordinateIndex index : {coupler.dependent, coupler.independent}) {
      if (std::find(coupled_coordinates.begin(), coupled_coordinates.end(), index) ==
          coupled_coordinates.end()) {
        coupled_coordinates.push_back(index);
      }
    }
  }
  const auto involved = static_cast<Eigen::Index>(coupled_coordinates.size());
  constraint_rows = Eigen::MatrixXd::Zero(couplers, involved);
  constraint_gram = Eigen::MatrixXd::Zero(couplers, couplers);
  coupling = Eigen::MatrixXd::Zero(involved, involved);
}

void computePathGeometry(const model::Model& model, const model::Data& data, PathData& pathData) {
  checkBelongs(model, data, pathData);
  for (std::size_t p = 0; p < model.muscleCount(); ++p) {
    const model::GeometryPath& geometry = model.musclePath(model::MuscleIndex(p));
    std::vector<PathEntry>& path = pathData.current_paths[p];
    path.clear();
    for (std::size_t i = 0; i < geometry.points.size(); ++i) {
      const model::PathPoint& point = geometry.points[i];
      if (!pointIsActive(point, data.q)) continue;
      PathEntry entry;
      entry.kind = PathEntry::Kind::Point;
      entry.index = static_cast<int>(i);
      entry.frame = point.frame;
      entry.p_F = pointLocation(model, point, data.q);
      entry.p_G = data.X_GF[point.frame.value()].apply(entry.p_F);
      path.push_back(entry);
    }
    applyWrapObjects(model, geometry, data, path, pathData.wrap_order, pathData.wrap_status);
    pathData.lengths[static_cast<Eigen::Index>(p)] = pathLength(path);
  }
}

void computeLengthGradients(const model::Model& model, model::Data& data, PathData& pathData) {
  checkBelongs(model, data, pathData);
  model::computeJointMotions(model, data);
  pathData.length_gradients.setZero();
  std::vector<Eigen::Vector3d>& w = pathData.point_gradients;
  for (std::size_t p = 0; p < model.muscleCount(); ++p) {
    const model::GeometryPath& geometry = model.musclePath(model::MuscleIndex(p));
    const std::vector<PathEntry>& path = pathData.current_paths[p];
    auto g = pathData.length_gradients.col(static_cast<Eigen::Index>(p));
    const std::size_t n = path.size();
    w.assign(n, Eigen::Vector3d::Zero());

    // Straight segments: dL/dp_k = -u, dL/dp_{k+1} = +u (wrap arcs are held by their tangent
    // points, fixed in the wrap object's frame).
    for (std::size_t k = 0; k + 1 < n; ++k) {
      if (sameWrapObject(path[k], path[k + 1])) continue;
      const Eigen::Vector3d segment = path[k + 1].p_G - path[k].p_G;
      const double length = segment.norm();
      // Coincident points: the direction is undefined (OpenSim's is NaN too).
      const Eigen::Vector3d u =
          length > 0.0 ? Eigen::Vector3d(segment / length)
                       : Eigen::Vector3d::Constant(std::numeric_limits<double>::quiet_NaN());
      w[k] -= u;
      w[k + 1] += u;
    }

    // Cylinder and torus wraps, whose tangent points OpenSim does not make exactly tangent (see
    // header): replace the forces through the tangent points by the exact derivative of the
    // wrapped segment's length with respect to its end points P and S.
    for (std::size_t k = 1; k + 2 < n; ++k) {
      if (path[k].kind != PathEntry::Kind::WrapStart) continue;
      const PathEntry& before = path[k - 1];
      const PathEntry& after = path[k + 2];
      if (before.kind != PathEntry::Kind::Point || after.kind != PathEntry::Kind::Point) continue;
      const model::PathWrap& wrap = geometry.wraps[static_cast<std::size_t>(path[k].index)];
      const model::AttachedWrapObject& placed = model.wrapObjects()[wrap.wrapObject.value()];
      // Only a single PathWrap skips OpenSim's tangent-point iteration; with several, tangency
      // holds within 0.1 degree and the tangent-point forces are kept (cheaper, error ~5e-5 m).
      const bool skipsTangentIteration = geometry.wraps.size() == 1;
      if (!skipsTangentIteration ||
          (!std::holds_alternative<model::WrapCylinder>(placed.object.shape) &&
           !std::holds_alternative<model::WrapTorus>(placed.object.shape))) {
        continue;
      }
      Eigen::Vector3d dL_dP, dL_dS;
      const WrapSettings settings{toWrapMethod(wrap.method), geometry.wraps.size() == 1};
      if (!wrappedSegmentGradient(placed, data.X_GF[placed.frame.value()], settings, before.p_G,
                                  after.p_G, dL_dP, dL_dS)) {
        continue;
      }
      // Undo the two straight segments' forces, apply the exact ones.
      const Eigen::Vector3d u1 = (path[k].p_G - before.p_G).normalized();
      const Eigen::Vector3d u2 = (after.p_G - path[k + 1].p_G).normalized();
      w[k - 1] += u1 + dL_dP;
      w[k] -= u1;
      w[k + 1] += u2;
      w[k + 2] += -u2 + dL_dS;
      // Moving the wrap object moves P and S the other way in its frame.
      addPointGradient(model, data, placed.frame, before.p_G, -dL_dP, g);
      addPointGradient(model, data, placed.frame, after.p_G, -dL_dS, g);
    }

    for (std::size_t k = 0; k < n; ++k) {
      addPointGradient(model, data, path[k].frame, path[k].p_G, w[k], g);
      if (path[k].kind != PathEntry::Kind::Point) continue;
      const model::PathPoint& point = geometry.points[static_cast<std::size_t>(path[k].index)];
      if (point.type != model::PathPointType::Moving) continue;
      // Motion of the point within its frame: R_GF dx/dq (zero where the coordinate is clamped).
      const Eigen::Vector3d w_F = data.X_GF[point.frame.value()].R.transpose() * w[k];
      for (std::size_t i = 0; i < 3; ++i) {
        const model::CoordinateIndex c = point.locationCoordinates[i];
        if (!c.isValid() || !point.locationFunctions[i]) continue;
        const model::Coordinate& coordinate = model.coordinate(c);
        const double q = data.q[static_cast<Eigen::Index>(c.value())];
        if (q < coordinate.rangeMin || q > coordinate.rangeMax) continue;
        g[static_cast<Eigen::Index>(c.value())] +=
            w_F[static_cast<Eigen::Index>(i)] * point.locationFunctions[i]->evaluate(q).first;
      }
    }
  }
}

void computeLengtheningSpeeds(PathData& pathData, const Eigen::VectorXd& qdot) {
  if (qdot.size() != pathData.length_gradients.rows()) {
    throw std::invalid_argument("computeLengtheningSpeeds: qdot has " +
                                std::to_string(qdot.size()) + " entries, the model has " +
                                std::to_string(pathData.length_gradients.rows()) + " coordinates");
  }
  pathData.speeds.noalias() = pathData.length_gradients.transpose() * qdot;
}

}  // namespace kinchain::muscle
