// The reading side of kinchain.norms/1 (src/kinchain/reference/) and the builder's manifest and
// statistics, on small hand-made inputs: a file of another format or with a malformed field is
// refused naming the field, the prediction follows the speed line and clamps outside the
// cohort's range, and a malformed manifest is refused naming the line.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "kinchain/cohort/cohort_statistics.hpp"
#include "kinchain/cohort/norms_manifest.hpp"
#include "kinchain/common/error.hpp"
#include "kinchain/io/text_fields.hpp"
#include "kinchain/reference/reference_norms.hpp"
#include "kinchain/reference/reference_norms_json.hpp"
#include "test_paths.hpp"

namespace kinchain::reference {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A reference with one metric and one 3-point curve whose lines are known exactly:
// value = 2 + 10·speed, residual SD 1.5, over speeds 1.0..1.6 m/s.
ReferenceNorms smallReference() {
  ReferenceNorms norms;
  norms.provenance.dataset = "hand-made";
  norms.provenance.citation = "none";
  norms.provenance.licence = "CC0";
  norms.provenance.participants = 2;
  norms.provenance.trials = 4;
  norms.provenance.strides = 8;
  norms.provenance.speedRange = std::pair{1.0, 1.6};
  norms.provenance.kinchainVersion = "0.1.0";
  norms.provenance.leftOut.push_back({"p3", "p3_C4", "spontaneous", "unreadable"});
  norms.strata.push_back({"spontaneous", 4, {1.1, 0.1, 1.0, 1.2}});
  MetricNorm metric;
  metric.unit = "deg";
  metric.label = "a metric";
  metric.n = 8;
  metric.mean = 14.0;
  metric.sd = 2.0;
  metric.min = 10.0;
  metric.max = 18.0;
  metric.percentiles = Percentiles{10.5, 11.0, 12.0, 14.0, 16.0, 17.0, 17.5};
  metric.speedModel = {8, 2.0, 10.0, 1.5};
  metric.strata["spontaneous"] = {4, 13.0, 1.0};
  metric.asymmetry = AsymmetryNorm{4, 5.0, 6.0, 9.0};
  norms.metrics["a_metric"] = metric;
  CurveNorm curve;
  curve.group = "angles";
  curve.unit = "deg";
  curve.label = "a curve";
  curve.points = 3;
  curve.strata["spontaneous"] = {4, {1.0, 2.0, 3.0}, {0.1, 0.2, 0.3}};
  curve.speedModel = {8, {2.0, 0.0, -1.0}, {10.0, 1.0, 0.0}, {1.5, 0.5, 0.25}};
  norms.curves["a_curve"] = curve;
  return norms;
}

fs::path writeDocument(const std::string& name, const json& document) {
  const fs::path path = test::scratchDirectory("norms-reference") / name;
  io::text::writeWholeFile(path, document.dump(1));
  return path;
}

void expectRefused(const json& document, const std::string& place, const std::string& words) {
  const fs::path path = writeDocument("norms.json", document);
  try {
    ReferenceNorms::read(path.string());
    FAIL() << "accepted a document with a bad " << place;
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), path.string());
    EXPECT_EQ(error.place(), "field " + place);
    EXPECT_NE(error.reason().find(words), std::string::npos) << error.reason();
  }
}

TEST(NormsReference, ReadsBackWhatItWrites) {
  const ReferenceNorms norms = smallReference();
  const fs::path path = writeDocument("norms.json", referenceNormsToJson(norms));
  const ReferenceNorms read = ReferenceNorms::read(path.string());
  EXPECT_EQ(referenceNormsText(read), referenceNormsText(norms));
  EXPECT_EQ(read.provenance.leftOut.at(0).reason, "unreadable");
  EXPECT_EQ(read.metrics.at("a_metric").asymmetry->p95AbsPercent, 9.0);
}

