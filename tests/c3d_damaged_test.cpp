// Damaged C3D input: every failure is an InputError naming the file, the byte offset (and the
// parameter where one is involved) and the reason; nothing crashes, hangs or reads outside the
// buffer (run under the sanitizer build to check the last part).

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "c3d_test_builder.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/io/c3d_file.hpp"

namespace kinchain::io {
namespace {

using test::C3dFormat;
using test::C3dTestBuilder;

C3dTestBuilder smallTrial(C3dFormat format = C3dFormat::Intel, double scale = -1.0) {
  C3dTestBuilder b;
  b.format = format;
  b.pointScale = scale;
  b.pointLabels = {"A", "B"};
  for (int f = 0; f < 4; ++f)
    b.points.push_back({{{1, 2, 3, 0}}, {{4, 5, 6, 0}}});
  b.analogLabels = {"Fx1", "Fy1", "Fz1", "Mx1", "My1", "Mz1"};
  b.analogUnits = {"N", "N", "N", "Nmm", "Nmm", "Nmm"};
  b.analogSamplesPerFrame = 2;
  for (int s = 0; s < 8; ++s)
    b.analog.push_back({1, 2, -300, 100, 200, 300});
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "USED", {1}));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "TYPE", {2}));
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "CHANNEL", {1, 2, 3, 4, 5, 6}, {6, 1}));
  b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "CORNERS",
                               {200, -100, 0, -200, -100, 0, -200, 100, 0, 200, 100, 0},
                               {3, 4, 1}));
  b.set(C3dTestBuilder::floats("FORCE_PLATFORM", "ORIGIN", {0, 0, -30}, {3, 1}));
  b.set(C3dTestBuilder::ints("EVENT", "USED", {1}));
  b.set(C3dTestBuilder::floats("EVENT", "TIMES", {0, 0.01}, {2, 1}));
  b.set(C3dTestBuilder::texts("EVENT", "LABELS", {"Foot Strike"}));
  return b;
}

// Offset of the first parameter record whose name is `name` (after the 4-byte section header).
std::size_t recordOffset(const std::vector<std::byte>& bytes, const std::string& name) {
  for (std::size_t i = 512 + 4; i + 2 + name.size() < bytes.size(); ++i) {
    if (std::to_integer<int>(bytes[i]) == static_cast<int>(name.size()) &&
        std::memcmp(bytes.data() + i + 2, name.data(), name.size()) == 0) {
      return i;
    }
  }
  ADD_FAILURE() << "record " << name << " not found";
  return 0;
}

template <typename Mutate>
InputError expectInputError(Mutate mutate, const std::string& expectedInMessage) {
  auto bytes = smallTrial().build();
  mutate(bytes);
  try {
    parseC3d(bytes, "damaged.c3d");
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), "damaged.c3d");
    EXPECT_NE(std::string(error.what()).find(expectedInMessage), std::string::npos) << error.what();
    return error;
  }
  ADD_FAILURE() << "no InputError; expected one mentioning '" << expectedInMessage << "'";
  return InputError("", "", "");
}

TEST(C3dDamaged, TheUndamagedFileReads) {
  const C3dTrial trial = parseC3d(smallTrial().build(), "good.c3d");
  EXPECT_EQ(trial.frameCount, 4u);
  EXPECT_EQ(trial.forcePlatforms.size(), 1u);
  EXPECT_EQ(trial.events.size(), 1u);
}

TEST(C3dDamaged, TruncatedFileNamesTheByteWhereDataIsMissing) {
  const auto bytes = smallTrial().build();
  // Cut inside the data section: the frames no longer fit.
  const std::vector<std::byte> cut(
      bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() - 512 + 40));
  try {
    parseC3d(cut, "cut.c3d");
    FAIL() << "truncated file accepted";
  } catch (const InputError& error) {
    EXPECT_NE(error.place().find("byte"), std::string::npos);
    EXPECT_NE(error.reason().find("truncated"), std::string::npos) << error.what();
  }
  // Every shorter prefix fails cleanly (or, inside trailing padding, reads the same data).
  for (std::size_t size = 0; size < bytes.size(); size += 7) {
    const std::vector<std::byte> prefix(bytes.begin(),
                                        bytes.begin() + static_cast<std::ptrdiff_t>(size));
    try {
      parseC3d(prefix, "prefix.c3d");
    } catch (const InputError&) {
    }
  }
}

TEST(C3dDamaged, WrongParameterPointer) {
  expectInputError([](auto& b) { b[0] = std::byte{5}; }, "byte 2048");
  expectInputError([](auto& b) { b[0] = std::byte{0}; }, "parameter section pointer");
  expectInputError([](auto& b) { b[0] = std::byte{200}; }, "truncated or wrong pointer");
}

TEST(C3dDamaged, NotAC3dFile) {
  expectInputError([](auto& b) { b[1] = std::byte{0x41}; }, "not a C3D file");
}

TEST(C3dDamaged, UnknownProcessorType) {
  expectInputError([](auto& b) { b[512 + 3] = std::byte{90}; }, "processor");
}

