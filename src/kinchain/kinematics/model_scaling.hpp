#pragma once
// Scaling a model by per-body X/Y/Z factors, as OpenSim's Model::scale does
// (opensim-core OpenSim/Simulation/Model/Model.cpp and the components' extendScale /
// extendPostScale). With s_B the factors of the body B a thing is fixed to ("*" elementwise):
//   offset frames (joint frames)  p_PF <- s_B * p_PF             (OffsetFrame::scale)
//   markers, path points          p   <- s_B * p                 (Marker, PathPoint)
//   moving path points            f_i <- s_B[i] f_i  (a MultiplierFunction, MovingPathPoint)
//   joint translation functions   f   <- (|a| . s_P) f for translation axes with a function
//                                 other than the identity f(q) = q; P = the parent frame's body
//                                 (SpatialTransform::scale)
//   wrap objects                  translation <- s_B * translation; with c_k = |R_BW e_k * s_B|:
//                                 cylinder radius *(c_x+c_y)/2, length *c_z; sphere radius
//                                 *(sum s_B)/3; ellipsoid dimension k *c_k; torus radii
//                                 *(c_x+c_y)/2 (WrapCylinder/Sphere/Ellipsoid/Torus::extendScale)
//   bodies                        mass centre <- s_B * c; mass *|s_x s_y s_z| unless the mass
//                                 distribution is preserved; inertia per
//                                 Body::scaleInertialProperties (uniform factors: * s^2 (and the
//                                 mass factor); otherwise the cylinder approximation)
//   total mass                    every mass and inertia * (subject mass / scaled total mass)
//   muscles                       optimal fibre length and tendon slack length * L_new / L_old,
//                                 the muscle-tendon lengths in the default pose before and
//                                 after scaling (Muscle::extendPostScale)
// Not scaled (as in OpenSim 4 for these models' contents): coupler constraint functions.

#include <Eigen/Core>

#include <vector>

#include "kinchain/kinematics/scale_factors.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::kinematics {

struct ModelScalingOptions {
  double subjectMass = -1.0;              ///< kg; <= 0 keeps the scaled total mass
  bool preserveMassDistribution = false;  ///< OpenSim preserve_mass_distribution
};

struct ScaledModel {
  model::Model model;
  /// L_new / L_old of each muscle (MuscleIndex order); 1 where the old length is 0.
  std::vector<double> muscleLengthRatios;
};

/// A copy of every table of `model` (to edit and rebuild a Model from).
model::ModelParts modelPartsOf(const model::Model& model);

/// Inertia scaling of OpenSim's Body::scaleInertialProperties: `inertia` (about the mass centre,
/// kg m^2) of a body of `unscaledMass` whose mass is now `scaledMass`.
Eigen::Matrix3d scaleInertia(const Eigen::Matrix3d& inertia, const Eigen::Vector3d& factors,
                             double unscaledMass, double scaledMass, bool massScaled);

/// The scaled model. `factors` has one entry per body (BodyIndex order).
/// @throws std::invalid_argument when factors has the wrong size or a factor is not finite
///         and positive.
ScaledModel scaleModel(const model::Model& model, const BodyScaleFactors& factors,
                       const ModelScalingOptions& options = {});

}  // namespace kinchain::kinematics
