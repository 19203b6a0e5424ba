#include "kinchain/screen/program.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace kinchain::screen {

namespace {

/// Why an exercise would be chosen: any one of these present selects it.
struct Indication {
  std::vector<std::string_view> findings;
  std::vector<std::string_view> complaint_regions;
  std::vector<std::string_view> tests_flagged;  ///< low/high flag or flagged asymmetry
  bool hamstring_strain_history = false;
};

struct CatalogueExercise {
  std::string_view id;
  std::string_view phase;
  std::string_view name;
  std::string_view how;
  std::string_view dose_id;
  Indication indication;
  std::vector<std::string_view> cautions;
};

constexpr std::string_view kNeuralCaution =
    "Perceived hamstring tightness is often neural; neural-mobility work may change it more "
    "than static stretching (Kuilart 2005; clinical.md §6.6).";

const std::vector<CatalogueExercise>& catalogue() {
  static const std::vector<CatalogueExercise> exercises = {
      // --- mobilise ----------------------------------------------------------------------------
      {"big_toe_mobility",
       "mobilise",
       "Big-toe extension mobility",
       "Passive big-toe extension stretch with the first metatarsal stabilised.",
       "static_stretch",
       {{"F4"}, {"big_toe"}, {}, false},
       {}},
      {"ankle_dorsiflexion_mobility",
       "mobilise",
       "Ankle dorsiflexion mobility",
       "Knee-to-wall rocking; calf stretch with the knee straight (gastrocnemius) and bent "
       "(soleus).",
       "static_stretch",
       {{"F3", "H2"}, {}, {}, false},
       {"Calf stretching did not clearly reduce injury in army recruits (Pope 1998)."}},
      {"soft_tissue_chain",
       "mobilise",
       "Soft-tissue work up the chain",
       "Massage or foam rolling from the plantar fascia up the calf and hamstrings.",
       "no_published_dose",
       {{"F3", "F5", "H2", "H3"}, {"heel", "arch"}, {}, false},
       {"Not over a suspected deep vein thrombosis or an acute tear."}},
      // --- strengthen foot ---------------------------------------------------------------------
      {"short_foot",
       "strengthen_foot",
       "Short-foot exercise",
       "Draw the ball of the foot towards the heel, lifting the arch, toes long; progress sitting "
       "→ standing → single-leg → unstable surface.",
       "short_foot",
       {{"F1", "F2", "F5", "F6", "F7"}, {}, {}, false},
       {"Avoid curling the toes."}},
      {"towel_scrunch",
       "strengthen_foot",
       "Towel scrunches",
       "Gather a towel with the toes.",
       "no_published_dose",
       {{"F1", "F5"}, {}, {}, false},
       {}},
      {"barefoot_balance",
       "strengthen_foot",
       "Barefoot single-leg balance and ball-of-foot control",
       "Single-leg stance barefoot; then on the ball of the foot; progress eyes closed, then foam.",
       "barefoot_balance",
       {{"F5", "F6", "F7"}, {}, {}, false},
       {}},
      {"big_toe_loading",
       "strengthen_foot",
       "Loading through the big toe",
       "Heel raises and split-stance drills keeping pressure through the big toe.",
       "no_published_dose",
       {{"F4"}, {}, {}, false},
       {}},
      {"plantar_high_load",
       "strengthen_foot",
       "High-load heel raise with towel under the toes",
       "Single-leg heel raise with a rolled towel under the toes (windlass).",
       "rathleff_heel_raise",
       {{}, {"heel", "arch"}, {}, false},
       {"A daily single-set variant is also published (Caratun 2018)."}},
      // --- integrate chain ---------------------------------------------------------------------
      {"hamstring_stretch",
       "integrate_chain",
       "Hamstring static stretch",
       "Static hamstring stretch to tightness or slight discomfort.",
       "static_stretch",
       {{"H1", "H2", "H3", "H4"}, {}, {}, false},
       {kNeuralCaution}},
      {"leg_swings",
       "integrate_chain",
       "Dynamic leg swings",
       "Controlled front-to-back leg swings "
       "before sessions.",
       "no_published_dose",
       {{"H1", "F6", "F7"}, {}, {}, false},
       {}},
      {"nordic_hamstring",
       "integrate_chain",
       "Nordic hamstring curl",
       "Kneel, partner holds the heels, lower the body as slowly as possible; after a warm-up.",
       "nordic_ramp",
       {{"H1", "F6", "F7"}, {"hamstring"}, {"nordic_force_n"}, true},
       {"Not in the early phase after an acute hamstring strain: the Askling L-protocol is the "
        "published early option (dose table entry askling_l_protocol; stop short of pain).",
        "Programmes including the Nordic halve hamstring-strain rates (van Dyk 2019 meta-analysis, "
        "clinical.md §2.5); compliance matters."}},
      {"single_leg_rdl",
       "integrate_chain",
       "Single-leg Romanian deadlift",
       "Hip hinge on one leg, neutral spine, slow lowering.",
       "single_leg_rdl",
       {{"F6", "F7", "H1", "H4"}, {"hamstring"}, {}, true},
       {}},
      {"calf_heavy_slow",
       "integrate_chain",
       "Calf loading (heavy slow resistance)",
       "Seated bent-knee and standing straight-knee heel raises with load; the Alfredson "
       "eccentric protocol is an equal alternative.",
       "heavy_slow_calf",
       {{"F5"}, {"achilles", "calf"}, {"calf_raise_reps"}, false},
       {"Discomfort during exercise is acceptable; more pain after training → lighter load."}},
      {"glute_strength",
       "integrate_chain",
       "Glute strengthening",
       "Bridges, side-lying abduction, step-ups.",
       "no_published_dose",
       {{"F2", "F4", "F6", "F7", "H4"}, {"hip"}, {}, false},
       {}},
      {"hip_flexor_stretch",
       "integrate_chain",
       "Hip-flexor stretch",
       "Half-kneeling hip-flexor "
       "stretch with a posterior pelvic tilt.",
       "static_stretch",
       {{"F4", "H4"}, {}, {}, false},
       {}},
      {"trunk_bracing",
       "integrate_chain",
       "Trunk alignment and abdominal bracing",
       "Brace the abdominals while keeping the pelvis level in standing and single-leg drills.",
       "no_published_dose",
       {{"H4", "F7"}, {"low_back"}, {}, false},
       {}},
      {"gait_retraining",
       "integrate_chain",
       "Movement retraining of gait",
       "Cue push-off through the big toe, pelvis level, foot landing under the body; a recorded "
       "gait analysis guides this best.",
       "no_published_dose",
       {{"F4", "F7", "H1"}, {}, {}, false},
       {}},
      // --- return to run -----------------------------------------------------------------------
      {"uphill_walking",
       "return_to_run",
       "Uphill or stair walking on the balls of the feet",
       "Uphill or stairs on the balls of the feet → short interval runs up hills or stairs → "
       "intervals on less steep slopes until flat.",
       "uphill_walking",
       {{}, {}, {}, false},
       {"Coaching convention: no trial has tested this sequence (clinical.md §6.8)."}},
      {"run_throughs",
       "return_to_run",
       "Run-throughs",
       "Short run-throughs on grass at easy pace; pain should be gone by the third repetition.",
       "run_throughs",
       {{}, {}, {}, false},
       {"Start with short run-throughs, not long slow runs; no consecutive run days early."}},
  };
  return exercises;
}

std::vector<std::string> reasonsFor(const Indication& indication, const ScreeningRecord& record,
                                    const Measures& measures, const Findings& findings) {
  std::vector<std::string> reasons;
  for (const auto& id : indication.findings) {
    for (const Side side : kBothSides) {
      if (findings.has(id, side))
        reasons.push_back(fmt::format("finding {} ({})", id, sideName(side)));
    }
  }
  if (record.region &&
      std::find(indication.complaint_regions.begin(), indication.complaint_regions.end(),
                *record.region) != indication.complaint_regions.end()) {
    reasons.push_back(fmt::format("{} complaint", *record.region));
  }
  for (const auto& test : indication.tests_flagged) {
    const Measure* measure = measures.find(test);
    if (measure == nullptr) continue;
    for (const Side side : kBothSides) {
      const MeasureFlag flag = measure->at(side).flag;
      if (flag == MeasureFlag::Low || flag == MeasureFlag::High) {
        reasons.push_back(fmt::format("{} {} flagged", test, sideName(side)));
      }
    }
    if (measure->asymmetry.flagged) reasons.push_back(fmt::format("{} asymmetry flagged", test));
  }
  if (indication.hamstring_strain_history && record.previous_hamstring_strain) {
    reasons.emplace_back("previous hamstring strain");
  }
  return reasons;
}

bool isEmpty(const Indication& indication) {
  return indication.findings.empty() && indication.complaint_regions.empty() &&
         indication.tests_flagged.empty() && !indication.hamstring_strain_history;
}

std::string painMonitoringRule() {
  const auto& safe = clinicalConstant("pain_monitoring.safe_max");
  const auto& acceptable = clinicalConstant("pain_monitoring.acceptable_max");
  return fmt::format(
      "{}: rate pain during exercise on the numeric rating scale. Up to {} "
      "is safe {}, up to {} is "
      "acceptable, above {} is too much. Pain after exercise may rise but must settle by the next "
      "morning; morning pain and stiffness must not increase from week to week; if the next-day "
      "response worsens, reduce the load.",
      safe.citation, safe.value, safe.label, acceptable.value, acceptable.value);
}

std::vector<std::string> progressionCriteria(std::string_view phase) {
  const auto& acceptable = clinicalConstant("pain_monitoring.acceptable_max");
  if (phase == "mobilise") {
    return {fmt::format(
                "exercise pain stays at or below {} on the pain scale and settles by next morning",
                acceptable.value),
            fmt::format("re-test the restricted measure; only a change beyond its MDC counts as "
                        "real (e.g. knee-to-wall {} cm, {})",
                        thresholdValue("knee_to_wall.mdc"),
                        clinicalConstant("knee_to_wall.mdc").citation)};
  }
  if (phase == "strengthen_foot") {
    return {
        "holds the barefoot single-leg balance dose on each side without pain above the "
        "safe zone (static stability before dynamic stability)",
        fmt::format(
            "exercise pain stays at or below {} on the pain scale and settles by next morning",
            acceptable.value)};
  }
  if (phase == "integrate_chain") {
    const auto& raises = clinicalConstant("calf_raise.low");
    const auto& asymmetry = clinicalConstant("calf_raise.asymmetry");
    return {"pain-free walking",
            fmt::format("at least {} single-leg heel raises with less than {}% asymmetry ({})",
                        raises.value, asymmetry.value, asymmetry.citation),
            "pain-free double-leg jumping"};
  }
  const auto& lsi = clinicalConstant("hop_lsi.low");
  return {"before speed work: pain-free hopping",
          fmt::format("hop limb symmetry index at least {}% ({})", lsi.value, lsi.citation)};
}

std::string phaseTitle(std::string_view phase) {
  if (phase == "mobilise") return "Mobilise";
  if (phase == "strengthen_foot") return "Strengthen the foot";
  if (phase == "integrate_chain") return "Integrate the chain";
  return "Return to running";
}

std::string phaseTiming(std::string_view phase) {
  const double first = thresholdValue("timeline.mobilise_end_weeks");
  const double second = thresholdValue("timeline.low_impact_end_weeks");
  const double third = thresholdValue("timeline.return_end_weeks");
  const std::string guide = " (typical, not a promise; progress on criteria)";
  if (phase == "mobilise" || phase == "strengthen_foot") {
    return fmt::format("from week 0, gentle, alongside low-impact activity from week {}", first) +
           guide;
  }
  if (phase == "integrate_chain") return fmt::format("weeks {}–{}", first, second) + guide;
  return fmt::format("weeks {}–{}", second, third) + guide;
}

}  // namespace

