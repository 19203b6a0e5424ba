#include "kinchain/kinematics/model_fit.hpp"

#include <fmt/format.h>

#include <Eigen/Geometry>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string_view>

#include "kinchain/common/error.hpp"
#include "kinchain/kinematics/inverse_kinematics.hpp"
#include "kinchain/kinematics/marker_placement.hpp"
#include "kinchain/kinematics/model_scaling.hpp"
#include "kinchain/kinematics/scale_factors.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_writer.hpp"

namespace kinchain::kinematics {

namespace {

// Placement without a static trial: frames used, and the pose/placement alternation stops when
// no marker moves more than kPlacementTolerance (a numerical tolerance, far below the marker
// errors reported) or after kPlacementMaxIterations (cost: (iterations + 1) x frames IK solves).
// On the shared trials the largest move shrinks by a factor 0.5-0.7 per alternation; 0.1 mm is
// reached after 9-15.
constexpr Eigen::Index kPlacementFrames = 25;
constexpr double kPlacementTolerance = 1e-4;  // m
constexpr int kPlacementMaxIterations = 30;

std::string sourceOf(const io::TimeSeriesTable& table) {
  return table.metadataValue("source").value_or("markers");
}

double median(std::vector<double> values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  if (values.size() % 2 == 1) return *middle;
  const double upper = *middle;
  const double lower = *std::max_element(values.begin(), middle);
  return 0.5 * (lower + upper);
}

// Median over the frames where both are measured of |x_a - x_b|; nullopt when none.
std::optional<double> medianDistance(const io::TimeSeriesTable& markers, std::size_t a,
                                     std::size_t b) {
  const auto pa = markers.vector3Column(a);
  const auto pb = markers.vector3Column(b);
  std::vector<double> distances;
  for (Eigen::Index row = 0; row < markers.rowCount(); ++row) {
    const Eigen::Vector3d d = pa.row(row) - pb.row(row);
    if (d.allFinite()) distances.push_back(d.norm());
  }
  if (distances.empty()) return std::nullopt;
  return median(std::move(distances));
}

// A known protocol, else the base model's own markers when they cover its segments.
ProtocolMatch recognizeOrModelMarkers(const model::Model& baseModel,
                                      const std::vector<std::string>& labels,
                                      const std::string& source) {
  try {
    return recognizeMarkerProtocol(labels, source);
  } catch (const InputError& error) {
    if (auto own = matchModelMarkers(baseModel, labels)) return std::move(*own);
    throw InputError(error.source(), error.place(),
                     error.reason() + "; nor do the labels cover the segments of model " +
                         baseModel.name() + "'s own markers");
  }
}

// The used markers of the trial, plus those only the static trial has.
ProtocolMatch mergedUse(const ProtocolMatch& trial, const ProtocolMatch* staticMatch) {
  ProtocolMatch merged = trial;
  if (staticMatch == nullptr) return merged;
  std::set<std::string> names;
  for (const auto& use : trial.used)
    names.insert(use.marker);
  for (const auto& use : staticMatch->used)
    if (!names.contains(use.marker)) merged.used.push_back(use);
  return merged;
}

model::Model withMarkers(const model::Model& base, const std::vector<MappedMarker>& mapped) {
  model::ModelParts parts = modelPartsOf(base);
  parts.markers.clear();
  for (const auto& m : mapped)
    parts.markers.push_back(m.marker);
  return model::Model(std::move(parts));
}

struct ScalingResult {
  BodyScaleFactors factors;
  std::vector<std::string> notes;
  std::vector<std::string> measured;  // "thigh 1.043 (2 pairs)"
};

ScalingResult segmentScaleFactors(const model::Model& model, const MarkerProtocol& protocol,
                                  const io::TimeSeriesTable& markers, const std::string& source) {
  model::Data data(model);
  model::forwardKinematics(model, data, model.defaultCoordinates());
  ScalingResult result;
  constexpr double kUnset = std::numeric_limits<double>::quiet_NaN();
  result.factors.assign(model.bodies().size(), Eigen::Vector3d::Constant(kUnset));
  std::vector<double> measuredFactors;
  for (const auto& measurement : protocol.measurements) {
    std::vector<double> ratios;
    for (const auto& [a, b] : measurement.pairs) {
      const auto ma = model.findMarker(a), mb = model.findMarker(b);
      const auto ca = markers.findColumn(a), cb = markers.findColumn(b);
      if (!ma || !mb || !ca || !cb) continue;
      const double modelDistance =
          (data.markerPositions.col(static_cast<Eigen::Index>(ma->value())) -
           data.markerPositions.col(static_cast<Eigen::Index>(mb->value())))
              .norm();
      const auto measured = medianDistance(markers, *ca, *cb);
      if (!measured || modelDistance <= 0.0) continue;
      ratios.push_back(*measured / modelDistance);
    }
    if (ratios.empty()) {
      result.notes.push_back(
          fmt::format("{} not measured: no pair of its markers in {}", measurement.name, source));
      continue;
    }
    double s = 0.0;
    for (const double r : ratios)
      s += r;
    s /= static_cast<double>(ratios.size());
    measuredFactors.push_back(s);
    result.measured.push_back(fmt::format("{} {:.3f}", measurement.name, s));
    for (const auto& bodyName : measurement.bodies) {
      const auto body = model.findBody(bodyName);
      if (!body) continue;
      for (int axis = 0; axis < 3; ++axis)
        if (measurement.axes[static_cast<std::size_t>(axis)])
          result.factors[body->value()][axis] = s;
    }
  }
  if (protocol.measurements.empty()) {
    result.factors.assign(model.bodies().size(), Eigen::Vector3d::Ones());
    result.notes.push_back("the " + protocol.name +
                           " have no known scaling marker pairs: the model keeps its size");
    return result;
  }
  if (measuredFactors.empty())
    throw InputError(source, "marker labels",
                     "no segment of the " + protocol.name +
                         " protocol can be measured: every scaling marker pair lacks a marker");
  double mean = 0.0;
  for (const double s : measuredFactors)
    mean += s;
  mean /= static_cast<double>(measuredFactors.size());
  std::vector<std::string> byMean;
  for (std::size_t b = 0; b < model.bodies().size(); ++b) {
    Eigen::Vector3d& factor = result.factors[b];
    if (factor.allFinite()) continue;
    byMean.push_back(model.bodies()[b].name);
    for (int axis = 0; axis < 3; ++axis)
      if (!std::isfinite(factor[axis])) factor[axis] = mean;
  }
  if (!byMean.empty())
    result.notes.push_back(fmt::format(
        "scaled by the mean measured factor {:.3f} where no marker pair reaches them: {}", mean,
        fmt::join(byMean, ", ")));
  return result;
}

// The IK marker tasks of the mapped markers; `withPlaceholders` false leaves out the markers
// whose model location is only a placeholder (the pose they would pull towards is wrong until
// placement has put them where they were measured).
IkTaskSet markerTasks(const std::vector<MappedMarker>& mapped, bool withPlaceholders) {
  IkTaskSet tasks;
  for (const auto& m : mapped)
    tasks.markerTasks.push_back({m.marker.name, withPlaceholders || !m.placeholder, m.ikWeight});
  return tasks;
}

// A starting pose for IK from the pelvis markers of one frame, for models with gait2392's
// ground-pelvis joint (pelvis_tilt about z, then pelvis_list about x, then pelvis_rotation about
// y; pelvis_tx/ty/tz in ground): the rigid fit (Umeyama 1991, no scaling) of the model's pelvis
// markers onto the measured ones gives R_GP = Rz(tilt) Rx(list) Ry(rotation) and the origin.
// Without it IK starts facing +x and can stop in a wrong minimum on a trial walking towards -x.
// Returns the default pose unchanged when the model lacks those coordinates or fewer than three
// pelvis markers are measured in `row`.
Eigen::VectorXd poseFromPelvisMarkers(const model::Model& model, const io::TimeSeriesTable& trial,
                                      Eigen::Index row) {
  Eigen::VectorXd q = model.defaultCoordinates();
  const auto pelvis = model.findBody("pelvis");
  const std::array<const char*, 6> names{"pelvis_tilt", "pelvis_list", "pelvis_rotation",
                                         "pelvis_tx",   "pelvis_ty",   "pelvis_tz"};
  std::array<Eigen::Index, 6> index{};
  for (std::size_t k = 0; k < names.size(); ++k) {
    const auto coordinate = model.findCoordinate(names[k]);
    if (!coordinate || !pelvis) return q;
    index[k] = static_cast<Eigen::Index>(coordinate->value());
  }
  std::vector<Eigen::Vector3d> local, measured;
  for (const auto& marker : model.markers()) {
    const auto column = trial.findColumn(marker.name);
    if (marker.frame != model.body(*pelvis).frame || !column) continue;
    const Eigen::Vector3d x = trial.vector3(row, *column);
    if (!x.allFinite()) continue;
    local.push_back(marker.location);
    measured.push_back(x);
  }
  if (local.size() < 3) return q;
  Eigen::Matrix3Xd from(3, static_cast<Eigen::Index>(local.size()));
  Eigen::Matrix3Xd to(3, static_cast<Eigen::Index>(local.size()));
  for (std::size_t k = 0; k < local.size(); ++k) {
    from.col(static_cast<Eigen::Index>(k)) = local[k];
    to.col(static_cast<Eigen::Index>(k)) = measured[k];
  }
  const Eigen::Matrix4d X_GP = Eigen::umeyama(from, to, false);
  const Eigen::Matrix3d R = X_GP.topLeftCorner<3, 3>();
  // R = Rz(t) Rx(l) Ry(r): R(2,1) = sin l, R(2,0) = -cos l sin r, R(2,2) = cos l cos r,
  // R(0,1) = -sin t cos l, R(1,1) = cos t cos l.
  q(index[0]) = std::atan2(-R(0, 1), R(1, 1));
  q(index[1]) = std::asin(std::clamp(R(2, 1), -1.0, 1.0));
  q(index[2]) = std::atan2(-R(2, 0), R(2, 2));
  q(index[3]) = X_GP(0, 3);
  q(index[4]) = X_GP(1, 3);
  q(index[5]) = X_GP(2, 3);
  return q;
}

// The model with its pelvis (ground joint) default values at the pose of the trial's first
// frame where poseFromPelvisMarkers finds one, so IK started from the default pose starts where
// the subject is and facing the way they walk.
model::Model facingTheTrial(const model::Model& model, const io::TimeSeriesTable& trial) {
  const Eigen::VectorXd defaults = model.defaultCoordinates();
  for (Eigen::Index row = 0; row < trial.rowCount(); ++row) {
    const Eigen::VectorXd q = poseFromPelvisMarkers(model, trial, row);
    if (q == defaults) continue;
    model::ModelParts parts = modelPartsOf(model);
    for (std::size_t c = 0; c < parts.coordinates.size(); ++c)
      parts.coordinates[c].defaultValue = q(static_cast<Eigen::Index>(c));
    return model::Model(std::move(parts));
  }
  return model;
}

// Rows to place markers on when there is no static trial: up to kPlacementFrames evenly
// spaced rows among those where the most markers are measured.
std::vector<Eigen::Index> placementRows(const io::TimeSeriesTable& trial) {
  std::vector<int> measured(static_cast<std::size_t>(trial.rowCount()), 0);
  for (std::size_t c = 0; c < trial.columnCount(); ++c) {
    const auto column = trial.vector3Column(c);
    for (Eigen::Index row = 0; row < trial.rowCount(); ++row)
      if (column.row(row).allFinite()) ++measured[static_cast<std::size_t>(row)];
  }
  const int most = *std::max_element(measured.begin(), measured.end());
  std::vector<Eigen::Index> candidates;
  for (Eigen::Index row = 0; row < trial.rowCount(); ++row)
    if (measured[static_cast<std::size_t>(row)] == most) candidates.push_back(row);
  const std::size_t count = std::min(candidates.size(), static_cast<std::size_t>(kPlacementFrames));
  std::vector<Eigen::Index> rows;
  for (std::size_t k = 0; k < count; ++k)
    rows.push_back(candidates[k * candidates.size() / count]);
  return rows;
}

struct TrialPlacement {
  model::Model model;
  int iterations = 0;
  double lastMove = 0.0;                     // m, largest marker move of the last alternation
  std::vector<MarkerPlacementError> errors;  // after the last iteration, model marker order
};

// Marker placement on several trial frames (no static trial). Unfixed markers are technical
// (cluster / wand) markers whose place on the segment is unknown; as in CAST calibration
// (Cappozzo et al. 1995) they are expressed in the segment frame that the pose puts there, here
// averaged over the frames:  p_F = mean_k X_GF(q_k)^-1 x_k,  with q_k the IK pose of frame k.
// Pose and placement alternate until the markers settle (the first poses use the start
// positions of the clusters, which have the lower weight); the errors are those of a final IK.
TrialPlacement placeOnTrialFrames(const model::Model& scaled, const io::TimeSeriesTable& trial,
                                  const IkTaskSet& tasks, const IkTaskSet& firstTasks,
                                  const std::vector<Eigen::Index>& rows) {
  model::Model current = scaled;
  std::vector<Eigen::VectorXd> poses;
  for (const auto row : rows)
    poses.push_back(poseFromPelvisMarkers(scaled, trial, row));
  // Each frame starts from its own last pose and from the previous frame's new pose; the
  // lower marker error wins (a frame solved alone can stop in a worse minimum, e.g. of the foot).
  // The first poses leave out placeholder markers (`firstTasks`), later ones use them all.
  const auto solvePoses = [&](const model::Model& m, const IkTaskSet& taskSet) {
    const InverseKinematicsProblem problem(m, trial, taskSet);
    IkWorkspace workspace(problem);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      IkFrameSolution best = solveInverseKinematicsFrame(problem, workspace, rows[k], poses[k]);
      if (k > 0) {
        IkFrameSolution fromPrevious =
            solveInverseKinematicsFrame(problem, workspace, rows[k], poses[k - 1]);
        if (fromPrevious.totalSquaredError < best.totalSquaredError) best = std::move(fromPrevious);
      }
      poses[k] = best.q;
    }
  };
  int iterations = 0;
  double lastMove = std::numeric_limits<double>::infinity();
  while (lastMove > kPlacementTolerance && iterations < kPlacementMaxIterations) {
    solvePoses(current, iterations == 0 ? firstTasks : tasks);
    ++iterations;
    model::ModelParts parts = modelPartsOf(current);
    model::Data data(current);
    std::vector<Eigen::Vector3d> sums(parts.markers.size(), Eigen::Vector3d::Zero());
    std::vector<int> counts(parts.markers.size(), 0);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      model::forwardKinematics(current, data, poses[k]);
      for (std::size_t m = 0; m < parts.markers.size(); ++m) {
        const auto& marker = parts.markers[m];
        const auto column = trial.findColumn(marker.name);
        if (marker.fixed || !column) continue;
        const Eigen::Vector3d x = trial.vector3(rows[k], *column);
        if (!x.allFinite()) continue;
        sums[m] += data.X_GF[marker.frame.value()].inverse().apply(x);
        ++counts[m];
      }
    }
    lastMove = 0.0;
    for (std::size_t m = 0; m < parts.markers.size(); ++m) {
      if (counts[m] == 0) continue;
      const Eigen::Vector3d location = sums[m] / counts[m];
      lastMove = std::max(lastMove, (location - parts.markers[m].location).norm());
      parts.markers[m].location = location;
    }
    current = model::Model(std::move(parts));
  }
  // Errors of the placed model over the placement frames.
  solvePoses(current, tasks);
  TrialPlacement placement{current, iterations, lastMove, {}};
  model::Data data(current);
  const auto& markers = current.markers();
  std::vector<double> squares(markers.size(), 0.0), maxima(markers.size(), 0.0);
  std::vector<int> frames(markers.size(), 0);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    model::forwardKinematics(current, data, poses[k]);
    for (std::size_t m = 0; m < markers.size(); ++m) {
      const auto column = trial.findColumn(markers[m].name);
      if (!column) continue;
      const Eigen::Vector3d x = trial.vector3(rows[k], *column);
      if (!x.allFinite()) continue;
      const double e = (data.markerPositions.col(static_cast<Eigen::Index>(m)) - x).norm();
      squares[m] += e * e;
      maxima[m] = std::max(maxima[m], e);
      ++frames[m];
    }
  }
  for (std::size_t m = 0; m < markers.size(); ++m) {
    MarkerPlacementError error;
    error.marker = markers[m].name;
    error.rms = frames[m] > 0 ? std::sqrt(squares[m] / frames[m]) : 0.0;
    error.max = maxima[m];
    error.frames = frames[m];
    error.moved = !markers[m].fixed;
    placement.errors.push_back(error);
  }
  return placement;
}

