#include "kinchain/common/output_files.hpp"

#include <system_error>

#include "kinchain/common/error.hpp"
#include "kinchain/common/output_transaction.hpp"

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

std::filesystem::path writablePath(const std::filesystem::path& target,
                                   OutputTransaction* transaction) {
  if (transaction != nullptr) return transaction->stage(target);
  createParentDirectory(target);
  return target;
}

}  // namespace kinchain
