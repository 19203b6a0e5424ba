#pragma once
// Kinchain's bundled default lower-limb model (data/models/README.md): OpenSim gait2392 with
// subtalar and metatarsophalangeal coordinates free and 39 markers.

#include <filesystem>
#include <string_view>

#include "kinchain/model/model.hpp"

namespace kinchain::model {

inline constexpr std::string_view kDefaultModelFileName = "kinchain_gait2392.osim";

/// The installed copy (KINCHAIN_INSTALL_DATA_DIR/models), else the source tree's
/// (KINCHAIN_SOURCE_DATA_DIR/models). @throws std::runtime_error naming both places if neither
/// exists.
std::filesystem::path defaultModelPath();

/// Reads the default model (readOsimModel(defaultModelPath())).
Model loadDefaultModel();

}  // namespace kinchain::model
