// Fuzzes the screening record reader and the whole screening pipeline (triage, measures,
// differential, findings, root causes, program, re-test against itself, JSON and HTML output).
// Bad input may only ever raise kinchain::InputError; anything else (crash, other exception,
// sanitizer report) is a bug.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kinchain/common/error.hpp"
#include "kinchain/report/screen_report.hpp"
#include "kinchain/screen/screen_pipeline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const kinchain::screen::ReadRecord input = kinchain::screen::readScreeningRecord(text, "fuzz");
    const auto result = kinchain::screen::runScreen(input, "fuzz", {}, &input, "fuzz");
    const std::string json = kinchain::screen::screenResultToJson(result).dump();
    const std::string html = kinchain::report::renderScreenReport(result);
    if (json.empty() || html.empty()) __builtin_trap();
  } catch (const kinchain::InputError&) {
    // expected for malformed input
  }
  return 0;
}
