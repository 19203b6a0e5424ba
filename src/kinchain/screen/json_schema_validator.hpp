#pragma once
// A small validator for the subset of JSON Schema (draft 2020-12) that
// schemas/kinchain.screen-1.schema.json uses. Debian 12 packages no JSON-Schema library, so
// this covers exactly: type (one name or a list), properties, required, additionalProperties
// (boolean or schema), items, prefixItems, minItems, maxItems, enum, const, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum and local "$ref": "#/$defs/<name>". Annotation keywords
// ($schema, $id, $defs, $comment, title, description, examples, default) are ignored. Any
// other keyword in the schema is a programming error (std::logic_error), so the schema can
// never silently ask for a check this validator does not make.
//
// Numbers must also be finite (JSON cannot say NaN, but a parser may return ±inf for 1e999).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kinchain::screen {

struct SchemaViolation {
  enum class Kind {
    BadValue,    ///< the value breaks a type, bound, enum, const, item-count or required rule
    UnknownKey,  ///< an object key that `additionalProperties: false` does not allow
  };
  std::string path;  ///< field path in the instance: "tests.foot_posture_index.left", "" = root
  nlohmann::json::json_pointer pointer;  ///< the same place as a JSON pointer
  std::string message;                   ///< what is wrong, e.g. "40 is above the maximum 12"
  Kind kind = Kind::BadValue;
  /// UnknownKey only: the keys the schema allows in that object (its "properties").
  std::vector<std::string> known_keys;
};

/// Validates `instance` against `schema`; returns every violation found (empty = valid).
/// A violation does not stop validation of sibling fields. Throws std::logic_error only for
/// a schema that uses an unsupported keyword or a dangling $ref.
std::vector<SchemaViolation> validateAgainstSchema(const nlohmann::json& schema,
                                                   const nlohmann::json& instance);

/// Joins a parent path and a child key / index: ("tests", "fpi") → "tests.fpi",
/// ("questionnaires.lefs", 3) → "questionnaires.lefs[3]".
std::string childPath(const std::string& parent, const std::string& key);
std::string childPath(const std::string& parent, std::size_t index);

}  // namespace kinchain::screen
