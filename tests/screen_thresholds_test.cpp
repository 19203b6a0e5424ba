// The clinical constants table is the single home of every screening number: each entry is
// complete (value, unit, citation, source line, grade), ids are unique, and no other source
// file under src/kinchain/screen/ contains a number that could be a clinical threshold —
// neither as a code literal nor inside a message string.

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kinchain/screen/clinical_thresholds.hpp"
#include "kinchain/screen/findings.hpp"
#include "kinchain/screen/triage.hpp"
#include "test_paths.hpp"

namespace {

using namespace kinchain::screen;

TEST(ScreenThresholds, EveryConstantIsCompleteAndUnique) {
  std::set<std::string_view> ids;
  const std::set<std::string_view> grades = {"A", "B", "C"};
  const std::set<std::string_view> labels = {"", "[derived]", "[unverified]", "[convention]",
                                             "[check original figure]"};
  for (const auto& constant : clinicalConstants()) {
    SCOPED_TRACE(std::string(constant.id));
    EXPECT_TRUE(ids.insert(constant.id).second) << "duplicate id";
    EXPECT_FALSE(constant.unit.empty());
    EXPECT_FALSE(constant.meaning.empty());
    EXPECT_FALSE(constant.citation.empty());
    EXPECT_FALSE(constant.source.empty());
    EXPECT_TRUE(grades.contains(constant.grade));
    EXPECT_TRUE(labels.contains(constant.label));
  }
  for (const auto& dose : exerciseDoses()) {
    EXPECT_FALSE(dose.citation.empty()) << dose.exercise_id;
    EXPECT_FALSE(dose.source.empty()) << dose.exercise_id;
  }
}

// Spot checks against clinical.md §7 (the research summary table).
TEST(ScreenThresholds, KeyValuesMatchTheResearchSummary) {
  EXPECT_DOUBLE_EQ(thresholdValue("lunge_angle.restricted"), 36.5);
  EXPECT_DOUBLE_EQ(thresholdValue("knee_to_wall.asymmetry"), 1.5);
  EXPECT_DOUBLE_EQ(thresholdValue("navicular_drop.excessive"), 10.0);
  EXPECT_DOUBLE_EQ(thresholdValue("fpi.pronated"), 6.0);
  EXPECT_DOUBLE_EQ(thresholdValue("ake.tight_female"), 23.4);
  EXPECT_DOUBLE_EQ(thresholdValue("nordic.soccer"), 337.0);
  EXPECT_DOUBLE_EQ(thresholdValue("hop_lsi.low"), 90.0);
  EXPECT_DOUBLE_EQ(thresholdValue("faam_adl.mcid"), 8.0);
  EXPECT_DOUBLE_EQ(thresholdValue("lefs.mcid"), 9.0);
  EXPECT_EQ(clinicalConstant("knee_to_wall.restricted").label, "[derived]");
  EXPECT_TRUE(isFlagged(clinicalConstant("fpi.pronated"), 6.0));                // "≥ +6"
  EXPECT_FALSE(isFlagged(clinicalConstant("navicular_drop.excessive"), 10.0));  // "> 10"
  EXPECT_THROW(clinicalConstant("no.such.constant"), std::logic_error);
}

TEST(ScreenThresholds, RuleTablesOnlyReferToKnownConstants) {
  for (const auto& rule : redFlagRules()) {
    for (const auto* group : {&rule.applies_when, &rule.all_of, &rule.any_of, &rule.unless}) {
      for (const auto& condition : *group) {
        if (!condition.threshold_id.empty()) {
          EXPECT_NO_THROW(clinicalConstant(condition.threshold_id));
        }
      }
    }
  }
}

// --- "no number elsewhere" guard -----------------------------------------------------------

struct SourceText {
  std::string code;                                  ///< comments and string literals blanked out
  std::vector<std::pair<int, std::string>> strings;  ///< (line, contents)
};

SourceText splitSource(const std::string& text) {
  SourceText out;
  int line = 1;
  std::size_t i = 0;
  const auto keep_newlines = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to && k < text.size(); ++k) {
      if (text[k] == '\n') {
        out.code += '\n';
        ++line;
      }
    }
  };
  while (i < text.size()) {
    if (text.compare(i, 2, "//") == 0) {
      const std::size_t end = text.find('\n', i);
      i = end == std::string::npos ? text.size() : end;
    } else if (text.compare(i, 2, "/*") == 0) {
      const std::size_t end = text.find("*/", i + 2);
      const std::size_t stop = end == std::string::npos ? text.size() : end + 2;
      keep_newlines(i, stop);
      i = stop;
    } else if (text.compare(i, 2, "R\"") == 0) {
      const std::size_t open = text.find('(', i);
      const std::string delimiter = ")" + text.substr(i + 2, open - i - 2) + "\"";
      const std::size_t close = text.find(delimiter, open);
      out.strings.emplace_back(line, text.substr(open + 1, close - open - 1));
      keep_newlines(i, close);
      i = close + delimiter.size();
    } else if (text[i] == '"' || text[i] == '\'') {
      const char quote = text[i];
      std::size_t k = i + 1;
      std::string contents;
      while (k < text.size() && text[k] != quote) {
        if (text[k] == '\\') ++k;
        if (k < text.size()) contents += text[k];
        ++k;
      }
      if (quote == '"') out.strings.emplace_back(line, contents);
      out.code += ' ';
      i = k + 1;
    } else {
      if (text[i] == '\n') ++line;
      out.code += text[i];
      ++i;
    }
  }
  return out;
}

