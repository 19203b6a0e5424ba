// `kinchain norms build` on two participants of schreiber2019 (Schreiber & Moissenet 2019, Sci
// Data 6:111, CC BY 4.0), one spontaneous and one fast trial each: the reference is built, a
// rebuild is byte-identical, a resumed build analyses nothing again, a recomputed trial gives
// the same bytes, a failed trial is left out and listed, and every statistic equals a separate
// computation from the trials' own results.json files.

#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "command_runner.hpp"
#include "kinchain/cohort/norms_build.hpp"
#include "kinchain/cohort/trial_input_stamp.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/reference/reference_norms.hpp"
#include "kinchain/reference/reference_norms_json.hpp"
#include "test_paths.hpp"

namespace kinchain::cohort {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Row {
  const char* participant;
  const char* trial;
  double massKg;  // anthropometrics.csv
  const char* stratum;
};
constexpr Row kRows[] = {
    {"2014001", "2014001_C4_05", 67.0, "spontaneous"},
    {"2014001", "2014001_C5_01", 67.0, "fast"},
    {"2014004", "2014004_C4_02", 72.5, "spontaneous"},
    {"2014004", "2014004_C5_01", 72.5, "fast"},
};

std::string manifestLine(const std::string& participant, const fs::path& trial,
                         const fs::path& standing, const std::string& mass,
                         const std::string& stratum) {
  return fmt::format("{},{},{},{},{}\n", participant, trial.string(), standing.string(), mass,
                     stratum);
}

std::string fourTrialManifest() {
  std::string text = "participant,trial,static,mass_kg,stratum\n";
  for (const Row& row : kRows) {
    text += manifestLine(
        row.participant,
        test::sharedData(
            fmt::format("schreiber2019/{}/dynamic/{}.c3d", row.participant, row.trial)),
        test::sharedData(fmt::format("schreiber2019/{0}/static/{0}_ST.c3d", row.participant)),
        fmt::format("{}", row.massKg), row.stratum);
  }
  return text;
}

class NormsBuildTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = test::scratchDirectory("norms-build");
    manifest_ = root_ / "manifest.csv";
    io::text::writeWholeFile(manifest_, fourTrialManifest());
    first_ = buildNorms(options(manifest_, 2));
    firstText_ = reference::referenceNormsText(first_->norms);
  }
  static void TearDownTestSuite() {
    first_.reset();
    fs::remove_all(root_);
  }

  static NormsBuildOptions options(const fs::path& manifest, int threads) {
    NormsBuildOptions options;
    options.manifest = manifest;
    options.workDirectory = root_ / "work";
    options.threads = threads;
    options.dataset = "two participants of schreiber2019";
    options.citation = "Schreiber C, Moissenet F. Sci Data 2019;6:111";
    options.licence = "CC BY 4.0";
    options.manifestText = "manifest.csv";
    options.command = "kinchain norms build manifest.csv -o norms.json";
    return options;
  }

  static fs::path trialFolder(const Row& row) {
    return root_ / "work" / row.participant / row.trial;
  }

  static inline fs::path root_;
  static inline fs::path manifest_;
  static inline std::optional<NormsBuild> first_;
  static inline std::string firstText_;
};

TEST_F(NormsBuildTest, BuildsAReferenceFromFourTrials) {
  ASSERT_EQ(first_->trials.size(), 4u);
  EXPECT_EQ(first_->analysed + first_->reused, 4);  // a test earlier in this process may resume
  EXPECT_EQ(first_->failed, 0);
  const auto& norms = first_->norms;
  EXPECT_EQ(norms.provenance.participants, 2);
  EXPECT_EQ(norms.provenance.trials, 4);
  EXPECT_TRUE(norms.provenance.leftOut.empty());
  ASSERT_EQ(norms.strata.size(), 2u);
  EXPECT_EQ(norms.strata[0].name, "spontaneous");
  EXPECT_EQ(norms.strata[1].name, "fast");
  // Each schreiber2019 trial holds one gait cycle per side (data README).
  EXPECT_EQ(norms.strata[0].strides, 4);
  EXPECT_EQ(norms.strata[1].strides, 4);
  EXPECT_EQ(norms.provenance.strides, 8);
  ASSERT_TRUE(norms.provenance.speedRange.has_value());
  EXPECT_LT(norms.provenance.speedRange->first, norms.provenance.speedRange->second);
  ASSERT_TRUE(norms.curves.count("knee_angle"));
  EXPECT_EQ(norms.curves.at("knee_angle").points, 101);
  EXPECT_EQ(norms.curves.at("knee_angle").speedModel.n, 8);
  ASSERT_TRUE(norms.metrics.count("peak_dorsiflexion_stance"));
  EXPECT_EQ(norms.metrics.at("peak_dorsiflexion_stance").n, 8);

  // The file reads back into the same reference: written again, the bytes are the same.
  const fs::path file = root_ / "norms.json";
  io::text::writeWholeFile(file, firstText_);
  const auto read = reference::ReferenceNorms::read(file.string());
  EXPECT_EQ(reference::referenceNormsText(read), firstText_);
}

