// The IOR-gait trials of schreiber2019 (Schreiber & Moissenet 2019, Sci Data 6:111, CC BY 4.0)
// end to end through the model fit: a one-frame static trial scales the default model, and the
// fitted model tracks the walk within OpenSim's best-practice marker-error bounds
// (../shared/research/biomechanics.md §3.1, OpenSim "checklist for evaluating your
// simulation"): IK RMS < 2 cm and max < 4 cm. Masses from the dataset's anthropometrics.csv.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "kinchain/kinematics/inverse_kinematics.hpp"
#include "kinchain/kinematics/inverse_kinematics_tool.hpp"
#include "kinchain/kinematics/model_fit.hpp"
#include "kinchain/kinematics/scale_factors.hpp"
#include "kinchain/kinematics/thorax_tilt.hpp"
#include "kinchain/model/default_model.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "test_paths.hpp"

namespace kinchain::kinematics {
namespace {

// OpenSim best-practice IK bounds, biomechanics.md §3.1.
constexpr double kIkMaxError = 0.04;  // m
constexpr double kIkRmsError = 0.02;  // m

struct Participant {
  std::string id;
  std::string dynamic;
  double massKg;  // anthropometrics.csv
};

ModelFit fitParticipant(const Participant& p) {
  const auto trial =
      readMarkerFile(test::sharedData(fmt::format("schreiber2019/{}/dynamic/{}", p.id, p.dynamic)));
  const auto standing =
      readMarkerFile(test::sharedData(fmt::format("schreiber2019/{0}/static/{0}_ST.c3d", p.id)));
  ModelFitOptions options;
  options.bodyMassKg = p.massKg;
  return fitModelToMarkers(model::loadDefaultModel(), trial, &standing, options);
}

// The static trial of participant 2014001 is a single frame. The shank factor must be the
// ratio of its knee-to-ankle-centre distance (epicondyle and malleolus midpoints) to the
// model's tibia length (tibia to talus origin), averaged over the sides; the foot likewise
// from calcaneus to 2nd metatarsal head.
TEST(IorGaitFit, OneFrameStaticTrialScalesTheModel) {
  const auto staticPath = test::sharedData("schreiber2019/2014001/static/2014001_ST.c3d");
  const auto standing = markersInMetres(readMarkerFile(staticPath), "static");
  ASSERT_EQ(standing.rowCount(), 1);
  const auto at = [&](const std::string& name) -> Eigen::Vector3d {
    return standing.vector3(0, standing.requireColumn(name));
  };
  const model::Model base = model::loadDefaultModel();
  model::Data data(base);
  model::forwardKinematics(base, data, base.defaultCoordinates());
  const auto origin = [&](const std::string& body) -> Eigen::Vector3d {
    return data.X_GF[base.body(*base.findBody(body)).frame.value()].p;
  };
  double expectedShank = 0.0;
  for (const std::string side : {"R", "L"}) {
    const std::string s = side == "R" ? "_r" : "_l";
    const Eigen::Vector3d knee = 0.5 * (at(side + "_FLE") + at(side + "_FME"));
    const Eigen::Vector3d ankle = 0.5 * (at(side + "_FAL") + at(side + "_TAM"));
    expectedShank +=
        0.5 * (knee - ankle).norm() / (origin("tibia" + s) - origin("talus" + s)).norm();
  }

  const ModelFit fit = fitParticipant({"2014001", "2014001_C4_05.c3d", 67.0});
  EXPECT_EQ(fit.protocol.protocol.id, "ior-gait");
  for (const char* body : {"tibia_r", "tibia_l", "talus_r", "talus_l"})
    EXPECT_NEAR(fit.scaleFactors.at(body).x(), expectedShank, 1e-9) << body;
  // Scaled from the static frame, not from the walk: the walk-only fit gives another factor
  // (a difference far above the 1e-9 match above).
  const ModelFit fromWalk = fitModelToMarkers(
      model::loadDefaultModel(),
      readMarkerFile(test::sharedData("schreiber2019/2014001/dynamic/2014001_C4_05.c3d")), nullptr,
      {});
  EXPECT_GT(std::abs(fromWalk.scaleFactors.at("tibia_r").x() - expectedShank), 1e-4);
  EXPECT_NE(fit.method.find("1 frames averaged"), std::string::npos) << fit.method;
  // The mass scales the model to the participant's (preserved distribution).
  double mass = 0.0;
  for (const auto& body : fit.model.bodies())
    mass += body.mass;
  EXPECT_NEAR(mass, 67.0, 1e-6);
  // Every placeholder landmark was placed on the static trial: zero error at the static pose.
  int placeholders = 0;
  for (const auto& marker : fit.markers) {
    if (marker.name != "R_FTC" && marker.name != "CV7") continue;
    EXPECT_LT(marker.errorMetres, 1e-9) << marker.name;
    ++placeholders;
  }
  EXPECT_EQ(placeholders, 2);
}

// Three participants' spontaneous walks with their static trials: IK within the bounds.
// 2015032 walked without the medial epicondyle and malleolus markers (its static trial has
// them): the joint centres then come from the static trial only.
TEST(IorGaitFit, WalksAreTrackedWithinOpenSimIkBounds) {
  for (const Participant& p : {Participant{"2014001", "2014001_C4_05.c3d", 67.0},
                               Participant{"2014004", "2014004_C4_02.c3d", 72.5},
                               Participant{"2015032", "2015032_C4_03.c3d", 50.8}}) {
    const ModelFit fit = fitParticipant(p);
    const InverseKinematicsProblem problem(fit.model, fit.trialMarkers,
                                           IkTaskSet{fit.ikWeights, {}});
    const IkTrialResult ik = solveInverseKinematicsTrial(problem, 0, problem.frameCount());
    double sumRms = 0.0, max = 0.0;
    std::string worst;
    int frames = 0;
    for (const auto& frame : ik.frames) {
      if (frame.markersUsed == 0) continue;
      sumRms += frame.rmsError;
      ++frames;
      if (frame.maxError > max) {
        max = frame.maxError;
        worst = frame.worstMarker;
      }
    }
    ASSERT_GT(frames, 100) << p.id;
    const double meanRms = sumRms / frames;
    std::cout << fmt::format(
        "{} {}: static placement RMS {:.1f} mm max {:.1f} mm ({}); IK mean RMS {:.1f} mm, max "
        "{:.1f} mm ({})\n",
        p.id, p.dynamic, fit.markerRmsMetres * 1e3, fit.markerMaxMetres * 1e3, fit.worstMarker,
        meanRms * 1e3, max * 1e3, worst);
    EXPECT_LT(meanRms, kIkRmsError) << p.id;
    EXPECT_LT(max, kIkMaxError) << p.id << " worst " << worst;
  }
}

// The ISB thorax landmarks of the same trial give a trunk lean, named as such.
TEST(IorGaitFit, TrunkLeanFromTheIsbThoraxLandmarks) {
  const auto trial =
      readMarkerFile(test::sharedData("schreiber2019/2014001/dynamic/2014001_C4_05.c3d"));
  const auto tilt = thoraxForwardTilt(trial);
  ASSERT_TRUE(tilt.has_value());
  EXPECT_NE(tilt->metadataValue("thorax_markers").value_or("").find("ISB"), std::string::npos);
  const auto column = tilt->requireColumn("thorax_forward_tilt");
  ASSERT_EQ(tilt->rowCount(), trial.rowCount());
  for (Eigen::Index row = 0; row < tilt->rowCount(); ++row)
    EXPECT_TRUE(std::isfinite(tilt->scalar(row, column))) << row;
}

}  // namespace
}  // namespace kinchain::kinematics