Program buildProgram(const ScreeningRecord& record, const Measures& measures,
                     const Findings& findings, const Triage& triage) {
  Program program;
  program.pain_monitoring_rule = painMonitoringRule();
  if (triage.program_withheld) {
    program.withheld = true;
    std::vector<std::string> fields;
    for (const auto& question : triage.unanswered) {
      program.answer_first.push_back(fmt::format("{} ({})", question.question, question.field));
      fields.push_back(question.field);
    }
    const bool red_flag = triage.level != TriageLevel::NotCleared && withholdsProgram(triage.level);
    if (red_flag) {
      program.withheld_reason = fmt::format(
          "Withheld: triage is '{}' — red flags need medical assessment before any exercise "
          "program. {}",
          triageLevelName(triage.level), triageAdvice(triage.level));
    } else {
      program.withheld_reason = fmt::format(
          "Withheld: triage is '{}' and cannot clear the person — {} red-flag question(s) are "
          "unanswered, so a red flag cannot be ruled out before exercise.",
          triageLevelName(triage.level), fields.size());
    }
    if (!fields.empty()) {
      program.withheld_reason +=
          red_flag
              ? fmt::format(" Red-flag questions still unanswered: {}.", fmt::join(fields, ", "))
              : fmt::format(" Answer {} and screen again.", fmt::join(fields, ", "));
    }
    return program;
  }
  program.general_cautions = {
      "Chosen from the screening findings to support a clinician's plan; it diagnoses nothing.",
      "Options a clinician may add: orthotics, massage, heat before stretching and ice after, "
      "elevation for swelling; pain relief is a doctor's or pharmacist's call.",
      "Stop and seek review if new red-flag signs appear (see triage)."};
  if (triage.level == TriageLevel::Soon) {
    program.general_cautions.insert(
        program.general_cautions.begin(),
        "Use only while waiting to see the clinician (triage 'soon'); stop if symptoms worsen.");
  }
  const bool runs = record.sport && *record.sport != "none";
  for (const std::string_view phase :
       {"mobilise", "strengthen_foot", "integrate_chain", "return_to_run"}) {
    ProgramPhase built{
        std::string(phase), phaseTitle(phase), phaseTiming(phase), {}, progressionCriteria(phase)};
    if (phase == "return_to_run" && !runs) {
      program.omitted.emplace_back("return to running: no sport recorded");
      continue;
    }
    for (const auto& exercise : catalogue()) {
      if (exercise.phase != phase) continue;
      std::vector<std::string> reasons;
      if (isEmpty(exercise.indication)) {
        reasons.push_back(fmt::format("return to {}", *record.sport));
      } else {
        reasons = reasonsFor(exercise.indication, record, measures, findings);
      }
      if (reasons.empty()) continue;
      built.exercises.push_back({std::string(exercise.id),
                                 std::string(exercise.name),
                                 std::string(exercise.how),
                                 reasons,
                                 exerciseDose(exercise.dose_id),
                                 {exercise.cautions.begin(), exercise.cautions.end()}});
    }
    if (built.exercises.empty()) {
      program.omitted.push_back(
          fmt::format("{}: no finding or complaint indicates it", built.title));
      continue;
    }
    program.phases.push_back(std::move(built));
  }
  return program;
}

}  // namespace kinchain::screen
