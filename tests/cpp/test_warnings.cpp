// Counted warnings (sim/warnings.cpp, include/kyosei/warnings.hpp): each warning of kWarnings is
// raised where its condition arises (detection_hazard_above_bound: test_detection.cpp), counted
// in the State's array and named in the results and checkpoints.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "../../sim/model/events.hpp"
#include "../../sim/model/phases/participation.hpp"
#include "../../sim/model/step.hpp"
#include "../../sim/model/warnings.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

std::int64_t count_of(const State& st, Warning w) { return st.warnings[static_cast<std::size_t>(w)]; }

struct Started {
  Scenario scenario;
  Context ctx;
  State st;
  explicit Started(Scenario s) : scenario(std::move(s)), ctx{scenario, RngKey{3, 0}, 1} {
    initialise(ctx, {Epoch{0, scenario}}, st);
  }
};

// A living resident of the given age or more, the first in index order.
std::int32_t resident_aged(const State& st, double years) {
  for (std::size_t r = 0; r < st.residents.core.size(); ++r)
    if (st.residents.alive(static_cast<std::int32_t>(r)) && st.residents.age(r, st.today) >= years)
      return static_cast<std::int32_t>(r);
  return -1;
}

TEST(Warnings, TheListNamesEachWarningOnceWithAMeaning) {
  for (int w = 0; w < kWarningCount; ++w) {
    EXPECT_FALSE(kWarnings[w].meaning.empty()) << kWarnings[w].name;
    for (int v = 0; v < w; ++v) EXPECT_NE(kWarnings[w].name, kWarnings[v].name);
  }
}

TEST(Warnings, ADeathPast110IsAnImplausibleAge) {
  Started s(test::with_neutral_mortality(test::small_scenario("silo", 3000, 30)));
  std::int32_t r = resident_aged(s.st, 90);
  ASSERT_GE(r, 0);
  s.st.residents.core[r].birth_day = s.st.today - static_cast<Day>(111 * kDaysPerYear);
  s.st.calendars.demography.schedule(s.st.today, {r, 0, 0, kDeath});
  const std::int32_t younger = resident_aged(s.st, 30);
  s.st.calendars.demography.schedule(s.st.today, {younger == r ? r + 1 : younger, 0, 0, kDeath});
  step_day(s.ctx, s.st);
  EXPECT_EQ(count_of(s.st, Warning::implausible_age), 1);  // the death at 111, not the other
}

// Counted at most once for each resident who came of age during the run, and some do.
TEST(Warnings, ComingOfAgeWithoutOutsideTiesIsCountedAtMostOncePerResident) {
  Started s(test::small_scenario("silo", 20000, 730));
  const Day start = s.st.today;
  while (s.st.today < start + 730) step_day(s.ctx, s.st);
  const double of_age = s.scenario.ties.isolation_min_age;
  std::int64_t came_of_age = 0;
  for (std::size_t r = 0; r < s.st.residents.size(); ++r)
    came_of_age += s.st.residents.age(r, start) < of_age && s.st.residents.age(r, s.st.today) >= of_age;
  EXPECT_GT(count_of(s.st, Warning::adult_without_ties), 0);
  EXPECT_LE(count_of(s.st, Warning::adult_without_ties), came_of_age);
}

// Residents who would take a programme place: isolated, old enough, not in the programme.
std::vector<std::int32_t> isolated_adults(const Started& s, std::size_t how_many) {
  std::vector<std::int32_t> out;
  for (std::size_t r = 0; r < s.st.residents.core.size() && out.size() < how_many; ++r) {
    const auto i = static_cast<std::int32_t>(r);
    if (s.st.residents.alive(i) && s.st.residents.core[r].outside_ties == 0 && !s.st.residents.in_programme[r] &&
        s.st.residents.age(r, s.st.today) >= s.scenario.ties.isolation_min_age)
      out.push_back(i);
  }
  return out;
}

Scenario one_place(double waiting_per_slot) {
  Scenario scenario = test::small_scenario("silo", 3000, 30);
  scenario.participation.slots = 1;
  scenario.participation.uptake = 1;
  scenario.participation.waiting_per_slot = waiting_per_slot;
  return scenario;
}

TEST(Warnings, AnOfferDeclinedForAFullWaitingListIsCounted) {
  Started s(one_place(1));
  const std::vector<std::int32_t> people = isolated_adults(s, 3);
  ASSERT_EQ(people.size(), 3u);
  for (const std::int32_t r : people) offer_participation(s.ctx, s.st, r);  // a place, a list place, full
  EXPECT_EQ(s.st.levers.programme_waiting.size(), 1u);
  EXPECT_EQ(count_of(s.st, Warning::waiting_list_full), 1);
}

// Each person at most once on the list (docs/ODD.md "Participation"): offered again while waiting,
// they keep their place and are not listed twice.
TEST(ParticipationWaitingList, HoldsEachPersonAtMostOnce) {
  Started s(one_place(5));
  const std::vector<std::int32_t> people = isolated_adults(s, 2);
  ASSERT_EQ(people.size(), 2u);
  offer_participation(s.ctx, s.st, people[0]);  // takes the one place
  for (int offer = 0; offer < 3; ++offer) offer_participation(s.ctx, s.st, people[1]);
  EXPECT_EQ(s.st.levers.programme_waiting.size(), 1u);
  EXPECT_EQ(count_of(s.st, Warning::waiting_list_full), 0);
}

TEST(Warnings, ResultsNameTheCountedWarningsInListOrder) {
  State st;
  count_warning(st, Warning::waiting_list_full);
  count_warning(st, Warning::implausible_age);
  count_warning(st, Warning::implausible_age);
  const auto named = counted_warnings(st);
  ASSERT_EQ(named.size(), 2u);
  EXPECT_EQ(named[0], (std::pair<std::string, std::int64_t>{"implausible_age", 2}));
  EXPECT_EQ(named[1], (std::pair<std::string, std::int64_t>{"waiting_list_full", 1}));
}

}  // namespace
}  // namespace kyosei
