// libFuzzer target over the .osim function reader: every function element of any input either
// reads into a Function (which must then evaluate without trapping) or fails with
// kinchain::InputError. Any other exception, crash, hang or sanitizer report is a bug.

#include <cstddef>
#include <cstdint>
#include <string>

#include "kinchain/common/error.hpp"
#include "kinchain/common/xml_document.hpp"
#include "kinchain/model/osim_function_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  using namespace kinchain;
  try {
    const XmlDocument document =
        XmlDocument::fromText(std::string(reinterpret_cast<const char*>(bytes), size), "fuzz.osim");
    int visited = 0;
    for (const pugi::xpath_node hit : document.root().select_nodes("descendant-or-self::*")) {
      if (++visited > 8) break;  // bounds the work per input
      try {
        const model::Function f = model::readOsimFunction(document, hit.node());
        for (const double x : {-1e3, -1.0, 0.0, 0.37, 1.0, 1e3})
          (void)f.evaluate(x);
      } catch (const InputError&) {
        // Rejected with a located message: the expected outcome for bad input.
      }
    }
  } catch (const InputError&) {
    // Malformed XML.
  }
  return 0;
}
