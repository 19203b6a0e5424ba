#include "kinchain/analysis/analysis_pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>

#include "kinchain/analysis/foot_contact.hpp"
#include "kinchain/analysis/progression_frame.hpp"
#include "kinchain/analysis/recorded_trial.hpp"
#include "kinchain/analysis/reference_prediction.hpp"
#include "kinchain/analysis/result_checks.hpp"
#include "kinchain/chain/chain_analysis.hpp"
#include "kinchain/chain/chain_json.hpp"
#include "kinchain/common/body_mass.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/dynamics/external_load_series.hpp"
#include "kinchain/dynamics/external_loads.hpp"
#include "kinchain/dynamics/inverse_dynamics_tool.hpp"
#include "kinchain/dynamics/joint_powers.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/io/trc_file.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/kinematics/inverse_kinematics.hpp"
#include "kinchain/kinematics/model_fit.hpp"
#include "kinchain/kinematics/observable_coordinates.hpp"
#include "kinchain/kinematics/spatiotemporal.hpp"
#include "kinchain/kinematics/thorax_tilt.hpp"
#include "kinchain/loads/tissue_load_summary.hpp"
#include "kinchain/loads/tissue_loads.hpp"
#include "kinchain/model/default_model.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/reserve_actuators.hpp"
#include "kinchain/muscle/static_optimization.hpp"
#include "kinchain/muscle/static_optimization_tool.hpp"
#include "kinchain/report/analysis_report.hpp"
#include "kinchain/screen/screen_pipeline.hpp"
#include "kinchain/screen/screening_record.hpp"

namespace kinchain::analysis {

namespace {

using nlohmann::json;

// Low-pass cut-off for the coordinates before differentiation (Hz): the value of OpenSim's own
// gait inverse-dynamics setups (opensim-core subject01_Setup_InverseDynamics.xml,
// <lowpass_cutoff_frequency_for_coordinates> 6).
constexpr double kCoordinateCutoffHz = 6.0;

// Times each stage and reports it to results.json and the progress callback.
class StageLog {
 public:
  explicit StageLog(const ProgressCallback& progress) : progress_(progress) {}

  // A stage the rest depends on: a failure is recorded, then passed on.
  template <class Work>
  void run(const std::string& stage, Work&& work) {
    const auto start = std::chrono::steady_clock::now();
    try {
      std::string message = std::forward<Work>(work)();
      finish(stage, "ok", start, std::move(message));
    } catch (const std::exception& error) {
      finish(stage, "failed", start, error.what());
      throw;
    }
  }
  // A stage later ones may do without: a failure is recorded and the analysis goes on.
  template <class Work>
  bool attempt(const std::string& stage, Work&& work) {
    const auto start = std::chrono::steady_clock::now();
    try {
      std::string message = std::forward<Work>(work)();
      finish(stage, "ok", start, std::move(message));
      return true;
    } catch (const std::exception& error) {
      finish(stage, "failed", start, error.what());
      return false;
    }
  }
  void skip(const std::string& stage, const std::string& reason) {
    finish(stage, "skipped", std::chrono::steady_clock::now(), reason);
  }
  json toJson() const { return stages_; }

