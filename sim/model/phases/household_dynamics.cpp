// Household dynamics (docs/ODD.md §7 "Household dynamics"): children leave the parental home (for
// study or work) into a household of their own, unpartnered residents form a partnership, couples
// separate (the man moves to a household of his own, the children stay with their mother), and a
// resident 65+ living alone moves in with a child's household (同居). A share of children
// (life_course.stay_share) never leave nor partner: the unmarried adult children who stay with
// their parents (親と同居の未婚者), from whom households of old parents with a middle-aged child
// (8050) arise as both generations age. Each event is drawn once, when the resident is born,
// arrives, partners, comes to live alone or the run starts, and checked when it comes: a resident
// whose situation changed meanwhile lets it pass. Separation and moving in with a child have rates
// by age: drawn at the band's highest rate and thinned by the rate of the age reached.
#include "model/phases/household_dynamics.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "model/banded_hazard.hpp"
#include "model/departure.hpp"
#include "model/events.hpp"
#include "model/households.hpp"
#include "model/phases.hpp"
#include "model/phases/migration.hpp"
#include "model/phases/onset.hpp"
#include "model/prefetch_households.hpp"
#include "model/residents.hpp"
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

TimedEvent timed(const State& st, double wait_years, std::int32_t r, std::uint8_t kind, std::uint32_t version = 0) {
  if (!std::isfinite(wait_years)) return {};
  return {event_day(st.today, wait_years * kDaysPerYear), Event{r, version, 0, kind}};
}

// Age bands of the separation rates (by the woman's age; none from kSeparationMaxAge) and of the
// rates of moving in with a child.
constexpr double kSeparationBands[] = {20, 30, 45};
constexpr double kSeparationMaxAge = 60;
constexpr double kJoinChildBands[] = {65, 75, 85};
// A child's household for a parent: its oldest member is this many years younger.
constexpr double kChildGapMin = 20, kChildGapMax = 45;
// Households looked at for a child's, at random, before the move is put off to the next candidate.
constexpr int kHostTries = 64;
// Hosts drawn at once, their headers and first members asked for before any is looked at: the
// loads of far-apart households overlap (docs/performance.md, "Migration, households and
// demography"). A divisor of kHostTries, so that a search that finds none draws kHostTries.
constexpr int kHostBatch = 8;
static_assert(kHostTries % kHostBatch == 0);

// The first of kHostTries households drawn at random that `fits`, or -1. The caller draws from d
// again only when none fits, after exactly kHostTries draws, as when drawn one at a time.
template <class Fits>
std::int32_t find_host(const State& st, Draws& d, Fits&& fits) {
  const auto households = static_cast<std::uint32_t>(st.households.size());
  std::array<std::int32_t, kHostBatch> batch;
  for (int tried = 0; tried < kHostTries; tried += kHostBatch) {
    for (std::int32_t& h : batch) {
      h = static_cast<std::int32_t>(d.below(households));
      __builtin_prefetch(&st.households.members[h]);
      __builtin_prefetch(&st.households.first_member[h]);
    }
    for (const std::int32_t h : batch) {
      const std::int32_t first = st.households.first_member[h];
      if (first >= 0) __builtin_prefetch(&st.residents.core[first]);
    }
    for (const std::int32_t h : batch)
      if (fits(h)) return h;
  }
  return -1;
}

double band_rate(double age, const double (&lower)[3], const std::array<double, 3>& rates) {
  if (age < lower[0]) return 0;
  std::size_t band = 0;
  while (band + 1 < std::size(lower) && age >= lower[band + 1]) ++band;
  return rates[band];
}

double highest(const std::array<double, 3>& rates) { return *std::max_element(rates.begin(), rates.end()); }

// The candidate separation of woman r living with a partner, in household r's now.
TimedEvent candidate_separation(const Context& ctx, const State& st, std::int32_t r, Draws& d) {
  const auto& rates = ctx.scenario.life_course.separation_rate;
  const double age = st.residents.age(r, st.today);
  return timed(st, wait_between(age, kSeparationBands[0], kSeparationMaxAge, highest(rates), d), r, kSeparation,
               static_cast<std::uint32_t>(st.residents.household[r]));
}

