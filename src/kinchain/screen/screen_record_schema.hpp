#pragma once
// The published JSON Schema of a screening record (format "kinchain.screen/1"), embedded so
// the binary validates without finding files at run time. The same text is published as
// schemas/kinchain.screen-1.schema.json; tests/screen_record_test.cpp checks both are equal.

#include <nlohmann/json.hpp>

#include <string_view>

namespace kinchain::screen {

inline constexpr std::string_view kScreenRecordFormat = "kinchain.screen/1";

/// The schema text (JSON, draft 2020-12).
std::string_view screenRecordSchemaText();

/// The parsed schema (parsed once, immutable afterwards).
const nlohmann::json& screenRecordSchema();

}  // namespace kinchain::screen
