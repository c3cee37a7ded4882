// Service (docs/ODD.md §7 "Service"): an accepted need joins its agency's caseload, or its queue
// when the caseload is full. Service time lengthens as caseload per worker rises; some needs become
// chronic and stay open as monitoring (見守り継続), holding a caseload place.
#include <algorithm>

#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/events.hpp"
#include "model/phases.hpp"
#include "model/phases/onset.hpp"
#include "model/phases/service.hpp"

namespace kyosei {
namespace {

bool in_caseload(Outcome o) { return o == Outcome::in_service || o == Outcome::monitoring; }

// Mean time to the end of service of e, in its agency's caseload now: monitoring lasts its own
// time; service lengthens with the caseload per worker.
double service_mean_days(const Context& ctx, const State& st, std::int32_t e) {
  const Scenario::Service& S = ctx.scenario.service;
  if (st.episodes.outcome[e] == Outcome::monitoring) return S.monitoring_mean_days;
  const std::int32_t a = st.episodes.agency[e];
  const double load = static_cast<double>(st.agencies.caseload[a]) / st.agencies.info[a].capacity;
  return S.mean_days[static_cast<int>(st.episodes.field[e])] * (1.0 + S.load_slowdown * load);
}

void begin_service(const Context& ctx, State& st, std::int32_t e, std::int32_t a) {
  const Scenario::Service& S = ctx.scenario.service;
  Episodes& E = st.episodes;
  AgencyState& A = st.agencies;
  const auto f = static_cast<int>(E.field[e]);
  E.covered[e] = st.today;
  E.agency[e] = static_cast<std::int16_t>(a);
  ++A.caseload[a];
  Draws d = ctx.draws(Process::service, static_cast<std::uint32_t>(e), st.today);
  const Scenario::Collaboration& C = ctx.scenario.collaboration;
  const bool planned = E.planned[e] >= 0;
  if (d.bernoulli(S.chronic_share[f] * (planned ? C.plan_chronic_factor : 1.0))) {
    E.outcome[e] = Outcome::monitoring;
    ++A.monitoring[a];
  } else {
    E.outcome[e] = Outcome::in_service;
  }
  const double mean_days = service_mean_days(ctx, st, e) * (planned ? C.plan_service_time_factor : 1.0);
  st.calendars.service.schedule(event_day(st.today, d.exponential(1.0 / mean_days)), {e, 0, 0, 0});
}

void leave_caseload(State& st, std::int32_t e) {
  const std::int32_t a = st.episodes.agency[e];
  --st.agencies.caseload[a];
  if (st.episodes.outcome[e] == Outcome::monitoring) --st.agencies.monitoring[a];
}

}  // namespace

void admit_from_queue(const Context& ctx, State& st, std::int32_t a) {
  AgencyState& A = st.agencies;
  while (A.caseload[a] < A.info[a].capacity && !A.queue[a].empty()) {
    const std::int32_t e = A.queue[a].front();
    A.queue[a].pop_front();
    begin_service(ctx, st, e, a);
  }
}

void request_service(const Context& ctx, State& st, std::int32_t e, std::int32_t agency) {
  AgencyState& A = st.agencies;
  st.episodes.agency[e] = static_cast<std::int16_t>(agency);
  if (A.caseload[agency] < A.info[agency].capacity && A.queue[agency].empty()) {
    begin_service(ctx, st, e, agency);
  } else {
    A.queue[agency].push_back(e);
  }
}

void plan_service(const Context& ctx, State& st, std::int32_t e) {
  if (!in_caseload(st.episodes.outcome[e])) return;
  // An end of service of rate (1/f - 1)/m beside the one drawn at rate 1/m (both exponential, the
  // first ends it): the mean time left becomes f x m. An end that comes after the first finds the
  // episode closed and is skipped.
  const double f = ctx.scenario.collaboration.plan_service_time_factor;
  if (f >= 1.0) return;
  Draws d = ctx.draws(Process::service, static_cast<std::uint32_t>(e), st.today, 1);
  const double rate = (1.0 / f - 1.0) / service_mean_days(ctx, st, e);
  st.calendars.service.schedule(event_day(st.today, d.exponential(rate)), {e, 0, 0, 0});
}

void release_case(const Context& ctx, State& st, std::int32_t e) {
  const std::int32_t a = st.episodes.agency[e];
  if (st.episodes.outcome[e] == Outcome::waiting && a >= 0) {
    auto& queue = st.agencies.queue[a];
    const auto it = std::find(queue.begin(), queue.end(), e);
    if (it != queue.end()) queue.erase(it);
    return;
  }
  if (!in_caseload(st.episodes.outcome[e])) return;
  leave_caseload(st, e);
  admit_from_queue(ctx, st, st.episodes.agency[e]);
}

void phase_service(const Context& ctx, State& st) {
  Episodes& E = st.episodes;
  for (const Event& ev : st.calendars.service.bucket(st.today)) {
    const std::int32_t e = ev.id;
    if (!in_caseload(E.outcome[e])) continue;  // the resident died in service
    leave_caseload(st, e);
    E.resolved[e] = st.today;
    close_episode(ctx, st, e, Outcome::resolved);
    ++st.counters.resolutions;
    // Service ends the conditions it can end; care needs and disabilities stay, now met.
    const NeedKind kind = E.kind[e];
    if (kind == NeedKind::withdrawal || kind == NeedKind::poverty || kind == NeedKind::child)
      clear_condition(ctx, st, E.resident[e], kind);
    admit_from_queue(ctx, st, E.agency[e]);
  }
  st.calendars.service.release(st.today);
}

}  // namespace kyosei
