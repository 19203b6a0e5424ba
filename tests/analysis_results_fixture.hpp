#pragma once
// Results documents in the shape of docs/analysis-results.md (schema kinchain.analysis/1) for
// the report tests. Curves are smooth synthetic shapes (101 samples, 0..100 % of the cycle);
// strings include HTML-special characters so the tests can check escaping.

#include <nlohmann/json.hpp>

#include <cmath>
#include <numbers>
#include <optional>

namespace kinchain::test {

/// 101 samples of offset + amplitude · sin(2π·(i/100) + phase); `gap_from..gap_to` become null.
inline nlohmann::json cycleCurve(double offset, double amplitude, double phase = 0.0,
                                 int gap_from = -1, int gap_to = -1) {
  nlohmann::json values = nlohmann::json::array();
  for (int i = 0; i <= 100; ++i) {
    if (i >= gap_from && i <= gap_to) {
      values.push_back(nullptr);
      continue;
    }
    values.push_back(offset + amplitude * std::sin(2.0 * std::numbers::pi * i / 100.0 + phase));
  }
  return values;
}

inline nlohmann::json sideCurve(double offset, double amplitude, double sd, double phase = 0.0,
                                int gap_from = -1, int gap_to = -1) {
  return {{"mean", cycleCurve(offset, amplitude, phase, gap_from, gap_to)},
          {"sd", cycleCurve(sd, 0.0)},
          {"cycles", nlohmann::json::array({cycleCurve(offset + sd, amplitude, phase),
                                            cycleCurve(offset - sd, amplitude, phase)})}};
}

inline nlohmann::json referenceCurve(double offset, double amplitude, double sd) {
  return {{"mean", cycleCurve(offset, amplitude, 0.1)},
          {"sd", cycleCurve(sd, 0.0)},
          {"source", "Synthetic reference for tests (not a norm)"}};
}

/// `tissue_loads` in the shape of loads/tissue_load_summary.hpp (kinchain.tissue_loads/1).
inline nlohmann::json tissueLoadSummary() {
  using nlohmann::json;
  const auto peak = [](double value, const char* unit, double percent) {
    return json{{"value", value}, {"unit", unit}, {"time_s", 0.3}, {"percent_of_cycle", percent}};
  };
  const auto stance = [&](double start, double end, double achilles_n, double achilles_bw) {
    return json{{"start_s", start},
                {"end_s", end},
                {"cycle_start_s", start},
                {"cycle_end_s", end + 0.5},
                {"achilles",
                 {{"peak", peak(achilles_n, "N", 47.5)},
                  {"peak_bw", achilles_bw},
                  {"impulse_n_s", 900.0},
                  {"impulse_bw_s", 1.35},
                  {"loading_rate_n_per_s", 7000.0},
                  {"loading_rate_bw_per_s", 10.5},
                  {"reference_n", "achilles_walking_peak_n"},
                  {"reference_bw", "achilles_walking_peak_bw"}}},
                {"soleus", {{"peak", peak(1800.0, "N", 46.0)}, {"peak_bw", 2.69}}},
                {"mtp_angle_max", peak(41.5, "deg", 55.0)}};
  };
  return {{"schema", "kinchain.tissue_loads/1"},
          {"body_mass_kg", 68.2},
          {"definitions", {{"impulse", "time integral of the force over the stance <trapezoids>"}}},
          {"references", json::array({{{"id", "achilles_walking_peak_bw"},
                                       {"quantity", "Achilles peak force"},
                                       {"unit", "BW"},
                                       {"low", 2.5},
                                       {"high", 3.9},
                                       {"text", "walking range"},
                                       {"sources", {"Source A 2011"}}}})},
          {"unavailable", {"plantar fascia (left): model has no mtp_angle_l"}},
          {"notes", {"static optimisation with 18 muscles"}},
          {"sides",
           {{"left",
             {{"stances", json::array({stance(0.02, 0.77, 2810.0, 4.2)})},
              {"swings", json::array({{{"start_s", 0.77},
                                       {"end_s", 1.31},
                                       {"hamstrings",
                                        {{"bflh",
                                          {{"peak_stretch", peak(8.25, "%", 90.0)},
                                           {"peak_force", peak(610.0, "N", 93.0)}}}}}}})}}},
            {"right",
             {{"stances", json::array({stance(0.66, 1.45, 3080.0, 4.6)})},
              {"swings", json::array()}}}}},
          {"skipped_phases", json::array({{{"side", "right"},
                                           {"phase", "swing"},
                                           {"start_s", 1.45},
                                           {"end_s", 1.97},
                                           {"reason", "outside the time range of the series"}}})},
          {"flags", json::array({{{"side", "right"},
                                  {"phase", "stance 0.66 s"},
                                  {"text", "Achilles peak force: 4.6 BW above the <range>"}}})}};
}

/// A full document: two force plates, every section, a screening result with a red flag.
inline nlohmann::json fullResults() {
  using nlohmann::json;
  json results = {
      {"schema", "kinchain.analysis/1"},
      {"kinchain_version", "0.3.0"},
      {"created", "2026-11-21T14:00:00Z"},
      {"trial",
       {{"file", "walk <1> & \"fast\".c3d"},
        {"frames", 255},
        {"rate_hz", 100.0},
        {"start_s", 0.0},
        {"duration_s", 2.54},
        {"force_plates", 2},
        {"static_file", nullptr}}},
      {"subject", {{"mass_kg", 68.2}, {"mass_source", "<script>alert('x')</script> & co"}}},
      {"protocol",
       {{"id", "plug-in-gait-lower-body"},
        {"name", "Vicon Plug-in Gait (lower body)"},
        {"markers_used", {"LASI", "RASI", "LPSI", "RPSI", "LTHI", "LKNE", "LTOE"}},
        {"markers_missing", {"RHEE"}},
        {"markers_not_needed", {{{"marker", "SACR"}, {"instead", {"LPSI", "RPSI"}}}}},
        {"labels_ignored", {"LFHD", "Unlabeled_<1>"}},
        {"labels_used_otherwise",
         {{{"label", "C7"}, {"use", "trunk lean (Plug-in Gait thorax axes)"}}}}}},
      {"model",
       {{"source", "kinchain_gait2392.osim (bundled)"},
        {"scaling_method", "segment lengths from marker pairs over the whole trial (median)"},
        {"scale_factors", {{"pelvis", {1.02, 1.0, 0.98}}}},
        {"marker_error", {{"rms_m", 0.012}, {"max_m", 0.035}, {"worst_marker", "LTOE"}}}}},
      {"stages",
       json::array(
           {{{"name", "inverse_kinematics"}, {"status", "ok"}, {"seconds", 0.41}, {"message", ""}},
            {{"name", "inverse_dynamics"}, {"status", "ok"}, {"seconds", 0.07}, {"message", ""}},
            {{"name", "static_optimization"},
             {"status", "failed"},
             {"seconds", 1.25},
             {"message", "IPOPT did not converge at frame 17 <t=0.17 s>"}}})},
      {"events",
       json::array(
           {{{"side", "left"},
             {"kind", "foot_strike"},
             {"time_s", 0.02},
             {"source", "force_plate"}},
            {{"side", "left"}, {"kind", "foot_off"}, {"time_s", 0.77}, {"source", "force_plate"}},
            {{"side", "right"},
             {"kind", "foot_strike"},
             {"time_s", 0.66},
             {"source", "kinematics"}}})},
      {"spatiotemporal",
       {{"left",
         {{"stride_time_s", 1.29}, {"stance_percent", 58.1}, {"cadence_steps_per_min", 93.0}}},
        {"right",
         {{"stride_time_s", 1.31}, {"stance_percent", 61.5}, {"cadence_steps_per_min", 92.4}}}}},
      {"cycles",
       {{"left",
         json::array(
             {{{"start_s", 0.02}, {"foot_off_s", 0.77}, {"end_s", 1.31}, {"has_force", true}}})},
        {"right",
         json::array(
             {{{"start_s", 0.66}, {"foot_off_s", 1.45}, {"end_s", 1.97}, {"has_force", false}}})}}},
      {"curves", json::array({
                     {{"id", "knee_angle"},
                      {"label", "Knee flexion"},
                      {"unit", "deg"},
                      {"group", "angles"},
                      {"left", sideCurve(30.0, 28.0, 4.0)},
                      {"right", sideCurve(29.0, 26.0, 5.0, 0.2, 40, 44)},
                      {"reference", referenceCurve(30.0, 27.0, 5.0)}},
                     {{"id", "hip_angle"},
                      {"label", "Hip flexion"},
                      {"unit", "deg"},
                      {"group", "angles"},
                      {"left", sideCurve(10.0, 25.0, 3.0)},
                      {"right", nullptr},
                      {"reference", nullptr},
                      {"missing", {{"right", "no right thigh marker <RTHI>"}}}},
                     {{"id", "ankle_moment"},
                      {"label", "Ankle plantarflexion moment"},
                      {"unit", "N·m/kg"},
                      {"group", "moments"},
                      {"left", sideCurve(0.6, 0.8, 0.1)},
                      {"right", sideCurve(0.55, 0.75, 0.1)},
                      {"reference", referenceCurve(0.6, 0.8, 0.15)}},
                     {{"id", "ankle_power"},
                      {"label", "Ankle power"},
                      {"unit", "W/kg"},
                      {"group", "powers"},
                      {"left", sideCurve(0.5, 2.0, 0.3)},
                      {"right", sideCurve(0.4, 1.8, 0.3)},
                      {"reference", nullptr}},
                     {{"id", "achilles_force"},
                      {"label", "Achilles tendon force"},
                      {"unit", "BW"},
                      {"group", "loads"},
                      {"left", sideCurve(2.0, 2.0, 0.4)},
                      {"right", sideCurve(2.2, 2.1, 0.4)},
                      {"reference", nullptr}},
                 })},
      {"metrics",
       json::array({
           {{"id", "peak_dorsiflexion_stance"},
            {"label", "Peak ankle dorsiflexion in stance"},
            {"unit", "deg"},
            {"mechanism", "F3"},
            {"left", {{"value", 8.1}, {"per_cycle", {8.0, 8.2}}}},
            {"right", {{"value", 11.0}, {"per_cycle", {11.0}}}},
            {"asymmetry_percent", 30.4},
            {"reference",
             {{"low", 10.0},
              {"high", nullptr},
              {"text", "at least 10° in walking"},
              {"source", "Author Year"}}},
            {"flags", json::array({{{"side", "left"}, {"kind", "low"}, {"text", "below 10°"}}})}},
           {{"id", "mtp_extension_pushoff"},
            {"label", "Big-toe extension at push-off"},
            {"unit", "deg"},
            {"mechanism", "F4"},
            {"left", {{"value", 47.25}, {"per_cycle", {47.25}}}},
            {"right",
             {{"value", nullptr},
              {"per_cycle", json::array()},
              {"missing", "right toe marker missing"}}},
            {"asymmetry_percent", nullptr},
            {"asymmetry_missing", "needs both sides"},
            {"reference", nullptr},
            {"flags", json::array()}},
           {{"id", "hip_extension_terminal_stance"},
            {"label", "Hip extension in terminal stance"},
            {"unit", "deg"},
            {"mechanism", "H1"},
            {"left", {{"value", -12.5}, {"per_cycle", {-12.5}}}},
            {"right", {{"value", -9.75}, {"per_cycle", {-9.75}}}},
            {"asymmetry_percent", -24.7},
            {"reference",
             {{"low", nullptr},
              {"high", -10.0},
              {"text", "extension beyond 10°"},
              {"source", "Other Author 2001"}}},
            {"flags",
             json::array(
                 {{{"side", "right"}, {"kind", "low"}, {"text", "less than 10° extension"}}})}},
           {{"id", "stride_time"},
            {"label", "Stride time"},
            {"unit", "s"},
            {"mechanism", ""},
            {"left", {{"value", 1.29}, {"per_cycle", {1.29}}}},
            {"right", {{"value", 1.31}, {"per_cycle", {1.31}}}},
            {"asymmetry_percent", 1.54},
            {"reference", nullptr},
            {"flags", json::array()}},
       })},
      {"asymmetry_threshold", {{"percent", 10.0}, {"source", "Test threshold (fixture)"}}},
      {"tissue_loads", tissueLoadSummary()},
      {"findings", json::array({
                       {{"id", "F3"},
                        {"side", "left"},
                        {"title", "Limited ankle dorsiflexion"},
                        {"region", "ankle"},
                        {"evidence", json::array({{{"metric", "peak_dorsiflexion_stance"},
                                                   {"value", 8.1},
                                                   {"unit", "deg"},
                                                   {"reference", "≥ 10°"},
                                                   {"source", "Author Year"}}})},
                        {"source", "kinetic-chain.md F3"}},
                       {{"id", "H1"},
                        {"side", "right"},
                        {"title", "Tight hamstrings <restrict> hip extension"},
                        {"region", "hamstrings"},
                        {"evidence", json::array({{{"metric", "hip_extension_terminal_stance"},
                                                   {"value", -9.75},
                                                   {"unit", "deg"},
                                                   {"reference", "≤ -10°"},
                                                   {"source", "Other Author 2001"}}})},
                        {"source", "kinetic-chain.md H1"}},
                       {{"id", "F1"},
                        {"side", "left"},
                        {"title", "Over-pronation"},
                        {"region", "subtalar"},
                        {"evidence", json::array()},
                        {"source", "kinetic-chain.md F1"}},
                       {{"id", "F7"},
                        {"side", "left"},
                        {"title", "Collapsing ankle loads the other hamstring"},
                        {"region", "ankle"},
                        {"evidence", json::array()},
                        {"source", "kinetic-chain.md F7"}},
                       {{"id", "H4"},
                        {"side", "right"},
                        {"title", "Pelvic tilt"},
                        {"region", "shoulder"},
                        {"evidence", json::array()},
                        {"source", "kinetic-chain.md H4"}},
                   })},
      {"missing", json::array({{{"what", "finding F5 (calf overwork)"},
                                {"reason", "needs EMG, which the trial does not have"}}})},
      {"screen",
       {{"format", "kinchain.screen-result/1"},
        {"triage",
         {{"level", "same_day"},
          {"message", "See a doctor today."},
          {"program_withheld", true},
          {"triggered", json::array({{{"rule", "calf_dvt"},
                                      {"level", "same_day"},
                                      {"title", "Possible deep-vein thrombosis"},
                                      {"action", "Same-day medical review"},
                                      {"source", "Wells 2003"},
                                      {"because", {"calf swelling > 3 cm"}}}})},
          {"not_assessed", json::array()},
          {"notes", json::array()}}},
        {"findings",
         {{"present", json::array({{{"id", "F3"},
                                    {"side", "left"},
                                    {"title", "Limited ankle dorsiflexion"},
                                    {"explanation", "knee-to-wall 6 cm"},
                                    {"evidence_grade", "B"},
                                    {"evidence", "moderate"},
                                    {"supported_by", {"knee_to_wall"}}}})}}},
        {"root_causes",
         {{"caveat", "Hypotheses to test, not diagnoses."},
          {"hypotheses", json::array({{{"rank", 1},
                                       {"finding", "F3"},
                                       {"side", "left"},
                                       {"statement", "Limited dorsiflexion feeds Achilles load"},
                                       {"score", 3},
                                       {"chain_path", {"ankle", "achilles"}},
                                       {"evidence_grade", "B"}}})}}},
        {"program",
         {{"withheld", true},
          {"withheld_reason", "A red flag needs medical review first."},
          {"phases", json::array()}}}}},
      {"files",
       {{"scaled_model", "model_scaled.osim"},
        {"inverse_kinematics", "ik.mot"},
        {"inverse_dynamics", "id.sto"},
        {"tissue_loads", "tissue_loads.sto"}}},
      {"warnings", {"Marker RHEE missing in 40 % of frames"}}};
  return results;
}

/// A trial without force plates: kinematics only, no kinetics or loads, no screening.
inline nlohmann::json noForcePlateResults() {
  auto results = fullResults();
  results["trial"]["force_plates"] = 0;
  results["screen"] = nullptr;
  results["tissue_loads"] = nullptr;
  auto curves = nlohmann::json::array();
  for (const auto& curve : results["curves"])
    if (curve["group"] == "angles") curves.push_back(curve);
  results["curves"] = curves;
  for (auto& stage : results["stages"]) {
    if (stage["name"] != "inverse_kinematics") {
      stage["status"] = "skipped";
      stage["message"] = "no force plates";
    }
  }
  results["missing"] = nlohmann::json::array(
      {{{"what", "joint moments and powers"}, {"reason", "no force plates in the trial"}},
       {{"what", "findings F5, F6 (need forces)"}, {"reason", "no force plates in the trial"}}});
  return results;
}

}  // namespace kinchain::test
