// Regions (region.cpp): the municipalities CSV, the expansion of a region file into municipal
// scenarios (population, scaled staffing, adoption timelines, seeds), located errors, and the
// region's totals.
#include <gtest/gtest.h>

#include <cmath>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/ensemble/region.hpp"
#include "test_sweep_support.hpp"

namespace kyosei {
namespace {

using test::ScratchDir;
namespace fs = std::filesystem;

RunPlan region_of(const std::string& body) {
  return parse_region("scenario: " + test::source_path("scenarios/full_juso.yaml") + "\n" + body, "region.yaml");
}

TEST(RegionCsv, ColumnsInAnyOrderQuotesAndComments) {
  const auto list = parse_municipalities_csv(
      "# a comment\n"
      "population,share_65plus,name,adoption_year\r\n"
      "12000,0.3,\"Kita, \"\"north\"\"\",2023\r\n"
      "\n"
      "800,,村,\n",
      "m.csv");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "Kita, \"north\"");
  EXPECT_EQ(list[0].population, 12000);
  EXPECT_EQ(list[0].adoption_year, 2023);
  EXPECT_DOUBLE_EQ(list[0].share_65plus, 0.3);
  EXPECT_EQ(list[1].name, "村");
  EXPECT_EQ(list[1].adoption_year, 0);
  EXPECT_TRUE(std::isnan(list[1].share_65plus));
}

TEST(RegionCsv, ErrorsAreLocated) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"name,population\nA,12a\n", "m.csv:2:3: population: '12a' is not an integer"},
      {"name,popluation\nA,100\n", "m.csv:1:6: popluation: unknown key 'popluation' (did you mean 'population'?)"},
      {"name\nA\n", "m.csv:1:1: population: no column population"},
      {"name,population\nA,100\nB,200,3\n", "m.csv:3:1: a row of 3 fields (expected 2"},
      {"name,population\nA,100\nA,200\n", "m.csv:3:1: name: municipality 'A' is listed twice (first at line 2)"},
      {"name,population,adoption_year\nA,100,1850\n", "m.csv:2:7: adoption_year: value 1850 out of range"},
      {"name,population,share_65plus\nA,100,1.2\n", "m.csv:2:7: share_65plus: '1.2' is not a share"},
      {"name,population\n\"A,100\n", "m.csv:2:1: a quoted field without its closing quote"},
      {"name,population\n", "m.csv:1:1: no municipalities"},
  };
  for (const auto& [text, expected] : cases) {
    try {
      parse_municipalities_csv(text, "m.csv");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const ScenarioError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
}

TEST(RegionPlan, MunicipalitiesGetTheirPopulationStaffingAndAdoption) {
  const RunPlan plan = region_of(
      "set:\n  run.horizon_days: 1825\nstart_year: 2021\nscale:\n  reference_residents: 100000\n  keys: "
      "[outreach.workers]\n"
      "municipalities:\n"
      "  - {name: Early, population: 50000, adoption_year: 2020}\n"
      "  - {name: Later, population: 20000, adoption_year: 2023}\n"
      "  - {name: Never, population: 5000}\n"
      "  - {name: Tiny, population: 300, adoption_year: 2030}\n");
  ASSERT_EQ(plan.variants.size(), 4u);
  EXPECT_EQ(plan.kind, "region");
  const Scenario full = load_scenario(test::source_path("scenarios/full_juso.yaml"));
  const Scenario& early = plan.variants[0].scenario;
  EXPECT_EQ(early.population.residents, 50000);
  EXPECT_DOUBLE_EQ(early.outreach.workers, full.outreach.workers * 0.5);
  EXPECT_EQ(early.intake.mode, IntakeMode::integrated);  // adopted before the start: the levers from day 0
  EXPECT_TRUE(early.timeline.empty());

  const Scenario& later = plan.variants[1].scenario;
  EXPECT_EQ(later.intake.mode, IntakeMode::silo);  // the silo baseline until its adoption day
  EXPECT_EQ(later.outreach.workers, 0);
  ASSERT_FALSE(later.timeline.empty());
  for (const auto& change : later.timeline) EXPECT_EQ(change.day, 2 * 365) << change.key;
  const Scenario adopted = later.in_force(2 * 365);
  EXPECT_EQ(adopted.intake.mode, IntakeMode::integrated);
  EXPECT_EQ(adopted.intake.handoff, HandOff::warm);
  EXPECT_DOUBLE_EQ(adopted.outreach.workers, full.outreach.workers * 0.2);
  EXPECT_EQ(adopted.collaboration.mode, full.collaboration.mode);

  const Scenario& never = plan.variants[2].scenario;
  EXPECT_EQ(never.intake.mode, IntakeMode::silo);
  EXPECT_TRUE(never.timeline.empty());
  const Scenario& tiny = plan.variants[3].scenario;  // adopts after the horizon: silo throughout
  EXPECT_TRUE(tiny.timeline.empty());
  EXPECT_EQ(tiny.population.block_households, 100);  // fewer than three blocks of 150 households

  EXPECT_TRUE(std::isnan(plan.variants[2].cells[2].number));  // no adoption year
  EXPECT_EQ(plan.runs[1].id, "m0001-Later_r00");
  // Independent seeds, the same for the same municipality in another region file.
  EXPECT_NE(plan.runs[0].seed, plan.runs[1].seed);
  const RunPlan silo = parse_region(
      "scenario: " + test::source_path("scenarios/silo.yaml") +
          "\nmunicipalities:\n  - {name: Early, population: 50000}\n  - {name: Later, population: 20000}\n",
      "silo_region.yaml");
  EXPECT_EQ(silo.runs[1].seed, plan.runs[1].seed);
  // Largest first.
  EXPECT_EQ(largest_first(plan).front(), 0u);
}

TEST(RegionPlan, BadRegionFilesGiveLocatedErrors) {
  const std::string list = "municipalities:\n  - {name: A, population: 4000, adoption_year: 2022}\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {list, "region.yaml:1:1: start_year: missing"},
      {"start_year: 2021\nset:\n  population.residents: 5\n" + list,
       "region.yaml:4:25: set.population.residents: is set by each"},
      {"start_year: 2021\nscale:\n  reference_residents: 1000\n  keys: [intake.mode]\n" + list,
       "region.yaml:5:10: scale.keys: intake.mode cannot be scaled"},
      {"start_year: 2021\nmunicipalities: nowhere.csv\n", "region.yaml:3:17: municipalities: no file"},
      {"start_year: 2021\nmunicipalities:\n  - {name: A, popluation: 4000}\n", "did you mean 'population'?"},
      {"start_yeer: 2021\n" + list,
       "region.yaml:2:1: start_yeer: unknown key 'start_yeer' (did you mean 'start_year'?)"},
  };
  for (const auto& [body, expected] : cases) {
    try {
      region_of(body);
      ADD_FAILURE() << "accepted: " << body;
    } catch (const ScenarioError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
  // A scenario with its own timeline cannot take adoption years.
  try {
    parse_region("scenario: " + test::source_path("scenarios/juso_adoption.yaml") + "\nstart_year: 2021\n" + list,
                 "r.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("the scenario has a timeline"), std::string::npos) << e.what();
  }
}

TEST(RegionTotals, CountsAddAndRatesAreWeighted) {
  std::vector<Summary> parts(2);
  parts[0].overall.episodes = 100;
  parts[0].overall.detected = 80;
  parts[0].overall.within_30 = 0.5;
  parts[0].overall.median_days = 40;
  parts[0].overall.crisis_share = 0.1;
  parts[1].overall.episodes = 300;
  parts[1].overall.detected = 20;
  parts[1].overall.within_30 = 0.1;
  parts[1].overall.median_days = NAN;
  parts[1].overall.crisis_share = 0.6;
  parts[0].mean_isolation_residents = 0.1;
  parts[1].mean_isolation_residents = 0.4;
  parts[0].cost_yen_per_year = 1e6;
  parts[1].cost_yen_per_year = 3e6;
  parts[0].refusals = 5;
  parts[1].refusals = 7;
  parts[0].share_bounced = 0.2;
  parts[1].share_bounced = 0.4;
  parts[0].cost_per_detected_yen = 100;
  parts[1].cost_per_detected_yen = 600;
  const std::vector<double> residents = {30000, 10000};
  const Summary total = aggregate_summaries(parts, residents);
  EXPECT_EQ(total.overall.episodes, 400);
  EXPECT_EQ(total.overall.detected, 100);
  EXPECT_DOUBLE_EQ(total.overall.within_30, (0.5 * 100 + 0.1 * 300) / 400);
  EXPECT_DOUBLE_EQ(total.overall.median_days, 40);  // the NaN median is left out
  EXPECT_DOUBLE_EQ(total.overall.crisis_share, (0.1 * 80 + 0.6 * 20) / 100);
  EXPECT_DOUBLE_EQ(total.mean_isolation_residents, (0.1 * 3 + 0.4 * 1) / 4);
  EXPECT_DOUBLE_EQ(total.cost_yen_per_year, 4e6);
  EXPECT_EQ(total.refusals, 12);
  EXPECT_DOUBLE_EQ(total.share_bounced, (0.2 * 100 + 0.4 * 300) / 400);
  EXPECT_DOUBLE_EQ(total.cost_per_detected_yen, (100.0 * 80 + 600.0 * 20) / 100);
  // An empty group stays empty.
  EXPECT_EQ(total.by_compound[0].episodes, 0);
  EXPECT_TRUE(std::isnan(total.by_compound[0].median_days));
}

TEST(RegionTotals, TotalRowsAggregateTheMunicipalRows) {
  const ScratchDir dir;
  const RunPlan plan = region_of(
      "set:\n  run.horizon_days: 300\n  run.burn_in_days: 30\nreplicates: 2\n"
      "municipalities:\n  - {name: A, population: 4000}\n  - {name: B, population: 1000}\n  - {name: C, population: "
      "2000}\n");
  EnsembleOptions options;
  options.directory = dir / "out";
  const auto executor = thread_executor(2);
  const EnsembleReport report = run_ensemble(plan, options, *executor);
  ASSERT_TRUE(report.complete);
  EXPECT_EQ(report.written.size(), 4u);  // summary.csv, summary.h5, resources.csv, total.csv
  EXPECT_TRUE(fs::exists(dir.path() / "out/total.csv"));
  // Rebuild the totals from summary.csv's rows.
  std::istringstream in(test::slurp(dir.path() / "out/summary.csv"));
  std::string line;
  std::getline(in, line);
  std::vector<RunRecord> records;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::istringstream row(line);
    for (std::string f; std::getline(row, f, ',');) fields.push_back(f);
    RunRecord r;
    for (std::size_t i = 0; i < plan.runs.size(); ++i)
      if (plan.runs[i].id == fields[0]) r.run = i;
    for (std::size_t c = 8; c < fields.size(); ++c)
      r.metrics.push_back(fields[c] == "NaN" ? NAN : std::stod(fields[c]));
    records.push_back(r);
  }
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(region_totals_csv(plan, records), test::slurp(dir.path() / "out/total.csv"));
  EXPECT_NE(test::slurp(dir.path() / "out/total.csv").find("\n0,3,7000,"), std::string::npos);
}

TEST(RegionPlan, TheNationalExampleLoads) {
  const RunPlan plan = load_region(test::source_path("scenarios/regions/japan_synthetic.yaml"));
  ASSERT_EQ(plan.variants.size(), 1741u);
  double total = 0, largest = 0, smallest = 1e12;
  std::size_t adopting = 0;
  for (const Variant& v : plan.variants) {
    const auto n = static_cast<double>(v.scenario.population.residents);
    total += n;
    largest = std::max(largest, n);
    smallest = std::min(smallest, n);
    adopting += !std::isnan(v.cells[2].number);
  }
  EXPECT_EQ(total, 126146099);
  EXPECT_EQ(largest, 3770000);
  EXPECT_EQ(smallest, 300);
  EXPECT_EQ(adopting, 470u);
  EXPECT_FALSE(plan.notes.empty());  // share_65plus is not simulated
  const RunPlan prefecture = load_region(test::source_path("scenarios/regions/prefecture_example.yaml"));
  EXPECT_EQ(prefecture.runs.size(), 12u);
}

}  // namespace
}  // namespace kyosei
