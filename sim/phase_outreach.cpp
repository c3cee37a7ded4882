// Outreach (アウトリーチ等を通じた継続的支援, MODEL.md §3.7): the team's daily visits go first to
// households where it is building trust, then down a target list made by its targeting rule.
// A household with a withdrawn member lets a worker in only after several visits; a trusted visit
// reveals each open need with some probability, and the team takes it on: it hands owned needs on
// by hand and serves the gap needs itself.
#include <algorithm>
#include <cmath>

#include "engine.hpp"
#include "ordered_in_stretches.hpp"

namespace kyosei {
namespace {

constexpr Day kTargetListDays = 30;  // the list is remade monthly from what the team knows
constexpr std::int32_t kHouseholdsPerTask = 16384;  // households a task scores for the list
enum OutreachEvent : std::uint8_t { kTrustVisit = 0 };

bool has_withdrawn_member(const State& st, std::int32_t h) {
  bool any = false;
  for_each_member(st, h, [&](std::int32_t m) { any = any || st.residents.has(m, kWithdrawn); });
  return any;
}

// The ages the lists look at, as days lived (days_to_age): a scan over every household compares
// instead of dividing for each member.
struct AgeLines {
  Day school = days_to_age(6), working = days_to_age(15), adult = days_to_age(18), retired = days_to_age(65),
      older = days_to_age(75);
};

double risk_score(const Context& ctx, const State& st, const AgeLines& at, std::int32_t h) {
  const auto& w = ctx.scenario.outreach.risk_weights;
  bool older = false, isolated_member = false;
  for_each_member(st, h, [&](std::int32_t m) {
    const Day lived = st.residents.days_lived(m, st.today);
    older = older || lived >= at.older;
    isolated_member = isolated_member ||
                      (lived >= at.working && lived < at.retired && st.residents.core[m].outside_ties == 0);
  });
  return w[0] * older + w[1] * (st.households.members[h] == 1) + w[2] * (st.households.connected[h] == 0) +
         w[3] * st.households.had_crisis[h] + w[4] * isolated_member;
}

// Lists the team receives: commissioners' registered households, utilities' arrears (a member
// without income), schools' concerns (a school-age child living with a member in difficulty).
bool on_a_list(const State& st, const AgeLines& at, std::int32_t h) {
  if (st.households.registered[h]) return true;
  bool arrears = false, pupil = false, difficulty = false;
  for_each_member(st, h, [&](std::int32_t m) {
    const Day lived = st.residents.days_lived(m, st.today);
    arrears = arrears || st.residents.has(m, kNoIncome);
    pupil = pupil || (lived >= at.school && lived < at.working);
    difficulty = difficulty || (lived >= at.adult && st.residents.has(m, kWithdrawn | kNoIncome | kCare | kDisability));
  });
  return arrears || (pupil && difficulty);
}

// How many targets to order at a time: twice a month's visits, so that a list is seldom ordered
// further before it is made again (a step is linear in the list's length), and at least 1,024.
std::size_t targets_to_order(const Scenario::Outreach& O) {
  const double month = O.workers * O.visits_per_worker_day * kTargetListDays;
  return static_cast<std::size_t>(std::max(1024.0, 2 * month));
}

// Lists the households the rule takes among [first, end), with their keys, in household order,
// from `out` on; returns how many.
std::size_t list_households(const Context& ctx, const State& st, const AgeLines& at, std::int32_t first,
                            std::int32_t end, OutreachTarget* out) {
  const OutreachTargeting rule = ctx.scenario.outreach.targeting;
  std::size_t listed = 0;
  for (std::int32_t h = first; h < end; ++h) {
    if (st.households.members[h] == 0) continue;
    if (rule == OutreachTargeting::lists && !on_a_list(st, at, h)) continue;
    double score = rule == OutreachTargeting::risk ? risk_score(ctx, st, at, h) : 0.0;
    if (rule == OutreachTargeting::risk && score <= 0) continue;
    // A random key orders the households (random, lists) and breaks ties of equal risk.
    Draws d = ctx.draws(Process::outreach_targets, static_cast<std::uint32_t>(h), st.today);
    out[listed++] = {-score - 1e-3 * d.uniform(), h};
  }
  return listed;
}

void build_targets(const Context& ctx, State& st) {
  LeverState& L = st.levers;
  L.targets.clear();
  L.targets_ordered = 0;
  L.next_target = 0;
  L.targets_built = st.today;
  if (ctx.scenario.outreach.targeting == OutreachTargeting::none) return;
  // Every household is scored: in parts, as tasks, so that threads of the day's parallel region
  // that wait for the earlier phases (step.cpp) score beside this one. Each part lists into its
  // own stretch of the list, which has room for every household, and the stretches are then
  // closed up in household order.
  const auto households = static_cast<std::int32_t>(st.households.size());
  L.targets.resize(static_cast<std::size_t>(households));
  std::vector<std::size_t> listed(static_cast<std::size_t>((households + kHouseholdsPerTask - 1) / kHouseholdsPerTask));
  const AgeLines at;
  const State& scored = st;
  OutreachTarget* const list = L.targets.data();
#pragma omp taskloop grainsize(1) default(none) shared(ctx, scored, at, listed, households) firstprivate(list)
  for (std::size_t p = 0; p < listed.size(); ++p) {
    const auto first = static_cast<std::int32_t>(p) * kHouseholdsPerTask;
    listed[p] = list_households(ctx, scored, at, first, std::min(households, first + kHouseholdsPerTask), list + first);
  }
  std::size_t end = 0;
  for (std::size_t p = 0; p < listed.size(); ++p) {
    const OutreachTarget* part = list + p * kHouseholdsPerTask;
    std::copy(part, part + listed[p], list + end);  // moved leftwards, so never onto what is still to move
    end += listed[p];
  }
  L.targets.resize(end);
  L.targets_ordered = order_stretch(L.targets, 0, targets_to_order(ctx.scenario.outreach));
}

void visit(const Context& ctx, State& st, std::int32_t h) {
  const Scenario::Outreach& O = ctx.scenario.outreach;
  ++st.counters.outreach_visits;
  st.households.last_visit[h] = st.today;
  if (has_withdrawn_member(st, h) && st.households.trust[h] < O.visits_to_trust) {
    ++st.households.trust[h];
    Draws d = ctx.draws(Process::outreach_visit, static_cast<std::uint32_t>(h), st.today);
    st.calendars.outreach.schedule(event_day(st.today, d.exponential(1.0 / O.trust_interval_days)), {h, 0, 0, kTrustVisit});
    return;
  }
  std::vector<std::int32_t> found;
  for_each_member(st, h, [&](std::int32_t m) {
    for (std::int32_t e = st.residents.first_open[m]; e >= 0; e = st.episodes.next_open[e])
      if (st.episodes.outcome[e] == Outcome::undetected) found.push_back(e);
  });
  for (const std::int32_t e : found) {
    Draws d = ctx.draws(Process::outreach_visit, static_cast<std::uint32_t>(e), st.today, 1);
    if (d.bernoulli(O.visit_detection)) accept(ctx, st, e, st.agencies.outreach, Channel::outreach, false);
  }
}

}  // namespace

void phase_outreach(const Context& ctx, State& st) {
  const Scenario::Outreach& O = ctx.scenario.outreach;
  LeverState& L = st.levers;
  auto& due = st.calendars.outreach.bucket(st.today);
  if (O.workers <= 0 || st.agencies.outreach < 0) {
    st.calendars.outreach.release(st.today);
    return;
  }
  // Visits happen on working days: five in seven.
  L.visit_credit += O.workers * O.visits_per_worker_day * 5.0 / 7.0;
  std::size_t i = 0;
  for (; i < due.size() && L.visit_credit >= 1.0; ++i, L.visit_credit -= 1.0)
    if (st.households.members[due[i].id] > 0) visit(ctx, st, due[i].id);
  for (; i < due.size(); ++i) st.calendars.outreach.schedule(st.today + 1, due[i]);  // postponed
  st.calendars.outreach.release(st.today);

  if (L.targets_built == kNever || st.today - L.targets_built >= kTargetListDays || L.next_target >= L.targets.size())
    if (L.targets_built != st.today) build_targets(ctx, st);
  while (L.visit_credit >= 1.0 && L.next_target < L.targets.size()) {
    if (L.next_target == L.targets_ordered)
      L.targets_ordered = order_stretch(L.targets, L.targets_ordered, targets_to_order(O));
    const std::int32_t h = L.targets[L.next_target++].household;
    const Day last = st.households.last_visit[h];
    if (st.households.members[h] == 0 || (last != kNever && st.today - last < O.revisit_days)) continue;
    visit(ctx, st, h);
    L.visit_credit -= 1.0;
  }
  L.visit_credit = std::min(L.visit_credit, 1.0 + O.workers * O.visits_per_worker_day);  // no hoarding
}

}  // namespace kyosei
