// `kinchain model lengths MODEL.osim --coordinates Q.mot -o OUT.sto [--moment-arms]`:
// muscle-tendon lengths (and optionally moment arms) of every muscle of an OpenSim model along a
// coordinate trajectory, as OpenSim computes them (see src/kinchain/muscle/geometry_path.hpp).

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <numbers>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "command_registry.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/common/output_transaction.hpp"
#include "kinchain/io/sto_file.hpp"
#include "kinchain/io/time_series_table.hpp"
#include "kinchain/model/data.hpp"
#include "kinchain/model/forward_kinematics.hpp"
#include "kinchain/model/model.hpp"
#include "kinchain/model/osim_model_reader.hpp"
#include "kinchain/muscle/geometry_path.hpp"
#include "kinchain/muscle/moment_arm.hpp"
#include "model_command_group.hpp"

namespace kinchain::cli {
namespace {

// The coordinate a column holds: its label is the coordinate's name, or an OpenSim 4 state
// name "/jointset/<joint>/<coordinate>/value". Speed columns and anything else: none.
std::optional<model::CoordinateIndex> coordinateOfColumn(const model::Model& model,
                                                         std::string_view label) {
  if (auto index = model.findCoordinate(label)) return index;
  constexpr std::string_view suffix = "/value";
  if (label.size() > suffix.size() && label.substr(label.size() - suffix.size()) == suffix) {
    const std::string_view path = label.substr(0, label.size() - suffix.size());
    const auto slash = path.rfind('/');
    if (slash != std::string_view::npos) return model.findCoordinate(path.substr(slash + 1));
  }
  return std::nullopt;
}

struct CoordinateColumns {
  std::vector<std::pair<std::size_t, model::CoordinateIndex>> columns;  // table column -> q index
  std::vector<model::CoordinateIndex> missing;                          // held at default
};

CoordinateColumns mapCoordinateColumns(const model::Model& model, const io::TimeSeriesTable& table,
                                       const std::string& source) {
  CoordinateColumns mapping;
  std::vector<bool> present(static_cast<std::size_t>(model.nq()), false);
  for (std::size_t c = 0; c < table.columnCount(); ++c) {
    const io::ColumnInfo& column = table.column(c);
    if (column.kind != io::ColumnKind::Scalar) continue;
    const auto coordinate = coordinateOfColumn(model, column.label);
    if (!coordinate) continue;
    if (present[coordinate->value()]) {
      throw InputError(
          source, "column '" + column.label + "'",
          "coordinate " + model.coordinate(*coordinate).name + " appears in two columns");
    }
    present[coordinate->value()] = true;
    mapping.columns.emplace_back(c, *coordinate);
  }
  if (mapping.columns.empty()) {
    throw InputError(source, "column labels",
                     "no column names a coordinate of model " + model.name() +
                         " (expected names such as " + model.coordinates().front().name +
                         " or /jointset/<joint>/" + model.coordinates().front().name + "/value)");
  }
  for (std::size_t j = 0; j < present.size(); ++j) {
    if (!present[j]) mapping.missing.emplace_back(j);
  }
  return mapping;
}

// Dependent coordinates of coupler constraints that the file does not give follow their
// independent coordinate (q_dep = s·f(q_ind), in model order); given ones are taken as written.
void applyCouplersToMissing(const model::Model& model,
                            const std::vector<model::CoordinateIndex>& missing,
                            Eigen::VectorXd& q) {
  for (const model::CoordinateCouplerConstraint& coupler : model.couplerConstraints()) {
    if (!coupler.enabled ||
        std::find(missing.begin(), missing.end(), coupler.dependent) == missing.end())
      continue;
    q[static_cast<Eigen::Index>(coupler.dependent.value())] =
        coupler.scaleFactor *
        coupler.function.value(q[static_cast<Eigen::Index>(coupler.independent.value())]);
  }
}

void runModelLengths(const std::filesystem::path& modelPath,
                     const std::filesystem::path& coordinatesPath,
                     const std::filesystem::path& outputPath, bool momentArms) {
  const model::Model model = model::readOsimModel(modelPath);
  if (model.muscleCount() == 0) {
    throw InputError(modelPath.string(), "ForceSet", "the model has no muscles");
  }
  const io::TimeSeriesTable coordinates = io::readSto(coordinatesPath);
  const CoordinateColumns mapping =
      mapCoordinateColumns(model, coordinates, coordinatesPath.string());
  const bool inDegrees = io::stoIsInDegrees(coordinates);

  const Eigen::Index rows = coordinates.rowCount();
  const auto muscles = static_cast<Eigen::Index>(model.muscleCount());
  const Eigen::Index nq = model.nq();
  Eigen::MatrixXd lengths(rows, muscles);
  Eigen::MatrixXd arms(momentArms ? rows : 0, momentArms ? muscles * nq : 0);

  model::Data data(model);
  muscle::PathData pathData(model);
  Eigen::VectorXd q = model.defaultCoordinates();
  for (Eigen::Index row = 0; row < rows; ++row) {
    for (const auto& [column, coordinate] : mapping.columns) {
      double value = coordinates.scalar(row, column);
      if (!std::isfinite(value)) {
        throw InputError(coordinatesPath.string(),
                         "row " + std::to_string(row + 1) + " (column '" +
                             coordinates.column(column).label + "')",
                         "coordinate value is not a finite number");
      }
      if (inDegrees && model.coordinate(coordinate).motionType == model::MotionType::Rotational) {
        value *= std::numbers::pi / 180.0;
      }
      q[static_cast<Eigen::Index>(coordinate.value())] = value;
    }
    applyCouplersToMissing(model, mapping.missing, q);
    model::forwardKinematics(model, data, q);
    muscle::computePathGeometry(model, data, pathData);
    lengths.row(row) = pathData.lengths.transpose();
    if (momentArms) {
      muscle::computeLengthGradients(model, data, pathData);
      muscle::computeMomentArms(model, data, pathData);
      for (Eigen::Index m = 0; m < muscles; ++m)
        arms.row(row).segment(m * nq, nq) = pathData.moment_arms.col(m).transpose();
    }
  }

  io::TimeSeriesTable output(coordinates.time());
  output.setMetadata("name", "muscle-tendon lengths of " + model.name());
  output.setMetadata("inDegrees", "no");
  for (Eigen::Index m = 0; m < muscles; ++m) {
    output.addScalarColumn(model.muscle(model::MuscleIndex(static_cast<std::size_t>(m))).name,
                           lengths.col(m), "m");
  }
  if (momentArms) {
    for (Eigen::Index m = 0; m < muscles; ++m) {
      const std::string& muscleName =
          model.muscle(model::MuscleIndex(static_cast<std::size_t>(m))).name;
      for (Eigen::Index j = 0; j < nq; ++j) {
        const model::Coordinate& coordinate =
            model.coordinate(model::CoordinateIndex(static_cast<std::size_t>(j)));
        output.addScalarColumn(
            muscleName + "_" + coordinate.name, arms.col(m * nq + j),
            coordinate.motionType == model::MotionType::Translational ? "" : "m");
      }
    }
  }
  if (!mapping.missing.empty()) {
    std::string held;
    for (const model::CoordinateIndex index : mapping.missing)
      held += (held.empty() ? "" : " ") + model.coordinate(index).name;
    output.setMetadata("coordinatesAtDefault", held);
  }
  OutputTransaction transaction;
  io::writeSto(output, transaction.stage(outputPath));
  transaction.commit();
}

const CommandRegistration registration{
    "model lengths", [](CLI::App& parent) {
      CLI::App* command = modelCommand(parent).add_subcommand(
          "lengths",
          "Muscle-tendon lengths (m) of every muscle along a coordinate trajectory, as OpenSim's "
          "GeometryPath computes them (via points, conditional and moving points, wrapping)");
      auto modelPath = std::make_shared<std::string>();
      auto coordinatesPath = std::make_shared<std::string>();
      auto outputPath = std::make_shared<std::string>();
      auto momentArms = std::make_shared<bool>(false);
      command->add_option("MODEL", *modelPath, "OpenSim model (.osim, format 1.x-4.x)")
          ->required()
          ->check(CLI::ExistingFile);
      command
          ->add_option("--coordinates", *coordinatesPath,
                       "Coordinates (.mot/.sto): columns named by coordinate or "
                       "/jointset/<joint>/<coordinate>/value; "
                       "degrees when the header says inDegrees=yes; missing coordinates stay at "
                       "their default")
          ->required()
          ->check(CLI::ExistingFile);
      command
          ->add_option("-o,--output", *outputPath,
                       "Output .sto: one column per muscle, named as in the model (m)")
          ->required();
      command->add_flag("--moment-arms", *momentArms,
                        "Also write moment arms as columns <muscle>_<coordinate> (m; dimensionless "
                        "for translations), "
                        "OpenSim's convention r = -dL/dq");
      command->callback(
          [=] { runModelLengths(*modelPath, *coordinatesPath, *outputPath, *momentArms); });
    }};

}  // namespace
}  // namespace kinchain::cli
