// Reflection padding, resampling, the forward-backward Butterworth filter and OpenSim's
// inverse-dynamics coordinate chain, against analytic signals.

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>

#include "kinchain/math/butterworth.hpp"
#include "kinchain/math/coordinate_smoothing.hpp"
#include "kinchain/math/resampling.hpp"
#include "kinchain/math/signal_padding.hpp"

namespace kinchain::math {
namespace {

constexpr double kPi = std::numbers::pi;

Eigen::VectorXd vec(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double value : values)
    v[i++] = value;
  return v;
}

// Squared magnitude of the bilinear-transformed third-order Butterworth low-pass at f:
// 1 / (1 + (tan(pi f T) / tan(pi fc T))^6) (Oppenheim & Schafer, Discrete-Time Signal Processing,
// bilinear transformation of the Butterworth prototype). Forward-backward filtering has this gain
// and zero phase.
double forwardBackwardGain(double f, double fc, double sampleRate) {
  const double ratio = std::tan(kPi * f / sampleRate) / std::tan(kPi * fc / sampleRate);
  return 1.0 / (1.0 + std::pow(ratio, 6));
}

TEST(SignalFilterTest, PadsByPointReflectionAsOpenSim) {
  // x[-k] = 2 x[0] - x[k]; x[n-1+k] = 2 x[n-1] - x[n-1-k]   (OpenSim Signal::Pad)
  const Eigen::VectorXd padded = padByReflection(vec({1, 2, 4, 7}), 2);
  EXPECT_EQ(padded, vec({-2, 0, 1, 2, 4, 7, 10, 12}));
  // A pad longer than the signal is reached by repeated reflections (worked by hand).
  EXPECT_EQ(padByReflection(vec({0, 1, 3}), 4), vec({-6, -5, -3, -1, 0, 1, 3, 5, 6, 7, 9}));
  // A uniform time grid continues uniformly.
  const Eigen::VectorXd time = Eigen::VectorXd::LinSpaced(11, 0.5, 0.75);
  const Eigen::VectorXd paddedTime = padByReflection(time, 5);
  for (Eigen::Index i = 1; i < paddedTime.size(); ++i) {
    EXPECT_NEAR(paddedTime[i] - paddedTime[i - 1], 0.025, 1e-15);
  }
  EXPECT_EQ(padByReflection(time, 0), time);
  EXPECT_THROW(padByReflection(time, -1), std::invalid_argument);
  EXPECT_THROW(padByReflection(vec({1}), 1), std::invalid_argument);
}

TEST(SignalFilterTest, ButterworthDesignHasTheAnalyticMagnitudeResponse) {
  const double sampleRate = 60.0, cutoff = 6.0;
  const Butterworth3Coefficients c = butterworth3Design(1.0 / sampleRate, cutoff);
  EXPECT_EQ(c.denominator[0], 1.0);
  for (const double f : {0.0, 1.0, 3.0, 6.0, 10.0, 20.0, 29.0}) {
    const std::complex<double> z = std::polar(1.0, -2.0 * kPi * f / sampleRate);  // z^-1
    std::complex<double> numerator = 0.0, denominator = 0.0, power = 1.0;
    for (int k = 0; k < 4; ++k, power *= z) {
      numerator += c.numerator[k] * power;
      denominator += c.denominator[k] * power;
    }
    const double single = std::norm(numerator / denominator);
    // Rounding of a few dozen operations.
    EXPECT_NEAR(single, forwardBackwardGain(f, cutoff, sampleRate), 1e-13) << f << " Hz";
  }
  // One pass at the cutoff: 1/sqrt(2) in amplitude (-3 dB).
  EXPECT_NEAR(std::sqrt(forwardBackwardGain(cutoff, cutoff, sampleRate)), 1.0 / std::sqrt(2.0),
              1e-15);
  // OpenSim lowers a cutoff at or above Nyquist to 0.49 fs.
  const Butterworth3Coefficients clamped = butterworth3Design(0.01, 80.0);
  const Butterworth3Coefficients expected = butterworth3Design(0.01, 49.0);
  EXPECT_EQ(clamped.numerator, expected.numerator);
  EXPECT_EQ(clamped.denominator, expected.denominator);
  EXPECT_THROW(butterworth3Design(0.01, 0.0), std::invalid_argument);
  EXPECT_THROW(butterworth3Design(0.0, 6.0), std::invalid_argument);
}

// A long sinusoid filtered forward and backward: in the middle, far from the start-up transients
// (pole radii < 0.8 at fc/fs = 0.06, so after 400 samples they are below 1e-38), the output is the
// input times the analytic gain with no phase shift.
void expectSteadyStateGain(double frequency, double cutoff, double sampleRate) {
  const int n = 2400;
  Eigen::VectorXd x(n);
  for (int i = 0; i < n; ++i)
    x[i] = std::sin(2.0 * kPi * frequency * i / sampleRate + 0.3);
  const Eigen::VectorXd y = lowpassButterworth3(x, sampleRate, cutoff);
  const double gain = forwardBackwardGain(frequency, cutoff, sampleRate);
  for (int i = 800; i < 1600; ++i) {
    EXPECT_NEAR(y[i], gain * x[i], 1e-10) << "sample " << i << " at " << frequency << " Hz";
  }
}

TEST(SignalFilterTest, ForwardBackwardPassesSlowSinesWithZeroLag) {
  expectSteadyStateGain(1.0, 6.0, 100.0);  // well below the cutoff: gain 0.99999...
  EXPECT_GT(forwardBackwardGain(1.0, 6.0, 100.0), 0.9999);
}

TEST(SignalFilterTest, ForwardBackwardHalvesTheCutoffFrequency) {
  expectSteadyStateGain(6.0, 6.0, 100.0);  // -6 dB: gain exactly 1/2
  EXPECT_NEAR(forwardBackwardGain(6.0, 6.0, 100.0), 0.5, 1e-15);
  expectSteadyStateGain(15.0, 6.0, 100.0);  // stop band: gain ~0.004
}

TEST(SignalFilterTest, ConstantStaysConstantWithOpenSimStartUp) {
  // Unit DC gain and start-up from copied input samples: a constant is a fixed point.
  const Eigen::VectorXd x = Eigen::VectorXd::Constant(50, 3.7);
  const Eigen::VectorXd y = lowpassButterworth3(x, 600.0, 6.0);
  for (Eigen::Index i = 0; i < y.size(); ++i)
    EXPECT_NEAR(y[i], 3.7, 1e-12);
  // The first three samples of each pass are copied: short signals are returned unchanged.
  EXPECT_EQ(lowpassButterworth3(vec({1, 5, 2}), 100.0, 6.0), vec({1, 5, 2}));
}

TEST(SignalFilterTest, SymmetricPulseStaysSymmetricAndCentred) {
  const int n = 801;
  Eigen::VectorXd x(n);
  for (int i = 0; i < n; ++i)
    x[i] = std::exp(-0.5 * std::pow((i - 400) / 12.0, 2));
  const Eigen::VectorXd y = lowpassButterworth3(x, 100.0, 6.0);
  Eigen::Index peak = 0;
  y.maxCoeff(&peak);
  EXPECT_EQ(peak, 400);
  // Forward-backward is time-symmetric up to the start-up transients, which are ~0 here.
  for (int k = 1; k < 300; ++k)
    EXPECT_NEAR(y[400 - k], y[400 + k], 1e-12);
}

TEST(SignalFilterTest, ResamplesRoundedTimeStampsToAUniformGrid) {
  // 600 Hz samples with times rounded to 4 decimals, as in the subject01 GRF files.
  const int n = 601;
  Eigen::VectorXd time(n);
  Eigen::MatrixXd values(n, 2);
  auto f = [](double t) { return std::sin(2.0 * kPi * 1.3 * t); };
  auto g = [](double t) { return 100.0 * t * t; };
  for (int i = 0; i < n; ++i) {
    time[i] = std::round(i / 600.0 * 1e4) / 1e4;
    values(i, 0) = f(time[i]);
    values(i, 1) = g(time[i]);
  }
  ASSERT_TRUE(needsResampling(time));
  EXPECT_NEAR(minTimeStep(time), 0.0016, 1e-12);  // rounding gives steps of 0.0016 and 0.0017
  const UniformSamples uniform = resampleWithSplines(time, values, minTimeStep(time));
  EXPECT_DOUBLE_EQ(uniform.time[0], 0.0);
  EXPECT_LE(uniform.time[uniform.time.size() - 1], 1.0);
  EXPECT_EQ(uniform.time.size(), 626);  // 0, 0.0016, ..., 625 · 0.0016 = 1.0
  for (Eigen::Index r = 1; r < uniform.time.size(); ++r) {
    EXPECT_NEAR(uniform.time[r] - uniform.time[r - 1], 0.0016, 1e-15);
  }
  for (Eigen::Index r = 0; r < uniform.time.size(); ++r) {
    // Quintic interpolation error at h = 1/600 is ~1e-13 inside; within ~15 samples of the ends
    // the natural end conditions (third and fourth derivative zero while f''' is not) give up to
    // ~7e-9. The quadratic satisfies them and is reproduced to rounding.
    const bool nearEnd = r < 15 || r >= uniform.time.size() - 15;
    EXPECT_NEAR(uniform.values(r, 0), f(uniform.time[r]), nearEnd ? 1e-8 : 1e-11) << r;
    EXPECT_NEAR(uniform.values(r, 1), g(uniform.time[r]), 1e-11);
  }
  Eigen::VectorXd exact(5);
  exact << 0.0, 0.25, 0.5, 0.75, 1.0;  // binary fractions: exactly uniform
  EXPECT_FALSE(needsResampling(exact));
}

TEST(SignalFilterTest, CoordinateChainGivesFilteredValueVelocityAndAcceleration) {
  // A 60 Hz coordinate like an IK .mot file (times printed to 8 decimals, so slightly uneven):
  // 20 deg · sin(2π·1 Hz·t) + a 15 Hz ripple that the 6 Hz filter removes. In the middle of the
  // trial the chain must return gain(1 Hz)·(q, q', q'') of the slow part.
  const double sampleRate = 60.0, cutoff = 6.0, omega = 2.0 * kPi;
  const int n = 181;
  Eigen::VectorXd time(n);
  Eigen::MatrixXd q(n, 1);
  for (int i = 0; i < n; ++i) {
    time[i] = 0.5 + std::round(i / sampleRate * 1e8) / 1e8;
    q(i, 0) = 20.0 * std::sin(omega * time[i]) + 0.5 * std::sin(2.0 * kPi * 15.0 * time[i]);
  }
  const SmoothedCoordinates smoothed = smoothCoordinatesLikeOpenSim(time, q, cutoff);
  ASSERT_EQ(smoothed.splines.size(), 1u);
  EXPECT_EQ(smoothed.time.size(), 181 + 2 * 90);  // padded by rows/2 on each side
  EXPECT_NEAR(smoothed.sampleInterval, 1.0 / 60.0, 1e-8);
  const double gain = forwardBackwardGain(1.0, cutoff, sampleRate);
  const double ripple = 0.5 * forwardBackwardGain(15.0, cutoff, sampleRate);  // ~4e-5 deg
  for (int i = 40; i < 140; ++i) {
    const double t = time[i];
    const SplineDerivatives s = smoothed.splines[0].evaluate(t);
    // Residual ripple after filtering bounds the value error; spline error (see gcv_spline_test)
    // adds < 1e-6 relative. Derivatives scale the ripple by 2π·15 and (2π·15)^2.
    EXPECT_NEAR(s.value, gain * 20.0 * std::sin(omega * t), ripple + 1e-6 * 20.0);
    EXPECT_NEAR(s.first, gain * 20.0 * omega * std::cos(omega * t),
                ripple * 2 * kPi * 15 + 1e-5 * 20.0 * omega);
    EXPECT_NEAR(s.second, -gain * 20.0 * omega * omega * std::sin(omega * t),
                ripple * std::pow(2 * kPi * 15, 2) + 1e-4 * 20.0 * omega * omega);
  }
  // Negative cutoff: no filtering, the spline interpolates the raw samples.
  const SmoothedCoordinates raw = smoothCoordinatesLikeOpenSim(time, q, -1.0);
  EXPECT_NEAR(raw.splines[0].value(time[17]), q(17, 0), 1e-12);
  EXPECT_THROW(smoothCoordinatesLikeOpenSim(time, q, 0.0), std::invalid_argument);
}

}  // namespace
}  // namespace kinchain::math
