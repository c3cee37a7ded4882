// Demography (docs/ODD.md §7 "Demography"): deaths (mortality.cpp; and of those living alone,
// the deaths at home and their discovery; of those in residential care, off the count in care),
// births (to couples, and outside a partnership), residents coming of age for the isolation count, and 65th birthdays, which
// may make a household one of residents 65+ only (commissioners' registration). Ageing needs no
// other work: ages are computed from the birth day.
#include "model/context.hpp"
#include "model/departure.hpp"
#include "model/episodes.hpp"
#include "model/mortality.hpp"
#include "model/events.hpp"
#include "model/households.hpp"
#include "model/phases.hpp"
#include "model/phases/household_dynamics.hpp"
#include "model/phases/intake.hpp"
#include "model/phases/migration.hpp"
#include "model/phases/onset.hpp"
#include "model/prefetch_households.hpp"
#include "model/residents.hpp"
#include "model/solitary_deaths.hpp"
#include "model/warnings.hpp"

namespace kyosei {
namespace {

constexpr double kPensionAge = 65;  // the old-age basic pension's normal starting age

// The members who lived on r's pension (r 65 or older): aged 18-64, withdrawn, with no income of
// their own, the adult child of an 8050 household (docs/ODD.md "Demography").
std::vector<std::int32_t> pension_dependants(const State& st, std::int32_t r) {
  std::vector<std::int32_t> out;
  if (st.residents.age(r, st.today) < kPensionAge) return out;
  for_each_member(st, st.residents.household[r], [&](std::int32_t m) {
    const double age = st.residents.age(m, st.today);
    if (m != r && age >= 18 && age < kPensionAge && st.residents.has(m, kWithdrawn) && !st.residents.has(m, kNoIncome))
      out.push_back(m);
  });
  return out;
}

// The pension stops: each dependant's loss of income is a new need, which the death registration
// and the pension's end bring to an agency at once with probability demography.bereavement_notice
// (otherwise it waits for the usual channels, ties included).
void end_pension(const Context& ctx, State& st, const std::vector<std::int32_t>& dependants) {
  for (const std::int32_t m : dependants) {
    const std::int32_t e = lose_pension_income(ctx, st, m);
    if (e < 0) continue;
    Draws d = ctx.draws(Process::bereavement_notice, static_cast<std::uint32_t>(m), st.today);
    if (d.bernoulli(ctx.scenario.demography.bereavement_notice))
      contact(ctx, st, e, Channel::institution, choose_window(ctx, st, e, Channel::institution));
  }
}

void die(const Context& ctx, State& st, std::int32_t r) {
  if (st.residents.age(r, st.today) > kOldestPlausibleAge) count_warning(st, Warning::implausible_age);
  const std::vector<std::int32_t> dependants = pension_dependants(st, r);
  record_solitary_death(ctx, st, r);  // as r was at death: needs, ties, place, registration
  depart(ctx, st, r, Departure::died);
  ++st.counters.deaths;
  end_pension(ctx, st, dependants);
}

void give_birth(const Context& ctx, State& st, std::int32_t mother, BirthChain chain) {
  Draws d = ctx.draws(Process::newborn, static_cast<std::uint32_t>(mother), st.today);
  const bool female = d.bernoulli(0.487);  // 105 boys per 100 girls
  const Scenario::Population& P = ctx.scenario.population;
  const auto help = static_cast<float>(d.gamma_mean_one(P.help_seeking_shape));
  const auto social = static_cast<float>(d.gamma_mean_one(P.sociability_shape));
  const std::int32_t child = add_resident(ctx, st, st.residents.household[mother], st.today, female, help, social);
  // One more member to watch over the others (their detection bound grows).
  for_each_member(st, st.residents.household[mother], [&](std::int32_t m) { refresh_resident(ctx, st, m); });
  schedule_life_events(ctx, st, child);
  schedule_life_course(ctx, st, child);
  schedule_move_out(ctx, st, child);
  schedule_births(ctx, st, mother);
  ++st.counters.births;
  if (chain == BirthChain::unpartnered) ++st.counters.births_unpartnered;
}

}  // namespace

void phase_demography(const Context& ctx, State& st) {
  // A death candidate (mortality.cpp) is a death, or the next candidate is scheduled.
  const auto candidate_is_death = [&](std::int32_t r) {
    Day next = kNever;
    if (death_candidate_is_death(ctx, st, r, next)) return true;
    st.calendars.demography.schedule(next, {r, 0, 0, kDeath});
    return false;
  };
  const std::vector<Event>& bucket = st.calendars.demography.bucket(st.today);
  // Coming of age first: a resident counts as eligible for isolation from the start of that day
  // (isolation_eligible), so a tie it loses to a death earlier in the bucket would otherwise be
  // counted against the totals before the resident is.
  for (const Event& ev : bucket) {
    if (ev.kind != kComeOfAge || !st.residents.alive(ev.id)) continue;
    ++st.totals.eligible;
    if (st.residents.core[ev.id].outside_ties == 0) {
      ++st.totals.isolated_eligible;
      count_warning(st, Warning::adult_without_ties);
    }
  }
  for (std::size_t i = 0; i < bucket.size(); ++i) {
    prefetch_household_events_ahead(st, bucket, i);  // a birth looks for the partner, a death at the household
    const Event& ev = bucket[i];
    const std::int32_t r = ev.id;
    if (!st.residents.alive(r)) {
      // Residents in residential care keep their mortality, off the community's count.
      if (ev.kind == kDeath && st.residents.departure[r] == static_cast<std::uint8_t>(Departure::in_care) &&
          candidate_is_death(r))
        die_in_care(st, r);
      continue;
    }
    switch (ev.kind) {
      case kDeath:
        if (candidate_is_death(r)) die(ctx, st, r);
        break;
      case kBirth:
        // A chain of births belongs to the household it was drawn in and to the mother's partner or
        // its absence (BirthChain): a mother who moved, partnered, was widowed or separated ends it.
        if (ev.version == static_cast<std::uint32_t>(st.residents.household[r]) &&
            ev.aux == static_cast<std::int16_t>(birth_chain(st, r)))
          give_birth(ctx, st, r, static_cast<BirthChain>(ev.aux));
        break;
      case kComeOfAge:  // counted before the loop
        break;
      case kTurn65:  // the household may now be one of residents 65+ only
        update_registration(ctx, st, st.residents.household[r]);
        break;
    }
  }
  st.calendars.demography.release(st.today);
}

}  // namespace kyosei
