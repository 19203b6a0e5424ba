// Chain metrics on external data: OpenSim's typical normal and crouch gait curves
// (opensim-core typical_gait_curves) and subject01's inverse dynamics (opensim-core
// id_gait2354). Expected numbers are read from those files, not from our own output.

#include "kinchain/chain/chain_metrics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "kinchain/chain/asymmetry.hpp"
#include "kinchain/chain/chain_json.hpp"
#include "kinchain/chain/reference_curves.hpp"
#include "kinchain/dynamics/joint_powers.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::chain {
namespace {

const ChainMetric& metric(const std::vector<ChainMetric>& metrics, const std::string& id) {
  const auto found = std::find_if(metrics.begin(), metrics.end(),
                                  [&](const ChainMetric& m) { return m.id == id; });
  if (found == metrics.end()) throw std::runtime_error("metric not computed: " + id);
  return *found;
}

bool flagged(const ChainMetric& m) {
  return !m.flags.empty();
}

TypicalGait sharedTypicalGait(const std::string& file) {
  return loadTypicalGait(test::sharedData("opensim-core/typical_gait_curves/" + file), file);
}

ChainInputs inputsFor(const TypicalGait& gait) {
  ChainInputs inputs;
  inputs.coordinates = &gait.twoCycles;
  inputs.events = gait.events;
  return inputs;
}

/// Least value of -column over file rows with t0 <= t <= t1 (gait2392 knee: flexion negative).
double leastFlexionInRows(const io::TimeSeriesTable& file, const std::string& column, double t0,
                          double t1) {
  const auto c = file.requireColumn(column);
  double least = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < file.rowCount(); ++i) {
    const double t = file.time()[static_cast<std::size_t>(i)];
    if (t >= t0 && t <= t1) least = std::min(least, -file.scalar(i, c));
  }
  return least;
}

TEST(ChainMetrics, ShippedReferenceCurvesEqualOpenSimFiles) {
  const TypicalGait shipped = normalGait();
  const TypicalGait shared = sharedTypicalGait("normal_gait.mot");
  ASSERT_EQ(shipped.singleCycle.rowCount(), 51);
  EXPECT_EQ(shipped.singleCycle.values(), shared.singleCycle.values());
  EXPECT_EQ(crouchGait().singleCycle.rowCount(), 119);
}

TEST(ChainMetrics, NormalGaitRaisesNoKneeOrHipFlag) {
  const TypicalGait gait = sharedTypicalGait("normal_gait.mot");
  const auto metrics = computeChainMetrics(inputsFor(gait));

  // Single-limb support = 10-50 % of the right cycle (Perry & Burnfield). Least knee flexion
  // there in normal_gait.mot: row t = 0.40, knee_angle_r = -2.37°.
  const auto& midstance = metric(metrics, "knee_flexion_midstance");
  ASSERT_TRUE(midstance.right.value.has_value());
  EXPECT_NEAR(*midstance.right.value, 2.37, 1e-9);
  EXPECT_NEAR(*midstance.right.value,
              leastFlexionInRows(gait.singleCycle, "knee_angle_r", 0.1, 0.5), 1e-9);
  // Left cycle starts at 50 %: its single support is file t = 0.6..1.0 of knee_angle_l.
  ASSERT_TRUE(midstance.left.value.has_value());
  EXPECT_NEAR(*midstance.left.value, leastFlexionInRows(gait.singleCycle, "knee_angle_l", 0.6, 1.0),
              1e-9);
  EXPECT_FALSE(flagged(midstance));

  // Peak hip extension in stance (0-60 %): hip_flexion_r -16.82° at t = 0.52.
  const auto& hip = metric(metrics, "peak_hip_extension_stance");
  ASSERT_TRUE(hip.right.value.has_value());
  EXPECT_NEAR(*hip.right.value, 16.82, 1e-9);
  EXPECT_FALSE(flagged(hip));
  EXPECT_FALSE(flagged(metric(metrics, "knee_flexion_terminal_swing")));

  // Peak dorsiflexion in stance: ankle_angle_r 10.75° at t = 0.46.
  EXPECT_NEAR(*metric(metrics, "peak_dorsiflexion_stance").right.value, 10.75, 1e-9);
  // First contact -> end of loading response: ankle_angle_r(0.10) - ankle_angle_r(0) = -2.5 - -1.7.
  EXPECT_NEAR(*metric(metrics, "dorsiflexion_excursion_loading").right.value, -0.8, 1e-9);
  // Terminal swing = last third of swing (87-100 %): knee_angle_r least flexion 2.27° at t = 0.96.
  EXPECT_NEAR(*metric(metrics, "knee_flexion_terminal_swing").right.value, 2.27, 1e-9);
  // In normal_gait.mot lumbar_extension = -pelvis_tilt in every row: trunk lean is zero.
  EXPECT_NEAR(*metric(metrics, "trunk_forward_lean_mean").right.value, 0.0, 1e-9);

  // The left side is the right shifted by half a cycle, so every symmetric metric has SI 0.
  std::vector<ChainMetric> withAsymmetry = metrics;
  addAsymmetry(withAsymmetry);
  EXPECT_NEAR(*metric(withAsymmetry, "peak_dorsiflexion_stance").asymmetryPercent, 0.0, 1e-9);
}