TEST_F(NormsBuildTest, ResumedBuildAnalysesNothingAgainAndIsByteIdentical) {
  const NormsBuild again = buildNorms(options(manifest_, 2));
  EXPECT_EQ(again.analysed, 0);
  EXPECT_EQ(again.reused, 4);
  for (const auto& trial : again.trials)
    EXPECT_EQ(trial.status, TrialStatus::Reused) << trial.trial;
  EXPECT_EQ(reference::referenceNormsText(again.norms), firstText_);
}

// One trial analysed afresh on one thread gives the same bytes as the first build on two.
TEST_F(NormsBuildTest, RecomputedTrialGivesAByteIdenticalReference) {
  fs::remove(trialFolder(kRows[2]) / kTrialStampFileName);
  const NormsBuild again = buildNorms(options(manifest_, 1));
  EXPECT_EQ(again.analysed, 1);
  EXPECT_EQ(again.reused, 3);
  EXPECT_EQ(again.trials[2].status, TrialStatus::Analysed);
  EXPECT_EQ(reference::referenceNormsText(again.norms), firstText_);
}

TEST_F(NormsBuildTest, FailedTrialIsLeftOutAndListed) {
  const fs::path manifest = root_ / "with_broken.csv";
  const fs::path broken = root_ / "broken.c3d";
  io::text::writeWholeFile(broken, "not a C3D file");
  io::text::writeWholeFile(manifest,
                           fourTrialManifest() + manifestLine("9999999", broken, "", "", "fast"));
  const NormsBuild build = buildNorms(options(manifest, 2));
  ASSERT_EQ(build.trials.size(), 5u);
  EXPECT_EQ(build.reused, 4);
  EXPECT_EQ(build.failed, 1);
  EXPECT_EQ(build.trials[4].status, TrialStatus::Failed);
  EXPECT_NE(build.trials[4].reason.find("broken.c3d"), std::string::npos) << build.trials[4].reason;
  ASSERT_EQ(build.norms.provenance.leftOut.size(), 1u);
  EXPECT_EQ(build.norms.provenance.leftOut[0].participant, "9999999");
  EXPECT_EQ(build.norms.provenance.leftOut[0].trial, "broken");
  EXPECT_EQ(build.norms.provenance.leftOut[0].reason, build.trials[4].reason);
  EXPECT_EQ(build.norms.provenance.trials, 4);

  // A stratum whose every trial failed has no reference: the build fails naming it.
  io::text::writeWholeFile(manifest,
                           fourTrialManifest() + manifestLine("9999999", broken, "", "", "slow"));
  try {
    buildNorms(options(manifest, 2));
    FAIL() << "a stratum without trials was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.place(), "stratum slow");
    EXPECT_NE(error.reason().find("9999999 broken"), std::string::npos) << error.reason();
  }
}

// --- the statistics, computed again from the trials' results.json ---------------------------

struct HandSample {
  std::string stratum;
  std::optional<double> speed;
  std::vector<double> values;  // one number for a metric, the points for a curve
};

double handMean(const std::vector<double>& x) {
  double sum = 0.0;
  for (double v : x)
    sum += v;
  return sum / static_cast<double>(x.size());
}

double handSd(const std::vector<double>& x) {
  const double m = handMean(x);
  double sum = 0.0;
  for (double v : x)
    sum += (v - m) * (v - m);
  return std::sqrt(sum / static_cast<double>(x.size() - 1));
}

