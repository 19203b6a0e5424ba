// Tissue loads (src/kinchain/loads/): muscle recognition by name, the Achilles sum, calf moment
// shares, hamstring stretch and lengths (against OpenSim's own muscle-length reference), the
// per-phase summary against closed forms, malformed inputs, and the subject01 walking trial
// against the literature's walking range (biomechanics.md §3.4).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <string>

#include "command_runner.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/loads/tissue_load_pipeline.hpp"
#include "kinchain/loads/tissue_load_ranges.hpp"
#include "kinchain/loads/tissue_load_summary.hpp"
#include "kinchain/loads/tissue_loads.hpp"
#include "kinchain/loads/tissue_muscles.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::loads {
namespace {

constexpr const char* kLengthsFolder = "opensim-core/muscle_lengths_gait10dof18musc/";
constexpr const char* kSoFolder = "opensim-core/so_gait10dof18musc_ankle_spring/";

// A force table with one column per model muscle, every value `force` N, at `time`.
io::TimeSeriesTable constantForces(const model::Model& model, const std::vector<double>& time,
                                   double force) {
  io::TimeSeriesTable table(time);
  for (std::size_t m = 0; m < model.muscleCount(); ++m) {
    table.addScalarColumn(model.muscle(model::MuscleIndex(m)).name,
                          Eigen::VectorXd::Constant(static_cast<Eigen::Index>(time.size()), force),
                          "N");
  }
  return table;
}

double value(const io::TimeSeriesTable& table, const std::string& label, Eigen::Index row) {
  const auto column = table.findColumn(label);
  EXPECT_TRUE(column.has_value()) << "no column " << label;
  return column ? table.scalar(row, *column) : std::numeric_limits<double>::quiet_NaN();
}

TEST(TissueMuscles, RecognisesTheNamesOfThreeModelFamilies) {
  struct Case {
    const char* name;
    Side side;
    TissueMuscleRole role;
  };
  const Case cases[] = {
      {"soleus_r", Side::Right, TissueMuscleRole::Soleus},
      {"med_gas_r", Side::Right, TissueMuscleRole::GastrocnemiusMedial},  // gait2392
      {"lat_gas_l", Side::Left, TissueMuscleRole::GastrocnemiusLateral},  // gait2392
      {"gastroc_l", Side::Left, TissueMuscleRole::Gastrocnemius},         // gait10dof18musc
      {"gasmed_r", Side::Right, TissueMuscleRole::GastrocnemiusMedial},   // Rajagopal 2015
      {"gaslat_r", Side::Right, TissueMuscleRole::GastrocnemiusLateral},  // Rajagopal 2015
      {"semimem_r", Side::Right, TissueMuscleRole::Semimembranosus},
      {"semiten_l", Side::Left, TissueMuscleRole::Semitendinosus},
      {"bifemlh_r", Side::Right, TissueMuscleRole::BicepsFemorisLong},
      {"bflh_l", Side::Left, TissueMuscleRole::BicepsFemorisLong},
      {"bifemsh_r", Side::Right, TissueMuscleRole::BicepsFemorisShort},
      {"bfsh_r", Side::Right, TissueMuscleRole::BicepsFemorisShort},
      {"hamstrings_r", Side::Right, TissueMuscleRole::Hamstrings},
      {"SOLEUS_L", Side::Left, TissueMuscleRole::Soleus},
  };
  for (const Case& c : cases) {
    const auto found = classifyTissueMuscle(c.name);
    ASSERT_TRUE(found.has_value()) << c.name;
    EXPECT_EQ(found->side, c.side) << c.name;
    EXPECT_EQ(found->role, c.role) << c.name;
  }
  for (const char* other : {"tib_ant_r", "glut_max1_r", "soleus", "vasti_r", "rect_fem_l", "x"})
    EXPECT_FALSE(classifyTissueMuscle(other).has_value()) << other;
}

TEST(TissueMuscles, FindsTheTricepsSuraeAndHamstringsOfGait2392AndRajagopal) {
  const model::Model gait2392 =
      model::readOsimModel(test::sharedData("opensim-models/gait2392_thelen2003muscle.osim"));
  const auto found = findTissueMuscles(gait2392);
  // Per side: soleus, med_gas, lat_gas, semimem, semiten, bifemlh, bifemsh.
  EXPECT_EQ(found.size(), 14u);
  const model::Model rajagopal =
      model::readOsimModel(test::sharedData("opensim-core/models/model_Rajagopal2015_posed.osim"));
  EXPECT_EQ(findTissueMuscles(rajagopal).size(), 14u);
}

// The Achilles force is the sum of the triceps-surae columns, exactly; the calf plantarflexion
// moments are positive (plantarflexors); shares against an ID moment equal to their sum add to 1.
TEST(TissueLoads, AchillesSumAndCalfSharesOnTheOpenSimSoResult) {
  const model::Model model = model::readOsimModel(
      test::sharedData(std::string(kSoFolder) + "subject01_adjusted_spring.osim"));
  const io::TimeSeriesTable coordinates =
      io::readSto(test::sharedData(std::string(kSoFolder) + "walk_subject01_Kinematics_q.sto"));
  const io::TimeSeriesTable forces = io::readSto(test::sharedData(
      std::string(kSoFolder) + "std_walk_subject01_ankle_spring_StaticOptimization_force.sto"));
  TissueLoadOptions options;
  options.bodyMassKg = 72.6;
  const TissueLoads first = computeTissueLoads(model, coordinates, forces, nullptr, options);
  ASSERT_EQ(first.series.rowCount(), forces.rowCount());
  for (Eigen::Index row = 0; row < forces.rowCount(); ++row) {
    for (const char* s : {"r", "l"}) {
      const std::string side(s);
      const double expected =
          value(forces, "soleus_" + side, row) + value(forces, "gastroc_" + side, row);
      EXPECT_EQ(value(first.series, "achilles_force_" + side, row), expected);
      EXPECT_DOUBLE_EQ(value(first.series, "achilles_force_bw_" + side, row),
                       expected / (72.6 * kStandardGravity));
      // Soleus and gastrocnemius plantarflex the ankle: their moment has the sign of their force.
      EXPECT_GE(value(first.series, "soleus_plantarflexion_moment_" + side, row), 0.0);
      EXPECT_GE(value(first.series, "gastrocnemius_plantarflexion_moment_" + side, row), 0.0);
    }
  }

  // An ID table whose ankle moment is minus the calf's plantarflexion moment (ID convention:
  // dorsiflexion positive): the two shares must add to exactly 1 wherever it plantarflexes.
  io::TimeSeriesTable id(forces.time());
  for (const char* s : {"r", "l"}) {
    const std::string side(s);
    Eigen::VectorXd moment(forces.rowCount());
    for (Eigen::Index row = 0; row < forces.rowCount(); ++row) {
      moment[row] = -(value(first.series, "soleus_plantarflexion_moment_" + side, row) +
                      value(first.series, "gastrocnemius_plantarflexion_moment_" + side, row));
    }
    id.addScalarColumn("ankle_angle_" + side + "_moment", moment, "N*m");
  }
  const TissueLoads withId = computeTissueLoads(model, coordinates, forces, &id, options);
  int checked = 0;
  for (Eigen::Index row = 0; row < forces.rowCount(); ++row) {
    for (const char* s : {"r", "l"}) {
      const std::string side(s);
      const double idMoment = value(withId.series, "ankle_plantarflexion_moment_" + side, row);
      const double soleus = value(withId.series, "soleus_moment_share_" + side, row);
      const double gastrocnemius = value(withId.series, "gastrocnemius_moment_share_" + side, row);
      if (idMoment > 0.0) {
        EXPECT_NEAR(soleus + gastrocnemius, 1.0, 1e-12);
        ++checked;
      } else {
        EXPECT_TRUE(std::isnan(soleus));
      }
    }
  }
  EXPECT_GT(checked, 100);
  // gait10dof18musc has no MTP joint: the fascia is reported as not available, per side.
  int fascia = 0;
  for (const auto& entry : withId.unavailable)
    fascia += entry.find("plantar fascia") != std::string::npos &&
              entry.find("no mtp_angle") != std::string::npos;
  EXPECT_EQ(fascia, 2);
}

// Muscle-tendon lengths of the hamstrings against OpenSim's reference (testGeometryPathWrapping
// "Muscle lengths": numericallyEqual 1e-6, see muscle_lengths_reference_test.cpp), and stretch
// consistent with the upright length.
TEST(TissueLoads, HamstringLengthsMatchOpenSimAndStretchIsRelativeToUpright) {
  const model::Model model = model::readOsimModel(
      test::sharedData(std::string(kLengthsFolder) + "walk_gait1018_subject01.osim"));
  const io::TimeSeriesTable states = io::readSto(
      test::sharedData(std::string(kLengthsFolder) + "walk_gait1018_state_reference.mot"));
  const io::TimeSeriesTable reference = io::readSto(
      test::sharedData(std::string(kLengthsFolder) +
                       "std_testGeometryPathWrapping_walk_gait1018_muscle_lengths.sto"));
  const io::TimeSeriesTable forces = constantForces(model, states.time(), 100.0);
  const TissueLoads loads = computeTissueLoads(model, states, forces, nullptr, {});
  ASSERT_EQ(loads.series.rowCount(), reference.rowCount());
  double worst = 0.0;
  for (Eigen::Index row = 0; row < reference.rowCount(); ++row) {
    for (const char* muscle : {"hamstrings_r", "hamstrings_l", "bifemsh_r", "bifemsh_l"}) {
      const std::string name(muscle);
      const std::string key = name.rfind("bifemsh", 0) == 0 ? "bfsh" : "hamstrings";
      const std::string s = name.substr(name.size() - 1);
      const double expected = value(reference, "/forceset/" + name + "|length", row);
      const double actual = value(loads.series, key + "_mtu_length_" + s, row);
      const double scaled =
          std::abs(actual - expected) / std::max({1.0, std::abs(actual), std::abs(expected)});
      worst = std::max(worst, scaled);
      EXPECT_LE(scaled, 1e-6) << name << " row " << row;
    }
  }
  std::printf("hamstring MTU lengths vs OpenSim: worst scaled difference %.3g (tolerance 1e-6)\n",
              worst);
  EXPECT_FALSE(loads.series.findColumn("achilles_force_bw_r").has_value());  // mass unknown
}

TEST(TissueLoads, StretchIsZeroInTheUprightPose) {
  const model::Model model =
      model::readOsimModel(test::sharedData("opensim-models/gait2392_thelen2003muscle.osim"));
  io::TimeSeriesTable coordinates(std::vector<double>{0.0, 0.1, 0.2, 0.3, 0.4, 0.5});
  coordinates.setMetadata("inDegrees", "no");
  for (const auto& coordinate : model.coordinates())
    coordinates.addScalarColumn(coordinate.name, Eigen::VectorXd::Zero(6));
  const io::TimeSeriesTable forces = constantForces(model, coordinates.time(), 50.0);
  const TissueLoads loads = computeTissueLoads(model, coordinates, forces, nullptr, {});
  int heads = 0;
  for (const char* key : {"semimem", "semiten", "bflh", "bfsh"}) {
    for (const char* s : {"r", "l"}) {
      for (Eigen::Index row = 0; row < 6; ++row) {
        EXPECT_NEAR(value(loads.series, std::string(key) + "_stretch_" + s, row), 0.0, 1e-12);
        EXPECT_NEAR(value(loads.series, std::string(key) + "_lengthening_velocity_" + s, row), 0.0,
                    1e-12);
      }
      ++heads;
    }
  }
  EXPECT_EQ(heads, 8);
  // gait2392 has an MTP joint: the angle is reported and the tension is said to be unavailable.
  EXPECT_TRUE(loads.series.findColumn("mtp_angle_r").has_value());
  bool tensionUnavailable = false;
  for (const auto& entry : loads.unavailable)
    tensionUnavailable |= entry.find("plantar fascia tension (right)") != std::string::npos;
  EXPECT_TRUE(tensionUnavailable);
}

TEST(TissueLoads, MalformedInputsGiveClearErrors) {
  const model::Model model = model::readOsimModel(
      test::sharedData(std::string(kSoFolder) + "subject01_adjusted_spring.osim"));
  const io::TimeSeriesTable coordinates =
      io::readSto(test::sharedData(std::string(kSoFolder) + "walk_subject01_Kinematics_q.sto"));
  const std::vector<double> time{0.5, 0.6, 0.7};

  // A force table without soleus_l.
  io::TimeSeriesTable missing(time);
  for (std::size_t m = 0; m < model.muscleCount(); ++m) {
    const std::string& name = model.muscle(model::MuscleIndex(m)).name;
    if (name != "soleus_l") missing.addScalarColumn(name, Eigen::VectorXd::Ones(3));
  }
  try {
    computeTissueLoads(model, coordinates, missing, nullptr, {});
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("soleus_l"), std::string::npos) << error.what();
  }

