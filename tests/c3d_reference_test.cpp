// C3D reader on real files against external references:
// * walking2.c3d vs OpenSim's std_walking2_{markers.trc, grfs.sto, analog.sto} and
//   std_cop_walking2_grfs.sto (OpenSim testC3DFileAdapter.cpp; conventions in
//   ../shared/data/README.md, section c3d_walking2);
// * BTKData Gait.c3d (DEC, integer, type-4 plates) and PiG_Motion-FlatFoot-One.c3d (Intel float,
//   type-2 plates, first frame 342, events) against their documented contents, physical
//   plausibility and Vicon Plug-in Gait's own GroundReactionForce output.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/trc_file.hpp"
#include "test_paths.hpp"

namespace kinchain::io {
namespace {

// SimTK_TEST_EQ_TOL semantics for a Vec3 (README of the shared data): |a - b| <= tol scaled by
// max(1, |a|, |b|); NaN equals NaN.
bool vec3Equal(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double tol) {
  if (a.hasNaN() || b.hasNaN()) return a.hasNaN() && b.hasNaN();
  const double scale = std::max({1.0, a.norm(), b.norm()});
  return (a - b).norm() <= tol * scale;
}

Eigen::Index rowAt(double time, double rate) {
  return static_cast<Eigen::Index>(std::llround(time * rate));
}

class Walking2 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    C3dReadOptions options;
    options.forcePlatforms.copForceThreshold = 0.0;  // OpenSim computes the COP at any load
    trial_ =
        new C3dTrial(readC3d(test::sharedData("opensim-core/c3d_walking2/walking2.c3d"), options));
  }
  static void TearDownTestSuite() {
    delete trial_;
    trial_ = nullptr;
  }
  static C3dTrial* trial_;
};
C3dTrial* Walking2::trial_ = nullptr;

TEST_F(Walking2, HeaderAndCounts) {
  const C3dTrial& t = *trial_;
  EXPECT_EQ(t.processor, c3d::ProcessorFormat::Intel);
  EXPECT_EQ(t.points.columnCount(), 44u);
  EXPECT_EQ(t.frameCount, 1249u);
  EXPECT_DOUBLE_EQ(t.pointRate, 250.0);
  EXPECT_DOUBLE_EQ(t.analogRate, 2000.0);
  EXPECT_EQ(t.analog.columnCount(), 12u);
  EXPECT_EQ(t.pointUnits, "mm");
  ASSERT_EQ(t.forcePlatforms.size(), 2u);
  EXPECT_EQ(t.forcePlatforms[0].type, 2);
  EXPECT_TRUE(t.events.empty());
}

TEST_F(Walking2, MarkersMatchOpenSimStandard) {
  // testC3DFileAdapter.cpp: markers equal std_walking2_markers.trc within 1e-4 (Vec3, scaled
  // by magnitude). The standard holds every 10th frame plus the last, rounded to 5 significant
  // digits (|error| <= 0.05 mm, i.e. < 1e-4 relative at these magnitudes).
  const TimeSeriesTable standard =
      readTrc(test::sharedData("opensim-core/c3d_walking2/std_walking2_markers.trc"));
  const C3dTrial& t = *trial_;
  ASSERT_EQ(standard.columnCount(), t.points.columnCount());
  std::size_t compared = 0, missing = 0;
  double worst = 0.0;
  for (Eigen::Index r = 0; r < standard.rowCount(); ++r) {
    const Eigen::Index frame = rowAt(standard.time()[static_cast<std::size_t>(r)], t.pointRate);
    ASSERT_LT(frame, t.points.rowCount());
    EXPECT_NEAR(t.points.time()[static_cast<std::size_t>(frame)],
                standard.time()[static_cast<std::size_t>(r)], 1e-9);
    for (std::size_t c = 0; c < standard.columnCount(); ++c) {
      const std::size_t ours = t.points.requireColumn(standard.column(c).label);
      const Eigen::Vector3d a = t.points.vector3(frame, ours);
      const Eigen::Vector3d b = standard.vector3(r, c);
      EXPECT_TRUE(vec3Equal(a, b, 1e-4)) << standard.column(c).label << " row " << r << ": "
                                         << a.transpose() << " vs " << b.transpose();
      if (a.hasNaN()) {
        ++missing;
      } else if (!b.hasNaN()) {
        worst = std::max(worst, (a - b).norm() / std::max({1.0, a.norm(), b.norm()}));
      }
      ++compared;
    }
  }
  // The trial has many missing markers (NaN in both): both paths were exercised.
  EXPECT_GT(missing, 0u);
  EXPECT_LT(missing, compared);
  RecordProperty("worst_relative_marker_error", fmt::format("{:.3g}", worst));
}

