#include "kinchain/common/output_files.hpp"

#include <system_error>

#include "kinchain/common/error.hpp"

namespace kinchain {

std::filesystem::path redirectedOutput(
    const std::filesystem::path& planned,
    const std::optional<std::filesystem::path>& outputDirectory) {
  if (planned.empty() || !outputDirectory) return planned;
  return *outputDirectory / planned.filename();
}

void createParentDirectory(const std::filesystem::path& file) {
  const auto parent = file.parent_path();
  if (parent.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error)
    throw InputError(parent.string(), "", "cannot create the output directory: " + error.message());
}

}  // namespace kinchain
