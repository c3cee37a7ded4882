// Sweep files to run plans (sweep_yaml.cpp, plan.cpp): the expansion of grids, ranges, explicit
// variants and Latin hypercubes, seeds, run ids, and located errors for bad sweep files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/io/summary_json.hpp"
#include "kyosei/ensemble/sweep.hpp"
#include "test_sweep_support.hpp"

namespace kyosei {
namespace {

using test::ScratchDir;

RunPlan sweep_of(const std::string& vary, int replicates = 1, const std::string& extra = "") {
  return parse_sweep("base: " + test::source_path("scenarios/lever_outreach.yaml") + "\n" + test::kSmallSet + vary +
                         "replicates: " + std::to_string(replicates) + "\n" + extra,
                     "sweep.yaml");
}

TEST(SweepPlan, GridCrossesListsAndRangesLastKeyFastest) {
  const RunPlan plan = sweep_of(
      "vary:\n  grid:\n    outreach.workers: [1, 2]\n    participation.slots: {from: 0, to: 10, step: 5}\n", 2);
  ASSERT_EQ(plan.variants.size(), 6u);
  ASSERT_EQ(plan.runs.size(), 12u);
  ASSERT_EQ(plan.columns.size(), 2u);
  EXPECT_EQ(plan.columns[0].name, "outreach.workers");
  EXPECT_EQ(plan.columns[1].name, "participation.slots");
  const double expected[6][2] = {{1, 0}, {1, 5}, {1, 10}, {2, 0}, {2, 5}, {2, 10}};
  for (std::size_t v = 0; v < 6; ++v) {
    EXPECT_EQ(plan.variants[v].scenario.outreach.workers, expected[v][0]) << v;
    EXPECT_EQ(plan.variants[v].scenario.participation.slots, expected[v][1]) << v;
    EXPECT_EQ(plan.variants[v].cells[0].number, expected[v][0]);
    EXPECT_EQ(plan.variants[v].scenario.population.residents, 3000);                   // set: applies to every variant
    EXPECT_EQ(plan.variants[v].scenario.outreach.targeting, OutreachTargeting::risk);  // the base's
  }
  EXPECT_EQ(plan.runs[0].id, "v0000_r00");
  EXPECT_EQ(plan.runs[11].id, "v0005_r01");
  EXPECT_EQ(plan.runs[3].variant, 1u);
  EXPECT_EQ(plan.runs[3].replicate, 1u);
  // The variant's scenario text says how it was made, as --set does.
  EXPECT_NE(plan.variants[5].scenario.source_text.find("# --set participation.slots=10"), std::string::npos);
}

TEST(SweepPlan, RangesOfRealsAreDecimalAndIncludeBothEnds) {
  const RunPlan plan = sweep_of("vary:\n  grid:\n    intake.staff_knowledge: {from: 0.1, to: 0.5, step: 0.1}\n");
  ASSERT_EQ(plan.variants.size(), 5u);
  const double expected[] = {0.1, 0.2, 0.3, 0.4, 0.5};
  for (std::size_t v = 0; v < 5; ++v) EXPECT_EQ(plan.variants[v].scenario.intake.staff_knowledge, expected[v]);
}

TEST(SweepPlan, CommonRandomNumbersByDefaultIndependentOnRequest) {
  const std::string vary = "vary:\n  grid:\n    outreach.workers: [1, 2, 3]\n";
  const RunPlan common = sweep_of(vary, 2);
  EXPECT_EQ(common.seeds, SeedMode::common);
  for (const PlannedRun& run : common.runs) {
    EXPECT_EQ(run.seed, common.runs[run.replicate].seed) << run.id;  // same seed for every variant
    EXPECT_EQ(run.seed, derive_seed(common.seed, 0, run.replicate));
  }
  EXPECT_NE(common.runs[0].seed, common.runs[1].seed);
  const RunPlan independent = sweep_of(vary, 2, "seeds: independent\n");
  std::set<std::uint64_t> seeds;
  for (const PlannedRun& run : independent.runs) seeds.insert(run.seed);
  EXPECT_EQ(seeds.size(), independent.runs.size());
  // The sweep seed changes every run's seed.
  const RunPlan other = sweep_of(vary, 2, "seed: 99\n");
  EXPECT_NE(other.runs[0].seed, common.runs[0].seed);
}

TEST(SweepPlan, LatinHypercubeHasOneSampleInEachStratum) {
  const std::string vary =
      "vary:\n  latin_hypercube:\n    samples: 10\n    seed: 3\n    parameters:\n"
      "      intake.staff_knowledge: {min: 0.2, max: 0.7}\n"
      "      outreach.visits_to_trust: {min: 1, max: 10}\n"
      "      outreach.targeting: [random, risk]\n";
  const RunPlan plan = sweep_of(vary);
  ASSERT_EQ(plan.variants.size(), 10u);
  std::set<int> real_strata, integer_values;
  int risk = 0;
  for (const Variant& v : plan.variants) {
    const double k = v.scenario.intake.staff_knowledge;
    ASSERT_GE(k, 0.2);
    ASSERT_LT(k, 0.7);
    real_strata.insert(static_cast<int>((k - 0.2) / 0.5 * 10));
    integer_values.insert(static_cast<int>(v.scenario.outreach.visits_to_trust));
    risk += v.scenario.outreach.targeting == OutreachTargeting::risk;
  }
  EXPECT_EQ(real_strata.size(), 10u);     // one sample per tenth of the range
  EXPECT_EQ(integer_values.size(), 10u);  // 1 .. 10, each once
  EXPECT_EQ(risk, 5);                     // half the strata each
  // The same seed gives the same samples; another seed other ones.
  const RunPlan again = sweep_of(vary);
  for (std::size_t v = 0; v < 10; ++v)
    EXPECT_EQ(again.variants[v].scenario.intake.staff_knowledge, plan.variants[v].scenario.intake.staff_knowledge);
  std::string reseeded = vary;
  reseeded.replace(reseeded.find("seed: 3"), 7, "seed: 4");
  EXPECT_NE(sweep_of(reseeded).variants[0].scenario.intake.staff_knowledge,
            plan.variants[0].scenario.intake.staff_knowledge);
}

TEST(SweepPlan, ExplicitVariantsAreNamedAndCrossedWithTheGrid) {
  const RunPlan plan = sweep_of(
      "vary:\n  variants:\n    - {name: small, outreach.workers: 1}\n    - name: big\n      outreach:\n        "
      "workers: 4\n"
      "        targeting: lists\n  grid:\n    participation.slots: [0, 20]\n");
  ASSERT_EQ(plan.variants.size(), 4u);
  EXPECT_EQ(plan.columns[0].name, "variant_name");
  EXPECT_EQ(plan.variants[0].cells[0].text, "small");
  EXPECT_EQ(plan.variants[3].cells[0].text, "big");
  EXPECT_EQ(plan.variants[1].scenario.participation.slots, 20);
  EXPECT_EQ(plan.variants[0].scenario.outreach.targeting, OutreachTargeting::risk);  // not given: the base's
  EXPECT_EQ(plan.variants[2].scenario.outreach.targeting, OutreachTargeting::lists);
  EXPECT_EQ(plan.runs[2].id, "v0002-big_r00");
}

TEST(SweepPlan, WithoutVaryTheBaseIsReplicated) {
  const RunPlan plan = sweep_of("", 3);
  EXPECT_EQ(plan.variants.size(), 1u);
  EXPECT_EQ(plan.runs.size(), 3u);
  EXPECT_TRUE(plan.columns.empty());
}

TEST(SweepPlan, BaseIsRelativeToTheSweepFile) {
  const ScratchDir dir;
  test::write_file(dir.path() / "scenarios/base.yaml", test::slurp(test::source_path("scenarios/silo.yaml")));
  test::write_file(dir.path() / "scenarios/sweeps/s.yaml", std::string("base: ../base.yaml\n") + test::kSmallSet);
  const RunPlan plan = load_sweep(dir / "scenarios/sweeps/s.yaml");
  EXPECT_EQ(plan.variants.at(0).scenario.name, "silo");
  EXPECT_EQ(plan.name, "s");
}

TEST(SweepPlan, FingerprintsFollowTheInputs) {
  const RunPlan a = sweep_of("vary:\n  grid:\n    outreach.workers: [1, 2]\n");
  const RunPlan b = sweep_of("vary:\n  grid:\n    outreach.workers: [1, 5]\n");
  EXPECT_EQ(a.runs[0].fingerprint, b.runs[0].fingerprint);
  EXPECT_NE(a.runs[1].fingerprint, b.runs[1].fingerprint);
  EXPECT_EQ(a.runs[0].cost, 3000.0 * 230.0);
}

TEST(SweepPlan, RunIdsArePlainFileNamesWhateverTheNames) {
  const RunPlan plan = parse_sweep(
      "name: ../../../etc/evil\nbase: " + test::source_path("scenarios/silo.yaml") + "\n" + test::kSmallSet +
          "vary:\n  variants:\n    - {name: ../../x, outreach.workers: 1}\n    - {name: '..', outreach.workers: 2}\n"
          "    - {name: \"a/b\\\\c\", outreach.workers: 3}\n    - {name: 名前, outreach.workers: 4}\n"
          "    - {name: .hidden, outreach.workers: 5}\n",
      "evil.yaml");
  std::set<std::string> ids;
  for (const PlannedRun& run : plan.runs) {
    ids.insert(run.id);
    EXPECT_EQ(run.id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
              std::string::npos)
        << run.id;
  }
  EXPECT_EQ(ids.size(), plan.runs.size());
  EXPECT_EQ(sanitize_name("../../x"), "______x");
  EXPECT_EQ(sanitize_name("Kita-ku_2"), "Kita-ku_2");
  EXPECT_EQ(sanitize_name("名前"), "");
}

TEST(SweepPlan, LargestRunsFirst) {
  const RunPlan plan =
      parse_sweep("base: " + test::source_path("scenarios/silo.yaml") +
                      "\nvary:\n  grid:\n    population.residents: [1000, 5000, 2000]\nreplicates: 2\n",
                  "sweep.yaml");
  const auto order = largest_first(plan);
  EXPECT_EQ(order, (std::vector<std::size_t>{2, 3, 4, 5, 0, 1}));
}

TEST(SweepPlan, SummaryRowsRoundTrip) {
  Summary s;
  s.overall.episodes = 12345;
  s.overall.median_days = NAN;
  s.by_field[4].within_90 = 0.25;
  s.by_compound[0].detected = 7;
  s.refusals = 99;
  s.cost_per_detected_yen = 1.5e6;
  const std::vector<double> row = flatten_summary(s);
  ASSERT_EQ(row.size(), metric_columns().size());
  const Summary back = unflatten_summary(row);
  EXPECT_EQ(summary_to_json(back, "x"), summary_to_json(s, "x"));
  // Every number of the JSON summary has its column (the JSON counts one per line).
  const std::string json = summary_to_json(s, "x");
  std::size_t numbers = 0;
  for (std::size_t at = json.find(": "); at != std::string::npos; at = json.find(": ", at + 1))
    numbers += json[at + 2] != '{' && json[at + 2] != '"';
  EXPECT_EQ(numbers, metric_columns().size());
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(NAN), "NaN");
  EXPECT_EQ(format_number(12345), "12345");
}

struct BadSweep {
  const char* label;
  std::string text;
  const char* located;  // "line:col: key" expected in the message
  const char* message;  // a part of the problem
};

TEST(SweepPlan, BadSweepFilesGiveLocatedErrors) {
  const std::string base = "base: " + test::source_path("scenarios/silo.yaml") + "\n";
  const std::vector<BadSweep> cases = {
      {"unknown top key", base + "replicate: 3\n", "2:1: replicate", "did you mean 'replicates'?"},
      {"unknown parameter", base + "vary:\n  grid:\n    outreach.worker: [1, 2]\n", "4:5: outreach.worker",
       "did you mean 'outreach.workers'?"},
      {"out of range", base + "vary:\n  grid:\n    intake.staff_knowledge: [0.5, 1.5]\n",
       "4:35: vary.grid.intake.staff_knowledge", "out of range (expected 0 to 1)"},
      {"quoted number", base + "vary:\n  grid:\n    outreach.workers: ['2']\n", "4:24: vary.grid.outreach.workers",
       "quoted, which makes it text"},
      {"unknown choice", base + "vary:\n  grid:\n    outreach.targeting: [risky]\n",
       "4:26:", "one of none, random, risk, lists"},
      {"run.seed", base + "vary:\n  grid:\n    run.seed: [1, 2]\n", "4:5: run.seed", "derived from the seed: key"},
      {"single value", base + "vary:\n  grid:\n    outreach.workers: 2\n", "4:23:", "a single value goes in set:"},
      {"range of a choice", base + "vary:\n  grid:\n    intake.mode: {from: 0, to: 1, step: 1}\n",
       "4:18:", "expected a list of values"},
      {"zero step", base + "vary:\n  grid:\n    outreach.workers: {from: 0, to: 4, step: 0}\n", "4:46:", "positive"},
      {"fixed and varied", base + "set:\n  outreach.workers: 2\nvary:\n  grid:\n    outreach.workers: [1, 2]\n",
       "6:5:", "both fixed in set: and varied"},
      {"twice varied", base + "vary:\n  grid:\n    outreach.workers: [1]\n  variants:\n    - {outreach.workers: 2}\n",
       "6:26:", "varied in two sections"},
      {"missing base", "replicates: 2\n", "1:1: base", "missing"},
      {"base not found", "base: nowhere.yaml\n", "1:7: base", "no scenario file"},
      {"bad seeds", base + "seeds: shared\n", "2:8: seeds", "expected common or independent"},
      {"zero replicates", base + "replicates: 0\n", "2:13: replicates", "out of range"},
      {"lhs min above max",
       base + "vary:\n  latin_hypercube:\n    samples: 4\n    parameters:\n      outreach.workers: {min: 3, max: 1}\n",
       "6:39:", "max is not above min"},
      {"unknown vary section", base + "vary:\n  grids: {}\n", "3:3: vary.grids", "did you mean 'grid'?"},
      {"alias", base + "set: &a\n  outreach.workers: 1\nvary: *a\n", "4:7:", "aliases are not allowed"},
      {"not a mapping", "- 1\n- 2\n", "1:1:", "expected a mapping"},
  };
  for (const BadSweep& c : cases) {
    try {
      parse_sweep(c.text, "bad.yaml");
      ADD_FAILURE() << c.label << ": accepted";
    } catch (const ScenarioError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.rfind("bad.yaml:", 0), 0u) << c.label << ": " << what;
      EXPECT_NE(what.find(std::string("bad.yaml:") + c.located), std::string::npos) << c.label << ": " << what;
      EXPECT_NE(what.find(c.message), std::string::npos) << c.label << ": " << what;
    }
  }
}

TEST(SweepPlan, ABadBaseScenarioNamesItsOwnFile) {
  const ScratchDir dir;
  test::write_file(dir.path() / "base.yaml", "populaton:\n  residents: 5000\n");
  test::write_file(dir.path() / "s.yaml", "base: base.yaml\n");
  try {
    load_sweep(dir / "s.yaml");
    FAIL() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("base.yaml:1:1: populaton"), std::string::npos) << e.what();
  }
}

TEST(SweepPlan, RepositorySweepsLoad) {
  const RunPlan outreach = load_sweep(test::source_path("scenarios/sweep_outreach.yaml"));
  EXPECT_EQ(outreach.variants.size(), 9u);
  EXPECT_EQ(outreach.runs.size(), 27u);
  const RunPlan lhs = load_sweep(test::source_path("scenarios/sweep_juso_lhs.yaml"));
  EXPECT_EQ(lhs.variants.size(), 16u);
  EXPECT_EQ(lhs.runs.size(), 32u);
}

}  // namespace
}  // namespace kyosei
