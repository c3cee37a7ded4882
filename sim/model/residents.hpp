#pragma once
// Residents and households (residents.cpp): births into and deaths out of households, their
// registration, and the outside ties and isolation totals they keep.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// `per_year` x `base` rows for each year of the run and one more, rounded up.
std::size_t rows_over_run(const State& st, std::size_t base, double per_year);
// Rows a run is expected to reach: the residents at the start, and the births (under 1/64 of them
// a year) and newcomers (migration.in_rate of them a year) of each year of the run and one more.
std::size_t resident_rows_room(const Context& ctx, const State& st, std::size_t residents);
// Reserves `rows` rows in every per-resident array (the residents' columns, their tie blocks,
// roster positions and ties owed), before they are filled: room reserved is not touched, so not
// resident until used, and an array that never outgrows it is never copied to a larger one, which
// would hold both copies at once (docs/performance.md, "Peak memory (branch h19mem)").
void reserve_resident_rows(State& st, std::size_t rows);
// The same for households: those at the start, and those newcomers bring and residents form
// (leaving home, separating) each year, about 1/32 of them a year beyond migration.in_rate at
// the defaults (4.5% a year in full_juso at a million residents); reserved in every household
// column and the outreach target list, which holds a place for each household.
std::size_t household_rows_room(const Context& ctx, const State& st, std::size_t households);
void reserve_household_rows(State& st, std::size_t rows);
// Partners live in one household: a and b become partners.
void make_partners(State& st, std::int32_t a, std::int32_t b);
// Takes r out of its household's member list (it died, moved away or into care, or moves to
// another household) and ends its partnership, if any; the household's counts are the caller's.
void unlink_member(State& st, std::int32_t r);
std::int32_t add_resident(const Context& ctx, State& st, std::int32_t household, Day birth_day, bool female,
                          float help_seeking, float sociability);
// Takes a resident who died out of its household and out of the running totals.
void remove_resident(const Context& ctx, State& st, std::int32_t r);
Day coming_of_age_day(const Context& ctx, const State& st, std::int32_t r);
bool all_members_older_than(const State& st, std::int32_t household, double age);
// Commissioners list households all of whose members are this old; a resident reaching it is a
// demography event (kTurn65), which asks again.
inline constexpr double kRegistrationAge = 65;
void update_registration(const Context& ctx, State& st, std::int32_t household);
// Adds `delta` (+1/-1) active outside ties to r, keeping the isolation totals.
void change_outside_ties(const Context& ctx, State& st, std::int32_t r, int delta);
// The same with the change of the totals returned, to be summed (in any order) and added after;
// with kConcurrent the counters change atomically, for threads changing residents at once (a
// locked add costs far more than a plain one, and a run on one thread needs none).
struct IsolationChange {
  std::int64_t isolated_eligible = 0, isolated_households = 0;
};
template <bool kConcurrent>
IsolationChange change_outside_ties_counted(const Context& ctx, State& st, std::int32_t r, int delta);
bool isolation_eligible(const Context& ctx, const State& st, std::int32_t r);
template <class F>
void for_each_member(const State& st, std::int32_t household, F&& f) {
  for (std::int32_t m = st.households.first_member[household]; m >= 0; m = st.residents.next_member[m]) f(m);
}

}  // namespace kyosei
