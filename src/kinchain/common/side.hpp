#pragma once
// Body side, used by every stage that reports per-leg results.

#include <optional>
#include <string_view>

namespace kinchain {

enum class Side { Left, Right };

constexpr std::string_view sideName(Side side) {
  return side == Side::Left ? "left" : "right";
}
constexpr Side otherSide(Side side) {
  return side == Side::Left ? Side::Right : Side::Left;
}

/// "left"/"right" (also "Left", "L", "l", "Right", "R", "r") to a Side.
std::optional<Side> parseSide(std::string_view text);

}  // namespace kinchain
