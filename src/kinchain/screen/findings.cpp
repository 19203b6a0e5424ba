#include "kinchain/screen/findings.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

namespace kinchain::screen {

namespace {

using K = Criterion::Kind;
using R = Criterion::Relation;

Criterion low(std::string_view test, R side = R::Same) {
  return {K::MeasureLow, test, side, {}};
}
Criterion high(std::string_view test, R side = R::Same) {
  return {K::MeasureHigh, test, side, {}};
}
Criterion asymLower(std::string_view test, R side = R::Same) {
  return {K::AsymmetryLowerSide, test, side, {}};
}
Criterion asymHigher(std::string_view test, R side = R::Same) {
  return {K::AsymmetryHigherSide, test, side, {}};
}
Criterion lowerThanOther(std::string_view test) {
  return {K::LowerThanOtherSide, test, R::Same, {}};
}
Criterion complaintIn(std::vector<std::string_view> regions, R side = R::Same) {
  return {K::ComplaintRegion, "complaint.region", side, std::move(regions)};
}
Criterion hamstringHistory(R side = R::Same) {
  return {K::HamstringStrainHistory, "history.previous_hamstring_strain", side, {}};
}
Criterion answered(std::string_view path) {
  return {K::Answer, path, R::Same, {}};
}
Criterion finding(std::string_view id, R side = R::Same) {
  return {K::Finding, id, side, {}};
}

const std::vector<std::string_view> kFootAndAnkleRegions = {"heel",    "arch",     "forefoot",
                                                            "big_toe", "achilles", "ankle"};

std::vector<FindingRule> buildRules() {
  return {
      {"F1",
       "Flat / collapsed arch or over-pronation",
       "a low arch absorbs less shock, so more load passes to muscles and tendons, straining the "
       "Achilles tendon",
       "C",
       "static foot posture is a weak descriptor, not a cause; a pronated FPI was linked to "
       "plantar "
       "heel pain (Irving 2007) but not after BMI matching (Landorf 2021); static posture is not "
       "associated with Achilles tendinopathy (systematic review, clinical.md §2.3)",
       "foot",
       {"heel", "arch", "achilles", "calf"},
       false,
       {{high("foot_posture_index"), high("navicular_drop_mm")}}},
      {"F2",
       "Rigid high arch (supinated foot)",
       "a rigid, supinated foot absorbs shock poorly and often pronates and rotates too little, "
       "limiting hip–knee–ankle triple extension at push-off",
       "C",
       "practitioner opinion (kinetic-chain.md §2); the navicular-drop 'rigid' line is speculative "
       "[unverified]",
       "foot",
       {"heel", "forefoot", "ankle", "knee", "hip"},
       false,
       {{low("foot_posture_index"), low("navicular_drop_mm")}}},
      {"F3",
       "Limited ankle dorsiflexion",
       "a stiff ankle lets the Achilles over-stretch in stance and the subtalar joint compensate "
       "with excess inversion/eversion, absorbing less shock",
       "C (conflicting)",
       "reduced dorsiflexion and plantar heel pain: conflicting (Riddle 2003 vs Irving 2007, who "
       "found more dorsiflexion in cases); predicts patellar tendinopathy in basketball (Backman "
       "2011) and injury in recruits (Pope 1998); do not claim causality (clinical.md §2.1, §2.4)",
       "ankle",
       {"achilles", "ankle", "heel", "arch", "calf", "knee"},
       false,
       {{low("knee_to_wall_cm"), low("lunge_angle_deg"), asymLower("knee_to_wall_cm")}}},
      {"F4",
       "Limited big-toe extension",
       "without big-toe extension the foot cannot load through the big toe at push-off: shorter "
       "stride, less hip extension and glute use, over-reliance on the foot",
       "C",
       "hallux limitus definition is a convention (Root, Orien & Weed 1977); walking uses less "
       "range than that (Nawoczenski 1999); the hip link is practitioner opinion",
       "big_toe",
       {"big_toe", "forefoot", "arch", "hip", "hamstring"},
       false,
       {{low("first_mtp_dorsiflexion_deg")}}},
      {"F5",
       "Unstable or poorly controlled foot overworking the calf",
       "the soleus and gastrocnemius work harder to stabilise a poorly controlled foot: early "
       "fatigue, tightness, cramps, strains",
       "C",
       "practitioner opinion; calf weakness with Achilles tendinopathy is weak–moderate and "
       "mostly a consequence (clinical.md §2.3); balance has no validated cut-off, so 'lower "
       "than the other side' is qualitative",
       "foot",
       {"calf", "achilles"},
       false,
       {{low("calf_raise_reps"), asymLower("calf_raise_reps")},
        {finding("F1"), lowerThanOther("single_leg_balance_s")}}},
      {"F6",
       "Unstable foot feeding knee/hip instability and hamstring overwork",
       "an unstable foot makes the knee and hip less stable, so the hamstrings co-contract more in "
       "swing and stance: tightness, fatigue, strain risk in sprinting and jumping",
       "C",
       "practitioner opinion (kinetic-chain.md §2); balance asymmetry has no validated cut-off",
       "foot",
       {"knee", "hamstring", "hip"},
       false,
       {{finding("F1"), lowerThanOther("single_leg_balance_s")},
        {high("active_knee_extension_deg"), low("straight_leg_raise_deg"), low("nordic_force_n"),
         asymLower("nordic_force_n"), complaintIn({"hamstring"}), hamstringHistory()}}},
      {"F7",
       "Loose, collapsing ankle loading the opposite hamstring",
       "too much dorsiflexion between first contact and full load on one side delays toe-off; the "
       "leg travels too far under the body and the pelvis drops and rotates forward, tensioning "
       "the opposite hamstring",
       "C",
       "practitioner opinion (kinetic-chain.md §2); the static screen can only suggest it "
       "(more dorsiflexion on one side); recorded gait is needed to confirm",
       "ankle",
       {"hamstring", "hip", "low_back"},
       true,
       {{asymHigher("knee_to_wall_cm")},
        {complaintIn({"hamstring"}, R::Opposite), hamstringHistory(R::Opposite),
         high("active_knee_extension_deg", R::Opposite),
         asymLower("nordic_force_n", R::Opposite)}}},
      {"H1",
       "Tight hamstrings restricting hip and knee extension",
       "tight hamstrings limit hip and knee extension in late stance and terminal swing: forward "
       "lean, early heel lift at push-off, more forefoot pressure",
       "C",
       "AKE/SLR cut-offs are population conventions (Yildirim 2018; clinical.md §1.6); perceived "
       "tightness is often neural (Kuilart 2005)",
       "hamstring",
       {"hamstring", "knee", "forefoot", "hip"},
       false,
       {{high("active_knee_extension_deg"), low("straight_leg_raise_deg")}}},
      {"H2",
       "Hamstring tension passed to the calf, restricting dorsiflexion",
       "posterior-chain tension from tight hamstrings tightens the calf secondarily and restricts "
       "dorsiflexion (then F3 follows)",
       "C",
       "practitioner opinion (kinetic-chain.md §2); mechanistic, not tested",
       "hamstring",
       {"calf", "achilles", "ankle", "heel"},
       false,
       {{finding("H1")}, {finding("F3")}}},
      {"H3",
       "Altered loading from tight hamstrings reaching the foot",
       "altered loading strains the plantar fascia, the metatarsal heads, the Achilles tendon and "
       "the ankle",
       "C",
       "tight hamstrings ↔ plantar fasciitis: association only, low quality and confounded "
       "(Labovitz 2011; clinical.md §2.2) — a 'check the hamstrings' prompt",
       "hamstring",
       kFootAndAnkleRegions,
       false,
       {{finding("H1")}, {complaintIn(kFootAndAnkleRegions)}}},
      {"H4",
       "Pelvic tilt and posture changes from tight hamstrings",
       "hamstring tension tilts the pelvis and changes posture, altering lower-limb alignment and "
       "weight distribution",
       "C",
       "practitioner opinion (kinetic-chain.md §2)",
       "hamstring",
       {"low_back", "hip", "knee"},
       false,
       {{finding("H1")}, {answered("complaint.low_back_stiffness")}}},
  };
}

enum class Truth { Yes, No, Unknown };

struct Evaluation {
  Truth truth;
  std::string because;
};

struct Context {
  const ScreeningRecord& record;
  const Measures& measures;
  std::map<std::pair<std::string, Side>, Truth> status;
};

std::string valueText(const Measure& measure, Side side) {
  const auto& value = measure.at(side).value;
  return value ? fmt::format("{} {}", *value, measure.unit) : std::string("missing");
}

Evaluation evaluate(const Context& context, const Criterion& criterion, Side own_side) {
  const Side side = criterion.side == R::Same ? own_side : otherSide(own_side);
  const std::string side_name(sideName(side));
  switch (criterion.kind) {
    case K::MeasureLow:
    case K::MeasureHigh: {
      const Measure* measure = context.measures.find(criterion.name);
      if (measure == nullptr || !measure->at(side).value) return {Truth::Unknown, ""};
      const MeasureFlag wanted =
          criterion.kind == K::MeasureLow ? MeasureFlag::Low : MeasureFlag::High;
      if (measure->at(side).flag != wanted) return {Truth::No, ""};
      return {Truth::Yes,
              fmt::format("{} {}: {}", criterion.name, side_name, measure->at(side).flag_text)};
    }
    case K::AsymmetryLowerSide:
    case K::AsymmetryHigherSide:
    case K::LowerThanOtherSide: {
      const Measure* measure = context.measures.find(criterion.name);
      if (measure == nullptr || !measure->asymmetry.difference) return {Truth::Unknown, ""};
      const auto& asymmetry = measure->asymmetry;
      if (!asymmetry.lower_side) return {Truth::No, ""};
      const bool lower = *asymmetry.lower_side == side;
      const bool wanted_lower = criterion.kind != K::AsymmetryHigherSide;
      if (lower != wanted_lower) return {Truth::No, ""};
      if (criterion.kind == K::LowerThanOtherSide) {
        return {Truth::Yes,
                fmt::format("{} {} lower than the other side ({} vs {}; no validated cut-off, "
                            "qualitative)",
                            criterion.name, side_name, valueText(*measure, side),
                            valueText(*measure, otherSide(side)))};
      }
      if (!asymmetry.flagged) return {Truth::No, ""};
      return {Truth::Yes,
              fmt::format("{} {} {} than the other side ({} vs {}): {}", criterion.name, side_name,
                          lower ? "lower" : "higher", valueText(*measure, side),
                          valueText(*measure, otherSide(side)), asymmetry.text)};
    }
    case K::ComplaintRegion: {
      const auto& record = context.record;
      if (!record.region || !record.complaint_side) return {Truth::Unknown, ""};
      const bool in_region = std::find(criterion.regions.begin(), criterion.regions.end(),
                                       *record.region) != criterion.regions.end();
      if (!in_region || !record.complaintOn(side)) return {Truth::No, ""};
      return {Truth::Yes, fmt::format("complaint: {} pain, {} side", *record.region, side_name)};
    }
    case K::HamstringStrainHistory: {
      const auto& history = context.record.previous_hamstring_strain;
      if (!history || !history->side) return {Truth::No, ""};
      if (*history->side != "both" && *history->side != side_name) return {Truth::No, ""};
      return {Truth::Yes,
              fmt::format("previous hamstring strain, {} side{}", side_name,
                          history->months_ago ? fmt::format(", {} months ago", *history->months_ago)
                                              : std::string())};
    }
    case K::Answer: {
      const auto answer = context.record.answer(criterion.name);
      if (!answer) return {Truth::Unknown, ""};
      if (!*answer) return {Truth::No, ""};
      return {Truth::Yes, fmt::format("{} = yes", criterion.name)};
    }
    case K::Finding: {
      const auto found = context.status.find({std::string(criterion.name), side});
      const Truth truth = found == context.status.end() ? Truth::Unknown : found->second;
      if (truth != Truth::Yes) return {truth, ""};
      return {Truth::Yes, fmt::format("finding {} {}", criterion.name, side_name)};
    }
  }
  return {Truth::Unknown, ""};
}

std::string describeCriterion(const Criterion& criterion) {
  return criterion.side == R::Opposite ? std::string(criterion.name) + " (other side)"
                                       : std::string(criterion.name);
}

}  // namespace

const std::vector<FindingRule>& findingRules() {
  static const std::vector<FindingRule> rules = buildRules();
  return rules;
}

bool Findings::has(std::string_view id, Side side) const {
  return std::any_of(present.begin(), present.end(), [&](const Finding& finding) {
    return finding.id == id && finding.side == side;
  });
}

bool Findings::hasAny(std::string_view id) const {
  return has(id, Side::Left) || has(id, Side::Right);
}

Findings findFindings(const ScreeningRecord& record, const Measures& measures,
                      const GaitEvidence& gait) {
  Findings findings;
  Context context{record, measures, {}};
  for (const auto& rule : findingRules()) {
    for (const Side side : kBothSides) {
      Truth overall = Truth::Yes;
      std::vector<std::string> because;
      std::vector<std::string> missing;
      for (const auto& group : rule.all_of_any) {
        Truth group_truth = Truth::No;
        std::vector<std::string> group_missing;
        for (const auto& criterion : group) {
          const Evaluation evaluation = evaluate(context, criterion, side);
          if (evaluation.truth == Truth::Yes) {
            group_truth = Truth::Yes;
            because.push_back(evaluation.because);
          } else if (evaluation.truth == Truth::Unknown) {
            group_missing.push_back(describeCriterion(criterion));
          }
        }
        if (group_truth != Truth::Yes && !group_missing.empty()) group_truth = Truth::Unknown;
        if (group_truth == Truth::No) overall = Truth::No;
        if (group_truth == Truth::Unknown && overall == Truth::Yes) overall = Truth::Unknown;
        if (group_truth == Truth::Unknown) {
          missing.insert(missing.end(), group_missing.begin(), group_missing.end());
        }
      }
      for (const auto& item : gait.items) {
        if (item.finding_id == rule.id && item.side == side) {
          overall = Truth::Yes;
          because.push_back(fmt::format("recorded gait: {} ({})", item.description, item.source));
        }
      }
      context.status[{std::string(rule.id), side}] = overall;
      if (overall == Truth::Yes) {
        findings.present.push_back({std::string(rule.id), side, std::string(rule.title),
                                    std::string(rule.chain), std::string(rule.evidence_grade),
                                    std::string(rule.evidence), because});
      } else if (overall == Truth::Unknown) {
        findings.not_assessed.push_back(
            fmt::format("{} {}: could not be ruled in or out — missing {}", rule.id, sideName(side),
                        fmt::join(missing, ", ")));
      }
    }
  }
  return findings;
}

}  // namespace kinchain::screen
