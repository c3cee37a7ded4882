// Intake and routing (docs/ODD.md §7 "Intake and routing"). Under silo intake a window accepts only needs of its own
// field: other needs are referred (and may be misrouted or lost on the way), gap needs are
// refused except at the self-reliance consultation, which takes some on. Under integrated intake (断らない相談) every window accepts every need of the
// household and hands each on to the agency that owns it. Hand-offs are cold (the person is told
// where to go) or warm (accompanied), a lever of its own.
#include <algorithm>
#include <vector>

#include "model/context.hpp"
#include "model/events.hpp"
#include "model/expectations.hpp"
#include "model/phases.hpp"
#include "model/phases/collaboration.hpp"
#include "model/phases/intake.hpp"
#include "model/phases/participation.hpp"
#include "model/phases/service.hpp"
#include "model/residents.hpp"

namespace kyosei {
namespace {

std::int32_t district_of(const State& st, std::int32_t e) {
  return st.block_district[st.households.block[st.episodes.household[e]]];
}

std::int32_t agency_for(const State& st, Field field, std::int32_t district) {
  return field == Field::elderly ? st.agencies.elderly_centre_of_district[district]
                                 : st.agencies.agency_of_field[static_cast<int>(field)];
}

// A window of a silo other than `owner_field`, uniformly.
std::int32_t other_window(const State& st, std::int32_t e, Field owner_field, Draws& d) {
  std::array<Field, kSiloCount> choices{};
  int n = 0;
  for (int f = 0; f < kSiloCount; ++f)
    if (static_cast<Field>(f) != owner_field) choices[n++] = static_cast<Field>(f);
  return agency_for(st, choices[d.below(static_cast<std::uint32_t>(n))], district_of(st, e));
}

// Probability that a person arrives at another agency on their own or accompanied.
// Outreach workers always accompany the people they hand on.
HandOff style_for(const Context& ctx, const State& st, std::int32_t e) {
  const std::int32_t from = st.episodes.agency[e];
  return from >= 0 && from == st.agencies.outreach ? HandOff::warm : handoff_style(ctx, st);
}

double arrival_probability(const Context& ctx, const State& st, std::int32_t e) {
  const Scenario::Intake& I = ctx.scenario.intake;
  if (style_for(ctx, st, e) == HandOff::warm) return I.warm_arrival;
  const std::int32_t r = st.episodes.resident[e];
  double p = I.cold_arrival * std::min(1.0f, st.residents.help_seeking[r]);
  if (st.residents.has(r, kWithdrawn)) p *= I.withdrawn_arrival_factor;
  return p;
}

double delay_days(const Context& ctx, const State& st, std::int32_t e) {
  const Scenario::Intake& I = ctx.scenario.intake;
  return style_for(ctx, st, e) == HandOff::warm ? I.warm_delay_days : I.cold_delay_days;
}

// A contact that ended without help: the person is discouraged and asks less from now on, and
// their ties hear of it.
void bounce(const Context& ctx, State& st, std::int32_t e) {
  ++st.episodes.bounces[e];
  const std::int32_t r = st.episodes.resident[e];
  if (st.residents.discouragement[r] < 255) ++st.residents.discouragement[r];  // lowers the hazard only
  tell_ties(ctx, st, r, -1);
}

// The first time any agency hears of the need, counted by the channel that brought it and by
// whether a silo window owns its kind at all.
void note_first_contact(State& st, std::int32_t e, Channel channel) {
  if (st.episodes.first_contact[e] != kNever) return;
  st.episodes.first_contact[e] = st.today;
  if (!st.episodes.recorded[e]) return;
  ++st.counters.first_contacts;
  ++st.counters.first_contacts_by_channel[static_cast<int>(channel)];
  if (st.episodes.field[e] == Field::gap) ++st.counters.first_contacts_gap;
}

// Silo: the window sends the person on to the agency it believes owns the need.
void refer(const Context& ctx, State& st, std::int32_t e) {
  Episodes& E = st.episodes;
  ++st.counters.referrals;
  if (E.hops[e] >= ctx.scenario.intake.max_hops) {  // the person gives up
    ++st.counters.dropoffs;
    bounce(ctx, st, e);
    return;
  }
  ++E.hops[e];
  Draws d = ctx.draws(Process::referral, static_cast<std::uint32_t>(e), st.today, E.version[e]);
  const std::int32_t owner = owner_agency(ctx, st, e);
  const std::int32_t target =
      d.bernoulli(ctx.scenario.intake.staff_knowledge) ? owner : other_window(st, e, st.agencies.info[owner].field, d);
  if (!d.bernoulli(arrival_probability(ctx, st, e))) {
    ++st.counters.dropoffs;
    bounce(ctx, st, e);
    return;
  }
  st.calendars.intake.schedule(event_day(st.today, d.exponential(1.0 / std::max(1e-9, delay_days(ctx, st, e)))),
                               {e, 0, static_cast<std::int16_t>(target), kReferralArrival});
}

// Integrated: the accepting window hands the need to its owner; a lost hand-off is tried again
// after a follow-up, and after intake.max_hops failures the window serves the need itself.
void hand_off(const Context& ctx, State& st, std::int32_t e, std::int32_t owner) {
  Episodes& E = st.episodes;
  Draws d = ctx.draws(Process::handoff, static_cast<std::uint32_t>(e), st.today, E.bounces[e]);
  const double delay = d.exponential(1.0 / std::max(1e-9, delay_days(ctx, st, e)));
  if (style_for(ctx, st, e) == HandOff::warm) st.counters.intake_hours += ctx.scenario.intake.warm_handoff_hours;
  if (d.bernoulli(arrival_probability(ctx, st, e))) {
    st.calendars.intake.schedule(event_day(st.today, delay), {e, 0, static_cast<std::int16_t>(owner), kHandOffArrival});
    return;
  }
  ++st.counters.dropoffs;
  ++E.bounces[e];
  if (E.bounces[e] > ctx.scenario.intake.max_hops) {
    request_service(ctx, st, e, E.agency[e]);
    return;
  }
  st.calendars.intake.schedule(event_day(st.today, 2 * delay), {e, 0, static_cast<std::int16_t>(owner), kHandOffRetry});
}

// Silo: the self-reliance consultation (生活困窮者自立相談支援, since 2015) was built to take anyone
// in difficulty; it takes a gap need on at intake.self_reliance_gap_acceptance, the share of its
// new consultations that become continuing support (docs/ODD.md "Intake").
bool self_reliance_takes_on(const Context& ctx, const State& st, std::int32_t e, std::int32_t window) {
  if (window != agency_for(st, Field::poverty, 0)) return false;
  Draws d = ctx.draws(Process::self_reliance_intake, static_cast<std::uint32_t>(e), st.today, st.episodes.version[e]);
  return d.bernoulli(ctx.scenario.intake.self_reliance_gap_acceptance);
}

// The household's other open needs that no agency has yet.
std::vector<std::int32_t> other_undetected(const State& st, std::int32_t e) {
  std::vector<std::int32_t> out;
  for_each_member(st, st.episodes.household[e], [&](std::int32_t m) {
    for (std::int32_t o = st.residents.first_open[m]; o >= 0; o = st.episodes.next_open[o])
      if (o != e && st.episodes.outcome[o] == Outcome::undetected) out.push_back(o);
  });
  return out;
}

// Integrated: a window that does not own the need assesses the whole household before it takes
// responsibility: the least time, plus the backlog of its assessments over its staff's rate.
// Meanwhile the need has no detection candidate (version), and a crisis can still overtake it.
void begin_assessment(const Context& ctx, State& st, std::int32_t e, std::int32_t window) {
  const Scenario::Intake& I = ctx.scenario.intake;
  std::int32_t& pending = st.levers.assessments_pending[window];
  const double per_day =
      std::max(1.0, st.agencies.info[window].staff) * I.assessments_per_worker_month * 12.0 / kDaysPerYear;
  const double wait = I.assessment_days + pending / per_day;
  ++pending;
  st.counters.intake_hours += I.assessment_hours;
  ++st.episodes.version[e];
  st.calendars.intake.schedule(event_day(st.today, wait), {e, 0, static_cast<std::int16_t>(window), kAssessmentDone});
}

}  // namespace

// The burn-in's parameters are the silo baseline (Scenario::silo_baseline), so the parameters
// in force say everything.
IntakeMode intake_mode(const Context& ctx, const State&) { return ctx.scenario.intake.mode; }

HandOff handoff_style(const Context& ctx, const State&) { return ctx.scenario.intake.handoff; }

std::int32_t owner_agency(const Context&, const State& st, std::int32_t e) {
  // Gap needs belong to no statutory field (狭間のニーズ): see serving_agency for who serves them.
  const Field field = st.episodes.field[e];
  return field == Field::gap ? -1 : agency_for(st, field, district_of(st, e));
}

std::int32_t choose_window(const Context& ctx, State& st, std::int32_t e, Channel channel) {
  const bool lay = channel == Channel::self_referral || channel == Channel::tie;
  const double knowledge = lay ? ctx.scenario.detection.window_knowledge : ctx.scenario.intake.staff_knowledge;
  Draws d = ctx.draws(Process::window_choice, static_cast<std::uint32_t>(e), st.today, st.episodes.version[e]);
  const std::int32_t owner = owner_agency(ctx, st, e);
  if (owner >= 0 && d.bernoulli(knowledge)) return owner;
  return other_window(st, e, owner >= 0 ? st.agencies.info[owner].field : Field::gap, d);
}

void contact(const Context& ctx, State& st, std::int32_t e, Channel channel, std::int32_t window) {
  note_first_contact(st, e, channel);
  st.episodes.channel[e] = channel;
  const std::int32_t owner = owner_agency(ctx, st, e);
  if (window == owner) {
    accept(ctx, st, e, window, channel);
  } else if (intake_mode(ctx, st) == IntakeMode::integrated) {
    begin_assessment(ctx, st, e, window);
  } else if (owner < 0) {  // no programme fits (対応する制度がない)
    if (self_reliance_takes_on(ctx, st, e, window)) {
      accept(ctx, st, e, window, channel);
      return;
    }
    ++st.counters.refusals;
    bounce(ctx, st, e);
  } else {
    refer(ctx, st, e);
  }
}

void accept(const Context& ctx, State& st, std::int32_t e, std::int32_t window, Channel channel,
            bool assess_household) {
  Episodes& E = st.episodes;
  note_first_contact(st, e, channel);
  E.detected[e] = st.today;
  E.channel[e] = channel;
  E.outcome[e] = Outcome::waiting;
  E.agency[e] = static_cast<std::int16_t>(window);
  ++E.version[e];  // cancels the scheduled detection
  --st.totals.open_undetected;
  if (E.recorded[e]) ++st.counters.detections[static_cast<int>(channel)];
  tell_ties(ctx, st, E.resident[e], +1);
  // The worker who takes the need on meets the household: anyone isolated or withdrawn in it
  // is offered a participation programme.
  for_each_member(st, E.household[e], [&](std::int32_t m) { offer_participation(ctx, st, m); });
  if (!assess_household) {
    route_accepted(ctx, st, e);
    return;
  }
  // A compound household waits for a coordinator's plan, which will take on its needs; meanwhile
  // the need accepted today goes on to service and the household is assessed as without a plan
  // (a plan never holds anything back).
  if (needs_plan(ctx, st, e)) {
    E.planned[e] = kAwaitingPlan;
    queue_for_plan(ctx, st, E.household[e], window);
  }
  route_accepted(ctx, st, e);

  const bool integrated = intake_mode(ctx, st) == IntakeMode::integrated;
  const double look = integrated ? ctx.scenario.intake.household_assessment : ctx.scenario.intake.notice_other_needs;
  for (const std::int32_t o : other_undetected(st, e)) {
    Draws d = ctx.draws(Process::household_assessment, static_cast<std::uint32_t>(o), st.today, E.version[o]);
    if (!d.bernoulli(look)) continue;
    if (integrated) {
      accept(ctx, st, o, window, Channel::household, false);
    } else if (owner_agency(ctx, st, o) >= 0) {  // silo staff refer what they notice, if anyone owns it
      note_first_contact(st, o, Channel::household);
      E.channel[o] = Channel::household;
      refer(ctx, st, o);
    }
  }
}

std::int32_t serving_agency(const Context& ctx, const State& st, std::int32_t e) {
  const std::int32_t owner = owner_agency(ctx, st, e);
  if (owner >= 0) return owner;
  // A need nobody owns: the window that took it on keeps it under integrated intake (断らない:
  // responsibility stays where it was accepted), and the outreach team keeps what it found;
  // anything else (a crisis, a plan under silo intake) goes to the self-reliance consultation,
  // which never turns an emergency away.
  const std::int32_t holder = st.episodes.agency[e];
  const bool keeps = holder >= 0 && (holder == st.agencies.outreach || intake_mode(ctx, st) == IntakeMode::integrated);
  return keeps ? holder : agency_for(st, Field::poverty, 0);
}

void route_accepted(const Context& ctx, State& st, std::int32_t e) {
  const std::int32_t owner = serving_agency(ctx, st, e);
  if (st.episodes.agency[e] == owner) {
    request_service(ctx, st, e, owner);
  } else {
    hand_off(ctx, st, e, owner);
  }
}

void phase_intake(const Context& ctx, State& st) {
  for (const Event& ev : st.calendars.intake.bucket(st.today)) {
    if (ev.kind == kCoordinatorReferral) {
      coordinator_receives(ctx, st, ev.id, ev.aux);
      continue;
    }
    const std::int32_t e = ev.id;
    const Outcome outcome = st.episodes.outcome[e];
    switch (ev.kind) {
      case kReferralArrival:
        if (outcome == Outcome::undetected) contact(ctx, st, e, st.episodes.channel[e], ev.aux);
        break;
      case kHandOffArrival:
        if (outcome == Outcome::waiting) request_service(ctx, st, e, ev.aux);
        break;
      case kHandOffRetry:
        if (outcome == Outcome::waiting) hand_off(ctx, st, e, ev.aux);
        break;
      case kAssessmentDone:
        --st.levers.assessments_pending[ev.aux];
        if (outcome == Outcome::undetected) accept(ctx, st, e, ev.aux, st.episodes.channel[e]);
        break;
      default: break;
    }
  }
  st.calendars.intake.release(st.today);
}

}  // namespace kyosei