// Compares plate p (0-based) of ours with columns f{p+1}_*, p{p+1}_*, m{p+1}_* of a standard in
// N, mm and N·mm. `point` and `moment` are ours in m and N·m.
void expectPlateColumns(const TimeSeriesTable& standard, int plate, const C3dTrial& t,
                        const Eigen::MatrixX3d& force, const Eigen::MatrixX3d& point,
                        const Eigen::MatrixX3d& moment, double tol) {
  const std::string n = std::to_string(plate + 1);
  double worst = 0.0;
  for (Eigen::Index r = 0; r < standard.rowCount(); ++r) {
    const Eigen::Index sample = rowAt(standard.time()[static_cast<std::size_t>(r)], t.analogRate);
    ASSERT_LT(sample, force.rows());
    const auto column = [&](const std::string& prefix) {
      Eigen::Vector3d v;
      for (int k = 0; k < 3; ++k) {
        v(k) = standard.scalar(r, standard.requireColumn(prefix + n + "_" + std::to_string(k + 1)));
      }
      return v;
    };
    const Eigen::Vector3d f = force.row(sample).transpose();
    const Eigen::Vector3d p = point.row(sample).transpose() * 1000.0;
    const Eigen::Vector3d m = moment.row(sample).transpose() * 1000.0;
    EXPECT_TRUE(vec3Equal(f, column("f"), tol))
        << "f" << n << " row " << r << ": " << f.transpose() << " vs " << column("f").transpose();
    EXPECT_TRUE(vec3Equal(p, column("p"), tol))
        << "p" << n << " row " << r << ": " << p.transpose() << " vs " << column("p").transpose();
    EXPECT_TRUE(vec3Equal(m, column("m"), tol))
        << "m" << n << " row " << r << ": " << m.transpose() << " vs " << column("m").transpose();
    for (const auto& [ours, theirs] :
         {std::pair{f, column("f")}, std::pair{p, column("p")}, std::pair{m, column("m")}}) {
      worst = std::max(worst, (ours - theirs).norm() / std::max({1.0, ours.norm(), theirs.norm()}));
    }
  }
  ::testing::Test::RecordProperty("worst_relative_error_plate" + n, fmt::format("{:.3g}", worst));
}

// Brief tolerance 1e-6 relative. OpenSim's own is SqrtEps = 1.5e-8; the std files print 8
// decimals, so 1e-6 relative leaves room only for printing, not for a convention error
// (a wrong sign or axis is off by 100 %).
constexpr double kForceTolerance = 1e-6;

TEST_F(Walking2, ForcesAtPlateCentreMatchOpenSimStandard) {
  // std_walking2_grfs.sto: f, point = surface centre, m = R M + (R ORIGIN) x f about it.
  const TimeSeriesTable standard =
      readSto(test::sharedData("opensim-core/c3d_walking2/std_walking2_grfs.sto"));
  const C3dTrial& t = *trial_;
  ASSERT_EQ(standard.rowCount(), 101);
  for (int p = 0; p < 2; ++p) {
    const auto& plate = t.forcePlatforms[static_cast<std::size_t>(p)];
    const auto& w = t.forcePlatformWrenches[static_cast<std::size_t>(p)];
    const Eigen::MatrixX3d centre = plate.surfaceCentre.transpose().replicate(w.force.rows(), 1);
    const Eigen::MatrixX3d moment =
        momentAbout(w.force, w.momentAtOrigin, plate.origin, plate.surfaceCentre);
    expectPlateColumns(standard, p, t, w.force, centre, moment, kForceTolerance);
  }
}

