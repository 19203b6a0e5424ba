#pragma once
// Kinetic-chain metrics per side and per gait cycle: the numbers the mechanisms F1-F7 / H1-H4
// of ../shared/research/kinetic-chain.md talk about, from the inverse-kinematics coordinates,
// the inverse-dynamics moments, the ground reactions with foot markers and the tissue loads.
//
// Inputs use OpenSim layouts on the gait2392 model (gait2354, gait10dof18musc and Rajagopal
// share the names used here): coordinates `<name>_r|_l` (hip_flexion, knee_angle, ankle_angle,
// subtalar_angle, mtp_angle) and pelvis_tilt / pelvis_rotation / lumbar_extension; moments
// `<coordinate>_moment` in N·m; ground reactions ground_force_v{x,y,z} / ground_force_p{x,y,z}
// (right) and l_ground_force_* (left) in N and m, ground frame with Y up (OpenSim).
//
// Sign conventions (gait2392, from the joint axes in data/models/kinchain_gait2392.osim):
// ankle_angle + = dorsiflexion; subtalar_angle + = inversion (eversion = -subtalar);
// mtp_angle + = toe extension; hip_flexion + = flexion; pelvis_tilt + = posterior tilt;
// lumbar_extension + = extension; knee_angle - = flexion in gait2392 but + = flexion in the
// Rajagopal model, hence ChainInputs::kneeFlexionSign.
//
// Gait phases follow Perry & Burnfield (Gait Analysis, 2nd ed. 2010): loading response from
// foot strike to opposite foot off; single-limb support from opposite foot off to opposite foot
// strike; terminal swing is the last third of swing.
//
// A metric that cannot be computed is never guessed: its value is empty and `missing` says why
// (absent column, coordinate locked in the model, no force plates, events missing).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/chain/reference_at_speed.hpp"
#include "kinchain/common/side.hpp"
#include "kinchain/dynamics/force_plate_assignment.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/gait_events.hpp"
#include "kinchain/kinematics/spatiotemporal.hpp"

namespace kinchain::chain {

/// Where a metric is judged against. `low`/`high` are set only for a cited cut-off (or a
/// cited dataset's mean ± 2 SD); otherwise the reference is context only and nothing is flagged.
struct MetricReference {
  std::optional<double> low;   ///< flag "low" below this
  std::optional<double> high;  ///< flag "high" above this
  std::string text;            ///< e.g. "> 19° = flexed-knee gait at mid-stance"
  std::string source;          ///< author year (and where it is quoted)
};

struct MetricFlag {
  Side side = Side::Left;
  std::string kind;  ///< "low" | "high"
  std::string text;  ///< e.g. "57.3° > 19°"
};

/// One side's values of a metric.
struct SideMetric {
  std::vector<std::optional<double>> perCycle;  ///< one entry per cycle used (empty = n/a)
  std::optional<double> value;                  ///< mean of the available per-cycle values
  std::string missing;                          ///< why there is no value (empty when there is)
  /// (value − reference mean) / reference SD at the trial's speed (scoreAgainstReference in
  /// metric_z_scores.hpp); empty with `zMissing` when it cannot be computed.
  std::optional<double> z;
  std::string zMissing;
};

/// The adult reference of a metric at the trial's speed, as the metric was scored against it.
struct MetricNorm {
  double mean = 0.0;
  double sd = 0.0;
  std::size_t n = 0;
  double speedMPerS = 0.0;
  bool clamped = false;  ///< predicted at the nearest end of the reference's speed range
  std::string source;    ///< ReferenceAtSpeed provenance source
};

struct ChainMetric {
  std::string id;         ///< e.g. "peak_dorsiflexion_stance"
  std::string label;      ///< e.g. "Peak ankle dorsiflexion in stance"
  std::string unit;       ///< "deg", "% stance", "N·m/kg", "W/kg", "N/kg"
  std::string mechanism;  ///< "F1".."F7", "H1".."H4"
  SideMetric left;
  SideMetric right;
  MetricReference reference;
  /// The adult reference (ChainInputs::reference) when it has this metric; `normMissing` says
  /// why not otherwise.
  std::optional<MetricNorm> norm;
  std::string normMissing;
  std::optional<double> asymmetryPercent;  ///< filled by addAsymmetry (asymmetry.hpp)
  std::string asymmetryMissing;
  std::vector<MetricFlag> flags;  ///< filled by flagMetrics

