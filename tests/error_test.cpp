#include "kinchain/common/error.hpp"

#include <gtest/gtest.h>

namespace kinchain {
namespace {

TEST(InputError, MessageNamesSourcePlaceAndReason) {
  const InputError error("walking2.c3d", "byte 512", "parameter block truncated");
  EXPECT_STREQ(error.what(), "walking2.c3d: byte 512: parameter block truncated");
  EXPECT_EQ(error.source(), "walking2.c3d");
  EXPECT_EQ(error.place(), "byte 512");
  EXPECT_EQ(error.reason(), "parameter block truncated");
}

TEST(InputError, OmitsAnEmptyPlace) {
  const InputError error("record.json", "", "not JSON");
  EXPECT_STREQ(error.what(), "record.json: not JSON");
}

}  // namespace
}  // namespace kinchain
