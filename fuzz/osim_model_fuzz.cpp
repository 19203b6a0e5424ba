// libFuzzer target over the .osim model reader: any input either loads into a Model (then
// forward kinematics at the default pose must run) or fails with kinchain::InputError. Any other
// exception, crash, hang or sanitizer report is a bug.

#include <cstddef>
#include <cstdint>
#include <string>

#include "kinchain/common/error.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/frame_jacobian.hpp"
#include "kinchain/model/osim_model_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  using namespace kinchain::model;
  try {
    const Model model = readOsimModelFromText(std::string(reinterpret_cast<const char*>(bytes), size), "fuzz.osim");
    Data data(model);
    Eigen::VectorXd q = model.defaultCoordinates();
    applyCouplerConstraints(model, q);
    forwardKinematics(model, data, q);
    computeJointMotions(model, data);
  } catch (const kinchain::InputError&) {
    // Rejected with a located message: the expected outcome for bad input.
  }
  return 0;
}
