#pragma once
// Where tests find their input. Shared public reference data sits in ../shared/data beside the
// checkout (see its README); a test that needs a file that is absent fails loudly.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace kinchain::test {

/// Path of a file under ../shared/data; records a fatal failure if it does not exist.
inline std::filesystem::path sharedData(const std::string& relative) {
  const std::filesystem::path path = std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) / relative;
  if (!std::filesystem::exists(path)) {
    ADD_FAILURE() << "required shared test data is missing: " << path
                  << " (clone with ../shared beside the project, see README.md)";
    throw std::runtime_error("missing shared test data: " + path.string());
  }
  return path;
}

/// Path of a file shipped with the tests in tests/data.
inline std::filesystem::path testData(const std::string& relative) {
  const std::filesystem::path path = std::filesystem::path(KINCHAIN_TEST_DATA_DIR) / relative;
  if (!std::filesystem::exists(path)) {
    ADD_FAILURE() << "required test data is missing: " << path;
    throw std::runtime_error("missing test data: " + path.string());
  }
  return path;
}

/// A fresh, empty scratch directory for one test (under the system temp directory). Outside a
/// test body (a suite-level fixture) the name carries the process id: CTest runs each test of a
/// suite in its own process, in parallel, and each runs the suite set-up.
inline std::filesystem::path scratchDirectory(const std::string& name) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string unique = name + ".pid" + std::to_string(::getpid());
  if (info != nullptr)
    unique = std::string(info->test_suite_name()) + "." + info->name() + "." + name;
  const auto path = std::filesystem::temp_directory_path() / "kinchain-tests" / unique;
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
  return path;
}

/// The whole content of a file as bytes (empty if it cannot be read).
inline std::string fileText(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

/// The built `kinchain` executable, for command-line tests.
inline std::filesystem::path kinchainBinary() {
  return KINCHAIN_BINARY_PATH;
}

}  // namespace kinchain::test