TEST(ChainMetrics, CrouchGaitRaisesKneeExtensionDeficitFlag) {
  const TypicalGait gait = sharedTypicalGait("crouch_gait.mot");
  const auto metrics = computeChainMetrics(inputsFor(gait));
  const auto& midstance = metric(metrics, "knee_flexion_midstance");
  ASSERT_TRUE(midstance.right.value.has_value());
  // Least right-knee flexion in 10-50 % of crouch_gait.mot: knee_angle_r = -64.99° at
  // t = 0.18644065 (the window ends at t = 0.5 fall between rows and are flexed more).
  EXPECT_NEAR(*midstance.right.value, 64.99, 1e-9);
  EXPECT_NEAR(*midstance.right.value,
              leastFlexionInRows(gait.singleCycle, "knee_angle_r", 0.1, 0.5), 1e-9);
  EXPECT_NEAR(*midstance.left.value, leastFlexionInRows(gait.singleCycle, "knee_angle_l", 0.6, 1.0),
              0.5);
  ASSERT_EQ(midstance.flags.size(), 2U);  // both sides above 19° (O'Sullivan et al. 2022)
  EXPECT_EQ(midstance.flags[0].kind, "high");
}

TEST(ChainMetrics, MissingColumnsAreNotAvailableWithReason) {
  const TypicalGait gait = sharedTypicalGait("normal_gait.mot");
  const auto metrics = computeChainMetrics(inputsFor(gait));
  // normal_gait.mot has no subtalar / mtp coordinates and there are no forces or markers.
  const auto& mtp = metric(metrics, "peak_mtp_extension_stance");
  EXPECT_FALSE(mtp.right.value.has_value());
  EXPECT_NE(mtp.right.missing.find("mtp_angle_r"), std::string::npos);
  EXPECT_FALSE(flagged(mtp));
  EXPECT_NE(
      metric(metrics, "peak_ankle_plantarflexor_moment").left.missing.find("no inverse dynamics"),
      std::string::npos);
  EXPECT_NE(metric(metrics, "forefoot_loading_share").left.missing.find("no ground reactions"),
            std::string::npos);

  // A table with only time and one column: every other metric says why, nothing throws.
  io::TimeSeriesTable sparse(gait.twoCycles.time());
  sparse.addScalarColumn(
      "ankle_angle_r", gait.twoCycles.scalarColumn(gait.twoCycles.requireColumn("ankle_angle_r")));
  sparse.setMetadata("inDegrees", "yes");
  ChainInputs inputs = inputsFor(gait);
  inputs.coordinates = &sparse;
  const auto few = computeChainMetrics(inputs);
  EXPECT_TRUE(metric(few, "peak_dorsiflexion_stance").right.value.has_value());
  EXPECT_FALSE(metric(few, "peak_dorsiflexion_stance").left.value.has_value());
  EXPECT_EQ(metric(few, "knee_flexion_midstance").right.missing,
            "column knee_angle_r not in the coordinates table");

  // A coordinate the markers cannot observe is not available, not a deficit.
  inputs.unobservedCoordinates = {"ankle_angle_r"};
  EXPECT_EQ(metric(computeChainMetrics(inputs), "peak_dorsiflexion_stance").right.missing,
            "ankle_angle_r is not observed by the marker set");
  inputs.unobservedCoordinates.clear();

  // No events at all.
  inputs.events.clear();
  EXPECT_EQ(metric(computeChainMetrics(inputs), "peak_dorsiflexion_stance").right.missing,
            "no complete gait cycle (foot strike, foot off, next foot strike) on this side");
  ChainInputs none;
  EXPECT_THROW(computeChainMetrics(none), std::invalid_argument);
}

