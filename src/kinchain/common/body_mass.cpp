#include "kinchain/common/body_mass.hpp"

#include <fmt/format.h>

#include <cmath>

#include "kinchain/common/error.hpp"

namespace kinchain {

void requirePlausibleBodyMass(double kg, const std::string& source) {
  if (std::isfinite(kg) && kg >= kMinimumBodyMassKg && kg <= kMaximumBodyMassKg) return;
  // {:.6g}: a mistyped 1e308 prints as 1e+308, not as 309 digits.
  throw InputError(source, "",
                   fmt::format("{:.6g} kg is not a body mass: a person weighs between {} kg (WHO "
                               "2006, newborn at -3 SD) and {} kg (heaviest recorded person)",
                               kg, kMinimumBodyMassKg, kMaximumBodyMassKg));
}

}  // namespace kinchain
