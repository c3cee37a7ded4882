// Mortality (docs/ODD.md §7 "Demography"). The force of mortality of the 2020 life table
// (life_table.cpp) is the average over everyone of an age and sex; a resident's own is that
// average times relative risks of their situation now: a care need (more so while nobody serves
// it), isolation from everyone outside the household, and for men aged 40-64 who live alone and
// are isolated or withdrawn the excess deaths of suicide, alcohol and untreated illness. The
// average at ages 65 and over is kept at the table's by dividing by the care need's share there.
//
// The relative risk changes with the tie flips, services and care onsets of other phases, some of
// them concurrent; rather than redraw a death day at each, a death is drawn as calendar events by
// thinning, as the detection hazards are (Detection): candidate deaths come at the highest
// relative risk an age and sex allow, and a candidate is a death with the ratio of the resident's
// risk on that day to that bound, else the next candidate is drawn from that day. This is exact
// for a risk that changes at any time, and costs a few candidates per death.
#include "model/mortality.hpp"

#include <cmath>

#include "model/events.hpp"
#include "model/life_table.hpp"
#include "model/residents.hpp"

namespace kyosei {
namespace {

constexpr double kMidlifeFrom = 40, kMidlifeTo = 65;

bool midlife_band(int band) {
  const double from = band * kLifeTableBandYears;
  return from >= kMidlifeFrom && from < kMidlifeTo;
}

// The force of mortality of someone with none of the relative risks, in one band.
double base_force(const Context& ctx, bool female, int band) {
  const Scenario::Demography& D = ctx.scenario.demography;
  const double middle = (band + 0.5) * kLifeTableBandYears;
  const double care = care_prevalence(ctx.scenario.conditions, middle);
  return life_table_force(female, band) / (1 + care * (D.care_mortality_ratio - 1));
}

// The highest relative risk anyone of that sex can have in that band (every ratio is at least 1).
double risk_bound(const Context& ctx, bool female, int band) {
  const Scenario::Demography& D = ctx.scenario.demography;
  const double midlife = !female && midlife_band(band) ? D.midlife_isolated_men_mortality_ratio : 1.0;
  return D.care_mortality_ratio * D.unserved_care_mortality_ratio * D.isolation_mortality_ratio * midlife;
}

// Years until the first event of the bound's hazard from `age`, given E ~ Exp(1): the hazard is
// constant within each band, so the cumulative hazard is inverted band by band.
double candidate_wait(const Context& ctx, bool female, double age, double e) {
  double at = age;
  for (int band = life_table_band(at);; ++band) {
    const double rate = base_force(ctx, female, band) * risk_bound(ctx, female, band);
    const double end = band == kLifeTableBands - 1 ? INFINITY : (band + 1.0) * kLifeTableBandYears;
    if (e < rate * (end - at)) return at + e / rate - age;
    e -= rate * (end - at);
    at = end;
  }
}

// Unserved: the care need is open and no agency serves or monitors it.
bool care_unserved(const State& st, std::int32_t r) {
  const std::int32_t e = open_episode_of(st, r, NeedKind::care);
  return e >= 0 && st.episodes.outcome[e] != Outcome::in_service && st.episodes.outcome[e] != Outcome::monitoring;
}

}  // namespace

double care_prevalence(const Scenario::Conditions& c, double age) {
  if (age < 65) return 0.0;
  const double cumulative = c.care_onset_at_65 / c.care_onset_growth * std::expm1(c.care_onset_growth * (age - 65));
  return -std::expm1(-cumulative);
}

double mortality_relative_risk(const Context& ctx, const State& st, std::int32_t r) {
  const Scenario::Demography& D = ctx.scenario.demography;
  const Residents& R = st.residents;
  double risk = 1;
  if (R.has(r, kCare)) risk *= D.care_mortality_ratio * (care_unserved(st, r) ? D.unserved_care_mortality_ratio : 1.0);
  const bool isolated = R.core[r].outside_ties == 0 && isolation_eligible(ctx, st, r);
  if (isolated) risk *= D.isolation_mortality_ratio;
  const double age = R.age(r, st.today);
  const bool alone = st.households.members[R.household[r]] == 1;
  if (!R.female[r] && age >= kMidlifeFrom && age < kMidlifeTo && alone && (isolated || R.has(r, kWithdrawn)))
    risk *= D.midlife_isolated_men_mortality_ratio;
  return risk;
}

Day next_death_candidate(const Context& ctx, const State& st, std::int32_t r, std::uint32_t draw) {
  Draws d = ctx.draws(Process::death, static_cast<std::uint32_t>(r), st.today, draw);
  const double wait = candidate_wait(ctx, st.residents.female[r], st.residents.age(r, st.today), d.exponential(1.0));
  return event_day(st.today, wait * kDaysPerYear);
}

bool death_candidate_is_death(const Context& ctx, const State& st, std::int32_t r, Day& next) {
  const bool female = st.residents.female[r];
  const double bound = risk_bound(ctx, female, life_table_band(st.residents.age(r, st.today)));
  Draws d = ctx.draws(Process::death, static_cast<std::uint32_t>(r), st.today, 2);
  if (d.bernoulli(mortality_relative_risk(ctx, st, r) / bound)) return true;
  next = next_death_candidate(ctx, st, r, 1);
  return false;
}

}  // namespace kyosei
