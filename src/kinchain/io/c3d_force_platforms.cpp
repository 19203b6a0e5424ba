#include "kinchain/io/c3d_force_platforms.hpp"

#include "kinchain/io/sample_gaps.hpp"

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace kinchain::io::c3d {

namespace {

// Analog samples of a plate's channels that hold no value (a float file's NaN): gaps shorter
// than one point frame are filled by linear interpolation (policy and sources in
// sample_gaps.hpp); longer ones, and gaps at either end of the record, stay NaN so that every
// consumer refuses them (forceTable, dynamics::assignPlatesToFeet). Both are reported.
void fillShortSignalGaps(C3dTrial& trial, const std::string& plateName, Eigen::MatrixXd& signals) {
  const auto& time = trial.analog.time();
  const double frameSeconds = trial.pointRate > 0.0 ? 1.0 / trial.pointRate : 0.0;
  const auto gaps = findSampleGaps(signals.rows(),
                                   [&](Eigen::Index row) { return !signals.row(row).allFinite(); });
  for (const auto& gap : gaps) {
    const std::string what = plateName + ": " + std::to_string(gap.length()) +
                             " analog sample(s) without a value (NaN) at " + gapTimeSpan(gap, time);
    if (isFillableGap(gap, time, frameSeconds)) {
      fillGapLinearly(gap, time, signals);
      trial.warnings.push_back(what + "; filled by linear interpolation (the gap is shorter than " +
                               "one point frame)");
    } else {
      trial.warnings.push_back(what + "; not filled (" +
                               (gap.first == 0 || gap.last + 1 == signals.rows()
                                    ? std::string("at the end of the record")
                                    : std::string("longer than one point frame")) +
                               "): the plate's ground reaction is undefined there");
    }
  }
}

}  // namespace

void readForcePlatforms(C3dTrial& trial, const ParameterReader& params,
                        const C3dReadOptions& options) {
  const Parameter* usedParameter = params.find("FORCE_PLATFORM", "USED");
  if (usedParameter == nullptr) return;
  const auto usedCount = wholeCount(usedParameter->unsignedCount(0), 65535);
  if (!usedCount) params.fail("FORCE_PLATFORM", "USED", "is not a plate count");
  std::size_t used = *usedCount;
  if (used == 0) return;
  const Parameter* types = params.find("FORCE_PLATFORM", "TYPE");
  const Parameter* channels = params.find("FORCE_PLATFORM", "CHANNEL");
  const Parameter* corners = params.find("FORCE_PLATFORM", "CORNERS");
  const Parameter* origins = params.find("FORCE_PLATFORM", "ORIGIN");
  const Parameter* calibration = params.find("FORCE_PLATFORM", "CAL_MATRIX");
  if (types == nullptr || channels == nullptr || corners == nullptr) {
    trial.warnings.push_back(
        "FORCE_PLATFORM:USED > 0 but TYPE, CHANNEL or CORNERS is missing; force platforms skipped");
    return;
  }
  if (types->numbers.size() < used) {
    trial.warnings.push_back("FORCE_PLATFORM:TYPE lists fewer plates than FORCE_PLATFORM:USED");
    used = types->numbers.size();
  }
  const std::size_t channelStride = channels->dimensions.empty()
                                        ? channels->numbers.size()
                                        : static_cast<std::size_t>(channels->dimensions[0]);
  const double lengthScale = trial.pointUnitsInMetres();
  if (!std::isfinite(lengthScale)) {
    trial.warnings.push_back("POINT:UNITS '" + trial.pointUnits +
                             "' is not a length unit; force platforms skipped");
    return;
  }
  const auto analogUnits = trial.analog.columns();
  const std::size_t analogChannels = trial.analog.columnCount();

  // ZERO baseline: stored frames [first, last], 1-based; last < first means none.
  std::optional<std::pair<Eigen::Index, Eigen::Index>> zeroRange;
  if (options.forcePlatforms.subtractZeroBaseline) {
    const auto z0 = params.number("FORCE_PLATFORM", "ZERO", 0);
    const auto z1 = params.number("FORCE_PLATFORM", "ZERO", 1);
    const auto first = wholeCount(z0, static_cast<double>(trial.frameCount));
    const auto last = wholeCount(z1, static_cast<double>(trial.frameCount));
    if (first && last && *first >= 1 && *last >= *first) {
      const auto spf = static_cast<Eigen::Index>(trial.analogSamplesPerFrame);
      const Eigen::Index begin = (static_cast<Eigen::Index>(*first) - 1) * spf;
      const Eigen::Index end =
          std::min<Eigen::Index>(static_cast<Eigen::Index>(*last) * spf, trial.analog.rowCount());
      if (end > begin) zeroRange = std::make_pair(begin, end - begin);
    }
  }

  for (std::size_t p = 0; p < used; ++p) {
    const std::string plateName = "force platform " + std::to_string(p + 1);
    ForcePlatform plate;
    const auto type = wholeCount(types->numbers[p], 1000);
    plate.type = type ? static_cast<int>(*type) : 0;
    if (plate.type < 1 || plate.type > 4) {
      trial.warnings.push_back(plateName + " has TYPE " + numberText(types->numbers[p]) +
                               ", which is not supported (types 1-4); skipped");
      continue;
    }
    const std::size_t needed = plate.type == 3 ? 8 : 6;
    if (channelStride < needed || channels->numbers.size() < (p + 1) * channelStride) {
      params.fail("FORCE_PLATFORM", "CHANNEL",
                  plateName + " (type " + std::to_string(plate.type) + ") needs " +
                      std::to_string(needed) + " channels");
    }
    for (std::size_t c = 0; c < needed; ++c) {
      const double index = channels->numbers[p * channelStride + c];
      if (!(index >= 1 && index <= static_cast<double>(analogChannels)) ||
          index != std::floor(index)) {
        params.fail("FORCE_PLATFORM", "CHANNEL",
                    plateName + " uses analog channel " + numberText(index) + " but the file has " +
                        std::to_string(analogChannels) + " channels");
      }
      plate.channels.push_back(static_cast<int>(index) - 1);
    }
    if (corners->numbers.size() < (p + 1) * 12) {
      params.fail("FORCE_PLATFORM", "CORNERS", plateName + " has no 4 x 3 corner coordinates");
    }
    std::array<Eigen::Vector3d, 4> cornerPoints;
    for (int k = 0; k < 4; ++k) {
      for (int j = 0; j < 3; ++j) {
        const double v = corners->numbers[p * 12 + static_cast<std::size_t>(k * 3 + j)];
        if (!std::isfinite(v))
          params.fail("FORCE_PLATFORM", "CORNERS", plateName + " corner is not finite");
        cornerPoints[static_cast<std::size_t>(k)](j) = v * lengthScale;
      }
    }
    Eigen::Vector3d originParameter = Eigen::Vector3d::Zero();
    if (origins != nullptr && origins->numbers.size() >= (p + 1) * 3) {
      for (int j = 0; j < 3; ++j)
        originParameter(j) = origins->numbers[p * 3 + static_cast<std::size_t>(j)];
    } else if (plate.type != 1) {
      trial.warnings.push_back(plateName + " has no FORCE_PLATFORM:ORIGIN; (0, 0, 0) used");
    }
    if (!originParameter.allFinite())
      params.fail("FORCE_PLATFORM", "ORIGIN", plateName + " origin is not finite");
    Eigen::Vector3d offset;  // surface centre → measurement origin, plate axes, m
    if (plate.type == 3) {
      plate.kistlerSensorOffsets = originParameter.head<2>() * lengthScale;
      offset = Eigen::Vector3d(0.0, 0.0, std::abs(originParameter.z()) * lengthScale);
      if (originParameter.z() > 0) {
        trial.warnings.push_back(plateName + " ORIGIN az0 is positive; its opposite is used");
      }
    } else {
      // Manual: ORIGIN = surface centre seen from the origin (z <= 0). Flip the other sign.
      offset = (originParameter.z() > 0 ? originParameter : Eigen::Vector3d(-originParameter)) *
               lengthScale;
      if (originParameter.z() > 0) {
        trial.warnings.push_back(plateName +
                                 " ORIGIN has z > 0 (origin seen from the surface centre, not "
                                 "the manual's direction); read as centre-to-origin");
      }
    }
    try {
      setForcePlatformGeometry(plate, cornerPoints, offset);
    } catch (const std::invalid_argument& error) {
      params.fail("FORCE_PLATFORM", "CORNERS", plateName + ": " + error.what());
    }
    if (plate.type == 4) {
      if (calibration == nullptr || calibration->dimensions.size() < 2 ||
          calibration->dimensions[0] != 6 || calibration->dimensions[1] != 6 ||
          calibration->numbers.size() < (p + 1) * 36) {
        params.fail("FORCE_PLATFORM", "CAL_MATRIX",
                    plateName + " (type 4) needs a 6 x 6 calibration matrix");
      }
      plate.calibration.resize(6, 6);
      // Stored first-dimension-fastest: element (row r, column c) at r + 6 c; wrench = CAL · v.
      for (int c = 0; c < 6; ++c) {
        for (int r = 0; r < 6; ++r) {
          plate.calibration(r, c) =
              calibration->numbers[p * 36 + static_cast<std::size_t>(r + 6 * c)];
        }
      }
      if (!plate.calibration.allFinite())
        params.fail("FORCE_PLATFORM", "CAL_MATRIX", plateName + " is not finite");
    }
    // Units of the channels.
    const auto unitOf = [&](std::size_t c) {
      return analogUnits[static_cast<std::size_t>(plate.channels[c])].unit;
    };
    const std::string forceUnit = upper(trim(unitOf(0)));
    if (plate.type != 4 && !forceUnit.empty() && forceUnit != "N") {
      trial.warnings.push_back(plateName + " force channel unit is '" + unitOf(0) + "', read as N");
    }
    if (plate.type == 2 || plate.type == 4 || plate.type == 1) {
      const std::size_t momentChannel = plate.type == 1 ? 5 : 3;
      double moment = momentUnitInNewtonMetres(unitOf(momentChannel));
      if (!std::isfinite(moment)) {
        moment = lengthScale;  // N · (point length unit)
        if (plate.type != 4) {
          trial.warnings.push_back(plateName + " moment channel unit '" + unitOf(momentChannel) +
                                   "' unknown; read as N·" + trial.pointUnits);
        }
      }
      plate.units.moment = moment;
    }
    if (plate.type == 1) {
      const double length = unitLengthInMetres(unitOf(3));
      plate.units.length = std::isfinite(length) ? length : lengthScale;
    }

    Eigen::MatrixXd signals(trial.analog.rowCount(), static_cast<Eigen::Index>(needed));
    for (std::size_t c = 0; c < needed; ++c) {
      signals.col(static_cast<Eigen::Index>(c)) =
          trial.analog.scalarColumn(static_cast<std::size_t>(plate.channels[c]));
    }
    fillShortSignalGaps(trial, plateName, signals);
    for (std::size_t c = 0; c < needed && zeroRange; ++c) {
      // Mean over the samples that hold a value (a gap left open stays NaN below).
      const auto range =
          signals.col(static_cast<Eigen::Index>(c)).segment(zeroRange->first, zeroRange->second);
      const auto finite = range.array().isFinite();
      const auto count = finite.count();
      if (count == 0) {
        trial.warnings.push_back(plateName + " has no valid sample of analog channel " +
                                 std::to_string(plate.channels[c] + 1) +
                                 " in its FORCE_PLATFORM:ZERO range; no baseline subtracted");
        continue;
      }
      const double baseline = finite.select(range.array(), 0.0).sum() / static_cast<double>(count);
      signals.col(static_cast<Eigen::Index>(c)).array() -= baseline;
    }
    trial.forcePlatformWrenches.push_back(
        computeForcePlatformWrenches(plate, signals, options.forcePlatforms));
    trial.forcePlatforms.push_back(std::move(plate));
  }
}

}  // namespace kinchain::io::c3d
