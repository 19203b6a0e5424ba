// Speed of model functions (evaluated per coordinate per frame in kinematics) and of the
// coordinate chain of OpenSim's Inverse Dynamics tool (once per trial).

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "kinchain/math/butterworth.hpp"
#include "kinchain/math/coordinate_smoothing.hpp"
#include "kinchain/math/gcv_spline.hpp"
#include "kinchain/model/function.hpp"

namespace {

using kinchain::model::Function;

// gait2354 knee translation spline (opensim-models gait2354_simbody.osim, knee_r translation1).
const std::vector<double> kKneeX = {-2.0944,   -1.74533, -1.39626, -1.0472,  -0.698132, -0.349066,
                                    -0.174533, 0.197344, 0.337395, 0.490178, 1.52146,   2.0944};
const std::vector<double> kKneeY = {-0.0032, 0.00179,   0.00411,   0.0041,    0.00212,   -0.001,
                                    -0.0031, -0.005227, -0.005435, -0.005574, -0.005435, -0.00525};

void evaluateAcrossRange(benchmark::State& state, const Function& f) {
  double x = -2.0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.evaluate(x));
    x += 0.001;
    if (x > 2.0) x = -2.0;
  }
}

void BM_SimmSplineEvaluate(benchmark::State& state) {
  evaluateAcrossRange(state, Function::simmSpline(kKneeX, kKneeY));
}
BENCHMARK(BM_SimmSplineEvaluate);

void BM_MultiplierSimmSplineEvaluate(benchmark::State& state) {
  evaluateAcrossRange(state, Function::multiplier(1.14724, Function::simmSpline(kKneeX, kKneeY)));
}
BENCHMARK(BM_MultiplierSimmSplineEvaluate);

void BM_LinearEvaluate(benchmark::State& state) {
  evaluateAcrossRange(state, Function::linear(1.0, 0.0));
}
BENCHMARK(BM_LinearEvaluate);

// A 60 Hz gait coordinate of `rows` frames.
Eigen::MatrixXd gaitLike(Eigen::Index rows, Eigen::VectorXd& time) {
  time.resize(rows);
  Eigen::MatrixXd q(rows, 1);
  for (Eigen::Index i = 0; i < rows; ++i) {
    time[i] = static_cast<double>(i) / 60.0;
    q(i, 0) = 30.0 * std::sin(2.0 * 3.14159 * time[i]) + 5.0 * std::sin(9.0 * time[i]);
  }
  return q;
}

void BM_QuinticSplineFit(benchmark::State& state) {
  Eigen::VectorXd time;
  const Eigen::MatrixXd q = gaitLike(state.range(0), time);
  const Eigen::VectorXd y = q.col(0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(kinchain::math::GcvSpline::interpolate(time, y, 3));
  }
}
BENCHMARK(BM_QuinticSplineFit)->Arg(151)->Arg(1500)->Arg(9000);

void BM_QuinticSplineEvaluate(benchmark::State& state) {
  Eigen::VectorXd time;
  const Eigen::MatrixXd q = gaitLike(151, time);
  const auto spline = kinchain::math::GcvSpline::interpolate(time, q.col(0), 3);
  double t = 0.0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(spline.evaluate(t));
    t += 0.0007;
    if (t > 2.5) t = 0.0;
  }
}
BENCHMARK(BM_QuinticSplineEvaluate);

void BM_Butterworth(benchmark::State& state) {
  Eigen::VectorXd time;
  const Eigen::VectorXd q = gaitLike(state.range(0), time).col(0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(kinchain::math::lowpassButterworth3(q, 600.0, 6.0));
  }
}
BENCHMARK(BM_Butterworth)->Arg(1500)->Arg(9000);

// One coordinate of a 151-frame IK file through pad, filter and quintic spline.
void BM_CoordinateChain(benchmark::State& state) {
  Eigen::VectorXd time;
  const Eigen::MatrixXd q = gaitLike(state.range(0), time);
  for (auto _ : state) {
    benchmark::DoNotOptimize(kinchain::math::smoothCoordinatesLikeOpenSim(time, q, 6.0));
  }
}
BENCHMARK(BM_CoordinateChain)->Arg(151)->Arg(211);

}  // namespace
