#include "kinchain/report/html_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace kinchain::report {

std::string escapeHtml(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string formatNumber(double value, int significant) {
  if (!std::isfinite(value)) return "—";
  if (value == 0.0) return "0";
  const double magnitude = std::fabs(value);
  if (magnitude < 1e15 && value == std::trunc(value)) return fmt::format("{:.0f}", value);
  if (magnitude >= 1e-4 && magnitude < 1e6) {
    // Decimals that keep `significant` significant digits: 8.1234 -> 8.123, 0.0123456 -> 0.01235.
    const int integer_digits = static_cast<int>(std::floor(std::log10(magnitude))) + 1;
    const int decimals = std::max(0, significant - integer_digits);
    std::string text = fmt::format("{:.{}f}", value, decimals);
    if (text.find('.') != std::string::npos) {
      while (text.back() == '0')
        text.pop_back();
      if (text.back() == '.') text.pop_back();
    }
    return text == "-0" ? "0" : text;
  }
  return fmt::format("{:.{}g}", value, significant);
}

std::string formatNumber(const std::optional<double>& value, int significant) {
  return value ? formatNumber(*value, significant) : std::string("—");
}

std::string htmlList(const std::vector<std::string>& items) {
  if (items.empty()) return "<span class=\"muted\">none</span>";
  std::string html = "<ul>";
  for (const auto& item : items)
    html += "<li>" + escapeHtml(item) + "</li>";
  return html + "</ul>";
}

std::string_view baseStylesheet() {
  return R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:60em;color:#1a1a1a;line-height:1.4;padding:0 1em}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:1px solid #bbb;margin-top:1.6em}
h3{font-size:1.05em;margin-bottom:.3em}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f0f0f0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.level{display:inline-block;padding:.3em .8em;border-radius:.3em;font-weight:bold}
.emergency{background:#b00020;color:#fff}.same_day{background:#e65100;color:#fff}
.soon{background:#f9a825}.self_care{background:#2e7d32;color:#fff}
.flag{font-weight:bold;color:#b00020}.muted{color:#666;font-size:.9em}
.note{background:#f6f6f6;border-left:4px solid #888;padding:.5em .8em;margin:.6em 0}
ul{margin:.3em 0 .3em 1.2em;padding:0}
@media print{@page{size:A4;margin:15mm}body{margin:0;max-width:none;font-size:10pt}
h2,h3{page-break-after:avoid;break-after:avoid}table,tr,figure{page-break-inside:avoid;break-inside:avoid}
.level{border:1px solid #000}}
)css";
}

}  // namespace kinchain::report