  // Time stamps that go backwards.
  io::TimeSeriesTable backwards = constantForces(model, {0.5, 0.7, 0.6}, 1.0);
  EXPECT_THROW(computeTissueLoads(model, coordinates, backwards, nullptr, {}), InputError);

  // A negative mass.
  TissueLoadOptions negative;
  negative.bodyMassKg = -1.0;
  EXPECT_THROW(
      computeTissueLoads(model, coordinates, constantForces(model, time, 1.0), nullptr, negative),
      InputError);

  // A NaN row spoils only that row.
  io::TimeSeriesTable withNaN = constantForces(model, time, 100.0);
  withNaN.scalarColumn(*withNaN.findColumn("soleus_r"))[1] =
      std::numeric_limits<double>::quiet_NaN();
  const TissueLoads loads = computeTissueLoads(model, coordinates, withNaN, nullptr, {});
  EXPECT_EQ(value(loads.series, "achilles_force_r", 0), 200.0);
  EXPECT_TRUE(std::isnan(value(loads.series, "achilles_force_r", 1)));
  EXPECT_EQ(value(loads.series, "achilles_force_r", 2), 200.0);
  EXPECT_EQ(value(loads.series, "achilles_force_l", 1), 200.0);
}

// A hand-made series: summary figures against closed forms.
TissueLoads rampSeries() {
  std::vector<double> time;
  for (int i = 0; i <= 100; ++i)
    time.push_back(i * 0.01);
  TissueLoads loads;
  loads.series = io::TimeSeriesTable(time);
  Eigen::VectorXd ramp(101);
  for (int i = 0; i <= 100; ++i)
    ramp[i] = 1000.0 * time[static_cast<std::size_t>(i)];  // F = 1000 t N
  loads.series.addScalarColumn("achilles_force_r", ramp, "N");
  return loads;
}

