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

/// Runs a shell command line as written (its own redirections apply) and captures stdout.
inline CommandResult runShell(const std::string& commandLine) {
  CommandResult result;
  FILE* pipe = popen(commandLine.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
    result.output += buffer.data();
  }
  const int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

/// `kinchain <arguments>` with stderr folded into the output.
inline CommandResult runKinchain(const std::string& arguments) {
  std::string command(1, '"');
  command.append(kinchainBinary().string()).append("\" ").append(arguments).append(" 2>&1");
  return runShell(command);
}

}  // namespace kinchain::test
