// Need episodes: opening with the household's compound tags, closing, and the detection hazard
// of each channel (docs/ODD.md §7 "Detection"). An undetected episode holds one scheduled candidate
// detection, drawn at an upper bound of the sum of its channel hazards (detection_bound) and
// accepted when it falls due with probability hazard / bound (thinning, phase_detection.cpp). The
// hazard may change freely in between (a tie decays, a member dies) as long as the bound holds, so
// a tie flip costs no redraw; only what raises the bound (a birth, a registration, joining a place)
// redraws.
#include <algorithm>
#include <cmath>

#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/households.hpp"
#include "model/tie_store.hpp"
#include "model/events.hpp"
#include "model/expectations.hpp"
#include "model/phases/community.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"
#include "model/watching.hpp"

namespace kyosei {
namespace {

// How readily a resident reports a need they noticed in someone else; attending a community
// place teaches what to look for and where to report.
double reporting(const Context& ctx, const State& st, std::int32_t m) {
  const Scenario::Detection& D = ctx.scenario.detection;
  if (st.residents.age(m, st.today) < 15) return 0.0;
  double ability = 1.0;
  if (st.residents.has(m, kWithdrawn))
    ability = D.withdrawn_help_factor;
  else if (st.residents.has(m, kDementia))
    ability = D.dementia_help_factor;
  if (st.residents.core[m].place >= 0) ability *= ctx.scenario.community.watchfulness;
  return ability;
}

double help_seeking(const Context& ctx, const State& st, std::int32_t r) {
  const Scenario::Detection& D = ctx.scenario.detection;
  double h = st.residents.help_seeking[r] * std::pow(D.refusal_discouragement, st.residents.discouragement[r]);
  if (st.residents.has(r, kWithdrawn)) h *= D.withdrawn_help_factor;
  if (st.residents.has(r, kDementia)) h *= D.dementia_help_factor;
  return h;
}

double watching_notice(const Context& ctx, std::int32_t household, int field) {
  const double contacts = watching_contacts(ctx, household);
  return contacts > 0 ? contacts * ctx.scenario.detection.tie_notice[field] * ctx.scenario.watching.report : 0.0;
}

double commissioner_rate(const Context& ctx, const State& st, std::int32_t household) {
  if (!st.households.registered[household]) return 0.0;
  return ctx.scenario.commissioners.visit_detection / commissioner_round_days(ctx, st);
}

}  // namespace

double commissioner_round_days(const Context& ctx, const State& st) {
  const Scenario::Commissioners& C = ctx.scenario.commissioners;
  // More registered households than commissioners can visit stretch every round.
  const double load = static_cast<double>(st.totals.registered_households) /
                      (std::max<std::int64_t>(1, st.totals.commissioners) * C.caseload_per_commissioner);
  return C.visit_interval_days * std::max(1.0, load);
}

double tie_contact(const Context& ctx, const State& st, std::uint32_t tie) {
  return st.ties.records[tie].kind() == TieKind::neighbour ? ctx.scenario.ties.neighbour_contact
                                                           : ctx.scenario.ties.friend_contact;
}

double place_contact(const Context& ctx) {
  return ctx.scenario.community.sessions_per_week / 7.0 * ctx.scenario.community.watchfulness;
}

double ChannelRates::total() const {
  double sum = 0;
  for (double r : per_day) sum += r;
  return sum;
}

ChannelRates detection_rates(const Context& ctx, const State& st, std::int32_t e) {
  const Scenario& s = ctx.scenario;
  const std::int32_t r = st.episodes.resident[e];
  const std::int32_t h = st.residents.household[r];
  const auto f = static_cast<int>(st.episodes.field[e]);
  const GapFactors gap = gap_factors(ctx, st, r, st.episodes.field[e]);
  ChannelRates rates;
  rates.per_day[static_cast<int>(Channel::self_referral)] = s.detection.self_referral[f] / kDaysPerYear *
                                                            help_seeking(ctx, st, r) *
                                                            word_of_mouth_factor(ctx, st, r) * gap.self;
  // Ties notice in proportion to contact, and report if they are able to.
  double watch = 0;
  for_each_member(st, h, [&](std::int32_t m) {
    if (m != r) watch += s.ties.household_contact * reporting(ctx, st, m);
  });
  for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t other) {
    if (st.ties.records[tie].status() == kActive) watch += tie_contact(ctx, st, tie) * reporting(ctx, st, other);
  });
  // A community place: its other attendees see the resident at every session.
  if (st.residents.core[r].place >= 0) watch += place_contact(ctx);
  rates.per_day[static_cast<int>(Channel::tie)] = s.detection.tie_notice[f] * s.detection.tie_report * watch * gap.tie;
  rates.per_day[static_cast<int>(Channel::commissioner)] = commissioner_rate(ctx, st, h) * gap.referrer;
  // Institutions, and deliverers under a watching agreement who notice as a tie would.
  rates.per_day[static_cast<int>(Channel::institution)] =
      (s.detection.institution[f] / kDaysPerYear + watching_notice(ctx, h, f)) * gap.referrer;
  return rates;
}