TEST_F(Walking2, CentreOfPressureAndFreeMomentMatchOpenSimStandard) {
  // std_cop_walking2_grfs.sto: point = COP, m = (0, 0, Tz) free moment.
  const TimeSeriesTable standard =
      readSto(test::sharedData("opensim-core/c3d_walking2/std_cop_walking2_grfs.sto"));
  const C3dTrial& t = *trial_;
  for (int p = 0; p < 2; ++p) {
    const auto& w = t.forcePlatformWrenches[static_cast<std::size_t>(p)];
    expectPlateColumns(standard, p, t, w.force, w.centreOfPressure, w.freeMoment, kForceTolerance);
  }
}

TEST_F(Walking2, AnalogChannelsMatchOpenSimStandard) {
  // std_walking2_analog.sto: raw channels (N, N·mm) every 1000th sample plus the last;
  // OpenSim checks them to SqrtEps (1.5e-8), here scaled by max(1, |value|) since the values are
  // float32 printed with 16 digits.
  const TimeSeriesTable standard =
      readSto(test::sharedData("opensim-core/c3d_walking2/std_walking2_analog.sto"));
  const C3dTrial& t = *trial_;
  ASSERT_EQ(standard.columnCount(), 12u);
  for (Eigen::Index r = 0; r < standard.rowCount(); ++r) {
    const Eigen::Index sample = rowAt(standard.time()[static_cast<std::size_t>(r)], t.analogRate);
    for (std::size_t c = 0; c < standard.columnCount(); ++c) {
      const double theirs = standard.scalar(r, c);
      const double ours = t.analog.scalar(sample, t.analog.requireColumn(standard.column(c).label));
      EXPECT_NEAR(ours, theirs, 1.5e-8 * std::max(1.0, std::abs(theirs)))
          << standard.column(c).label << " row " << r;
    }
  }
  // testC3DFileAdapter: Fx1 = -f1_2, Fy1 = -f1_1, Fz1 = -f1_3 at row 0.
  const auto& f = t.forcePlatformWrenches[0].force;
  EXPECT_DOUBLE_EQ(t.analog.scalar(0, 0), -f(0, 1));
  EXPECT_DOUBLE_EQ(t.analog.scalar(0, 1), -f(0, 0));
  EXPECT_DOUBLE_EQ(t.analog.scalar(0, 2), -f(0, 2));
}

// Whether the horizontal projection of `point` lies inside the plate's corners (+ margin, m).
bool insidePlate(const ForcePlatform& plate, const Eigen::Vector3d& point, double margin) {
  const Eigen::Vector3d local = plate.rotation.transpose() * (point - plate.surfaceCentre);
  const double halfX = (plate.corners[0] - plate.corners[1]).norm() / 2.0;
  const double halfY = (plate.corners[0] - plate.corners[3]).norm() / 2.0;
  return std::abs(local.x()) <= halfX + margin && std::abs(local.y()) <= halfY + margin;
}

// Distance in the floor plane from the COP to the segment heel-toe of a foot.
double distanceToFoot(const Eigen::Vector3d& cop, const Eigen::Vector3d& heel,
                      const Eigen::Vector3d& toe) {
  const Eigen::Vector2d p = cop.head<2>(), a = heel.head<2>(), b = toe.head<2>();
  const double s = std::clamp((p - a).dot(b - a) / (b - a).squaredNorm(), 0.0, 1.0);
  return (p - (a + s * (b - a))).norm();
}

