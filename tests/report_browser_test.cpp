// report.html in a real headless browser (Debian's chromium, KINCHAIN_CHROMIUM_PATH): the page
// renders with no console message (the page has no script, so any message is an error: a
// blocked load under the page's Content-Security-Policy, a parse problem), the rendered DOM holds
// the SVG plots, and a screenshot shows the plot lines in the series colours.
//
// Runs headless without GPU, sandbox or network, with a fresh profile, HOME and cache in the
// test's scratch directory, under `timeout` so a hung browser fails the test instead of CI.

#include <png.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "analysis_results_fixture.hpp"
#include "kinchain/analysis/analysis_pipeline.hpp"
#include "kinchain/report/analysis_report.hpp"
#include "kinchain/report/svg_chart.hpp"
#include "test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using kinchain::test::scratchDirectory;

constexpr int kWindowWidth = 1200;
constexpr int kWindowHeight = 9000;  // taller than the page, so one screenshot holds every chart
constexpr int kTimeoutSeconds = 120;

struct BrowserRun {
  int exit_code = -1;
  std::string stdout_text;
  std::string stderr_text;
};

std::string quoted(const fs::path& path) {
  return fmt::format("'{}'", path.string());
}

/// chromium --headless <arguments> file://<page>, in a private profile under `scratch`.
BrowserRun runChromium(const fs::path& scratch, const std::string& arguments, const fs::path& page,
                       const std::string& run_name) {
  const fs::path home = scratch / (run_name + "-home");
  fs::create_directories(home);
  const fs::path out = scratch / (run_name + ".stdout");
  const fs::path err = scratch / (run_name + ".stderr");
  const std::string command = fmt::format(
      "env HOME={0} XDG_CONFIG_HOME={0}/config XDG_CACHE_HOME={0}/cache timeout -k 5 {1} {2} "
      "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
      "--no-default-browser-check --disable-extensions --disable-background-networking "
      "--disable-sync --disable-component-update --hide-scrollbars --force-device-scale-factor=1 "
      "--user-data-dir={0}/profile {3} 'file://{4}' > {5} 2> {6}",
      quoted(home), kTimeoutSeconds, KINCHAIN_CHROMIUM_PATH, arguments, page.string(), quoted(out),
      quoted(err));
  const int status = std::system(command.c_str());
  BrowserRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.stdout_text = kinchain::test::fileText(out);
  run.stderr_text = kinchain::test::fileText(err);
  return run;
}

/// Lines chromium logs for console messages ("...:CONSOLE(12)] ..." or "...:CONSOLE:12] ...").
std::vector<std::string> consoleMessages(const std::string& log) {
  std::vector<std::string> messages;
  std::istringstream stream(log);
  std::string line;
  while (std::getline(stream, line))
    if (line.find(":CONSOLE") != std::string::npos) messages.push_back(line);
  return messages;
}

BrowserRun dumpDom(const fs::path& scratch, const fs::path& page, const std::string& name) {
  return runChromium(scratch, "--enable-logging=stderr --v=0 --dump-dom", page, name);
}

struct Rgb {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;  // RGB, row-major
};

Rgb readPng(const fs::path& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  Rgb result;
  if (!png_image_begin_read_from_file(&image, path.c_str())) {
    ADD_FAILURE() << "cannot read " << path << ": " << image.message;
    return result;
  }
  image.format = PNG_FORMAT_RGB;
  result.pixels.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, result.pixels.data(), 0, nullptr)) {
    ADD_FAILURE() << "cannot decode " << path << ": " << image.message;
    png_image_free(&image);
    return {};
  }
  result.width = static_cast<int>(image.width);
  result.height = static_cast<int>(image.height);
  return result;
}

/// Pixels within `tolerance` per channel of the colour "#rrggbb".
long countColour(const Rgb& image, std::string_view hex, int tolerance = 6) {
  const int r = std::stoi(std::string(hex.substr(1, 2)), nullptr, 16);
  const int g = std::stoi(std::string(hex.substr(3, 2)), nullptr, 16);
  const int b = std::stoi(std::string(hex.substr(5, 2)), nullptr, 16);
  long count = 0;
  for (std::size_t i = 0; i + 2 < image.pixels.size(); i += 3) {
    count += std::abs(image.pixels[i] - r) <= tolerance &&
             std::abs(image.pixels[i + 1] - g) <= tolerance &&
             std::abs(image.pixels[i + 2] - b) <= tolerance;
  }
  return count;
}

fs::path writePage(const fs::path& directory, const std::string& name, const std::string& html) {
  const fs::path path = directory / name;
  std::ofstream(path, std::ios::binary) << html;
  return path;
}

std::size_t countOccurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

TEST(ReportBrowser, ConsoleCheckCatchesAnErrorOnAControlPage) {
  // The console check must be able to fail: a page whose image load breaks the report's CSP.
  const auto scratch = scratchDirectory("browser");
  const auto page = writePage(
      scratch, "control.html",
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><meta "
      "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"/></head><body>"
      "<img src=\"http://192.0.2.1/blocked.png\"/></body></html>");
  const auto run = dumpDom(scratch, page, "control");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  EXPECT_FALSE(consoleMessages(run.stderr_text).empty()) << run.stderr_text;
}

