// Unit tests of the field splitting and number parsing shared by the TRC and STO readers.

#include "kinchain/io/text_fields.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace kinchain::io::text {
namespace {

TEST(TextFields, ParsesDecimalENotationAndNaNSpellings) {
  EXPECT_EQ(parseDouble("1.5"), 1.5);
  EXPECT_EQ(parseDouble("-2.73E-01"), -0.273);
  EXPECT_EQ(parseDouble("+7e2"), 700.0);
  EXPECT_EQ(parseDouble(".5"), 0.5);
  EXPECT_EQ(parseDouble("5."), 5.0);
  for (const char* spelling : {"NaN", "nan", "NAN", "Nan", "-nan", "+NaN"}) {
    const auto value = parseDouble(spelling);
    ASSERT_TRUE(value.has_value()) << spelling;
    EXPECT_TRUE(std::isnan(*value)) << spelling;
  }
  EXPECT_EQ(parseDouble("-Infinity"), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(parseDouble("inf"), std::numeric_limits<double>::infinity());
}

TEST(TextFields, RejectsAnythingElse) {
  for (const char* bad :
       {"", "+", "-", "+-1", "--1", "1.5x", "1,5", "0x10", "1e999", "e5", "one", "1 2", " 1"}) {
    EXPECT_FALSE(parseDouble(bad).has_value()) << "'" << bad << "'";
  }
  EXPECT_EQ(parseCount("42"), 42u);
  EXPECT_EQ(parseCount("+42"), 42u);
  EXPECT_FALSE(parseCount("-1").has_value());
  EXPECT_FALSE(parseCount("4.2").has_value());
  EXPECT_FALSE(parseCount("18446744073709551616").has_value());  // 2^64
}

TEST(TextFields, SplitsOnTabsKeepingBlanksOrOnSpaceRuns) {
  std::vector<std::string_view> fields;
  splitFields("  1.0\t\t  NaN \t", fields);
  EXPECT_EQ(fields, (std::vector<std::string_view>{"1.0", "", "NaN", ""}));
  splitFields("   time   a  b ", fields);
  EXPECT_EQ(fields, (std::vector<std::string_view>{"time", "a", "b"}));
  splitFields("", fields);
  EXPECT_TRUE(fields.empty());
}

TEST(TextFields, LinesStripCrAndCountFromOne) {
  LineCursor cursor("a\r\nb\n\nc");
  std::vector<std::string> lines;
  while (const auto line = cursor.next())
    lines.push_back(std::to_string(line->number) + ":" + std::string(line->text));
  EXPECT_EQ(lines, (std::vector<std::string>{"1:a", "2:b", "3:", "4:c"}));
  EXPECT_EQ(withoutByteOrderMark("\xEF\xBB\xBFPathFileType"), "PathFileType");
}

TEST(TextFields, FormattedDoublesReadBackExactly) {
  for (const double value :
       {0.1, 1.0 / 3.0, -195.748917, 1e-300, 6.02214076e23,
        std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max(), -0.0}) {
    std::string text;
    appendDouble(text, value);
    EXPECT_EQ(parseDouble(text), value) << text;
  }
  std::string text;
  appendDouble(text, std::nan(""), "NaN");
  EXPECT_EQ(text, "NaN");
}

}  // namespace
}  // namespace kinchain::io::text