TEST(ChainMetrics, NaNRowsAndRadiansAreHandled) {
  const TypicalGait gait = sharedTypicalGait("normal_gait.mot");
  // Radians without inDegrees metadata: values must come back in degrees.
  io::TimeSeriesTable radians(gait.twoCycles.time());
  Eigen::VectorXd knee = gait.twoCycles.scalarColumn(gait.twoCycles.requireColumn("knee_angle_r")) *
                         (std::numbers::pi / 180.0);
  // NaN rows at t = 0.40 and 1.40 (the least-flexion row of each right cycle) leave the
  // neighbouring rows to decide.
  knee(20) = std::numeric_limits<double>::quiet_NaN();
  knee(70) = std::numeric_limits<double>::quiet_NaN();  // the same row of the repeated cycle
  radians.addScalarColumn("knee_angle_r", knee);
  ChainInputs inputs = inputsFor(gait);
  inputs.coordinates = &radians;
  const auto metrics = computeChainMetrics(inputs);
  const auto& midstance = metric(metrics, "knee_flexion_midstance");
  ASSERT_TRUE(midstance.right.value.has_value());
  // Rows t = 0.38 (-2.72°) and 0.42 (-2.44°) remain; the least flexion is 2.44°.
  EXPECT_NEAR(*midstance.right.value, 2.44, 1e-9);
}

TEST(ChainMetrics, ForefootLoadingFromAnalyticCopPath) {
  // Heel marker at x = 0, toe at x = 0.2 m; the COP runs from heel to
  // toe at constant speed during stance 0-0.6 s. Forefoot = anterior third (Cavanagh & Rodgers
  // 1987): COP x >= 0.1333 m from t = 0.4 s, i.e. 21 of the 61 loaded samples (100 Hz), and the
  // heel rises at 0.4 / 0.6 = 66.7 % of stance.
  std::vector<double> time;
  for (int i = 0; i <= 110; ++i)
    time.push_back(i / 100.0);
  io::TimeSeriesTable grf(time);
  Eigen::VectorXd vy(grf.rowCount()), px(grf.rowCount()), pz(grf.rowCount());
  for (Eigen::Index i = 0; i < grf.rowCount(); ++i) {
    const double t = time[static_cast<std::size_t>(i)];
    const bool stance = t <= 0.6 + 1e-12;
    vy(i) = stance ? 700.0 : 0.0;
    px(i) = stance ? 0.2 * t / 0.6 : 0.0;
    pz(i) = 0.05;
  }
  grf.addScalarColumn("ground_force_vy", vy, "N");
  grf.addScalarColumn("ground_force_px", px, "m");
  grf.addScalarColumn("ground_force_pz", pz, "m");
  dynamics::FootPoints feet;
  feet.time = time;
  for (std::size_t foot = 0; foot < 2; ++foot) {
    feet.heel[foot] = Eigen::MatrixX3d::Zero(grf.rowCount(), 3);
    feet.toe[foot] = feet.heel[foot];
    feet.toe[foot].col(0).setConstant(0.2);
    feet.heel[foot].col(2).setConstant(0.05);
    feet.toe[foot].col(2).setConstant(0.05);
  }
  io::TimeSeriesTable coordinates(time);
  coordinates.addScalarColumn("ankle_angle_r", Eigen::VectorXd::LinSpaced(grf.rowCount(), 0, 1));

  ChainInputs inputs;
  inputs.coordinates = &coordinates;
  inputs.groundReactions = &grf;
  inputs.footPoints = &feet;
  using kinematics::GaitEventKind;
  using kinematics::GaitEventSource;
  inputs.events = {{Side::Right, GaitEventKind::FootStrike, 0.0, GaitEventSource::Recorded},
                   {Side::Right, GaitEventKind::FootOff, 0.6, GaitEventSource::Recorded},
                   {Side::Right, GaitEventKind::FootStrike, 1.0, GaitEventSource::Recorded}};
  const auto metrics = computeChainMetrics(inputs);
  EXPECT_NEAR(*metric(metrics, "forefoot_loading_share").right.value, 100.0 * 21.0 / 61.0, 1e-9);
  EXPECT_NEAR(*metric(metrics, "heel_rise_timing").right.value, 100.0 * 0.4 / 0.6, 1e-9);
  EXPECT_NE(metric(metrics, "heel_rise_timing").left.missing.find("no complete gait cycle"),
            std::string::npos);
}

