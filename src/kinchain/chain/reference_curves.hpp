#pragma once
// OpenSim's typical gait curves (data/reference/normal_gait.mot and crouch_gait.mot, Apache-2.0,
// from opensim-core; see data/reference/README.md) as a walking trial Kinchain can analyse:
// the single cycle is repeated once so both sides have a complete cycle, and gait events are
// placed at the normal phase timing of Perry & Burnfield (Gait Analysis, 2nd ed. 2010): right
// foot strike 0 %, left foot off 10 %, left foot strike 50 %, right foot off 60 % of the right
// cycle. The files carry no events, so for crouch_gait.mot this timing is an assumption.

#include <Eigen/Core>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/gait_events.hpp"

namespace kinchain::chain {

/// A mean reference curve over 0..100 % of the cycle (kCyclePoints values).
struct ReferenceCurve {
  Eigen::VectorXd mean;
  std::optional<Eigen::VectorXd> sd;  ///< empty: the source gives no SD
  std::string source;
};

struct TypicalGait {
  io::TimeSeriesTable singleCycle;            ///< the file as read: one right cycle, t = 0..1 s
  io::TimeSeriesTable twoCycles;              ///< the cycle repeated: t = 0..2 s
  std::vector<kinematics::GaitEvent> events;  ///< Perry & Burnfield timing on twoCycles
  std::string source;
};

/// Fraction of the cycle at which each event falls (Perry & Burnfield 2010, normal walking).
inline constexpr double kOppositeFootOffFraction = 0.10;
inline constexpr double kOppositeFootStrikeFraction = 0.50;
inline constexpr double kFootOffFraction = 0.60;

/// data/reference/<fileName>: the installed copy, else the source tree's. Throws
/// std::runtime_error naming both places when neither exists.
std::filesystem::path referenceDataPath(std::string_view fileName);

/// Reads a one-cycle typical-gait .mot (time 0..1 = 0..100 % of the right cycle). Throws
/// kinchain::InputError when the file is unreadable or its time column does not span 0..1.
TypicalGait loadTypicalGait(const std::filesystem::path& motFile, std::string source);

/// normal_gait.mot / crouch_gait.mot from data/reference.
TypicalGait normalGait();
TypicalGait crouchGait();

/// The right-side column `column` of `gait.singleCycle` resampled to kCyclePoints, times
/// `scale`; std::nullopt when the column is absent.
std::optional<ReferenceCurve> referenceCurve(const TypicalGait& gait, std::string_view column,
                                             double scale = 1.0);

}  // namespace kinchain::chain
