#include "kinchain/model/osim_function_reader.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kinchain/common/error.hpp"

namespace kinchain::model {
namespace {

constexpr std::array<std::string_view, 10> kFunctionElements = {"Constant",
                                                                "LinearFunction",
                                                                "SimmSpline",
                                                                "NaturalCubicSpline",
                                                                "natCubicSpline",
                                                                "GCVSpline",
                                                                "PiecewiseLinearFunction",
                                                                "PiecewiseConstantFunction",
                                                                "MultiplierFunction",
                                                                "PolynomialFunction"};

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The single child element `name` of `node`, or null if absent; fails on duplicates.
pugi::xml_node uniqueChild(const XmlDocument& document, const pugi::xml_node& node,
                           const char* name) {
  const pugi::xml_node child = node.child(name);
  if (child && child.next_sibling(name)) {
    document.fail(child.next_sibling(name), std::string("<") + name + "> given twice");
  }
  return child;
}

// Whitespace-separated finite numbers in the text of `element`.
std::vector<double> parseNumbers(const XmlDocument& document, const pugi::xml_node& element) {
  const std::string_view text = element.child_value();
  std::vector<double> values;
  std::size_t position = 0;
  while (position < text.size()) {
    while (position < text.size() && isSpace(text[position]))
      ++position;
    if (position >= text.size()) break;
    std::size_t end = position;
    while (end < text.size() && !isSpace(text[end]))
      ++end;
    const std::string_view token = text.substr(position, end - position);
    double value = 0.0;
    const char* first = token.data();
    if (!token.empty() && token.front() == '+') ++first;  // from_chars rejects a leading '+'
    const auto [last, error] = std::from_chars(first, token.data() + token.size(), value);
    if (error != std::errc() || last != token.data() + token.size()) {
      document.fail(element, "value " + std::to_string(values.size() + 1) + " '" +
                                 std::string(token) + "' is not a number");
    }
    if (!std::isfinite(value)) {
      document.fail(element, "value " + std::to_string(values.size() + 1) + " '" +
                                 std::string(token) + "' is not finite");
    }
    values.push_back(value);
    position = end;
  }
  return values;
}

std::optional<std::vector<double>> optionalNumbers(const XmlDocument& document,
                                                   const pugi::xml_node& node, const char* name) {
  const pugi::xml_node child = uniqueChild(document, node, name);
  if (!child) return std::nullopt;
  return parseNumbers(document, child);
}

std::vector<double> requiredNumbers(const XmlDocument& document, const pugi::xml_node& node,
                                    const char* name) {
  auto values = optionalNumbers(document, node, name);
  if (!values) document.fail(node, std::string("missing <") + name + ">");
  return std::move(*values);
}

std::optional<double> optionalScalar(const XmlDocument& document, const pugi::xml_node& node,
                                     const char* name) {
  const pugi::xml_node child = uniqueChild(document, node, name);
  if (!child) return std::nullopt;
  const std::vector<double> values = parseNumbers(document, child);
  if (values.size() != 1) {
    document.fail(child, std::string("<") + name + "> must hold one number, found " +
                             std::to_string(values.size()));
  }
  return values.front();
}

// Builds the function, turning a constructor's precondition failure into an InputError at `node`.
template <typename Build>
Function build(const XmlDocument& document, const pugi::xml_node& node, Build&& construct) {
  try {
    return construct();
  } catch (const std::invalid_argument& error) {
    document.fail(node, error.what());
  }
}

Function readConcrete(const XmlDocument& document, const pugi::xml_node& node);

Function readMultiplier(const XmlDocument& document, const pugi::xml_node& node) {
  const double scale = optionalScalar(document, node, "scale").value_or(1.0);  // OpenSim default
  const pugi::xml_node inner = findOsimFunctionNode(node, "function");
  if (!inner) document.fail(node, "MultiplierFunction has no inner <function>");
  Function innerFunction = readOsimFunction(document, inner);
  return build(document, node,
               [&] { return Function::multiplier(scale, std::move(innerFunction)); });
}

Function readGcvSpline(const XmlDocument& document, const pugi::xml_node& node) {
  const std::optional<double> halfOrder = optionalScalar(document, node, "half_order");
  if (!halfOrder) document.fail(node, "GCVSpline has no <half_order>");
  if (*halfOrder != std::floor(*halfOrder))
    document.fail(node, "GCVSpline <half_order> is not an integer");
  const double variance = optionalScalar(document, node, "error_variance").value_or(0.0);
  if (variance != 0.0) {
    document.fail(node, "GCVSpline with error_variance " + std::to_string(variance) +
                            " (a smoothing fit) is not supported; only 0 (interpolation) is");
  }
  std::vector<double> x = requiredNumbers(document, node, "x");
  std::vector<double> y = requiredNumbers(document, node, "y");
  if (auto weights = optionalNumbers(document, node, "weights")) {
    // Parsed for validation only: OpenSim 4 fits with unit weights
    // (GCVSpline::createSimTKFunction).
    if (!weights->empty() && weights->size() != x.size()) {
      document.fail(node.child("weights"), "<weights> has " + std::to_string(weights->size()) +
                                               " values but <x> has " + std::to_string(x.size()));
    }
  }
  return build(document, node, [&] {
    return Function::gcvSpline(static_cast<int>(*halfOrder), std::move(x), std::move(y));
  });
}

Function readConcrete(const XmlDocument& document, const pugi::xml_node& node) {
  const std::string_view type = node.name();
  if (type == "Constant") {
    const double value = optionalScalar(document, node, "value").value_or(0.0);
    return build(document, node, [&] { return Function::constant(value); });
  }
  if (type == "LinearFunction") {
    const std::vector<double> coefficients =
        optionalNumbers(document, node, "coefficients").value_or(std::vector<double>{1.0, 0.0});
    if (coefficients.size() != 2) {
      document.fail(node, "LinearFunction needs 2 coefficients (slope intercept), found " +
                              std::to_string(coefficients.size()));
    }
    return build(document, node,
                 [&] { return Function::linear(coefficients[0], coefficients[1]); });
  }
  if (type == "SimmSpline" || type == "NaturalCubicSpline" || type == "natCubicSpline") {
    std::vector<double> x = requiredNumbers(document, node, "x");
    std::vector<double> y = requiredNumbers(document, node, "y");
    return build(document, node, [&] { return Function::simmSpline(std::move(x), std::move(y)); });
  }
  if (type == "PiecewiseLinearFunction") {
    std::vector<double> x = requiredNumbers(document, node, "x");
    std::vector<double> y = requiredNumbers(document, node, "y");
    return build(document, node,
                 [&] { return Function::piecewiseLinear(std::move(x), std::move(y)); });
  }
  if (type == "PiecewiseConstantFunction") {
    std::vector<double> x = requiredNumbers(document, node, "x");
    std::vector<double> y = requiredNumbers(document, node, "y");
    return build(document, node,
                 [&] { return Function::piecewiseConstant(std::move(x), std::move(y)); });
  }
  if (type == "PolynomialFunction") {
    std::vector<double> coefficients = requiredNumbers(document, node, "coefficients");
    return build(document, node, [&] { return Function::polynomial(std::move(coefficients)); });
  }
  if (type == "GCVSpline") return readGcvSpline(document, node);
  if (type == "MultiplierFunction") return readMultiplier(document, node);
  document.fail(node, "unknown function type <" + std::string(type) + ">");
}

}  // namespace

bool isOsimFunctionElement(std::string_view elementName) {
  for (const std::string_view name : kFunctionElements) {
    if (name == elementName) return true;
  }
  return false;
}

Function readOsimFunction(const XmlDocument& document, const pugi::xml_node& node) {
  if (!node || node.type() != pugi::node_element) {
    throw InputError(document.sourceName(), "", "expected a function element");
  }
  if (isOsimFunctionElement(node.name())) return readConcrete(document, node);
  // A wrapper: its one function element, or its only element child (reported if unknown).
  pugi::xml_node function;
  std::size_t functionCount = 0;
  std::size_t elementCount = 0;
  pugi::xml_node onlyElement;
  for (const pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    ++elementCount;
    onlyElement = child;
    if (isOsimFunctionElement(child.name())) {
      ++functionCount;
      function = child;
    }
  }
  if (functionCount == 1) return readConcrete(document, function);
  if (functionCount == 0 && elementCount == 1) return readConcrete(document, onlyElement);
  if (functionCount == 0) document.fail(node, "holds no function element");
  document.fail(
      node, "holds " + std::to_string(functionCount) + " function elements; expected exactly one");
}

pugi::xml_node findOsimFunctionNode(const pugi::xml_node& parent, std::string_view propertyName) {
  const std::string name(propertyName);
  if (const pugi::xml_node wrapper = parent.child(name.c_str())) return wrapper;
  for (const pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && name == child.attribute("name").value()) return child;
  }
  return {};
}

}  // namespace kinchain::model
