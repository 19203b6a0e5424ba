#include "kinchain/io/c3d_events.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kinchain::io::c3d {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
// Header event block (C3D User Guide, "The header section"; word n at byte 2(n-1)).
constexpr std::size_t kHeaderEventKey = 298;
constexpr std::size_t kHeaderEventCount = 300;
constexpr std::size_t kHeaderEventTimes = 304;
constexpr std::size_t kHeaderEventLabels = 396;
constexpr int kHeaderEventKeyValue = 12345;
constexpr int kMaxHeaderEvents = 18;
}  // namespace

std::vector<C3dEvent> readEvents(const ByteReader& reader, const ParameterReader& params,
                                 double rate, int firstFrame, std::vector<std::string>& warnings) {
  std::vector<C3dEvent> events;
  // Event times count from the start of the acquisition with frame 1 at t = 0; the trial clock
  // starts at firstFrame.
  const double clockShift = rate > 0 ? (firstFrame - 1) / rate : 0.0;
  const auto place = [&](C3dEvent& e) {
    e.time = e.timeInFile - clockShift;
    e.frame = rate > 0 ? e.timeInFile * rate + 1.0 : kNan;
  };
  const Parameter* times = params.find("EVENT", "TIMES");
  if (times != nullptr) {
    std::size_t used = times->numbers.size() / 2;
    if (const auto count = wholeCount(params.count("EVENT", "USED"))) used = std::min(used, *count);
    const auto labels = params.strings("EVENT", "LABELS");
    const auto contexts = params.strings("EVENT", "CONTEXTS");
    const auto descriptions = params.strings("EVENT", "DESCRIPTIONS");
    const auto subjects = params.strings("EVENT", "SUBJECTS");
    const Parameter* icons = params.find("EVENT", "ICON_IDS");
    for (std::size_t i = 0; i < used; ++i) {
      C3dEvent e;
      e.timeInFile = times->numbers[2 * i] * 60.0 + times->numbers[2 * i + 1];
      if (!std::isfinite(e.timeInFile)) {
        params.fail("EVENT", "TIMES", "event " + std::to_string(i + 1) + " has no finite time");
      }
      if (i < labels.size()) e.label = trim(labels[i]);
      if (i < contexts.size()) e.context = trim(contexts[i]);
      if (i < descriptions.size()) e.description = trim(descriptions[i]);
      if (i < subjects.size()) e.subject = trim(subjects[i]);
      if (icons != nullptr && i < icons->numbers.size())
        e.iconId = static_cast<int>(wholeCount(icons->numbers[i], 65535).value_or(0));
      place(e);
      events.push_back(std::move(e));
    }
  } else if (reader.u16(kHeaderEventKey) == kHeaderEventKeyValue) {
    const int count = std::min<int>(reader.u16(kHeaderEventCount), kMaxHeaderEvents);
    for (int i = 0; i < count; ++i) {
      C3dEvent e;
      e.fromHeader = true;
      e.timeInFile = reader.f32(kHeaderEventTimes + 4 * static_cast<std::size_t>(i));
      e.label = trim(reader.text(kHeaderEventLabels + 4 * static_cast<std::size_t>(i), 4));
      if (!std::isfinite(e.timeInFile)) {
        warnings.push_back("header event " + std::to_string(i + 1) +
                           " has no finite time; skipped");
        continue;
      }
      place(e);
      events.push_back(std::move(e));
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const C3dEvent& a, const C3dEvent& b) { return a.time < b.time; });
  return events;
}

}  // namespace kinchain::io::c3d
