// Multi-agency collaboration (多機関協働, docs/ODD.md §7 "Multi-agency collaboration"): a compound
// household whose need was accepted waits for a coordinator (the need itself goes on to service
// meanwhile), who holds a joint meeting (staff hours from every agency involved) and makes a
// support plan (支援プラン) that takes on every open need of the household; those no window had
// heard of are accepted at the meeting and handed on warm. A hub team has one queue; distributed
// coordinators (one in every agency) each take the households their agency accepted.
#include <algorithm>
#include <vector>

#include "model/context.hpp"
#include "model/episodes.hpp"
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

void make_plan(const Context& ctx, State& st, std::int32_t h) {
  Episodes& E = st.episodes;
  st.households.awaiting_plan[h] = 0;
  st.households.last_plan[h] = st.today;
  ++st.counters.plans;
  const std::vector<std::int32_t> episodes = open_episodes_of(st, h);
  std::vector<std::int32_t> involved;
  for (const std::int32_t e : episodes) {
    const std::int32_t agency = serving_agency(ctx, st, e);
    if (std::find(involved.begin(), involved.end(), agency) == involved.end()) involved.push_back(agency);
  }
  st.counters.meeting_hours +=
      ctx.scenario.collaboration.meeting_hours_per_agency * static_cast<double>(involved.size());
  for (const std::int32_t e : episodes) {
    if (E.outcome[e] == Outcome::undetected) {  // the meeting finds what no window had heard of
      E.planned[e] = st.today;
      accept(ctx, st, e, serving_agency(ctx, st, e), Channel::household, false);
    } else if (E.planned[e] == kAwaitingPlan || E.planned[e] == kNever) {  // already on its way to service
      E.planned[e] = st.today;
      plan_service(ctx, st, e);
    }
  }
}

// Without a coordinator, the household's wait for a plan ends (its needs went on to service).
void release(State& st, std::int32_t h) {
  st.households.awaiting_plan[h] = 0;
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
  if (st.households.awaiting_plan[household]) return;
  st.households.awaiting_plan[household] = 1;
  const bool hub = ctx.scenario.collaboration.mode == CollaborationMode::hub;
  st.levers.coordinator_queue[hub ? 0 : agency].push_back(household);
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
  // Plans owed accrue every day; idle coordinators bank at most a week's worth.
  const double per_day = C.coordinators * C.plans_per_coordinator_month * 12.0 / 365.25;
  const std::size_t coordinators = C.mode == CollaborationMode::hub ? 1 : L.coordinator_queue.size();
  for (std::size_t c = 0; c < coordinators; ++c) {
    L.plan_credit[c] = std::min(L.plan_credit[c] + per_day, std::max(1.0, 7 * per_day));
    auto& queue = L.coordinator_queue[c];
    while (L.plan_credit[c] >= 1.0 && !queue.empty()) {
      const std::int32_t h = queue.front();
      queue.pop_front();
      L.plan_credit[c] -= 1.0;
      if (st.households.members[h] > 0) make_plan(ctx, st, h);
    }
  }
}

}  // namespace kyosei
