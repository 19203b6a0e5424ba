#pragma once
// Reads OpenSim function elements (<Constant>, <LinearFunction>, <SimmSpline>,
// <NaturalCubicSpline>, <natCubicSpline>, <GCVSpline>, <PiecewiseLinearFunction>,
// <PiecewiseConstantFunction>, <MultiplierFunction>, <PolynomialFunction>) from .osim files of
// format versions 2.x to 4.x into kinchain::model::Function.
//
// Element layout per type (absent properties take OpenSim's defaults, listed):
//   Constant                  <value> (0)
//   LinearFunction            <coefficients> slope intercept </coefficients> (1 0)
//   SimmSpline & aliases,
//   PiecewiseLinearFunction,
//   PiecewiseConstantFunction <x>, <y> whitespace-separated number lists
//   GCVSpline                 <half_order>, <x>, <y>; <weights>, <coefficients> are ignored, as
//                             OpenSim 4 refits with unit weights; <error_variance> (0) must be 0
//   MultiplierFunction        <scale> (1) and the inner function, wrapped in <function> (2.x/3.x,
//                             4.x) or given directly with name="function"
//   PolynomialFunction        <coefficients> highest power first

#include <pugixml.hpp>

#include <string_view>

#include "kinchain/common/xml_document.hpp"
#include "kinchain/model/function.hpp"

namespace kinchain::model {

/// True for every element name readOsimFunction accepts as a concrete function.
bool isOsimFunctionElement(std::string_view elementName);

/// Reads one function. `node` is a concrete function element or a wrapper element
/// (<function>, <coupled_coordinates_function>, <x_location>, a 4.x <TransformAxis>, ...) holding
/// exactly one function element.
/// @throws InputError (file, line, reason) for an unknown function type, a wrapper without exactly
///         one function, non-numeric / NaN / infinite numbers, x and y of different lengths,
///         non-increasing x, too few points or a wrong coefficient count.
Function readOsimFunction(const XmlDocument& document, const pugi::xml_node& node);

/// The element holding property `propertyName` of `parent` as a function, in either layout:
/// 2.x/3.x `<propertyName><Type>...</Type></propertyName>` (returns the wrapper) or 4.x
/// `<Type name="propertyName">` directly under `parent` (returns that element). Null if absent.
/// Pass the result to readOsimFunction.
pugi::xml_node findOsimFunctionNode(const pugi::xml_node& parent, std::string_view propertyName);

}  // namespace kinchain::model
