#pragma once
// Shared data for benchmarks (../shared/data, see its README).

#include <filesystem>
#include <stdexcept>
#include <string>

namespace kinchain::bench {

inline std::filesystem::path sharedData(const std::string& relative) {
  const auto path = std::filesystem::path(KINCHAIN_SHARED_DATA_DIR) / relative;
  if (!std::filesystem::exists(path))
    throw std::runtime_error("benchmark data missing: " + path.string());
  return path;
}

}  // namespace kinchain::bench
