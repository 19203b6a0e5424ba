// libFuzzer target for the STO/MOT reader: any input must parse or throw kinchain::InputError —
// never crash, hang, read out of bounds or throw anything else.

#include "kinchain/common/error.hpp"
#include "kinchain/io/sto_file.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto table = kinchain::io::parseSto(text, "fuzz.mot");
    // Touch the result so a malformed table (sizes out of step) would be caught by ASan.
    volatile double sink = 0.0;
    if (table.rowCount() > 0 && table.valueWidth() > 0) {
      sink = table.values()(table.rowCount() - 1, table.valueWidth() - 1);
    }
    static_cast<void>(sink);
  } catch (const kinchain::InputError&) {
  }
  return 0;
}
