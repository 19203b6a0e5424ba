#include "kinchain/io/force_platform.hpp"

#include <Eigen/Geometry>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace kinchain::io {

void setForcePlatformGeometry(ForcePlatform& plate, const std::array<Eigen::Vector3d, 4>& corners,
                              const Eigen::Vector3d& originOffset) {
  plate.corners = corners;
  // Average opposite edges so a slightly skewed digitisation still gives orthonormal axes.
  const Eigen::Vector3d xEdge = (corners[0] - corners[1]) + (corners[3] - corners[2]);
  const Eigen::Vector3d yEdge = (corners[0] - corners[3]) + (corners[1] - corners[2]);
  const Eigen::Vector3d zAxis = xEdge.cross(yEdge);
  if (!(xEdge.norm() > 0.0) || !(zAxis.norm() > 1e-12 * xEdge.norm() * yEdge.norm())) {
    throw std::invalid_argument("force platform corners are degenerate (no area)");
  }
  const Eigen::Vector3d x = xEdge.normalized();
  const Eigen::Vector3d z = zAxis.normalized();
  plate.rotation.col(0) = x;
  plate.rotation.col(1) = z.cross(x);
  plate.rotation.col(2) = z;
  plate.surfaceCentre = (corners[0] + corners[1] + corners[2] + corners[3]) / 4.0;
  plate.originOffset = originOffset;
  plate.origin = plate.surfaceCentre + plate.rotation * originOffset;
}

namespace {

// Force and moment about the plate origin, plate axes, SI, for one sample.
struct PlateWrench {
  Eigen::Vector3d force;
  Eigen::Vector3d moment;
};

PlateWrench plateWrench(const ForcePlatform& plate, const Eigen::Ref<const Eigen::RowVectorXd>& s) {
  const auto& u = plate.units;
  PlateWrench w;
  switch (plate.type) {
    case 1: {
      // Fx Fy Fz, COP (Px, Py) relative to the surface centre, free moment Tz about the COP.
      w.force = Eigen::Vector3d(s(0), s(1), s(2)) * u.force;
      const Eigen::Vector3d cop =
          Eigen::Vector3d(s(3) * u.length, s(4) * u.length, 0.0) - plate.originOffset;
      w.moment = cop.cross(w.force) + Eigen::Vector3d(0.0, 0.0, s(5) * u.moment);
      break;
    }
    case 3: {
      // Kistler: Fx12 Fx34 Fy14 Fy23 Fz1 Fz2 Fz3 Fz4 with sensors at (±a, ±b) (Kistler
      // type 9281/9287 manual formulas; moments about the centre at sensor height).
      const double a = plate.kistlerSensorOffsets.x();
      const double b = plate.kistlerSensorOffsets.y();
      const double fx12 = s(0) * u.force, fx34 = s(1) * u.force;
      const double fy14 = s(2) * u.force, fy23 = s(3) * u.force;
      const double fz1 = s(4) * u.force, fz2 = s(5) * u.force;
      const double fz3 = s(6) * u.force, fz4 = s(7) * u.force;
      w.force = Eigen::Vector3d(fx12 + fx34, fy14 + fy23, fz1 + fz2 + fz3 + fz4);
      w.moment = Eigen::Vector3d(b * (fz1 + fz2 - fz3 - fz4), a * (-fz1 + fz2 + fz3 - fz4),
                                 b * (-fx12 + fx34) + a * (fy14 - fy23));
      break;
    }
    case 4: {
      const Eigen::Matrix<double, 6, 1> wrench = plate.calibration * s.transpose();
      w.force = wrench.head<3>() * u.force;
      w.moment = wrench.tail<3>() * u.moment;
      break;
    }
    default:  // type 2
      w.force = Eigen::Vector3d(s(0), s(1), s(2)) * u.force;
      w.moment = Eigen::Vector3d(s(3), s(4), s(5)) * u.moment;
      break;
  }
  return w;
}

std::size_t channelCountOfType(int type) {
  return type == 3 ? 8 : 6;
}

}  // namespace

ForcePlatformWrenches computeForcePlatformWrenches(const ForcePlatform& plate,
                                                   const Eigen::MatrixXd& signals,
                                                   const ForcePlatformOptions& options) {
  if (plate.type < 1 || plate.type > 4) {
    throw std::invalid_argument("force platform type " + std::to_string(plate.type) +
                                " is not supported (types 1-4)");
  }
  if (static_cast<std::size_t>(signals.cols()) != channelCountOfType(plate.type)) {
    throw std::invalid_argument("force platform type " + std::to_string(plate.type) + " needs " +
                                std::to_string(channelCountOfType(plate.type)) + " channels, got " +
                                std::to_string(signals.cols()));
  }
  if (plate.type == 4 && (plate.calibration.rows() != 6 || plate.calibration.cols() != 6)) {
    throw std::invalid_argument("force platform type 4 needs a 6x6 calibration matrix");
  }
  const Eigen::Index n = signals.rows();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ForcePlatformWrenches out;
  out.force.resize(n, 3);
  out.momentAtOrigin.resize(n, 3);
  out.centreOfPressure.resize(n, 3);
  out.freeMoment.resize(n, 3);
  const Eigen::Matrix3d& R = plate.rotation;
  const double h = -plate.originOffset.z();  // surface height above the origin along plate z
  for (Eigen::Index i = 0; i < n; ++i) {
    const PlateWrench w = plateWrench(plate, signals.row(i));
    out.force.row(i) = (R * w.force).transpose();
    out.momentAtOrigin.row(i) = (R * w.moment).transpose();
    const double fz = w.force.z();
    if (!(std::abs(fz) >= options.copForceThreshold) || fz == 0.0) {
      out.centreOfPressure.row(i).setConstant(nan);
      out.freeMoment.row(i).setConstant(nan);
      continue;
    }
    const double x = (h * w.force.x() - w.moment.y()) / fz;
    const double y = (h * w.force.y() + w.moment.x()) / fz;
    const double tz = w.moment.z() - x * w.force.y() + y * w.force.x();
    out.centreOfPressure.row(i) = (plate.origin + R * Eigen::Vector3d(x, y, h)).transpose();
    out.freeMoment.row(i) = (R * Eigen::Vector3d(0.0, 0.0, tz)).transpose();
  }
  return out;
}

Eigen::MatrixX3d momentAbout(const Eigen::MatrixX3d& force, const Eigen::MatrixX3d& momentAtOrigin,
                             const Eigen::Vector3d& origin, const Eigen::Vector3d& point) {
  Eigen::MatrixX3d result(force.rows(), 3);
  const Eigen::Vector3d arm = origin - point;
  for (Eigen::Index i = 0; i < force.rows(); ++i) {
    const Eigen::Vector3d f = force.row(i).transpose();
    result.row(i) = momentAtOrigin.row(i) + arm.cross(f).transpose();
  }
  return result;
}

}  // namespace kinchain::io
