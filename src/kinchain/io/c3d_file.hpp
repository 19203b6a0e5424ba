#pragma once
// Reading a C3D file (C3D User Guide, c3d.org): header, parameters, 3D points, analog
// channels, events and force platforms, into a C3dTrial.
//
// Conventions of the result:
// * Time: row k of the point table is frame firstFrame + k at t = k / pointRate (the first
//   stored frame is t = 0), as OpenSim's C3DFileAdapter writes std_walking2_markers.trc.
//   Analog sample j is at t = j / analogRate on the same clock. Events are moved to this clock.
// * Points: Vector3 columns in POINT:UNITS (unit of each column = that unit). A point whose
//   residual word is negative (C3D: invalid) is NaN. Integer files (POINT:SCALE > 0) are
//   scaled by POINT:SCALE; float files (POINT:SCALE < 0) are stored in units already.
// * Analog: value = (raw - ANALOG:OFFSET[c]) · ANALOG:SCALE[c] · ANALOG:GEN_SCALE, with raw read
//   as unsigned when ANALOG:FORMAT is "UNSIGNED". Units from ANALOG:UNITS.
// * Labels: POINT:LABELS continued by LABELS2, LABELS3... (likewise ANALOG). Blank labels become
//   "POINT<n>" / "ANALOG<n>" (1-based). Two points may share a label only when POINT:DESCRIPTIONS
//   tells them apart (BTK's Gait.c3d labels the lateral and the medial knee markers both RKNE,
//   described "R.Knee" and "R.Knee.Medial"): the later one gets "_2", "_3"... appended in file
//   order (RKNE, RKNE → RKNE, RKNE_2) and a warning names both points, their descriptions and
//   the new name. Points that share a label and a description (or have none) cannot be told
//   apart, and reading either as the marker would be a guess: that is an InputError at
//   parameter POINT:LABELS naming the label and both point numbers (model outputs listed in
//   POINT:ANGLES, FORCES, MOMENTS, POWERS, SCALARS or REACTIONS are not markers: renamed). The
//   stored labels stay in pointLabelsAsStored. Analog labels that repeat are renamed the same way
//   with a warning (plates find their channels by number, not by label).
// * A float file's point with a valid residual but a NaN or infinite coordinate is missing in
//   that frame (NaN), and a warning counts such frames per point.
// * Events: EVENT:TIMES (or the header event block) count from frame 1 at t = 0; `frame` is
//   time · rate + 1 and `time` is on the trial clock above.
// * Frames: header first/last frame (16-bit); for longer trials TRIAL:ACTUAL_START_FIELD /
//   ACTUAL_END_FIELD (32-bit as two words) or POINT:FRAMES.
// * Force platforms: see force_platform.hpp; wrenches in SI at the analog rate, after the
//   FORCE_PLATFORM:ZERO baseline when it names a frame range.
// * Damaged input (truncated, wrong pointers, looping parameter offsets, counts that do not fit,
//   non-finite scales) gives InputError(file, "byte N" or "byte N (parameter G:N)", reason);
//   oddities that still read (duplicated labels or parameters, count mismatches between header
//   and parameters) are listed in C3dTrial::warnings.

#include "kinchain/io/c3d_binary.hpp"
#include "kinchain/io/c3d_parameters.hpp"
#include "kinchain/io/force_platform.hpp"
#include "kinchain/io/time_series_table.hpp"

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace kinchain::io {

struct C3dEvent {
  std::string context;  ///< "Left", "Right", "General"...
  std::string label;    ///< "Foot Strike", "Foot Off"...
  std::string description;
  std::string subject;
  double time = 0.0;        ///< s, on the trial clock (first stored frame = 0)
  double timeInFile = 0.0;  ///< s, as stored (EVENT:TIMES minutes·60 + seconds, or header)
  double frame = 0.0;       ///< point frame number, firstFrame at time 0 (may be fractional)
  int iconId = 0;
  bool fromHeader = false;  ///< from the header event block (no EVENT group)
};

struct C3dReadOptions {
  ForcePlatformOptions forcePlatforms;
};

struct C3dTrial {
  std::string source;
  io::c3d::ProcessorFormat processor = io::c3d::ProcessorFormat::Intel;
  std::size_t fileSize = 0;

  double pointRate = 0.0;  ///< Hz
  int firstFrame = 1;      ///< number of the first stored frame
  std::size_t frameCount = 0;
  bool floatStorage = false;
  double pointScale = 1.0;  ///< POINT:SCALE (negative: float storage)
  std::string pointUnits;   ///< POINT:UNITS ("mm" if absent)
  std::vector<std::string> pointLabelsAsStored;
  std::vector<std::string> pointDescriptions;
  TimeSeriesTable points;  ///< frameCount rows, one Vector3 column per point (unique labels)
  Eigen::MatrixXd pointResiduals;  ///< frameCount × points, in point units; NaN if invalid

  double analogRate = 0.0;        ///< Hz
  int analogSamplesPerFrame = 0;  ///< analog samples per point frame
  std::vector<std::string> analogLabelsAsStored;
  TimeSeriesTable analog;  ///< frameCount · analogSamplesPerFrame rows, scalar columns

  std::vector<ForcePlatform> forcePlatforms;
  std::vector<ForcePlatformWrenches> forcePlatformWrenches;  ///< one per platform

  std::vector<C3dEvent> events;  ///< sorted by time
  io::c3d::ParameterSet parameters;
  std::vector<std::string> warnings;

  int lastFrame() const { return firstFrame + static_cast<int>(frameCount) - 1; }
  /// m per point unit (1e-3 for mm).
  double pointUnitsInMetres() const;
};

/// Reads a C3D file. @throws InputError (file, byte offset / parameter, reason) on bad input;
/// std::runtime_error if the file cannot be opened.
C3dTrial readC3d(const std::filesystem::path& path, const C3dReadOptions& options = {});

/// Parses a C3D file held in memory; `sourceName` names it in messages. Never reads outside
/// `bytes`; bad input gives InputError.
C3dTrial parseC3d(std::span<const std::byte> bytes, const std::string& sourceName,
                  const C3dReadOptions& options = {});

/// Makes labels unique: blank → prefix + (index + 1); a repeat gets "_2", "_3"... Returns the
/// repeated labels (once each) so the caller can report them.
std::vector<std::string> makeLabelsUnique(std::vector<std::string>& labels,
                                          const std::string& blankPrefix);

}  // namespace kinchain::io