// The rate at which r, living alone at `age`, moves in with relatives (join_child), and the highest
// of those rates, at which the candidates are drawn.
double join_rate(const Scenario::LifeCourse& L, double age, bool female) {
  return band_rate(age, kJoinChildBands, L.join_child_rate) * (female ? 1.0 : L.join_child_male_factor);
}
double highest_join_rate(const Scenario::LifeCourse& L) {
  return highest(L.join_child_rate) * std::max(1.0, L.join_child_male_factor);
}

// The candidate move of r, living alone, in with relatives.
TimedEvent candidate_join_child(const Context& ctx, const State& st, std::int32_t r, Draws& d) {
  const double age = st.residents.age(r, st.today);
  return timed(st, wait_between(age, kJoinChildBands[0], INFINITY, highest_join_rate(ctx.scenario.life_course), d), r,
               kJoinChild, static_cast<std::uint32_t>(st.residents.household[r]));
}

// The partnership hazard of sex `sex` (0 men, 1 women) by age: partnership_rate times each band's
// partnership_age_factor.
BandedHazard<6> partnership_hazard(const Scenario::LifeCourse& L, int sex) {
  BandedHazard<6> h{L.partnership_min_age, (L.partnership_max_age - L.partnership_min_age) / 6, {}};
  for (std::size_t i = 0; i < h.rates.size(); ++i) h.rates[i] = L.partnership_rate[sex] * L.partnership_age_factor[i];
  return h;
}

std::array<TimedEvent, 4> life_course_events(const Context& ctx, const State& st, std::int32_t r) {
  const Scenario::LifeCourse& L = ctx.scenario.life_course;
  std::array<TimedEvent, 4> events{};
  const bool at_home = child_at_home(st, r), alone = lives_alone(st, r);
  Draws d = ctx.draws(Process::leave_home, static_cast<std::uint32_t>(r), st.today);
  if (!at_home && !alone) {
    if (st.residents.female[r] && partner_of(st, r) >= 0) events[kSeparation] = candidate_separation(ctx, st, r, d);
    return events;
  }
  const int sex = st.residents.female[r];
  const double age = st.residents.age(r, st.today);
  if (alone) events[kJoinChild] = candidate_join_child(ctx, st, r, d);
  if (at_home) {
    // A stayer with chance stay_share at birth; among those still at home at r's age, the
    // stayers' share of all still at home.
    const double gone = L.leave_home_rate[sex] * years_between(age, L.leave_home_min_age, INFINITY) +
                        partnership_hazard(L, sex).cumulative(0, age);
    const double s = L.stay_share[sex];
    if (d.bernoulli(s / (s + (1 - s) * std::exp(-gone)))) return events;
    events[kLeaveHome] =
        timed(st, wait_between(age, L.leave_home_min_age, INFINITY, L.leave_home_rate[sex], d), r, kLeaveHome);
  }
  events[kPartnership] = timed(st, partnership_hazard(L, sex).wait(age, d), r, kPartnership);
  return events;
}

// Members a shared household may have before one joins it: at most four adults after.
constexpr std::int32_t kSharedHouseholdMax = 3;
// Years apart at most of the adults who share a household (siblings, friends).
constexpr double kSiblingGap = 10;

// A household that r, leaving home aged `age`, may share: two or three adults (no child at home),
// all of r's generation, so the move forms an other household (a couple with a sibling, siblings,
// friends) or keeps one (household_type).
bool shared_household(const State& st, std::int32_t h, double age) {
  if (st.households.members[h] < 2 || st.households.members[h] > kSharedHouseholdMax) return false;
  bool fits = true;
  for_each_member(st, h, [&](std::int32_t m) {
    const double a = st.residents.age(m, st.today);
    fits = fits && a >= 18 && std::abs(a - age) <= kSiblingGap;
  });
  return fits;
}

// A household that r, living alone at 65+ and aged `age`, may join as a sibling: one or two adults
// of r's generation, none with a partner (a widowed or unmarried sibling), so the move forms or
// keeps siblings living together (兄弟姉妹のみの世帯, an other household) and, where the host lived
// alone, makes one household of two. Not a couple: an elder joining a couple of its generation
// made other households that dissolved only as their members died, a quarter more of them in 30
// stationary years (docs/ODD.md §7 "Household dynamics", moving in with relatives).
bool siblings_household(const State& st, std::int32_t h, double age) {
  if (st.households.members[h] < 1 || st.households.members[h] > 2) return false;
  bool fits = true;
  for_each_member(st, h, [&](std::int32_t m) {
    const double a = st.residents.age(m, st.today);
    fits = fits && a >= 18 && std::abs(a - age) <= kSiblingGap && st.residents.partner[m] < 0;
  });
  return fits;
}

