// Outreach (アウトリーチ等を通じた継続的支援, docs/ODD.md §7 "Outreach"): the team's daily visits go first to
// households where it is building trust, then down a target list made by its targeting rule.
// A household with a withdrawn member lets a worker in only after several visits; a trusted visit
// reveals each open need with some probability, and the team takes it on: it hands owned needs on
// by hand and serves the gap needs itself.
#include <algorithm>
#include <cmath>

#include "model/context.hpp"
#include "model/events.hpp"
#include "model/outreach_targets.hpp"
#include "model/phases.hpp"
#include "model/phases/intake.hpp"
#include "model/residents.hpp"

namespace kyosei {
namespace {

enum OutreachEvent : std::uint8_t { kTrustVisit = 0 };

bool has_withdrawn_member(const State& st, std::int32_t h) {
  bool any = false;
  for_each_member(st, h, [&](std::int32_t m) { any = any || st.residents.has(m, kWithdrawn); });
  return any;
}

void visit(const Context& ctx, State& st, std::int32_t h) {
  const Scenario::Outreach& O = ctx.scenario.outreach;
  ++st.counters.outreach_visits;
  st.households.last_visit[h] = st.today;
  if (has_withdrawn_member(st, h) && st.households.trust[h] < O.visits_to_trust) {
    ++st.households.trust[h];
    Draws d = ctx.draws(Process::outreach_visit, static_cast<std::uint32_t>(h), st.today);
    st.calendars.outreach.schedule(event_day(st.today, d.exponential(1.0 / O.trust_interval_days)),
                                   {h, 0, 0, kTrustVisit});
    return;
  }
  std::vector<std::int32_t> found;
  for_each_member(st, h, [&](std::int32_t m) {
    for (std::int32_t e = st.residents.first_open[m]; e >= 0; e = st.episodes.next_open[e])
      if (st.episodes.outcome[e] == Outcome::undetected) found.push_back(e);
  });
  for (const std::int32_t e : found) {
    Draws d = ctx.draws(Process::outreach_visit, static_cast<std::uint32_t>(e), st.today, 1);
    if (d.bernoulli(O.visit_detection)) accept(ctx, st, e, st.agencies.outreach, Channel::outreach, false);
  }
}

}  // namespace

void phase_outreach(const Context& ctx, State& st) {
  const Scenario::Outreach& O = ctx.scenario.outreach;
  LeverState& L = st.levers;
  auto& due = st.calendars.outreach.bucket(st.today);
  if (O.workers <= 0 || st.agencies.outreach < 0) {
    st.calendars.outreach.release(st.today);
    return;
  }
  // Visits happen on working days: five in seven.
  L.visit_credit += O.workers * O.visits_per_worker_day * 5.0 / 7.0;
  std::size_t i = 0;
  for (; i < due.size() && L.visit_credit >= 1.0; ++i, L.visit_credit -= 1.0)
    if (st.households.members[due[i].id] > 0) visit(ctx, st, due[i].id);
  for (; i < due.size(); ++i) st.calendars.outreach.schedule(st.today + 1, due[i]);  // postponed
  st.calendars.outreach.release(st.today);

  remake_target_list_when_due(ctx, st);
  while (L.visit_credit >= 1.0) {
    const std::int32_t h = next_target(ctx, st);
    if (h < 0) break;
    const Day last = st.households.last_visit[h];
    if (st.households.members[h] == 0 || (last != kNever && st.today - last < O.revisit_days)) continue;
    visit(ctx, st, h);
    L.visit_credit -= 1.0;
  }
  L.visit_credit = std::min(L.visit_credit, 1.0 + O.workers * O.visits_per_worker_day);  // no hoarding
}

}  // namespace kyosei
