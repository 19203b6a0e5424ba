#pragma once
// Gait findings: the mechanisms F1-F7 / H1-H4 of ../shared/research/kinetic-chain.md that the
// chain metrics support, per side, with the numbers, the reference and its source.
//
// A table of rules (gaitRules()) says which metric bears on which mechanism, in which
// direction, and on which side the finding is placed. A rule is judged only against a cited
// cut-off: for a per-side rule, the metric's own reference (ChainMetric::reference low/high,
// set in chain_metrics.cpp with its source); for an asymmetry rule, a cut-off cited in the rule.
// Today two rules are judged:
//   H1  knee_flexion_midstance > 19° (inclusion criterion of a cerebral-palsy flexed-knee-gait
//       cohort, O'Sullivan, French & Horgan 2022; not a typical-development norm, so the
//       finding carries that caveat)
//   F4  peak_mtp_extension_stance < 42° (Caravaggi et al. 2010 slow walking 52 ± 5°, mean - 2 SD)
// Every other rule names its metric and says why it is not judged (no cited gait cut-off, with
// the reason); a mechanism none of whose rules could be judged is listed in `notAssessed` with
// those reasons, and its metrics are reported unflagged. A finding is a mechanism the data are
// consistent with, not a diagnosis.
//
// With adult norms (ReferenceAtSpeed, metrics scored by scoreAgainstReference) a side-flag rule
// is judged against the reference band instead: its metric supports the mechanism when its z
// lies beyond the band in the rule's direction. Because a healthy walker measured on ~50
// measures falls outside ± 2 SD on a few by chance, a mechanism is raised only as the
// ReferenceJudging rule says (default: two supporting metrics at |z| ≥ 2, or one at |z| ≥ 3;
// docs/gait-metrics.md gives the reasoning). A metric the norms lack falls back to its cited
// cut-off, or is not judged with the reason. Asymmetry rules without a cited cut-off use the
// cohort's own 95th percentile of |symmetry index| (symmetry-index rules only).
//
// Sides. A finding sits on the side where the mechanism acts. For most rules that is the side
// whose metric deviates; F7 (one collapsing ankle tensioning the *opposite* hamstring) places
// the finding on the other side: GaitFinding::side is the hamstring side, causeSide and each
// FindingEvidence::side the ankle side. toGaitEvidence hands the screening module the cause
// side, because screen::findFindings keys F7 on the ankle (affects_opposite_side).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kinchain/chain/chain_metrics.hpp"
#include "kinchain/chain/reference_at_speed.hpp"
#include "kinchain/screen/findings.hpp"