TEST(ChainMetrics, Subject01MomentsFromOpenSimInverseDynamics) {
  const auto coordinates =
      io::readSto(test::sharedData("opensim-core/id_gait2354/subject01_walk1_ik.mot"));
  const auto id =
      io::readSto(test::sharedData("opensim-core/id_gait2354/std_subject01_InverseDynamics.sto"));
  const auto grf =
      io::readSto(test::sharedData("opensim-core/id_gait2354/subject01_walk1_grf.mot"));
  const auto model =
      model::readOsimModel(test::sharedData("opensim-core/id_gait2354/subject01.osim"));
  double mass = 0.0;
  for (const auto& body : model.bodies())
    mass += body.mass;

  // Powers from OpenSim's own moments and our processing of the same coordinates (6 Hz, as the
  // ID setup that produced the reference).
  const kinematics::CoordinateTrajectories trajectories(model, coordinates, 6.0, "ik.mot");
  const auto powers = dynamics::computeJointPowers(model, trajectories, id);

  ChainInputs inputs;
  inputs.coordinates = &coordinates;
  inputs.inverseDynamics = &id;
  inputs.jointPowers = &powers;
  inputs.bodyMassKg = mass;
  kinematics::ForceContactOptions options;
  options.resolutionSeconds = 1.0 / 60.0;  // the IK frame interval
  for (const Side side : {Side::Left, Side::Right}) {
    const std::string column = side == Side::Left ? "l_ground_force_vy" : "ground_force_vy";
    const auto contacts = kinematics::contactsFromVerticalForce(
        grf.time(), grf.scalarColumn(grf.requireColumn(column)), options);
    for (const auto& e : kinematics::eventsFromContacts(contacts, side))
      inputs.events.push_back(e);
  }
  kinematics::sortEvents(inputs.events);
  const auto metrics = computeChainMetrics(inputs);

  // Right stance (foot strike ~0.613 s, foot off ~1.417 s) lies inside the ID file (0.4-1.6 s).
  const auto rightCycles = sideCycles(inputs, Side::Right);
  ASSERT_FALSE(rightCycles.empty());
  const auto& first = rightCycles.front();
  ASSERT_NEAR(first.footStrike, 0.613, 0.01);
  const auto peakOver = [&](const std::string& column, double sign) {
    const auto c = id.requireColumn(column);
    double best = -std::numeric_limits<double>::infinity();
    for (Eigen::Index i = 0; i < id.rowCount(); ++i) {
      const double t = id.time()[static_cast<std::size_t>(i)];
      if (t >= first.footStrike && t <= first.footOff)
        best = std::max(best, sign * id.scalar(i, c));
    }
    return best / mass;
  };
  const auto& ankle = metric(metrics, "peak_ankle_plantarflexor_moment");
  ASSERT_TRUE(ankle.right.value.has_value());
  ASSERT_EQ(ankle.right.perCycle.size(), rightCycles.size());
  ASSERT_TRUE(ankle.right.perCycle.front().has_value());
  EXPECT_NEAR(*ankle.right.perCycle.front(), peakOver("ankle_angle_r_moment", -1.0), 1e-9);
  EXPECT_NEAR(*metric(metrics, "peak_hip_extensor_moment").right.perCycle.front(),
              peakOver("hip_flexion_r_moment", -1.0), 1e-9);
  EXPECT_NEAR(*metric(metrics, "peak_knee_extensor_moment").right.perCycle.front(),
              peakOver("knee_angle_r_moment", 1.0), 1e-9);
  // The left stance (from ~1.24 s) runs past the end of the ID file: not available, with reason.
  const auto& leftAnkle = metric(metrics, "peak_ankle_plantarflexor_moment").left;
  EXPECT_FALSE(leftAnkle.value.has_value());
  EXPECT_NE(leftAnkle.missing.find("do not cover"), std::string::npos);
  // cycles: the first right cycle has forces (its stance is inside the ID file), the left not.
  const nlohmann::json cycles = cyclesToJson(inputs);
  EXPECT_EQ(cycles["right"].size(), rightCycles.size());
  EXPECT_TRUE(cycles["right"][0]["has_force"].get<bool>());
  EXPECT_NEAR(cycles["right"][0]["start_s"].get<double>(), first.footStrike, 1e-12);
  EXPECT_FALSE(cycles["left"][0]["has_force"].get<bool>());
  // Ankle push-off power is generation (positive) in every walking stance, and the metric is the
  // stance peak of the powers table per kg.
  const auto peakPowerOver = [&](const std::string& column) {
    const auto c = powers.requireColumn(column);
    double best = -std::numeric_limits<double>::infinity();
    for (Eigen::Index i = 0; i < powers.rowCount(); ++i) {
      const double t = powers.time()[static_cast<std::size_t>(i)];
      if (t >= first.footStrike && t <= first.footOff) best = std::max(best, powers.scalar(i, c));
    }
    return best / mass;
  };
  const auto& anklePower = metric(metrics, "peak_ankle_power_generation");
  ASSERT_TRUE(anklePower.right.value.has_value());
  EXPECT_GT(*anklePower.right.value, 0.0);
  ASSERT_TRUE(anklePower.right.perCycle.front().has_value());
  EXPECT_NEAR(*anklePower.right.perCycle.front(), peakPowerOver("ankle_angle_r_power"), 1e-9);
}

}  // namespace
}  // namespace kinchain::chain
