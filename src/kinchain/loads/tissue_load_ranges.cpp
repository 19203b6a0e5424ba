#include "kinchain/loads/tissue_load_ranges.hpp"

#include <algorithm>

#include "kinchain/loads/tissue_loads.hpp"

namespace kinchain::loads {

namespace {

// biomechanics.md §3.4.
constexpr double kKharaziWalkingNewtons = 1989.0;         // Kharazi et al. 2021, walking 1.4 m/s
constexpr double kKharaziIntroWalkingNewtons = 2630.0;    // Kharazi et al. 2021 introduction
constexpr double kTensiometryWalkingNewtonsPerKg = 44.0;  // PMC11096059, walking 1.34 m/s
const char* const kKharazi =
    "Kharazi et al. 2021, Sci Rep, ultrasound force-length method: 1.989 kN walking at 1.4 m/s; "
    "~2.63 kN walking cited in its introduction (https://link.springer.com/10.1038/"
    "s41598-021-84847-w)";
const char* const kTensiometry =
    "shear-wave tensiometry: peak 44.0 N/kg walking at 1.34 m/s "
    "(https://pmc.ncbi.nlm.nih.gov/articles/PMC11096059)";

}  // namespace

TissueLoadReference achillesWalkingPeakNewtons(double bodyMassKg) {
  std::vector<double> values{kKharaziWalkingNewtons, kKharaziIntroWalkingNewtons};
  std::vector<std::string> sources{kKharazi};
  if (bodyMassKg > 0.0) {
    values.push_back(kTensiometryWalkingNewtonsPerKg * bodyMassKg);
    sources.emplace_back(kTensiometry);
  }
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  return {"achilles_peak_walking",
          "peak Achilles tendon force in stance, walking",
          "N",
          *low,
          *high,
          true,
          bodyMassKg > 0.0 ? "smallest to largest of 1989 N, 2630 N and 44.0 N/kg x body mass"
                           : "1989 N to 2630 N (no body mass: the 44.0 N/kg figure is left out)",
          sources};
}

TissueLoadReference achillesWalkingPeakBodyWeights(double bodyMassKg) {
  std::vector<double> values{kTensiometryWalkingNewtonsPerKg / kStandardGravity};
  std::vector<std::string> sources{kTensiometry};
  if (bodyMassKg > 0.0) {
    const double weight = bodyMassKg * kStandardGravity;
    values.push_back(kKharaziWalkingNewtons / weight);
    values.push_back(kKharaziIntroWalkingNewtons / weight);
    sources.emplace_back(kKharazi);
  }
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  return {"achilles_peak_walking_bw",
          "peak Achilles tendon force in stance, walking, in body weights",
          "BW",
          *low,
          *high,
          true,
          "44.0 N/kg / 9.80665 m/s^2 = 4.49 BW" +
              std::string(bodyMassKg > 0.0 ? ", and 1989 N and 2630 N / body weight" : ""),
          sources};
}

TissueLoadReference achillesRunningPeakBodyWeights() {
  return {"achilles_peak_running_bw",
          "peak Achilles tendon force, running",
          "BW",
          8.2,
          10.1,
          false,
          "running; shown for context, not used for walking flags",
          {"shear-wave tensiometry (https://pmc.ncbi.nlm.nih.gov/articles/PMC11096059)"}};
}

std::optional<TissueLoadReference> hamstringSprintStretch(const std::string& headKey) {
  double value = 0.0;
  if (headKey == "semimem") {
    value = 7.4;
  } else if (headKey == "semiten") {
    value = 8.1;
  } else if (headKey == "bflh") {
    value = 9.5;
  } else {
    return std::nullopt;
  }
  return TissueLoadReference{
      "hamstring_stretch_sprint_" + headKey,
      "peak late-swing muscle-tendon stretch above upright length, sprinting",
      "%",
      std::nullopt,
      value,
      true,
      "peak in sprinting (80-100 % of maximum speed); a walking peak above it is flagged",
      {"Thelen et al. 2005, Med Sci Sports Exerc, hamstring kinematics during treadmill "
       "sprinting (https://miami.pure.elsevier.com/en/publications/"
       "hamstring-muscle-kinematics-during-treadmill-sprinting)"}};
}

TissueLoadReference plantarFasciaWalkingPeak() {
  return {"plantar_fascia_peak_walking",
          "peak plantar aponeurosis tension, walking",
          "BW",
          0.96 - 0.36,
          1.5,
          false,
          "0.96 +- 0.36 BW (cadaver gait simulator) to a mean maximum of 1.5 BW (kinematic "
          "windlass model); context only, Kinchain does not estimate this tension",
          {"Erdemir et al. 2004 (https://pure.psu.edu/en/publications/"
           "dynamic-loading-of-the-plantar-aponeurosis-in-walking)",
           "Caravaggi et al. 2009, J Exp Biol 212:2491 (https://journals.biologists.com/jeb/"
           "article/212/15/2491/18439/A-dynamic-model-of-the-windlass-mechanism-of-the)"}};
}

TissueLoadReference mtpLateStanceDorsiflexion() {
  return {"mtp_dorsiflexion_late_stance",
          "first metatarsophalangeal dorsiflexion in late stance",
          "deg",
          52.0 - 5.0,
          64.0 + 4.0,
          false,
          "52 +- 5 deg slow to 64 +- 4 deg fast walking; context only: the models' MTP joint "
          "lumps the toes and its sign follows the model",
          {"Caravaggi et al. 2010, J Anat 217:254 (https://pmc.ncbi.nlm.nih.gov/articles/"
           "PMC2972539)"}};
}

}  // namespace kinchain::loads
