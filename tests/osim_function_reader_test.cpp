// The .osim function reader on XML snippets of each format version and on every function element
// of the shared OpenSim models.

#include "kinchain/model/osim_function_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "kinchain/common/error.hpp"
#include "test_paths.hpp"

namespace kinchain::model {
namespace {

Function readSnippet(const std::string& xml) {
  const XmlDocument document = XmlDocument::fromText(xml, "snippet.osim");
  return readOsimFunction(document, document.root());
}

// Expects an InputError whose place names `line` and whose reason contains `fragment`.
void expectInputError(const std::string& xml, int line, const std::string& fragment) {
  try {
    readSnippet(xml);
    ADD_FAILURE() << "no error for: " << xml;
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), "snippet.osim");
    EXPECT_NE(error.place().find("line " + std::to_string(line)), std::string::npos)
        << error.what();
    EXPECT_NE(error.reason().find(fragment), std::string::npos) << error.what();
  }
}

TEST(OsimFunctionReaderTest, ReadsEachTypeAndWrapperLayout) {
  EXPECT_EQ(readSnippet("<Constant name=\"\"><value>       0.02 </value></Constant>").value(9.0),
            0.02);
  // 2.x wrapper with fixed-width numbers.
  const Function linear = readSnippet(
      "<function><LinearFunction name=\"\"><coefficients>  -1.00000000  0.5 </coefficients>"
      "</LinearFunction></function>");
  EXPECT_EQ(linear.typeName(), "LinearFunction");
  EXPECT_DOUBLE_EQ(linear.value(2.0), -1.5);
  // 2.x NaturalCubicSpline is OpenSim 4's SimmSpline.
  const Function natural = readSnippet(
      "<x_location><NaturalCubicSpline name=\"\"><x> 0 1 2 3</x><y> 0 1 8 27</y>"
      "</NaturalCubicSpline></x_location>");
  EXPECT_EQ(natural.typeName(), "SimmSpline");
  EXPECT_NEAR(natural.value(1.5), 3.375, 1e-12);  // cubic reproduced (4 points of x^3)
  // 4.x MultiplierFunction with a <function> wrapper inside.
  const Function multiplier = readSnippet(
      "<MultiplierFunction name=\"function\"><function><SimmSpline name=\"function\">"
      "<x> -1 0 1</x><y> 1 0 1</y></SimmSpline></function><scale>1.5</scale></MultiplierFunction>");
  EXPECT_DOUBLE_EQ(multiplier.value(1.0), 1.5);
  EXPECT_EQ(
      readSnippet("<PolynomialFunction><coefficients>1 0 -1</coefficients></PolynomialFunction>")
          .value(3.0),
      8.0);
  EXPECT_EQ(
      readSnippet("<PiecewiseConstantFunction><x>0 1</x><y>4 5</y></PiecewiseConstantFunction>")
          .value(0.5),
      4.0);
  EXPECT_EQ(readSnippet("<PiecewiseLinearFunction><x>0 1</x><y>4 5</y></PiecewiseLinearFunction>")
                .value(0.5),
            4.5);
  const Function gcv = readSnippet(
      "<GCVSpline><half_order>2</half_order><error_variance>0</error_variance>"
      "<x>0 1 2 3 4</x><y>0 1 2 3 4</y><weights>1 1 1 1 1</weights></GCVSpline>");
  EXPECT_NEAR(gcv.value(2.5), 2.5, 1e-13);  // natural cubic reproduces a line
}

TEST(OsimFunctionReaderTest, FindsPropertyInOldAndNewLayouts) {
  const XmlDocument document = XmlDocument::fromText(
      "<root><TransformAxis name=\"old\"><function><Constant><value>1</value></Constant></function>"
      "<coordinates>q</coordinates></TransformAxis>"
      "<TransformAxis name=\"new\"><coordinates>q</coordinates><axis>1 0 0</axis>"
      "<LinearFunction name=\"function\"><coefficients>2 0</coefficients></LinearFunction>"
      "</TransformAxis></root>",
      "axes.osim");
  const pugi::xml_node oldAxis = document.root().find_child_by_attribute("name", "old");
  const pugi::xml_node newAxis = document.root().find_child_by_attribute("name", "new");
  EXPECT_EQ(readOsimFunction(document, findOsimFunctionNode(oldAxis, "function")).value(3.0), 1.0);
  EXPECT_EQ(readOsimFunction(document, findOsimFunctionNode(newAxis, "function")).value(3.0), 6.0);
  EXPECT_FALSE(findOsimFunctionNode(newAxis, "missing"));
}

