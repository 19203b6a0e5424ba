#include "kinchain/chain/gait_findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "kinchain/chain/asymmetry.hpp"
#include "kinchain/chain/metric_z_scores.hpp"

namespace kinchain::chain {

namespace {

struct Mechanism {
  std::string_view id;
  std::string_view title;
  std::string_view region;  ///< where the finding is drawn (F7: the opposite hamstring)
};

constexpr std::array<Mechanism, 11> kMechanisms = {{
    {"F1", "Over-pronation (flat / collapsing arch) in gait", "arch"},
    {"F2", "Rigid high arch (supination) in gait", "foot"},
    {"F3", "Limited ankle dorsiflexion in stance", "ankle"},
    {"F4", "Limited big-toe extension at push-off", "big_toe"},
    {"F5", "Calf overwork stabilising an unstable foot", "calf"},
    {"F6", "Unstable foot feeding hamstring co-contraction", "hamstrings"},
    {"F7", "Collapsing ankle loading the opposite hamstring", "hamstrings"},
    {"H1", "Knee-extension deficit in stance (tight hamstrings)", "hamstrings"},
    {"H2", "Hamstring tension passed to the calf", "calf"},
    {"H3", "Altered loading of plantar fascia and Achilles", "achilles"},
    {"H4", "Pelvic tilt and posture change", "pelvis"},
}};

// Why a rule is not judged: each names what ../shared/research does (and does not) give.
constexpr std::string_view kNoDorsiflexionCutoff =
    "no cited gait cut-off: the dorsiflexion cut-offs of clinical.md §1.1 are for the "
    "weight-bearing lunge test (< 36.5°, Backman 2011) and the 35–40° of kinetic-chain.md §2 F3 "
    "is weight-bearing range for sprinters; neither is peak dorsiflexion while walking";
constexpr std::string_view kNoForefootShareCutoff =
    "no cited gait cut-off: ../shared/research gives no norm for the share of stance with the "
    "centre of pressure under the forefoot";
constexpr std::string_view kNoPelvisCutoff =
    "no cited gait cut-off: ../shared/research gives no pelvic-motion norm for walking";

constexpr RuleDirection kLow = RuleDirection::Low;
constexpr RuleDirection kHigh = RuleDirection::High;

/// A side-flag rule judged against the metric's cited reference (chain_metrics.cpp).
constexpr GaitRule cited(std::string_view mechanism, std::string_view metric,
                         RuleDirection direction, std::string_view caveat = {}) {
  GaitRule rule;
  rule.mechanism = mechanism;
  rule.metric = metric;
  rule.direction = direction;
  rule.caveat = caveat;
  return rule;
}

/// A side-flag rule whose metric has no cited gait cut-off: reported as not judged, with why.
constexpr GaitRule uncited(std::string_view mechanism, std::string_view metric,
                           RuleDirection direction, std::string_view why,
                           FindingPlacement placement = FindingPlacement::SameSide) {
  GaitRule rule;
  rule.mechanism = mechanism;
  rule.metric = metric;
  rule.direction = direction;
  rule.placement = placement;
  rule.notJudged = why;
  return rule;
}

/// An asymmetry rule without a cited cut-off: reported as not judged, with why.
constexpr GaitRule uncitedAsymmetry(std::string_view mechanism, std::string_view metric,
                                    RuleDirection direction, FindingPlacement placement,
                                    AsymmetryMeasure measure, std::string_view why) {
  GaitRule rule = uncited(mechanism, metric, direction, why, placement);
  rule.kind = RuleKind::Asymmetry;
  rule.measure = measure;
  return rule;
}

/// Which metric bears on which mechanism (kinetic-chain.md §2), in which direction, judged
/// against what. Side-flag cut-offs live with the metric (chain_metrics.cpp, with source).
constexpr std::array<GaitRule, 20> kRules = {{
    // F1: over-pronation -> more, or longer, subtalar eversion.
    uncited("F1", "peak_eversion_stance", kHigh,
            "no cited gait cut-off: clinical.md §1.3–1.4 gives foot-posture cut-offs (navicular "
            "drop > 10 mm, FPI-6 ≥ +6) measured standing, not subtalar eversion while walking, "
            "and static posture predicts dynamic foot motion only weakly (clinical.md caveat 3)"),
    uncited("F1", "peak_eversion_timing", kHigh,
            "no cited gait cut-off: ../shared/research gives no timing of peak eversion in "
            "walking"),
    // F2: rigid high arch -> limited pronation.
    uncited("F2", "peak_eversion_stance", kLow,
            "no cited gait cut-off: clinical.md §1.3 calls < 5 mm navicular drop as "
            "'rigid/supinated' speculated, not established, and it is a standing measure"),
    // F3: limited dorsiflexion in stance.
    uncited("F3", "peak_dorsiflexion_stance", kLow, kNoDorsiflexionCutoff),
    // F4: limited big-toe extension -> weak push-off.
    cited("F4", "peak_mtp_extension_stance", kLow),
    uncited("F4", "peak_ankle_power_generation", kLow,
            "no cited gait cut-off: ../shared/research gives no push-off ankle power norm"),
    uncited("F4", "peak_ankle_plantarflexor_moment", kLow,
            "no cited gait cut-off: ../shared/research gives no plantarflexor moment norm"),
    // F7: one ankle dorsiflexes too far between first contact and full load (a difference in
    // degrees: the excursion crosses zero, where the symmetry index is undefined) -> the
    // opposite hamstring; the pelvis rotates forward.
    uncitedAsymmetry(
        "F7", "dorsiflexion_excursion_loading", kHigh, FindingPlacement::OppositeSide,
        AsymmetryMeasure::Difference,
        "no cited gait asymmetry cut-off: clinical.md gives limb-asymmetry cut-offs only for "
        "clinical tests (lunge > 1.5 cm §1.1, heel-rise > 10 % §1.7, Nordic ≥ 15 % §1.9, hop "
        "LSI < 90 % §1.10), none for dorsiflexion while walking, and healthy gait is not "
        "symmetric (Sadeghi et al. 2000)"),
    uncited("F7", "pelvis_rotation_range", kHigh, kNoPelvisCutoff, FindingPlacement::OppositeSide),
    // H1: tight hamstrings -> less knee and hip extension, forward lean, early heel lift, more
    // forefoot pressure.
    cited("H1", "knee_flexion_midstance", kHigh,
          "cut-off is the inclusion criterion of a bilateral cerebral-palsy flexed-knee-gait "
          "cohort, not a typical-development norm (none in ../shared/research)"),
    uncited("H1", "knee_flexion_terminal_swing", kHigh,
            "no cited gait cut-off: ../shared/research gives no knee-extension norm for terminal "
            "swing"),
    uncited("H1", "peak_hip_extension_stance", kLow,
            "no cited gait cut-off: ../shared/research gives no hip-extension norm for walking"),
    uncited("H1", "trunk_forward_lean_mean", kHigh,
            "no cited gait cut-off: ../shared/research gives no trunk-lean norm for walking"),
    uncited("H1", "heel_rise_timing", kLow,
            "no cited gait cut-off: Perry & Burnfield (2010) place heel rise at about 31 % of the "
            "gait cycle in normal walking, with no spread to judge 'premature' against"),
    uncited("H1", "forefoot_loading_share", kHigh, kNoForefootShareCutoff),
    // H2: calf tightness follows -> restricted dorsiflexion (calf forces are reported only).
    uncited("H2", "peak_dorsiflexion_stance", kLow, kNoDorsiflexionCutoff),
    // H3: altered loading of plantar fascia and Achilles.
    uncited("H3", "forefoot_loading_share", kHigh, kNoForefootShareCutoff),
    uncited("H3", "peak_achilles_force", kHigh,
            "no cited gait cut-off: biomechanics.md §3.4 gives walking means without a spread "
            "(44.0 N/kg, shear-wave tensiometry; 1.989–2.63 kN, Kharazi et al. 2021) from "
            "methods that disagree; context only"),
    // H4: pelvic tilt and posture.
    uncited("H4", "anterior_pelvic_tilt_mean", kHigh, kNoPelvisCutoff),
    uncited("H4", "pelvis_tilt_range", kHigh, kNoPelvisCutoff),
}};

const Mechanism* findMechanism(std::string_view id) {
  for (const auto& mechanism : kMechanisms)
    if (mechanism.id == id) return &mechanism;
  return nullptr;
}

std::string unitSuffix(const ChainMetric& metric) {
  return metric.unit == "deg" ? "°" : " " + metric.unit;
}

/// The range the metric's cited cut-off calls typical, e.g. "≥ 42°".
std::string referenceText(const ChainMetric& metric) {
  const auto& ref = metric.reference;
  if (ref.low) return fmt::format("≥ {:g}{}", *ref.low, unitSuffix(metric));
  if (ref.high) return fmt::format("≤ {:g}{}", *ref.high, unitSuffix(metric));
  return ref.text;
}

std::string withCaveat(std::string text, std::string_view caveat) {
  if (!caveat.empty()) text += fmt::format(" (caveat: {})", caveat);
  return text;
}

/// One rule evaluated for the finding side: evidence that stands alone (a cited cut-off or an
/// asymmetry cut-off), or a metric supporting the mechanism against the norms (counted by
/// ReferenceJudging), or why it is not judged.
struct RuleOutcome {
  bool judged = false;
  std::optional<FindingEvidence> evidence;
  std::string notJudged;
  /// Judged against the norms: z turned toward the rule's direction (+ = deviates that way),
  /// with the evidence it would give.
  std::optional<double> directedZ;
  std::optional<FindingEvidence> normEvidence;
};

FindingEvidence makeEvidence(const ChainMetric& metric, Side side, double value,
                             std::string reference, std::string source, std::string caveat = {}) {
  FindingEvidence evidence;
  evidence.metric = metric.id;
  evidence.side = side;
  evidence.value = value;
  evidence.unit = metric.unit;
  evidence.reference = std::move(reference);
  evidence.source = std::move(source);
  evidence.caveat = std::move(caveat);
  return evidence;
}

RuleOutcome notJudged(std::string reason) {
  RuleOutcome outcome;
  outcome.notJudged = std::move(reason);
  return outcome;
}

RuleOutcome judgedWith(std::optional<FindingEvidence> evidence) {
  RuleOutcome outcome;
  outcome.judged = true;
  outcome.evidence = std::move(evidence);
  return outcome;
}

std::string unavailable(const ChainMetric& metric, Side side) {
  return fmt::format("{} ({}) not available: {}", metric.id, sideName(side),
                     metric.side(side).missing);
}

/// A side-flag rule against the adult norms (the metric has one): judged whenever z exists.
RuleOutcome normRule(const GaitRule& rule, const ChainMetric& metric, Side deviating) {
  const SideMetric& values = metric.side(deviating);
  if (!values.value) return notJudged(unavailable(metric, deviating));
  if (!values.z)
    return notJudged(fmt::format("{} ({}): no z against the reference: {}", metric.id,
                                 sideName(deviating), values.zMissing));
  const MetricNorm& norm = *metric.norm;
  RuleOutcome outcome;
  outcome.judged = true;
  outcome.directedZ = rule.direction == RuleDirection::Low ? -*values.z : *values.z;
  FindingEvidence evidence = makeEvidence(
      metric, deviating, *values.value,
      fmt::format("{}; z = {:+.2f}", normText(norm, metric.unit), *values.z), norm.source);
  evidence.referenceMean = norm.mean;
  evidence.referenceSd = norm.sd;
  evidence.z = values.z;
  evidence.speedMPerS = norm.speedMPerS;
  outcome.normEvidence = std::move(evidence);
  return outcome;
}

RuleOutcome sideFlagRule(const GaitRule& rule, const ChainMetric& metric, Side deviating,
                         const ReferenceAtSpeed* reference) {
  if (metric.norm) return normRule(rule, metric, deviating);
  const bool cited = rule.direction == RuleDirection::Low ? metric.reference.low.has_value()
                                                          : metric.reference.high.has_value();
  if (!cited) {
    std::string reason = fmt::format(
        "{}: {}", metric.id, rule.notJudged.empty() ? "no cited gait cut-off" : rule.notJudged);
    // With norms given, say that they lack this metric too.
    if (reference != nullptr && !metric.normMissing.empty())
      reason += fmt::format("; {}", metric.normMissing);
    return notJudged(std::move(reason));
  }
  const SideMetric& values = metric.side(deviating);
  if (!values.value) return notJudged(unavailable(metric, deviating));
  const std::string_view kind = rule.direction == RuleDirection::Low ? "low" : "high";
  const bool flagged = std::any_of(metric.flags.begin(), metric.flags.end(), [&](const auto& f) {
    return f.side == deviating && f.kind == kind;
  });
  if (!flagged) return judgedWith(std::nullopt);
  return judgedWith(makeEvidence(metric, deviating, *values.value,
                                 withCaveat(referenceText(metric), rule.caveat),
                                 metric.reference.source, std::string(rule.caveat)));
}

/// The cut-off an asymmetry rule is judged against: cited in the rule, else (symmetry-index
/// rules) the cohort's own 95th percentile of |SI|; empty with why when there is none.
struct AsymmetryCutoff {
  std::optional<double> value;
  std::string source;
  std::string missing;
};

AsymmetryCutoff asymmetryCutoff(const GaitRule& rule, const ChainMetric& metric,
                                const ReferenceAtSpeed* reference) {
  if (rule.asymmetryCutoff) return {rule.asymmetryCutoff, std::string(rule.cutoffSource), {}};
  std::string why =
      fmt::format("{}: {}", metric.id,
                  rule.notJudged.empty() ? "no cited gait asymmetry cut-off" : rule.notJudged);
  if (reference == nullptr) return {std::nullopt, {}, why};
  const auto* cohort = reference->asymmetryOf(metric.id);
  if (rule.measure != AsymmetryMeasure::SymmetryIndex) {
    why += fmt::format(
        "; the reference ({}) gives the cohort's asymmetry as a symmetry index, which this rule "
        "does not use (it measures a difference in the metric's unit)",
        reference->provenance.source);
    return {std::nullopt, {}, why};
  }
  if (cohort == nullptr || !(cohort->p95AbsPercent > 0.0)) {
    why += fmt::format("; the reference ({}) has no asymmetry distribution for it",
                       reference->provenance.source);
    return {std::nullopt, {}, why};
  }
  return {cohort->p95AbsPercent,
          fmt::format("{}: 95th percentile of the cohort's |symmetry index| (n = {})",
                      reference->provenance.source, cohort->n),
          {}};
}

RuleOutcome asymmetryRule(const GaitRule& rule, const ChainMetric& metric, Side deviating,
                          const ReferenceAtSpeed* reference) {
  const AsymmetryCutoff cutoff = asymmetryCutoff(rule, metric, reference);
  if (!cutoff.value) return notJudged(cutoff.missing);
  const Side other = otherSide(deviating);
  if (!metric.side(deviating).value) return notJudged(unavailable(metric, deviating));
  if (!metric.side(other).value) return notJudged(unavailable(metric, other));
  const double mine = *metric.side(deviating).value;
  const double theirs = *metric.side(other).value;
  const double sign = rule.direction == RuleDirection::High ? 1.0 : -1.0;
  double excess = 0.0;
  std::string measured;
  if (rule.measure == AsymmetryMeasure::Difference) {
    excess = sign * (mine - theirs);
    measured = fmt::format("{:.1f}{} {} than the {} side ({:.1f}{}); cut-off {:g}{}", excess,
                           unitSuffix(metric), sign > 0 ? "more" : "less", sideName(other), theirs,
                           unitSuffix(metric), *cutoff.value, unitSuffix(metric));
  } else {
    const bool right = deviating == Side::Right;
    const SymmetryIndex si = right ? symmetryIndex(mine, theirs) : symmetryIndex(theirs, mine);
    if (!si.percent) return notJudged(fmt::format("{}: {}", metric.id, si.missing));
    // SI > 0 = right larger; turned toward the deviating side, then toward the rule's direction.
    excess = sign * (right ? *si.percent : -*si.percent);
    measured =
        fmt::format("symmetry index {:.1f} %, this side {} (the {} side {:.1f}{}); cut-off {:g} %",
                    excess, sign > 0 ? "larger" : "smaller", sideName(other), theirs,
                    unitSuffix(metric), *cutoff.value);
  }
  if (!(excess > *cutoff.value)) return judgedWith(std::nullopt);
  return judgedWith(makeEvidence(metric, deviating, mine, withCaveat(measured, rule.caveat),
                                 cutoff.source, std::string(rule.caveat)));
}

RuleOutcome evaluate(const GaitRule& rule, const std::vector<ChainMetric>& metrics,
                     Side findingSide, const ReferenceAtSpeed* reference) {
  const auto metric = std::find_if(metrics.begin(), metrics.end(),
                                   [&](const ChainMetric& m) { return m.id == rule.metric; });
  if (metric == metrics.end()) return notJudged(fmt::format("{} not computed", rule.metric));
  const Side deviating =
      rule.placement == FindingPlacement::SameSide ? findingSide : otherSide(findingSide);
  return rule.kind == RuleKind::SideFlag ? sideFlagRule(rule, *metric, deviating, reference)
                                         : asymmetryRule(rule, *metric, deviating, reference);
}

/// Metrics that bear on `mechanism` (ChainMetric::mechanism) but have no rule: reported only.
std::vector<std::string> unruledMetrics(const std::vector<ChainMetric>& metrics,
                                        std::span<const GaitRule> rules,
                                        std::string_view mechanism) {
  std::vector<std::string> ids;
  for (const auto& metric : metrics) {
    if (metric.mechanism != mechanism) continue;
    const bool ruled = std::any_of(rules.begin(), rules.end(), [&](const GaitRule& rule) {
      return rule.mechanism == mechanism && rule.metric == metric.id;
    });
    if (!ruled) ids.push_back(metric.id);
  }
  return ids;
}

}  // namespace

std::span<const GaitRule> gaitRules() {
  return kRules;
}

std::string_view mechanismRegion(std::string_view mechanismId) {
  const Mechanism* mechanism = findMechanism(mechanismId);
  return mechanism != nullptr ? mechanism->region : std::string_view("foot");
}

GaitFindings gaitFindings(const std::vector<ChainMetric>& metrics) {
  return gaitFindings(metrics, gaitRules());
}

GaitFindings gaitFindings(const std::vector<ChainMetric>& metrics,
                          std::span<const GaitRule> rules) {
  return gaitFindings(metrics, rules, nullptr);
}

GaitFindings gaitFindings(const std::vector<ChainMetric>& metrics, std::span<const GaitRule> rules,
                          const ReferenceAtSpeed* reference, const ReferenceJudging& judging) {
  GaitFindings result;
  for (const auto& mechanism : kMechanisms) {
    const std::vector<std::string> reportedOnly = unruledMetrics(metrics, rules, mechanism.id);
    for (const Side side : {Side::Left, Side::Right}) {
      GaitFinding finding;
      finding.id = mechanism.id;
      finding.side = side;
      finding.title = mechanism.title;
      finding.region = mechanism.region;
      finding.source = fmt::format("kinetic-chain.md {}", mechanism.id);
      std::vector<std::string> reasons;
      bool anyJudged = false;
      // Metrics judged against the norms that lie beyond the band in the rule's direction.
      std::vector<FindingEvidence> supporting;
      bool decisive = false;
      for (const auto& rule : rules) {
        if (rule.mechanism != mechanism.id) continue;
        RuleOutcome outcome = evaluate(rule, metrics, side, reference);
        anyJudged = anyJudged || outcome.judged;
        if (outcome.evidence) finding.evidence.push_back(std::move(*outcome.evidence));
        if (outcome.directedZ) {
          const bool supports = *outcome.directedZ >= judging.supportingZ;
          const bool alone = *outcome.directedZ >= judging.decisiveZ;
          decisive = decisive || alone;
          if (supports || alone) supporting.push_back(std::move(*outcome.normEvidence));
        }
        if (!outcome.judged &&
            std::find(reasons.begin(), reasons.end(), outcome.notJudged) == reasons.end())
          reasons.push_back(std::move(outcome.notJudged));
      }
      if (decisive || std::cmp_greater_equal(supporting.size(), judging.supportingCount))
        for (auto& item : supporting)
          finding.evidence.push_back(std::move(item));
      if (!finding.evidence.empty()) {
        finding.causeSide = finding.evidence.front().side;
        result.findings.push_back(std::move(finding));
        continue;
      }
      if (anyJudged) continue;  // judged and not supported: nothing to report
      if (!reportedOnly.empty())
        reasons.push_back(fmt::format("reported unflagged: {}", fmt::join(reportedOnly, ", ")));
      if (reasons.empty()) reasons.emplace_back("no gait metric measures this mechanism");
      result.notAssessed.push_back(
          {std::string(mechanism.id), side, fmt::format("{}", fmt::join(reasons, "; "))});
    }
  }
  return result;
}

screen::GaitEvidence toGaitEvidence(const GaitFindings& findings, const std::string& source) {
  screen::GaitEvidence evidence;
  for (const auto& finding : findings.findings) {
    std::vector<std::string> parts;
    for (const auto& item : finding.evidence)
      parts.push_back(fmt::format("{} {} {:.1f} {} (reference {}, {})", sideName(item.side),
                                  item.metric, item.value, item.unit, item.reference, item.source));
    // The screening module has its own Side enum (screening_record.hpp) and keys F7 on the
    // collapsing ankle, so the cause side goes across.
    const screen::Side side =
        finding.causeSide == Side::Left ? screen::Side::Left : screen::Side::Right;
    evidence.items.push_back(
        {finding.id, side, fmt::format("{}: {}", finding.title, fmt::join(parts, "; ")), source});
  }
  return evidence;
}

}  // namespace kinchain::chain
