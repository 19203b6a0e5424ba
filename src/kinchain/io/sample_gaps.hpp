#pragma once
// Gaps in sampled signals: runs of consecutive samples that hold no value (NaN, or a blank
// field read as NaN), and the one repair Kinchain makes to them.
//
// Policy (used for force-plate signals, io/c3d_force_platforms.cpp, and for ground reactions
// assigned to feet, dynamics/force_plate_assignment.cpp): a gap is filled by linear
// interpolation between the samples on either side only when those two samples lie at most one
// motion (marker) frame apart, i.e. the gap is shorter than one frame of the kinematics. The
// kinematics and the inverse-dynamics solution are sampled at the motion frames, so such a gap
// hides nothing the analysis can resolve: the filled signal at every motion frame is what linear
// interpolation of a signal sampled at the motion rate would give. The motion rate itself is
// the one chosen to capture the movement (at least twice its highest frequency: the sampling
// theorem, Winter 2009, Biomechanics and Motor Control of Human Movement, 4th ed., ch. 2
// "Signal Processing"). Gap-filling studies agree that interpolation error grows with the gap's
// length (Howarth & Callaghan 2010, Comput Methods Biomech Biomed Engin 13:847-855), so nothing
// longer is filled: a longer gap, or one at either end of the record, is refused by the caller.

#include <Eigen/Core>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kinchain::io {

/// Samples [first, last] (inclusive, 0-based rows) hold no value.
struct SampleGap {
  Eigen::Index first = 0;
  Eigen::Index last = 0;

  Eigen::Index length() const { return last - first + 1; }
};

/// The gaps of a signal with `rows` samples, in order: maximal runs of rows for which
/// `missing(row)` is true. Cost O(rows).
std::vector<SampleGap> findSampleGaps(Eigen::Index rows,
                                      const std::function<bool(Eigen::Index)>& missing);

/// Whether `gap` may be filled under the policy above: a sample exists on both sides and those
/// two samples are at most `maxSpanSeconds` apart. `time` holds the sample times (s).
bool isFillableGap(const SampleGap& gap, const std::vector<double>& time, double maxSpanSeconds);

/// Replaces the non-finite values of rows gap.first..gap.last of `values` by linear interpolation
/// in time between rows gap.first - 1 and gap.last + 1. Requires isFillableGap and finite values
/// in those two rows for every column that is filled.
void fillGapLinearly(const SampleGap& gap, const std::vector<double>& time,
                     Eigen::Ref<Eigen::MatrixXd> values);

/// "0.512-0.514 s": the time span of a gap, for messages (4 decimals: 0.1 ms).
std::string gapTimeSpan(const SampleGap& gap, const std::vector<double>& time);

}  // namespace kinchain::io
