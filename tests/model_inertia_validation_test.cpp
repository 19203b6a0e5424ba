// Model inertial parameters are validated on load (issue #12): a mass of 1e308 kg or an inertia
// no rigid body can have is refused with an InputError naming the file, the line and the body;
// massless bodies stay legal as in OpenSim; every model Kinchain ships or tests against loads.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "kinchain/common/error.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "model_test_models.hpp"
#include "test_paths.hpp"

namespace kinchain::model {
namespace {

using test_models::coordinate;
using test_models::singleJointModel;
using ::testing::HasSubstr;

const std::string kValid = singleJointModel("PinJoint", coordinate("a"));
const std::string kBody =
    R"(<Body name="b"><mass>2</mass><mass_center>0 0.1 0</mass_center><inertia>1 2 3 0 0 0</inertia></Body>)";

// The test model with body b's mass and inertia replaced.
std::string withBody(const std::string& mass, const std::string& inertia) {
  std::string text = kValid;
  const std::string body = R"(<Body name="b"><mass>)" + mass +
                           R"(</mass><mass_center>0 0.1 0</mass_center><inertia>)" + inertia +
                           R"(</inertia></Body>)";
  text.replace(text.find(kBody), kBody.size(), body);
  return text;
}

InputError loadError(const std::string& text) {
  try {
    static_cast<void>(readOsimModelFromText(text, "bad.osim"));
  } catch (const InputError& error) {
    return error;
  }
  ADD_FAILURE() << "the model loaded";
  return InputError("", "", "");
}

TEST(ModelInertiaValidation, BaselineBodyOnTheTriangleBoundaryLoads) {
  ASSERT_NE(kValid.find(kBody), std::string::npos);
  // 1 + 2 = 3: a flat plate's inertia (Izz = Ixx + Iyy) is legal.
  EXPECT_NO_THROW(static_cast<void>(readOsimModelFromText(kValid, "good.osim")));
  // A thin rod (one zero principal moment) and a point mass (all zero) are legal too.
  EXPECT_NO_THROW(static_cast<void>(readOsimModelFromText(withBody("2", "0 1 1 0 0 0"), "r")));
  EXPECT_NO_THROW(static_cast<void>(readOsimModelFromText(withBody("2", "0 0 0 0 0 0"), "p")));
}

TEST(ModelInertiaValidation, HugeMassIsRefusedNamingFileBodyAndLine) {
  // 1e308 kg used to load and turn every inverse-dynamics result into NaN.
  const auto error = loadError(withBody("1e308", "1 2 3 0 0 0"));
  EXPECT_EQ(error.source(), "bad.osim");
  EXPECT_THAT(error.place(), HasSubstr("line 7 (<mass>)"));
  EXPECT_THAT(error.reason(), HasSubstr("body 'b' has a mass of 1e+308 kg"));
  EXPECT_THAT(error.reason(), HasSubstr("heaviest person on record (about 635 kg"));
}

TEST(ModelInertiaValidation, TotalMassAboveTheHeaviestPersonIsRefused) {
  EXPECT_NO_THROW(static_cast<void>(readOsimModelFromText(withBody("600", "1 2 3 0 0 0"), "ok")));
  EXPECT_THAT(loadError(withBody("700", "1 2 3 0 0 0")).reason(),
              HasSubstr("weigh 700 kg in total"));
  // Two bodies that are each plausible but together too heavy: the heaviest is named.
  std::string twoBodies = withBody("400", "1 2 3 0 0 0");
  const std::string second =
      R"(<Body name="heavy"><mass>500</mass><inertia>1 1 1 0 0 0</inertia></Body>)";
  twoBodies.replace(twoBodies.find("</objects></BodySet>"), 0, second);
  const auto error = loadError(twoBodies);
  EXPECT_THAT(error.reason(), HasSubstr("body 'heavy' has a mass of 500 kg and the model's "
                                        "bodies weigh 900 kg in total"));
}

TEST(ModelInertiaValidation, NegativeOrNonFiniteMassIsRefused) {
  EXPECT_THAT(loadError(withBody("-1", "1 2 3 0 0 0")).reason(), HasSubstr("negative"));
  const auto infinite = loadError(withBody("inf", "1 2 3 0 0 0"));
  EXPECT_THAT(infinite.place(), HasSubstr("<mass>"));
  EXPECT_THAT(infinite.reason(), HasSubstr("not a finite number"));
}

TEST(ModelInertiaValidation, NegativePrincipalMomentIsRefused) {
  const auto error = loadError(withBody("2", "-1 2 3 0 0 0"));
  EXPECT_EQ(error.source(), "bad.osim");
  EXPECT_THAT(error.place(), HasSubstr("line 7 (<inertia>)"));
  EXPECT_THAT(error.reason(), HasSubstr("body 'b': the inertia is not positive semi-definite"));
}

TEST(ModelInertiaValidation, PrincipalMomentsViolatingTheTriangleInequalityAreRefused) {
  const auto error = loadError(withBody("2", "1 1 3 0 0 0"));
  EXPECT_THAT(error.place(), HasSubstr("<inertia>"));
  EXPECT_THAT(error.reason(), HasSubstr("body 'b': the inertia violates the triangle inequality "
                                        "(principal moments 1, 1, 3 kg m^2"));
}

TEST(ModelInertiaValidation, FullInertiaMatrixIsCheckedThroughItsPrincipalMoments) {
  // Diagonal 1 1 1 with a product of 2: principal moments -1, 1, 3.
  EXPECT_THAT(loadError(withBody("2", "1 1 1 2 0 0")).reason(),
              HasSubstr("not positive semi-definite"));
  // Diagonal 2 2 2 meets the triangle inequality and is positive, but the product 1.9 gives
  // principal moments 0.1, 2, 3.9 and 0.1 + 2 < 3.9.
  EXPECT_THAT(loadError(withBody("2", "2 2 2 1.9 0 0")).reason(),
              HasSubstr("violates the triangle inequality"));
  // The 2.x/3.x one-element-per-entry layout is checked alike.
  std::string old = test::fileText(test::sharedData("opensim-core/id_arm26/arm26.osim"));
  const std::string humerusInertia = "<inertia_yy>       0.00455100 </inertia_yy>";
  ASSERT_NE(old.find(humerusInertia), std::string::npos);
  old.replace(old.find(humerusInertia), humerusInertia.size(), "<inertia_yy>1</inertia_yy>");
  const auto error = loadError(old);
  EXPECT_THAT(error.reason(), HasSubstr("body 'r_humerus': the inertia violates the triangle"));
  EXPECT_THAT(error.place(), HasSubstr("line"));
}

TEST(ModelInertiaValidation, ToleranceCoversRoundOffButNotARealViolation) {
  // 3 + 4.4e-16 (one unit in the last place above 1 + 2): round-off, accepted.
  EXPECT_NO_THROW(static_cast<void>(
      readOsimModelFromText(withBody("2", "1 2 3.0000000000000004 0 0 0"), "ulp.osim")));
  // 3.001: a real violation, refused.
  EXPECT_THAT(loadError(withBody("2", "1 2 3.001 0 0 0")).reason(),
              HasSubstr("triangle inequality"));
  // A tiny negative moment within the slop of a zero one is accepted; a clear one is not.
  EXPECT_NO_THROW(
      static_cast<void>(readOsimModelFromText(withBody("2", "-1e-17 1 1 0 0 0"), "rod.osim")));
  EXPECT_THAT(loadError(withBody("2", "-1e-6 1 1 0 0 0")).reason(),
              HasSubstr("not positive semi-definite"));
}

TEST(ModelInertiaValidation, InertiaWithoutFinitePrincipalMomentsIsRefused) {
  const auto error = loadError(withBody("2", "1e308 1e308 1e308 1e308 0 0"));
  EXPECT_THAT(error.reason(), HasSubstr("body 'b': the inertia has no finite principal moments"));
  EXPECT_THAT(loadError(withBody("2", "1 2 inf 0 0 0")).reason(), HasSubstr("finite"));
}

TEST(ModelInertiaValidation, MasslessBodiesFollowOpenSim) {
  // Massless with zero inertia: legal (OpenSim's Body, Simbody's MassProperties).
  const auto massless = readOsimModelFromText(withBody("0", "0 0 0 0 0 0"), "massless.osim");
  EXPECT_EQ(massless.bodies()[0].mass, 0.0);
  EXPECT_TRUE(massless.ignored().empty());
  // Massless with an inertia: OpenSim resets the inertia to zero and says so; so does Kinchain.
  const auto reset = readOsimModelFromText(withBody("0", "1 2 3 0 0 0"), "reset.osim");
  EXPECT_TRUE(reset.bodies()[0].inertia.isZero(0.0));
  ASSERT_EQ(reset.ignored().size(), 1u);
  EXPECT_EQ(reset.ignored()[0].element, "Body b");
  EXPECT_EQ(reset.ignored()[0].line, 7u);
  EXPECT_THAT(reset.ignored()[0].reason, HasSubstr("massless body"));
  // Even an invalid inertia on a massless body is only reset (OpenSim never checks it).
  EXPECT_NO_THROW(static_cast<void>(readOsimModelFromText(withBody("0", "1 1 3 0 0 0"), "m")));
}

TEST(ModelInertiaValidation, EveryShippedAndSharedModelStillLoads) {
  std::vector<std::filesystem::path> models;
  for (const auto& root : {std::filesystem::path(KINCHAIN_SHARED_DATA_DIR),
                           std::filesystem::path(KINCHAIN_SOURCE_DATA_DIR)}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (entry.is_regular_file() && entry.path().extension() == ".osim")
        models.push_back(entry.path());
    }
  }
  std::sort(models.begin(), models.end());
  // 15 shared models (../shared/data/README.md) and the bundled default model.
  EXPECT_GE(models.size(), 16u);
  for (const auto& path : models) {
    SCOPED_TRACE(path.string());
    const auto model = readOsimModel(path);
    for (const auto& ignored : model.ignored())
      EXPECT_THAT(ignored.reason, ::testing::Not(HasSubstr("massless body")));
  }
}

}  // namespace
}  // namespace kinchain::model
