// Muscle-tendon lengths against OpenSim's own reference: testGeometryPathWrapping.cpp, TEST_CASE
// "Muscle lengths", SECTION "gait10dof18musc" (opensim-core @ 0435b081dc38): the lengths of the
// 18 muscles of walk_gait1018_subject01.osim along walk_gait1018_state_reference.mot must equal
// std_testGeometryPathWrapping_walk_gait1018_muscle_lengths.sto with
// SimTK::Test::numericallyEqual(..., 1e-6), i.e. |a − b| <= 1e-6 · max(1, |a|, |b|) per element
// (OpenSim scales that by the column count, 18; we hold the unscaled 1e-6).
// Note: this model's paths use via points and moving (patella) points but no wrap object — the
// shared data holds no OpenSim length reference for a wrapping path; wrapping is checked against
// closed forms in wrap_*_test.cpp and against length derivatives in geometry_path_test.cpp.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <numbers>
#include <string>

#include "kinchain/io/sto_file.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/geometry_path.hpp"
#include "test_paths.hpp"

namespace kinchain::muscle {
namespace {

constexpr const char* kFolder = "opensim-core/muscle_lengths_gait10dof18musc/";
constexpr double kTolerance = 1e-6;  // OpenSim testGeometryPathWrapping numericallyEqual

struct Agreement {
  double worst = 0.0;  // worst |a − b| / max(1, |a|, |b|)
  std::string where;
  std::size_t compared = 0;
};

// Compares `lengths` (rows x muscles, in model muscle order) with the reference file.
Agreement compareWithReference(const model::Model& model, const io::TimeSeriesTable& reference,
                               const std::vector<double>& time, const Eigen::MatrixXd& lengths) {
  Agreement agreement;
  EXPECT_EQ(static_cast<std::size_t>(reference.rowCount()), time.size());
  for (std::size_t m = 0; m < model.muscleCount(); ++m) {
    const std::string& name = model.muscle(model::MuscleIndex(m)).name;
    const auto column = reference.findColumn("/forceset/" + name + "|length");
    EXPECT_TRUE(column.has_value()) << "reference has no column for " << name;
    if (!column) continue;
    for (Eigen::Index row = 0; row < reference.rowCount(); ++row) {
      EXPECT_NEAR(reference.time()[static_cast<std::size_t>(row)],
                  time[static_cast<std::size_t>(row)], 1e-12);
      const double expected = reference.scalar(row, *column);
      const double actual = lengths(row, static_cast<Eigen::Index>(m));
      const double scaled =
          std::abs(actual - expected) / std::max({1.0, std::abs(actual), std::abs(expected)});
      EXPECT_LE(scaled, kTolerance)
          << name << " at t = " << reference.time()[static_cast<std::size_t>(row)] << ": " << actual
          << " vs OpenSim " << expected;
      ++agreement.compared;
      if (scaled > agreement.worst) {
        agreement.worst = scaled;
        agreement.where =
            name + " t=" + std::to_string(reference.time()[static_cast<std::size_t>(row)]);
      }
    }
  }
  return agreement;
}

TEST(MuscleLengthsReference, Gait1018MatchesOpenSimWithinItsTolerance) {
  const model::Model model =
      model::readOsimModel(test::sharedData(std::string(kFolder) + "walk_gait1018_subject01.osim"));
  ASSERT_EQ(model.muscleCount(), 18u);
  const io::TimeSeriesTable states =
      io::readSto(test::sharedData(std::string(kFolder) + "walk_gait1018_state_reference.mot"));
  const io::TimeSeriesTable reference = io::readSto(test::sharedData(
      std::string(kFolder) + "std_testGeometryPathWrapping_walk_gait1018_muscle_lengths.sto"));
  ASSERT_TRUE(io::stoIsInDegrees(states));

  // Columns are absolute state names: /jointset/<joint>/<coordinate>/value (degrees).
  std::vector<std::pair<std::size_t, model::CoordinateIndex>> columns;
  for (std::size_t c = 0; c < states.columnCount(); ++c) {
    std::string label = states.column(c).label;
    if (label.size() < 6 || label.substr(label.size() - 6) != "/value") continue;
    label.resize(label.size() - 6);
    const auto coordinate = model.findCoordinate(label.substr(label.rfind('/') + 1));
    ASSERT_TRUE(coordinate.has_value()) << states.column(c).label;
    columns.emplace_back(c, *coordinate);
  }
  ASSERT_EQ(columns.size(), static_cast<std::size_t>(model.nq()));

  model::Data data(model);
  PathData pathData(model);
  Eigen::MatrixXd lengths(states.rowCount(), static_cast<Eigen::Index>(model.muscleCount()));
  Eigen::VectorXd q = model.defaultCoordinates();
  for (Eigen::Index row = 0; row < states.rowCount(); ++row) {
    for (const auto& [column, coordinate] : columns) {
      const bool rotational =
          model.coordinate(coordinate).motionType == model::MotionType::Rotational;
      q[static_cast<Eigen::Index>(coordinate.value())] =
          states.scalar(row, column) * (rotational ? std::numbers::pi / 180.0 : 1.0);
    }
    model::forwardKinematics(model, data, q);
    computePathGeometry(model, data, pathData);
    lengths.row(row) = pathData.lengths.transpose();
  }
  const Agreement agreement = compareWithReference(model, reference, states.time(), lengths);
  EXPECT_EQ(agreement.compared, 151u * 18u);
  std::printf("gait1018 lengths vs OpenSim: worst scaled difference %.3g (%s), tolerance %.0e\n",
              agreement.worst, agreement.where.c_str(), kTolerance);
}

TEST(MuscleLengthsReference, CommandLineWritesTheSameLengths) {
  const auto folder = test::sharedData(kFolder);
  const auto output = test::scratchDirectory("lengths") / "lengths.sto";
  const std::string command =
      test::kinchainBinary().string() + " model lengths \"" +
      (folder / "walk_gait1018_subject01.osim").string() + "\" --coordinates \"" +
      (folder / "walk_gait1018_state_reference.mot").string() + "\" -o \"" + output.string() + "\"";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const io::TimeSeriesTable written = io::readSto(output);
  const io::TimeSeriesTable reference =
      io::readSto(folder / "std_testGeometryPathWrapping_walk_gait1018_muscle_lengths.sto");
  const model::Model model = model::readOsimModel(folder / "walk_gait1018_subject01.osim");
  ASSERT_EQ(written.columnCount(), model.muscleCount());
  Eigen::MatrixXd lengths(written.rowCount(), static_cast<Eigen::Index>(model.muscleCount()));
  for (std::size_t m = 0; m < model.muscleCount(); ++m) {
    // Columns are named as in the model, in model order.
    ASSERT_EQ(written.column(m).label, model.muscle(model::MuscleIndex(m)).name);
    lengths.col(static_cast<Eigen::Index>(m)) = written.scalarColumn(m);
  }
  const Agreement agreement = compareWithReference(model, reference, written.time(), lengths);
  EXPECT_LT(agreement.worst, kTolerance);
}

TEST(MuscleLengthsReference, CommandLineMomentArmColumnsAndErrors) {
  const auto folder = test::sharedData(kFolder);
  const auto scratch = test::scratchDirectory("arms");
  const std::string base = test::kinchainBinary().string() + " model lengths \"" +
                           (folder / "walk_gait1018_subject01.osim").string() + "\" --coordinates ";
  const std::string withArms = base + "\"" +
                               (folder / "walk_gait1018_state_reference.mot").string() +
                               "\" -o \"" + (scratch / "arms.sto").string() + "\" --moment-arms";
  ASSERT_EQ(std::system(withArms.c_str()), 0);
  const io::TimeSeriesTable written = io::readSto(scratch / "arms.sto");
  EXPECT_EQ(written.columnCount(), 18u + 18u * 10u);
  for (std::size_t c = 0; c < written.columnCount(); ++c)
    EXPECT_TRUE(written.scalarColumn(c).allFinite());
  // Sign convention r = −dL/dq: gait1018's knee_angle_r is negative in flexion (range −120° to
  // 10°), and flexing lengthens the vasti (knee extensors), so dL/dq < 0 and r > 0 throughout;
  // the hamstrings (knee flexors) get r < 0.
  const auto vasti = written.findColumn("vasti_r_knee_angle_r");
  const auto hamstrings = written.findColumn("hamstrings_r_knee_angle_r");
  ASSERT_TRUE(vasti && hamstrings);
  EXPECT_GT(written.scalarColumn(*vasti).minCoeff(), 0.0);
  EXPECT_LT(written.scalarColumn(*hamstrings).maxCoeff(), 0.0);

  // A coordinates file naming no coordinate of the model fails with a message, exit status 1.
  const auto bad = scratch / "bad.mot";
  {
    std::FILE* file = std::fopen(bad.string().c_str(), "w");
    ASSERT_NE(file, nullptr);
    std::fputs(
        "bad\nversion=1\nnRows=1\nnColumns=2\ninDegrees=yes\nendheader\ntime\tnot_a_"
        "coordinate\n0\t1\n",
        file);
    std::fclose(file);
  }
  const std::string failing =
      base + "\"" + bad.string() + "\" -o \"" + (scratch / "x.sto").string() + "\" 2>/dev/null";
  EXPECT_NE(std::system(failing.c_str()), 0);
}

}  // namespace
}  // namespace kinchain::muscle
