#pragma once
// The kinetic chain drawn from the foot to the trunk (side view of each leg, left and right side
// by side, under a shared pelvis and trunk), with each finding placed at its region as a
// numbered marker that links to the finding's text (href="#<anchor>"). Output is one <svg>
// element (well-formed XML, strings escaped).

#include <string>
#include <string_view>
#include <vector>

namespace kinchain::report::svg {

/// Where findings can sit, foot to trunk (docs/analysis-results.md, "region").
inline constexpr std::string_view kChainRegions[] = {"foot",       "big_toe",  "arch",   "subtalar",
                                                     "ankle",      "achilles", "calf",   "knee",
                                                     "hamstrings", "hip",      "pelvis", "trunk"};

/// True when `region` is one of kChainRegions.
bool isChainRegion(std::string_view region);

struct ChainMarker {
  int number = 0;      ///< shown in the marker; the finding list uses the same number
  std::string side;    ///< "left" or "right"; anything else sits on the midline
  std::string region;  ///< one of kChainRegions; other values are not drawn (see below)
  std::string title;   ///< tooltip text, e.g. "F3 Limited ankle dorsiflexion"
  std::string anchor;  ///< id of the finding's element in the page (link target)
};

/// The picture as <svg class="chain-picture">. Markers whose region is not a chain region are
/// not drawn; the caller lists them as "not placed". Several markers at one place are spread
/// sideways so none hides another.
std::string chainPicture(const std::vector<ChainMarker>& markers);

}  // namespace kinchain::report::svg
