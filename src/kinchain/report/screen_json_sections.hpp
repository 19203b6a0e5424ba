#pragma once
// HTML sections for the screening part of an analysis results document (`screen`, in the shape
// of `kinchain screen`'s screen.json, format kinchain.screen-result/1): red-flag triage, the
// screening findings, root-cause hypotheses and the program. Tolerant of missing fields.

#include <nlohmann/json.hpp>

#include <string>

namespace kinchain::report {

/// The triage level as a badge: <span class="level LEVEL">LEVEL</span>. Only known levels
/// become classes. `not_cleared` carries its own inline style (a dashed red outline) because
/// the shared stylesheet colours only the decided levels, and an unstyled badge must never
/// look like the green `self_care` one.
std::string triageLevelBadge(const std::string& level);

/// <section id="red-flags">: triage level, message, triggered rules, the unanswered red-flag
/// questions (when the screen could not clear the person), rules not assessed.
std::string screenTriageSection(const nlohmann::json& screen);

/// <section id="screen-findings">: findings from the screening record.
std::string screenFindingsSection(const nlohmann::json& screen);

/// <section id="root-causes">: ranked hypotheses with their chain path and caveat.
std::string screenRootCausesSection(const nlohmann::json& screen);

/// <section id="program">: phases and exercises with dose and source, or why it is withheld
/// and which red-flag questions to answer first.
std::string screenProgramSection(const nlohmann::json& screen);

}  // namespace kinchain::report
