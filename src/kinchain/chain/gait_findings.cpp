#include "kinchain/chain/gait_findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace kinchain::chain {

namespace {

struct Mechanism {
  std::string_view id;
  std::string_view title;
  std::string_view region;
};

constexpr std::array<Mechanism, 11> kMechanisms = {{
    {"F1", "Over-pronation (flat / collapsing arch) in gait", "arch"},
    {"F2", "Rigid high arch (supination) in gait", "foot"},
    {"F3", "Limited ankle dorsiflexion in stance", "ankle"},
    {"F4", "Limited big-toe extension at push-off", "big_toe"},
    {"F5", "Calf overwork stabilising an unstable foot", "calf"},
    {"F6", "Unstable foot feeding hamstring co-contraction", "hamstrings"},
    {"F7", "Collapsing ankle loading the opposite hamstring", "ankle"},
    {"H1", "Knee-extension deficit in stance (tight hamstrings)", "hamstrings"},
    {"H2", "Hamstring tension passed to the calf", "calf"},
    {"H3", "Altered loading of plantar fascia and Achilles", "achilles"},
    {"H4", "Pelvic tilt and posture change", "pelvis"},
}};

/// Which flag on which metric raises which finding (each with a cited reference).
struct Rule {
  std::string_view metric;
  std::string_view flagKind;
  std::string_view finding;
};
constexpr std::array<Rule, 2> kRules = {{
    {"knee_flexion_midstance", "high", "H1"},
    {"peak_mtp_extension_stance", "low", "F4"},
}};

const Mechanism* findMechanism(std::string_view id) {
  for (const auto& mechanism : kMechanisms)
    if (mechanism.id == id) return &mechanism;
  return nullptr;
}

std::string referenceText(const ChainMetric& metric) {
  const auto& ref = metric.reference;
  const std::string unit = metric.unit == "deg" ? "°" : " " + metric.unit;
  if (ref.low) return fmt::format("≥ {:g}{}", *ref.low, unit);
  if (ref.high) return fmt::format("≤ {:g}{}", *ref.high, unit);
  return ref.text;
}

}  // namespace

std::string_view mechanismRegion(std::string_view mechanismId) {
  const Mechanism* mechanism = findMechanism(mechanismId);
  return mechanism != nullptr ? mechanism->region : std::string_view("foot");
}

GaitFindings gaitFindings(const std::vector<ChainMetric>& metrics) {
  GaitFindings result;
  for (const auto& mechanism : kMechanisms) {
    for (const Side side : {Side::Left, Side::Right}) {
      GaitFinding finding;
      finding.id = mechanism.id;
      finding.side = side;
      finding.title = mechanism.title;
      finding.region = mechanism.region;
      finding.source = fmt::format("kinetic-chain.md {}", mechanism.id);
      std::vector<std::string> notJudged;
      bool anyRule = false;
      for (const auto& rule : kRules) {
        if (rule.finding != mechanism.id) continue;
        anyRule = true;
        const auto metric = std::find_if(metrics.begin(), metrics.end(),
                                         [&](const ChainMetric& m) { return m.id == rule.metric; });
        if (metric == metrics.end()) {
          notJudged.push_back(fmt::format("{} not computed", rule.metric));
          continue;
        }
        const SideMetric& values = metric->side(side);
        if (!values.value) {
          notJudged.push_back(fmt::format("{} not available: {}", rule.metric, values.missing));
          continue;
        }
        for (const auto& flag : metric->flags) {
          if (flag.side != side || flag.kind != rule.flagKind) continue;
          finding.evidence.push_back({metric->id, *values.value, metric->unit,
                                      referenceText(*metric), metric->reference.source});
        }
      }
      if (!finding.evidence.empty()) {
        result.findings.push_back(std::move(finding));
        continue;
      }
      if (!anyRule) {
        std::vector<std::string> ids;
        for (const auto& metric : metrics)
          if (metric.mechanism == mechanism.id) ids.push_back(metric.id);
        result.notAssessed.push_back(
            {std::string(mechanism.id), side,
             ids.empty() ? std::string("no gait metric measures this mechanism")
                         : fmt::format("no cited gait cut-off; reported unflagged: {}",
                                       fmt::join(ids, ", "))});
      } else if (!notJudged.empty()) {
        result.notAssessed.push_back(
            {std::string(mechanism.id), side, fmt::format("{}", fmt::join(notJudged, "; "))});
      }
    }
  }
  return result;
}

screen::GaitEvidence toGaitEvidence(const GaitFindings& findings, const std::string& source) {
  screen::GaitEvidence evidence;
  for (const auto& finding : findings.findings) {
    std::vector<std::string> parts;
    for (const auto& item : finding.evidence)
      parts.push_back(fmt::format("{} {:.1f} {} (reference {}, {})", item.metric, item.value,
                                  item.unit, item.reference, item.source));
    // The screening module has its own Side enum (screening_record.hpp).
    const screen::Side side = finding.side == Side::Left ? screen::Side::Left : screen::Side::Right;
    evidence.items.push_back(
        {finding.id, side, fmt::format("{}: {}", finding.title, fmt::join(parts, "; ")), source});
  }
  return evidence;
}

}  // namespace kinchain::chain