TEST(NormsReference, RefusesAnotherFormatOrVersionNamingTheField) {
  json document = referenceNormsToJson(smallReference());
  document["format"] = "kinchain.norms/2";
  expectRefused(document, "format", "kinchain.norms/2");
  document.erase("format");
  expectRefused(document, "format", "missing");
  // A results.json is not a reference.
  expectRefused(json{{"schema", "kinchain.analysis/1"}}, "format", "missing");
}

TEST(NormsReference, RefusesAMalformedFieldNamingIt) {
  const json good = referenceNormsToJson(smallReference());
  json shortArray = good;
  shortArray["curves"]["a_curve"]["speed_model"]["slope"].erase(2);
  expectRefused(shortArray, "curves.a_curve.speed_model.slope", "has 2 numbers, expected 3");

  json text = good;
  text["metrics"]["a_metric"]["mean"] = "14";
  expectRefused(text, "metrics.a_metric.mean", "not a finite number");

  json halfLine = good;
  halfLine["metrics"]["a_metric"]["speed_model"]["slope"] = nullptr;
  expectRefused(halfLine, "metrics.a_metric.speed_model", "all be numbers or all be null");

  json negative = good;
  negative["provenance"]["strides"] = -1;
  expectRefused(negative, "provenance.strides", "count");

  json reversed = good;
  reversed["provenance"]["speed_range_m_per_s"] = {1.6, 1.0};
  expectRefused(reversed, "provenance.speed_range_m_per_s", "slowest speed exceeds");
}

TEST(NormsReference, PredictsOnTheSpeedLineAndClampsOutsideTheRange) {
  const ReferenceNorms norms = smallReference();
  const auto inside = norms.predictMetric("a_metric", 1.2);
  ASSERT_TRUE(inside.has_value());
  EXPECT_FALSE(inside->clamped);
  EXPECT_DOUBLE_EQ(inside->mean, 2.0 + 10.0 * 1.2);
  EXPECT_EQ(inside->sd, 1.5);
  EXPECT_EQ(inside->n, 8);

  const auto slow = norms.predictMetric("a_metric", 0.4);
  ASSERT_TRUE(slow.has_value());
  EXPECT_TRUE(slow->clamped);
  EXPECT_EQ(slow->requestedSpeed, 0.4);
  EXPECT_EQ(slow->speedUsed, 1.0);
  EXPECT_DOUBLE_EQ(slow->mean, 12.0);

  const auto fast = norms.predictCurve("a_curve", 2.5);
  ASSERT_TRUE(fast.has_value());
  EXPECT_TRUE(fast->clamped);
  EXPECT_EQ(fast->speedUsed, 1.6);
  ASSERT_EQ(fast->mean.size(), 3u);
  EXPECT_DOUBLE_EQ(fast->mean[0], 2.0 + 10.0 * 1.6);
  EXPECT_DOUBLE_EQ(fast->mean[1], 1.6);
  EXPECT_DOUBLE_EQ(fast->mean[2], -1.0);
  EXPECT_EQ(fast->sd, (std::vector<double>{1.5, 0.5, 0.25}));

  EXPECT_FALSE(norms.predictMetric("unknown", 1.2).has_value());
  EXPECT_THROW(norms.predictMetric("a_metric", std::nan("")), std::invalid_argument);
}

TEST(NormsReference, NoPredictionWithoutASpeedLine) {
  ReferenceNorms norms = smallReference();
  norms.metrics["a_metric"].speedModel = {2, std::nullopt, std::nullopt, std::nullopt};
  EXPECT_FALSE(norms.predictMetric("a_metric", 1.2).has_value());
  norms.provenance.speedRange.reset();
  EXPECT_FALSE(norms.predictCurve("a_curve", 1.2).has_value());
}

// --- builder pieces --------------------------------------------------------------------------

TEST(NormsStatistics, PercentilesInterpolateBetweenOrderStatistics) {
  // Hyndman & Fan definition 7 on 1..5: position p·(n − 1).
  const std::vector<double> sorted{1.0, 2.0, 3.0, 4.0, 5.0};
  EXPECT_DOUBLE_EQ(cohort::percentile(sorted, 0.5), 3.0);
  EXPECT_DOUBLE_EQ(cohort::percentile(sorted, 0.025), 1.1);
  EXPECT_DOUBLE_EQ(cohort::percentile(sorted, 0.975), 4.9);
  EXPECT_DOUBLE_EQ(cohort::percentile(sorted, 1.0), 5.0);
}

