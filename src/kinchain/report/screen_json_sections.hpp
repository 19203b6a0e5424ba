#pragma once
// HTML sections for the screening part of an analysis results document (`screen`, in the shape
// of `kinchain screen`'s screen.json, format kinchain.screen-result/1): red-flag triage, the
// screening findings, root-cause hypotheses and the program. Tolerant of missing fields.

#include <nlohmann/json.hpp>

#include <string>

namespace kinchain::report {

/// <section id="red-flags">: triage level, message, triggered rules, rules not assessed.
std::string screenTriageSection(const nlohmann::json& screen);

/// <section id="screen-findings">: findings from the screening record.
std::string screenFindingsSection(const nlohmann::json& screen);

/// <section id="root-causes">: ranked hypotheses with their chain path and caveat.
std::string screenRootCausesSection(const nlohmann::json& screen);

/// <section id="program">: phases and exercises with dose and source, or why it is withheld.
std::string screenProgramSection(const nlohmann::json& screen);

}  // namespace kinchain::report
