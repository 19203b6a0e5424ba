// screen.json: the versioned result document (format kinchain.screen-result/1).

#include "kinchain/screen/clinical_thresholds.hpp"
#include "kinchain/screen/screen_pipeline.hpp"

namespace kinchain::screen {

namespace {

using nlohmann::json;

json optionalNumber(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json toJson(const Triage& triage) {
  json triggered = json::array();
  for (const auto& rule : triage.triggered) {
    triggered.push_back({{"rule", rule.id},
                         {"level", triageLevelName(rule.level)},
                         {"title", rule.title},
                         {"action", rule.action},
                         {"source", rule.source},
                         {"because", rule.because}});
  }
  json not_assessed = json::array();
  for (const auto& rule : triage.not_assessed) {
    not_assessed.push_back({{"rule", rule.id}, {"title", rule.title}, {"missing", rule.missing}});
  }
  json unanswered = json::array();
  for (const auto& question : triage.unanswered) {
    unanswered.push_back({{"field", question.field},
                          {"question", question.question},
                          {"needed_by", question.needed_by}});
  }
  return {{"level", triageLevelName(triage.level)},
          {"cleared", triage.cleared()},
          {"message", triage.message},
          {"program_withheld", triage.program_withheld},
          {"triggered", triggered},
          {"unanswered_questions", unanswered},
          {"not_assessed", not_assessed},
          {"notes", triage.notes}};
}

json toJson(const SideMeasure& side) {
  return {{"value", optionalNumber(side.value)},
          {"flag", measureFlagName(side.flag)},
          {"flag_text", side.flag_text},
          {"cutoff_ids", side.cutoff_ids}};
}

json toJson(const Measures& measures) {
  json tests = json::array();
  for (const auto& measure : measures.tests) {
    json asymmetry = {
        {"difference_left_minus_right", optionalNumber(measure.asymmetry.difference)},
        {"percent", optionalNumber(measure.asymmetry.percent)},
        {"flagged", measure.asymmetry.flagged},
        {"lower_side", measure.asymmetry.lower_side ? json(sideName(*measure.asymmetry.lower_side))
                                                    : json(nullptr)},
        {"text", measure.asymmetry.text}};
    tests.push_back({{"test", measure.test},
                     {"title", measure.title},
                     {"unit", measure.unit},
                     {"norm", measure.norm},
                     {"cutoff", measure.cutoff},
                     {"caution", measure.caution},
                     {"left", toJson(measure.left)},
                     {"right", toJson(measure.right)},
                     {"asymmetry", asymmetry}});
  }
  json questionnaires = json::array();
  for (const auto& score : measures.questionnaires) {
    questionnaires.push_back({{"name", score.name},
                              {"title", score.title},
                              {"score", optionalNumber(score.score)},
                              {"maximum", score.maximum},
                              {"unit", score.unit},
                              {"answered", score.answered},
                              {"items", score.items},
                              {"interpretation", score.interpretation},
                              {"not_scored_reason", score.not_scored_reason},
                              {"mcid", thresholdValue(score.mcid_id)},
                              {"source", score.citation}});
  }
  return {{"tests", tests},
          {"hop_lsi_percent",
           {{"value", optionalNumber(measures.hop_lsi_percent)}, {"text", measures.hop_lsi_text}}},
          {"questionnaires", questionnaires},
          {"not_assessed", measures.not_assessed}};
}

json toJson(const std::vector<PatternSign>& signs) {
  json result = json::array();
  for (const auto& sign : signs) {
    result.push_back({{"sign", sign.id},
                      {"description", sign.description},
                      {"present", sign.present},
                      {"answered", sign.answered},
                      {"weight", sign.present ? 1 : 0}});
  }
  return result;
}

json toJson(const Differential& differential) {
  return {{"origin", originName(differential.origin)},
          {"statement", differential.statement},
          {"chain_count", differential.chain_count},
          {"local_count", differential.local_count},
          {"chain_signs", toJson(differential.chain_signs)},
          {"local_signs", toJson(differential.local_signs)},
          {"unanswered", differential.unanswered}};
}

json toJson(const Findings& findings) {
  json present = json::array();
  for (const auto& finding : findings.present) {
    present.push_back({{"id", finding.id},
                       {"side", sideName(finding.side)},
                       {"title", finding.title},
                       {"explanation", finding.chain},
                       {"evidence_grade", finding.evidence_grade},
                       {"evidence", finding.evidence},
                       {"supported_by", finding.supported_by}});
  }
  return {{"present", present}, {"not_assessed", findings.not_assessed}};
}

json toJson(const RootCauses& causes) {
  json hypotheses = json::array();
  for (const auto& hypothesis : causes.hypotheses) {
    hypotheses.push_back({{"rank", hypothesis.rank},
                          {"finding", hypothesis.finding_id},
                          {"side", sideName(hypothesis.side)},
                          {"title", hypothesis.title},
                          {"score", hypothesis.score},
                          {"linked_to_complaint", hypothesis.linked_to_complaint},
                          {"chain_path", hypothesis.path},
                          {"evidence_grade", hypothesis.evidence_grade},
                          {"statement", hypothesis.statement}});
  }
  return {{"caveat", causes.caveat}, {"hypotheses", hypotheses}};
}

json toJson(const ExerciseDose& dose) {
  return {{"sets", dose.sets},       {"reps", dose.reps},           {"hold", dose.hold},
          {"tempo", dose.tempo},     {"frequency", dose.frequency}, {"duration", dose.duration},
          {"source", dose.citation}, {"source_line", dose.source},  {"evidence_grade", dose.grade},
          {"label", dose.label}};
}

json toJson(const Program& program) {
  json phases = json::array();
  for (const auto& phase : program.phases) {
    json exercises = json::array();
    for (const auto& exercise : phase.exercises) {
      exercises.push_back({{"id", exercise.id},
                           {"name", exercise.name},
                           {"how", exercise.how},
                           {"chosen_for", exercise.chosen_for},
                           {"dose", toJson(exercise.dose)},
                           {"pain_monitoring", program.pain_monitoring_rule},
                           {"progression_criteria", phase.progression_criteria},
                           {"cautions", exercise.cautions}});
    }
    phases.push_back({{"phase", phase.id},
                      {"title", phase.title},
                      {"typical_timing", phase.typical_timing},
                      {"progression_criteria", phase.progression_criteria},
                      {"exercises", exercises}});
  }
  return {{"withheld", program.withheld},
          {"withheld_reason", program.withheld_reason},
          {"answer_first", program.answer_first},
          {"pain_monitoring_rule", program.pain_monitoring_rule},
          {"general_cautions", program.general_cautions},
          {"phases", phases},
          {"omitted", program.omitted}};
}

json toJson(const MeasureChange& change) {
  return {{"item", change.test},
          {"side", change.side},
          {"unit", change.unit},
          {"previous", change.previous},
          {"current", change.current},
          {"change", change.change},
          {"threshold", optionalNumber(change.threshold)},
          {"label", changeLabelName(change.label)},
          {"source", change.source}};
}

json toJson(const Retest& retest, const std::string& previous_source) {
  json tests = json::array();
  for (const auto& change : retest.tests)
    tests.push_back(toJson(change));
  json questionnaires = json::array();
  for (const auto& change : retest.questionnaires)
    questionnaires.push_back(toJson(change));
  return {{"previous", previous_source},
          {"note", retest.note},
          {"tests", tests},
          {"questionnaires", questionnaires},
          {"not_compared", retest.not_compared}};
}

json constantsTable() {
  json table = json::array();
  for (const auto& constant : clinicalConstants()) {
    table.push_back({{"id", constant.id},
                     {"value", constant.value},
                     {"unit", constant.unit},
                     {"flag_when", comparisonSymbol(constant.flag_when)},
                     {"meaning", constant.meaning},
                     {"citation", constant.citation},
                     {"source", constant.source},
                     {"evidence_grade", constant.grade},
                     {"label", constant.label}});
  }
  return table;
}

}  // namespace

nlohmann::json screenResultToJson(const ScreenResult& result) {
  json problems = json::array();
  for (const auto& problem : result.input.problems) {
    problems.push_back({{"field", problem.path}, {"message", problem.message}});
  }
  json document = {
      {"format", kScreenResultFormat},
      {"generator", std::string("kinchain ") + KINCHAIN_VERSION},
      {"disclaimer",
       "Kinchain supports clinicians; it diagnoses nothing. Findings and root causes are "
       "hypotheses to test. Red flags always win."},
      {"source", result.source},
      {"input_problems", problems},
      {"could_not_assess", result.could_not_assess},
      {"triage", toJson(result.triage)},
      {"differential", toJson(result.differential)},
      {"measures", toJson(result.measures)},
      {"findings", toJson(result.findings)},
      {"root_causes", toJson(result.root_causes)},
      {"program", toJson(result.program)},
      {"retest",
       result.retest ? toJson(*result.retest, result.previous_source.value_or("")) : json(nullptr)},
      {"record", result.input.accepted},
      {"clinical_constants", constantsTable()},
  };
  return document;
}

}  // namespace kinchain::screen