// For every sample with |Fz| > 20 % of the plate's peak: COP inside the corners (10 mm margin)
// and within
// 80 mm (a half foot width plus marker offset) of the heel-toe line of the foot on the plate;
// vertical force upward (ground reaction on the subject in a Z-up lab). Below 20 % the foot may
// already rest partly beyond the plate (PiG's left toe leaves plate 2 over its far edge, and the
// COP follows it past the corner line).
void expectPlausibleContact(const C3dTrial& t, std::size_t plateIndex, const std::string& heel,
                            const std::string& toe) {
  const auto& plate = t.forcePlatforms[plateIndex];
  const auto& w = t.forcePlatformWrenches[plateIndex];
  const double peak = w.force.col(2).maxCoeff();
  EXPECT_GT(peak, 300.0);
  EXPECT_GT(w.force.col(2).minCoeff(), -0.05 * peak) << "vertical force must be upward";
  const std::size_t heelColumn = t.points.requireColumn(heel),
                    toeColumn = t.points.requireColumn(toe);
  const double scale = t.pointUnitsInMetres();
  std::size_t loaded = 0;
  for (Eigen::Index i = 0; i < w.force.rows(); ++i) {
    if (w.force(i, 2) < 0.2 * peak) continue;
    ++loaded;
    const Eigen::Vector3d cop = w.centreOfPressure.row(i).transpose();
    ASSERT_TRUE(insidePlate(plate, cop, 0.010)) << "sample " << i << " COP " << cop.transpose();
    const Eigen::Index frame = i / t.analogSamplesPerFrame;
    const Eigen::Vector3d h = t.points.vector3(frame, heelColumn) * scale;
    const Eigen::Vector3d o = t.points.vector3(frame, toeColumn) * scale;
    if (h.hasNaN() || o.hasNaN()) continue;
    EXPECT_LT(distanceToFoot(cop, h, o), 0.08) << "sample " << i;
    // Free moment of walking: a few N·m (|Tz| well under 20 N·m).
    EXPECT_LT(std::abs(w.freeMoment(i, 2)), 20.0);
  }
  EXPECT_GT(loaded, 100u);
}

TEST(C3dGait, DecIntegerFileWithType4Plates) {
  // BTKData Gait.c3d, documented in ../shared/data/README.md (btkdata/).
  const C3dTrial t = readC3d(test::sharedData("btkdata/Gait.c3d"));
  EXPECT_EQ(t.processor, c3d::ProcessorFormat::Dec);
  EXPECT_FALSE(t.floatStorage);
  EXPECT_NEAR(t.pointScale, 0.0744, 1e-4);
  EXPECT_EQ(t.points.columnCount(), 33u);
  EXPECT_EQ(t.frameCount, 487u);
  EXPECT_DOUBLE_EQ(t.pointRate, 100.0);
  EXPECT_EQ(t.firstFrame, 1);
  EXPECT_EQ(t.analog.columnCount(), 28u);
  EXPECT_DOUBLE_EQ(t.analogRate, 1000.0);
  // ANALOG:SCALE -0.1221 per README (12-bit signed channels).
  EXPECT_NEAR(t.parameters.find("ANALOG:SCALE")->numbers.at(0), -0.1221, 1e-4);
  // Duplicated labels stay readable under unique names, and are reported.
  for (const std::string label : {"RKNE", "RANK", "LKNE", "LANK", "RFOO", "LFOO"}) {
    EXPECT_TRUE(t.points.findColumn(label).has_value()) << label;
    EXPECT_TRUE(t.points.findColumn(label + "_2").has_value()) << label;
    bool reported = false;
    for (const auto& warning : t.warnings)
      reported |= warning.find("'" + label + "'") != std::string::npos;
    EXPECT_TRUE(reported) << label;
  }
  EXPECT_EQ(std::count(t.pointLabelsAsStored.begin(), t.pointLabelsAsStored.end(), "RKNE"), 2);
  // Type-4 plates with the 6x6 calibration matrix; left foot on plate 1, right on plate 2.
  ASSERT_EQ(t.forcePlatforms.size(), 2u);
  for (const auto& plate : t.forcePlatforms) {
    EXPECT_EQ(plate.type, 4);
    EXPECT_EQ(plate.calibration.rows(), 6);
  }
  expectPlausibleContact(t, 0, "LHEE", "LTOE");
  expectPlausibleContact(t, 1, "RHEE", "RTOE");
  // ZERO = (1, 10): unloaded plates read ~0 N after the baseline.
  for (const auto& w : t.forcePlatformWrenches) {
    EXPECT_LT(w.force.topRows(100).rowwise().norm().maxCoeff(), 5.0);
  }
}

