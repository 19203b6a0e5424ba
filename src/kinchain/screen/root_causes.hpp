#pragma once
// Root-cause hypotheses: which findings could feed the complaint, ranked, each with the path
// along the chain from the cause to the complaint (kinetic-chain.md §1:
// big toe → foot → ankle → Achilles → calf → knee → hamstrings → hip/pelvis → low back).
//
// Ranking (no validated weights exist, so only counts and order are used):
//   1. hypotheses whose mechanism reaches the complaint region on the complaint side first
//      (for F7, the opposite side), then findings elsewhere in the chain;
//   2. within each group, more supporting measures first (`score` = their count);
//   3. then table order (F1 … H4).
// These are hypotheses for a clinician to test, never a diagnosis (regional interdependence
// is mostly mechanistic/associative for the foot→pelvis chain, clinical.md §2.8).

#include "kinchain/screen/findings.hpp"
#include "kinchain/screen/screening_record.hpp"

#include <string>
#include <vector>

namespace kinchain::screen {

struct RootCauseHypothesis {
  int rank = 0;
  std::string finding_id;
  Side side;
  std::string title;
  int score = 0;  ///< number of supporting measures / evidence items
  bool linked_to_complaint = false;
  std::vector<std::string> path;  ///< chain segments from cause to complaint
  std::string evidence_grade;
  std::string statement;  ///< "Hypothesis: …"
};

struct RootCauses {
  std::vector<RootCauseHypothesis> hypotheses;
  std::string caveat;
};

/// The chain segments in order, foot to trunk.
const std::vector<std::string>& chainSegments();

RootCauses rankRootCauses(const ScreeningRecord& record, const Findings& findings);

}  // namespace kinchain::screen
