#pragma once
// The kinchain.norms/1 file (docs/norms.md) to and from the in-memory ReferenceNorms. Reading
// is ReferenceNorms::read (reference_norms.hpp); this header gives the writing side.
//
// The text is deterministic: object keys sorted (nlohmann::json's std::map), arrays in a fixed
// order, numbers in nlohmann's shortest round-trip form, no time of writing. The same reference
// gives the same bytes, so a rebuild from the same inputs can be compared byte for byte.

#include <nlohmann/json.hpp>

#include <string>

#include "kinchain/reference/reference_norms.hpp"

namespace kinchain::reference {

/// The reference as a JSON document of format kinchain.norms/1.
nlohmann::json referenceNormsToJson(const ReferenceNorms& norms);

/// The file's text: referenceNormsToJson, indented by one space, ending in a newline.
std::string referenceNormsText(const ReferenceNorms& norms);

/// Parses a kinchain.norms/1 document; `source` names it in errors.
/// @throws InputError as ReferenceNorms::read.
ReferenceNorms referenceNormsFromJson(const nlohmann::json& document, const std::string& source);

}  // namespace kinchain::reference
