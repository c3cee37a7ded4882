// Household dynamics (docs/ODD.md §7 "Household dynamics"): children leave the parental home (for
// study or work) into a household of their own, and unpartnered residents form a partnership.
// A share of children (life_course.stay_share) never leave nor partner: the unmarried adult
// children who stay with their parents (親と同居の未婚者), from whom households of old parents with
// a middle-aged child (8050) arise as both generations age. Each event is drawn once, when the
// resident is born, arrives or the run starts, and checked when it comes: a resident who left
// home or partnered meanwhile lets it pass.
#include "model/phases/household_dynamics.hpp"

#include <algorithm>
#include <cmath>

#include "model/departure.hpp"
#include "model/events.hpp"
#include "model/households.hpp"
#include "model/phases.hpp"
#include "model/phases/migration.hpp"
#include "model/phases/onset.hpp"
#include "model/schedule_everyone.hpp"

namespace kyosei {
namespace {

// Years r spent at ages in [lo, hi) before `age`.
double years_between(double age, double lo, double hi) { return std::max(0.0, std::min(age, hi) - lo); }

// Years until an event of hazard `rate` that can happen between ages lo and hi; infinite if none.
double wait_between(double age, double lo, double hi, double rate, Draws& d) {
  if (rate <= 0 || age >= hi) return INFINITY;
  const double wait = std::max(age, lo) - age + d.exponential(rate);
  return age + wait < hi ? wait : INFINITY;
}

TimedEvent timed(const State& st, double wait_years, std::int32_t r, std::uint8_t kind) {
  if (!std::isfinite(wait_years)) return {};
  return {event_day(st.today, wait_years * kDaysPerYear), Event{r, 0, 0, kind}};
}

std::array<TimedEvent, 2> life_course_events(const Context& ctx, const State& st, std::int32_t r) {
  const Scenario::LifeCourse& L = ctx.scenario.life_course;
  const bool at_home = lives_with_parents(st, r);
  if (!at_home && !lives_alone(st, r)) return {};
  const int sex = st.residents.female[r];
  const double age = st.residents.age(r, st.today);
  Draws d = ctx.draws(Process::leave_home, static_cast<std::uint32_t>(r), st.today);
  std::array<TimedEvent, 2> events{};
  if (at_home) {
    // A stayer with chance stay_share at birth; among those still at home at r's age, the
    // stayers' share of all still at home.
    const double gone = L.leave_home_rate[sex] * years_between(age, L.leave_home_min_age, INFINITY) +
                        L.partnership_rate[sex] * years_between(age, L.partnership_min_age, L.partnership_max_age);
    const double s = L.stay_share[sex];
    if (d.bernoulli(s / (s + (1 - s) * std::exp(-gone)))) return events;
    events[kLeaveHome] =
        timed(st, wait_between(age, L.leave_home_min_age, INFINITY, L.leave_home_rate[sex], d), r, kLeaveHome);
  }
  events[kPartnership] = timed(
      st, wait_between(age, L.partnership_min_age, L.partnership_max_age, L.partnership_rate[sex], d), r, kPartnership);
  return events;
}

// r leaves home: out of the municipality with the share that its out-migration hazard has of the
// two (study or work elsewhere), otherwise for a household of its own in the municipality.
void leave_home(const Context& ctx, State& st, std::int32_t r) {
  if (!lives_with_parents(st, r)) return;
  Draws d = ctx.draws(Process::leave_home, static_cast<std::uint32_t>(r), st.today, 1);
  const double away = out_rate(ctx, st.residents.age(r, st.today));
  if (d.uniform() * (away + ctx.scenario.life_course.leave_home_rate[st.residents.female[r]]) < away)
    return depart(ctx, st, r, Departure::moved_out);
  move_to_household(ctx, st, r, add_household(st, random_block(st, d), HouseholdType::single));
}

// r partners someone from outside: the couple lives in r's home (r alone) or a new one (r left
// the parental home), or r moves out to the partner.
void form_partnership(const Context& ctx, State& st, std::int32_t r) {
  if (!unpartnered(st, r)) return;
  Draws d = ctx.draws(Process::partnership, static_cast<std::uint32_t>(r), st.today);
  if (!d.bernoulli(ctx.scenario.life_course.partner_moves_in)) return depart(ctx, st, r, Departure::moved_out);
  std::int32_t h = st.residents.household[r];
  if (lives_alone(st, r)) {
    st.households.type[h] = HouseholdType::couple;  // formed again, as a couple
  } else {
    h = add_household(st, random_block(st, d), HouseholdType::couple);
    move_to_household(ctx, st, r, h);
  }
  const bool female = st.residents.female[r];
  // Partners are about two years apart, the man older.
  const double years = (female ? 2.0 : -2.0) + d.between(-3, 3);
  const Day birth_day =
      std::min<Day>(st.residents.core[r].birth_day - static_cast<Day>(years * kDaysPerYear),
                    st.today - static_cast<Day>(ctx.scenario.life_course.partnership_min_age * kDaysPerYear));
  Draws p = ctx.draws(Process::partner, static_cast<std::uint32_t>(r), st.today);
  add_newcomer(ctx, st, h, birth_day, !female, p);  // her births are scheduled with her life events
  if (female) schedule_births(ctx, st, r);
}

}  // namespace

void schedule_life_course(const Context& ctx, State& st, std::int32_t r) {
  for (const TimedEvent& t : life_course_events(ctx, st, r))
    if (t.day != kNever) st.calendars.households.schedule(t.day, t.event);
}

void schedule_life_course_at_start(const Context& ctx, State& st) {
  schedule_for_every_resident<2>(ctx, st, st.calendars.households,
                                 [&](std::int32_t r) { return life_course_events(ctx, st, r); });
}

void phase_households(const Context& ctx, State& st) {
  for (const Event& ev : st.calendars.households.bucket(st.today)) {
    if (!st.residents.alive(ev.id)) continue;
    if (ev.kind == kLeaveHome) leave_home(ctx, st, ev.id);
    if (ev.kind == kPartnership) form_partnership(ctx, st, ev.id);
  }
  st.calendars.households.release(st.today);
}

}  // namespace kyosei
