#include "kinchain/screen/differential.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>

namespace kinchain::screen {

namespace {

// A sign reads the record and answers yes / no / not known.
struct SignRule {
  std::string_view id;
  std::string_view description;
  std::function<std::optional<bool>(const ScreeningRecord&, const Measures&)> present;
};

std::function<std::optional<bool>(const ScreeningRecord&, const Measures&)> answer(
    std::string_view path, bool wanted = true) {
  return [path, wanted](const ScreeningRecord& record, const Measures&) -> std::optional<bool> {
    const auto value = record.answer(path);
    if (!value) return std::nullopt;
    return *value == wanted;
  };
}

std::function<std::optional<bool>(const ScreeningRecord&, const Measures&)> textIs(
    std::optional<std::string> ScreeningRecord::*field, std::vector<std::string_view> values) {
  return [field, values](const ScreeningRecord& record, const Measures&) -> std::optional<bool> {
    const auto& value = record.*field;
    if (!value) return std::nullopt;
    return std::find(values.begin(), values.end(), *value) != values.end();
  };
}

/// Yes when the test is flagged `wanted` on the complaint side (either side if "both").
std::function<std::optional<bool>(const ScreeningRecord&, const Measures&)> flaggedOnComplaintSide(
    std::string_view test, MeasureFlag wanted) {
  return [test, wanted](const ScreeningRecord& record,
                        const Measures& measures) -> std::optional<bool> {
    bool any_known = false;
    for (const Side side : kBothSides) {
      if (record.complaint_side && !record.complaintOn(side)) continue;
      const MeasureFlag flag = measures.flag(test, side);
      if (flag == MeasureFlag::Missing) continue;
      any_known = true;
      if (flag == wanted) return true;
    }
    if (!any_known) return std::nullopt;
    return false;
  };
}

const std::vector<SignRule>& chainRules() {
  static const std::vector<SignRule> rules = {
      {"gradual_onset", "gradual, nagging onset rather than a sudden injury",
       textIs(&ScreeningRecord::onset, {"gradual"})},
      {"no_trauma", "no traumatic mechanism (overuse or none)",
       textIs(&ScreeningRecord::mechanism, {"overuse", "none"})},
      {"better_with_knee_bent", "better with the knee bent (slackens hamstrings and gastrocnemius)",
       answer("complaint.better_with_knee_bent")},
      {"worse_straight_leg_forward_bend",
       "worse with straight-leg forward bending (tensions the "
       "posterior chain and nerves)",
       answer("complaint.worse_straight_leg_forward_bend")},
      {"worse_uphill", "worse on steep inclines", answer("complaint.worse_uphill")},
      {"low_back_stiffness", "low-back stiffness", answer("complaint.low_back_stiffness")},
      {"hamstring_tight_ake",
       "active knee extension beyond the tightness line on the complaint side",
       flaggedOnComplaintSide("active_knee_extension_deg", MeasureFlag::High)},
      {"hamstring_tight_slr", "straight-leg raise below the reference line on the complaint side",
       flaggedOnComplaintSide("straight_leg_raise_deg", MeasureFlag::Low)},
      {"calf_endurance_deficit",
       "heel-rise endurance below the reference line on the complaint side",
       flaggedOnComplaintSide("calf_raise_reps", MeasureFlag::Low)},
  };
  return rules;
}

const std::vector<SignRule>& localRules() {
  static const std::vector<SignRule> rules = {
      {"sudden_onset", "sudden, sharp onset", textIs(&ScreeningRecord::onset, {"sudden"})},
      {"trauma_mechanism", "traumatic mechanism (inversion, external rotation, direct blow)",
       textIs(&ScreeningRecord::mechanism, {"inversion", "external_rotation", "direct_blow"})},
      {"swelling", "swelling", answer("complaint.swelling")},
      {"bruising", "bruising", answer("complaint.bruising")},
      {"bone_tenderness", "bony tenderness (malleoli, navicular, 5th metatarsal base)",
       [](const ScreeningRecord& record, const Measures&) -> std::optional<bool> {
         bool any_answered = false;
         for (const auto* path :
              {"complaint.bone_tenderness_lateral_malleolus",
               "complaint.bone_tenderness_medial_malleolus", "complaint.bone_tenderness_navicular",
               "complaint.bone_tenderness_5th_metatarsal"}) {
           const auto value = record.answer(path);
           if (value) any_answered = true;
           if (value && *value) return true;
         }
         if (!any_answered) return std::nullopt;
         return false;
       }},
      {"cannot_bear_weight", "difficulty bearing weight",
       answer("complaint.can_bear_weight_4_steps", false)},
  };
  return rules;
}

std::vector<PatternSign> evaluate(const std::vector<SignRule>& rules, const ScreeningRecord& record,
                                  const Measures& measures, int& count,
                                  std::vector<std::string>& unanswered) {
  std::vector<PatternSign> signs;
  for (const auto& rule : rules) {
    const auto present = rule.present(record, measures);
    signs.push_back({std::string(rule.id), std::string(rule.description), present.value_or(false),
                     present.has_value()});
    if (present.value_or(false)) ++count;
    if (!present) unanswered.emplace_back(rule.id);
  }
  return signs;
}

}  // namespace

std::string_view originName(Origin origin) {
  switch (origin) {
    case Origin::Chain:
      return "chain";
    case Origin::Local:
      return "local";
    case Origin::Unclear:
      return "unclear";
    case Origin::NotApplicable:
      return "not_applicable";
  }
  return "unclear";
}

Differential differentiate(const ScreeningRecord& record, const Measures& measures) {
  Differential differential;
  differential.statement =
      "No validated rule separates hamstring/posterior-chain ankle pain from a local injury "
      "(clinical.md §3.6). This is a weighted pattern with equal weights, a prompt for "
      "clinical reasoning, not a diagnosis.";
  static const std::vector<std::string_view> kRegions = {"ankle", "heel", "achilles"};
  if (!record.region) {
    differential.statement += " Not applied: the complaint region is missing.";
    differential.unanswered.emplace_back("complaint.region");
    return differential;
  }
  if (std::find(kRegions.begin(), kRegions.end(), *record.region) == kRegions.end()) {
    differential.statement +=
        fmt::format(" Not applied: it is defined for ankle, heel and Achilles complaints, not {}.",
                    *record.region);
    return differential;
  }
  differential.chain_signs =
      evaluate(chainRules(), record, measures, differential.chain_count, differential.unanswered);
  differential.local_signs =
      evaluate(localRules(), record, measures, differential.local_count, differential.unanswered);
  if (differential.chain_count > differential.local_count) {
    differential.origin = Origin::Chain;
  } else if (differential.local_count > differential.chain_count) {
    differential.origin = Origin::Local;
  } else {
    differential.origin = Origin::Unclear;
  }
  return differential;
}

}  // namespace kinchain::screen
