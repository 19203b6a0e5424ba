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

namespace kinchain {
namespace {

TEST(XmlDocument, ToleratesAStrayClosingTagAfterTheRootLikeOpenSim) {
  const auto document = XmlDocument::fromText(
      "<IKTaskSet name=\"t\">\n<objects/>\n</IKTaskSet>\n</OpenSimDocument>\n", "tasks.xml");
  EXPECT_STREQ(document.root().name(), "IKTaskSet");
  ASSERT_EQ(document.warnings().size(), 1u);
  EXPECT_EQ(document.warnings()[0], "line 4: ignored a closing tag after the root element");
}

TEST(XmlDocument, AMismatchInsideTheRootIsStillAnError) {
  EXPECT_THROW(static_cast<void>(XmlDocument::fromText("<a>\n<b></c>\n</a>\n", "bad.xml")),
               InputError);
}

}  // namespace
}  // namespace kinchain
