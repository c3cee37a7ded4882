// Participation support (参加支援, docs/ODD.md §7 "Participation support"): a resident who is isolated or withdrawn, in a
// household an agency has just taken a need of, is offered a programme place (work trials, places to belong, volunteering). While in
// the programme they are not isolated, and leaving withdrawal becomes likelier; completing it
// renews some of their dormant ties and forms new ones (programme ties); some drop out.
#include <algorithm>
#include <cmath>

#include "model/context.hpp"
#include "model/events.hpp"
#include "model/phases.hpp"
#include "model/phases/onset.hpp"
#include "model/phases/participation.hpp"
#include "model/phases/tie_formation.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"
#include "model/warnings.hpp"

namespace kyosei {
namespace {

enum ProgrammeEvent : std::uint8_t { kComplete = 0, kDropOut };

bool has_free_place(const Context& ctx, const State& st) {
  return st.levers.participants < std::llround(ctx.scenario.participation.slots);
}

void join(const Context& ctx, State& st, std::int32_t r) {
  const Scenario::Participation& P = ctx.scenario.participation;
  st.residents.in_programme[r] = 1;
  ++st.levers.participants;
  change_outside_ties(ctx, st, r, +1);  // the programme is a connection outside the household
  Draws d = ctx.draws(Process::programme, static_cast<std::uint32_t>(r), st.today, 1);
  const double complete = d.exponential(1.0 / P.mean_days);
  const double drop = P.dropout_rate > 0 ? d.exponential(P.dropout_rate / kDaysPerYear) : INFINITY;
  const bool drops = drop < complete;
  st.calendars.participation.schedule(event_day(st.today, drops ? drop : complete),
                                      {r, 0, 0, drops ? kDropOut : kComplete});
  if (st.residents.has(r, kWithdrawn)) schedule_programme_recovery(ctx, st, r);
}

// Completing the programme renews dormant ties: the acquaintances it reconnected.
void renew_ties(const Context& ctx, State& st, std::int32_t r) {
  std::int64_t renewed = 0;
  for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t other) {
    if (renewed >= ctx.scenario.participation.ties_renewed || st.ties.records[tie].status() != kDormant) return;
    st.ties.records[tie].set_status(kActive);
    change_outside_ties(ctx, st, r, +1);
    change_outside_ties(ctx, st, other, +1);
    redraw_tie_flip(st, tie);
    ++renewed;
  });
}

// Offered to, and kept on the waiting list while: alive, not in the programme, isolated or
// withdrawn, old enough to count as isolated.
bool eligible(const Context& ctx, const State& st, std::int32_t r) {
  if (!st.residents.alive(r) || st.residents.in_programme[r]) return false;
  if (st.residents.core[r].outside_ties > 0 && !st.residents.has(r, kWithdrawn)) return false;
  return st.residents.age(r, st.today) >= ctx.scenario.ties.isolation_min_age;
}

}  // namespace

void offer_participation(const Context& ctx, State& st, std::int32_t r) {
  const Scenario::Participation& P = ctx.scenario.participation;
  if (P.slots <= 0 || !eligible(ctx, st, r)) return;
  auto& waiting = st.levers.programme_waiting;
  if (std::find(waiting.begin(), waiting.end(), r) != waiting.end()) return;  // each person once
  Draws d = ctx.draws(Process::programme, static_cast<std::uint32_t>(r), st.today, 0);
  if (!d.bernoulli(P.uptake)) return;
  if (has_free_place(ctx, st)) {
    join(ctx, st, r);
  } else if (static_cast<double>(waiting.size()) < std::llround(P.slots) * P.waiting_per_slot) {
    waiting.push_back(r);
  } else {
    count_warning(st, Warning::waiting_list_full);
  }
}

// Completing the programme also forms new ties: Poisson(participation.ties_formed) residents of
// the district met there (programme ties).
void form_programme_ties(const Context& ctx, State& st, std::int32_t r) {
  Draws d = ctx.draws(Process::programme, static_cast<std::uint32_t>(r), st.today, 2);
  const std::uint32_t meetings = d.poisson(ctx.scenario.participation.ties_formed);
  for (std::uint32_t i = 0; i < meetings; ++i) {
    const std::int32_t other = meet_in_district(ctx, st, r, d);
    if (other >= 0 && can_form_tie(ctx, st, r, other))
      form_tie(ctx, st, r, other, TieKind::friendship, TieOrigin::programme);
  }
}

void leave_programme(const Context& ctx, State& st, std::int32_t r, bool completed) {
  st.residents.in_programme[r] = 0;
  --st.levers.participants;
  if (completed) {
    renew_ties(ctx, st, r);
    form_programme_ties(ctx, st, r);
  }
  change_outside_ties(ctx, st, r, -1);
}

void phase_participation(const Context& ctx, State& st) {
  for (const Event& ev : st.calendars.participation.bucket(st.today))
    if (st.residents.alive(ev.id) && st.residents.in_programme[ev.id])
      leave_programme(ctx, st, ev.id, ev.kind == kComplete);
  st.calendars.participation.release(st.today);
  auto& waiting = st.levers.programme_waiting;
  while (!waiting.empty() && has_free_place(ctx, st)) {
    const std::int32_t r = waiting.front();
    waiting.pop_front();
    if (eligible(ctx, st, r)) join(ctx, st, r);  // re-checked: ties may have returned meanwhile
  }
}

}  // namespace kyosei
