#pragma once
// Gait findings: the mechanisms F1-F7 / H1-H4 of ../shared/research/kinetic-chain.md that the
// chain metrics support, per side, with the numbers, the reference and its source.
//
// A finding is raised only by a metric flagged against a cited cut-off (or a cited dataset's
// mean ± 2 SD); see chain_metrics.hpp for the references. Today that is:
//   H1  knee_flexion_midstance > 19° (flexed-knee gait; O'Sullivan, French & Horgan 2022)
//   F4  peak_mtp_extension_stance < 42° (Caravaggi et al. 2010 slow walking 52 ± 5°, mean - 2 SD)
// Every other mechanism is listed in `notAssessed` with the reason (no cited gait cut-off, or
// the metric is not available), and its metrics are reported unflagged. A finding is a
// mechanism the data are consistent with, not a diagnosis.

#include <string>
#include <string_view>
#include <vector>

#include "kinchain/chain/chain_metrics.hpp"
#include "kinchain/screen/findings.hpp"

namespace kinchain::chain {

struct FindingEvidence {
  std::string metric;  ///< metric id
  double value = 0.0;  ///< side mean
  std::string unit;
  std::string reference;  ///< e.g. "> 19°"
  std::string source;     ///< author year
};

struct GaitFinding {
  std::string id;  ///< "F1".."F7", "H1".."H4"
  Side side = Side::Left;
  std::string title;
  std::string region;  ///< chain-picture region (docs/analysis-results.md)
  std::vector<FindingEvidence> evidence;
  std::string source;  ///< "kinetic-chain.md H1"
};

/// A mechanism (per side) the gait data could not judge, and why.
struct MechanismNotAssessed {
  std::string id;
  Side side = Side::Left;
  std::string reason;
};

struct GaitFindings {
  std::vector<GaitFinding> findings;
  std::vector<MechanismNotAssessed> notAssessed;
};

/// Findings from flagged metrics (metrics must have gone through flagMetrics).
GaitFindings gaitFindings(const std::vector<ChainMetric>& metrics);

/// Where a mechanism sits on the chain picture: one of foot, big_toe, arch, subtalar, ankle,
/// achilles, calf, knee, hamstrings, hip, pelvis, trunk.
std::string_view mechanismRegion(std::string_view mechanismId);

/// The findings as evidence for the screening root causes (screen::findFindings); `source`
/// names the trial, e.g. "gait analysis of walk.c3d".
screen::GaitEvidence toGaitEvidence(const GaitFindings& findings, const std::string& source);

}  // namespace kinchain::chain
