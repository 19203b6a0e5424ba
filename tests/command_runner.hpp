#pragma once
// Runs the built `kinchain` binary for command-line tests and captures what it prints.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "test_paths.hpp"

namespace kinchain::test {

struct CommandResult {
  int exitCode = -1;
  std::string output;  // stdout and stderr
};

/// `kinchain <arguments>` with stderr folded into the output.
inline CommandResult runKinchain(const std::string& arguments) {
  std::string command(1, '"');
  command.append(kinchainBinary().string()).append("\" ").append(arguments).append(" 2>&1");
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
    result.output += buffer.data();
  }
  const int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace kinchain::test
