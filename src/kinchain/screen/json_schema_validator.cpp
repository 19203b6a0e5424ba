#include "kinchain/screen/json_schema_validator.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <set>
#include <stdexcept>
#include <string_view>

namespace kinchain::screen {

namespace {

using nlohmann::json;

const std::set<std::string, std::less<>> kAnnotationKeywords = {
    "$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"};
const std::set<std::string, std::less<>> kCheckedKeywords = {"type",
                                                             "properties",
                                                             "required",
                                                             "additionalProperties",
                                                             "items",
                                                             "prefixItems",
                                                             "minItems",
                                                             "maxItems",
                                                             "enum",
                                                             "const",
                                                             "minimum",
                                                             "maximum",
                                                             "exclusiveMinimum",
                                                             "exclusiveMaximum",
                                                             "$ref"};

std::string describe(const json& value) {
  std::string text = value.dump();
  constexpr std::size_t kMaxShown = 60;  // not a clinical number: keeps messages short
  if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "…";
  return text;
}

bool hasType(const json& value, std::string_view type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    if (!value.is_number_float()) return false;
    const double number = value.get<double>();
    return std::isfinite(number) && std::floor(number) == number;
  }
  throw std::logic_error("json schema: unknown type '" + std::string(type) + "'");
}

class Validator {
 public:
  explicit Validator(const json& root) : root_(root) {}

