#pragma once
// screen.html: a self-contained HTML page (no external assets, inline CSS, prints cleanly on
// A4) showing a screening result for a clinician: triage first, then the differential,
// measures, findings, root-cause hypotheses, the program and the re-test.

#include "kinchain/report/html_writer.hpp"
#include "kinchain/screen/screen_pipeline.hpp"

#include <string>

namespace kinchain::report {

/// The whole page as UTF-8 text.
std::string renderScreenReport(const screen::ScreenResult& result);

}  // namespace kinchain::report
