#pragma once
// Inverse dynamics over a trial, and OpenSim's Inverse Dynamics tool on a setup file: the
// coordinates processed as OpenSim does (kinematics/coordinate_trajectories.hpp), external loads
// from an ExternalLoads file, gravity; generalized forces written as
// "<coordinate>_moment" (rotational) or "<coordinate>_force" columns, and the joint powers
// (dynamics/joint_powers.hpp) beside them.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kinchain/common/output_transaction.hpp"
#include "kinchain/dynamics/external_load_series.hpp"
#include "kinchain/dynamics/inverse_dynamics_setup.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/kinematics/coordinate_trajectories.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::dynamics {

/// Generalized forces at `times` (frames split across `threads` threads; 0 = every core; the
/// result does not depend on the thread count). `loads` may be null (gravity only).
io::TimeSeriesTable computeInverseDynamics(const model::Model& model,
                                           const kinematics::CoordinateTrajectories& coordinates,
                                           const ExternalLoadSeries* loads,
                                           const std::vector<double>& times, int threads = 0);

struct IdToolOptions {
  std::optional<std::filesystem::path>
      outputDirectory;  ///< overrides the setup's results directory
  int threads = 0;
  /// When set, files are staged in it and reach their place only when the caller commits.
  OutputTransaction* transaction = nullptr;
};

struct IdToolReport {
  std::filesystem::path outputFile;
  std::filesystem::path powersFile;  ///< "<output stem>_joint_powers.sto" beside outputFile
  std::size_t frames = 0;
  std::vector<std::string> notes;
};

/// Runs the setup. @throws InputError for missing or malformed inputs (file, place, reason).
IdToolReport runInverseDynamicsTool(const InverseDynamicsSetup& setup,
                                    const IdToolOptions& options = {});

}  // namespace kinchain::dynamics
