// Conditions and life events (docs/ODD.md §7 "Demography" and "Conditions"): death, births, care
// need, disability, withdrawal, loss of income and childrearing difficulty. Each is drawn as a
// waiting time when it becomes possible (a Gompertz hazard for care need, constant hazards within an
// age window otherwise; death by thinning, mortality.cpp), keyed by the resident and the day it was drawn, so scenarios
// with the same seed share these events until policy changes a condition.
#include <array>
#include <cmath>

#include "model/banded_hazard.hpp"
#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/events.hpp"
#include "model/households.hpp"
#include "model/mortality.hpp"
#include "model/phases.hpp"
#include "model/phases/care_entry.hpp"
#include "model/phases/onset.hpp"
#include "model/phases/service.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"
#include "engine/schedule_in_order.hpp"

namespace kyosei {
namespace {

// Years until an event of a Gompertz hazard rate(now) * exp(growth * t), given E ~ Exp(1).
double gompertz_wait(double rate_now, double growth, double e) {
  if (rate_now <= 0) return INFINITY;
  if (growth <= 0) return e / rate_now;
  return std::log1p(e * growth / rate_now) / growth;
}

// Years until an event of constant hazard `rate` that can only happen between ages lo and hi.
double windowed_wait(double age, double lo, double hi, double rate, Draws& d) {
  if (rate <= 0 || age >= hi) return INFINITY;
  const double start = std::max(age, lo);
  const double wait = (start - age) + d.exponential(rate);
  return age + wait < hi ? wait : INFINITY;
}

Process onset_process(NeedKind kind) {
  switch (kind) {
    case NeedKind::care: return Process::care_onset;
    case NeedKind::disability: return Process::disability_onset;
    case NeedKind::withdrawal: return Process::withdrawal_onset;
    case NeedKind::poverty: return Process::poverty_onset;
    case NeedKind::child: return Process::child_onset;
  }
  return Process::care_onset;
}

double withdrawal_sex_factor(const Scenario& s, bool female) {
  // Equal numbers of men and women at risk: factors 2m and 2(1-m) give a male share m.
  return 2 * (female ? 1 - s.conditions.withdrawal_male_share : s.conditions.withdrawal_male_share);
}

void schedule(State& st, Calendar& calendar, double wait_years, Event event) {
  if (std::isfinite(wait_years)) calendar.schedule(event_day(st.today, wait_years * kDaysPerYear), event);
}

// Day of an event `wait_years` from today; kNever for an infinite wait.
Day day_after(const State& st, double wait_years) {
  return std::isfinite(wait_years) ? event_day(st.today, wait_years * kDaysPerYear) : kNever;
}

Day onset_day(const Context& ctx, const State& st, std::int32_t r, NeedKind kind) {
  const Scenario::Conditions& C = ctx.scenario.conditions;
  if (st.residents.has(r, condition_bit(kind))) return kNever;
  const double age = st.residents.age(r, st.today);
  Draws d = ctx.draws(onset_process(kind), static_cast<std::uint32_t>(r), st.today);
  double wait = INFINITY;
  switch (kind) {
    case NeedKind::care: {
      const double from = std::max(age, 65.0);
      const double rate = C.care_onset_at_65 * std::exp(C.care_onset_growth * (from - 65));
      wait = (from - age) + gompertz_wait(rate, C.care_onset_growth, d.exponential(1.0));
      break;
    }
    case NeedKind::disability: wait = d.exponential(C.disability_onset); break;
    case NeedKind::withdrawal:
      wait = windowed_wait(age, 15, 65,
                           C.withdrawal_onset * withdrawal_sex_factor(ctx.scenario, st.residents.female[r]), d);
      break;
    case NeedKind::poverty: wait = windowed_wait(age, 18, 65, C.poverty_onset, d); break;
    case NeedKind::child: wait = windowed_wait(age, 0, 6, C.child_need_onset, d); break;
  }
  return day_after(st, wait);
}

// A woman's next birth, 20-44, at demography.birth_rate times her age band's factor, and times
// demography.unpartnered_birth_factor without a partner (`chain`); kNever for anyone else.
Day next_birth_day(const Context& ctx, const State& st, std::int32_t r, BirthChain chain) {
  if (chain == BirthChain::none) return kNever;
  const Scenario::Demography& D = ctx.scenario.demography;
  const bool partnered = chain == BirthChain::partnered;
  const double factor = partnered ? 1.0 : D.unpartnered_birth_factor;
  BandedHazard<5> births{20, 5, {}};
  for (std::size_t i = 0; i < births.rates.size(); ++i) births.rates[i] = D.birth_rate * factor * D.birth_age_factor[i];
  Draws d = ctx.draws(Process::birth, static_cast<std::uint32_t>(r), st.today, partnered ? 0 : 1);
  return day_after(st, births.wait(st.residents.age(r, st.today), d));
}

// A resident's life events as drawn today, kNever where there is none: death, next birth, coming
// of age and 65th birthday (demography calendar, in that order), each condition's onset (onset
// calendar).
struct LifeEvents {
  std::array<Day, 4> demography;  // by DemographyEvent
  std::array<Day, kNeedKindCount> onset;
  BirthChain births;
};

LifeEvents life_events(const Context& ctx, const State& st, std::int32_t r) {
  LifeEvents ev;
  ev.demography[kDeath] = next_death_candidate(ctx, st, r);
  ev.births = birth_chain(st, r);
  ev.demography[kBirth] = next_birth_day(ctx, st, r, ev.births);
  const Day of_age = coming_of_age_day(ctx, st, r);
  ev.demography[kComeOfAge] = of_age > st.today ? of_age : kNever;
  const Day listed_age = st.residents.core[r].birth_day + days_to_age(kRegistrationAge);
  ev.demography[kTurn65] = listed_age > st.today ? listed_age : kNever;
  for (int k = 0; k < kNeedKindCount; ++k) ev.onset[k] = onset_day(ctx, st, r, static_cast<NeedKind>(k));
  return ev;
}

// A birth's version is the household its chain was drawn in and its aux the BirthChain
// (phase_demography ends the chain of a mother who moved, or who partnered or separated since).
Event birth_event(const State& st, std::int32_t r, BirthChain chain) {
  return {r, static_cast<std::uint32_t>(st.residents.household[r]), static_cast<std::int16_t>(chain), kBirth};
}

template <class Emit>
void emit_demography(const State& st, std::int32_t r, const LifeEvents& ev, const Emit& emit) {
  for (std::uint8_t kind : {kDeath, kBirth, kComeOfAge, kTurn65})
    if (ev.demography[kind] != kNever)
      emit(ev.demography[kind], kind == kBirth ? birth_event(st, r, ev.births) : Event{r, 0, 0, kind});
}

template <class Emit>
void emit_onsets(std::int32_t r, const LifeEvents& ev, const Emit& emit) {
  for (int k = 0; k < kNeedKindCount; ++k)
    if (ev.onset[k] != kNever) emit(ev.onset[k], Event{r, 0, static_cast<std::int16_t>(k), kOnset});
}

Field field_of(const State& st, std::int32_t r, NeedKind kind) {
  switch (kind) {
    case NeedKind::care: return Field::elderly;
    case NeedKind::disability: return st.residents.has(r, kCertified) ? Field::disability : Field::gap;
    case NeedKind::withdrawal: return Field::gap;
    case NeedKind::poverty: return Field::poverty;
    case NeedKind::child: return Field::child;
  }
  return Field::gap;
}

// A condition begins: its bit, its need episode, its recovery, and its effect on ties.
void begin_condition(const Context& ctx, State& st, std::int32_t r, NeedKind kind) {
  Residents& R = st.residents;
  if (kind == NeedKind::care) {
    Draws d = ctx.draws(Process::care_onset, static_cast<std::uint32_t>(r), st.today, 1);
    R.core[r].conditions |= kCare | (d.bernoulli(ctx.scenario.conditions.dementia_share) ? kDementia : 0);
  } else if (kind == NeedKind::disability) {
    Draws d = ctx.draws(Process::disability_onset, static_cast<std::uint32_t>(r), st.today, 1);
    R.core[r].conditions |=
        kDisability | (d.bernoulli(ctx.scenario.conditions.disability_certified_share) ? kCertified : 0);
  } else {
    R.core[r].conditions |= condition_bit(kind);
  }
  open_episode(ctx, st, r, kind, field_of(st, r, kind));
  schedule_recovery(ctx, st, r, kind);
  if (kind == NeedKind::care) schedule_care_entry(ctx, st, r);
  // Withdrawal changes the tie hazards; it lowers detection hazards only (no redraw, thinning).
  if (kind == NeedKind::withdrawal) redraw_ties_of(st, r);
}

}  // namespace

Day event_day(Day today, double wait_days) {
  const double day = today + 1.0 + std::floor(wait_days);
  return day >= 2147483647.0 ? 2147483647 : static_cast<Day>(day);
}

std::uint16_t condition_bit(NeedKind kind) {
  switch (kind) {
    case NeedKind::care: return kCare;
    case NeedKind::disability: return kDisability;
    case NeedKind::withdrawal: return kWithdrawn;
    case NeedKind::poverty: return kNoIncome;
    case NeedKind::child: return kChildNeed;
  }
  return 0;
}

void schedule_onset(const Context& ctx, State& st, std::int32_t r, NeedKind kind) {
  const Day day = onset_day(ctx, st, r, kind);
  if (day != kNever) st.calendars.onset.schedule(day, {r, 0, static_cast<std::int16_t>(kind), kOnset});
}

void schedule_recovery(const Context& ctx, State& st, std::int32_t r, NeedKind kind) {
  const Scenario::Conditions& C = ctx.scenario.conditions;
  double rate = 0;
  Process process = Process::withdrawal_recovery;
  switch (kind) {
    case NeedKind::withdrawal: rate = C.withdrawal_recovery; break;
    case NeedKind::poverty:
      rate = C.poverty_recovery;
      process = Process::poverty_recovery;
      break;
    case NeedKind::child:
      rate = C.child_need_recovery;
      process = Process::child_recovery;
      break;
    case NeedKind::care:
    case NeedKind::disability: return;  // lasting conditions: only service meets the need
  }
  if (rate <= 0) return;
  Draws d = ctx.draws(process, static_cast<std::uint32_t>(r), st.today);
  // The version names the episode, so a recovery drawn for an earlier spell is recognised.
  const auto episode = static_cast<std::uint32_t>(open_episode_of(st, r, kind));
  schedule(st, st.calendars.onset, d.exponential(rate), {r, episode, static_cast<std::int16_t>(kind), kRecovery});
}

void schedule_programme_recovery(const Context& ctx, State& st, std::int32_t r) {
  const std::int32_t e = open_episode_of(st, r, NeedKind::withdrawal);
  const double extra = ctx.scenario.conditions.withdrawal_recovery * (ctx.scenario.participation.recovery_factor - 1);
  if (e < 0 || extra <= 0) return;
  Draws d = ctx.draws(Process::programme_recovery, static_cast<std::uint32_t>(r), st.today);
  schedule(st, st.calendars.onset, d.exponential(extra),
           {r, static_cast<std::uint32_t>(e), static_cast<std::int16_t>(NeedKind::withdrawal), kProgrammeRecovery});
}

void schedule_births(const Context& ctx, State& st, std::int32_t r) {
  const BirthChain chain = birth_chain(st, r);
  const Day day = next_birth_day(ctx, st, r, chain);
  if (day != kNever) st.calendars.demography.schedule(day, birth_event(st, r, chain));
}

void schedule_life_events(const Context& ctx, State& st, std::int32_t r) {
  const LifeEvents ev = life_events(ctx, st, r);
  emit_demography(st, r, ev, [&](Day day, const Event& e) { st.calendars.demography.schedule(day, e); });
  emit_onsets(r, ev, [&](Day day, const Event& e) { st.calendars.onset.schedule(day, e); });
}

void schedule_every_life_event(const Context& ctx, State& st) {
  // Each resident's draws are its own: drawn in parallel, then scheduled in resident order, a
  // chunk of residents at a time (the drawn days of all would add 32 bytes a resident to the peak).
  constexpr std::int64_t kChunk = 1 << 16;
  const auto n = static_cast<std::int64_t>(st.residents.size());
  std::vector<LifeEvents> events(static_cast<std::size_t>(std::min(n, kChunk)));
  for (std::int64_t start = 0; start < n; start += kChunk) {
    ctx.stop_if_asked();  // RunOptions::stop
    const std::int64_t count = std::min(kChunk, n - start);
    const auto resident = [start](std::int64_t i) { return static_cast<std::int32_t>(start + i); };
#pragma omp parallel for num_threads(ctx.threads) schedule(static)
    for (std::int64_t i = 0; i < count; ++i) events[i] = life_events(ctx, st, resident(i));
    schedule_in_order(st.calendars.demography, count, ctx.threads,
                      [&](std::int64_t i, const auto& emit) { emit_demography(st, resident(i), events[i], emit); });
    schedule_in_order(st.calendars.onset, count, ctx.threads,
                      [&](std::int64_t i, const auto& emit) { emit_onsets(resident(i), events[i], emit); });
  }
}

void clear_condition(const Context& ctx, State& st, std::int32_t r, NeedKind kind) {
  st.residents.core[r].conditions &= static_cast<std::uint16_t>(~condition_bit(kind));
  schedule_onset(ctx, st, r, kind);
  if (kind == NeedKind::withdrawal) redraw_ties_of(st, r);
}

namespace {

// The conditions r has when it joins the population (at the start, or arriving later): each at its
// prevalence for r's age and sex (docs/ODD.md §5 "Initialisation"), from r's own draws.
std::uint16_t prevalent_conditions(const Context& ctx, const State& st, std::int32_t r) {
  const Scenario::Conditions& C = ctx.scenario.conditions;
  const Residents& R = st.residents;
  const double age = R.age(static_cast<std::size_t>(r), st.today);
  Draws d = ctx.draws(Process::initial_conditions, static_cast<std::uint32_t>(r), st.today);
  std::uint16_t conditions = 0;
  // Care need: the prevalence implied by the onset hazard, 1 - exp(-cumulative hazard).
  if (d.bernoulli(care_prevalence(C, age))) conditions |= kCare | (d.bernoulli(C.dementia_share) ? kDementia : 0);
  if (d.bernoulli(C.disability_prevalence))
    conditions |= kDisability | (d.bernoulli(C.disability_certified_share) ? kCertified : 0);
  const double withdrawal = age >= 15 && age < 40   ? C.withdrawal_prevalence_15_39
                            : age >= 40 && age < 65 ? C.withdrawal_prevalence_40_64
                                                    : 0.0;
  if (d.bernoulli(withdrawal * withdrawal_sex_factor(ctx.scenario, R.female[r]))) conditions |= kWithdrawn;
  if (age >= 18 && age < 65 && d.bernoulli(C.poverty_prevalence)) conditions |= kNoIncome;
  return static_cast<std::uint16_t>(conditions);
}

}  // namespace

void seed_conditions(const Context& ctx, State& st) {
  Residents& R = st.residents;
  // Each resident's draws are its own: in parallel.
#pragma omp parallel for num_threads(ctx.threads) schedule(static)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(R.size()); ++i)
    R.core[i].conditions |= prevalent_conditions(ctx, st, static_cast<std::int32_t>(i));
}

void arrive_with_conditions(const Context& ctx, State& st, std::int32_t r) {
  st.residents.core[r].conditions |= prevalent_conditions(ctx, st, r);
  open_prevalent_needs(ctx, st, r);
  if (st.residents.has(r, kCare)) schedule_care_entry(ctx, st, r);
}

std::int32_t lose_pension_income(const Context& ctx, State& st, std::int32_t r) {
  if (st.residents.has(r, kNoIncome)) return -1;
  begin_condition(ctx, st, r, NeedKind::poverty);
  return open_episode_of(st, r, NeedKind::poverty);
}

void open_prevalent_needs(const Context& ctx, State& st, std::int32_t r) {
  // Care needs and disabilities present at the start are taken as known (certified and served
  // outside the agencies' caseloads); withdrawal and loss of income start as open, unknown needs.
  for (NeedKind kind : {NeedKind::withdrawal, NeedKind::poverty}) {
    if (!st.residents.has(r, condition_bit(kind))) continue;
    open_episode(ctx, st, r, kind, field_of(st, r, kind));
    schedule_recovery(ctx, st, r, kind);
  }
}

void phase_onset(const Context& ctx, State& st) {
  for (const Event& ev : st.calendars.onset.bucket(st.today)) {
    const std::int32_t r = ev.id;
    if (!st.residents.alive(r)) continue;
    const auto kind = static_cast<NeedKind>(ev.aux);
    if (ev.kind == kOnset) {
      // Present already: it began by another route (a pension lost at a death) after this onset
      // was drawn; the onset drawn when that spell ends takes over.
      if (!st.residents.has(r, condition_bit(kind))) begin_condition(ctx, st, r, kind);
      continue;
    }
    // Recovery without help, valid only for the spell it was drawn for. It can come while the
    // need waits for or receives service too: help adds to recovery, it does not suspend it.
    // A programme's extra recovery counts only while the resident is still in the programme.
    const std::int32_t e = open_episode_of(st, r, kind);
    if (e < 0 || static_cast<std::uint32_t>(e) != ev.version) continue;
    if (ev.kind == kProgrammeRecovery && !st.residents.in_programme[r]) continue;
    release_case(ctx, st, e);
    close_episode(ctx, st, e, Outcome::remitted);
    clear_condition(ctx, st, r, kind);
  }
  st.calendars.onset.release(st.today);
}

}  // namespace kyosei
