// libFuzzer target for the C3D reader: any input must either parse or throw InputError; any
// other exception, crash, out-of-bounds read or hang is a bug. Seeds: fuzz/corpus/c3d_fuzz/,
// written by the disabled test C3dFuzzSeeds.Write (tests/c3d_fuzz_seeds_test.cpp).

#include <cstddef>
#include <cstdint>
#include <span>

#include "kinchain/common/error.hpp"
#include "kinchain/io/c3d_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
  try {
    const kinchain::io::C3dTrial trial = kinchain::io::parseC3d(bytes, "fuzz.c3d");
    // Touch the results so lazily wrong sizes would show up under the sanitizers.
    volatile double sink = 0.0;
    if (trial.points.valueWidth() > 0 && trial.points.rowCount() > 0)
      sink = trial.points.values()(0, 0);
    for (const auto& w : trial.forcePlatformWrenches) {
      if (w.force.rows() > 0) sink = w.centreOfPressure(w.force.rows() - 1, 0);
    }
    static_cast<void>(sink);
  } catch (const kinchain::InputError&) {
  }
  return 0;
}
