// Moves into residential care (施設入所; docs/ODD.md §7 "Household dynamics"): a resident with a
// care need enters care at care_entry.rate a year, alone_factor times as fast when living alone.
// The candidate moves are drawn at the higher rate and thinned when they come (accepted with the
// rate then over the higher one), so a change of household needs no redraw. A resident in care
// leaves the community's households (depart) and is counted in totals.in_care until death.
#include "model/phases/care_entry.hpp"

#include "model/departure.hpp"
#include "model/events.hpp"
#include "model/households.hpp"
#include "model/phases.hpp"
#include "model/prefetch_households.hpp"
#include "model/schedule_everyone.hpp"

namespace kyosei {
namespace {

double highest_rate(const Context& ctx) { return ctx.scenario.care_entry.rate * ctx.scenario.care_entry.alone_factor; }

TimedEvent candidate_entry(const Context& ctx, const State& st, std::int32_t r) {
  const double rate = highest_rate(ctx);
  if (rate <= 0 || !st.residents.has(r, kCare)) return {};
  Draws d = ctx.draws(Process::care_entry, static_cast<std::uint32_t>(r), st.today);
  return {event_day(st.today, d.exponential(rate) * kDaysPerYear), Event{r, 0, 0, 0}};
}

}  // namespace

void schedule_care_entry(const Context& ctx, State& st, std::int32_t r) {
  const TimedEvent t = candidate_entry(ctx, st, r);
  if (t.day != kNever) st.calendars.care_entry.schedule(t.day, t.event);
}

void schedule_care_entries_at_start(const Context& ctx, State& st) {
  schedule_for_every_resident<1>(ctx, st, st.calendars.care_entry, [&](std::int32_t r) {
    return std::array<TimedEvent, 1>{candidate_entry(ctx, st, r)};
  });
}

void phase_care_entry(const Context& ctx, State& st) {
  const Scenario::CareEntry& C = ctx.scenario.care_entry;
  const std::vector<Event>& bucket = st.calendars.care_entry.bucket(st.today);
  for (std::size_t i = 0; i < bucket.size(); ++i) {
    prefetch_household_events_ahead(st, bucket, i);
    const std::int32_t r = bucket[i].id;
    if (!st.residents.alive(r) || !st.residents.has(r, kCare)) continue;
    Draws d = ctx.draws(Process::care_entry, static_cast<std::uint32_t>(r), st.today, 1);
    const double rate = C.rate * (lives_alone(st, r) ? C.alone_factor : 1.0);
    if (d.uniform() * highest_rate(ctx) < rate)
      depart(ctx, st, r, Departure::in_care);
    else
      schedule_care_entry(ctx, st, r);
  }
  st.calendars.care_entry.release(st.today);
}

}  // namespace kyosei