TEST(OsimFunctionReaderTest, RejectsBadInputNamingTheLine) {
  expectInputError("<function>\n<StepFunction/>\n</function>", 2, "unknown function type");
  expectInputError("<SimmSpline>\n<x>0 1 2</x>\n<y>0 nan 2</y></SimmSpline>", 3, "not finite");
  expectInputError("<SimmSpline>\n<x>0 1 2</x>\n<y>0 inf 2</y></SimmSpline>", 3, "not finite");
  expectInputError("<SimmSpline>\n<x>0 1 2</x>\n<y>0 abc 2</y></SimmSpline>", 3, "not a number");
  expectInputError("\n<SimmSpline><x>0 1 2</x><y>0 1</y></SimmSpline>", 2,
                   "x has 3 values but y has 2");
  expectInputError("\n\n<SimmSpline><x>0 2 1</x><y>0 1 2</y></SimmSpline>", 3,
                   "strictly increasing");
  expectInputError("<SimmSpline><x>0 1 1</x><y>0 1 2</y></SimmSpline>", 1, "strictly increasing");
  expectInputError("<SimmSpline><x>0 1 2</x></SimmSpline>", 1, "missing <y>");
  expectInputError("<LinearFunction><coefficients>1</coefficients></LinearFunction>", 1,
                   "2 coefficients");
  expectInputError("<function>\n</function>", 1, "no function");
  expectInputError("<function><Constant/><Constant/></function>", 1, "expected exactly one");
  expectInputError("<MultiplierFunction><scale>2</scale></MultiplierFunction>", 1, "inner");
  expectInputError(
      "<GCVSpline><half_order>3</half_order><error_variance>0.1</error_variance>"
      "<x>0 1 2 3 4 5</x><y>0 1 2 3 4 5</y></GCVSpline>",
      1, "not supported");
  expectInputError("<GCVSpline><half_order>3</half_order><x>0 1 2</x><y>0 1 2</y></GCVSpline>", 1,
                   "at least 6 points");
}

// Every function element in every shared .osim model parses; the element counts confirm the
// reader saw them all (counted independently with an XML scan of the same files).
TEST(OsimFunctionReaderTest, ParsesEveryFunctionInTheSharedModels) {
  const std::filesystem::path root = test::sharedData("opensim-core").parent_path();
  std::map<std::string, int> counts;
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".osim") continue;
    ++files;
    const XmlDocument document = XmlDocument::fromFile(entry.path());
    for (const pugi::xpath_node hit : document.root().select_nodes("//*")) {
      const pugi::xml_node node = hit.node();
      if (!isOsimFunctionElement(node.name())) continue;
      const Function f = readOsimFunction(document, node);
      EXPECT_TRUE(std::isfinite(f.value(0.1))) << document.placeOf(node);
      ++counts[node.name()];
    }
  }
  EXPECT_GE(files, 15);
  EXPECT_EQ(counts["Constant"], 443);
  EXPECT_EQ(counts["LinearFunction"], 233);
  EXPECT_EQ(counts["MultiplierFunction"], 234);
  EXPECT_EQ(counts["NaturalCubicSpline"], 323);
  EXPECT_EQ(counts["SimmSpline"], 182);
}

// gait2354 knee (Yamaguchi & Zajac 1989 via Delp 1990): tibia translation splines of the 4.x
// model; the spline must pass through the file's points and extrapolate with the end slope.
TEST(OsimFunctionReaderTest, Gait2354KneeTranslationSpline) {
  const XmlDocument document =
      XmlDocument::fromFile(test::sharedData("opensim-models/gait2354_simbody.osim"));
  const pugi::xml_node joint = document.root().select_node("//CustomJoint[@name='knee_r']").node();
  ASSERT_TRUE(joint);
  const pugi::xml_node axis = joint.select_node(".//TransformAxis[@name='translation1']").node();
  ASSERT_TRUE(axis);
  const Function f = readOsimFunction(document, findOsimFunctionNode(axis, "function"));
  EXPECT_EQ(f.typeName(), "SimmSpline");
  const std::vector<double> x = {-2.0944,   -1.74533, -1.39626, -1.0472,  -0.698132, -0.349066,
                                 -0.174533, 0.197344, 0.337395, 0.490178, 1.52146,   2.0944};
  const std::vector<double> y = {-0.0032, 0.00179,   0.00411,   0.0041,    0.00212,   -0.001,
                                 -0.0031, -0.005227, -0.005435, -0.005574, -0.005435, -0.00525};
  for (std::size_t i = 0; i < x.size(); ++i)
    EXPECT_NEAR(f.value(x[i]), y[i], 1e-15);
  const FunctionValue end = f.evaluate(x.back());
  EXPECT_NEAR(f.value(x.back() + 0.5), y.back() + 0.5 * end.first, 1e-15);
  // Knee flexion of -60 degrees sits between knots; the value lies within the neighbours' range.
  const double v = f.value(-1.0472 + 0.1);
  EXPECT_GT(v, 0.002);
  EXPECT_LT(v, 0.0045);
}

}  // namespace
}  // namespace kinchain::model
