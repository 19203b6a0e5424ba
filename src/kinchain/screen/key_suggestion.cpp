#include "kinchain/screen/key_suggestion.hpp"

#include <algorithm>
#include <vector>

namespace kinchain::screen {

namespace {
constexpr std::size_t kTranspositionSpan = 2;  // not a clinical number: two adjacent characters
constexpr std::size_t kShortestKey = 3;        // not a clinical number: rustc, see header
constexpr std::size_t kLengthPerEdit = 3;      // not a clinical number: rustc, see header
}  // namespace

std::size_t editDistance(std::string_view from, std::string_view to) {
  const std::size_t rows = from.size() + 1;
  const std::size_t columns = to.size() + 1;
  // distance[i * columns + j]: distance between the first i bytes of `from` and j of `to`.
  std::vector<std::size_t> distance(rows * columns, 0);
  const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& {
    return distance[i * columns + j];
  };
  for (std::size_t i = 0; i < rows; ++i)
    at(i, 0) = i;
  for (std::size_t j = 0; j < columns; ++j)
    at(0, j) = j;
  for (std::size_t i = 1; i < rows; ++i) {
    for (std::size_t j = 1; j < columns; ++j) {
      const std::size_t substitution = from[i - 1] == to[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + substitution});
      if (i >= kTranspositionSpan && j >= kTranspositionSpan &&
          from[i - 1] == to[j - kTranspositionSpan] && from[i - kTranspositionSpan] == to[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - kTranspositionSpan, j - kTranspositionSpan) + 1);
      }
    }
  }
  return at(rows - 1, columns - 1);
}

std::size_t suggestionLimit(std::string_view key) {
  // rustc find_best_match_for_name: max(len, 3) / 3.
  return std::max(key.size(), kShortestKey) / kLengthPerEdit;
}

std::optional<std::string> closestKey(std::string_view key, const std::vector<std::string>& known) {
  std::optional<std::string> best;
  std::size_t best_distance = suggestionLimit(key) + 1;
  for (const auto& candidate : known) {
    // The distance is at least the length difference: skip hopeless candidates cheaply.
    const std::size_t length_gap = candidate.size() > key.size() ? candidate.size() - key.size()
                                                                 : key.size() - candidate.size();
    if (length_gap >= best_distance) continue;
    const std::size_t distance = editDistance(key, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace kinchain::screen
