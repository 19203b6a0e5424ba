#pragma once
// Third-order Butterworth low-pass IIR filter applied forward and backward (zero lag), matching
// OpenSim's Signal::LowpassIIR (opensim-core OpenSim/Common/Signal.cpp), which Storage::lowpassIIR
// and the Inverse Dynamics tool use for coordinates.
//
// Design: the analog prototype H(s) = 1 / ((s + 1)(s^2 + s + 1)) mapped by the bilinear transform
// with the cutoff pre-warped, wa = tan(pi·fc·T) (bilinear transformation: Oppenheim & Schafer,
// "Discrete-Time Signal Processing"). One pass has |H(fc)| = 1/sqrt(2); forward plus backward
// squares the magnitude (|H(fc)|^2 = 1/2, i.e. -6 dB) and cancels the phase.
//
// Start-up exactly as OpenSim: each pass copies its first three input samples to the output and
// runs the recursion from the fourth; the backward pass runs on the reversed forward output.
// OpenSim pads the signal first (signal_padding.hpp) so these transients stay in the pad.

#include <Eigen/Core>

#include <array>

namespace kinchain::math {

/// y[i] = sum_k numerator[k]·x[i-k] - sum_{k>=1} denominator[k]·y[i-k], denominator[0] = 1.
struct Butterworth3Coefficients {
  std::array<double, 4> numerator{};
  std::array<double, 4> denominator{};
};

/// Coefficients for sample interval `sampleInterval` (s) and cutoff `cutoffHz`. As OpenSim does,
/// a cutoff at or above half the sample rate is lowered to 0.49 × sample rate.
/// @throws std::invalid_argument unless sampleInterval > 0 and cutoffHz > 0 (both finite).
Butterworth3Coefficients butterworth3Design(double sampleInterval, double cutoffHz);

/// Forward-backward third-order Butterworth low-pass of a uniformly sampled signal.
/// @param signal      samples (any length; fewer than 4 samples are returned unchanged, as the
///                    recursion never starts)
/// @param sampleRate  Hz, > 0
/// @param cutoffHz    Hz, > 0 (clamped to 0.49·sampleRate as above)
Eigen::VectorXd lowpassButterworth3(const Eigen::VectorXd& signal, double sampleRate,
                                    double cutoffHz);

/// As lowpassButterworth3, with the sample interval given directly (what OpenSim passes).
Eigen::VectorXd lowpassButterworth3Interval(const Eigen::VectorXd& signal, double sampleInterval,
                                            double cutoffHz);

}  // namespace kinchain::math
