// The .osim reader: every model in the shared OpenSim data loads, with the structure the files
// (and the data README) describe; malformed models fail with an InputError naming the line.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "kinchain/common/error.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "test_paths.hpp"

namespace kinchain::model {
namespace {

TEST(ModelOsimReader, EveryOsimFileInSharedDataLoads) {
  const auto root = kinchain::test::sharedData("README.md").parent_path();
  int loaded = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".osim") continue;
    SCOPED_TRACE(entry.path().string());
    try {
      const Model model = readOsimModel(entry.path());
      EXPECT_GT(model.bodies().size(), 0u);
      EXPECT_GT(model.nq(), 0);
      ++loaded;
    } catch (const std::exception& error) {
      ADD_FAILURE() << error.what();
    }
  }
  // 15 .osim files in ../shared/data (README tables); a lower count means the walk missed some.
  EXPECT_EQ(loaded, 15);
}

// Sizes stated in ../shared/data/README.md (from the models' documentation).
struct ExpectedCounts {
  const char* file;
  Eigen::Index coordinates;
  std::size_t muscles;
  std::size_t markers;
};

TEST(ModelOsimReader, ModelSizesMatchTheirDocumentation) {
  const ExpectedCounts expected[] = {
      {"opensim-core/models/model_Rajagopal2015_posed.osim", 31, 80, 73},
      {"opensim-core/models/gait2392_millard_v30000.osim", 23, 92, 39},
      {"opensim-core/ik_gait2354/subject01_simbody.osim", 23, 54, 39},
      {"opensim-core/id_gait2354/subject01.osim", 23, 54, 39},
      {"opensim-core/muscle_lengths_gait10dof18musc/walk_gait1018_subject01.osim", 10, 18, 39},
      {"opensim-core/subject01_walk1_experimental/gait10dof18musc_subject01.osim", 10, 18, 39},
      {"opensim-models/gait2392_thelen2003muscle.osim", 23, 92, 0},
      {"opensim-models/gait2354_simbody.osim", 23, 54, 0},
      {"opensim-models/gait10dof18musc.osim", 10, 18, 0},
  };
  for (const auto& item : expected) {
    SCOPED_TRACE(item.file);
    const Model model = readOsimModel(test::sharedData(item.file));
    EXPECT_EQ(model.nq(), item.coordinates);
    EXPECT_EQ(model.muscleCount(), item.muscles);
    EXPECT_EQ(model.markers().size(), item.markers);
  }
}

}  // namespace
}  // namespace kinchain::model