// r leaves home: out of the municipality with the share that its out-migration hazard has of the
// two (study or work elsewhere), otherwise within it: with chance life_course.share_home into a
// household of adults of r's generation (shared_household, found among kHostTries drawn at
// random; none found, r lives alone), otherwise a household of its own.
void leave_home(const Context& ctx, State& st, std::int32_t r) {
  if (!child_at_home(st, r)) return;
  Draws d = ctx.draws(Process::leave_home, static_cast<std::uint32_t>(r), st.today, 1);
  const double age = st.residents.age(r, st.today);
  const double away = out_rate(ctx, age);
  if (d.uniform() * (away + ctx.scenario.life_course.leave_home_rate[st.residents.female[r]]) < away)
    return depart(ctx, st, r, Departure::moved_out);
  if (d.bernoulli(ctx.scenario.life_course.share_home)) {
    const std::int32_t h = find_host(st, d, [&](std::int32_t host) { return shared_household(st, host, age); });
    if (h >= 0) return move_to_household(ctx, st, r, h);
  }
  move_to_household(ctx, st, r, add_household(st, random_block(st, d), HouseholdType::single));
  schedule_births(ctx, st, r);  // a woman living alone: births outside a partnership
}

// r partners someone from outside: the couple lives in r's home (r alone), in r's parents' home
// (r a child at home, with chance life_course.parents_home_share: 親との同居) or a new one (r left
// the parental home or a shared household), or r moves out to the partner.
void form_partnership(const Context& ctx, State& st, std::int32_t r) {
  // One who shares a household with adults of its generation (leave_home) is unpartnered too.
  if (partner_of(st, r) >= 0) return;
  if (!unpartnered(st, r) && household_type(st, st.residents.household[r]) != HouseholdType::other) return;
  const Scenario::LifeCourse& L = ctx.scenario.life_course;
  Draws d = ctx.draws(Process::partnership, static_cast<std::uint32_t>(r), st.today);
  if (!d.bernoulli(L.partner_moves_in)) return depart(ctx, st, r, Departure::moved_out);
  std::int32_t h = st.residents.household[r];
  if (lives_alone(st, r)) {
    st.households.type[h] = HouseholdType::couple;                            // formed again, as a couple
  } else if (!(child_at_home(st, r) && d.bernoulli(L.parents_home_share))) {  // else in the parental home
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
  add_newcomer(ctx, st, h, birth_day, !female, p, r);  // her births and separation are drawn as she arrives
  if (!female) return;
  schedule_births(ctx, st, r);
  schedule_life_course(ctx, st, r);
}

// Woman r and her partner separate, when the candidate drawn in her household comes and is kept
// at her age's rate: he moves to a household of his own in the municipality (his own migration
// hazard may take him away later); the children stay with her.
void separate(const Context& ctx, State& st, const Event& ev) {
  const std::int32_t r = ev.id;
  if (ev.version != static_cast<std::uint32_t>(st.residents.household[r])) return;
  const std::int32_t partner = partner_of(st, r);
  if (partner < 0) return;
  const auto& rates = ctx.scenario.life_course.separation_rate;
  Draws d = ctx.draws(Process::separation, static_cast<std::uint32_t>(r), st.today);
  const double age = st.residents.age(r, st.today);
  if (age >= kSeparationMaxAge) return;
  if (d.uniform() * highest(rates) >= band_rate(age, kSeparationBands, rates)) {
    const TimedEvent next = candidate_separation(ctx, st, r, d);
    if (next.day != kNever) st.calendars.households.schedule(next.day, next.event);
    return;
  }
  const std::int32_t h = st.residents.household[r];
  move_to_household(ctx, st, partner, add_household(st, random_block(st, d), HouseholdType::single));
  st.households.type[h] = st.households.members[h] > 1 ? HouseholdType::single_parent : HouseholdType::single;
  schedule_life_course(ctx, st, partner);
}

// The ages of a household's youngest and oldest members (infinity and -1 when it has none).
struct AgeSpan {
  double youngest = INFINITY, oldest = -1;
};
AgeSpan age_span(const State& st, std::int32_t h) {
  AgeSpan span;
  for_each_member(st, h, [&](std::int32_t m) {
    const double a = st.residents.age(m, st.today);
    span.youngest = std::min(span.youngest, a);
    span.oldest = std::max(span.oldest, a);
  });
  return span;
}

// A child's household for a parent aged `age`: its oldest member is 20-45 years younger. The
// parent joining a child alone or with a partner makes a household of a parent with an adult
// child; joining a child's family with children of its own, a three-generation household (the
// census's 夫婦、子供と両親 and kin: how they form after the start).
bool childs_household(const State& st, std::int32_t h, double age) {
  const double oldest = age_span(st, h).oldest;
  return oldest >= 0 && age - oldest >= kChildGapMin && age - oldest <= kChildGapMax;
}

// r, living alone, moves in with relatives when the candidate comes and is kept at r's age's and
// sex's rate: with chance life_course.join_sibling_share to a sibling without a partner
// (siblings_household: an other household, 兄弟姉妹のみ), otherwise to a child: with chance
// life_course.join_child_away_share one outside the municipality (r moves out), else a child's
// household here (childs_household). A household here is sought among kHostTries drawn at random
// (the model keeps no kinship); found none, the next candidate is drawn.
void join_child(const Context& ctx, State& st, const Event& ev) {
  const std::int32_t r = ev.id;
  if (ev.version != static_cast<std::uint32_t>(st.residents.household[r]) || !lives_alone(st, r)) return;
  const Scenario::LifeCourse& L = ctx.scenario.life_course;
  Draws d = ctx.draws(Process::join_child, static_cast<std::uint32_t>(r), st.today);
  const double age = st.residents.age(r, st.today);
  if (d.uniform() * highest_join_rate(L) < join_rate(L, age, st.residents.female[r])) {
    const bool sibling = d.bernoulli(L.join_sibling_share);
    if (!sibling && d.bernoulli(L.join_child_away_share)) return depart(ctx, st, r, Departure::moved_out);
    const std::int32_t h = find_host(st, d, [&](std::int32_t host) {
      return host != st.residents.household[r] &&
             (sibling ? siblings_household(st, host, age) : childs_household(st, host, age));
    });
    if (h >= 0) return move_to_household(ctx, st, r, h);
  }
  const TimedEvent next = candidate_join_child(ctx, st, r, d);
  if (next.day != kNever) st.calendars.households.schedule(next.day, next.event);
}

}  // namespace