struct HandLine {
  double intercept, slope, residualSd;
};

HandLine handLine(const std::vector<double>& x, const std::vector<double>& y) {
  const double mx = handMean(x);
  const double my = handMean(y);
  double sxy = 0.0, sxx = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  HandLine line{0.0, sxy / sxx, 0.0};
  line.intercept = my - line.slope * mx;
  double ss = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = y[i] - line.intercept - line.slope * x[i];
    ss += r * r;
  }
  line.residualSd = std::sqrt(ss / static_cast<double>(x.size() - 2));
  return line;
}

// 1e-12 relative, with the scale floored at 1 so that values near zero (a curve crossing zero)
// are held to 1e-12 absolute: both sides sum the same few numbers in double precision.
void expectClose(double expected, double actual, const std::string& what) {
  EXPECT_LE(std::abs(expected - actual), 1e-12 * std::max(1.0, std::abs(expected)))
      << what << ": expected " << expected << ", got " << actual;
}

TEST_F(NormsBuildTest, StatisticsEqualASeparateComputationFromResultsJson) {
  std::map<std::string, std::vector<HandSample>> curves, metrics;
  for (const Row& row : kRows) {
    const json results = json::parse(test::fileText(trialFolder(row) / "results.json"));
    for (const char* side : {"left", "right"}) {
      std::optional<double> speed;
      const json& s = results["spatiotemporal"][side];
      ASSERT_TRUE(s.is_object() && s["speed_m_per_s"].is_number()) << row.trial << " " << side;
      speed = s["speed_m_per_s"].get<double>();
      for (const auto& curve : results["curves"]) {
        if (!curve[side].is_object()) continue;
        for (const auto& cycle : curve[side]["cycles"]) {
          // A cycle with a point that could not be computed (null) is left out of its curve.
          if (std::any_of(cycle.begin(), cycle.end(), [](const json& v) { return v.is_null(); }))
            continue;
          curves[curve["id"]].push_back({row.stratum, speed, cycle.get<std::vector<double>>()});
        }
      }
      for (const auto& metric : results["metrics"]) {
        if (!metric[side].is_object()) continue;
        for (const auto& value : metric[side]["per_cycle"]) {
          if (value.is_null()) continue;  // not computable: no sample
          metrics[metric["id"]].push_back({row.stratum, speed, {value.get<double>()}});
        }
      }
    }
  }
  const auto& norms = first_->norms;
  ASSERT_FALSE(curves.empty());
  ASSERT_FALSE(metrics.empty());

  int checkedCurves = 0;
  for (const auto& [id, samples] : curves) {
    ASSERT_TRUE(norms.curves.count(id)) << id;
    const auto& norm = norms.curves.at(id);
    const std::size_t points = samples.front().values.size();
    for (std::size_t p = 0; p < points; ++p) {
      std::vector<double> speeds, all;
      std::map<std::string, std::vector<double>> byStratum;
      for (const auto& sample : samples) {
        byStratum[sample.stratum].push_back(sample.values[p]);
        speeds.push_back(*sample.speed);
        all.push_back(sample.values[p]);
      }
      for (const auto& [stratum, values] : byStratum) {
        const auto& band = norm.strata.at(stratum);
        ASSERT_EQ(band.n, static_cast<int>(values.size())) << id << " " << stratum;
        ASSERT_EQ(band.mean.size(), points) << id;
        expectClose(handMean(values), band.mean[p], fmt::format("{} {} mean[{}]", id, stratum, p));
        expectClose(handSd(values), band.sd[p], fmt::format("{} {} sd[{}]", id, stratum, p));
      }
      const HandLine line = handLine(speeds, all);
      ASSERT_EQ(norm.speedModel.intercept.size(), points) << id;
      expectClose(line.intercept, norm.speedModel.intercept[p], id + " intercept");
      expectClose(line.slope, norm.speedModel.slope[p], id + " slope");
      expectClose(line.residualSd, norm.speedModel.residualSd[p], id + " residual_sd");
    }
    ++checkedCurves;
  }
  EXPECT_GE(checkedCurves, 10);

  int checkedMetrics = 0;
  for (const auto& [id, samples] : metrics) {
    if (samples.size() < 3) continue;  // written as null (docs/norms.md)
    ASSERT_TRUE(norms.metrics.count(id)) << id;
    const auto& norm = norms.metrics.at(id);
    std::vector<double> speeds, all;
    for (const auto& sample : samples) {
      speeds.push_back(*sample.speed);
      all.push_back(sample.values[0]);
    }
    ASSERT_EQ(norm.n, static_cast<int>(all.size())) << id;
    expectClose(handMean(all), *norm.mean, id + " mean");
    expectClose(handSd(all), *norm.sd, id + " sd");
    expectClose(*std::min_element(all.begin(), all.end()), *norm.min, id + " min");
    expectClose(*std::max_element(all.begin(), all.end()), *norm.max, id + " max");
    const HandLine line = handLine(speeds, all);
    expectClose(line.intercept, *norm.speedModel.intercept, id + " intercept");
    expectClose(line.slope, *norm.speedModel.slope, id + " slope");
    expectClose(line.residualSd, *norm.speedModel.residualSd, id + " residual_sd");
    // The median (definition 7 at p = 0.5): the middle value, or halfway between the two.
    std::vector<double> sorted = all;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t half = sorted.size() / 2;
    const double median =
        sorted.size() % 2 == 1 ? sorted[half] : 0.5 * (sorted[half - 1] + sorted[half]);
    expectClose(median, norm.percentiles->p50, id + " p50");
    ++checkedMetrics;
  }
  EXPECT_GE(checkedMetrics, 10);
}

