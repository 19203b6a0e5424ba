#include "kinchain/cohort/trial_input_stamp.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <string>

#include "kinchain/io/text_fields.hpp"

namespace kinchain::cohort {

namespace {

// 64-bit FNV-1a (Fowler, Noll & Vo; offset basis and prime from the IETF draft
// draft-eastlake-fnv). Not cryptographic: it detects a changed input file, which is all a
// resumable build needs; nobody is expected to forge a C3D file to skip its analysis.
constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

std::uint64_t fnv1a64(const std::string& bytes) {
  std::uint64_t hash = kFnvOffsetBasis;
  for (const char byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= kFnvPrime;
  }
  return hash;
}

nlohmann::json fileFingerprint(const std::filesystem::path& path) {
  const std::string bytes = io::text::readWholeFile(path);
  return {{"file", path.filename().string()},
          {"bytes", bytes.size()},
          {"fnv1a_64", fmt::format("{:016x}", fnv1a64(bytes))}};
}

}  // namespace

nlohmann::json trialInputStamp(const ManifestTrial& trial, const std::filesystem::path& model) {
  return {{"trial", fileFingerprint(trial.trial)},
          {"static", trial.staticTrial ? fileFingerprint(*trial.staticTrial) : nullptr},
          {"model", fileFingerprint(model)},
          {"mass_kg", trial.massKg ? nlohmann::json(*trial.massKg) : nullptr},
          {"kinchain_version", KINCHAIN_VERSION}};
}

}  // namespace kinchain::cohort
