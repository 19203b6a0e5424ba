#pragma once
// Internal to the C3D reader: events from the EVENT group, or from the header event block when
// the file has no EVENT group (C3D User Guide, "Events").

#include "kinchain/io/c3d_file.hpp"
#include "kinchain/io/c3d_parameter_reader.hpp"

#include <string>
#include <vector>

namespace kinchain::io::c3d {

/// Events sorted by time, placed on the trial clock (first stored frame at t = 0). Event times
/// count from the start of the acquisition with frame 1 at t = 0 (checked on BTKData's Plug-in
/// Gait trial: its 8 events land on whole frames from the first, 344, to the last, 596).
std::vector<C3dEvent> readEvents(const ByteReader& reader, const ParameterReader& params,
                                 double rate, int firstFrame, std::vector<std::string>& warnings);

}  // namespace kinchain::io::c3d