void schedule_life_course(const Context& ctx, State& st, std::int32_t r) {
  for (const TimedEvent& t : life_course_events(ctx, st, r))
    if (t.day != kNever) st.calendars.households.schedule(t.day, t.event);
}

void after_member_left(const Context& ctx, State& st, std::int32_t household) {
  if (st.households.members[household] != 1) return;
  const std::int32_t r = st.households.first_member[household];
  schedule_life_course(ctx, st, r);
  schedule_births(ctx, st, r);
}

std::int32_t find_parents_household(const State& st, double age, Draws& d) {
  return find_host(st, d, [&](std::int32_t h) {
    const std::int32_t members = st.households.members[h];
    if (members < 1 || members > 2) return false;
    // Two are parents when they are partners (two old siblings are not).
    const std::int32_t first = st.households.first_member[h];
    if (members == 2 && st.residents.partner[first] < 0) return false;
    const AgeSpan span = age_span(st, h);
    return span.youngest >= 65 && span.oldest - span.youngest <= kGenerationGap && span.oldest - age >= kChildGapMin &&
           span.oldest - age <= kChildGapMax;
  });
}

void schedule_life_course_at_start(const Context& ctx, State& st) {
  schedule_for_every_resident<4>(ctx, st, st.calendars.households,
                                 [&](std::int32_t r) { return life_course_events(ctx, st, r); });
}

void phase_households(const Context& ctx, State& st) {
  const std::vector<Event>& bucket = st.calendars.households.bucket(st.today);
  for (std::size_t i = 0; i < bucket.size(); ++i) {
    prefetch_household_events_ahead(st, bucket, i);  // each event first looks at its household
    const Event& ev = bucket[i];
    if (!st.residents.alive(ev.id)) continue;
    if (ev.kind == kLeaveHome) leave_home(ctx, st, ev.id);
    if (ev.kind == kPartnership) form_partnership(ctx, st, ev.id);
    if (ev.kind == kSeparation) separate(ctx, st, ev);
    if (ev.kind == kJoinChild) join_child(ctx, st, ev);
  }
  st.calendars.households.release(st.today);
}

}  // namespace kyosei
