#include "kinchain/common/xml_document.hpp"

#include <gtest/gtest.h>

#include "kinchain/common/error.hpp"

namespace kinchain {
namespace {

TEST(XmlDocument, NamesTheLineOfAnElement) {
  const auto document = XmlDocument::fromText(
      "<OpenSimDocument Version=\"40000\">\n  <Model name=\"m\">\n    <Body name=\"pelvis\"/>\n"
      "  </Model>\n</OpenSimDocument>\n",
      "m.osim");
  const auto body = document.root().child("Model").child("Body");
  EXPECT_EQ(document.lineOf(body), 3u);
  EXPECT_EQ(document.placeOf(body), "line 3 (<Body name=\"pelvis\">)");
  try {
    document.fail(body, "mass is NaN");
    FAIL() << "fail() must throw";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "m.osim: line 3 (<Body name=\"pelvis\">): mass is NaN");
  }
}

TEST(XmlDocument, MalformedXmlNamesTheLine) {
  try {
    static_cast<void>(XmlDocument::fromText("<a>\n<b>\n</a>\n", "bad.osim"));
    FAIL() << "malformed XML must throw";
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), "bad.osim");
    EXPECT_EQ(error.place(), "line 3");
  }
}

TEST(XmlDocument, MissingFileIsAnInputError) {
  EXPECT_THROW(static_cast<void>(XmlDocument::fromFile("/nonexistent/model.osim")), InputError);
}

}  // namespace
}  // namespace kinchain
