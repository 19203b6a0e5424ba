// Writes the seed corpus of fuzz/c3d_fuzz.cpp (small valid C3D files of every processor format,
// storage kind and plate type). Disabled: run on purpose with
//   kinchain_tests --gtest_also_run_disabled_tests --gtest_filter='C3dFuzzSeeds.*'
// The enabled test checks that every committed seed still parses.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "c3d_test_builder.hpp"
#include "kinchain/io/c3d_file.hpp"

namespace kinchain::io {
namespace {

using test::C3dFormat;
using test::C3dTestBuilder;

C3dTestBuilder seed(C3dFormat format, double scale, int plateType) {
  C3dTestBuilder b;
  b.format = format;
  b.pointScale = scale;
  b.firstFrame = 3;
  // A repeated label told apart by its description (renamed RHEE_2 with a warning).
  b.pointLabels = {"RHEE", "RTOE", "RHEE"};
  b.set(C3dTestBuilder::texts("POINT", "DESCRIPTIONS", {"R.Heel", "R.Toe", "R.Heel.Medial"}));
  for (int f = 0; f < 3; ++f)
    b.points.push_back({{{10, 20, 30, 0}}, {{1, 2, 3, f == 1 ? -1.0 : 2.0}}, {{4, 5, 6, 0}}});
  const int channels = plateType == 3 ? 8 : 6;
  std::vector<double> indices;
  for (int c = 0; c < channels; ++c) {
    b.analogLabels.push_back(std::string("A") += std::to_string(c + 1));
    indices.push_back(c + 1);
  }
  b.analogUnits.assign(static_cast<std::size_t>(channels), "N");
  b.analogSamplesPerFrame = 2;
  for (int s = 0; s < 6; ++s) {
    std::vector<double> row(static_cast<std::size_t>(channels), 5.0 + s);
    row[2] = -400.0;
    b.analog.push_back(row);
  }
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "USED", {1}));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "TYPE", {static_cast<double>(plateType)}));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "CHANNEL", indices, {channels, 1}));
  b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "CORNERS",
                               {200, -100, 0, -200, -100, 0, -200, 100, 0, 200, 100, 0},
                               {3, 4, 1}));
  b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "ORIGIN", {120, 200, -40}, {3, 1}));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "ZERO", {1, 1}));
  if (plateType == 4) {
    std::vector<double> cal(36, 0.0);
    for (int i = 0; i < 6; ++i)
      cal[static_cast<std::size_t>(i * 7)] = 100.0;
    b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "CAL_MATRIX", cal, {6, 6, 1}));
  }
  b.set(C3dTestBuilder::ints("EVENT", "USED", {1}));
  b.set(C3dTestBuilder::floats("EVENT", "TIMES", {0, 0.03}, {2, 1}));
  b.set(C3dTestBuilder::texts("EVENT", "LABELS", {"Foot Strike"}));
  b.set(C3dTestBuilder::texts("EVENT", "CONTEXTS", {"Right"}));
  b.headerEvents = {{0.03f, "RHS"}};
  return b;
}

struct SeedSpec {
  const char* name;
  C3dFormat format;
  double scale;
  int plate;
};
constexpr SeedSpec kSeeds[] = {
    {"intel_float_type2.c3d", C3dFormat::Intel, -1.0, 2},
    {"intel_int_type1.c3d", C3dFormat::Intel, 0.1, 1},
    {"dec_int_type4.c3d", C3dFormat::Dec, 0.0744, 4},
    {"dec_float_type3.c3d", C3dFormat::Dec, -1.0, 3},
    {"mips_float_type3.c3d", C3dFormat::Mips, -1.0, 3},
    {"mips_int_type2.c3d", C3dFormat::Mips, 0.5, 2},
};

std::filesystem::path corpus() {
  return std::filesystem::path(KINCHAIN_FUZZ_CORPUS_DIR) / "c3d_fuzz";
}

TEST(C3dFuzzSeeds, DISABLED_Write) {
  std::filesystem::create_directories(corpus());
  for (const auto& spec : kSeeds) {
    const auto bytes = seed(spec.format, spec.scale, spec.plate).build();
    std::ofstream(corpus() / spec.name, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
  }
}

TEST(C3dFuzzSeeds, CommittedSeedsParseWithTheirPlates) {
  for (const auto& spec : kSeeds) {
    const auto path = corpus() / spec.name;
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    const C3dTrial trial = readC3d(path);
    EXPECT_EQ(trial.frameCount, 3u) << spec.name;
    ASSERT_EQ(trial.forcePlatforms.size(), 1u) << spec.name;
    EXPECT_EQ(trial.forcePlatforms[0].type, spec.plate) << spec.name;
    EXPECT_EQ(trial.events.size(), 1u) << spec.name;
  }
}

}  // namespace
}  // namespace kinchain::io