std::vector<kinematics::GaitEvent> rightEvents(double strike, double off, double nextStrike) {
  using kinematics::GaitEventKind;
  return {{Side::Right, GaitEventKind::FootStrike, strike},
          {Side::Right, GaitEventKind::FootOff, off},
          {Side::Right, GaitEventKind::FootStrike, nextStrike}};
}

TEST(TissueLoadSummary, StanceFiguresOfALinearRampMatchClosedForms) {
  const TissueLoads loads = rampSeries();
  const double mass = 100.0;
  const auto summary = summariseTissueLoads(loads, rightEvents(0.105, 0.705, 0.955), mass);
  const auto& stances = summary["sides"]["right"]["stances"];
  ASSERT_EQ(stances.size(), 1u);
  const auto& achilles = stances[0]["achilles"];
  // Peak: the last row inside the stance, t = 0.70 (F = 700 N).
  EXPECT_NEAR(achilles["peak"]["value"].get<double>(), 700.0, 1e-9);
  EXPECT_NEAR(achilles["peak"]["time_s"].get<double>(), 0.70, 1e-12);
  EXPECT_NEAR(achilles["peak"]["percent_of_cycle"].get<double>(),
              (0.70 - 0.105) / (0.955 - 0.105) * 100.0, 1e-9);
  // Impulse: integral of 1000 t from 0.105 to 0.705 = 500 (0.705^2 - 0.105^2); trapezoids are
  // exact for a linear function.
  const double impulse = 500.0 * (0.705 * 0.705 - 0.105 * 0.105);
  EXPECT_NEAR(achilles["impulse_n_s"].get<double>(), impulse, 1e-9);
  EXPECT_NEAR(achilles["impulse_bw_s"].get<double>(), impulse / (mass * kStandardGravity), 1e-12);
  // Loading rate: (700 - 105) / (0.70 - 0.105) = 1000 N/s.
  EXPECT_NEAR(achilles["loading_rate_n_per_s"].get<double>(), 1000.0, 1e-9);
  // 700 N is below the walking range (low 1989 N): flagged in N and BW.
  const auto& flags = summary["flags"];
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0]["kind"], "below");
  EXPECT_EQ(flags[0]["reference"], "achilles_peak_walking");
  EXPECT_NEAR(flags[0]["ratio_to_bound"].get<double>(), 700.0 / 1989.0, 1e-12);
}

