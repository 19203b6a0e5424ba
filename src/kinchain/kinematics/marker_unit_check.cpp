#include "kinchain/kinematics/marker_unit_check.hpp"

#include <fmt/format.h>

#include <cmath>

#include "kinchain/common/error.hpp"

namespace kinchain::kinematics {

void checkMarkerUnits(double measuredOverModel, const std::string& source, const std::string& unit,
                      const std::string& what) {
  if (!std::isfinite(measuredOverModel) || !(measuredOverModel > 0.0)) return;
  const long powerOfTen = std::lround(std::log10(measuredOverModel));
  if (powerOfTen == 0) return;
  throw InputError(
      source, "Units",
      fmt::format("{} is {:.3g} times the model's, read as {}: the data's unit looks wrong by a "
                  "factor of 10^{} (e.g. millimetres labelled metres); fix the unit in the file",
                  what, measuredOverModel, unit.empty() ? "metres (no unit stated)" : unit,
                  powerOfTen));
}

}  // namespace kinchain::kinematics
