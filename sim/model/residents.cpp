// Residents and households: membership lists and the incremental isolation totals.
#include <atomic>
#include <cmath>
#include <utility>

#include "engine/large_pages.hpp"
#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/phases/tie_formation.hpp"
#include "model/residents.hpp"
#include "model/tie_store.hpp"

namespace kyosei {

Day coming_of_age_day(const Context& ctx, const State& st, std::int32_t r) {
  return st.residents.core[r].birth_day +
         static_cast<Day>(std::ceil(ctx.scenario.ties.isolation_min_age * kDaysPerYear));
}

bool isolation_eligible(const Context& ctx, const State& st, std::int32_t r) {
  return st.residents.alive(r) && st.today >= coming_of_age_day(ctx, st, r);
}

std::size_t rows_over_run(const State& st, std::size_t base, double per_year) {
  const double years = static_cast<double>(st.total_days / 365 + 1);
  return static_cast<std::size_t>(std::ceil(static_cast<double>(base) * years * per_year));
}

std::size_t resident_rows_room(const Context& ctx, const State& st, std::size_t residents) {
  return residents + rows_over_run(st, residents, ctx.scenario.migration.in_rate + 1.0 / 64);
}

void reserve_resident_rows(State& st, std::size_t rows) {
  Residents& R = st.residents;
  // The arrays that tie flips and watchers read at random, on large pages when large.
  reserve_on_large_pages(R.core, rows);
  reserve_on_large_pages(R.household, rows);
  reserve_on_large_pages(R.death_day, rows);
  // Every other column, from the member list, so that a new one is not missed.
  Residents& group = R;
  KYOSEI_RESERVE_STATE_ARRAYS(KYOSEI_RESIDENT_MEMBERS)
  st.ties.blocks.reserve(rows);
  st.ties.block_position.reserve(rows);
  st.ties.owed.reserve(rows * kTieKindCount);
}

std::size_t household_rows_room(const Context& ctx, const State& st, std::size_t households) {
  return households + rows_over_run(st, households, ctx.scenario.migration.in_rate + 1.0 / 32);
}

void reserve_household_rows(State& st, std::size_t rows) {
  Households& H = st.households;
  reserve_on_large_pages(H.connected, rows);  // met at random by the tie flips
  Households& group = H;
  KYOSEI_RESERVE_STATE_ARRAYS(KYOSEI_HOUSEHOLD_MEMBERS)
  st.levers.targets.reserve(rows);
}

void make_partners(State& st, std::int32_t a, std::int32_t b) {
  st.residents.partner[a] = b;
  st.residents.partner[b] = a;
}

void unlink_member(State& st, std::int32_t r) {
  std::int32_t* link = &st.households.first_member[st.residents.household[r]];
  while (*link != r) link = &st.residents.next_member[*link];
  *link = st.residents.next_member[r];
  st.residents.next_member[r] = -1;
  std::int32_t& partner = st.residents.partner[r];  // partners live in one household
  if (partner < 0) return;
  st.residents.partner[partner] = -1;
  partner = -1;
}

std::int32_t add_resident(const Context& ctx, State& st, std::int32_t household, Day birth_day, bool female,
                          float help_seeking, float sociability) {
  Residents& R = st.residents;
  const auto r = static_cast<std::int32_t>(R.size());
  R.core.push_back({birth_day, -1, 0, 0});
  R.household.push_back(household);
  R.first_open.push_back(-1);
  R.death_day.push_back(kNever);
  R.female.push_back(female ? 1 : 0);
  R.help_seeking.push_back(help_seeking);
  R.sociability.push_back(sociability);
  R.discouragement.push_back(0);
  R.word_of_mouth.push_back(0);
  R.in_programme.push_back(0);
  R.departure.push_back(0);
  // Link at the head of the household's member list.
  Households& H = st.households;
  R.next_member.push_back(H.first_member[household]);
  R.partner.push_back(-1);
  H.first_member[household] = r;
  if (H.members[household]++ == 0) {
    ++st.totals.nonempty_households;
    if (H.connected[household] == 0) ++st.totals.isolated_households;
  }
  ++st.totals.alive;
  if (isolation_eligible(ctx, st, r)) {
    ++st.totals.eligible;
    ++st.totals.isolated_eligible;  // no ties yet
  }
  add_tie_vertex(st.ties);
  on_arrival(ctx, st, r);  // meets its block's neighbours and makes friends, from school age
  return r;
}

namespace {

// x += delta, returning x before (an unsigned x wraps back as it should: x + (2^16 - 1) is x - 1).
template <bool kConcurrent, class T>
T fetch_add(T& x, int delta) {
  const auto d = static_cast<T>(delta);
  if constexpr (kConcurrent) return std::atomic_ref(x).fetch_add(d, std::memory_order_relaxed);
  return std::exchange(x, static_cast<T>(x + d));
}

}  // namespace

template <bool kConcurrent>
IsolationChange change_outside_ties_counted(const Context& ctx, State& st, std::int32_t r, int delta) {
  // Each change adds (isolated after) - (isolated before): over any order of a day's changes these
  // sum to (isolated at the end) - (isolated at the start), so the totals do not depend on it.
  const std::int32_t before = fetch_add<kConcurrent>(st.residents.core[r].outside_ties, delta);
  const std::int32_t after = before + delta;
  IsolationChange change;
  if ((before == 0) == (after == 0)) return change;
  const int connected_delta = after > 0 ? 1 : -1;
  if (isolation_eligible(ctx, st, r)) change.isolated_eligible = -connected_delta;
  const std::int32_t h = st.residents.household[r];
  const std::int32_t was = fetch_add<kConcurrent>(st.households.connected[h], connected_delta);
  change.isolated_households = (was + connected_delta == 0) - (was == 0);
  return change;
}
template IsolationChange change_outside_ties_counted<true>(const Context&, State&, std::int32_t, int);
template IsolationChange change_outside_ties_counted<false>(const Context&, State&, std::int32_t, int);

void change_outside_ties(const Context& ctx, State& st, std::int32_t r, int delta) {
  const IsolationChange change = change_outside_ties_counted<false>(ctx, st, r, delta);
  st.totals.isolated_eligible += change.isolated_eligible;
  st.totals.isolated_households += change.isolated_households;
}

void remove_resident(const Context& ctx, State& st, std::int32_t r) {
  // The caller has already removed r's ties, so r counts as unconnected here.
  if (isolation_eligible(ctx, st, r)) {
    --st.totals.eligible;
    --st.totals.isolated_eligible;
  }
  --st.totals.alive;
  Households& H = st.households;
  const std::int32_t h = st.residents.household[r];
  unlink_member(st, r);
  st.residents.death_day[r] = st.today;
  if (--H.members[h] == 0) {
    --st.totals.nonempty_households;
    if (H.connected[h] == 0) --st.totals.isolated_households;
    if (H.registered[h]) {
      H.registered[h] = 0;
      --st.totals.registered_households;
    }
  }
}

bool all_members_older_than(const State& st, std::int32_t household, double age) {
  bool all = st.households.members[household] > 0;
  for_each_member(st, household, [&](std::int32_t m) { all = all && st.residents.age(m, st.today) >= age; });
  return all;
}

void update_registration(const Context& ctx, State& st, std::int32_t household) {
  if (st.households.registered[household] || !all_members_older_than(st, household, kRegistrationAge)) return;
  // The household's own draw, the same whenever it is asked: a household that becomes one of
  // residents 65+ only again and again (a death, a 65th birthday) is not registered more often.
  Draws d = ctx.draws(Process::registration, static_cast<std::uint32_t>(household), 0);
  if (!d.bernoulli(ctx.scenario.commissioners.registration)) return;
  st.households.registered[household] = 1;
  ++st.totals.registered_households;
  for_each_member(st, household, [&](std::int32_t m) { refresh_resident(ctx, st, m); });  // visits begin
}

}  // namespace kyosei