double detection_bound(const Context& ctx, const State& st, std::int32_t e) {
  const Scenario& s = ctx.scenario;
  const std::int32_t r = st.episodes.resident[e];
  const std::int32_t h = st.residents.household[r];
  const auto f = static_cast<int>(st.episodes.field[e]);
  // reporting() is at most 1, or the watchfulness while anyone may attend a place; every
  // potential tie may be active, at the larger contact rate; help seeking only falls from its
  // trait.
  const bool places = places_in_force(ctx, st) > 0 || st.levers.attendees > 0;
  const double ability = places ? std::max(1.0, s.community.watchfulness) : 1.0;
  const std::uint32_t degree = tie_degree(st.ties, r);
  double watch = ability * (s.ties.household_contact * std::max(0, st.households.members[h] - 1) +
                            std::max(s.ties.neighbour_contact, s.ties.friend_contact) * degree);
  if (st.residents.core[r].place >= 0) watch += s.community.sessions_per_week / 7.0 * s.community.watchfulness;
  const Scenario::Commissioners& C = ctx.scenario.commissioners;
  // Discouragement only lowers help seeking; word of mouth and awareness may raise it up to
  // their values now (a story heard raises the bound, refresh_resident) and at full awareness.
  const GapFactors gap = gap_factor_bounds(ctx, st.episodes.field[e]);
  return s.detection.self_referral[f] / kDaysPerYear * st.residents.help_seeking[r] * word_of_mouth_factor(ctx, st, r) *
             gap.self +
         s.detection.tie_notice[f] * s.detection.tie_report * watch * gap.tie +
         ((st.households.registered[h] ? C.visit_detection / C.visit_interval_days : 0.0) +
          s.detection.institution[f] / kDaysPerYear + watching_notice(ctx, h, f)) *
             gap.referrer;
}

std::uint8_t compound_tags(const State& st, std::int32_t household) {
  bool elder = false, middle_aged_in_need = false, young_child = false, adult_cared_for = false;
  unsigned fields = 0;
  for_each_member(st, household, [&](std::int32_t m) {
    const double age = st.residents.age(m, st.today);
    elder |= age >= 70;
    middle_aged_in_need |= age >= 40 && age < 65 && st.residents.has(m, kWithdrawn | kNoIncome);
    young_child |= age < 6;
    adult_cared_for |= age >= 18 && st.residents.has(m, kCare | kDisability);
    for (std::int32_t e = st.residents.first_open[m]; e >= 0; e = st.episodes.next_open[e])
      fields |= 1u << static_cast<unsigned>(st.episodes.field[e]);
  });
  std::uint8_t tags = 0;
  if (elder && middle_aged_in_need) tags |= kTag8050;
  if (young_child && adult_cared_for) tags |= kTagDoubleCare;
  if (st.households.connected[household] == 0) tags |= kTagIsolated;
  if ((fields & (fields - 1)) != 0) tags |= kTagMultiNeed;  // two or more bits
  return tags;
}

