#include "kinchain/common/side.hpp"

namespace kinchain {

std::optional<Side> parseSide(std::string_view text) {
  if (text == "left" || text == "Left" || text == "LEFT" || text == "L" || text == "l") {
    return Side::Left;
  }
  if (text == "right" || text == "Right" || text == "RIGHT" || text == "R" || text == "r") {
    return Side::Right;
  }
  return std::nullopt;
}

}  // namespace kinchain
