#pragma once
// Small pieces shared by Kinchain's HTML reports (screen.html, report.html): escaping, number
// formatting and the base stylesheet. Every report is one self-contained UTF-8 page; the pieces
// here emit well-formed XHTML-compatible markup (closed tags, no named entities other than the
// five XML ones) so tests can parse a page with an XML parser.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinchain::report {

/// Escapes &, <, >, " and ' for HTML text and attribute values (also valid XML).
std::string escapeHtml(std::string_view text);

/// A number for people: integers without decimals, otherwise up to `significant` significant
/// digits without an exponent for |value| in [1e-4, 1e6) (e.g. 8.1, 0.012, 1234, -3.25);
/// -0 prints as 0; NaN and infinities print as "—" (they are not numbers a reader can use).
std::string formatNumber(double value, int significant = 4);

/// formatNumber, or "—" when there is no value.
std::string formatNumber(const std::optional<double>& value, int significant = 4);

/// A bulleted list of escaped items, or a muted "none".
std::string htmlList(const std::vector<std::string>& items);

/// The stylesheet both reports share: page layout, tables, notes, flags, and @media print for
/// A4 (tables and figures are not split across pages).
std::string_view baseStylesheet();

}  // namespace kinchain::report
