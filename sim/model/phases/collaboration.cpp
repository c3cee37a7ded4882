// Multi-agency collaboration (多機関協働, docs/ODD.md §7 "Multi-agency collaboration"): a compound
// household whose need was accepted waits for a coordinator (the need itself goes on to service
// meanwhile), who holds a joint meeting (staff hours from every agency involved) and makes a
// support plan (支援プラン) that takes on every open need of the household; those no window had
// heard of are accepted at the meeting and handed on warm. The two modes differ as the field
// reports. A hub team pools its coordinators in one queue, but a household reaches it by a
// referral (paperwork, and for some a second visit to win consent to share information) and its
// plan waits for the team's next support meeting. A coordinator in every agency knows the cases
// its agency serves (no referral, less work), has only its own time, and must first reach the
// agencies outside its field that serve the household (a wait, and work for each).
#include <algorithm>
#include <vector>

#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/events.hpp"
#include "model/phases.hpp"
#include "model/phases/collaboration.hpp"
#include "model/phases/intake.hpp"
#include "model/phases/service.hpp"
#include "model/residents.hpp"

namespace kyosei {
namespace {

// A household planned recently is not planned again for a new need: its plan is reviewed instead.
constexpr Day kPlanReviewDays = 180;

std::vector<std::int32_t> open_episodes_of(const State& st, std::int32_t household) {
  std::vector<std::int32_t> out;
  for_each_member(st, household, [&](std::int32_t m) {
    for (std::int32_t e = st.residents.first_open[m]; e >= 0; e = st.episodes.next_open[e]) out.push_back(e);
  });
  return out;
}

bool has_open_need(const State& st, std::int32_t household) {
  bool open = false;
  for_each_member(st, household, [&](std::int32_t m) { open = open || st.residents.first_open[m] >= 0; });
  return open;
}

// The distinct agencies that serve or will serve the household's open needs.
std::vector<std::int32_t> agencies_serving(const Context& ctx, const State& st,
                                           const std::vector<std::int32_t>& episodes) {
  std::vector<std::int32_t> involved;
  for (const std::int32_t e : episodes) {
    const std::int32_t agency = serving_agency(ctx, st, e);
    if (std::find(involved.begin(), involved.end(), agency) == involved.end()) involved.push_back(agency);
  }
  return involved;
}

// Agencies serving the household's known needs (those accepted) other than the coordinator's.
std::size_t outside_agencies(const Context& ctx, const State& st, std::int32_t h, std::int32_t coordinator) {
  std::vector<std::int32_t> known;
  for (const std::int32_t e : open_episodes_of(st, h))
    if (st.episodes.outcome[e] != Outcome::undetected) known.push_back(e);
  const std::vector<std::int32_t> involved = agencies_serving(ctx, st, known);
  return static_cast<std::size_t>(
      std::count_if(involved.begin(), involved.end(), [&](std::int32_t a) { return a != coordinator; }));
}

// Makes the household's plan and returns its work, in hub plans: a distributed coordinator
// (`coordinator` its agency, -1 for the hub) works less on its own case and more for each
// agency outside its field.
double make_plan(const Context& ctx, State& st, std::int32_t h, std::int32_t coordinator) {
  Episodes& E = st.episodes;
  const Scenario::Collaboration& C = ctx.scenario.collaboration;
  const double work = coordinator < 0
                          ? 1.0
                          : C.own_case_plan_work + C.outside_agency_plan_work *
                                                       static_cast<double>(outside_agencies(ctx, st, h, coordinator));
  st.households.awaiting_plan[h] = kNoPlanPending;
  st.households.last_plan[h] = st.today;
  ++st.counters.plans;
  const std::vector<std::int32_t> episodes = open_episodes_of(st, h);
  st.counters.meeting_hours +=
      C.meeting_hours_per_agency * static_cast<double>(agencies_serving(ctx, st, episodes).size());
  for (const std::int32_t e : episodes) {
    if (E.outcome[e] == Outcome::undetected) {  // the meeting finds what no window had heard of
      E.planned[e] = st.today;
      accept(ctx, st, e, serving_agency(ctx, st, e), Channel::household, false);
    } else if (E.planned[e] == kAwaitingPlan || E.planned[e] == kNever) {  // already on its way to service
      E.planned[e] = st.today;
      plan_service(ctx, st, e);
    }
  }
  return work;
}

// Without a coordinator, the household's wait for a plan ends (its needs went on to service).
void release(State& st, std::int32_t h) {
  st.households.awaiting_plan[h] = kNoPlanPending;
  for (const std::int32_t e : open_episodes_of(st, h))
    if (st.episodes.planned[e] == kAwaitingPlan) st.episodes.planned[e] = kNever;
}

}  // namespace

bool needs_plan(const Context& ctx, const State& st, std::int32_t e) {
  if (ctx.scenario.collaboration.mode == CollaborationMode::off) return false;
  const std::int32_t h = st.episodes.household[e];
  if (st.households.awaiting_plan[h]) return true;
  const Day last = st.households.last_plan[h];
  if (last != kNever && st.today - last < kPlanReviewDays) return false;
  if (st.episodes.compound[e] & (kTag8050 | kTagDoubleCare)) return true;
  return compound_tags(st, h) & (kTag8050 | kTagDoubleCare | kTagMultiNeed);
}

void queue_for_plan(const Context& ctx, State& st, std::int32_t household, std::int32_t agency) {
  std::uint8_t& awaiting = st.households.awaiting_plan[household];
  if (awaiting != kNoPlanPending) return;
  const Scenario::Collaboration& C = ctx.scenario.collaboration;
  Draws d = ctx.draws(Process::coordination, static_cast<std::uint32_t>(household), st.today);
  double wait = 0;
  if (C.mode == CollaborationMode::hub) {
    wait = d.exponential(1.0 / std::max(1e-9, C.hub_referral_days));
    if (d.bernoulli(C.hub_consent_stall)) wait += d.exponential(1.0 / std::max(1e-9, C.hub_consent_days));
  } else if (outside_agencies(ctx, st, household, agency) > 0) {
    wait = d.exponential(1.0 / std::max(1e-9, C.outside_agency_days));
  } else {  // the coordinator's own case: in its queue at once
    awaiting = kPlanQueued;
    st.levers.coordinator_queue[agency].push_back(household);
    return;
  }
  awaiting = kPlanReferred;
  st.calendars.intake.schedule(event_day(st.today, wait),
                               {household, 0, static_cast<std::int16_t>(agency), kCoordinatorReferral});
}

void coordinator_receives(const Context& ctx, State& st, std::int32_t household, std::int32_t agency) {
  std::uint8_t& awaiting = st.households.awaiting_plan[household];
  if (awaiting != kPlanReferred) return;  // released meanwhile, or already queued
  const CollaborationMode mode = ctx.scenario.collaboration.mode;
  if (mode == CollaborationMode::off || st.households.members[household] == 0) {
    release(st, household);
    return;
  }
  awaiting = kPlanQueued;
  st.levers.coordinator_queue[mode == CollaborationMode::hub ? 0 : agency].push_back(household);
}

void phase_collaboration(const Context& ctx, State& st) {
  LeverState& L = st.levers;
  const Scenario::Collaboration& C = ctx.scenario.collaboration;
  if (C.mode == CollaborationMode::off) {
    for (auto& queue : L.coordinator_queue) {
      for (const std::int32_t h : queue) release(st, h);
      queue.clear();
    }
    return;
  }
  // Plans owed accrue every day; idle coordinators bank at most a week's worth (a hub, the
  // plans of one interval between its meetings), and at least one plan.
  const bool hub = C.mode == CollaborationMode::hub;
  const Day interval = static_cast<Day>(std::max<std::int64_t>(1, C.hub_meeting_interval_days));
  const double per_day = C.coordinators * C.plans_per_coordinator_month * 12.0 / 365.25;
  const Day bank_days = hub ? std::max<Day>(7, interval) : 7;
  const double bank = std::max(1.0, bank_days * per_day);
  const bool meeting_day = !hub || st.today % interval == 0;
  const std::size_t coordinators = hub ? 1 : L.coordinator_queue.size();
  for (std::size_t c = 0; c < coordinators; ++c) {
    L.plan_credit[c] = std::min(L.plan_credit[c] + per_day, bank);
    if (!meeting_day) continue;
    auto& queue = L.coordinator_queue[c];
    while (L.plan_credit[c] >= 1.0 && !queue.empty()) {
      const std::int32_t h = queue.front();
      queue.pop_front();
      // Moved away, died, or every need ended while it waited: no meeting, no plan.
      if (st.households.members[h] == 0 || !has_open_need(st, h)) {
        release(st, h);
        continue;
      }
      L.plan_credit[c] -= make_plan(ctx, st, h, hub ? -1 : static_cast<std::int32_t>(c));
    }
  }
}

}  // namespace kyosei
