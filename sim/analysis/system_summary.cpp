// The system side of the summary: waits for service, workload, the levers' activity and costs,
// from the series and the episode table (docs/ODD.md §1: the costs and side effects must show).
#include <cmath>
#include <numeric>

#include "kyosei/analysis/summary.hpp"

namespace kyosei {
namespace {

template <class T>
double mean_of(const std::vector<T>& v) {
  if (v.empty()) return NAN;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

template <class T>
double per_year(const std::vector<T>& v) {
  if (v.empty()) return NAN;
  return std::accumulate(v.begin(), v.end(), 0.0) * 365.25 / static_cast<double>(v.size());
}

// Sum over agencies of a [day][agency] series, one value per day.
std::vector<double> total_over_agencies(const std::vector<std::int64_t>& per_agency, std::size_t agencies) {
  std::vector<double> out(agencies ? per_agency.size() / agencies : 0, 0.0);
  for (std::size_t i = 0; i < per_agency.size(); ++i) out[i / agencies] += static_cast<double>(per_agency[i]);
  return out;
}

}  // namespace

void add_system_summary(const Results& r, Summary& s) {
  const EpisodeTable& E = r.episodes;
  double wait = 0, compound_wait = 0;
  std::int64_t covered = 0, compound_covered = 0;
  constexpr std::uint8_t kCompound = kTag8050 | kTagDoubleCare | kTagMultiNeed;
  for (std::size_t e = 0; e < E.size(); ++e) {
    if (E.covered_day[e] < 0) continue;
    const double days = E.covered_day[e] - E.detected_day[e];
    wait += days;
    ++covered;
    if (E.compound[e] & kCompound) {
      compound_wait += days;
      ++compound_covered;
    }
  }
  s.mean_wait_days = covered ? wait / covered : NAN;
  s.compound_coverage_days = compound_covered ? compound_wait / compound_covered : NAN;

  const DailySeries& S = r.series;
  const std::size_t agencies = r.agencies.size();
  s.mean_monitoring_cases = mean_of(total_over_agencies(S.monitoring, agencies));
  double staff = 0;
  for (const AgencyInfo& a : r.agencies) staff += a.staff;
  s.caseload_per_worker = staff > 0 ? mean_of(total_over_agencies(S.caseload, agencies)) / staff : NAN;
  s.mean_coordinator_queue = mean_of(S.coordinator_queue);
  s.meeting_hours_per_year = per_year(S.meeting_hours);
  s.intake_hours_per_year = per_year(S.intake_hours);
  s.outreach_visits_per_year = per_year(S.outreach_visits);
  s.mean_participants = mean_of(S.participants);
  s.mean_attendees = mean_of(S.attendees);
  s.cost_yen_per_year = per_year(S.cost_yen);
  s.new_function_cost_yen_per_year = per_year(S.new_function_cost_yen);
  s.national_subsidy_yen_per_year = per_year(S.national_subsidy_yen);
  s.municipal_cost_yen_per_year = s.cost_yen_per_year - s.national_subsidy_yen_per_year;
  const double total_cost = std::accumulate(S.cost_yen.begin(), S.cost_yen.end(), 0.0);
  s.cost_per_detected_yen = s.overall.detected > 0 ? total_cost / static_cast<double>(s.overall.detected) : NAN;
}

}  // namespace kyosei
