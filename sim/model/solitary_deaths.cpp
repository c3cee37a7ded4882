// Solitary deaths (孤立死, docs/ODD.md §4: late discovery is an outcome, never an input). A resident
// who lives alone dies at home with nobody there with a probability set by their situation at
// death (at_home_probability), and then lies there until someone comes. Each way of being found is a
// daily hazard set by the resident's situation at death: relatives in contact, outside ties and
// the other attendees of a community place, the welfare commissioner's round, the outreach team's
// round, and institutions (care or support staff when a need was being met; the landlord,
// utilities and the police for everyone; a deliverer under a watching agreement, 見守り協定). Nothing changes these hazards after the death, so the
// first discovery among these competing exponential waits is one exponential wait of their sum,
// its channel chosen in proportion to the rates: a death costs O(its ties), and no calendar.
// The jūsō levers and watching agreements act only through this state (ties, places, programmes,
// lists, services, the households on a deliverer's round).
#include <algorithm>
#include <array>
#include <cmath>

#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/phases/onset.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"
#include "model/solitary_deaths.hpp"
#include "model/watching.hpp"

namespace kyosei {
namespace {

// Staff come by regularly: a care need or disability that is met (services outside the caseloads
// or after an agency's service), a need an agency serves or monitors, or a participation
// programme.
bool in_services(const State& st, std::int32_t r) {
  for (NeedKind kind : {NeedKind::care, NeedKind::disability})
    if (st.residents.has(r, condition_bit(kind)) && open_episode_of(st, r, kind) < 0) return true;
  for (std::int32_t e = st.residents.first_open[r]; e >= 0; e = st.episodes.next_open[e])
    if (st.episodes.outcome[e] == Outcome::in_service || st.episodes.outcome[e] == Outcome::monitoring) return true;
  return st.residents.in_programme[r] != 0;
}

// Missed contacts along active outside ties (more readily acted on by a tie who attends a place),
// and missed sessions at the resident's own place.
double tie_rate(const Context& ctx, const State& st, std::int32_t r) {
  const Scenario& s = ctx.scenario;
  double contact = 0;
  for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t other) {
    if (st.ties.records[tie].status() != kActive) return;
    contact += tie_contact(ctx, st, tie) * (st.residents.core[other].place >= 0 ? s.community.watchfulness : 1.0);
  });
  if (st.residents.core[r].place >= 0) contact += place_contact(ctx);
  return s.solitary_deaths.tie_discovery * contact;
}

// A household on the outreach team's round: visited within one round (the revisit interval, or
// longer while the target list outgrows the team's visits; the trust-building interval for a
// withdrawn resident the team is still winning over) is visited again at that pace.
double outreach_rate(const Context& ctx, const State& st, std::int32_t r, std::int32_t h) {
  const Scenario::Outreach& O = ctx.scenario.outreach;
  const double visits_per_day = O.workers * O.visits_per_worker_day * 5.0 / 7.0;
  const Day last = st.households.last_visit[h];
  if (visits_per_day <= 0 || st.agencies.outreach < 0 || last == kNever) return 0.0;
  const bool building_trust = st.residents.has(r, kWithdrawn) && st.households.trust[h] < O.visits_to_trust;
  const double round = building_trust
                           ? O.trust_interval_days
                           : std::max(O.revisit_days, static_cast<double>(st.levers.targets.size()) / visits_per_day);
  return st.today - last <= round ? 1.0 / round : 0.0;
}

// Whether the death of a resident living alone happens at home with nobody there, rather than in
// hospital or with someone present: a base probability (aged 65+, no care need, ties outside the
// household, no services) times factors for a death before 65 (more often sudden: suicide,
// accidents, cardiac deaths), for services (staff who come see a final decline and call a doctor)
// or else an unmet care need (a frail resident declines with nobody to call help), and for
// isolation (nobody notices an illness); at most 1.
double at_home_probability(const Context& ctx, const State& st, std::int32_t r) {
  const Scenario::SolitaryDeaths& P = ctx.scenario.solitary_deaths;
  const Residents& R = st.residents;
  double p = P.at_home_share;
  if (R.age(r, st.today) < 65) p *= P.younger_at_home_ratio;
  if (in_services(st, r))
    p *= P.services_at_home_ratio;
  else if (R.has(r, kCare))
    p *= P.unserved_care_at_home_ratio;
  if (R.core[r].outside_ties == 0 && isolation_eligible(ctx, st, r)) p *= P.isolated_at_home_ratio;
  return std::min(p, 1.0);
}

}  // namespace

void record_solitary_death(const Context& ctx, State& st, std::int32_t r) {
  const std::int32_t h = st.residents.household[r];
  if (st.households.members[h] != 1 || st.today < st.burn_in) return;
  const Scenario::SolitaryDeaths& P = ctx.scenario.solitary_deaths;
  Draws d = ctx.draws(Process::solitary_death, static_cast<std::uint32_t>(r), st.today);
  if (!d.bernoulli(at_home_probability(ctx, st, r))) return;  // died in hospital, or with someone there

  std::array<double, kDiscoveryChannelCount> rate{};
  const auto at = [&rate](DiscoveryChannel c) -> double& { return rate[static_cast<int>(c)]; };
  at(DiscoveryChannel::household) = d.bernoulli(P.family_share) ? P.family_rate : 0.0;
  at(DiscoveryChannel::tie) = tie_rate(ctx, st, r);
  at(DiscoveryChannel::commissioner) = st.households.registered[h] ? 1.0 / commissioner_round_days(ctx, st) : 0.0;
  at(DiscoveryChannel::outreach) = outreach_rate(ctx, st, r, h);
  at(DiscoveryChannel::institution) = P.background_rate + (in_services(st, r) ? P.service_rate : 0.0) +
                                      watching_contacts(ctx, h) * ctx.scenario.watching.discovery;
  double total = 0;
  for (double x : rate) total += x;  // > 0: background_rate is positive

  // The day of death is day 0 of the wait.
  const double found = std::min(st.today + std::floor(d.exponential(total)), 2147483647.0);
  double u = d.uniform() * total;
  auto channel = DiscoveryChannel::institution;
  for (int c = 0; c < kDiscoveryChannelCount; ++c) {
    if (rate[c] <= 0) continue;
    channel = static_cast<DiscoveryChannel>(c);
    if (u < rate[c]) break;
    u -= rate[c];
  }

  SolitaryDeaths& S = st.solitary;
  S.resident.push_back(r);
  S.died.push_back(st.today);
  S.discovered.push_back(static_cast<Day>(found));
  S.channel.push_back(channel);
  S.outside_ties.push_back(
      static_cast<std::int16_t>(std::min<std::int32_t>(st.residents.core[r].outside_ties, INT16_MAX)));
  ++S.died_today;
  if (S.discovered.back() < static_cast<Day>(S.discoveries_due.size())) ++S.discoveries_due[S.discovered.back()];
}

}  // namespace kyosei