TEST(TissueLoadSummary, ImpulseOfAHalfSineWithinTheTrapezoidErrorBound) {
  std::vector<double> time;
  const double h = 0.002;
  for (int i = 0; i <= 500; ++i)
    time.push_back(i * h);
  const double a = 0.2, b = 0.8, amplitude = 2500.0;
  Eigen::VectorXd force(501);
  for (int i = 0; i <= 500; ++i) {
    const double t = time[static_cast<std::size_t>(i)];
    force[i] = t < a || t > b ? 0.0 : amplitude * std::sin(std::numbers::pi * (t - a) / (b - a));
  }
  // Exact: 2 A (b - a) / pi. Composite trapezoid error <= (b - a) h^2 max|f''| / 12.
  const double exact = 2.0 * amplitude * (b - a) / std::numbers::pi;
  const double bound = (b - a) * h * h * amplitude * std::pow(std::numbers::pi / (b - a), 2) / 12.0;
  EXPECT_NEAR(integrateSamples(time, force, a, b), exact, bound);
  // NaN samples are skipped, and an interval outside the samples gives NaN.
  force[250] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NEAR(integrateSamples(time, force, a, b), exact, 20.0 * bound);
  EXPECT_TRUE(std::isnan(integrateSamples(time, force, -0.1, 0.5)));
}

