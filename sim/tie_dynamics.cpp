// Tie dynamics (MODEL.md §3.10): active outside ties decay to dormant, dormant ones are renewed;
// withdrawal and old age speed decay and slow renewal. Each flip is an event drawn from the
// tie's current hazard, so a quiet tie costs nothing on the days between.
#include "engine.hpp"

namespace kyosei {
namespace {

double end_factor(const Context& ctx, const State& st, std::int32_t r) {
  const Scenario::Ties& P = ctx.scenario.ties;
  double f = 1.0;
  if (st.residents.has(r, kWithdrawn)) f *= P.withdrawn_factor;
  if (st.residents.age(r, st.today) >= 75) f *= P.old_age_factor;
  return f;
}

}  // namespace

TieRates tie_rates(const Context& ctx, const State& st, std::uint32_t tie) {
  const Scenario::Ties& P = ctx.scenario.ties;
  const double factor = end_factor(ctx, st, st.ties.end_a[tie]) * end_factor(ctx, st, st.ties.end_b[tie]);
  // Renewal balances decay at the target active share for residents without factors; a
  // community place renews its attendees' ties faster.
  double renewal = P.decay_rate * P.active_share / (1 - P.active_share) / factor;
  for (std::int32_t end : {st.ties.end_a[tie], st.ties.end_b[tie]})
    if (st.residents.place[end] >= 0) renewal *= ctx.scenario.community.renewal_factor;
  return {P.decay_rate * factor, renewal};
}

void schedule_tie_flip(const Context& ctx, State& st, std::uint32_t tie) {
  if (st.ties.status[tie] == kGone) return;
  const std::uint32_t version = ++st.ties.version[tie];
  const TieRates rates = tie_rates(ctx, st, tie);
  const double rate = st.ties.status[tie] == kActive ? rates.decay : rates.renewal;
  if (rate <= 0) return;
  Draws d = ctx.draws(Process::tie_flip, tie, st.today, version);
  st.calendars.ties.schedule(event_day(st.today, d.exponential(rate) * kDaysPerYear),
                             {static_cast<std::int32_t>(tie), version, 0, 0});
}

void reschedule_ties_of(const Context& ctx, State& st, std::int32_t r) {
  for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t) { schedule_tie_flip(ctx, st, tie); });
}

void remove_ties_of(const Context& ctx, State& st, std::int32_t r) {
  for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t other) {
    if (st.ties.status[tie] == kActive) {
      change_outside_ties(ctx, st, r, -1);
      change_outside_ties(ctx, st, other, -1);
      refresh_resident(ctx, st, other);
    }
    st.ties.status[tie] = kGone;
    ++st.ties.version[tie];
  });
}

void phase_ties(const Context& ctx, State& st) {
  auto& bucket = st.calendars.ties.bucket(st.today);
  for (const Event& ev : bucket) {
    const auto tie = static_cast<std::uint32_t>(ev.id);
    if (ev.version != st.ties.version[tie]) continue;  // superseded by a rate change
    const int delta = st.ties.status[tie] == kActive ? -1 : +1;
    st.ties.status[tie] = delta > 0 ? kActive : kDormant;
    const std::int32_t a = st.ties.end_a[tie], b = st.ties.end_b[tie];
    change_outside_ties(ctx, st, a, delta);
    change_outside_ties(ctx, st, b, delta);
    schedule_tie_flip(ctx, st, tie);
    refresh_resident(ctx, st, a);
    refresh_resident(ctx, st, b);
  }
  st.calendars.ties.release(st.today);
}

}  // namespace kyosei
