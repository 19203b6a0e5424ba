#pragma once
// A healthy reference built by `kinchain norms build` (format kinchain.norms/1, docs/norms.md),
// held in memory, and the reference predicted at a patient's walking speed.
//
// Walking speed changes the healthy pattern, and predicting the reference at the patient's
// speed changes summary scores noticeably (gait-norms.md §3, Gait Posture 69:40, 2019), so the
// prediction uses each measure's least-squares line on speed. Outside the cohort's speed range
// the line is not extrapolated: it is taken at the nearest end and the caller is told.
//
// This is the reading side used by the chain stage; it depends on no analysis code.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kinchain::reference {

inline constexpr std::string_view kNormsFormat = "kinchain.norms/1";

/// A statistic needs at least this many samples; below it the format writes null
/// (docs/norms.md). Three is the least for which the speed line's residual SD (n − 2
/// denominator) is defined; the other statistics use the same bound so that one n decides.
inline constexpr int kMinimumSamples = 3;

/// Mean and SD of one group of samples (a stratum); unset below kMinimumSamples.
struct SampleSummary {
  int n = 0;
  std::optional<double> mean;
  std::optional<double> sd;  ///< sample SD (n − 1 denominator)
};

/// Ordinary least-squares line of a value on stride speed (m/s) over every stride.
struct SpeedLine {
  int n = 0;  ///< strides with both a value and a speed
  std::optional<double> intercept;
  std::optional<double> slope;       ///< per m/s
  std::optional<double> residualSd;  ///< SD of the residuals, n − 2 denominator
};

/// Percentiles of the pooled samples (linear interpolation between order statistics,
/// Hyndman & Fan 1996 definition 7).
struct Percentiles {
  double p2_5 = 0.0, p5 = 0.0, p25 = 0.0, p50 = 0.0, p75 = 0.0, p95 = 0.0, p97_5 = 0.0;
};

/// The cohort's own left-right symmetry index (results.json asymmetry_percent), one per trial.
struct AsymmetryNorm {
  int n = 0;
  std::optional<double> meanAbsPercent;  ///< mean of |index|
  std::optional<double> sdPercent;       ///< SD of the signed index (n − 1 denominator)
  std::optional<double> p95AbsPercent;   ///< 95th percentile of |index|
};

/// One per-cycle metric of results.json "metrics", pooled over sides, strides and strata.
struct MetricNorm {
  std::string unit;
  std::string label;
  int n = 0;
  std::optional<double> mean, sd, min, max;
  std::optional<Percentiles> percentiles;
  SpeedLine speedModel;
  std::map<std::string, SampleSummary> strata;
  std::optional<AsymmetryNorm> asymmetry;  ///< unset: the index was never defined
};

/// Per-point mean and SD of the cycles of one stratum; empty vectors below kMinimumSamples.
struct CurveBand {
  int n = 0;
  std::vector<double> mean;
  std::vector<double> sd;
};

/// Per-point least-squares lines on speed; empty vectors when not computable.
struct CurveSpeedLine {
  int n = 0;
  std::vector<double> intercept;
  std::vector<double> slope;
  std::vector<double> residualSd;
};

/// One time-normalised curve of results.json "curves".
struct CurveNorm {
  std::string group;
  std::string unit;
  std::string label;
  int points = 0;  ///< samples per cycle, evenly spaced over 0..100 % of the cycle
  std::map<std::string, CurveBand> strata;
  CurveSpeedLine speedModel;
};

/// Walking speed over a stratum's strides (m/s); unset below kMinimumSamples.
struct SpeedSummary {
  std::optional<double> mean, sd, min, max;
};

struct StratumNorm {
  std::string name;
  int strides = 0;
  SpeedSummary speed;
};

/// A manifest trial that is not in the reference, and why.
struct LeftOutTrial {
  std::string participant;
  std::string trial;
  std::string stratum;
  std::string reason;
};

struct Provenance {
  std::string dataset;
  std::string citation;
  std::string licence;
  int participants = 0;
  int trials = 0;
  int strides = 0;
  std::optional<std::pair<double, double>> speedRange;  ///< slowest and fastest stride, m/s
  std::string kinchainVersion;
  std::string model;
  std::string protocol;
  std::string manifest;
  std::string command;
  std::vector<LeftOutTrial> leftOut;
};

/// The reference at one walking speed.
struct MetricPrediction {
  double mean = 0.0;
  double sd = 0.0;  ///< the speed line's residual SD
  int n = 0;
  double requestedSpeed = 0.0;
  double speedUsed = 0.0;  ///< requestedSpeed, or the nearest end of the cohort's range
  bool clamped = false;    ///< requestedSpeed lay outside the cohort's range
};

struct CurvePrediction {
  std::vector<double> mean;
  std::vector<double> sd;
  int n = 0;
  double requestedSpeed = 0.0;
  double speedUsed = 0.0;
  bool clamped = false;
};

class ReferenceNorms {
 public:
  Provenance provenance;
  std::vector<StratumNorm> strata;  ///< in the manifest's order of first appearance
  std::map<std::string, CurveNorm> curves;
  std::map<std::string, MetricNorm> metrics;

  /// Reads a kinchain.norms/1 file.
  /// @throws InputError naming the file, the field ("field curves.knee_angle.points") and
  ///         the reason: another format or version, a missing or malformed field, arrays whose
  ///         length is not the curve's point count.
  static ReferenceNorms read(const std::string& path);

  /// The metric's reference at `speedMps`; nothing when the reference has no speed line for
  /// `id` (unknown id, too few strides, or no speed range).
  /// @throws std::invalid_argument for a speed that is not a finite number.
  std::optional<MetricPrediction> predictMetric(const std::string& id, double speedMps) const;

  /// The curve's reference at `speedMps`, point by point; nothing as for predictMetric.
  std::optional<CurvePrediction> predictCurve(const std::string& id, double speedMps) const;
};

}  // namespace kinchain::reference
