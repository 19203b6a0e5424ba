// Muscle-tendon path lengths and moment arms on real OpenSim models: moment arms (OpenSim's
// convention r = -dL/dq) against central finite differences of the lengths.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/geometry_path.hpp"
#include "kinchain/muscle/moment_arm.hpp"
#include "test_paths.hpp"

namespace kinchain::muscle {
namespace {

struct Worst {
  double error = 0.0;
  std::string where;
};

Eigen::VectorXd lengthsAt(const model::Model& model, model::Data& data, PathData& pathData, const Eigen::VectorXd& q) {
  model::forwardKinematics(model, data, q);
  computePathGeometry(model, data, pathData);
  return pathData.lengths;
}

void explore(const char* file) {
  const model::Model model = model::readOsimModel(test::sharedData(file));
  model::Data data(model);
  PathData pathData(model);
  const double h = 1e-6;
  Worst worst;
  std::size_t checked = 0;
  for (Eigen::Index j = 0; j < model.nq(); ++j) {
    const model::Coordinate& coordinate = model.coordinate(model::CoordinateIndex(static_cast<std::size_t>(j)));
    double low = coordinate.rangeMin, high = coordinate.rangeMax;
    const double span = coordinate.motionType == model::MotionType::Translational ? 0.2 : std::numbers::pi;
    low = std::max(low, coordinate.defaultValue - span / 2);
    high = std::min(high, coordinate.defaultValue + span / 2);
    for (int s = 0; s < 7; ++s) {
      Eigen::VectorXd q = model.defaultCoordinates();
      q[j] = low + (high - low) * (s + 0.5) / 7.0;
      lengthsAt(model, data, pathData, q);
      computeLengthGradients(model, data, pathData);
      computeMomentArms(model, data, pathData);
      const Eigen::VectorXd arms = pathData.moment_arms.row(j).transpose();
      Eigen::VectorXd plus = q, minus = q;
      plus[j] += h;
      minus[j] -= h;
      const Eigen::VectorXd fd = -(lengthsAt(model, data, pathData, plus) - lengthsAt(model, data, pathData, minus)) / (2 * h);
      for (Eigen::Index m = 0; m < arms.size(); ++m) {
        ++checked;
        const double error = std::abs(arms[m] - fd[m]);
        if (error > 1e-6) {
          std::printf("%s %s q=%.4f ma=%.8f fd=%.8f err=%.3g wraps=%zu\n", model.muscle(model::MuscleIndex(static_cast<std::size_t>(m))).name.c_str(),
                      coordinate.name.c_str(), q[j], arms[m], fd[m], error, model.musclePath(model::MuscleIndex(static_cast<std::size_t>(m))).wraps.size());
        }
        if (error > worst.error) worst = {error, coordinate.name};
      }
    }
  }
  std::printf("%s: checked %zu worst %.3g at %s\n", file, checked, worst.error, worst.where.c_str());
}

TEST(GeometryPathExplore, Gait2392) { explore("opensim-core/models/gait2392_millard_v30000.osim"); }
TEST(GeometryPathExplore, Rajagopal) { explore("opensim-core/models/model_Rajagopal2015_posed.osim"); }

}  // namespace
}  // namespace kinchain::muscle
