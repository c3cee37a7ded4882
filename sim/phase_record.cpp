// Recording (MODEL.md §3.11): the day's counters and running totals become one row of the daily
// series; nothing is recomputed from the population.
#include "engine.hpp"

namespace kyosei {
namespace {

double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

void phase_record(const Context&, State& st) {
  if (st.today >= st.burn_in) {
    DailySeries& S = st.series;
    const DayCounters& C = st.counters;
    const Totals& T = st.totals;
    S.day.push_back(st.today - st.burn_in);
    S.residents.push_back(T.alive);
    S.isolation_residents.push_back(share(T.isolated_eligible, T.eligible));
    S.isolation_households.push_back(share(T.isolated_households, T.nonempty_households));
    S.open_undetected.push_back(T.open_undetected);
    S.onsets.push_back(C.onsets);
    S.first_contacts.push_back(C.first_contacts);
    S.detections_self_referral.push_back(C.detections[static_cast<int>(Channel::self_referral)]);
    S.detections_tie.push_back(C.detections[static_cast<int>(Channel::tie)]);
    S.detections_commissioner.push_back(C.detections[static_cast<int>(Channel::commissioner)]);
    S.detections_institution.push_back(C.detections[static_cast<int>(Channel::institution)]);
    S.detections_crisis.push_back(C.detections[static_cast<int>(Channel::crisis)]);
    S.detections_household.push_back(C.detections[static_cast<int>(Channel::household)]);
    S.refusals.push_back(C.refusals);
    S.referrals.push_back(C.referrals);
    S.dropoffs.push_back(C.dropoffs);
    S.resolutions.push_back(C.resolutions);
    S.deaths.push_back(C.deaths);
    S.births.push_back(C.births);
    const AgencyState& A = st.agencies;
    for (std::size_t a = 0; a < A.info.size(); ++a) {
      S.caseload.push_back(A.caseload[a]);
      S.queue.push_back(static_cast<std::int64_t>(A.queue[a].size()));
      S.monitoring.push_back(A.monitoring[a]);
    }
  }
  st.counters = DayCounters{};
}

}  // namespace kyosei
