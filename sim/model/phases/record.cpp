// Recording (docs/ODD.md §7 "Recording and costs"): the day's counters and running totals become
// one row of the daily series; nothing is recomputed from the population.
#include <algorithm>

#include "model/context.hpp"
#include "model/expectations.hpp"
#include "model/phases.hpp"
#include "model/phases/community.hpp"

namespace kyosei {
namespace {

double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

struct DayCost {
  double total = 0, new_functions = 0, subsidy = 0;
};

// The national share of the day's new functions. The grant base caps a grant year's subsidy, not a
// day's (docs/ODD.md §7 "Recording and costs"): a day of joint meetings may cost more than a day's
// share of the base and still be funded, as long as the year's new functions stay within it. Grant
// years are the recorded horizon in 365-day steps, each with the base for its days (as the summary
// counts years of 365.25 days); a last, shorter one gets its share. The year's new functions so far
// are the series' own, recorded before today.
double day_subsidy(const Context& ctx, const State& st, double new_functions) {
  constexpr Day kGrantYearDays = 365;
  const Scenario& s = ctx.scenario;
  const Day into_year = (st.today - st.burn_in) % kGrantYearDays;
  const Day year_days = std::min(kGrantYearDays, st.total_days - (st.today - into_year));
  // The grant band is the municipality's population at the start of the run.
  const double base = grant_base_yen(s, st.initial_residents) * static_cast<double>(year_days) / kDaysPerYear;
  const std::vector<double>& spent = st.series.new_function_cost_yen;
  double before = 0;
  for (auto d = spent.size() - static_cast<std::size_t>(into_year); d < spent.size(); ++d) before += spent[d];
  return s.costs.national_share * (std::min(before + new_functions, base) - std::min(before, base));
}

// The day's cost: agency and outreach staff, coordinators, joint meetings, programme places,
// community places and the assessment time of integrated intake. The functions the jūsō grant funds
// (outreach, coordination, participation) get the national share up to the grant base amount of the
// municipality's population band.
DayCost day_cost(const Context& ctx, const State& st) {
  const Scenario& s = ctx.scenario;
  const Scenario::Costs& K = s.costs;
  const double per_day = 1.0 / kDaysPerYear;
  DayCost c;
  double outreach_staff = 0, agency_staff = 0;
  for (std::size_t a = 0; a < st.agencies.info.size(); ++a)
    (static_cast<std::int32_t>(a) == st.agencies.outreach ? outreach_staff : agency_staff) += st.agencies.info[a].staff;
  double coordinators = 0;
  if (s.collaboration.mode == CollaborationMode::hub) coordinators = s.collaboration.coordinators;
  if (s.collaboration.mode == CollaborationMode::distributed)
    coordinators =
        s.collaboration.coordinators * static_cast<double>(st.agencies.info.size() - (st.agencies.outreach >= 0));
  c.new_functions = (outreach_staff * K.staff_yen_per_fte + coordinators * K.coordinator_yen_per_fte +
                     s.participation.slots * K.slot_yen_per_year) *
                        per_day +
                    st.counters.meeting_hours * K.meeting_hour_yen;
  const double intake = s.intake.mode == IntakeMode::integrated
                            ? K.integrated_intake_yen_per_100k * static_cast<double>(st.initial_residents) / 1e5
                            : 0.0;
  // Assessments and accompanied hand-offs: staff hours at the hourly staff cost of meetings.
  c.total = c.new_functions + st.counters.intake_hours * K.meeting_hour_yen +
            (agency_staff * K.staff_yen_per_fte + places_in_force(ctx, st) * K.place_yen_per_year + intake) * per_day;
  c.subsidy = day_subsidy(ctx, st, c.new_functions);
  return c;
}

std::int64_t sum(const std::array<std::int64_t, kTieOriginCount>& counts) {
  std::int64_t total = 0;
  for (std::int64_t c : counts) total += c;
  return total;
}

// One kind's, or one origin's, ties formed or ended.
std::int64_t of_origin(const TieCounts& counts, TieOrigin origin) {
  std::int64_t total = 0;
  for (const auto& kind : counts) total += kind[static_cast<int>(origin)];
  return total;
}

void record_tie_counts(State& st, const DayCounters& C) {
  DailySeries& S = st.series;
  const auto& F = C.ties_formed;
  const auto& E = C.ties_ended;
  S.ties.push_back(static_cast<std::int64_t>(st.ties.records.size() - st.ties.free_records.size()));
  S.ties_formed_neighbour.push_back(sum(F[static_cast<int>(TieKind::neighbour)]));
  S.ties_formed_friendship.push_back(sum(F[static_cast<int>(TieKind::friendship)]));
  S.ties_formed_neighbourhood.push_back(of_origin(F, TieOrigin::neighbourhood));
  S.ties_formed_friend_of_friend.push_back(of_origin(F, TieOrigin::friend_of_friend));
  S.ties_formed_place.push_back(of_origin(F, TieOrigin::place));
  S.ties_formed_programme.push_back(of_origin(F, TieOrigin::programme));
  S.ties_ended_neighbour.push_back(sum(E[static_cast<int>(TieKind::neighbour)]));
  S.ties_ended_friendship.push_back(sum(E[static_cast<int>(TieKind::friendship)]));
  S.ties_ended_start.push_back(of_origin(E, TieOrigin::start));
  S.ties_ended_neighbourhood.push_back(of_origin(E, TieOrigin::neighbourhood));
  S.ties_ended_friend_of_friend.push_back(of_origin(E, TieOrigin::friend_of_friend));
  S.ties_ended_place.push_back(of_origin(E, TieOrigin::place));
  S.ties_ended_programme.push_back(of_origin(E, TieOrigin::programme));
}

}  // namespace

void phase_record(const Context& ctx, State& st) {
  update_awareness(ctx, st);  // after the day's outreach visits, before the counters reset
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
    const auto first = [&C](Channel c) { return C.first_contacts_by_channel[static_cast<int>(c)]; };
    S.first_contacts_self_referral.push_back(first(Channel::self_referral));
    S.first_contacts_tie.push_back(first(Channel::tie));
    S.first_contacts_commissioner.push_back(first(Channel::commissioner));
    S.first_contacts_institution.push_back(first(Channel::institution));
    S.first_contacts_crisis.push_back(first(Channel::crisis));
    S.first_contacts_household.push_back(first(Channel::household));
    S.first_contacts_outreach.push_back(first(Channel::outreach));
    S.first_contacts_gap.push_back(C.first_contacts_gap);
    S.awareness_residents.push_back(st.awareness.residents);
    S.awareness_referrers.push_back(st.awareness.referrers);
    S.detections_self_referral.push_back(C.detections[static_cast<int>(Channel::self_referral)]);
    S.detections_tie.push_back(C.detections[static_cast<int>(Channel::tie)]);
    S.detections_commissioner.push_back(C.detections[static_cast<int>(Channel::commissioner)]);
    S.detections_institution.push_back(C.detections[static_cast<int>(Channel::institution)]);
    S.detections_crisis.push_back(C.detections[static_cast<int>(Channel::crisis)]);
    S.detections_household.push_back(C.detections[static_cast<int>(Channel::household)]);
    S.detections_outreach.push_back(C.detections[static_cast<int>(Channel::outreach)]);
    S.refusals.push_back(C.refusals);
    S.referrals.push_back(C.referrals);
    S.dropoffs.push_back(C.dropoffs);
    S.resolutions.push_back(C.resolutions);
    S.deaths.push_back(C.deaths);
    S.solitary_deaths.push_back(st.solitary.died_today);
    S.solitary_discoveries.push_back(st.solitary.discoveries_due[st.today]);
    S.births.push_back(C.births);
    S.births_unpartnered.push_back(C.births_unpartnered);
    record_tie_counts(st, C);
    S.moves_in.push_back(C.moves_in);
    S.moves_out.push_back(C.moves_out);
    S.care_entries.push_back(C.care_entries);
    S.in_care.push_back(T.in_care);
    S.households_formed.push_back(C.households_formed);
    S.households_dissolved.push_back(C.households_dissolved);
    S.outreach_visits.push_back(C.outreach_visits);
    S.participants.push_back(st.levers.participants);
    S.programme_waiting.push_back(static_cast<std::int64_t>(st.levers.programme_waiting.size()));
    S.attendees.push_back(st.levers.attendees);
    std::int64_t waiting_for_plan = 0;
    for (const auto& queue : st.levers.coordinator_queue) waiting_for_plan += static_cast<std::int64_t>(queue.size());
    S.coordinator_queue.push_back(waiting_for_plan);
    S.plans.push_back(C.plans);
    S.meeting_hours.push_back(C.meeting_hours);
    S.intake_hours.push_back(C.intake_hours);
    const DayCost cost = day_cost(ctx, st);
    S.cost_yen.push_back(cost.total);
    S.new_function_cost_yen.push_back(cost.new_functions);
    S.national_subsidy_yen.push_back(cost.subsidy);
    const AgencyState& A = st.agencies;
    for (std::size_t a = 0; a < A.info.size(); ++a) {
      S.caseload.push_back(A.caseload[a]);
      S.queue.push_back(static_cast<std::int64_t>(A.queue[a].size()));
      S.monitoring.push_back(A.monitoring[a]);
    }
  }
  st.counters = DayCounters{};
  st.solitary.died_today = 0;
}

}  // namespace kyosei
