#pragma once
// The corrective program (kinetic-chain.md §4, doses from clinical.md §6), chosen from the
// findings: phases mobilise → strengthen foot → integrate chain → return to run. Each
// exercise says why it was chosen (the findings or complaint behind it), its dose from the
// dose table with source, progression criteria, the pain-monitoring rule and cautions. An
// exercise without an indication is left out (e.g. no dorsiflexion restriction → no
// ankle-mobility block). At `emergency` / `same_day` triage the program is withheld, and so
// it is while any red-flag question is unanswered (triage `not_cleared`, or a fired rule with
// questions still open): the reason names the questions to answer.
//
// Progression is criteria-based, not calendar-based (clinical.md §6.7); the typical
// 0–2 / 2–4 / 4–6-week scaffold is a guide, not a promise.

#include "kinchain/screen/clinical_thresholds.hpp"
#include "kinchain/screen/findings.hpp"
#include "kinchain/screen/measures.hpp"
#include "kinchain/screen/screening_record.hpp"
#include "kinchain/screen/triage.hpp"

#include <string>
#include <vector>

namespace kinchain::screen {

struct ProgramExercise {
  std::string id;
  std::string name;
  std::string how;                      ///< short instruction
  std::vector<std::string> chosen_for;  ///< findings / complaint that indicate it
  ExerciseDose dose;
  std::vector<std::string> cautions;
};

struct ProgramPhase {
  std::string id;  ///< mobilise, strengthen_foot, integrate_chain, return_to_run
  std::string title;
  std::string typical_timing;  ///< a guide, not a promise
  std::vector<ProgramExercise> exercises;
  std::vector<std::string> progression_criteria;  ///< to move on to the next phase
};

struct Program {
  bool withheld = false;
  std::string withheld_reason;
  /// Red-flag questions to answer before the program can be given ("question (field)").
  std::vector<std::string> answer_first;
  std::vector<ProgramPhase> phases;
  std::vector<std::string> omitted;  ///< phases or blocks left out, and why
  std::string pain_monitoring_rule;
  std::vector<std::string> general_cautions;
};

Program buildProgram(const ScreeningRecord& record, const Measures& measures,
                     const Findings& findings, const Triage& triage);

}  // namespace kinchain::screen
