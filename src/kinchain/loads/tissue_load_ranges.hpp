#pragma once
// Literature values shown beside each tissue-load figure (../shared/research/biomechanics.md
// §3.4), with their sources. They are point estimates from small samples and different methods,
// not normative bands: a value outside the envelope they span is flagged so a reader looks
// twice, not called abnormal.

#include <optional>
#include <string>
#include <vector>

namespace kinchain::loads {

struct TissueLoadReference {
  std::string id;        ///< "achilles_peak_walking", ...
  std::string quantity;  ///< what the figure is
  std::string unit;      ///< "N", "BW", "%", "deg"
  std::optional<double> low;
  std::optional<double> high;
  bool usedForFlags = false;  ///< false: context only (other activity, other definition)
  std::string text;           ///< how the bounds were formed
  std::vector<std::string> sources;
};

/// Peak Achilles tendon force in walking, in N (bodyMassKg > 0 adds the N/kg source):
///   Kharazi et al. 2021 (ultrasound force-length): 1.989 kN walking at 1.4 m/s;
///   the same paper's introduction: ~2.63 kN walking;
///   shear-wave tensiometry (PMC11096059): 44.0 N/kg walking at 1.34 m/s.
/// low/high = the smallest and largest of these.
TissueLoadReference achillesWalkingPeakNewtons(double bodyMassKg);
/// The same envelope in body weights (needs bodyMassKg > 0 for the two kN figures; without a
/// mass only the 44.0 N/kg figure, 4.49 BW).
TissueLoadReference achillesWalkingPeakBodyWeights(double bodyMassKg);
/// Achilles in running, 8.2-10.1 BW (PMC11096059); context only.
TissueLoadReference achillesRunningPeakBodyWeights();
/// Late-swing hamstring stretch in sprinting (Thelen et al. 2005): 7.4 % semimembranosus,
/// 8.1 % semitendinosus, 9.5 % biceps femoris long head above upright length. A walking peak
/// above the sprinting peak is flagged ("high" only). Nothing for bfsh or a lumped hamstring.
std::optional<TissueLoadReference> hamstringSprintStretch(const std::string& headKey);
/// Plantar aponeurosis peak tension, walking: 0.96 +- 0.36 BW (Erdemir et al. 2004, cadaver
/// gait simulator), mean maximum 1.5 BW (Caravaggi et al. 2009). Context only (Kinchain does
/// not estimate the tension).
TissueLoadReference plantarFasciaWalkingPeak();
/// First-MTP dorsiflexion in late stance: 52 +- 5 deg slow, 64 +- 4 deg fast walking (Caravaggi
/// et al. 2010). Context only: the models' MTP joint lumps all toes.
TissueLoadReference mtpLateStanceDorsiflexion();

}  // namespace kinchain::loads