  const SideMetric& side(Side s) const { return s == Side::Left ? left : right; }
  SideMetric& side(Side s) { return s == Side::Left ? left : right; }
};

struct ChainInputs {
  /// IK coordinates (required). Rotations in degrees when io::stoIsInDegrees(table), else rad.
  const io::TimeSeriesTable* coordinates = nullptr;
  /// Inverse dynamics, `<coordinate>_moment` in N·m; nullptr without force plates.
  const io::TimeSeriesTable* inverseDynamics = nullptr;
  /// Joint powers, `<coordinate>_power` in W (dynamics::computeJointPowers, from the same
  /// processed coordinates inverse dynamics used); nullptr without force plates.
  const io::TimeSeriesTable* jointPowers = nullptr;
  /// Thorax forward tilt from the thorax markers, column "thorax_forward_tilt" in degrees
  /// (kinematics::thoraxForwardTilt); nullptr when the marker set has no thorax markers. When
  /// present it is the trunk lean; otherwise pelvis_tilt + lumbar_extension stand in for it.
  const io::TimeSeriesTable* thoraxTilt = nullptr;
  /// Per-foot ground reactions (OpenSim GRF columns); nullptr without force plates.
  const io::TimeSeriesTable* groundReactions = nullptr;
  /// Heel and toe points of each foot (ground frame, m, Y up) for forefoot-vs-heel loading:
  /// the calcn and toes body origins from IK, or heel and toe markers on the metatarsal heads
  /// (Plug-in Gait TOE), so heel->toe spans the foot without the toes, as Cavanagh & Rodgers
  /// (1987) divide the footprint. nullptr when not available.
  const dynamics::FootPoints* footPoints = nullptr;
  /// Tissue loads, columns `<quantity>_r|_l` in N; nullptr when not computed.
  const io::TimeSeriesTable* tissueLoads = nullptr;
  /// Quantities of `tissueLoads` to summarise, e.g. {"achilles_force", "plantar_fascia_force"}.
  std::vector<std::string> tissueLoadQuantities;
  std::vector<kinematics::GaitEvent> events;
  /// Coordinates the marker set cannot observe (e.g. mtp_angle_r/l with no marker on the toes,
  /// as in Plug-in Gait): IK leaves them near their default, so their metrics and curves are
  /// "not available" instead of a false deficit.
  std::vector<std::string> unobservedCoordinates;
  double bodyMassKg = 0.0;  ///< > 0 for moments, powers and loads per kg; else those are n/a
  /// -1 when knee_angle is negative in flexion (gait2392/2354, gait10dof18musc), +1 when
  /// positive (Rajagopal 2015).
  double kneeFlexionSign = -1.0;
  /// Adult reference norms predicted at the trial's walking speed (reference_at_speed.hpp);
  /// nullptr = no norms: metrics are judged only against cited cut-offs and curves carry
  /// OpenSim's mean-only typical curve as context.
  const ReferenceAtSpeed* reference = nullptr;
};

/// Complete gait cycles of one side (kinematics::gaitCycles on inputs.events).
std::vector<kinematics::GaitCycle> sideCycles(const ChainInputs& inputs, Side side);

/// Every metric, both sides, every cycle; flags set where the reference is a cited cut-off.
/// Throws std::invalid_argument when inputs.coordinates is null. Asymmetry is added separately
/// (addAsymmetry in asymmetry.hpp).
std::vector<ChainMetric> computeChainMetrics(const ChainInputs& inputs);

/// Sets `flags` on each metric from its reference low/high and the per-side mean values.
void flagMetrics(std::vector<ChainMetric>& metrics);

/// Why `coordinate` cannot be used, or empty when it can (listed in unobservedCoordinates).
std::string unobservedReason(const ChainInputs& inputs, const std::string& coordinate);

/// Multiplier that turns the coordinate column values into degrees (1 or 180/pi).
double degreesPerUnit(const io::TimeSeriesTable& coordinates);

/// Column suffix of a side in OpenSim names: "_l" or "_r".
std::string sideSuffix(Side side);

/// How a tissue-load quantity is shown: forces (N) and moments (N*m) per kilogram of body
/// mass, every other quantity (BW, m, %, m/s, deg, ratios) in its own unit, unscaled.
struct TissueLoadDisplay {
  std::string unit;     ///< unit of the shown values, e.g. "N/kg", "BW", "%"
  double scale = 1.0;   ///< multiplier from the table's values to the shown values
  std::string missing;  ///< why it cannot be shown (body mass unknown for a force), or empty
};

/// Reader's name of a tissue-load quantity (a column name without its _l/_r suffix), in the
/// form used inside a sentence: "Achilles tendon force", "semimembranosus stretch (...)".
/// Unknown quantities come back with '_' read as spaces.
std::string tissueLoadLabel(const std::string& quantity);

/// Whether `quantity` is a muscle's share of the ankle plantarflexion moment ("*_moment_share"):
/// a ratio unbounded where the moment crosses zero, so it has no curve and no peak over the
/// cycle, only its value at the moment's stance peak.
bool isMomentShare(const std::string& quantity);

/// Whether `quantity` is the inverse-dynamics ankle plantarflexion moment, the shares'
/// denominator: a kinetic metric and moment curve already, not repeated among the tissue loads.
bool isAnkleMomentDenominator(const std::string& quantity);

/// tissueLoadLabel with a capital first letter, for a title or a sentence start.
std::string tissueLoadTitle(const std::string& quantity);

/// Display unit and scale of `quantity` (a tissue-load column name without its _l/_r suffix),
/// from the unit the tissue-load table gives its first column of that quantity.
TissueLoadDisplay tissueLoadDisplay(const io::TimeSeriesTable& tissueLoads,
                                    const std::string& quantity, double bodyMassKg);

}  // namespace kinchain::chain