TEST(ReportBrowser, ReportRendersWithoutConsoleMessagesAndKeepsItsPlots) {
  const auto scratch = scratchDirectory("browser");
  const auto results = kinchain::test::fullResults();
  const std::string html = kinchain::report::renderAnalysisReport(results);
  const auto page = writePage(scratch, "report.html", html);

  const auto run = dumpDom(scratch, page, "dom");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  const auto messages = consoleMessages(run.stderr_text);
  EXPECT_TRUE(messages.empty()) << messages.front();

  // The browser's DOM (after parsing) still holds every chart and series the page was given.
  const std::string& dom = run.stdout_text;
  std::size_t side_series = 0;
  for (const auto& curve : results["curves"])
    side_series += curve["left"].is_object() + curve["right"].is_object();
  EXPECT_EQ(countOccurrences(dom, "class=\"chart line-chart\""), results["curves"].size());
  EXPECT_EQ(countOccurrences(dom, "class=\"series left\"") +
                countOccurrences(dom, "class=\"series right\""),
            side_series);
  EXPECT_GE(countOccurrences(dom, "<polyline"), side_series);
  EXPECT_EQ(countOccurrences(dom, "class=\"chart bar-chart\""), 1u);
  EXPECT_EQ(countOccurrences(dom, "class=\"chain-picture\""), 1u);
  EXPECT_EQ(countOccurrences(dom, "<a class=\"marker\""), 4u);  // five findings, one off-chain
}

TEST(ReportBrowser, RealAnalysisReportRendersWithoutConsoleMessages) {
  // The report `kinchain analyze` writes for the bundled Plug-in Gait trial, not a fixture.
  const auto scratch = scratchDirectory("browser");
  kinchain::analysis::AnalysisRequest request;
  request.trial = fs::path(KINCHAIN_TEST_DATA_DIR).parent_path().parent_path() /
                  "data/trials/PiG_Motion-FlatFoot-One.c3d";
  request.outputDirectory = scratch / "analysis";
  const auto outcome = kinchain::analysis::runAnalysis(request);
  const auto page = request.outputDirectory / "report.html";
  ASSERT_TRUE(fs::exists(page));

  const auto run = dumpDom(scratch, page, "real");
  ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
  const auto messages = consoleMessages(run.stderr_text);
  EXPECT_TRUE(messages.empty()) << messages.front();
  const std::string& dom = run.stdout_text;
  // One chart per curve with data; the curves of coordinates the protocol cannot observe
  // (subtalar, MTP and lumbar for Plug-in Gait lower body) carry only their reason.
  std::size_t curvesWithData = 0;
  for (const auto& curve : outcome.results["curves"]) {
    const bool data = (curve["left"].contains("mean") && !curve["left"]["mean"].empty()) ||
                      (curve["right"].contains("mean") && !curve["right"]["mean"].empty());
    curvesWithData += data ? 1 : 0;
  }
  EXPECT_EQ(curvesWithData + 3, outcome.results["curves"].size());
  EXPECT_EQ(countOccurrences(dom, "class=\"chart line-chart\""), curvesWithData);
  EXPECT_GE(countOccurrences(dom, "<polyline"), 1u);
  EXPECT_EQ(countOccurrences(dom, "class=\"chain-picture\""), 1u);
}

TEST(ReportBrowser, ScreenshotShowsThePlotLinesInTheSeriesColours) {
  // Plots are present when removing the curves takes series-coloured pixels away: the same
  // results without curve data render the same page with "not available" panels instead.
  const auto scratch = scratchDirectory("browser");
  const auto results = kinchain::test::fullResults();
  auto without_curves = results;
  for (auto& curve : without_curves["curves"]) {
    curve["left"] = nullptr;
    curve["right"] = nullptr;
  }
  const std::string size = fmt::format("--window-size={},{}", kWindowWidth, kWindowHeight);
  long left[2] = {0, 0};
  long right[2] = {0, 0};
  int index = 0;
  for (const nlohmann::json* document :
       std::array<const nlohmann::json*, 2>{&results, &without_curves}) {
    const std::string name = index == 0 ? "with" : "without";
    const auto page =
        writePage(scratch, name + ".html", kinchain::report::renderAnalysisReport(*document));
    const auto shot = scratch / (name + ".png");
    const auto run = runChromium(scratch, size + " --screenshot=" + quoted(shot), page, name);
    ASSERT_EQ(run.exit_code, 0) << run.stderr_text;
    const Rgb image = readPng(shot);
    ASSERT_EQ(image.width, kWindowWidth);
    ASSERT_EQ(image.height, kWindowHeight);
    left[index] = countColour(image, kinchain::report::svg::kLeftColour);
    right[index] = countColour(image, kinchain::report::svg::kRightColour);
    ++index;
  }
  // Each side mean is a 2-px line across a chart about 300 px wide (right dashed 7-on 4-off);
  // demand a third of that per curve so anti-aliasing and page width cannot make it flaky.
  std::size_t left_curves = 0;
  std::size_t right_curves = 0;
  for (const auto& curve : results["curves"]) {
    left_curves += curve["left"].is_object();
    right_curves += curve["right"].is_object();
  }
  EXPECT_GE(left[0] - left[1], static_cast<long>(200 * left_curves))
      << "left-colour pixels with plots " << left[0] << ", without " << left[1];
  EXPECT_GE(right[0] - right[1], static_cast<long>(120 * right_curves))
      << "right-colour pixels with plots " << right[0] << ", without " << right[1];
}

}  // namespace
