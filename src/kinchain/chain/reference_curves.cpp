#include "kinchain/chain/reference_curves.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "kinchain/chain/cycle_normalisation.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/io/sto_file.hpp"

namespace kinchain::chain {

std::filesystem::path referenceDataPath(std::string_view fileName) {
  const std::filesystem::path installed =
      std::filesystem::path(KINCHAIN_INSTALL_DATA_DIR) / "reference" / fileName;
  if (std::filesystem::exists(installed)) return installed;
  const std::filesystem::path source =
      std::filesystem::path(KINCHAIN_SOURCE_DATA_DIR) / "reference" / fileName;
  if (std::filesystem::exists(source)) return source;
  throw std::runtime_error(
      fmt::format("reference data {} is neither installed ({}) nor in the "
                  "source tree ({})",
                  fileName, installed.string(), source.string()));
}

TypicalGait loadTypicalGait(const std::filesystem::path& motFile, std::string source) {
  TypicalGait gait;
  gait.source = std::move(source);
  gait.singleCycle = io::readSto(motFile);
  const auto& time = gait.singleCycle.time();
  if (time.size() < 2 || time.front() != 0.0 || std::abs(time.back() - 1.0) > 1e-9)
    throw InputError(motFile.string(), "column time",
                     "a typical-gait curve must run from t = 0 to t = 1 (0-100 % of one cycle)");

  // Repeat the cycle: rows with t < 1, then the same rows at t + 1, then the first row at t = 2
  // (the file's own t = 1 row is the start of the next cycle and is replaced by the first row).
  const auto& one = gait.singleCycle;
  const Eigen::Index perCycle = one.rowCount() - 1;
  std::vector<double> twoTime;
  for (int repeat = 0; repeat < 2; ++repeat)
    for (Eigen::Index i = 0; i < perCycle; ++i)
      twoTime.push_back(time[static_cast<std::size_t>(i)] + repeat);
  twoTime.push_back(2.0);
  gait.twoCycles = io::TimeSeriesTable(twoTime);
  for (const auto& [key, value] : one.metadata())
    gait.twoCycles.setMetadata(key, value);
  for (std::size_t c = 0; c < one.columnCount(); ++c) {
    const auto sourceValues = one.scalarColumn(c);
    Eigen::VectorXd values(static_cast<Eigen::Index>(twoTime.size()));
    for (Eigen::Index i = 0; i < values.size(); ++i)
      values(i) = sourceValues(i % perCycle);
    gait.twoCycles.addScalarColumn(one.column(c).label, values, one.column(c).unit);
  }

  using kinematics::GaitEvent;
  using kinematics::GaitEventKind;
  using kinematics::GaitEventSource;
  const auto event = [](Side side, GaitEventKind kind, double t) {
    return GaitEvent{side, kind, t, GaitEventSource::Recorded};
  };
  for (int repeat = 0; repeat < 2; ++repeat) {
    const double base = repeat;
    gait.events.push_back(event(Side::Right, GaitEventKind::FootStrike, base));
    gait.events.push_back(
        event(Side::Left, GaitEventKind::FootOff, base + kOppositeFootOffFraction));
    gait.events.push_back(
        event(Side::Left, GaitEventKind::FootStrike, base + kOppositeFootStrikeFraction));
    gait.events.push_back(event(Side::Right, GaitEventKind::FootOff, base + kFootOffFraction));
  }
  gait.events.push_back(event(Side::Right, GaitEventKind::FootStrike, 2.0));
  kinematics::sortEvents(gait.events);
  return gait;
}

TypicalGait normalGait() {
  return loadTypicalGait(referenceDataPath("normal_gait.mot"),
                         "OpenSim typical normal gait curve (opensim-core normal_gait.mot, "
                         "Apache-2.0; origin undocumented, mean only)");
}

TypicalGait crouchGait() {
  return loadTypicalGait(referenceDataPath("crouch_gait.mot"),
                         "OpenSim typical crouch gait curve (opensim-core crouch_gait.mot, "
                         "Apache-2.0; origin undocumented)");
}

std::optional<ReferenceCurve> referenceCurve(const TypicalGait& gait, std::string_view column,
                                             double scale) {
  const auto index = gait.singleCycle.findColumn(column);
  if (!index) return std::nullopt;
  const Eigen::VectorXd values = gait.singleCycle.scalarColumn(*index) * scale;
  ReferenceCurve curve;
  curve.mean = normaliseInterval(gait.singleCycle.time(), values, 0.0, 1.0);
  curve.source = gait.source;
  return curve;
}

}  // namespace kinchain::chain