std::size_t episode_rows_room(const State& st, std::size_t residents) { return rows_over_run(st, residents, 0.025); }

void reserve_episode_rows(State& st, std::size_t rows) {
  Episodes& group = st.episodes;
  KYOSEI_RESERVE_STATE_ARRAYS(KYOSEI_EPISODE_MEMBERS)
}

std::int32_t open_episode(const Context& ctx, State& st, std::int32_t r, NeedKind kind, Field field) {
  Episodes& E = st.episodes;
  const auto e = static_cast<std::int32_t>(E.size());
  const std::int32_t h = st.residents.household[r];
  E.resident.push_back(r);
  E.household.push_back(h);
  E.field.push_back(field);
  E.kind.push_back(kind);
  E.age.push_back(static_cast<std::int16_t>(st.residents.age(r, st.today)));
  E.onset.push_back(st.today);
  for (auto* column : {&E.first_contact, &E.detected, &E.covered, &E.resolved, &E.ended}) column->push_back(kNever);
  E.outcome.push_back(Outcome::undetected);
  E.channel.push_back(Channel::none);
  E.hops.push_back(0);
  E.bounces.push_back(0);
  E.agency.push_back(-1);
  E.planned.push_back(kNever);
  E.recorded.push_back(st.today >= st.burn_in ? 1 : 0);
  E.version.push_back(0);
  E.detection_bound.push_back(0);
  E.next_open.push_back(st.residents.first_open[r]);
  st.residents.first_open[r] = e;
  E.compound.push_back(compound_tags(st, h));
  E.household_type.push_back(household_type(st, h));
  ++st.totals.open_undetected;
  if (E.recorded[e]) ++st.counters.onsets;

  // Progression to crisis, drawn once: a crisis reveals the need if nothing found it first.
  const Scenario::Detection& D = ctx.scenario.detection;
  const double isolation = (E.compound[e] & kTagIsolated) ? D.crisis_isolated_factor : 1.0;
  const double crisis_rate = D.crisis[static_cast<int>(field)] * isolation;
  if (crisis_rate > 0) {
    Draws d = ctx.draws(Process::crisis, static_cast<std::uint32_t>(e), st.today);
    st.calendars.progression.schedule(event_day(st.today, d.exponential(crisis_rate) * kDaysPerYear), {e, 0, 0, 0});
  }
  reschedule_detection(ctx, st, e);
  return e;
}

void close_episode(const Context&, State& st, std::int32_t e, Outcome outcome) {
  Episodes& E = st.episodes;
  if (E.outcome[e] == Outcome::undetected) --st.totals.open_undetected;
  E.outcome[e] = outcome;
  E.ended[e] = st.today;
  ++E.version[e];  // cancels a scheduled detection
  const std::int32_t r = E.resident[e];
  std::int32_t* link = &st.residents.first_open[r];
  while (*link != e) link = &E.next_open[*link];
  *link = E.next_open[e];
  E.next_open[e] = -1;
}

void reschedule_detection(const Context& ctx, State& st, std::int32_t e) {
  if (st.episodes.outcome[e] != Outcome::undetected) return;
  const std::uint32_t version = ++st.episodes.version[e];
  const double bound = detection_bound(ctx, st, e);
  st.episodes.detection_bound[e] = bound;
  if (bound <= 0) return;
  Draws d = ctx.draws(Process::detection, static_cast<std::uint32_t>(e), st.today, version);
  st.calendars.detection.schedule(event_day(st.today, d.exponential(bound)), {e, version, 0, 0});
}

void refresh_resident(const Context& ctx, State& st, std::int32_t r) {
  for (std::int32_t e = st.residents.first_open[r]; e >= 0; e = st.episodes.next_open[e])
    if (st.episodes.outcome[e] == Outcome::undetected && detection_bound(ctx, st, e) > st.episodes.detection_bound[e])
      reschedule_detection(ctx, st, e);
}

}  // namespace kyosei
