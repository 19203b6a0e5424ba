#pragma once
// A model marker: a point fixed in a frame, matched to a measured marker of the same name.

#include <Eigen/Core>

#include <string>

#include "kinchain/model/indices.hpp"

namespace kinchain::model {

struct Marker {
  std::string name;
  FrameIndex frame;                                    ///< frame F the marker is fixed to
  Eigen::Vector3d location = Eigen::Vector3d::Zero();  ///< p_FM, m
  bool fixed = true;  ///< OpenSim <fixed>: kept in place during marker placement (scaling)
};

}  // namespace kinchain::model
