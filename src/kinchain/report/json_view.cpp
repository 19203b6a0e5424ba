#include "kinchain/report/json_view.hpp"

#include <cmath>

#include "kinchain/report/html_writer.hpp"

namespace kinchain::report::json_view {

const json* field(const json* object, std::string_view key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  const auto found = object->find(key);
  if (found == object->end() || found->is_null()) return nullptr;
  return &*found;
}

std::optional<double> number(const json* value) {
  if (value == nullptr || !value->is_number()) return std::nullopt;
  const double result = value->get<double>();
  if (!std::isfinite(result)) return std::nullopt;
  return result;
}

std::string text(const json* value) {
  if (value == nullptr) return "";
  if (value->is_string()) return value->get<std::string>();
  if (value->is_boolean()) return value->get<bool>() ? "yes" : "no";
  if (const auto numeric = number(value)) return formatNumber(*numeric);
  return "";
}

std::vector<std::string> strings(const json* value) {
  std::vector<std::string> result;
  if (value == nullptr || !value->is_array()) return result;
  for (const auto& element : *value) {
    if (element.is_string()) result.push_back(element.get<std::string>());
  }
  return result;
}

std::vector<const json*> items(const json* value) {
  std::vector<const json*> result;
  if (value == nullptr || !value->is_array()) return result;
  for (const auto& element : *value)
    result.push_back(&element);
  return result;
}

svg::Samples samples(const json* value) {
  svg::Samples result;
  for (const auto* element : items(value))
    result.push_back(number(element));
  return result;
}

}  // namespace kinchain::report::json_view
