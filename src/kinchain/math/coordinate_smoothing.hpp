#pragma once
// The coordinate processing of OpenSim's Inverse Dynamics tool (opensim-core
// OpenSim/Tools/InverseDynamicsTool.cpp with Storage::pad / Storage::lowpassIIR), reproduced so
// that q, q' and q'' match OpenSim's:
//   1. pad every column (and time) by point reflection, rows/2 samples per side (integer division);
//   2. if the padded time steps are not uniform, resample all columns with quintic natural splines
//      at the smallest time step (resampling.hpp);
//   3. third-order Butterworth low-pass forward and backward at the cutoff (butterworth.hpp);
//   4. fit a quintic natural spline per column (GCVSplineSet(5, ...), error variance 0), giving
//      value, first and second derivative anywhere in the padded range.
// Pass the whole coordinate file, not just the analysed time range: OpenSim pads and filters the
// full file and only then evaluates the splines inside <time_range>, so trimming first changes
// the padding and the filter's start-up.
// OpenSim converts degrees to radians between steps 3 and 4; every step is linear in the values,
// so converting before or after gives the same splines up to rounding.

#include <Eigen/Core>

#include <vector>

#include "kinchain/math/gcv_spline.hpp"

namespace kinchain::math {

struct SmoothedCoordinates {
  Eigen::VectorXd time;            ///< knots: padded (and possibly resampled) times (s)
  Eigen::MatrixXd values;          ///< filtered values at the knots, one column per input column
  std::vector<GcvSpline> splines;  ///< quintic spline per column
  double sampleInterval = 0.0;     ///< step the filter used (s)
};

/// @param time             strictly increasing, finite times (s), >= 6 of them
/// @param values           rows = time.size(), one column per coordinate, finite
/// @param lowpassCutoffHz  > 0: steps 1-4; negative: no filtering, only step 4 on the raw data
///                         (OpenSim's "-1 = no filtering"); 0 is rejected (degenerate filter)
/// @throws std::invalid_argument for violated preconditions (message says which)
SmoothedCoordinates smoothCoordinatesLikeOpenSim(const Eigen::VectorXd& time,
                                                 const Eigen::MatrixXd& values,
                                                 double lowpassCutoffHz);

}  // namespace kinchain::math
