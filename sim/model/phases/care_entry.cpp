// Moves into residential care (施設入所; docs/ODD.md §7 "Household dynamics"): a resident with a
// care need enters care at care_entry.rate a year, alone_factor times as fast when living alone.
// The candidate moves are drawn at the higher rate and thinned when they come (accepted with the
// rate then over the higher one), so a change of household needs no redraw. A resident in care
// leaves the community's households (depart) and is counted in totals.in_care until death.
// On the first day a share of the residents 65+ with a care need (care_entry.start_share) enter at
// once, so that the run starts with the stock of residents in care that its entries and deaths keep.
#include "model/phases/care_entry.hpp"

#include "model/departure.hpp"
#include "model/events.hpp"
#include "model/households.hpp"
#include "model/phases.hpp"
#include "model/prefetch_households.hpp"
#include "model/schedule_everyone.hpp"

namespace kyosei {
namespace {

// An event's kind: a candidate entry, thinned when it comes, or a resident in care from the start.
constexpr std::uint8_t kCandidate = 0, kAtStart = 1;
constexpr std::uint32_t kStartDraw = 2;  // the draw that puts a resident in care at the start

double highest_rate(const Context& ctx) { return ctx.scenario.care_entry.rate * ctx.scenario.care_entry.alone_factor; }

bool starts_eligible(const State& st, std::int32_t r) {
  return st.residents.alive(r) && st.residents.has(r, kCare) && st.residents.age(r, st.today) >= 65;
}

// The odds of starting in care for a resident with a care need living with others (those living
// alone: alone_factor times as high, as in steady state, where each group's residents in care over
// those at home are its entry rate over the death rate), such that start_share of the eligible
// start in care: bisection, the share rising with the odds.
double odds_at_start(const Context& ctx, const State& st) {
  const Scenario::CareEntry& C = ctx.scenario.care_entry;
  if (C.start_share <= 0) return 0;
  double alone = 0, others = 0;
  for (auto r = static_cast<std::int32_t>(st.residents.size()) - 1; r >= 0; --r)
    if (starts_eligible(st, r)) (lives_alone(st, r) ? alone : others) += 1;
  const auto share = [&](double odds) {
    const double a = C.alone_factor * odds;
    return (alone * a / (1 + a) + others * odds / (1 + odds)) / std::max(1.0, alone + others);
  };
  double lo = 0, hi = 1;
  while (share(hi) < C.start_share && hi < 1e12) hi *= 2;
  for (int i = 0; i < 100; ++i) (share((lo + hi) / 2) < C.start_share ? lo : hi) = (lo + hi) / 2;
  return (lo + hi) / 2;
}

TimedEvent candidate_entry(const Context& ctx, const State& st, std::int32_t r) {
  const double rate = highest_rate(ctx);
  if (rate <= 0 || !st.residents.has(r, kCare)) return {};
  Draws d = ctx.draws(Process::care_entry, static_cast<std::uint32_t>(r), st.today);
  return {event_day(st.today, d.exponential(rate) * kDaysPerYear), Event{r, 0, 0, kCandidate}};
}

}  // namespace

void schedule_care_entry(const Context& ctx, State& st, std::int32_t r) {
  const TimedEvent t = candidate_entry(ctx, st, r);
  if (t.day != kNever) st.calendars.care_entry.schedule(t.day, t.event);
}

void schedule_care_entries_at_start(const Context& ctx, State& st) {
  const double odds = odds_at_start(ctx, st);
  const double alone_odds = odds * ctx.scenario.care_entry.alone_factor;
  schedule_for_every_resident<1>(ctx, st, st.calendars.care_entry, [&](std::int32_t r) {
    if (starts_eligible(st, r)) {
      const double o = lives_alone(st, r) ? alone_odds : odds;
      Draws d = ctx.draws(Process::care_entry, static_cast<std::uint32_t>(r), st.today, kStartDraw);
      if (d.bernoulli(o / (1 + o))) return std::array<TimedEvent, 1>{TimedEvent{st.today, Event{r, 0, 0, kAtStart}}};
    }
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
    if (bucket[i].kind == kAtStart) {  // the start's stock, not a move of the day: not counted
      depart(ctx, st, r, Departure::in_care);
      continue;
    }
    Draws d = ctx.draws(Process::care_entry, static_cast<std::uint32_t>(r), st.today, 1);
    const double rate = C.rate * (lives_alone(st, r) ? C.alone_factor : 1.0);
    if (d.uniform() * highest_rate(ctx) < rate) {
      depart(ctx, st, r, Departure::in_care);
      ++st.counters.care_entries;
    } else {
      schedule_care_entry(ctx, st, r);
    }
  }
  st.calendars.care_entry.release(st.today);
}

}  // namespace kyosei
