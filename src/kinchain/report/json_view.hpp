#pragma once
// Tolerant reads from a results document for the report renderers: a field that is absent,
// null or of the wrong type reads as "nothing" instead of throwing, so a partial results.json
// still renders (the page then says what is not available).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinchain/report/svg_chart.hpp"

namespace kinchain::report::json_view {

using nlohmann::json;

/// The member `key` of `object`, or nullptr when `object` is not an object, lacks the key, or
/// the member is null.
const json* field(const json* object, std::string_view key);
inline const json* field(const json& object, std::string_view key) {
  return field(&object, key);
}

/// A finite number, or nothing (null, absent, non-number, NaN).
std::optional<double> number(const json* value);

/// A string as is; a number as formatNumber; a boolean as "yes"/"no"; otherwise "".
std::string text(const json* value);

/// The strings of an array (non-strings are skipped); empty when not an array.
std::vector<std::string> strings(const json* value);

/// The elements of an array, or an empty list when not an array.
std::vector<const json*> items(const json* value);

/// Numbers of an array as chart samples (null or non-numbers become gaps).
svg::Samples samples(const json* value);

}  // namespace kinchain::report::json_view
