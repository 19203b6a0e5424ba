#pragma once
// Kinetic-chain findings: the mechanisms F1–F7 (foot → up) and H1–H4 (hamstrings → down) of
// ../shared/research/kinetic-chain.md §2 that the record supports, per side.
//
// Each finding is a data row: id, title, the chain it describes, evidence grade with its
// source, and its criteria in conjunctive normal form — a list of groups, every group must
// hold, a group holds when any one of its criteria holds. Criteria read measure flags (which
// carry their threshold ids and sources), complaint answers, history and earlier findings.
// Later evidence (recorded gait, issue 7) enters through GaitEvidence: an item for a finding
// and side supports that finding in addition to (or instead of) the static criteria.
//
// A finding is a mechanism the data are consistent with, not a diagnosis.

#include "kinchain/screen/measures.hpp"
#include "kinchain/screen/screening_record.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kinchain::screen {

/// One piece of evidence from outside the static screen (e.g. a recorded-gait metric).
struct GaitEvidenceItem {
  std::string finding_id;  ///< "F7", "H1", …
  Side side;
  std::string description;  ///< e.g. "ankle dorsiflexion 1st contact → loading response 14°"
  std::string source;       ///< file / analysis that produced it
};

/// Evidence from recorded gait. Empty until the gait analysis (issue 7) fills it.
struct GaitEvidence {
  std::vector<GaitEvidenceItem> items;
};

struct Criterion {
  enum class Kind {
    MeasureLow,              ///< test flagged low on the side (see `side`)
    MeasureHigh,             ///< test flagged high
    AsymmetryLowerSide,      ///< flagged asymmetry, this side lower
    AsymmetryHigherSide,     ///< flagged asymmetry, this side higher
    LowerThanOtherSide,      ///< qualitative: value lower than the other side (no cut-off)
    ComplaintRegion,         ///< complaint in one of `regions` on the side
    HamstringStrainHistory,  ///< previous hamstring strain on the side
    Answer,                  ///< yes/no answer `name` is yes (side-independent)
    Finding,                 ///< finding `name` present on the side
  };
  enum class Relation { Same, Opposite };
  Kind kind;
  std::string_view name;  ///< test, answer path or finding id
  Relation side = Relation::Same;
  std::vector<std::string_view> regions;
};

struct FindingRule {
  std::string_view id;
  std::string_view title;
  std::string_view chain;  ///< the mechanism along the chain, in words
  std::string_view evidence_grade;
  std::string_view evidence;       ///< what the literature says, with citations
  std::string_view cause_segment;  ///< where the cause sits ("foot", "ankle", "hamstring", …)
  std::vector<std::string_view> affects;           ///< complaint regions the mechanism can feed
  bool affects_opposite_side = false;              ///< F7: one ankle loads the *other* hamstring
  std::vector<std::vector<Criterion>> all_of_any;  ///< conjunctive normal form
};

/// The rule table in evaluation order (a rule may depend on earlier ones).
const std::vector<FindingRule>& findingRules();

struct Finding {
  std::string id;
  Side side;
  std::string title;
  std::string chain;
  std::string evidence_grade;
  std::string evidence;
  std::vector<std::string> supported_by;  ///< the measures / answers behind it
};

struct Findings {
  std::vector<Finding> present;
  std::vector<std::string> not_assessed;  ///< "F3 right: knee_to_wall_cm, lunge_angle_deg missing"
  bool has(std::string_view id, Side side) const;
  bool hasAny(std::string_view id) const;
};

Findings findFindings(const ScreeningRecord& record, const Measures& measures,
                      const GaitEvidence& gait);

}  // namespace kinchain::screen