 private:
  void finish(const std::string& stage, const std::string& status,
              std::chrono::steady_clock::time_point start, std::string message) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stages_.push_back(
        {{"name", stage}, {"status", status}, {"seconds", seconds}, {"message", message}});
    if (progress_) progress_({stage, status, seconds, message});
  }
  const ProgressCallback& progress_;
  json stages_ = json::array();
};

std::string isoTimeNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

bool isC3d(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".c3d";
}

RecordedTrial readTrial(const std::filesystem::path& path,
                        const std::optional<std::filesystem::path>& forces) {
  if (!std::filesystem::exists(path)) throw InputError(path.string(), "", "file not found");
  if (isC3d(path)) {
    if (forces) {
      throw InputError(forces->string(), "",
                       "a C3D trial carries its own force plates; --grf is for a .trc trial");
    }
    return readC3dTrial(path);
  }
  if (forces && !std::filesystem::exists(*forces))
    throw InputError(forces->string(), "", "file not found");
  return readTrcTrial(path, forces ? &*forces : nullptr);
}

json sideObject() {
  return json{{"left", nullptr}, {"right", nullptr}};
}

const char* sideKey(Side side) {
  return side == Side::Left ? "left" : "right";
}

json numberOrNull(double value) {
  return std::isfinite(value) ? json(value) : json(nullptr);
}

json eventsJson(const std::vector<kinematics::GaitEvent>& events) {
  json list = json::array();
  for (const auto& event : events) {
    const bool strike = event.kind == kinematics::GaitEventKind::FootStrike;
    const char* source = event.source == kinematics::GaitEventSource::ForcePlate   ? "force_plate"
                         : event.source == kinematics::GaitEventSource::Kinematics ? "kinematics"
                                                                                   : "recorded";
    list.push_back({{"side", sideKey(event.side)},
                    {"kind", strike ? "foot_strike" : "foot_off"},
                    {"time_s", event.time},
                    {"source", source}});
  }
  return list;
}

// Each recorded (lab) event against the nearest detected event of the same side and kind
// within half a stride (events of one side and kind happen once per stride); null: none.
json eventAgreement(const std::vector<kinematics::GaitEvent>& recorded,
                    const std::vector<kinematics::GaitEvent>& detected,
                    const std::vector<kinematics::GaitCycle> (&cycles)[2]) {
  json list = json::array();
  for (const auto& event : recorded) {
    const auto& sideCycles = cycles[event.side == Side::Left ? 0 : 1];
    double stride = 0.0;
    for (const auto& cycle : sideCycles)
      stride += cycle.duration() / double(sideCycles.size());
    double best = std::nan("");
    for (const auto& other : detected) {
      if (other.side != event.side || other.kind != event.kind) continue;
      const double difference = other.time - event.time;
      if (stride > 0.0 && std::abs(difference) >= 0.5 * stride) continue;
      if (!std::isfinite(best) || std::abs(difference) < std::abs(best)) best = difference;
    }
    list.push_back(
        {{"side", sideKey(event.side)},
         {"kind", event.kind == kinematics::GaitEventKind::FootStrike ? "foot_strike" : "foot_off"},
         {"recorded_time_s", event.time},
         {"difference_s", numberOrNull(best)}});
  }
  return list;
}

bool stanceHasForce(const kinematics::GaitCycle& cycle,
                    const dynamics::FootGroundReactions* reactions, double frameSeconds) {
  if (reactions == nullptr) return false;
  for (const auto& contact : reactions->contacts) {
    if (!contact.assigned || contact.side != cycle.side) continue;
    if (contact.start <= cycle.footStrike + frameSeconds &&
        contact.end >= cycle.footOff - frameSeconds)
      return true;
  }
  return false;
}

json spatiotemporalJson(const kinematics::SpatiotemporalParameters& p) {
  return {{"cycles", p.cycleCount},
          {"stride_time_s", numberOrNull(p.strideTime)},
          {"step_time_s", numberOrNull(p.stepTime)},
          {"cadence_steps_per_min", numberOrNull(p.cadence)},
          {"stance_percent", numberOrNull(p.stancePercent)},
          {"swing_percent", numberOrNull(p.swingPercent)},
          {"double_support_percent", numberOrNull(p.doubleSupportPercent)},
          {"stride_length_m", numberOrNull(p.strideLength)},
          {"step_length_m", numberOrNull(p.stepLength)},
          {"speed_m_per_s", numberOrNull(p.speed)}};
}

// Quantities of a tissue-load table: column names without their _r / _l side suffix.
std::vector<std::string> tissueLoadQuantities(const io::TimeSeriesTable& table) {
  std::vector<std::string> quantities;
  for (const auto& label : table.labels()) {
    if (label.size() < 3) continue;
    const std::string suffix = label.substr(label.size() - 2);
    if (suffix != "_r" && suffix != "_l") continue;
    const std::string quantity = label.substr(0, label.size() - 2);
    if (std::find(quantities.begin(), quantities.end(), quantity) == quantities.end())
      quantities.push_back(quantity);
  }
  return quantities;
}

// +1 when the model's knee angle is positive in flexion (Rajagopal 2015: range 0..120 deg), -1
// when negative (gait2392, gait2354, gait10dof18musc: -120..10 deg), read off the range.
double kneeFlexionSign(const model::Model& model) {
  for (const char* name : {"knee_angle_r", "knee_angle_l"}) {
    if (const auto index = model.findCoordinate(name)) {
      const auto& knee = model.coordinate(*index);
      return std::abs(knee.rangeMax) > std::abs(knee.rangeMin) ? 1.0 : -1.0;
    }
  }
  return -1.0;
}

}  // namespace