namespace kinchain::chain {

/// How a rule judges its metric.
enum class RuleKind {
  SideFlag,   ///< a side's value is flagged against the metric's cited reference (flagMetrics)
  Asymmetry,  ///< one side deviates from the other by more than the rule's cited cut-off
};

/// SideFlag: the flag kind ("low" | "high"). Asymmetry: the deviating side is the one with the
/// smaller (Low) or larger (High) value.
enum class RuleDirection { Low, High };

/// Where the finding goes relative to the side whose metric deviates.
enum class FindingPlacement { SameSide, OppositeSide };

/// How an asymmetry rule measures the difference between the sides.
enum class AsymmetryMeasure {
  Difference,     ///< deviating minus other side, in the metric's unit (for angles near zero)
  SymmetryIndex,  ///< Robinson, Herzog & Nigg (1987) SI in % (asymmetry.hpp), deviating side
};

/// One metric bearing on one mechanism.
struct GaitRule {
  std::string_view mechanism;  ///< "F1".."F7", "H1".."H4"
  std::string_view metric;     ///< ChainMetric::id
  RuleKind kind = RuleKind::SideFlag;
  RuleDirection direction = RuleDirection::High;
  FindingPlacement placement = FindingPlacement::SameSide;
  AsymmetryMeasure measure = AsymmetryMeasure::Difference;  ///< Asymmetry only
  /// Asymmetry only: the cited cut-off in the measure's unit; empty when none is cited, and
  /// then the rule is not judged.
  std::optional<double> asymmetryCutoff;
  std::string_view cutoffSource;  ///< Asymmetry only: author year of asymmetryCutoff
  /// Why the rule has no cited cut-off (shown when it is not judged); empty for rules with one.
  std::string_view notJudged;
  /// Shown with the evidence when the cut-off comes from another population.
  std::string_view caveat;
};

/// When a mechanism counts as raised against adult norms: the rule as data, so the engineer who
/// holds the norms can measure its false-positive rate (leave-one-out over the cohort) and tune
/// it. A metric *supports* its mechanism when its z lies at or beyond `supportingZ` in the
/// rule's direction (z ≥ +supportingZ for "high", z ≤ −supportingZ for "low"). The mechanism
/// is raised on a side when at least `supportingCount` metrics support it there, or one lies at
/// or beyond `decisiveZ` in the rule's direction.
struct ReferenceJudging {
  /// mean ± 2 SD: the common flagging band, about the central 95 % of a normal distribution
  /// (gait-norms.md §3).
  double supportingZ = 2.0;
  /// Two supporting metrics [derived]: with k independent measures at 2 SD the chance of at
  /// least one exceedance is 1 − 0.954^k (about 90 % for k = 50), so one is weak evidence
  /// (gait-norms.md §3); docs/gait-metrics.md works through the rates.
  int supportingCount = 2;
  /// One metric beyond 3 SD [derived]: a two-sided tail of 0.27 % per measure (normal
  /// distribution), rare enough to stand alone on the few metrics one mechanism has.
  double decisiveZ = 3.0;
  /// Where the rule comes from, shown with the findings.
  std::string_view source =
      "default rule: ≥ 2 metrics beyond |z| ≥ 2 in the mechanism's direction, or one beyond "
      "|z| ≥ 3 (multiplicity, gait-norms.md §3; docs/gait-metrics.md) [derived]";
};

struct FindingEvidence {
  std::string metric;      ///< metric id
  Side side = Side::Left;  ///< side the value was measured on (F7: the collapsing ankle)
  double value = 0.0;      ///< side mean
  std::string unit;
  std::string reference;  ///< e.g. "≤ 19°", or for an asymmetry the other side and the cut-off
  std::string source;     ///< author year
  std::string caveat;     ///< also appended to `reference`, which is what results.json carries
  /// Judged against adult norms: the reference mean and SD at the trial's speed, and z.
  std::optional<double> referenceMean;
  std::optional<double> referenceSd;
  std::optional<double> z;
  std::optional<double> speedMPerS;  ///< speed the reference was predicted at
};

struct GaitFinding {
  std::string id;               ///< "F1".."F7", "H1".."H4"
  Side side = Side::Left;       ///< where the mechanism acts (F7: the opposite hamstring)
  Side causeSide = Side::Left;  ///< the side whose metric deviates (= side except for F7)
  std::string title;
  std::string region;  ///< chain-picture region (docs/analysis-results.md)
  std::vector<FindingEvidence> evidence;
  std::string source;  ///< "kinetic-chain.md H1"
};

/// A mechanism (per side) the gait data could not judge, and why.
struct MechanismNotAssessed {
  std::string id;
  Side side = Side::Left;
  std::string reason;
};

struct GaitFindings {
  std::vector<GaitFinding> findings;
  std::vector<MechanismNotAssessed> notAssessed;
};

/// The shipped rule table (the inventory of docs/gait-metrics.md), in mechanism order.
std::span<const GaitRule> gaitRules();

/// Findings from flagged metrics (metrics must have gone through flagMetrics) by gaitRules().
GaitFindings gaitFindings(const std::vector<ChainMetric>& metrics);

/// The same with another rule table (tests; a rule for an unknown mechanism is ignored).
GaitFindings gaitFindings(const std::vector<ChainMetric>& metrics, std::span<const GaitRule> rules);

/// Against adult norms: `metrics` scored by scoreAgainstReference (metric_z_scores.hpp) against
/// `reference`, judged by `judging`; `reference` null = the cited cut-offs only (as above).
GaitFindings gaitFindings(const std::vector<ChainMetric>& metrics, std::span<const GaitRule> rules,
                          const ReferenceAtSpeed* reference, const ReferenceJudging& judging = {});

/// Where a mechanism sits on the chain picture: one of foot, big_toe, arch, subtalar, ankle,
/// achilles, calf, knee, hamstrings, hip, pelvis, trunk.
std::string_view mechanismRegion(std::string_view mechanismId);

/// The findings as evidence for the screening root causes (screen::findFindings), each on its
/// cause side; `source` names the trial, e.g. "gait analysis of walk.c3d".
screen::GaitEvidence toGaitEvidence(const GaitFindings& findings, const std::string& source);

}  // namespace kinchain::chain