TEST(TissueLoadSummary, PhasesOutsideTheSeriesAreSkippedNotGuessed) {
  const TissueLoads loads = rampSeries();
  const auto summary = summariseTissueLoads(loads, rightEvents(0.5, 1.3, 1.9), 0.0);
  EXPECT_TRUE(summary["sides"]["right"]["stances"].empty());
  // The stance is partly inside the series: listed; the swing is wholly outside: left out.
  ASSERT_EQ(summary["skipped_phases"].size(), 1u);
  EXPECT_EQ(summary["skipped_phases"][0]["phase"], "stance");
  EXPECT_TRUE(summary["body_mass_kg"].is_null());
  // Whole-series peak stays available.
  EXPECT_NEAR(summary["sides"]["right"]["series_peak_achilles"]["value_n"].get<double>(), 1000.0,
              1e-9);
}

// Acceptance: the subject01 walking trial (subject01_walk1_experimental: gait10dof18musc scaled
// to subject01, its IK at 60 Hz, the walk1 GRF; OpenSim's weak reserve/residual actuators from
// so_gait10dof18musc_ankle_spring), static optimisation on every row, events from the GRF. The
// walking range of biomechanics.md §3.4 runs from 1989 N (Kharazi et al. 2021, 1.4 m/s) to
// 44.0 N/kg x 72.6 kg = 3194 N (shear-wave tensiometry, 1.34 m/s; 72.6 kg = the model's mass,
// the sum of its bodies); 2630 N (Kharazi's introduction) lies between. Every complete stance's
// peak Achilles force must lie in it, and nothing is flagged.
TEST(TissueLoadPipeline, Subject01WalkingPeakAchillesForceIsInTheWalkingRange) {
  const std::string folder = "opensim-core/subject01_walk1_experimental/";
  TissueLoadPipelineInput input;
  input.modelFile = test::sharedData(folder + "gait10dof18musc_subject01.osim");
  input.coordinatesFile = test::sharedData(folder + "subject01_walk_IK_gait10dof18musc.mot");
  input.externalLoadsFile = test::sharedData(folder + "subject01_walk1_grf.xml");
  input.actuatorFiles = {test::sharedData(std::string(kSoFolder) + "gait10dof_Actuators_weak.xml")};
  input.outputDirectory = test::scratchDirectory("loads");
  input.eventsFromGrf = true;
  const TissueLoadPipelineResult result = runTissueLoadPipeline(input);

  EXPECT_NEAR(result.bodyMassKg, 72.6, 0.05);
  const TissueLoadReference range = achillesWalkingPeakNewtons(result.bodyMassKg);
  EXPECT_NEAR(*range.low, 1989.0, 1e-9);
  EXPECT_NEAR(*range.high, 44.0 * result.bodyMassKg, 1e-9);
  int stances = 0;
  for (const char* side : {"right", "left"}) {
    for (const auto& stance : result.summary["sides"][side]["stances"]) {
      const double peak = stance["achilles"]["peak"]["value"].get<double>();
      std::printf(
          "subject01 %s stance %.3f-%.3f s: peak Achilles %.0f N (%.2f BW) at %.3f s (%.0f %% of "
          "cycle); walking range %.0f-%.0f N\n",
          side, stance["start_s"].get<double>(), stance["end_s"].get<double>(), peak,
          stance["achilles"]["peak_bw"].get<double>(),
          stance["achilles"]["peak"]["time_s"].get<double>(),
          stance["achilles"]["peak"]["percent_of_cycle"].get<double>(), *range.low, *range.high);
      EXPECT_GE(peak, *range.low) << side;
      EXPECT_LE(peak, *range.high) << side;
      ++stances;
    }
  }
  EXPECT_EQ(stances, 2);
  EXPECT_TRUE(result.summary["flags"].empty()) << result.summary["flags"].dump();
  for (const auto& file :
       {result.activationFile, result.forceFile, result.seriesFile, result.summaryFile})
    EXPECT_TRUE(std::filesystem::exists(file)) << file;
  EXPECT_EQ(result.activationFile.filename(),
            "subject01_walk_IK_gait10dof18musc_StaticOptimization_activation.sto");
}

