#pragma once
// Chain-vs-local pattern for ankle, heel and Achilles complaints (kinetic-chain.md §3,
// clinical.md §3.6). No validated rule separates hamstring/posterior-chain ankle pain from a
// local injury, so this is a transparent weighted pattern: every sign counts one (equal
// weights — no source gives better ones) and every sign is listed. The label is
//   chain   : chain signs outnumber local signs
//   local   : local signs outnumber chain signs
//   unclear : a tie (including no signs at all)
// It is a prompt for the clinician's reasoning, never a diagnosis.

#include "kinchain/screen/measures.hpp"
#include "kinchain/screen/screening_record.hpp"

#include <string>
#include <vector>

namespace kinchain::screen {

enum class Origin { Chain, Local, Unclear, NotApplicable };
std::string_view originName(Origin origin);

struct PatternSign {
  std::string id;           ///< e.g. "better_with_knee_bent"
  std::string description;  ///< what it is and why it points that way
  bool present = false;
  bool answered = false;
};

struct Differential {
  Origin origin = Origin::NotApplicable;
  std::vector<PatternSign> chain_signs;
  std::vector<PatternSign> local_signs;
  int chain_count = 0;
  int local_count = 0;
  std::vector<std::string> unanswered;
  std::string statement;  ///< "No validated rule exists; …"
};

Differential differentiate(const ScreeningRecord& record, const Measures& measures);

}  // namespace kinchain::screen
