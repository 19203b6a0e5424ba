#pragma once
// Force platforms: from the analog channels of a plate to the ground reaction on the subject in
// the laboratory frame. Independent of the C3D container: the C3D reader fills ForcePlatform
// from the FORCE_PLATFORM group (c3d_file.hpp); another source could fill it too.
//
// Frames and conventions (C3D User Guide, "The FORCE_PLATFORM group"):
// * Plate axes come from CORNERS: corner 1 lies in the plate's +x+y quadrant, 2 in -x+y,
//   3 in -x-y, 4 in +x-y; x = c1 - c2, y = c1 - c4, z = x × y (for AMTI/Kistler plates z
//   points down into the plate). R_lab_plate has these unit axes as columns.
// * The analog channels give the reaction on the subject in plate axes; the lab force is
//   f = R F and the lab moment about the plate origin is R M. This is the convention of
//   OpenSim's C3DFileAdapter, verified against std_walking2_grfs.sto.
// * originOffset = vector from the surface centre to the plate's measurement origin, in plate
//   axes (the origin lies below the surface). The C3D manual stores ORIGIN as the surface centre
//   seen from the origin (z <= 0) but many writers store the opposite sign; like BTK
//   (GroundReactionWrenchFilter) the reader picks the sign that puts the origin below the
//   surface and records a warning when it flips.
// * Centre of pressure on the surface plane, with M about the origin and h = -originOffset.z
//   the height of the surface above the origin along plate z:
//     x = (h Fx - My) / Fz,  y = (h Fy + Mx) / Fz,  Tz = Mz - x Fy + y Fx   (plate axes)
//   (Kwon3D "Center of Pressure"; Kistler type-3 manual). The free moment R (0, 0, Tz) acts
//   about the COP.
//
// Types: 1 (Fx Fy Fz Px Py Tz: COP and free moment measured, COP relative to the surface
// centre), 2 (Fx Fy Fz Mx My Mz about the origin), 3 (Kistler 8 channels Fx12 Fx34 Fy14 Fy23
// Fz1..Fz4, ORIGIN = (a, b, az0) sensor offsets), 4 (type 2 channels through a 6×6
// calibration matrix: wrench = CAL_MATRIX · channels).
//
// Units: outputs are SI (N, m, N·m). Inputs are converted with the scale factors of
// ForcePlatformChannelUnits.

#include <Eigen/Core>

#include <array>
#include <string>
#include <vector>

namespace kinchain::io {

/// Below this vertical (plate-normal) force the centre of pressure and the free moment are
/// undefined (NaN): 10 N is the contact threshold BTK uses by default
/// (btk::VerticalGroundReactionForceGaitEventDetector; Barré & Armand 2014, Comput Methods
/// Programs Biomed 114:80-87).
inline constexpr double kDefaultCopForceThreshold = 10.0;

struct ForcePlatformOptions {
  double copForceThreshold = kDefaultCopForceThreshold;  ///< N, on |Fz| in plate axes
  /// Subtract from every channel its mean over the FORCE_PLATFORM:ZERO frame range (first,
  /// last; 1-based point frames) before computing wrenches, as the C3D User Guide describes
  /// ZERO. A range with last < first (Vicon and OpenSim files store (1, 0)) means "no
  /// baseline". Gait.c3d needs it: its unloaded plate 2 reads Fz = -16 N without it.
  bool subtractZeroBaseline = true;
};

/// Scale factors that turn channel values into SI.
struct ForcePlatformChannelUnits {
  double force = 1.0;   ///< N per channel unit
  double moment = 1.0;  ///< N·m per channel unit (types 2, 4)
  double length = 1.0;  ///< m per channel unit of the type-1 COP channels
};

struct ForcePlatform {
  int type = 2;
  std::vector<int> channels;               ///< 0-based analog channel indices, in type order
  std::array<Eigen::Vector3d, 4> corners;  ///< lab frame, m
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();   ///< R_lab_plate
  Eigen::Vector3d surfaceCentre = Eigen::Vector3d::Zero();  ///< mean of the corners, lab, m
  Eigen::Vector3d originOffset = Eigen::Vector3d::Zero();   ///< centre → origin, plate axes, m
  Eigen::Vector3d origin = Eigen::Vector3d::Zero();         ///< measurement origin, lab, m
  Eigen::Vector2d kistlerSensorOffsets = Eigen::Vector2d::Zero();  ///< type 3: a, b (m)
  Eigen::MatrixXd calibration;  ///< type 4: 6×6, wrench = calibration · channels
  ForcePlatformChannelUnits units;
};

/// The ground reaction of one plate, one row per analog sample, lab frame, SI.
struct ForcePlatformWrenches {
  Eigen::MatrixX3d force;             ///< N, on the subject
  Eigen::MatrixX3d momentAtOrigin;    ///< N·m, about ForcePlatform::origin
  Eigen::MatrixX3d centreOfPressure;  ///< m; NaN while |Fz| < threshold
  Eigen::MatrixX3d freeMoment;        ///< N·m about the COP (along the plate normal); NaN likewise
};

/// Builds the plate axes, centre and origin from corners (lab, m) and the offset (plate axes, m).
/// @throws std::invalid_argument if the corners are degenerate (zero-length or parallel edges).
void setForcePlatformGeometry(ForcePlatform& plate, const std::array<Eigen::Vector3d, 4>& corners,
                              const Eigen::Vector3d& originOffset);

/// Computes the wrenches of `plate` from `signals` (samples × plate.channels.size(), channel
/// units, in the plate's channel order). Cost O(samples).
ForcePlatformWrenches computeForcePlatformWrenches(const ForcePlatform& plate,
                                                   const Eigen::MatrixXd& signals,
                                                   const ForcePlatformOptions& options = {});

/// Moment about `point` (lab, m) of a wrench known about `origin`: M_p = M_o + (o - p) × f.
Eigen::MatrixX3d momentAbout(const Eigen::MatrixX3d& force, const Eigen::MatrixX3d& momentAtOrigin,
                             const Eigen::Vector3d& origin, const Eigen::Vector3d& point);

}  // namespace kinchain::io