  void validate(const json& schema, const json& instance, const std::string& path,
                const json::json_pointer& pointer) {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) report(path, pointer, "is not allowed here");
      return;
    }
    if (!schema.is_object()) throw std::logic_error("json schema: a schema must be an object");
    for (const auto& [keyword, unused] : schema.items()) {
      if (!kAnnotationKeywords.contains(keyword) && !kCheckedKeywords.contains(keyword)) {
        throw std::logic_error("json schema: unsupported keyword '" + keyword + "'");
      }
    }
    if (auto ref = schema.find("$ref"); ref != schema.end()) {
      validate(resolve(ref->get<std::string>()), instance, path, pointer);
    }
    if (instance.is_number_float() && !std::isfinite(instance.get<double>())) {
      report(path, pointer, "is not a finite number");
      return;
    }
    if (!checkType(schema, instance, path, pointer)) return;  // further checks would only add noise
    checkEnum(schema, instance, path, pointer);
    if (instance.is_number()) checkBounds(schema, instance.get<double>(), path, pointer);
    if (instance.is_object()) checkObject(schema, instance, path, pointer);
    if (instance.is_array()) checkArray(schema, instance, path, pointer);
  }

  std::vector<SchemaViolation> take() { return std::move(violations_); }

 private:
  void report(const std::string& path, const json::json_pointer& pointer, std::string message) {
    violations_.push_back({path, pointer, std::move(message), SchemaViolation::Kind::BadValue, {}});
  }

  const json& resolve(const std::string& reference) {
    constexpr std::string_view kPrefix = "#/$defs/";
    if (!std::string_view(reference).starts_with(kPrefix)) {
      throw std::logic_error("json schema: only local #/$defs/ references are supported");
    }
    const std::string name = reference.substr(kPrefix.size());
    const auto defs = root_.find("$defs");
    if (defs == root_.end() || !defs->contains(name)) {
      throw std::logic_error("json schema: dangling $ref " + reference);
    }
    return (*defs)[name];
  }

  bool checkType(const json& schema, const json& instance, const std::string& path,
                 const json::json_pointer& pointer) {
    const auto type = schema.find("type");
    if (type == schema.end()) return true;
    std::vector<std::string> allowed;
    if (type->is_string()) {
      allowed.push_back(type->get<std::string>());
    } else {
      for (const auto& name : *type)
        allowed.push_back(name.get<std::string>());
    }
    for (const auto& name : allowed) {
      if (hasType(instance, name)) return true;
    }
    report(path, pointer,
           fmt::format("{} should be of type {}", describe(instance), fmt::join(allowed, " or ")));
    return false;
  }

  void checkEnum(const json& schema, const json& instance, const std::string& path,
                 const json::json_pointer& pointer) {
    if (auto options = schema.find("enum"); options != schema.end()) {
      bool found = false;
      for (const auto& option : *options)
        found = found || option == instance;
      if (!found) {
        std::vector<std::string> names;
        for (const auto& option : *options)
          names.push_back(option.dump());
        report(path, pointer,
               fmt::format("{} is not one of {}", describe(instance), fmt::join(names, ", ")));
      }
    }
    if (auto constant = schema.find("const"); constant != schema.end() && *constant != instance) {
      report(path, pointer, fmt::format("{} should be {}", describe(instance), constant->dump()));
    }
  }

  void checkBounds(const json& schema, double value, const std::string& path,
                   const json::json_pointer& pointer) {
    const auto bound = [&](const char* keyword, auto violates, const char* words) {
      if (auto limit = schema.find(keyword); limit != schema.end()) {
        const double edge = limit->get<double>();
        if (violates(value, edge)) {
          report(path, pointer,
                 fmt::format("{} is {} {}{}", value, words, edge, reasonSuffix(schema)));
        }
      }
    };
    bound(
        "minimum", [](double v, double e) { return v < e; }, "below the minimum");
    bound(
        "maximum", [](double v, double e) { return v > e; }, "above the maximum");
    bound(
        "exclusiveMinimum", [](double v, double e) { return v <= e; }, "not above");
    bound(
        "exclusiveMaximum", [](double v, double e) { return v >= e; }, "not below");
  }

  static std::string reasonSuffix(const json& schema) {
    if (auto comment = schema.find("$comment"); comment != schema.end() && comment->is_string()) {
      return " (" + comment->get<std::string>() + ")";
    }
    return "";
  }

  void checkObject(const json& schema, const json& instance, const std::string& path,
                   const json::json_pointer& pointer) {
    if (auto required = schema.find("required"); required != schema.end()) {
      for (const auto& name : *required) {
        if (!instance.contains(name.get<std::string>())) {
          report(childPath(path, name.get<std::string>()), pointer / name.get<std::string>(),
                 "is required but missing");
        }
      }
    }
    const auto properties = schema.find("properties");
    const auto additional = schema.find("additionalProperties");
    for (const auto& [key, value] : instance.items()) {
      if (properties != schema.end() && properties->contains(key)) {
        validate((*properties)[key], value, childPath(path, key), pointer / key);
      } else if (additional != schema.end()) {
        if (additional->is_boolean() && !additional->get<bool>()) {
          SchemaViolation unknown{childPath(path, key),
                                  pointer / key,
                                  "is not a known field",
                                  SchemaViolation::Kind::UnknownKey,
                                  {}};
          if (properties != schema.end()) {
            for (const auto& [name, unused] : properties->items())
              unknown.known_keys.push_back(name);
          }
          violations_.push_back(std::move(unknown));
        } else {
          validate(*additional, value, childPath(path, key), pointer / key);
        }
      }
    }
  }

  void checkArray(const json& schema, const json& instance, const std::string& path,
                  const json::json_pointer& pointer) {
    const std::size_t size = instance.size();
    if (auto minimum = schema.find("minItems");
        minimum != schema.end() && size < minimum->get<std::size_t>()) {
      report(path, pointer,
             fmt::format("has {} entries, fewer than {}", size, minimum->get<std::size_t>()));
    }
    if (auto maximum = schema.find("maxItems");
        maximum != schema.end() && size > maximum->get<std::size_t>()) {
      report(path, pointer,
             fmt::format("has {} entries, more than {}", size, maximum->get<std::size_t>()));
    }
    std::size_t first_unprefixed = 0;
    if (auto prefix = schema.find("prefixItems"); prefix != schema.end()) {
      first_unprefixed = std::min(size, prefix->size());
      for (std::size_t i = 0; i < first_unprefixed; ++i) {
        validate((*prefix)[i], instance[i], childPath(path, i), pointer / i);
      }
    }
    if (auto items = schema.find("items"); items != schema.end()) {
      for (std::size_t i = first_unprefixed; i < size; ++i) {
        validate(*items, instance[i], childPath(path, i), pointer / i);
      }
    }
  }

  const json& root_;
  std::vector<SchemaViolation> violations_;
};

}  // namespace

std::vector<SchemaViolation> validateAgainstSchema(const nlohmann::json& schema,
                                                   const nlohmann::json& instance) {
  Validator validator(schema);
  validator.validate(schema, instance, "", json::json_pointer());
  return validator.take();
}

std::string childPath(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string childPath(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

}  // namespace kinchain::screen
