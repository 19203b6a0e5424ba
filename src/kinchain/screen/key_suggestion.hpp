#pragma once
// "Did you mean …?" for a misspelt record key: the known key nearest by Damerau–Levenshtein
// distance (optimal string alignment: insertions, deletions, substitutions and transpositions
// of adjacent characters each cost 1). Damerau (1964, Commun. ACM 7:171) found that over 80 %
// of misspellings are exactly one such error, which is why transpositions count as one.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinchain::screen {

/// Optimal-string-alignment distance between two byte strings (record keys are ASCII).
std::size_t editDistance(std::string_view from, std::string_view to);

/// The largest distance still offered as a suggestion for `key`: a third of its length, at
/// least 1 (the limit of the Rust compiler's name suggestions, rustc find_best_match_for_name,
/// The Rust Project Developers 2014), so short keys are not "corrected" into unrelated words.
std::size_t suggestionLimit(std::string_view key);

/// The known key closest to `key` within suggestionLimit(key); on a tie the first in
/// `known`. Empty when none is close enough.
std::optional<std::string> closestKey(std::string_view key, const std::vector<std::string>& known);

}  // namespace kinchain::screen