AnalysisOutcome runAnalysis(const AnalysisRequest& request, const ProgressCallback& progress) {
  namespace fs = std::filesystem;
  StageLog stages(progress);
  const fs::path out = request.outputDirectory;
  fs::create_directories(out);

  json results;
  results["schema"] = "kinchain.analysis/1";
  results["kinchain_version"] = KINCHAIN_VERSION;
  results["created"] = isoTimeNow();
  json missing = json::array();
  json warnings = json::array();
  json files = json::object();
  const auto addMissing = [&](const std::string& what, const std::string& reason) {
    missing.push_back({{"what", what}, {"reason", reason}});
  };

  // A reference that cannot be read stops the analysis before any work, naming the file.
  std::optional<reference::ReferenceNorms> norms;
  std::filesystem::path normsPath;
  if (request.useNorms) {
    normsPath = request.norms.value_or(defaultNormsPath());
    norms = reference::ReferenceNorms::read(normsPath.string());
  }

  // --- trial ---------------------------------------------------------------------------------
  RecordedTrial trial;
  std::optional<RecordedTrial> staticTrial;
  stages.run("read_trial", [&] {
    trial = readTrial(request.trial, request.groundReactions);
    if (request.staticTrial) staticTrial = readTrial(*request.staticTrial, std::nullopt);
    return fmt::format("{} frames, {} force plates", trial.markers.rowCount(), trial.plates.size());
  });
  for (const auto& warning : trial.warnings)
    warnings.push_back(warning);
  const std::optional<ProgressionTurn> turn = alignProgressionWithX(trial);
  const auto& markerTime = trial.markers.time();
  if (markerTime.size() < 2) {
    throw InputError(request.trial.string(), "markers", "the trial has fewer than two frames");
  }
  results["trial"] = {
      {"file", request.trial.filename().string()},
      {"frames", trial.markers.rowCount()},
      {"rate_hz", trial.markerRate},
      {"start_s", markerTime.front()},
      {"duration_s", markerTime.back() - markerTime.front()},
      {"force_plates", trial.plates.size()},
      {"frame_note",
       turn ? fmt::format("{}; then turned {:.1f}° about the vertical so that the subject walks "
                          "along +x (the progression frame)",
                          trial.frameNote, turn->angleDeg)
            : trial.frameNote},
      {"progression_turn_deg", turn ? json(turn->angleDeg) : json(nullptr)},
      {"static_file",
       request.staticTrial ? json(request.staticTrial->filename().string()) : json(nullptr)}};

  if (request.massKg) requirePlausibleBodyMass(*request.massKg, "--mass");
  std::optional<double> trialMass = trial.massKg;
  if (trialMass && !request.massKg) {
    try {
      requirePlausibleBodyMass(*trialMass, request.trial.filename().string());
    } catch (const InputError& error) {
      // Labs often leave the subject mass at 0 or a placeholder: not an error in the trial,
      // but never a mass to scale a model with.
      warnings.push_back(fmt::format("the trial's body mass ({}) is ignored: {}", trial.massSource,
                                     error.reason()));
      trialMass.reset();
    }
  }
  std::optional<double> mass = request.massKg ? request.massKg : trialMass;
  std::string massSource = request.massKg ? "given (--mass)" : trial.massSource;
  results["subject"] = {{"mass_kg", mass ? json(*mass) : json(nullptr)},
                        {"mass_source", mass ? massSource : "unknown"}};
  if (!mass) {
    addMissing("loads in body weights, moments per kilogram, mass-scaled model",
               "body mass unknown (give --mass)");
  }

  // --- model fit -----------------------------------------------------------------------------
  const fs::path modelPath = request.model.value_or(model::defaultModelPath());
  const model::Model baseModel = model::readOsimModel(modelPath);
  std::optional<kinematics::ModelFit> fit;
  std::vector<kinematics::LockedCoordinate> unobservedLocks;
  stages.run("fit_model", [&] {
    kinematics::ModelFitOptions options;
    options.bodyMassKg = mass;
    const auto* staticMarkers = staticTrial ? &staticTrial->markers : nullptr;
    fit = kinematics::fitModelToMarkers(baseModel, trial.markers, staticMarkers, options);
    // Coordinates the protocol cannot see (foot, trunk) are locked, not guessed; the fit is redone
    // on the locked model so that marker placement and IK solve the same problem.
    unobservedLocks = kinematics::unobservedCoordinates(fit->model);
    if (!unobservedLocks.empty()) {
      fit = kinematics::fitModelToMarkers(
          kinematics::withLockedCoordinates(baseModel, unobservedLocks), trial.markers,
          staticMarkers, options);
    }
    if (!fit->osimText.empty()) {
      io::text::writeWholeFile(out / "model_scaled.osim", fit->osimText);
      files["scaled_model"] = "model_scaled.osim";
    }
    return fit->method;
  });
  for (const auto& warning : fit->warnings)
    warnings.push_back(warning);
  // Trunk lean from the thorax markers when the trial has them (full-body Plug-in Gait).
  const std::optional<io::TimeSeriesTable> thoraxTilt =
      kinematics::thoraxForwardTilt(trial.markers);
  {
    json used = json::array();
    for (const auto& use : fit->protocol.used)
      used.push_back(use.marker);
    // Labels outside the protocol: the thorax markers serve the trunk lean, the rest are ignored.
    json ignored = json::array();
    json usedOtherwise = json::array();
    const kinematics::ThoraxMarkerSet* thoraxSet =
        thoraxTilt ? kinematics::thoraxMarkerSetOf(trial.markers) : nullptr;
    for (const auto& label : fit->protocol.ignored) {
      const bool thorax =
          thoraxSet != nullptr && std::any_of(thoraxSet->labels.begin(), thoraxSet->labels.end(),
                                              [&](const char* name) { return label == name; });
      if (thorax)
        usedOtherwise.push_back(
            {{"label", label}, {"use", fmt::format("trunk lean ({} axes)", thoraxSet->name)}});
      else
        ignored.push_back(label);
    }
    json notNeeded = json::array();
    for (const auto& alternative : fit->protocol.notNeeded)
      notNeeded.push_back({{"marker", alternative.marker}, {"instead", alternative.instead}});
    json scale = json::object();
    for (const auto& [body, factors] : fit->scaleFactors)
      scale[body] = {factors.x(), factors.y(), factors.z()};
    results["protocol"] = {{"id", fit->protocol.protocol.id},
                           {"name", fit->protocol.protocol.name},
                           {"markers_used", used},
                           {"markers_missing", fit->protocol.missing},
                           {"markers_not_needed", notNeeded},
                           {"labels_ignored", ignored},
                           {"labels_used_otherwise", usedOtherwise}};
    results["model"] = {
        {"source", request.model ? modelPath.filename().string()
                                 : modelPath.filename().string() + " (bundled default)"},
        {"scaling_method", fit->method},
        {"scale_factors", scale},
        {"marker_error",
         {{"rms_m", fit->markerRmsMetres},
          {"max_m", fit->markerMaxMetres},
          {"worst_marker", fit->worstMarker}}}};
  }
  for (const auto& lock : unobservedLocks) {
    addMissing(fmt::format("{} (held at its default)", lock.coordinate),
               fmt::format("the marker protocol cannot observe it: {}", lock.reason));
  }
  const model::Model& model = fit->model;

  // --- inverse kinematics --------------------------------------------------------------------
  kinematics::IkTrialResult ik;
  io::TimeSeriesTable coordinates;
  stages.run("inverse_kinematics", [&] {
    kinematics::IkTaskSet tasks;
    tasks.markerTasks = fit->ikWeights;
    const kinematics::InverseKinematicsProblem problem(model, fit->trialMarkers, tasks);
    ik = kinematics::solveInverseKinematicsTrial(problem, 0, problem.frameCount(), {},
                                                 request.threads);
    coordinates = kinematics::ikCoordinatesTable(model, ik);
    io::writeSto(coordinates, out / "ik.mot");
    io::writeSto(kinematics::ikMarkerErrorTable(ik), out / "ik_marker_errors.sto");
    files["inverse_kinematics"] = "ik.mot";
    files["marker_errors"] = "ik_marker_errors.sto";
    double rmsSum = 0.0, worst = 0.0;
    std::string worstMarker;
    for (const auto& frame : ik.frames) {
      rmsSum += frame.rmsError;
      if (frame.maxError > worst) {
        worst = frame.maxError;
        worstMarker = frame.worstMarker;
      }
    }
    const double meanRms = ik.frames.empty() ? 0.0 : rmsSum / double(ik.frames.size());
    const MarkerFitJudgement fitJudgement = judgeMarkerFit(meanRms, worst, worstMarker);
    results["inverse_kinematics"] = {{"frames", ik.frames.size()},
                                     {"marker_rms_mean_m", meanRms},
                                     {"marker_max_m", worst},
                                     {"worst_marker", worstMarker},
                                     {"best_practice",
                                      {{"rms_bound_m", kIkRmsBestPracticeMetres},
                                       {"max_bound_m", kIkMaxBestPracticeMetres},
                                       {"rms_within", !fitJudgement.rmsBeyond},
                                       {"max_within", !fitJudgement.maxBeyond},
                                       {"source", "OpenSim best practice (biomechanics.md 3.1)"}}}};
    std::string fitNote;
    if (fitJudgement.rmsBeyond) {
      if (!request.acceptPoorMarkerFit) {
        throw InputError(request.trial.string(), "marker fit",
                         fitJudgement.message +
                             ": the model's markers do not fit this trial (check the marker "
                             "protocol, the static trial and the model); --force analyses anyway");
      }
      warnings.push_back("MARKER FIT BEYOND BEST PRACTICE (analysed with --force): " +
                         fitJudgement.message + "; every later result rests on this fit");
      fitNote = " — BEYOND BEST PRACTICE (--force)";
    } else if (fitJudgement.maxBeyond) {
      warnings.push_back(fitJudgement.message);
      fitNote = " — largest error beyond best practice";
    }
    return fmt::format("{} frames, marker RMS {:.1f} mm (mean), max {:.1f} mm ({}){}",
                       ik.frames.size(), 1000.0 * meanRms, 1000.0 * worst, worstMarker, fitNote);
  });
  for (const auto& warning : ik.warnings)
    warnings.push_back(warning);

  std::vector<Eigen::VectorXd> poses;
  for (const auto& frame : ik.frames)
    poses.push_back(frame.q);
  const SegmentPaths paths = segmentPaths(model, ik.time, poses);

  // --- force plates to feet ------------------------------------------------------------------
  std::optional<dynamics::FootGroundReactions> reactions;
  if (trial.plates.empty()) {
    stages.skip("force_plates", "the trial has no force plates");
    addMissing("joint moments and powers, muscle forces, tissue loads",
               "no force plates in the trial");
  } else {
    stages.run("force_plates", [&] {
      dynamics::FootPoints feet;
      feet.time = paths.time;
      feet.heel = paths.heel;
      feet.toe = paths.toe;
      reactions = dynamics::assignPlatesToFeet(trial.plates, feet);
      io::writeSto(reactions->table, out / "grf.mot");
      dynamics::writeExternalLoads(reactions->externalLoads("calcn_r", "calcn_l"),
                                   out / "external_loads.xml", "grf.mot");
      files["ground_reactions"] = "grf.mot";
      files["external_loads"] = "external_loads.xml";
      int assigned = 0;
      for (const auto& contact : reactions->contacts)
        assigned += contact.assigned ? 1 : 0;
      return fmt::format("{} contacts, {} assigned to a foot", reactions->contacts.size(),
                         assigned);
    });
    for (const auto& warning : reactions->warnings)
      warnings.push_back(warning);
    const bool anyAssigned = std::any_of(reactions->contacts.begin(), reactions->contacts.end(),
                                         [](const auto& contact) { return contact.assigned; });
    if (!anyAssigned) {
      addMissing("joint moments and powers, muscle forces, tissue loads",
                 "no force-plate contact could be assigned to a foot");
      reactions.reset();
    }
  }

  // --- gait events, cycles, spatiotemporal ---------------------------------------------------
  GaitEventDetection detection;
  std::vector<kinematics::GaitCycle> cycles[2];
  double sideSpeed[2] = {std::nan(""), std::nan("")};  // m/s, left and right
  stages.run("gait_events", [&] {
    detection = detectGaitEvents(paths, reactions ? &*reactions : nullptr, trial.markerRate);
    results["events"] = eventsJson(detection.events);
    results["events_recorded"] = eventsJson(trial.recordedEvents);
    json cycleJson = sideObject();
    json spatiotemporal = sideObject();
    Eigen::Vector3d direction = Eigen::Vector3d::Zero();
    bool haveDirection = false;
    try {
      direction = kinematics::walkingDirection(paths.pelvis, 1);
      haveDirection = true;
    } catch (const std::invalid_argument& error) {
      warnings.push_back(fmt::format("no walking direction: {}", error.what()));
    }
    kinematics::HeelTrajectories heels{paths.time, paths.heel[0], paths.heel[1]};
    const double frameSeconds = trial.markerRate > 0 ? 1.0 / trial.markerRate : 0.0;
    for (const Side side : {Side::Left, Side::Right}) {
      auto& list = cycles[side == Side::Left ? 0 : 1];
      list = kinematics::gaitCycles(detection.events, side);
      json entries = json::array();
      for (const auto& cycle : list) {
        entries.push_back({{"start_s", cycle.footStrike},
                           {"foot_off_s", cycle.footOff},
                           {"end_s", cycle.nextFootStrike},
                           {"has_force", stanceHasForce(cycle, reactions ? &*reactions : nullptr,
                                                        frameSeconds)}});
      }
      cycleJson[sideKey(side)] = entries;
      const auto parameters = kinematics::spatiotemporalParameters(
          detection.events, side, &heels, haveDirection ? &direction : nullptr);
      sideSpeed[side == Side::Left ? 0 : 1] = parameters.speed;
      spatiotemporal[sideKey(side)] = spatiotemporalJson(parameters);
    }
    results["cycles"] = cycleJson;
    results["event_agreement"] = eventAgreement(trial.recordedEvents, detection.events, cycles);
    results["spatiotemporal"] = spatiotemporal;
    return fmt::format("{} events; cycles: left {}, right {}", detection.events.size(),
                       cycles[0].size(), cycles[1].size());
  });
  for (const auto& note : detection.notes)
    warnings.push_back(note);
  if (cycles[0].empty() && cycles[1].empty()) {
    addMissing("cycle-normalised curves and per-cycle metrics",
               "no complete gait cycle (foot strike, foot off, next foot strike) in the trial");
  }

  // --- inverse dynamics, static optimisation, tissue loads -----------------------------------
  io::TimeSeriesTable generalizedForces;
  io::TimeSeriesTable jointPowers;
  io::TimeSeriesTable muscleForces;
  std::optional<loads::TissueLoads> tissue;
  const std::string noForces =
      trial.plates.empty() ? "no force plates" : "no plate contact assigned to a foot";
  results["tissue_loads"] = nullptr;
  std::unique_ptr<kinematics::CoordinateTrajectories> trajectories;
  std::unique_ptr<dynamics::ExternalLoadSeries> loadSeries;
  bool haveMoments = false, haveMuscles = false;
  if (!reactions) {
    stages.skip("inverse_dynamics", noForces);
  } else {
    haveMoments = stages.attempt("inverse_dynamics", [&] {
      trajectories = std::make_unique<kinematics::CoordinateTrajectories>(
          model, coordinates, kCoordinateCutoffHz, "ik.mot");
      loadSeries = std::make_unique<dynamics::ExternalLoadSeries>(
          model, reactions->externalLoads("calcn_r", "calcn_l"), reactions->table, "grf.mot");
      generalizedForces = dynamics::computeInverseDynamics(
          model, *trajectories, loadSeries.get(), trajectories->sampleTimes(), request.threads);
      requireFiniteResults(generalizedForces, "the joint moments (inverse dynamics)");
      jointPowers = dynamics::computeJointPowers(model, *trajectories, generalizedForces);
      requireFiniteResults(jointPowers, "the joint powers");
      io::writeSto(generalizedForces, out / "id.sto");
      files["inverse_dynamics"] = "id.sto";
      io::writeSto(jointPowers, out / "joint_powers.sto");
      files["joint_powers"] = "joint_powers.sto";
      return fmt::format("{} frames, {} Hz coordinate low-pass", generalizedForces.rowCount(),
                         kCoordinateCutoffHz);
    });
    if (!haveMoments) addMissing("joint moments and powers", "inverse dynamics failed");
  }
  if (!haveMoments) {
    stages.skip("static_optimization", reactions ? "inverse dynamics failed" : noForces);
  } else {
    haveMuscles = stages.attempt("static_optimization", [&] {
      const muscle::StaticOptimizationProblem problem(model, {muscle::reserveActuators(model)},
                                                      false, muscle::StaticOptimizationOptions{});
      auto run = muscle::solveStaticOptimization(model, problem, *trajectories, loadSeries.get(),
                                                 trajectories->sampleTimes(), request.threads);
      requireFiniteResults(run.activations, "the muscle activations (static optimisation)");
      requireFiniteResults(run.forces, "the muscle forces (static optimisation)");
      io::writeSto(run.activations, out / "so_activation.sto");
      io::writeSto(run.forces, out / "so_force.sto");
      files["activations"] = "so_activation.sto";
      files["muscle_forces"] = "so_force.sto";
      for (const auto& warning : run.warnings)
        warnings.push_back(warning);
      muscleForces = std::move(run.forces);
      return fmt::format("{} frames, {} actuators", run.frames, problem.actuators().size());
    });
    if (!haveMuscles) addMissing("muscle forces and tissue loads", "static optimisation failed");
  }
  if (!haveMuscles) {
    stages.skip("tissue_loads", haveMoments ? "static optimisation failed"
                                            : (reactions ? "inverse dynamics failed" : noForces));
  } else {
    const bool haveLoads = stages.attempt("tissue_loads", [&] {
      loads::TissueLoadOptions options;
      options.bodyMassKg = mass.value_or(0.0);
      tissue =
          loads::computeTissueLoads(model, coordinates, muscleForces, &generalizedForces, options);
      io::writeSto(tissue->series, out / "tissue_loads.sto");
      files["tissue_loads"] = "tissue_loads.sto";
      for (const auto& item : tissue->unavailable) {  // "what: reason"
        const auto colon = item.find(": ");
        if (colon == std::string::npos) {
          addMissing(item, "not computed (see tissue loads)");
        } else {
          addMissing(item.substr(0, colon), item.substr(colon + 2));
        }
      }
      for (const auto& note : tissue->notes)
        warnings.push_back(note);
      results["tissue_loads"] =
          loads::summariseTissueLoads(*tissue, detection.events, mass.value_or(0.0));
      return fmt::format("{} quantities", tissue->series.columnCount());
    });
    if (!haveLoads) addMissing("tissue loads", "the tissue-load stage failed");
  }

  // --- kinetic-chain metrics, findings, screening, report ------------------------------------
  results["curves"] = json::array();
  results["metrics"] = json::array();
  results["findings"] = json::array();
  results["screen"] = nullptr;
  // The reference at the trial's walking speed: the mean of the sides' speeds (each side's
  // stride length over stride time).
  std::optional<chain::ReferenceAtSpeed> referenceAtSpeed;
  results["norms"] = nullptr;
  results["gait_profile_score"] = nullptr;
  if (norms) {
    double speedSum = 0.0;
    int speeds = 0;
    for (const double speed : sideSpeed) {
      if (std::isfinite(speed) && speed > 0.0) {
        speedSum += speed;
        ++speeds;
      }
    }
    if (speeds == 0) {
      addMissing("comparison with the healthy reference",
                 "no walking speed (no complete gait cycle with a direction of travel)");
    } else {
      const double speed = speedSum / speeds;
      referenceAtSpeed = predictReferenceAt(*norms, speed);
      const auto& provenance = referenceAtSpeed->provenance;
      const double used = provenance.predictionSpeedMPerS();
      results["norms"] = {
          {"file", normsPath.filename().string()},
          {"source", norms->provenance.dataset},
          {"citation", norms->provenance.citation},
          {"licence", norms->provenance.licence},
          {"participants", norms->provenance.participants},
          {"strides", norms->provenance.strides},
          {"speed_range_m_per_s", {provenance.speedRangeLowMPerS, provenance.speedRangeHighMPerS}},
          {"trial_speed_m_per_s", speed},
          {"speed_used_m_per_s", used},
          {"clamped", provenance.trialSpeedClamped}};
      if (provenance.trialSpeedClamped) {
        warnings.push_back(fmt::format(
            "the walking speed {:.2f} m/s lies outside the reference's {:.2f}-{:.2f} m/s; the "
            "reference is taken at {:.2f} m/s",
            speed, provenance.speedRangeLowMPerS, provenance.speedRangeHighMPerS, used));
      }
    }
  }

  chain::ChainAnalysis chainAnalysis;
  const dynamics::FootPoints feet{paths.time, paths.heel, paths.toe};
  const bool haveChain = stages.attempt("kinetic_chain", [&] {
    chain::ChainInputs inputs;
    inputs.coordinates = &coordinates;
    inputs.inverseDynamics = haveMoments ? &generalizedForces : nullptr;
    inputs.jointPowers = haveMoments ? &jointPowers : nullptr;
    inputs.groundReactions = reactions ? &reactions->table : nullptr;
    inputs.footPoints = &feet;
    inputs.thoraxTilt = thoraxTilt ? &*thoraxTilt : nullptr;
    for (const auto& lock : unobservedLocks)
      inputs.unobservedCoordinates.push_back(lock.coordinate);
    if (tissue) {
      inputs.tissueLoads = &tissue->series;
      inputs.tissueLoadQuantities = tissueLoadQuantities(tissue->series);
    }
    inputs.events = detection.events;
    inputs.bodyMassKg = mass.value_or(0.0);
    inputs.kneeFlexionSign = kneeFlexionSign(model);
    inputs.reference = referenceAtSpeed ? &*referenceAtSpeed : nullptr;
    const chain::TypicalGait reference = chain::normalGait();
    chainAnalysis = chain::analyseChain(inputs, &reference);
    results["curves"] = chain::curvesToJson(chainAnalysis.curves);
    results["metrics"] = chain::metricsToJson(chainAnalysis.metrics);
    results["findings"] = chain::findingsToJson(chainAnalysis.findings);
    results["gait_profile_score"] = chain::gaitProfileToJson(chainAnalysis.gaitProfile);
    if (results["norms"].is_object())
      results["norms"].update(chain::normsJudgingToJson(chainAnalysis));
    for (const auto& item :
         chain::chainMissingToJson(chainAnalysis.metrics, chainAnalysis.findings))
      missing.push_back(item);
    return fmt::format("{} curves, {} metrics, {} findings", chainAnalysis.curves.size(),
                       chainAnalysis.metrics.size(), chainAnalysis.findings.findings.size());
  });
  if (!haveChain) addMissing("kinetic-chain metrics and findings", "the chain stage failed");
  results["lab_model_comparison"] =
      haveChain ? compareWithLabModel(trial.labOutputs, chainAnalysis.metrics, cycles[0], cycles[1])
                : json(nullptr);

  // --- screening merge (red flags still lead: the screening rules apply unchanged) -----------
  if (request.screenRecord) {
    stages.run("screening", [&] {
      std::ifstream file(*request.screenRecord, std::ios::binary);
      if (!file) throw InputError(request.screenRecord->string(), "", "cannot open the file");
      const std::string text((std::istreambuf_iterator<char>(file)),
                             std::istreambuf_iterator<char>());
      const std::string source = request.screenRecord->filename().string();
      const auto record = screen::readScreeningRecord(text, source);
      const auto evidence = chain::toGaitEvidence(
          chainAnalysis.findings, "gait analysis of " + request.trial.filename().string());
      const auto result = screen::runScreen(record, source, evidence);
      results["screen"] = screen::screenResultToJson(result);
      return fmt::format("triage {}, {} gait findings merged",
                         screen::triageLevelName(result.triage.level), evidence.items.size());
    });
  }

  results["stages"] = stages.toJson();
  results["missing"] = missing;
  results["warnings"] = warnings;
  results["files"] = files;

  AnalysisOutcome outcome;
  outcome.resultsFile = out / "results.json";
  outcome.reportFile = out / "report.html";
  files["results"] = "results.json";
  files["report"] = "report.html";
  // The report is rendered from results.json alone, so the two cannot disagree; its own stage
  // time is the last entry of the stage list the report shows.
  std::string html;
  stages.run("report", [&] {
    results["stages"] = stages.toJson();
    results["files"] = files;
    html = report::renderAnalysisReport(results);
    return fmt::format("{} kB", html.size() / 1024);
  });
  results["stages"] = stages.toJson();
  io::text::writeWholeFile(outcome.reportFile, html);
  io::text::writeWholeFile(outcome.resultsFile, results.dump(1) + "\n");
  outcome.results = std::move(results);
  return outcome;
}

}  // namespace kinchain::analysis
