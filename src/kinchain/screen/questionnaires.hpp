#pragma once
// Scoring of the patient-reported outcome questionnaires (clinical.md §4):
//   FAAM ADL   : 21 items 0–4, score % = sum ÷ (4 × answered) × 100, scored only if ≥ 19 answered
//   FAAM Sports:  8 items 0–4, same formula, scored only if ≥ 7 answered
//   LEFS       : 20 items 0–4, total 0–80 (higher = better); the source gives no rule for
//                missing items, so every item must be answered
//   VISA-A     :  8 questions, Q1–7 out of 10, Q8 out of 30, total 0–100; all 8 needed
// Constants (item counts, minimum answered, MCID) come from clinical_thresholds.

#include "kinchain/screen/screening_record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kinchain::screen {

struct QuestionnaireScore {
  std::string name;               ///< "faam_adl", "faam_sport", "lefs", "visa_a"
  std::string title;              ///< human name
  std::optional<double> score;    ///< empty when it could not be scored
  double maximum = 0;             ///< best possible score
  std::string unit;               ///< "%" or "points"
  std::size_t answered = 0;       ///< items answered
  std::size_t items = 0;          ///< items in the questionnaire
  std::string interpretation;     ///< e.g. "below 90 = not recovered" for VISA-A
  std::string not_scored_reason;  ///< why `score` is empty
  std::string mcid_id;            ///< clinical constant id of its MCID
  std::string citation;
};

/// Scores every questionnaire present in the record.
std::vector<QuestionnaireScore> scoreQuestionnaires(const ScreeningRecord& record);

}  // namespace kinchain::screen
