#include "kinchain/screen/questionnaires.hpp"

#include "kinchain/screen/clinical_thresholds.hpp"

#include <fmt/format.h>

#include <numeric>

namespace kinchain::screen {

namespace {

struct Answered {
  double sum = 0;
  std::size_t count = 0;
};

Answered sumAnswered(const std::vector<std::optional<double>>& items) {
  Answered answered;
  for (const auto& item : items) {
    if (item) {
      answered.sum += *item;
      ++answered.count;
    }
  }
  return answered;
}

constexpr double kPercent = 100.0;  // not a clinical number: converts a fraction to %

// FAAM: % of the maximum over the answered items, if enough items were answered.
QuestionnaireScore scoreFaam(const std::vector<std::optional<double>>& items, std::string name,
                             std::string title, std::string_view prefix) {
  const auto& item_count = clinicalConstant(std::string(prefix) + ".items");
  const auto& min_answered = clinicalConstant(std::string(prefix) + ".min_answered");
  const double item_max = thresholdValue("faam.item_max");
  QuestionnaireScore result{std::move(name),
                            std::move(title),
                            {},
                            kPercent,
                            "%",
                            0,
                            static_cast<std::size_t>(item_count.value),
                            "",
                            "",
                            std::string(prefix) + ".mcid",
                            std::string(item_count.citation)};
  const Answered answered = sumAnswered(items);
  result.answered = answered.count;
  if (static_cast<double>(answered.count) < min_answered.value) {
    result.not_scored_reason =
        fmt::format("{} of {} items answered; scored only if ≥ {} ({})", answered.count,
                    item_count.value, min_answered.value, min_answered.citation);
    return result;
  }
  result.score = answered.sum / (item_max * static_cast<double>(answered.count)) * kPercent;
  result.interpretation = "higher = better function";
  return result;
}

QuestionnaireScore scoreLefs(const std::vector<std::optional<double>>& items) {
  const auto& item_count = clinicalConstant("lefs.items");
  const double maximum = item_count.value * thresholdValue("lefs.item_max");
  QuestionnaireScore result{"lefs",
                            "Lower Extremity Functional Scale",
                            {},
                            maximum,
                            "points",
                            0,
                            static_cast<std::size_t>(item_count.value),
                            "",
                            "",
                            "lefs.mcid",
                            std::string(item_count.citation)};
  const Answered answered = sumAnswered(items);
  result.answered = answered.count;
  if (static_cast<double>(answered.count) < item_count.value) {
    result.not_scored_reason = fmt::format(
        "{} of {} items answered; the source gives no rule for scoring with missing items",
        answered.count, item_count.value);
    return result;
  }
  result.score = answered.sum;
  result.interpretation = "higher = better function";
  return result;
}

QuestionnaireScore scoreVisaA(const std::vector<std::optional<double>>& items) {
  const auto& item_count = clinicalConstant("visa_a.items");
  const double maximum = (item_count.value - 1) * thresholdValue("visa_a.item_max") +
                         thresholdValue("visa_a.last_item_max");
  QuestionnaireScore result{"visa_a",
                            "VISA-A (Achilles)",
                            {},
                            maximum,
                            "points",
                            0,
                            static_cast<std::size_t>(item_count.value),
                            "",
                            "",
                            "visa_a.mcid",
                            std::string(item_count.citation)};
  const Answered answered = sumAnswered(items);
  result.answered = answered.count;
  if (static_cast<double>(answered.count) < item_count.value) {
    result.not_scored_reason = fmt::format("{} of {} questions answered; VISA-A needs all of them",
                                           answered.count, item_count.value);
    return result;
  }
  result.score = answered.sum;
  const auto& recovered = clinicalConstant("visa_a.recovered");
  result.interpretation =
      isFlagged(recovered, answered.sum)
          ? fmt::format("below {} = not recovered ({})", recovered.value, recovered.citation)
          : fmt::format("at or above {} ≈ recovered ({})", recovered.value, recovered.citation);
  return result;
}

}  // namespace

std::vector<QuestionnaireScore> scoreQuestionnaires(const ScreeningRecord& record) {
  std::vector<QuestionnaireScore> scores;
  for (const auto& [name, items] : record.questionnaires) {
    if (name == "faam_adl") {
      scores.push_back(scoreFaam(items, name, "FAAM activities of daily living", "faam_adl"));
    } else if (name == "faam_sport") {
      scores.push_back(scoreFaam(items, name, "FAAM sports", "faam_sport"));
    } else if (name == "lefs") {
      scores.push_back(scoreLefs(items));
    } else if (name == "visa_a") {
      scores.push_back(scoreVisaA(items));
    }
  }
  return scores;
}

}  // namespace kinchain::screen
