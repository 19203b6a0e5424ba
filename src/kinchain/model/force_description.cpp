#include "kinchain/model/force_description.hpp"

namespace kinchain::model {

// Knots copied from the constructors of Schutte1993Muscle_Deprecated and
// Delp1990Muscle_Deprecated (opensim-core OpenSim/Actuators/*.cpp); both use the same tendon,
// active and passive curves.

const SplineKnots& simmDefaultTendonForceLengthCurve() {
  static const SplineKnots knots{
      {-10.0, -0.002, -0.001, 0.0, 0.00131, 0.00281, 0.00431, 0.00581, 0.00731, 0.00881, 0.0103,
       0.0118, 0.0123, 9.2, 9.201, 9.202, 20.0},
      {0.0, 0.0, 0.0, 0.0, 0.0108, 0.0257, 0.0435, 0.0652, 0.0915, 0.123, 0.161, 0.208, 0.227,
       345.0, 345.0, 345.0, 345.0}};
  return knots;
}

const SplineKnots& simmDefaultActiveForceLengthCurve() {
  static const SplineKnots knots{
      {-5.307692, -4.307692, -1.923077, -0.884615, -0.269231, 0.230769, 0.461538,
       0.52725,   0.62875,   0.71875,   0.86125,   1.045,     1.2175,   1.43875,
       1.5,       1.615385,  2.0,       2.961538,  3.692308,  5.461538, 9.901902},
      {0.012188, 0.021899, 0.036466, 0.052493, 0.075312, 0.114158, 0.157859,
       0.226667, 0.636667, 0.856667, 0.95,     0.993333, 0.77,     0.246667,
       0.193821, 0.133252, 0.072683, 0.044417, 0.036341, 0.021899, 0.007332}};
  return knots;
}

const SplineKnots& simmDefaultPassiveForceLengthCurve() {
  static const SplineKnots knots{
      {-5.0, 0.998, 0.999, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.601, 1.602, 5.0},
      {0.0, 0.0, 0.0, 0.0, 0.035, 0.12, 0.26, 0.55, 1.17, 2.0, 2.0, 2.0, 2.0}};
  return knots;
}

const SplineKnots& delpDefaultForceVelocityCurve() {
  static const SplineKnots knots{
      {-1.001, -1.0, -0.95, -0.9, -0.85, -0.8, -0.75, -0.7, -0.65, -0.6, -0.55, -0.5, -0.45, -0.4,
       -0.35,  -0.3, -0.25, -0.2, -0.15, -0.1, -0.05, 0.0,  0.05,  0.1,  0.15,  0.2,  0.25,  0.3,
       0.35,   0.4,  0.45,  0.5,  0.55,  0.6,  0.65,  0.7,  0.75,  0.8,  0.85,  0.9,  0.95,  1.0},
      {0.0,      0.0,      0.010417, 0.021739, 0.034091, 0.047619, 0.0625,   0.078947, 0.097222,
       0.117647, 0.140625, 0.166667, 0.196429, 0.230769, 0.270833, 0.318182, 0.375,    0.444444,
       0.53125,  0.642857, 0.791667, 1.0,      1.482014, 1.601571, 1.655791, 1.686739, 1.706751,
       1.720753, 1.731099, 1.739055, 1.745365, 1.75049,  1.754736, 1.758312, 1.761364, 1.763999,
       1.766298, 1.768321, 1.770115, 1.771717, 1.773155, 1.774455}};
  return knots;
}

}  // namespace kinchain::model