TEST(C3dPlugInGait, IntelFloatFileWithEventsAndType2Plates) {
  const C3dTrial t = readC3d(test::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d"));
  EXPECT_EQ(t.processor, c3d::ProcessorFormat::Intel);
  EXPECT_TRUE(t.floatStorage);
  EXPECT_EQ(t.points.columnCount(), 193u);
  EXPECT_EQ(t.firstFrame, 342);
  EXPECT_EQ(t.frameCount, 255u);
  EXPECT_EQ(t.lastFrame(), 596);
  EXPECT_DOUBLE_EQ(t.pointRate, 100.0);
  EXPECT_EQ(t.analog.columnCount(), 38u);
  EXPECT_DOUBLE_EQ(t.analogRate, 1000.0);
  EXPECT_EQ(t.analog.column(0).label, "Fx1");
  EXPECT_EQ(t.analog.column(37).label, "L_PE");
  EXPECT_TRUE(t.points.findColumn("LKneeAngles").has_value());
  EXPECT_TRUE(t.points.findColumn("CentreOfMass").has_value());

  // 8 gait events, inside the recorded frames, alternating sides as walking does.
  ASSERT_EQ(t.events.size(), 8u);
  std::multiset<std::string> kinds;
  for (const auto& e : t.events) {
    kinds.insert(e.context + " " + e.label);
    EXPECT_EQ(e.subject, "ANTO_M");
    EXPECT_GE(e.frame, t.firstFrame - 1e-3);
    EXPECT_LE(e.frame, t.lastFrame() + 1e-3);
    EXPECT_NEAR(e.frame, std::round(e.frame), 1e-3);  // events sit on frames
    EXPECT_NEAR(e.time, (e.frame - t.firstFrame) / t.pointRate, 1e-6);
  }
  EXPECT_EQ(kinds.count("Left Foot Strike"), 3u);
  EXPECT_EQ(kinds.count("Right Foot Strike"), 2u);
  EXPECT_EQ(kinds.count("Left Foot Off"), 2u);
  EXPECT_EQ(kinds.count("Right Foot Off"), 1u);

  ASSERT_EQ(t.forcePlatforms.size(), 2u);
  EXPECT_EQ(t.forcePlatforms[0].type, 2);
  EXPECT_NEAR((t.forcePlatforms[0].corners[0] - t.forcePlatforms[0].corners[1]).norm(), 0.4978,
              1e-4);
  expectPlausibleContact(t, 0, "RHEE", "RTOE");
  expectPlausibleContact(t, 1, "LHEE", "LTOE");

  // Vicon Plug-in Gait stored its own ground reaction (R/LGroundReactionForce, N per kg of
  // PROCESSING:BODYMASS = 66.5 kg, lab axes) at each frame. Ours at the frame's first analog
  // sample agrees; PiG's processing of the analog frame differs slightly, so the check is
  // RMS < 0.1 N/kg (1 % of body weight) and max < 0.5 N/kg over the loaded frames.
  const double mass = t.parameters.find("PROCESSING:BODYMASS")->numbers.at(0);
  EXPECT_DOUBLE_EQ(mass, 66.5);
  for (const auto& [label, plate] :
       {std::pair{"RGroundReactionForce", 0}, std::pair{"LGroundReactionForce", 1}}) {
    const std::size_t column = t.points.requireColumn(label);
    const auto& w = t.forcePlatformWrenches[static_cast<std::size_t>(plate)];
    double sumSquares = 0.0, worst = 0.0;
    int frames = 0;
    for (Eigen::Index f = 0; f < t.points.rowCount(); ++f) {
      const Eigen::Vector3d pig = t.points.vector3(f, column);
      if (pig.hasNaN()) continue;
      const Eigen::Vector3d ours = w.force.row(f * t.analogSamplesPerFrame).transpose() / mass;
      sumSquares += (ours - pig).squaredNorm();
      worst = std::max(worst, (ours - pig).norm());
      ++frames;
    }
    ASSERT_GT(frames, 50) << label;
    EXPECT_LT(std::sqrt(sumSquares / frames), 0.1) << label;
    EXPECT_LT(worst, 0.5) << label;
  }
}

}  // namespace
}  // namespace kinchain::io
