#include "kinchain/io/c3d_parameter_reader.hpp"

#include <cctype>
#include <cmath>
#include <limits>

namespace kinchain::io::c3d {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

std::string upper(std::string text) {
  for (auto& c : text)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

double unitLengthInMetres(const std::string& unit) {
  const std::string u = upper(trim(unit));
  if (u == "M") return 1.0;
  if (u == "CM") return 0.01;
  if (u == "MM" || u.empty()) return 0.001;
  return kNan;
}

double momentUnitInNewtonMetres(const std::string& unit) {
  std::string u;
  for (char c : upper(trim(unit))) {
    if (std::isalpha(static_cast<unsigned char>(c))) u += c;
  }
  if (u == "NMM") return 0.001;
  if (u == "NM") return 1.0;
  return kNan;
}

std::optional<std::size_t> wholeCount(std::optional<double> value, double limit) {
  if (!value || !std::isfinite(*value) || *value < 0 || *value > limit) return std::nullopt;
  if (*value != std::floor(*value)) return std::nullopt;
  return static_cast<std::size_t>(*value);
}

std::string numberText(double value) {
  if (std::isfinite(value) && std::abs(value) < 1e15 && value == std::floor(value)) {
    return std::to_string(static_cast<long long>(value));
  }
  return std::to_string(value);
}

}  // namespace kinchain::io::c3d