TEST_F(NormsBuildTest, PredictionOutsideTheSpeedRangeIsClampedAndSaysSo) {
  const auto& norms = first_->norms;
  const auto [slowest, fastest] = *norms.provenance.speedRange;
  const auto slow = norms.predictMetric("peak_dorsiflexion_stance", 0.2);
  ASSERT_TRUE(slow.has_value());
  EXPECT_TRUE(slow->clamped);
  EXPECT_EQ(slow->requestedSpeed, 0.2);
  EXPECT_EQ(slow->speedUsed, slowest);
  const auto& line = norms.metrics.at("peak_dorsiflexion_stance").speedModel;
  EXPECT_EQ(slow->mean, *line.intercept + *line.slope * slowest);
  EXPECT_EQ(slow->sd, *line.residualSd);
  EXPECT_EQ(slow->n, 8);

  const auto fast = norms.predictCurve("knee_angle", 3.0);
  ASSERT_TRUE(fast.has_value());
  EXPECT_TRUE(fast->clamped);
  EXPECT_EQ(fast->speedUsed, fastest);
  ASSERT_EQ(fast->mean.size(), 101u);

  const double inside = 0.5 * (slowest + fastest);
  const auto within = norms.predictCurve("knee_angle", inside);
  ASSERT_TRUE(within.has_value());
  EXPECT_FALSE(within->clamped);
  EXPECT_EQ(within->speedUsed, inside);
}

// The command line writes the same reference as the library (all trials reused here) and
// prints one progress line per trial.
TEST_F(NormsBuildTest, CommandWritesTheReferenceWithAProgressLinePerTrial) {
  const fs::path output = root_ / "cli" / "norms.json";
  const auto result = test::runKinchain(
      fmt::format("norms build \"{}\" -o \"{}\" --work \"{}\" --threads 2", manifest_.string(),
                  output.string(), (root_ / "work").string()));
  ASSERT_EQ(result.exitCode, 0) << result.output;
  for (const Row& row : kRows) {
    EXPECT_NE(result.output.find(
                  fmt::format("{} {} ({}) reused", row.participant, row.trial, row.stratum)),
              std::string::npos)
        << result.output;
  }
  json written = json::parse(test::fileText(output));
  json expected = reference::referenceNormsToJson(first_->norms);
  for (json* document : {&written, &expected}) {
    (*document)["provenance"].erase("command");
    (*document)["provenance"].erase("manifest");
    (*document)["provenance"].erase("dataset");
    (*document)["provenance"].erase("citation");
    (*document)["provenance"].erase("licence");
  }
  EXPECT_TRUE(written == expected);
}

}  // namespace
}  // namespace kinchain::cohort