TEST(NormsStatistics, TooFewSamplesOrOneSpeedGiveNothing) {
  EXPECT_FALSE(cohort::summarise(std::vector<double>{1.0, 2.0}).mean.has_value());
  const std::vector<double> sameSpeed{1.2, 1.2, 1.2};
  EXPECT_FALSE(cohort::fitSpeedLine(sameSpeed, std::vector<double>{1.0, 2.0, 3.0}).slope);
  const auto line =
      cohort::fitSpeedLine(std::vector<double>{1.0, 2.0, 3.0}, std::vector<double>{3.0, 5.0, 7.0});
  EXPECT_DOUBLE_EQ(*line.slope, 2.0);
  EXPECT_DOUBLE_EQ(*line.intercept, 1.0);
  EXPECT_DOUBLE_EQ(*line.residualSd, 0.0);
}

void expectManifestRefused(const std::string& text, const std::string& place,
                           const std::string& words) {
  const fs::path path = test::scratchDirectory("norms-manifest") / "manifest.csv";
  io::text::writeWholeFile(path, text);
  try {
    cohort::readNormsManifest(path);
    FAIL() << "accepted the manifest:\n" << text;
  } catch (const InputError& error) {
    EXPECT_EQ(error.source(), path.string());
    EXPECT_EQ(error.place(), place);
    EXPECT_NE(error.reason().find(words), std::string::npos) << error.reason();
  }
}

TEST(NormsManifest, RefusesAMalformedManifestNamingTheLine) {
  const std::string header = "participant,trial,static,mass_kg,stratum\n";
  expectManifestRefused("participant,trial,static,mass,stratum\n", "line 1", "unknown column");
  expectManifestRefused("participant,trial,static,stratum\n", "line 1", "no column mass_kg");
  expectManifestRefused(header + "p1,a.c3d,,heavy,fast\n", "line 2 (mass_kg)", "not a number");
  expectManifestRefused(header + "p1,a.c3d,,70\n", "line 2", "4 fields");
  expectManifestRefused(header + "../p1,a.c3d,,70,fast\n", "line 2", "not a plain name");
  expectManifestRefused(header + "p1,a.c3d,,70,fast\np1,x/a.c3d,,70,slow\n", "line 3",
                        "listed already on line 2");
  expectManifestRefused(header, "", "lists no trial");
}

TEST(NormsManifest, ResolvesPathsAgainstTheManifestFolder) {
  const fs::path folder = test::scratchDirectory("norms-manifest-paths");
  const fs::path path = folder / "sub" / "manifest.csv";
  fs::create_directories(path.parent_path());
  io::text::writeWholeFile(path,
                           "stratum,participant,trial,static,mass_kg\n"
                           "fast,p1,../data/p1_C5.c3d,/abs/p1_ST.c3d,70.5\n"
                           "slow,p1,p1_C4.c3d,,\n");
  const auto manifest = cohort::readNormsManifest(path);
  ASSERT_EQ(manifest.trials.size(), 2u);
  EXPECT_EQ(manifest.trials[0].trial, folder / "data" / "p1_C5.c3d");
  EXPECT_EQ(manifest.trials[0].staticTrial, fs::path("/abs/p1_ST.c3d"));
  EXPECT_EQ(manifest.trials[0].massKg, 70.5);
  EXPECT_EQ(manifest.trials[0].name(), "p1_C5");
  EXPECT_FALSE(manifest.trials[1].staticTrial.has_value());
  EXPECT_FALSE(manifest.trials[1].massKg.has_value());
  EXPECT_EQ(manifest.strata, (std::vector<std::string>{"fast", "slow"}));
}

}  // namespace
}  // namespace kinchain::reference
