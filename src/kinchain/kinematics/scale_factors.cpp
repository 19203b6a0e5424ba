#include "kinchain/kinematics/scale_factors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>

#include "kinchain/common/error.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/kinematics/marker_unit_check.hpp"
#include "kinchain/model/forward_kinematics.hpp"

namespace kinchain::kinematics {

namespace {

std::optional<double> metresPerUnit(const std::string& unit) {
  if (unit.empty() || unit == "m") return 1.0;
  if (unit == "mm") return 1e-3;
  if (unit == "cm") return 1e-2;
  return std::nullopt;
}

// Positions in ground (m) of every model marker in the default pose (couplers applied).
Eigen::Matrix3Xd defaultMarkerPositions(const model::Model& model) {
  model::Data data(model);
  Eigen::VectorXd q = model.defaultCoordinates();
  model::applyCouplerConstraints(model, q);
  model::forwardKinematics(model, data, q);
  return data.markerPositions;
}

MarkerPairDistance measurePair(const model::Model& model, const Eigen::Matrix3Xd& modelMarkers,
                               const io::TimeSeriesTable& markers,
                               const std::array<Eigen::Index, 2>& rows, const std::string& marker1,
                               const std::string& marker2, const std::string& measurement,
                               const std::string& source) {
  const std::string place = "measurement " + measurement;
  MarkerPairDistance pair;
  pair.marker1 = marker1;
  pair.marker2 = marker2;
  std::array<Eigen::Vector3d, 2> modelPoints;
  std::array<std::size_t, 2> columns{};
  const std::array<const std::string*, 2> names{&marker1, &marker2};
  for (std::size_t k = 0; k < 2; ++k) {
    const auto index = model.findMarker(*names[k]);
    if (!index) {
      throw InputError(model.sourceName(), place,
                       "marker pair names '" + *names[k] + "', which the model does not have");
    }
    modelPoints[k] = modelMarkers.col(static_cast<Eigen::Index>(index->value()));
    const auto column = markers.findColumn(*names[k]);
    if (!column || markers.column(*column).kind != io::ColumnKind::Vector3) {
      throw InputError(
          source, place,
          "marker pair names '" + *names[k] + "', which the marker data does not have");
    }
    columns[k] = *column;
  }
  pair.modelDistance = (modelPoints[0] - modelPoints[1]).norm();
  double sum = 0.0;
  for (Eigen::Index row = rows[0]; row <= rows[1]; ++row) {
    const Eigen::Vector3d a = markers.vector3(row, columns[0]);
    const Eigen::Vector3d b = markers.vector3(row, columns[1]);
    if (!a.allFinite() || !b.allFinite()) continue;
    sum += (b - a).norm();
    ++pair.framesUsed;
  }
  if (pair.framesUsed == 0) {
    throw InputError(
        source, place,
        "markers '" + marker1 + "' and '" + marker2 + "' are never both present in the time range");
  }
  if (!(pair.modelDistance > 0.0)) {
    throw InputError(model.sourceName(), place,
                     "model markers '" + marker1 + "' and '" + marker2 + "' coincide");
  }
  pair.experimentalDistance = sum / pair.framesUsed;
  return pair;
}

}  // namespace

// The unit of the marker columns (the first that states one), else the file's Units entry.
std::string markerUnitOf(const io::TimeSeriesTable& markers) {
  for (const auto& column : markers.columns()) {
    if (column.kind == io::ColumnKind::Vector3 && !column.unit.empty()) return column.unit;
  }
  return markers.metadataValue("Units").value_or("");
}

double metresPerMarkerUnit(const io::TimeSeriesTable& markers, const std::string& source) {
  const std::string unit = markerUnitOf(markers);
  const auto factor = metresPerUnit(unit);
  if (!factor) {
    throw InputError(source, "Units", "unknown marker unit '" + unit + "' (expected m, cm or mm)");
  }
  return *factor;
}

io::TimeSeriesTable markersInMetres(const io::TimeSeriesTable& markers, const std::string& source) {
  const double factor = metresPerMarkerUnit(markers, source);
  io::TimeSeriesTable result = markers;
  for (std::size_t c = 0; c < result.columnCount(); ++c) {
    if (result.column(c).kind != io::ColumnKind::Vector3) continue;
    result.vector3Column(c) *= factor;
    result.setColumnUnit(c, "m");
  }
  if (markers.metadataValue("Units")) result.setMetadata("Units", "m");
  return result;
}

std::array<Eigen::Index, 2> markerFrameRange(const std::vector<double>& time, double startTime,
                                             double endTime, const std::string& source) {
  if (time.empty()) throw InputError(source, "time_range", "the marker file has no frames");
  if (!(startTime <= endTime)) {
    throw InputError(source, "time_range",
                     fmt::format("start time {:g} s is after end time {:g} s", startTime, endTime));
  }
  if (endTime < time.front() || startTime > time.back()) {
    throw InputError(source, "time_range",
                     fmt::format("no frame inside {:g}..{:g} s (the trial spans {:g}..{:g} s)",
                                 startTime, endTime, time.front(), time.back()));
  }
  const auto last = static_cast<Eigen::Index>(time.size()) - 1;
  // OpenSim MarkerData::findFrameRange: the last frame at or before the start, then the first
  // frame from there at or after the end (defaults: first and last frame).
  Eigen::Index first = 0;
  for (Eigen::Index i = last; i >= 0; --i) {
    if (time[static_cast<std::size_t>(i)] <= startTime) {
      first = i;
      break;
    }
  }
  Eigen::Index end = last;
  for (Eigen::Index i = first; i <= last; ++i) {
    if (time[static_cast<std::size_t>(i)] >= endTime) {
      end = i;
      break;
    }
  }
  return {first, end};
}

ScaleFactorResult computeScaleFactors(const model::Model& model,
                                      const io::TimeSeriesTable& staticMarkers,
                                      const ScaleSetup& setup, const std::string& source) {
  ScaleFactorResult result;
  result.factors.assign(model.bodies().size(), Eigen::Vector3d::Ones());
  // Null when the model lacks the body (noted once per name and place).
  const auto factorsOf = [&](const std::string& name,
                             const std::string& place) -> Eigen::Vector3d* {
    if (const auto index = model.findBody(name)) return &result.factors[index->value()];
    const std::string note = place + ": body '" + name + "' is not in the model; skipped";
    if (std::find(result.notes.begin(), result.notes.end(), note) == result.notes.end())
      result.notes.push_back(note);
    return nullptr;
  };
  std::optional<io::TimeSeriesTable> markers;
  std::optional<Eigen::Matrix3Xd> modelMarkers;
  std::array<Eigen::Index, 2> rows{0, 0};
  for (const ScalingStep step : setup.scalingOrder) {
    if (step == ScalingStep::ManualScale) {
      for (const auto& manual : setup.manualScales) {
        if (!manual.apply) continue;
        if (manual.body == "ground") continue;  // OpenSim keeps a (never used) ground entry
        if (auto* factors = factorsOf(manual.body, "manual scale")) *factors = manual.factors;
      }
      continue;
    }
    for (const auto& measurement : setup.measurements) {
      if (!measurement.apply || measurement.markerPairs.empty()) continue;
      if (!markers) {
        if (!setup.scalerTimeRange) {
          throw InputError(setup.setupFile.string(), "ModelScaler time_range",
                           "measurements need a time range");
        }
        markers = markersInMetres(staticMarkers, source);
        rows = markerFrameRange(markers->time(), (*setup.scalerTimeRange)[0],
                                (*setup.scalerTimeRange)[1], source);
        modelMarkers = defaultMarkerPositions(model);
      }
      MeasurementScale scale;
      scale.name = measurement.name;
      double sum = 0.0;
      for (const auto& names : measurement.markerPairs) {
        scale.pairs.push_back(measurePair(model, *modelMarkers, *markers, rows, names[0], names[1],
                                          measurement.name, source));
        sum += scale.pairs.back().experimentalDistance / scale.pairs.back().modelDistance;
      }
      scale.scaleFactor = sum / static_cast<double>(scale.pairs.size());
      checkMarkerUnits(scale.scaleFactor, source, markerUnitOf(staticMarkers),
                       "measurement " + measurement.name + ": the measured marker distance");
      for (const auto& body : measurement.bodies) {
        if (body.body == "ground") continue;
        auto* factors = factorsOf(body.body, "measurement " + measurement.name);
        if (factors == nullptr) continue;
        for (int axis = 0; axis < 3; ++axis) {
          if (body.axes[static_cast<std::size_t>(axis)]) (*factors)[axis] = scale.scaleFactor;
        }
      }
      result.measurements.push_back(std::move(scale));
    }
  }
  return result;
}

void writeScaleSet(const model::Model& model, const BodyScaleFactors& factors,
                   const std::filesystem::path& path) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<OpenSimDocument Version=\"40000\">\n"
      "\t<ScaleSet name=\"ScaleSet\">\n\t\t<objects>\n";
  const auto writeScale = [&](const std::string& name, const Eigen::Vector3d& s) {
    out += fmt::format(
        "\t\t\t<Scale>\n\t\t\t\t<scales> {:.17g} {:.17g} {:.17g}</scales>\n"
        "\t\t\t\t<segment>{}</segment>\n\t\t\t\t<apply>true</apply>\n\t\t\t</Scale>\n",
        s.x(), s.y(), s.z(), name);
  };
  writeScale("ground", Eigen::Vector3d::Ones());
  for (std::size_t b = 0; b < model.bodies().size(); ++b)
    writeScale(model.bodies()[b].name, factors.at(b));
  out += "\t\t</objects>\n\t\t<groups />\n\t</ScaleSet>\n</OpenSimDocument>\n";
  // Checked write: a full disk is an error, not a truncated scale set.
  io::text::writeWholeFile(path, out);
}

}  // namespace kinchain::kinematics
