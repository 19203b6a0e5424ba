#include "kinchain/model/default_model.hpp"

#include <stdexcept>

#include "kinchain/model/osim_model_reader.hpp"

namespace kinchain::model {

std::filesystem::path defaultModelPath() {
  const std::filesystem::path installed =
      std::filesystem::path(KINCHAIN_INSTALL_DATA_DIR) / "models" / kDefaultModelFileName;
  if (std::filesystem::exists(installed)) return installed;
  const std::filesystem::path source =
      std::filesystem::path(KINCHAIN_SOURCE_DATA_DIR) / "models" / kDefaultModelFileName;
  if (std::filesystem::exists(source)) return source;
  throw std::runtime_error("the default model " + std::string(kDefaultModelFileName) +
                           " is neither installed (" + installed.string() +
                           ") nor in the source tree (" + source.string() + ")");
}

Model loadDefaultModel() {
  return readOsimModel(defaultModelPath());
}

}  // namespace kinchain::model
