#include "kinchain/common/error.hpp"

#include <utility>

namespace kinchain {

namespace {
std::string composeMessage(const std::string& source, const std::string& place,
                           const std::string& reason) {
  std::string message = source.empty() ? std::string("<input>") : source;
  if (!place.empty()) message += ": " + place;
  message += ": " + reason;
  return message;
}
}  // namespace

InputError::InputError(std::string source, std::string place, std::string reason)
    : std::runtime_error(composeMessage(source, place, reason)),
      source_(std::move(source)),
      place_(std::move(place)),
      reason_(std::move(reason)) {}

}  // namespace kinchain