bool isIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Code literals: only 0 and 1 (and 0.0 / 1.0) are allowed.
std::vector<std::string> codeNumbers(const std::string& code) {
  std::vector<std::string> found;
  int line = 1;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '\n') ++line;
    if (!std::isdigit(static_cast<unsigned char>(code[i]))) continue;
    if (i > 0 && (isIdentifierChar(code[i - 1]) || code[i - 1] == '.')) continue;
    std::size_t end = i;
    while (end < code.size() && (isIdentifierChar(code[end]) || code[end] == '.'))
      ++end;
    std::string token = code.substr(i, end - i);
    while (!token.empty() && std::string("uUlLfF").find(token.back()) != std::string::npos) {
      token.pop_back();
    }
    if (token != "0" && token != "1" && token != "0.0" && token != "1.0") {
      found.push_back(std::to_string(line) + ": " + token);
    }
    i = end - 1;
  }
  return found;
}

// String literals: digits that are not part of a word (F1, 5th, 4_steps), a section mark (§3.6),
// a version (/1), a format spec ({:.1f}) or a year (1900–2099).
std::vector<std::string> stringNumbers(const std::vector<std::pair<int, std::string>>& strings) {
  std::vector<std::string> found;
  const std::string attached = "_/.:{§";
  for (const auto& [line, text] : strings) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) continue;
      std::size_t end = i;
      while (end < text.size() &&
             (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.'))
        ++end;
      const std::string token = text.substr(i, end - i);
      const bool after_word = i > 0 && (std::isalpha(static_cast<unsigned char>(text[i - 1])) ||
                                        attached.find(text[i - 1]) != std::string::npos ||
                                        static_cast<unsigned char>(text[i - 1]) == 0xA7);
      const bool in_name =
          i > 1 && text[i - 1] == '-' && std::isalpha(static_cast<unsigned char>(text[i - 2]));
      const bool before_word =
          end < text.size() &&
          (std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '_');
      const bool year = token.size() == 4 && (token.starts_with("19") || token.starts_with("20"));
      if (!after_word && !in_name && !before_word && !year && token != "0" && token != "1") {
        found.push_back(std::to_string(line) + ": \"" + token + "\" in \"" + text.substr(0, 80) +
                        "\"");
      }
      i = end - 1;
    }
  }
  return found;
}

TEST(ScreenThresholds, NoClinicalNumberOutsideTheTable) {
  const auto directory = std::filesystem::path(KINCHAIN_TEST_DATA_DIR).parent_path().parent_path() /
                         "src/kinchain/screen";
  ASSERT_TRUE(std::filesystem::is_directory(directory)) << directory;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("clinical_thresholds.")) continue;  // the table itself
    std::ifstream file(entry.path());
    std::stringstream buffer;
    buffer << file.rdbuf();
    // Lines that state why a literal is not clinical (a parser guard, %-conversion) are exempt.
    std::string kept;
    std::istringstream lines(buffer.str());
    for (std::string line; std::getline(lines, line);) {
      kept +=
          (line.find("not a clinical number") == std::string::npos ? line : std::string()) + "\n";
    }
    const SourceText source = splitSource(kept);
    ++files;
    EXPECT_EQ(codeNumbers(source.code), std::vector<std::string>{}) << name;
    // The schema's bounds are physical limits published in the schema itself.
    if (name != "screen_record_schema.cpp") {
      EXPECT_EQ(stringNumbers(source.strings), std::vector<std::string>{}) << name;
    }
  }
  EXPECT_GE(files, 10);
}

TEST(ScreenThresholds, TheScannerCatchesPlantedNumbers) {
  const SourceText source = splitSource(
      "if (x < 36.5) return 1; // 99 in a comment\nauto s = \"cut-off 10 mm, F1, §3.6, 2011\";");
  EXPECT_EQ(codeNumbers(source.code), std::vector<std::string>{"1: 36.5"});
  ASSERT_EQ(stringNumbers(source.strings).size(), 1U);
  EXPECT_NE(stringNumbers(source.strings).front().find("\"10\""), std::string::npos);
}

}  // namespace