TEST(C3dDamaged, ParameterOffsetsThatLoopOrPointPastTheEnd) {
  // The next-record word of POINT:SCALE: point it back at itself, backwards, or far away.
  for (int next : {0x0000 + 1, -6, -2000}) {
    expectInputError(
        [next](auto& b) {
          const std::size_t at = recordOffset(b, "SCALE") + 2 + 5;
          b[at] = static_cast<std::byte>(next & 0xFF);
          b[at + 1] = static_cast<std::byte>((next >> 8) & 0xFF);
        },
        "loop");
  }
  expectInputError(
      [](auto& b) {
        const std::size_t at = recordOffset(b, "SCALE") + 2 + 5;
        b[at] = std::byte{0xFF};
        b[at + 1] = std::byte{0x7F};
      },
      "past the end of the parameter section");
}

TEST(C3dDamaged, ParameterDataPastTheSection) {
  // POINT:LABELS claims 255 x 255 characters.
  const InputError error = expectInputError(
      [](auto& b) {
        const std::size_t at = recordOffset(b, "LABELS") + 2 + 6 + 2;  // type, dims, d1, d2
        b[at + 2] = std::byte{255};
        b[at + 3] = std::byte{255};
      },
      "do not fit in the parameter section");
  EXPECT_NE(error.place().find("byte"), std::string::npos);
  EXPECT_NE(std::string(error.what()).find("POINT:LABELS"), std::string::npos) << error.what();
  expectInputError([](auto& b) { b[recordOffset(b, "RATE") + 2 + 4 + 2] = std::byte{9}; },
                   "unknown parameter type");
  expectInputError([](auto& b) { b[recordOffset(b, "RATE") + 2 + 4 + 3] = std::byte{8}; },
                   "dimensions");
}

TEST(C3dDamaged, CountsThatDoNotFitTheFile) {
  // Last frame 65000: far more frames than the data section holds.
  expectInputError(
      [](auto& b) {
        b[8] = std::byte{0xE8};
        b[9] = std::byte{0xFD};
      },
      "announces");
  // 65535 points.
  expectInputError(
      [](auto& b) {
        b[2] = std::byte{0xFF};
        b[3] = std::byte{0xFF};
      },
      "announces");
  // Analog values per frame not a multiple of samples per frame.
  expectInputError([](auto& b) { b[4] = std::byte{13}; }, "not a multiple");
}

TEST(C3dDamaged, NonNumericScalesNameTheirParameter) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto b = smallTrial(C3dFormat::Intel, 0.1);
  b.set(C3dTestBuilder::floats("POINT", "SCALE", {nan}));
  try {
    parseC3d(b.build(), "nan-scale.c3d");
    FAIL() << "NaN POINT:SCALE accepted";
  } catch (const InputError& error) {
    EXPECT_NE(error.place().find("POINT:SCALE"), std::string::npos) << error.what();
  }
  auto a = smallTrial();
  a.analogScale = {1, 1, nan, 1, 1, 1};
  try {
    parseC3d(a.build(), "nan-analog.c3d");
    FAIL() << "NaN ANALOG:SCALE accepted";
  } catch (const InputError& error) {
    EXPECT_NE(error.place().find("ANALOG:SCALE"), std::string::npos) << error.what();
    EXPECT_NE(error.reason().find("channel 3"), std::string::npos) << error.what();
  }
  auto r = smallTrial();
  r.pointRate = 0.0;
  EXPECT_THROW(parseC3d(r.build(), "zero-rate.c3d"), InputError);
}

TEST(C3dDamaged, ForcePlatformChannelOutOfRange) {
  auto b = smallTrial();
  b.set(C3dTestBuilder::ints("FORCE_PLATFORM", "CHANNEL", {1, 2, 3, 4, 5, 60}, {6, 1}));
  try {
    parseC3d(b.build(), "channel.c3d");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(error.place().find("FORCE_PLATFORM:CHANNEL"), std::string::npos) << error.what();
  }
}

TEST(C3dDamaged, RandomCorruptionNeverEscapesAsAnythingButInputError) {
  // Deterministic mutations of every format: only success or InputError may come out.
  std::mt19937 random(12345);
  for (const auto format : {C3dFormat::Intel, C3dFormat::Dec, C3dFormat::Mips}) {
    const auto original = smallTrial(format, format == C3dFormat::Dec ? 0.1 : -1.0).build();
    for (int trial = 0; trial < 3000; ++trial) {
      auto bytes = original;
      const int flips = 1 + static_cast<int>(random() % 4);
      for (int k = 0; k < flips; ++k) {
        const std::size_t at = random() % 1200;  // header and parameter section
        bytes[at] = static_cast<std::byte>(random() & 0xFF);
      }
      try {
        parseC3d(bytes, "random.c3d");
      } catch (const InputError&) {
      } catch (const std::exception& error) {
        ADD_FAILURE() << "non-InputError exception: " << error.what();
      }
    }
  }
}

}  // namespace
}  // namespace kinchain::io
