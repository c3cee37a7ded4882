#pragma once
// A region: many municipalities, each simulated as an independent system (its own population,
// agencies and seed), spread over threads or MPI ranks largest first, and reported per
// municipality and in total. A region is a run plan (sweep.hpp) whose variants are the
// municipalities, so it shares the executors, the manifest and the resumption of sweeps.
//
// A region file (YAML; paths relative to the file):
//
//   name: japan_synthetic
//   scenario: ../full_juso.yaml      # the parameters of every municipality, levers as adopted
//   set: {run.horizon_days: 1825}    # fixed overrides (optional)
//   start_year: 2021                 # the calendar year of recorded day 0 (needed with adoption years)
//   scale:                           # absolute staffing of the scenario, per reference population
//     reference_residents: 100000
//     keys: [outreach.workers, participation.slots, collaboration.coordinators]
//   replicates: 1
//   seed: 1
//   municipalities: japan_synthetic.csv   # a CSV file, or an inline list:
//   #  - {name: Kamiyama, population: 5000, adoption_year: 2023}
//
// The CSV has a header row naming its columns, in any order: name and population (required),
// adoption_year and share_65plus (optional; empty cells allowed).
//
// A municipality with an adoption year Y runs the scenario's silo baseline (Scenario::
// silo_baseline: silo intake, cold hand-offs, no outreach, participation, places or coordination)
// until recorded day (Y - start_year) x 365 and the scenario's levers from then on (a timeline
// entry for each lever parameter); one adopting at or before start_year runs the levers from day
// 0; one without an adoption year, or adopting after the horizon, runs the silo baseline
// throughout. A region file without any adoption year runs the scenario as written everywhere.
//
// share_65plus is read, checked (0 to 1) and reported, but not simulated: the synthetic
// population's ages follow from its household types (docs/ODD.md §1 "Patterns") and no parameter
// sets the share of residents aged 65+ directly. A municipality smaller than three blocks of
// households gets smaller blocks (population.block_households = population / 3).
//
// Seeds: municipality m, replicate r runs with derive_seed(seed, m + 1, r): independent between
// municipalities, and the same in two region files that list the same municipalities (common
// random numbers between, say, a silo and a jūsō region).
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kyosei/model/results.hpp"
#include "kyosei/ensemble/sweep.hpp"

namespace kyosei {

struct Municipality {
  std::string name;
  std::int64_t population = 0;
  int adoption_year = 0;      // 0: none
  double share_65plus = NAN;  // NaN: not given
};

// A municipalities CSV. Throws ScenarioError "file:line:col: column: problem".
std::vector<Municipality> read_municipalities_csv(const std::string& path);
std::vector<Municipality> parse_municipalities_csv(std::string_view text, const std::string& path);

// Reads a region file and expands it (kind "region", one variant per municipality, in file order).
RunPlan load_region(const std::string& path);
RunPlan parse_region(std::string_view text, const std::string& path);

// The region's total from its municipalities' summaries. Counts and yearly totals (episodes,
// detected, refusals, dropoffs, visits, meeting hours, participants, attendees, monitoring cases,
// the coordinator queue, costs) are summed; rates over residents (isolation, caseload per worker)
// are weighted by population; rates and times over needs are weighted by the needs they concern:
// a group's detection times and shares by its episodes (medians too: the total median is the
// episode-weighted mean of the municipal medians, not the median of the pooled needs), its
// crisis_share by its detected needs; share_bounced by episodes; share_crisis, mean_hops,
// mean_wait_days and cost_per_detected_yen by detected needs; compound_coverage_days by detected
// needs of compound households. Values that are not finite (a NaN median) are left out of their
// weighted mean. A summary number without a rule is refused when the region file is read.
Summary aggregate_summaries(std::span<const Summary> parts, std::span<const double> residents);

// DIR/total.csv: one row per replicate: replicate, municipalities, residents, metric_columns().
std::string region_totals_csv(const RunPlan& plan, const std::vector<RunRecord>& records);

}  // namespace kyosei
