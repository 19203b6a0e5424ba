// fitModelToMarkers on real shared trials. The fitted model must track each trial within
// OpenSim's best-practice marker-error bounds (../shared/research/biomechanics.md §3.1, OpenSim
// "checklist for evaluating your simulation"): scaling / static pose max < 2 cm and RMS < 1 cm;
// IK max < 4 cm and RMS < 2 cm. On the Plug-in Gait trial our knee flexion must follow Vicon's
// own Plug-in Gait knee angle stored in the same C3D.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <numeric>

#include "kinchain/common/error.hpp"
#include "kinchain/io/c3d_file.hpp"
#include "kinchain/kinematics/inverse_kinematics.hpp"
#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "kinchain/kinematics/model_fit.hpp"
#include "kinchain/kinematics/model_scaling.hpp"
#include "kinchain/model/default_model.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::kinematics {
namespace {

// OpenSim best-practice bounds, biomechanics.md §3.1.
constexpr double kScaleMaxError = 0.02;  // m, bony landmarks, static pose
constexpr double kScaleRmsError = 0.01;  // m
constexpr double kIkMaxError = 0.04;     // m
constexpr double kIkRmsError = 0.02;     // m

constexpr double kPi = 3.14159265358979323846;

struct TrialIk {
  IkTrialResult result;
  double meanRms = 0.0;  // m, mean over frames of the frame RMS
  double max = 0.0;      // m, over every frame and marker
  std::string worst;
};

TrialIk runTrialIk(const ModelFit& fit) {
  const InverseKinematicsProblem problem(fit.model, fit.trialMarkers, IkTaskSet{fit.ikWeights, {}});
  TrialIk ik;
  ik.result = solveInverseKinematicsTrial(problem, 0, problem.frameCount());
  int frames = 0;
  for (const auto& frame : ik.result.frames) {
    if (frame.markersUsed == 0) continue;
    ik.meanRms += frame.rmsError;
    ++frames;
    if (frame.maxError > ik.max) {
      ik.max = frame.maxError;
      ik.worst = frame.worstMarker;
    }
  }
  ik.meanRms /= std::max(frames, 1);
  return ik;
}

void report(const std::string& trial, const ModelFit& fit, const TrialIk& ik) {
  std::cout << fmt::format(
      "[ model fit ] {}: {}\n[ model fit ]   placement RMS {:.1f} mm, max {:.1f} mm ({}); "
      "trial IK mean RMS {:.1f} mm, max {:.1f} mm ({})\n",
      trial, fit.method, fit.markerRmsMetres * 1e3, fit.markerMaxMetres * 1e3, fit.worstMarker,
      ik.meanRms * 1e3, ik.max * 1e3, ik.worst);
  ::testing::Test::RecordProperty("ik_mean_rms_m", fmt::format("{:.4f}", ik.meanRms));
  ::testing::Test::RecordProperty("ik_max_m", fmt::format("{:.4f}", ik.max));
}

const ModelFit& plugInGaitFit() {
  static const ModelFit fit = fitModelToMarkers(
      model::loadDefaultModel(),
      readMarkerFile(test::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d")), nullptr, {});
  return fit;
}

const TrialIk& plugInGaitIk() {
  static const TrialIk ik = runTrialIk(plugInGaitFit());
  return ik;
}

// Plug-in Gait trial, no static trial: scaled and placed from the walk itself.
TEST(ModelFit, PlugInGaitTrialIsTrackedWithinOpenSimIkBounds) {
  const ModelFit& fit = plugInGaitFit();
  const TrialIk& ik = plugInGaitIk();
  report("PiG_Motion-FlatFoot-One.c3d", fit, ik);
  EXPECT_EQ(fit.protocol.protocol.id, "plug-in-gait");
  EXPECT_EQ(fit.model.markers().size(), 16u);  // 16 of 17: the trial has PSIS, no SACR
  EXPECT_NE(fit.method.find("trial frames"), std::string::npos) << fit.method;
  EXPECT_LT(ik.meanRms, kIkRmsError);
  EXPECT_LT(ik.max, kIkMaxError) << ik.worst;
  // Wands are unfixed and lighter than every landmark.
  for (const auto& marker : fit.markers) {
    const bool wand = marker.name.ends_with("THI") || marker.name.ends_with("TIB");
    EXPECT_EQ(marker.fixed, !wand) << marker.name;
    EXPECT_EQ(marker.ikWeight, wand ? 1.0 : 2.0) << marker.name;
  }
}

// Knee flexion against Vicon's Plug-in Gait output in the same file (<side>KneeAngles, x =
// flexion, degrees; gait2392 knee_angle is negative in flexion). The two models differ in
// segment frames and joint constraints: Kainz et al. 2016 (J Biomech 49:1658) found joint-angle
// differences up to 13 degrees between Plug-in Gait and OpenSim gait2392 on the same trials, so
// 13 degrees bounds the RMS difference; the waveforms must still agree in shape: Ziziene et al.
// 2022 (PLoS One 17:e0270423) report sagittal-plane correlations of 0.79-0.83 between Plug-in
// Gait and an IK model, so r >= 0.79.
TEST(ModelFit, PlugInGaitKneeFlexionFollowsVicon) {
  const ModelFit& fit = plugInGaitFit();
  const TrialIk& ik = plugInGaitIk();
  const auto c3d = io::readC3d(test::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d"));
  for (const std::string side : {"R", "L"}) {
    const auto vicon = c3d.points.vector3Column(c3d.points.requireColumn(side + "KneeAngles"));
    const auto knee = *fit.model.findCoordinate(side == "R" ? "knee_angle_r" : "knee_angle_l");
    std::vector<double> ours, theirs;
    for (std::size_t f = 0; f < ik.result.frames.size(); ++f) {
      const double reference = vicon(static_cast<Eigen::Index>(f), 0);
      if (!std::isfinite(reference) || ik.result.frames[f].markersUsed == 0) continue;
      ours.push_back(-ik.result.frames[f].q(static_cast<Eigen::Index>(knee.value())) * 180.0 / kPi);
      theirs.push_back(reference);
    }
    ASSERT_GT(ours.size(), 200u);
    const auto n = static_cast<double>(ours.size());
    const double meanOurs = std::accumulate(ours.begin(), ours.end(), 0.0) / n;
    const double meanTheirs = std::accumulate(theirs.begin(), theirs.end(), 0.0) / n;
    double squares = 0.0, cov = 0.0, varOurs = 0.0, varTheirs = 0.0;
    for (std::size_t k = 0; k < ours.size(); ++k) {
      squares += (ours[k] - theirs[k]) * (ours[k] - theirs[k]);
      cov += (ours[k] - meanOurs) * (theirs[k] - meanTheirs);
      varOurs += (ours[k] - meanOurs) * (ours[k] - meanOurs);
      varTheirs += (theirs[k] - meanTheirs) * (theirs[k] - meanTheirs);
    }
    const double rms = std::sqrt(squares / n);
    const double r = cov / std::sqrt(varOurs * varTheirs);
    std::cout << fmt::format(
        "[ model fit ] {} knee flexion vs Vicon PiG: RMS {:.1f} deg, mean offset {:+.1f} deg, "
        "r {:.3f} ({} frames)\n",
        side, rms, meanOurs - meanTheirs, r, ours.size());
    RecordProperty(side + "_knee_rms_deg", fmt::format("{:.2f}", rms));
    RecordProperty(side + "_knee_r", fmt::format("{:.3f}", r));
    EXPECT_LE(rms, 13.0) << side;
    EXPECT_GE(r, 0.79) << side;
  }
}

// OpenSim's subject01: static trial (scale_gait2354) and the walk (subject01_walk1.trc) on the
// default model, whose markers are the gait2354 set and are used as they are.
TEST(ModelFit, Gait2354StaticAndWalkWithinOpenSimBounds) {
  const auto trial = readMarkerFile(
      test::sharedData("opensim-core/subject01_walk1_experimental/subject01_walk1.trc"));
  const auto standing =
      readMarkerFile(test::sharedData("opensim-core/scale_gait2354/subject01_static.trc"));
  ModelFitOptions options;
  options.bodyMassKg = 72.6;  // subject01_Setup_Scale.xml <mass>
  const ModelFit fit = fitModelToMarkers(model::loadDefaultModel(), trial, &standing, options);
  const TrialIk ik = runTrialIk(fit);
  report("subject01_walk1.trc + subject01_static.trc", fit, ik);
  EXPECT_EQ(fit.protocol.protocol.id, "opensim-gait2354");
  EXPECT_NE(fit.method.find("subject01_static.trc"), std::string::npos) << fit.method;
  for (const auto& marker : fit.markers)
    EXPECT_EQ(marker.origin, "the model's own marker");
  EXPECT_LT(fit.markerRmsMetres, kScaleRmsError);
  EXPECT_LT(fit.markerMaxMetres, kScaleMaxError) << fit.worstMarker;
  EXPECT_LT(ik.meanRms, kIkRmsError);
  EXPECT_LT(ik.max, kIkMaxError) << ik.worst;
  // The mass option rescales the model to the subject (preserving the distribution).
  double mass = 0.0;
  for (const auto& body : fit.model.bodies())
    mass += body.mass;
  EXPECT_NEAR(mass, 72.6, 1e-9);
  // Knee and ankle markers exist only in the static trial: they scale and place, and the
  // trial IK uses the markers it has.
  EXPECT_TRUE(fit.model.findMarker("R.Knee.Lat").has_value());
  EXPECT_FALSE(fit.trialMarkers.findColumn("R.Knee.Lat").has_value());
}

// The .osim text is the fitted model: it reads back with the same markers where we put them.
TEST(ModelFit, OsimTextReadsBackAsTheFittedModel) {
  const ModelFit& fit = plugInGaitFit();
  ASSERT_FALSE(fit.osimText.empty());
  const auto reread = model::readOsimModelFromText(fit.osimText, "fitted.osim");
  ASSERT_EQ(reread.markers().size(), fit.model.markers().size());
  for (const auto& marker : fit.model.markers()) {
    const auto same = reread.findMarker(marker.name);
    ASSERT_TRUE(same.has_value()) << marker.name;
    // The writer prints 17 significant digits (osim_model_writer.hpp).
    EXPECT_LT((reread.marker(*same).location - marker.location).norm(), 1e-12) << marker.name;
    EXPECT_EQ(reread.marker(*same).fixed, marker.fixed) << marker.name;
  }
  const auto femur = *reread.findBody("femur_r");
  EXPECT_NEAR(reread.body(femur).mass, fit.model.body(*fit.model.findBody("femur_r")).mass, 1e-9);
}

// BTK's Gait.c3d (Helen Hayes, walking towards -x): no static trial.
TEST(ModelFit, HelenHayesTrialIsTrackedWithinOpenSimIkBounds) {
  const ModelFit fit = fitModelToMarkers(
      model::loadDefaultModel(), readMarkerFile(test::sharedData("btkdata/Gait.c3d")), nullptr, {});
  const TrialIk ik = runTrialIk(fit);
  report("Gait.c3d", fit, ik);
  EXPECT_EQ(fit.protocol.protocol.id, "helen-hayes");
  EXPECT_LT(ik.meanRms, kIkRmsError);
  EXPECT_LT(ik.max, kIkMaxError) << ik.worst;
}

// opensim-core's walking2.c3d: clusters, landmarks and virtual joint centres. The RMS bound
// holds; the max does not (PSIS, about 7.6 cm): this subject's PSIS markers sit 5.5 cm above
// the ASIS and 11 cm apart, where gait2392's pelvis has them level and 7.5 cm apart, and the
// fixed PSIS markers keep that difference. Recorded, not asserted.
TEST(ModelFit, Walking2TrialMeetsTheIkRmsBound) {
  const ModelFit fit = fitModelToMarkers(
      model::loadDefaultModel(),
      readMarkerFile(test::sharedData("opensim-core/c3d_walking2/walking2.c3d")), nullptr, {});
  const TrialIk ik = runTrialIk(fit);
  report("walking2.c3d", fit, ik);
  EXPECT_EQ(fit.protocol.protocol.id, "cluster-landmark");
  EXPECT_LT(ik.meanRms, kIkRmsError);
}

TEST(ModelFit, StaticTrialWithoutTheProtocolIsAnInputError) {
  const auto trial = readMarkerFile(test::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d"));
  const auto standing =
      readMarkerFile(test::sharedData("opensim-core/scale_gait2354/subject01_static.trc"));
  try {
    (void)fitModelToMarkers(model::loadDefaultModel(), trial, &standing, {});
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(error.source().find("subject01_static.trc"), std::string::npos);
    EXPECT_NE(error.reason().find("Plug-in Gait"), std::string::npos) << error.reason();
  }
}

}  // namespace
}  // namespace kinchain::kinematics

namespace kinchain::kinematics {
namespace {

// A lab marker set no protocol knows, with a model that carries markers of the same names: the
// model's own markers are used as they are (the walk's labels and the default model's markers
// both renamed "<name>_lab").
TEST(ModelFit, UnknownLabelsFallBackToTheModelsOwnMarkers) {
  auto trial = readMarkerFile(
      test::sharedData("opensim-core/subject01_walk1_experimental/subject01_walk1.trc"));
  for (std::size_t c = 0; c < trial.columnCount(); ++c)
    if (trial.column(c).kind == io::ColumnKind::Vector3)
      trial.renameColumn(c, trial.column(c).label + "_lab");
  auto parts = modelPartsOf(model::loadDefaultModel());
  for (auto& marker : parts.markers)
    marker.name += "_lab";
  const model::Model labModel(std::move(parts));

  const ModelFit fit = fitModelToMarkers(labModel, trial, nullptr, {});
  EXPECT_EQ(fit.protocol.protocol.id, "model-markers");
  EXPECT_TRUE(fit.protocol.used.size() >= 27u);
  for (const auto& [body, factors] : fit.scaleFactors)
    EXPECT_EQ(factors, Eigen::Vector3d::Ones());
  const TrialIk ik = runTrialIk(fit);
  report("subject01_walk1.trc, labels renamed, model's own markers", fit, ik);
  EXPECT_LT(ik.meanRms, kIkRmsError);

  // Without the model's markers on every segment it stays an error naming the labels.
  auto partial = readMarkerFile(
      test::sharedData("opensim-core/subject01_walk1_experimental/subject01_walk1.trc"));
  for (std::size_t c = 0; c < partial.columnCount(); ++c)
    if (partial.column(c).label.find("Shank") == std::string::npos)
      partial.renameColumn(c, partial.column(c).label + "_lab");
  try {
    (void)fitModelToMarkers(labModel, partial, nullptr, {});
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(error.reason().find("R.Heel_lab"), std::string::npos);
    EXPECT_NE(error.reason().find("own markers"), std::string::npos) << error.reason();
  }
}

}  // namespace
}  // namespace kinchain::kinematics

namespace kinchain::kinematics {
namespace {

// Where our segment measurements are OpenSim's (pelvis width = its "pelvis" ASIS-ASIS, shank =
// its knee-ankle pairs applied to talus, foot = its heel-toe pairs), our factors from the same
// static trial must match std_subject01_scaleSet_applied.xml. We take the median over all 300
// frames, OpenSim the mean over 1-2 s; both lie within the frame-to-frame spread of the
// measured distances, so that relative spread (max - min) / min over the frames is the bound.
// (OpenSim's femur and tibia factors are manual scales in that setup, not measurements.)
TEST(ModelFit, Gait2354FactorsMatchOpenSimsMeasuredOnes) {
  const auto standing =
      readMarkerFile(test::sharedData("opensim-core/scale_gait2354/subject01_static.trc"));
  const auto trial = readMarkerFile(
      test::sharedData("opensim-core/subject01_walk1_experimental/subject01_walk1.trc"));
  const ModelFit fit = fitModelToMarkers(model::loadDefaultModel(), trial, &standing, {});
  const auto spread = [&](const std::vector<std::array<std::string, 2>>& pairs) {
    double worst = 0.0;
    for (const auto& [a, b] : pairs) {
      const auto pa = standing.vector3Column(standing.requireColumn(a));
      const auto pb = standing.vector3Column(standing.requireColumn(b));
      const Eigen::VectorXd d = (pa - pb).rowwise().norm();
      worst = std::max(worst, (d.maxCoeff() - d.minCoeff()) / d.minCoeff());
    }
    return worst;
  };
  struct Case {
    std::string body;
    double openSim;  // std_subject01_scaleSet_applied.xml
    std::vector<std::array<std::string, 2>> pairs;
  };
  const std::vector<Case> cases{
      {"talus_r",
       1.1139780752269928,
       {{"R.Knee.Lat", "R.Ankle.Lat"}, {"L.Knee.Lat", "L.Ankle.Lat"}}},
      {"calcn_l", 1.027084768282156, {{"R.Heel", "R.Toe.Tip"}, {"L.Heel", "L.Toe.Tip"}}},
  };
  for (const auto& c : cases) {
    const double ours = fit.scaleFactors.at(c.body).x();
    const double bound = spread(c.pairs);
    std::cout << fmt::format("[ model fit ] {} factor {:.6f}, OpenSim {:.6f}, bound {:.2e}\n",
                             c.body, ours, c.openSim, bound * c.openSim);
    EXPECT_NEAR(ours, c.openSim, bound * c.openSim) << c.body;
    EXPECT_EQ(fit.scaleFactors.at(c.body), Eigen::Vector3d::Constant(ours)) << c.body;
  }
  // Pelvis: our width factor is OpenSim's uniform pelvis factor on Y and Z.
  const double pelvis = 1.0245770378331935;
  const double bound = spread({{"R.ASIS", "L.ASIS"}}) * pelvis;
  EXPECT_NEAR(fit.scaleFactors.at("pelvis").y(), pelvis, bound);
  EXPECT_NEAR(fit.scaleFactors.at("pelvis").z(), pelvis, bound);
}

}  // namespace
}  // namespace kinchain::kinematics
