// Trunk lean from the Plug-in Gait thorax markers (kinematics/thorax_tilt.hpp): an analytic
// pose, and Vicon's own Plug-in Gait thorax angles stored in a real C3D.

#include "kinchain/kinematics/thorax_tilt.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "kinchain/analysis/recorded_trial.hpp"
#include "kinchain/io/c3d_file.hpp"
#include "test_paths.hpp"

namespace kinchain::kinematics {
namespace {

constexpr double kDegrees = 180.0 / std::numbers::pi;

// Thorax markers of an upright trunk (OpenSim frame: x forward, y up, z right), m.
struct Thorax {
  Eigen::Vector3d c7{-0.08, 1.45, 0.0}, t10{-0.10, 1.20, 0.0}, clav{0.05, 1.40, 0.0},
      strn{0.08, 1.25, 0.0};
};

io::TimeSeriesTable tableOf(const std::vector<Thorax>& frames) {
  std::vector<double> time;
  for (std::size_t i = 0; i < frames.size(); ++i)
    time.push_back(0.01 * static_cast<double>(i));
  io::TimeSeriesTable table(time);
  const auto column = [&](auto member) {
    Eigen::MatrixX3d values(static_cast<Eigen::Index>(frames.size()), 3);
    for (std::size_t i = 0; i < frames.size(); ++i)
      values.row(static_cast<Eigen::Index>(i)) = (frames[i].*member).transpose();
    return values;
  };
  table.addVector3Column("C7", column(&Thorax::c7), "m");
  table.addVector3Column("T10", column(&Thorax::t10), "m");
  table.addVector3Column("CLAV", column(&Thorax::clav), "m");
  table.addVector3Column("STRN", column(&Thorax::strn), "m");
  return table;
}

// The tilt of the upright pose itself: the long axis runs from mid(STRN, T10) to mid(CLAV, C7).
double uprightTilt() {
  const Thorax t;
  const Eigen::Vector3d axis = 0.5 * (t.clav + t.c7) - 0.5 * (t.strn + t.t10);
  return std::atan2(axis.x(), axis.y()) * kDegrees;
}

TEST(ThoraxTilt, ForwardLeanOfARotatedTrunkWhicheverWayTheSubjectWalks) {
  // Lean the trunk forward by 0..20° about its lateral axis, then turn the whole scene to walk
  // along -z: the tilt is measured in the walking direction, so it is the same.
  for (const double heading : {0.0, -90.0, 150.0}) {
    const Eigen::Matrix3d turn(Eigen::AngleAxisd(heading / kDegrees, Eigen::Vector3d::UnitY()));
    std::vector<Thorax> frames;
    for (int k = 0; k <= 20; ++k) {
      // Positive forward lean turns the long axis (y) towards forward (x): about -z.
      const Eigen::Matrix3d lean(Eigen::AngleAxisd(-k / kDegrees, Eigen::Vector3d::UnitZ()));
      Thorax t;
      for (Eigen::Vector3d* p : {&t.c7, &t.t10, &t.clav, &t.strn})
        *p = turn * lean * *p + Eigen::Vector3d(0.01 * k, 0.0, 0.0);
      frames.push_back(t);
    }
    const auto tilt = thoraxForwardTilt(tableOf(frames));
    ASSERT_TRUE(tilt.has_value());
    const auto column = tilt->requireColumn("thorax_forward_tilt");
    for (int k = 0; k <= 20; ++k)
      EXPECT_NEAR(tilt->scalar(k, column), uprightTilt() + k, 1e-9) << "heading " << heading;
  }
}

TEST(ThoraxTilt, MissingMarkersGiveNaNFramesOrNoTrunkAtAll) {
  std::vector<Thorax> frames(5);
  frames[2].clav = Eigen::Vector3d::Constant(std::nan(""));
  const auto tilt = thoraxForwardTilt(tableOf(frames));
  ASSERT_TRUE(tilt.has_value());
  EXPECT_TRUE(std::isnan(tilt->scalar(2, 0)));
  EXPECT_NEAR(tilt->scalar(3, 0), uprightTilt(), 1e-12);

  io::TimeSeriesTable lowerBody = tableOf(frames);
  lowerBody.renameColumn(*lowerBody.findColumn("T10"), "RBAK");
  EXPECT_FALSE(thoraxForwardTilt(lowerBody).has_value());
}

// The ISB thorax landmarks (Wu et al. 2005; the IOR-gait names CV7, TV10, SJN, SXS) are the same
// four points as Plug-in Gait's C7, T10, CLAV, STRN: the same poses give the same tilt, to
// rounding, whatever the subject prefix; the set used is named.
TEST(ThoraxTilt, IsbThoraxLandmarksGiveThePlugInGaitTilt) {
  std::vector<Thorax> frames;
  for (int k = -5; k <= 15; ++k) {
    const Eigen::Matrix3d lean(Eigen::AngleAxisd(-k / kDegrees, Eigen::Vector3d::UnitZ()));
    Thorax t;
    for (Eigen::Vector3d* p : {&t.c7, &t.t10, &t.clav, &t.strn})
      *p = lean * *p;
    frames.push_back(t);
  }
  const io::TimeSeriesTable plugInGait = tableOf(frames);
  io::TimeSeriesTable isb = plugInGait;
  for (const auto& [from, to] : std::vector<std::array<const char*, 2>>{{"C7", "Sub01:CV7"},
                                                                        {"T10", "Sub01:TV10"},
                                                                        {"CLAV", "Sub01:SJN"},
                                                                        {"STRN", "Sub01:SXS"}})
    isb.renameColumn(*isb.findColumn(from), to);
  const auto expected = thoraxForwardTilt(plugInGait);
  const auto tilt = thoraxForwardTilt(isb);
  ASSERT_TRUE(expected.has_value());
  ASSERT_TRUE(tilt.has_value());
  EXPECT_NE(tilt->metadataValue("thorax_markers").value_or("").find("ISB"), std::string::npos);
  EXPECT_NE(expected->metadataValue("thorax_markers").value_or("").find("Plug-in Gait"),
            std::string::npos);
  for (Eigen::Index i = 0; i < tilt->rowCount(); ++i) {
    EXPECT_NEAR(tilt->scalar(i, 0), expected->scalar(i, 0), 1e-12);
    EXPECT_NEAR(tilt->scalar(i, 0), uprightTilt() + static_cast<double>(i - 5), 1e-9);
  }
  // Three of the four ISB landmarks are not a thorax.
  isb.renameColumn(*isb.findColumn("Sub01:SXS"), "SXS_old");
  EXPECT_FALSE(thoraxForwardTilt(isb).has_value());
}

// Vicon computed Plug-in Gait's thorax angles for the bundled trial and stored them as the point
// LThoraxAngles (degrees; X = sagittal tilt in the progression frame, Vicon Plug-in Gait
// Reference Guide). Tolerance 1°: Vicon's progression frame is a laboratory axis picked from
// the walking displacement, ours the thorax's mean forward direction; on this trial the two
// differ by a few degrees, which changes a tilt of ~10° by well under 1° (tilt · (1 − cos δ) plus
// the thorax obliquity · sin δ).
TEST(ThoraxTilt, MatchesPlugInGaitThoraxAnglesOfARealTrial) {
  const auto path = test::sharedData("btkdata/PiG_Motion-FlatFoot-One.c3d");
  const analysis::RecordedTrial trial = analysis::readC3dTrial(path);
  const auto tilt = thoraxForwardTilt(trial.markers);
  ASSERT_TRUE(tilt.has_value());
  const io::C3dTrial raw = io::readC3d(path);
  const auto vicon = raw.points.vector3Column(raw.points.requireColumn("LThoraxAngles"));
  ASSERT_EQ(vicon.rows(), tilt->rowCount());
  int compared = 0;
  double worst = 0.0;
  for (Eigen::Index i = 0; i < tilt->rowCount(); ++i) {
    const double ours = tilt->scalar(i, 0);
    if (!std::isfinite(ours) || !std::isfinite(vicon(i, 0)) || vicon.row(i).isZero()) continue;
    worst = std::max(worst, std::abs(ours - vicon(i, 0)));
    ++compared;
  }
  EXPECT_GT(compared, 200);
  EXPECT_LT(worst, 1.0);
}

}  // namespace
}  // namespace kinchain::kinematics
