#pragma once
// What one run produces: the episode table, the solitary deaths, the daily series, the agencies
// and the summary.
// Members are generated from the field table in output_fields.hpp.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "kyosei/model/fields.hpp"
#include "kyosei/model/output_fields.hpp"

namespace kyosei {

struct EpisodeTable {
#define KYOSEI_DECLARE(name, type, unit, meaning) std::vector<type> name;
  KYOSEI_EPISODE_COLUMNS(KYOSEI_DECLARE)
#undef KYOSEI_DECLARE
  std::size_t size() const { return onset_day.size(); }
};

struct SolitaryDeathTable {
#define KYOSEI_DECLARE(name, type, unit, meaning) std::vector<type> name;
  KYOSEI_SOLITARY_DEATH_COLUMNS(KYOSEI_DECLARE)
#undef KYOSEI_DECLARE
  std::size_t size() const { return death_day.size(); }
};

// A population snapshot's tables (KYOSEI_SNAPSHOT_*_COLUMNS), one vector per column.
#define KYOSEI_DECLARE(name, type, unit, meaning) std::vector<type> name;
struct SnapshotResidents {
  KYOSEI_SNAPSHOT_RESIDENT_COLUMNS(KYOSEI_DECLARE)
  std::size_t size() const { return id.size(); }
};
struct SnapshotHouseholds {
  KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS(KYOSEI_DECLARE)
  std::size_t size() const { return id.size(); }
};
struct SnapshotTies {
  KYOSEI_SNAPSHOT_TIE_COLUMNS(KYOSEI_DECLARE)
  std::size_t size() const { return a.size(); }
};
#undef KYOSEI_DECLARE

// The population at the end of recorded day `day` (negative: a day of the burn-in).
struct PopulationSnapshot {
  std::int32_t day = 0;
  SnapshotResidents residents;
  SnapshotHouseholds households;
  SnapshotTies ties;
};

struct DailySeries {
  std::vector<std::int32_t> day;  // 0 .. horizon_days-1, the dimension of every series
#define KYOSEI_DECLARE(name, type, unit, meaning) std::vector<type> name;
  KYOSEI_SERIES(KYOSEI_DECLARE)
#undef KYOSEI_DECLARE
  // Per agency: row-major [day][agency].
#define KYOSEI_DECLARE(name, unit, meaning) std::vector<std::int64_t> name;
  KYOSEI_AGENCY_SERIES(KYOSEI_DECLARE)
#undef KYOSEI_DECLARE
};

struct AgencyInfo {
  std::string name;  // "elderly_d0", "disability", ...
  Field field;
  std::int32_t district;  // -1 for a municipality-wide agency
  double staff;           // FTE
  std::int64_t capacity;  // open cases at full load
};

// The pathway of one group of episodes (docs/ODD.md "Outcomes"); the fields' meanings are in
// KYOSEI_DETECTION_FIELDS (summary_fields.hpp), in the same order.
struct DetectionEstimate {
  std::int64_t episodes = 0;
  double contact_365 = 0;
  std::int64_t detection_events = 0;  // detected before a crisis
  double detection_30 = 0;            // cumulative incidences, crisis, death and remission competing
  double detection_90 = 0;
  double detection_365 = 0;
  double detection_365_lower = 0;
  double detection_365_upper = 0;
  double detection_median_days = 0;
  std::int64_t crisis_events = 0;
  double crisis_365 = 0;
  double death_365 = 0;
  double engagement_365 = 0;
  double engagement_median_days = 0;
  double resolution_365 = 0;
  // Deprecated: acceptance as detection, crises included (Kaplan-Meier, crises as events).
  std::int64_t detected = 0;
  double median_days = 0;  // NaN when the curve never falls to 0.5 within follow-up
  double rmst_days = 0;    // restricted mean time to acceptance up to kRmstHorizonDays
  double within_30 = 0;    // 1 - S(30), 1 - S(90), 1 - S(365)
  double within_90 = 0;
  double within_365 = 0;
  double crisis_share = 0;  // of the accepted needs, those revealed by a crisis
};

inline constexpr double kRmstHorizonDays = 365.0;

struct Summary {
  DetectionEstimate overall;
  std::array<DetectionEstimate, kFieldCount> by_field;
  DetectionEstimate no_compound;  // households without any compound tag
  std::array<DetectionEstimate, kCompoundTagCount> by_compound;
  double mean_isolation_residents = 0;
  double mean_isolation_households = 0;
  double share_bounced = 0;  // episodes with at least one refusal or lost referral
  double share_crisis = 0;   // detected episodes whose channel was a crisis
  double mean_hops = 0;      // over accepted episodes
  std::int64_t refusals = 0;
  std::int64_t dropoffs = 0;
  // The system's side: waits, workload, the levers' activity and costs (system_summary.cpp).
  double mean_wait_days = 0;
  double compound_coverage_days = 0;
  double mean_monitoring_cases = 0;
  double caseload_per_worker = 0;
  double mean_coordinator_queue = 0;
  double meeting_hours_per_year = 0;
  double intake_hours_per_year = 0;
  double outreach_visits_per_year = 0;
  double mean_participants = 0;
  double mean_attendees = 0;
  double cost_yen_per_year = 0;
  double new_function_cost_yen_per_year = 0;
  double national_subsidy_yen_per_year = 0;
  double municipal_cost_yen_per_year = 0;
  double cost_per_detected_yen = 0;
  // Deaths at home of residents living alone (solitary_summary.cpp).
  std::int64_t solitary_deaths = 0;
  double solitary_deaths_per_100k = 0;
  double solitary_share_65plus = 0;
  double solitary_share_8_days = 0;
  double solitary_share_30_days = 0;
  double solitary_median_days = 0;
};

struct Results {
  EpisodeTable episodes;
  SolitaryDeathTable solitary_deaths;
  DailySeries series;
  std::vector<AgencyInfo> agencies;
  Summary summary;
  // Counted oddities during the run: kWarnings' names (warnings.hpp) with their counts, those
  // never counted left out (docs/ODD.md "Warnings").
  std::vector<std::pair<std::string, std::int64_t>> warnings;
  // The population snapshots asked for (RunOptions::snapshot_days), in day order.
  std::vector<PopulationSnapshot> snapshots;
};

}  // namespace kyosei
