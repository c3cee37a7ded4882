// Migration (docs/ODD.md §7 "Migration"). Out: every resident has a hazard of moving out by age
// band (migration.out_rate, times the municipality type's out_factor), drawn at the highest band's
// rate and thinned by the rate of the age reached. A householder (the oldest member) takes the
// household along; the events of other members are thinned away, as they move with their
// household. A child at home moves out by leaving home (household_dynamics.cpp), so that a stayer
// stays. In: newcomer households arrive each day, a
// Poisson number at migration.in_rate times the population at the start, each with its own new
// household in a block drawn at random and no ties: young adults, couples, families and, so that
// a municipality whose flows balance does not grow younger by migration, older residents.
#include "model/phases/migration.hpp"

#include <algorithm>
#include <vector>

#include "model/departure.hpp"
#include "model/episodes.hpp"
#include "model/events.hpp"
#include "model/households.hpp"
#include "model/phases.hpp"
#include "model/phases/household_dynamics.hpp"
#include "model/phases/onset.hpp"
#include "model/prefetch_households.hpp"
#include "model/residents.hpp"
#include "model/schedule_everyone.hpp"

namespace kyosei {
namespace {

constexpr double kBandLowerAges[] = {18, 25, 30, 40, 65, 75};

}  // namespace

double out_rate(const Context& ctx, double age) {
  const Scenario::Migration& M = ctx.scenario.migration;
  if (age < kBandLowerAges[0]) return 0;
  std::size_t band = 0;
  while (band + 1 < std::size(kBandLowerAges) && age >= kBandLowerAges[band + 1]) ++band;
  return M.out_rate[band] * M.out_factor;
}

namespace {

double highest_out_rate(const Context& ctx) {
  const auto& rates = ctx.scenario.migration.out_rate;
  return *std::max_element(rates.begin(), rates.end()) * ctx.scenario.migration.out_factor;
}

TimedEvent candidate_move(const Context& ctx, const State& st, std::int32_t r, Draws& d) {
  const double rate = highest_out_rate(ctx);
  if (rate <= 0) return {};
  return {event_day(st.today, d.exponential(rate) * kDaysPerYear), Event{r, 0, 0, 0}};
}

std::int32_t oldest_member(const State& st, std::int32_t household) {
  std::int32_t oldest = -1;
  for_each_member(st, household, [&](std::int32_t m) {
    if (oldest < 0 || st.residents.core[m].birth_day < st.residents.core[oldest].birth_day) oldest = m;
  });
  return oldest;
}

// r's candidate move out: r's household when r is its oldest member, otherwise none.
void move_out(const Context& ctx, State& st, std::int32_t r) {
  Draws d = ctx.draws(Process::move_out, static_cast<std::uint32_t>(r), st.today, 1);
  const std::int32_t h = st.residents.household[r];
  if (oldest_member(st, h) == r && d.uniform() * highest_out_rate(ctx) < out_rate(ctx, st.residents.age(r, st.today))) {
    std::vector<std::int32_t> members;
    for_each_member(st, h, [&](std::int32_t m) { members.push_back(m); });
    for (const std::int32_t m : members) depart(ctx, st, m, Departure::moved_out);
    return;
  }
  const TimedEvent t = candidate_move(ctx, st, r, d);
  if (t.day != kNever) st.calendars.migration.schedule(t.day, t.event);
}

double newcomers_per_household(const Scenario::Migration& M) {
  const double couples =
      1 - M.newcomer_single_share - M.newcomer_family_share - M.newcomer_older_share - M.newcomer_return_share;
  const double parents = 2 - M.newcomer_single_parent_share;  // families: one or two parents, 1-2 children
  return M.newcomer_single_share + 2 * couples + (parents + 1.5) * M.newcomer_family_share +
         (1 + M.newcomer_older_couple_share) * M.newcomer_older_share + M.newcomer_return_share;
}

// An adult child moving back in with its parents, aged 30-59 (migration.newcomer_return_share):
// into their household (find_parents_household), or a household of its own if none is found.
void return_to_parents(const Context& ctx, State& st, Draws& d) {
  const double age = d.between(30, 60);
  const bool female = d.bernoulli(0.5);
  std::int32_t h = find_parents_household(st, age, d);
  if (h < 0) h = add_household(st, random_block(st, d), HouseholdType::single);
  add_newcomer(ctx, st, h, st.today - static_cast<Day>(age * kDaysPerYear), female, d);
}

// One newcomer household: a young adult, a couple, a couple or (migration.
// newcomer_single_parent_share of the families) a mother with one or two children, one or two
// older residents (moving near their children, or retiring), or an adult child moving back in
// with its parents. The man of a couple comes first, so that the woman's life course
// (separation) is drawn with her partner there.
void arrive(const Context& ctx, State& st, std::uint32_t i) {
  const Scenario::Migration& M = ctx.scenario.migration;
  Draws d = ctx.draws(Process::newcomer_household, i, st.today);
  const double u = d.uniform();
  const double to_older = M.newcomer_single_share + M.newcomer_family_share + M.newcomer_older_share;
  const bool single = u < M.newcomer_single_share,
             family = !single && u < M.newcomer_single_share + M.newcomer_family_share,
             older = !single && !family && u < to_older;
  if (!single && !family && !older && u < to_older + M.newcomer_return_share) return return_to_parents(ctx, st, d);
  const HouseholdType type = single || older ? HouseholdType::single
                             : family        ? HouseholdType::couple_children
                                             : HouseholdType::couple;
  const std::int32_t h = add_household(st, random_block(st, d), type);
  const auto born = [&](double age) { return st.today - static_cast<Day>(age * kDaysPerYear); };
  if (single) {
    add_newcomer(ctx, st, h, born(d.between(18, 35)), d.bernoulli(0.5), d);
    return;
  }
  if (older) {
    const double age = d.between(55, 90);
    if (!d.bernoulli(M.newcomer_older_couple_share)) {
      add_newcomer(ctx, st, h, born(age), d.bernoulli(0.6), d);
    } else {
      st.households.type[h] = HouseholdType::couple;
      const std::int32_t man = add_newcomer(ctx, st, h, born(age + d.between(-1, 4)), false, d);
      add_newcomer(ctx, st, h, born(age), true, d, man);
    }
    update_registration(ctx, st, h);  // a household of residents 65+ only, once all have come
    return;
  }
  const double woman = family ? d.between(28, 42) : d.between(24, 40);
  const bool single_parent = family && d.bernoulli(M.newcomer_single_parent_share);
  std::int32_t man = -1;
  if (single_parent)
    st.households.type[h] = HouseholdType::single_parent;
  else
    man = add_newcomer(ctx, st, h, born(woman + d.between(-1, 4)), false, d);
  add_newcomer(ctx, st, h, born(woman), true, d, man);
  if (!family) return;
  const std::uint32_t children = 1 + d.below(2);
  for (std::uint32_t c = 0; c < children; ++c)
    add_newcomer(ctx, st, h, born(d.between(0, std::min(12.0, woman - 20))), d.bernoulli(0.49), d);
}

}  // namespace

void schedule_move_out(const Context& ctx, State& st, std::int32_t r) {
  Draws d = ctx.draws(Process::move_out, static_cast<std::uint32_t>(r), st.today);
  const TimedEvent t = candidate_move(ctx, st, r, d);
  if (t.day != kNever) st.calendars.migration.schedule(t.day, t.event);
}

void schedule_moves_out_at_start(const Context& ctx, State& st) {
  schedule_for_every_resident<1>(ctx, st, st.calendars.migration, [&](std::int32_t r) {
    Draws d = ctx.draws(Process::move_out, static_cast<std::uint32_t>(r), st.today);
    return std::array<TimedEvent, 1>{candidate_move(ctx, st, r, d)};
  });
}

std::int32_t add_newcomer(const Context& ctx, State& st, std::int32_t household, Day birth_day, bool female, Draws& d,
                          std::int32_t partner) {
  const Scenario::Population& P = ctx.scenario.population;
  const auto help = static_cast<float>(d.gamma_mean_one(P.help_seeking_shape));
  const auto social = static_cast<float>(d.gamma_mean_one(P.sociability_shape));
  const std::int32_t r = add_resident(ctx, st, household, birth_day, female, help, social);
  if (partner >= 0) make_partners(st, r, partner);  // before r's births and separation are drawn
  arrive_with_conditions(ctx, st, r);
  // One more member to watch over the others (a partner moving in): their detection bounds grow.
  for_each_member(st, household, [&](std::int32_t m) {
    if (m != r) refresh_resident(ctx, st, m);
  });
  schedule_life_events(ctx, st, r);
  schedule_life_course(ctx, st, r);
  schedule_move_out(ctx, st, r);
  ++st.counters.moves_in;
  return r;
}

void phase_migration(const Context& ctx, State& st) {
  const std::vector<Event>& bucket = st.calendars.migration.bucket(st.today);
  for (std::size_t i = 0; i < bucket.size(); ++i) {
    prefetch_household_events_ahead(st, bucket, i);  // the oldest member's look at the household
    if (st.residents.alive(bucket[i].id)) move_out(ctx, st, bucket[i].id);
  }
  st.calendars.migration.release(st.today);
  const Scenario::Migration& M = ctx.scenario.migration;
  const double households =
      M.in_rate * static_cast<double>(st.initial_residents) / kDaysPerYear / newcomers_per_household(M);
  if (households <= 0) return;
  Draws d = ctx.draws(Process::move_in, 0, st.today);
  const std::uint32_t arrivals = d.poisson(households);
  for (std::uint32_t i = 0; i < arrivals; ++i) arrive(ctx, st, i);
}

}  // namespace kyosei
