#pragma once
// Reading OpenSim-style property elements (<weight> 1.0 </weight>, <time_range> 0.4 1.6
// </time_range>, <apply>true</apply>) with errors that name the file and line.

#include <pugixml.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinchain/common/xml_document.hpp"

namespace kinchain::xml {

/// Text of a node without leading/trailing white space.
std::string trimmedText(const pugi::xml_node& node);

/// Text of child `name`, trimmed; empty if the child is absent. OpenSim's "Unassigned" for an
/// empty name or file property also reads as empty.
std::string childString(const pugi::xml_node& parent, const char* name);

/// A double from node text; accepts e-notation, "inf"/"Infinity" (either sign) and rejects NaN
/// and trailing junk. Throws InputError at the node's line.
double parseDouble(const XmlDocument& document, const pugi::xml_node& node);
/// A boolean: true/false (any case) or 1/0.
bool parseBool(const XmlDocument& document, const pugi::xml_node& node);
/// An integer with no fractional part.
long parseInteger(const XmlDocument& document, const pugi::xml_node& node);
/// White-space separated doubles.
std::vector<double> parseDoubleList(const XmlDocument& document, const pugi::xml_node& node);
/// White-space separated words.
std::vector<std::string> parseWordList(const pugi::xml_node& node);

/// Optional child readers: std::nullopt when the child is absent or empty.
std::optional<double> childDouble(const XmlDocument& document, const pugi::xml_node& parent,
                                  const char* name);
std::optional<bool> childBool(const XmlDocument& document, const pugi::xml_node& parent,
                              const char* name);

/// <time_range> t0 t1 </time_range> of `parent`: nullopt when absent or empty; InputError at its
/// line unless it holds two increasing times.
std::optional<std::array<double, 2>> childTimeRange(const XmlDocument& document,
                                                    const pugi::xml_node& parent);

/// A file named in a setup, resolved against `base` unless absolute; empty stays empty.
std::filesystem::path resolvePath(const std::filesystem::path& base, const std::string& file);

}  // namespace kinchain::xml