// The same trial through OpenSim's so_gait10dof18musc_ankle_spring model, which adds a
// CoordinateLimitForce on ankle_angle_r: the spring carries most of the right plantarflexion
// moment, so the right stance peak falls to about 990 N. OpenSim's own SO of this setup gives
// the same (std_..._StaticOptimization_force.sto: soleus_r + gastroc_r peaks at 988.55 N at
// t = 1.198 s; tolerance 3 N, OpenSim's SO force tolerance for this test in
// testStaticOptimization.cpp). The summary must flag it "below" the walking range, not hide it.
TEST(TissueLoadPipeline, AnkleSpringModelRightPeakMatchesOpenSimAndIsFlagged) {
  TissueLoadPipelineInput input;
  input.modelFile = test::sharedData(std::string(kSoFolder) + "subject01_adjusted_spring.osim");
  input.coordinatesFile =
      test::sharedData(std::string(kSoFolder) + "walk_subject01_Kinematics_q.sto");
  input.externalLoadsFile = test::sharedData(std::string(kSoFolder) + "externalForces.xml");
  input.outputDirectory = test::scratchDirectory("loads");
  input.eventsFromGrf = true;
  input.stepInterval = 10;
  const TissueLoadPipelineResult result = runTissueLoadPipeline(input);
  std::map<std::string, double> sidePeak;
  for (const char* side : {"right", "left"}) {
    for (const auto& stance : result.summary["sides"][side]["stances"]) {
      sidePeak[side] = std::max(sidePeak[side], stance["achilles"]["peak"]["value"].get<double>());
    }
  }
  ASSERT_EQ(sidePeak.size(), 2u) << "a complete stance on each side";
  EXPECT_NEAR(sidePeak["right"], 988.55, 3.0);
  bool rightFlagged = false;
  for (const auto& flag : result.summary["flags"]) {
    rightFlagged |= flag["side"] == "right" && flag["reference"] == "achilles_peak_walking" &&
                    flag["kind"] == "below";
  }
  EXPECT_TRUE(rightFlagged);
}

TEST(LoadsCommand, WritesTheFourFilesAndRefusesEventsWithoutForces) {
  const std::string folder = "opensim-core/subject01_walk1_experimental/";
  const auto model = test::sharedData(folder + "gait10dof18musc_subject01.osim");
  const auto coordinates = test::sharedData(folder + "subject01_walk_IK_gait10dof18musc.mot");
  const auto grf = test::sharedData(folder + "subject01_walk1_grf.xml");
  const auto actuators = test::sharedData(std::string(kSoFolder) + "gait10dof_Actuators_weak.xml");
  const auto output = test::scratchDirectory("cli");
  const std::string common = "loads --model \"" + model.string() + "\" --coordinates \"" +
                             coordinates.string() + "\" -o \"" + output.string() + "\"";
  const auto run =
      test::runKinchain(common + " --external-loads \"" + grf.string() + "\" --actuators \"" +
                        actuators.string() + "\" --events-from-grf --mass 72.6");
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_NE(run.output.find("Achilles right"), std::string::npos) << run.output;
  for (const char* file : {"subject01_walk_IK_gait10dof18musc_StaticOptimization_activation.sto",
                           "subject01_walk_IK_gait10dof18musc_StaticOptimization_force.sto",
                           "tissue_loads.sto", "tissue_loads.json"})
    EXPECT_TRUE(std::filesystem::exists(output / file)) << file;
  const io::TimeSeriesTable series = io::readSto(output / "tissue_loads.sto");
  EXPECT_TRUE(series.findColumn("achilles_force_bw_l").has_value());

  const auto refused = test::runKinchain(common + " --events-from-grf");
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.output.find("needs --external-loads"), std::string::npos) << refused.output;
  EXPECT_EQ(test::runKinchain("loads --help").exitCode, 0);
}

}  // namespace
}  // namespace kinchain::loads
