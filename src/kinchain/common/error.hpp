#pragma once
// Errors that reach a user. Every reader and validator reports bad input as an InputError
// naming the file (or record), the place inside it and the reason, so a message reads
// "walking2.c3d: byte 512 (parameter POINT:LABELS): label count 44 exceeds ...".

#include <stdexcept>
#include <string>

namespace kinchain {

class InputError : public std::runtime_error {
 public:
  /// @param source  file path or record name the input came from
  /// @param place   where inside it: "line 7", "byte 512", "parameter POINT:RATE", "field tests.x"
  /// @param reason  what is wrong, in words a user can act on
  InputError(std::string source, std::string place, std::string reason);

  const std::string& source() const { return source_; }
  const std::string& place() const { return place_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string source_;
  std::string place_;
  std::string reason_;
};

/// A request the code understood but cannot carry out (unsupported feature, inconsistent
/// options). Distinct from InputError so callers can tell "your file is bad" from "we can't".
class UnsupportedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace kinchain
