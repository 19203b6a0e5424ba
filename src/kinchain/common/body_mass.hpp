#pragma once
// The range a person's body mass can take, for masses typed on a command line or read from a
// trial. A mass outside it is a typing or unit error (grams for kilograms), never a person.

#include <string>

namespace kinchain {

/// Lower bound: a newborn girl at −3 SD of the WHO weight-for-age standard weighs 2.0 kg (WHO
/// Multicentre Growth Reference Study Group 2006, WHO Child Growth Standards, weight-for-age
/// girls, birth); anyone who walks is heavier.
inline constexpr double kMinimumBodyMassKg = 2.0;
/// Upper bound: no recorded person weighed more than about 635 kg (Jon Brower Minnoch, Guinness
/// World Records; the screening record schema uses the same bound).
inline constexpr double kMaximumBodyMassKg = 635.0;

/// Throws InputError naming `source` (e.g. "--mass") when `kg` is not a finite mass inside
/// [kMinimumBodyMassKg, kMaximumBodyMassKg]; the message gives the value and the bounds.
void requirePlausibleBodyMass(double kg, const std::string& source);

}  // namespace kinchain