std::string osimTextOf(const model::Model& base, const model::Model& fitted,
                       std::vector<std::string>& warnings) {
  const std::filesystem::path original = base.sourceName();
  std::error_code error;
  if (original.extension() != ".osim" || !std::filesystem::exists(original, error)) {
    warnings.push_back("the base model was not read from an .osim file; no .osim text");
    return {};
  }
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  const std::filesystem::path temporary =
      std::filesystem::temp_directory_path() /
      fmt::format("kinchain_fit_{}_{}.osim", stamp, static_cast<const void*>(&fitted));
  model::writeEditedOsimModel(original, fitted, temporary, fitted.name());
  std::ifstream in(temporary, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  in.close();
  std::filesystem::remove(temporary, error);
  return text.str();
}

}  // namespace

ModelFit fitModelToMarkers(const model::Model& baseModel, const io::TimeSeriesTable& markers,
                           const io::TimeSeriesTable* staticMarkers,
                           const ModelFitOptions& options) {
  const std::string source = sourceOf(markers);
  const std::vector<std::string> labels = markerLabels(markers);
  ProtocolMatch match = recognizeOrModelMarkers(baseModel, labels, source);
  io::TimeSeriesTable trial = relabelToProtocol(markersInMetres(markers, source), match);

  std::optional<ProtocolMatch> staticMatch;
  io::TimeSeriesTable staticTable;
  std::string staticSource;
  if (staticMarkers != nullptr) {
    staticSource = sourceOf(*staticMarkers);
    staticMatch = matchProtocol(match.protocol, markerLabels(*staticMarkers));
    if (staticMatch->used.empty())
      throw InputError(staticSource, "marker labels",
                       "the static trial has none of the " + match.protocol.name +
                           " markers the trial was recorded with");
    staticTable = relabelToProtocol(markersInMetres(*staticMarkers, staticSource), *staticMatch);
  }

  std::vector<std::string> warnings;
  const ProtocolMapping mapping =
      mapProtocolOntoModel(baseModel, mergedUse(match, staticMatch ? &*staticMatch : nullptr));
  for (const auto& reason : mapping.unmapped)
    warnings.push_back("marker not used: " + reason);
  if (mapping.markers.empty())
    throw InputError(
        source, "marker labels",
        "none of the " + match.protocol.name + " markers can be put on model " + baseModel.name());
  const model::Model marked = withMarkers(baseModel, mapping.markers);

  const io::TimeSeriesTable& poseTable = staticMarkers != nullptr ? staticTable : trial;
  const std::string& poseSource = staticMarkers != nullptr ? staticSource : source;
  const ScalingResult scaling = segmentScaleFactors(marked, match.protocol, poseTable, poseSource);
  for (const auto& note : scaling.notes)
    warnings.push_back(note);
  ModelScalingOptions scalingOptions;
  if (options.bodyMassKg) {
    scalingOptions.subjectMass = *options.bodyMassKg;
    scalingOptions.preserveMassDistribution = true;
  }
  const model::Model scaled = scaleModel(marked, scaling.factors, scalingOptions).model;

  MarkerPlacementOptions placementOptions;
  // The static pose (OpenSim's MarkerPlacer IK) without the placeholder markers; every unfixed
  // marker, placeholders included, is then moved onto its measured position.
  placementOptions.tasks = markerTasks(mapping.markers, false);
  const IkTaskSet allTasks = markerTasks(mapping.markers, true);
  ModelFit fit{scaled, {}, match, {}, {}, 0.0, 0.0, {}, {}, trial, {}, {}, {}};
  std::vector<MarkerPlacementError> placementErrors;
  std::vector<std::string> deleted;
  if (staticMarkers != nullptr) {
    placementOptions.timeRange = {poseTable.time().front(), poseTable.time().back()};
    const MarkerPlacementResult placement =
        placeMarkers(scaled, poseTable, placementOptions, poseSource);
    // The static pose leaves the placeholder markers out on purpose; say so instead of the
    // IK's generic "not used" note.
    constexpr std::string_view kUnusedNote = "measured markers not used: ";
    for (const auto& note : placement.notes) {
      if (note.starts_with(kUnusedNote))
        warnings.push_back(fmt::format(
            "static pose solved without {} (no model landmark or not tracked; placed afterwards "
            "where the static trial shows them)",
            note.substr(kUnusedNote.size())));
      else
        warnings.push_back(note);
    }
    fit.model = placement.model;
    placementErrors = placement.markerErrors;
    deleted = placement.deletedMarkers;
  } else {
    const auto rows = placementRows(trial);
    for (const auto row : rows)
      fit.placementTimes.push_back(trial.time()[static_cast<std::size_t>(row)]);
    TrialPlacement placement =
        placeOnTrialFrames(scaled, trial, allTasks, placementOptions.tasks, rows);
    if (placement.lastMove > kPlacementTolerance)
      warnings.push_back(fmt::format(
          "marker placement stopped after {} rounds with markers still moving {:.1f} mm",
          placement.iterations, placement.lastMove * 1e3));
    fit.model = std::move(placement.model);
    placementErrors = std::move(placement.errors);
  }

  fit.model = facingTheTrial(fit.model, trial);

  // Errors at the placement pose after placement, and the per-marker record.
  double sumSquares = 0.0;
  int counted = 0;
  for (const auto& error : placementErrors) {
    if (error.frames == 0) continue;
    sumSquares += error.rms * error.rms;
    ++counted;
    if (error.max > fit.markerMaxMetres) {
      fit.markerMaxMetres = error.max;
      fit.worstMarker = error.marker;
    }
  }
  fit.markerRmsMetres = counted > 0 ? std::sqrt(sumSquares / counted) : 0.0;
  for (const auto& m : fit.model.markers()) {
    const auto mapped =
        std::find_if(mapping.markers.begin(), mapping.markers.end(),
                     [&](const MappedMarker& x) { return x.marker.name == m.name; });
    const auto error =
        std::find_if(placementErrors.begin(), placementErrors.end(),
                     [&](const MarkerPlacementError& e) { return e.marker == m.name; });
    FittedMarker fitted;
    fitted.name = m.name;
    for (const auto& body : fit.model.bodies())
      if (body.frame == m.frame) fitted.body = body.name;
    fitted.origin = mapped != mapping.markers.end() ? mapped->origin : "";
    fitted.fixed = m.fixed;
    fitted.ikWeight = mapped != mapping.markers.end() ? mapped->ikWeight : 1.0;
    fitted.errorMetres = error != placementErrors.end() ? error->rms : 0.0;
    fit.markers.push_back(std::move(fitted));
    fit.ikWeights.push_back({m.name, true, fit.markers.back().ikWeight});
  }
  if (!deleted.empty())
    warnings.push_back(
        fmt::format("not in the static trial, left out: {}", fmt::join(deleted, ", ")));

  for (std::size_t b = 0; b < fit.model.bodies().size(); ++b)
    fit.scaleFactors[fit.model.bodies()[b].name] = scaling.factors[b];

  const std::string placementPose =
      staticMarkers != nullptr
          ? fmt::format("static trial {} ({} frames averaged)",
                        std::filesystem::path(staticSource).filename().string(),
                        poseTable.rowCount())
          : fmt::format(
                "{} trial frames from {:.2f} to {:.2f} s (cluster markers averaged in "
                "their segment frames)",
                fit.placementTimes.size(), fit.placementTimes.front(), fit.placementTimes.back());
  const std::string scalingText =
      scaling.measured.empty()
          ? std::string("model kept at its size (no scaling marker pairs for this set)")
          : fmt::format(
                "model scaled by segment lengths ({}) from the {} median inter-marker "
                "distances",
                fmt::join(scaling.measured, ", "),
                staticMarkers != nullptr ? "static trial's" : "trial's");
  fit.method = fmt::format("{} markers recognised ({} of {} used); {}; markers placed on the {}.",
                           match.protocol.name, match.used.size(), match.protocol.markers.size(),
                           scalingText, placementPose);
  fit.osimText = osimTextOf(baseModel, fit.model, warnings);
  fit.warnings = std::move(warnings);
  return fit;
}

}  // namespace kinchain::kinematics
