// Household dynamics, residential care and migration (sim/model/phases/household_dynamics.cpp,
// care_entry.cpp, migration.cpp; sim/model/households.cpp; docs/ODD.md §7 "Household dynamics",
// "Migration"): the household lists and totals stay consistent while residents leave home,
// partner, move into care and migrate; each process does what its parameters say.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "../../sim/model/households.hpp"
#include "../../sim/model/mortality.hpp"
#include "../../sim/model/phases/migration.hpp"
#include "../../sim/model/phases/ties.hpp"
#include "../../sim/model/residents.hpp"
#include "../../sim/model/step.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

struct Town {
  Scenario scenario;
  Context ctx;
  State st;
  explicit Town(Scenario s, std::uint64_t seed = 3) : scenario(std::move(s)), ctx{scenario, RngKey{seed, 0}, 1} {
    initialise(ctx, {Epoch{0, scenario}}, st);
  }
  void days(Day n) {
    for (Day i = 0; i < n && st.today < st.total_days; ++i) step_day(ctx, st);
  }
};

// Every process fast, so that a short run moves many residents.
Scenario busy_scenario() {
  Scenario s = test::small_scenario("full_juso", 4000, 720);
  s.run.burn_in_days = 0;
  s.life_course.leave_home_rate = {0.5, 0.5};
  s.life_course.partnership_rate = {0.4, 0.4};
  s.care_entry.rate = 0.5;
  s.migration.out_factor = 4;
  s.migration.in_rate = 0.2;
  return s;
}

TEST(HouseholdDynamics, ListsAndTotalsStayConsistentWhileResidentsMove) {
  Town run(busy_scenario());
  std::array<std::int64_t, 5> seen{};
  for (int month = 0; month < 24; ++month) {
    run.days(30);
    ASSERT_EQ(household_inconsistency(run.ctx, run.st), "") << "month " << month;
  }
  const DailySeries& S = run.st.series;
  for (std::size_t i = 0; i < S.day.size(); ++i) {
    seen[0] += S.moves_in[i];
    seen[1] += S.moves_out[i];
    seen[2] += S.care_entries[i];
    seen[3] += S.households_formed[i];
    seen[4] += S.households_dissolved[i];
  }
  for (std::size_t k = 0; k < seen.size(); ++k) EXPECT_GT(seen[k], 20) << "series " << k;
  EXPECT_EQ(S.in_care.back(), run.st.totals.in_care);
}

TEST(HouseholdDynamics, ResidentsInCareLeaveTheirHouseholdsAndTheIsolationCount) {
  Town run(busy_scenario());
  run.days(365);
  std::int64_t in_care = 0;
  for (std::size_t r = 0; r < run.st.residents.size(); ++r) {
    if (run.st.residents.departure[r] != static_cast<std::uint8_t>(Departure::in_care)) continue;
    ++in_care;
    EXPECT_FALSE(run.st.residents.alive(r));
    EXPECT_EQ(run.st.residents.core[r].outside_ties, 0);  // ties end when an end goes into care
  }
  EXPECT_GT(in_care, 10);
  EXPECT_EQ(in_care, run.st.totals.in_care);
  EXPECT_EQ(household_inconsistency(run.ctx, run.st), "");
}

// The run starts with the stock in care (care_entry.start_share): on the first day that share of
// the residents 65+ with a care need enters care, more of those living alone.
TEST(HouseholdDynamics, AShareOfTheCareNeedsOf65PlusStartInCare) {
  Scenario s = test::small_scenario("silo", 20000, 30);
  s.run.burn_in_days = 0;
  Town run(s);
  std::vector<std::int32_t> alone, others;
  for (std::int32_t r = 0; r < static_cast<std::int32_t>(run.st.residents.size()); ++r)
    if (run.st.residents.has(r, kCare) && run.st.residents.age(r, 0) >= 65)
      (lives_alone(run.st, r) ? alone : others).push_back(r);
  run.days(1);
  const auto in_care = [&](const std::vector<std::int32_t>& group) {
    double n = 0;
    for (const std::int32_t r : group)
      n += run.st.residents.departure[r] == static_cast<std::uint8_t>(Departure::in_care);
    return n;
  };
  const double share = (in_care(alone) + in_care(others)) / static_cast<double>(alone.size() + others.size());
  ASSERT_GT(alone.size() + others.size(), 500u);
  EXPECT_NEAR(share, s.care_entry.start_share, 0.04);  // binomial error about 0.015, a few die first
  EXPECT_GT(in_care(alone) / static_cast<double>(alone.size()),
            1.5 * in_care(others) / static_cast<double>(others.size()));
  EXPECT_EQ(run.st.totals.in_care, static_cast<std::int64_t>(in_care(alone) + in_care(others)));
  // The start's stock is not counted as the first day's moves into care (no burn-in here: day 0
  // is recorded).
  ASSERT_FALSE(run.st.series.care_entries.empty());
  EXPECT_LT(run.st.series.care_entries[0], 10);
  EXPECT_EQ(household_inconsistency(run.ctx, run.st), "");
}

// An adult child moving back (migration.newcomer_return_share) joins a household of one or two
// residents all 65+, 20-45 years older, making a household of parents 65+ with an adult child.
TEST(HouseholdDynamics, AdultChildrenMovingBackJoinTheirParentsHouseholds) {
  Scenario s = test::small_scenario("silo", 10000, 90);
  s.run.burn_in_days = 0;
  s.migration.newcomer_single_share = 0;
  s.migration.newcomer_family_share = 0;
  s.migration.newcomer_older_share = 0;
  s.migration.newcomer_return_share = 1;
  s.migration.in_rate = 0.5;
  s.life_course.partnership_rate = {0, 0};  // no partners from outside: every adult arriving returns
  Town run(s);
  int arrived = 0, with_parents = 0;
  for (int day = 0; day < 60; ++day) {  // each day's arrivals looked at that day, before they move on
    const std::size_t first = run.st.residents.size();
    run.days(1);
    for (std::size_t r = first; r < run.st.residents.size(); ++r) {
      const auto n = static_cast<std::int32_t>(r);
      const double age = run.st.residents.age(n, run.st.today);
      if (!run.st.residents.alive(r) || age < 18) continue;  // born here, not a newcomer
      ++arrived;
      EXPECT_GE(age, 30);
      EXPECT_LT(age, 60.1);
      const std::int32_t h = run.st.residents.household[r];
      if (run.st.households.members[h] == 1) continue;  // none found: lives alone
      ++with_parents;
      double oldest = 0;
      for_each_member(run.st, h, [&](std::int32_t m) {
        if (m == n) return;
        EXPECT_GE(run.st.residents.age(m, run.st.today), 65);
        oldest = std::max(oldest, run.st.residents.age(m, run.st.today));
      });
      EXPECT_GE(oldest - age, 20 - 0.1);
      EXPECT_LE(oldest - age, 45 + 0.1);
      EXPECT_EQ(household_type(run.st, h), HouseholdType::parent_adult_child);
    }
  }
  EXPECT_GT(arrived, 300);
  EXPECT_GT(with_parents, arrived / 4);  // hosts are found among 64 households drawn
  EXPECT_EQ(household_inconsistency(run.ctx, run.st), "");
}

TEST(HouseholdDynamics, NoRatesNoMoves) {
  Scenario s = test::small_scenario("silo", 3000, 365);
  s.run.burn_in_days = 0;
  s.life_course.leave_home_rate = {0, 0};
  s.life_course.partnership_rate = {0, 0};
  s.life_course.separation_rate = {0, 0, 0};
  s.life_course.join_child_rate = {0, 0, 0};
  s.care_entry.rate = 0;
  s.care_entry.start_share = 0;
  s.migration.out_factor = 0;
  s.migration.in_rate = 0;
  Town run(s);
  run.days(365);
  const DailySeries& S = run.st.series;
  std::int64_t moves = 0;
  for (std::size_t i = 0; i < S.day.size(); ++i)
    moves += S.moves_in[i] + S.moves_out[i] + S.care_entries[i] + S.households_formed[i];
  EXPECT_EQ(moves, 0);
}

// A stayer never leaves: with stay_share 1 the children at home stay, with 0 and a fast hazard
// they are gone (counted at ages 21-26, children at the start: older residents may come to live
// with parents only, as a three-generation household's children leave).
TEST(HouseholdDynamics, StayersStayAndLeaversLeave) {
  const auto children_at_home = [](double stay, double rate) {
    Scenario s = test::small_scenario("silo", 3000, 3 * 365);
    s.run.burn_in_days = 0;
    s.life_course.stay_share = {stay, stay};
    s.life_course.leave_home_rate = {rate, rate};
    s.migration.out_factor = 0;
    Town run(s);
    run.days(3 * 365);
    std::int64_t adults_at_home = 0;
    for (std::int32_t r = 0; r < static_cast<std::int32_t>(run.st.initial_residents); ++r)
      adults_at_home += run.st.residents.alive(r) && run.st.residents.age(r, run.st.today) >= 21 &&
                        run.st.residents.age(r, run.st.today) < 27 && lives_with_parents(run.st, r);
    return adults_at_home;
  };
  const std::int64_t stayers = children_at_home(1.0, 3.0), leavers = children_at_home(0.0, 3.0);
  EXPECT_GT(stayers, 50);
  EXPECT_LT(leavers * 10, stayers);
}

// A town losing its young shrinks where a city gaining newcomers grows (the municipality type).
TEST(Migration, TheMunicipalityTypeSetsTheDirectionOfChange) {
  const auto residents_after = [](double out_factor, double in_rate) {
    Scenario s = test::small_scenario("silo", 4000, 5 * 365);
    s.run.burn_in_days = 0;
    s.migration.out_factor = out_factor;
    s.migration.in_rate = in_rate;
    Town run(s);
    run.days(5 * 365);
    return run.st.totals.alive;
  };
  const std::int64_t town = residents_after(1.5, 0.01), city = residents_after(0.8, 0.05);
  EXPECT_LT(town, 4000 * 95 / 100);
  EXPECT_GT(city, 4000 * 102 / 100);
}

// Residents of the given ages (and sexes) in a new household; `couples` pairs members j, j + 1
// whose bit j is set, as the generator does.
std::int32_t household_with(Town& run, std::initializer_list<std::pair<double, bool>> members,
                            std::uint32_t couples = 0) {
  State& st = run.st;
  const std::int32_t h = add_household(st, 0, HouseholdType::other);
  std::int32_t j = 0, previous = -1;
  for (const auto& [age, female] : members) {
    const std::int32_t r = add_resident(run.ctx, st, h, st.today - static_cast<Day>(age * kDaysPerYear), female, 1, 1);
    if (j > 0 && (couples >> (j - 1)) & 1u) make_partners(st, previous, r);
    previous = r;
    ++j;
  }
  return h;
}

TEST(HouseholdType, ReadFromTheMembersAgesAndPartners) {
  Town run(test::small_scenario("silo", 300, 10));
  State& st = run.st;
  const auto type_of = [&](std::initializer_list<std::pair<double, bool>> members, std::uint32_t couples = 0) {
    return household_type(st, household_with(run, members, couples));
  };
  // A couple living with a parent (夫婦と親) is other, as in the census; the same ages unpartnered
  // are a parent with two adult children.
  EXPECT_EQ(type_of({{80, true}, {50, false}, {48, true}}, 0b10), HouseholdType::other);
  EXPECT_EQ(type_of({{80, true}, {50, false}, {48, true}}), HouseholdType::parent_adult_child);
  EXPECT_EQ(type_of({{40, false}}), HouseholdType::single);
  EXPECT_EQ(type_of({{70, false}, {68, true}}, 0b1), HouseholdType::couple);
  EXPECT_EQ(type_of({{40, false}, {38, true}, {10, false}, {8, true}}, 0b1), HouseholdType::couple_children);
  EXPECT_EQ(type_of({{40, true}, {10, false}}), HouseholdType::single_parent);
  EXPECT_EQ(type_of({{82, true}, {52, false}}), HouseholdType::parent_adult_child);
  EXPECT_EQ(type_of({{80, false}, {78, true}, {50, false}}, 0b1), HouseholdType::parent_adult_child);
  EXPECT_EQ(type_of({{75, true}, {45, false}, {43, true}, {12, false}}, 0b10), HouseholdType::three_generation);
  EXPECT_EQ(type_of({{30, false}, {31, true}, {29, false}}), HouseholdType::other);
  // Two of one generation who are not partners (siblings, friends: 兄弟姉妹のみ, 非親族) are other,
  // alone or with a child of one of them; their ages alone read them as a couple until 2026-12-08.
  EXPECT_EQ(type_of({{70, false}, {68, true}}), HouseholdType::other);
  EXPECT_EQ(type_of({{40, true}, {38, true}, {10, false}}), HouseholdType::other);
  EXPECT_EQ(type_of({{80, true}, {78, true}, {50, false}}), HouseholdType::other);
}

// Whom a woman's births come with: her partner; none for a daughter at home whose brother lives
// there too (ages alone read them as a couple until partners were kept), who has births outside a
// partnership, as has a woman living alone; none for a single mother or a man.
TEST(Births, ComeWithAPartnerNotWithABrother) {
  Town run(test::small_scenario("silo", 300, 10));
  const State& st = run.st;
  const std::int32_t family = household_with(run, {{52, false}, {50, true}, {27, true}, {25, false}}, 0b1);
  std::vector<std::int32_t> m;  // the newest member first: the son, the daughter, the mother, the father
  for_each_member(st, family, [&](std::int32_t r) { m.push_back(r); });
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(partner_of(st, m[1]), -1);
  EXPECT_EQ(birth_chain(st, m[1]), BirthChain::unpartnered);
  EXPECT_EQ(birth_chain(st, m[2]), BirthChain::partnered);
  EXPECT_EQ(birth_chain(st, m[3]), BirthChain::none);
  const std::int32_t alone = st.households.first_member[household_with(run, {{30, true}})];
  EXPECT_EQ(birth_chain(st, alone), BirthChain::unpartnered);
  const std::int32_t single_mother = household_with(run, {{30, true}, {5, false}});
  std::int32_t her = -1;
  for_each_member(st, single_mother, [&](std::int32_t r) { her = st.residents.age(r, st.today) > 18 ? r : her; });
  EXPECT_EQ(birth_chain(st, her), BirthChain::none);
}

// Births outside a partnership are a few in a hundred (Vital Statistics 2020: 2.4%; validation,
// not fitted: demography.unpartnered_birth_factor is read from the sources), and none without them.
TEST(Births, OutsideAPartnershipAreAFewPercent) {
  const auto births = [](double factor) {
    Scenario s = test::small_scenario("stationary", 20000, 10 * 365);
    s.demography.unpartnered_birth_factor = factor;
    Town run(s, 2);
    run.days(s.run.burn_in_days + s.run.horizon_days);
    std::int64_t all = 0, unpartnered = 0;
    for (std::size_t i = 0; i < run.st.series.day.size(); ++i) {
      all += run.st.series.births[i];
      unpartnered += run.st.series.births_unpartnered[i];
    }
    EXPECT_EQ(household_inconsistency(run.ctx, run.st), "");
    return std::pair{all, unpartnered};
  };
  const auto [all, unpartnered] = births(0.024);
  std::printf("births %lld, outside a partnership %lld (%.1f%%)\n", static_cast<long long>(all),
              static_cast<long long>(unpartnered), 100.0 * static_cast<double>(unpartnered) / static_cast<double>(all));
  EXPECT_GT(all, 1000);
  EXPECT_GT(unpartnered, all * 15 / 1000);
  EXPECT_LT(unpartnered, all * 45 / 1000);
  EXPECT_EQ(births(0).second, 0);
}

// A child at home who partners may bring the partner into the parental home (親との同居): with
// life_course.parents_home_share 1 the partners who arrived live with a parent's generation, with 0
// none do (children leave home only by partnering, and moves in with a child are off, so that only
// partnerships could bring a parent).
TEST(HouseholdDynamics, ChildrenAtHomeMayPartnerInTheParentalHome) {
  const auto partners_living_with_parents = [](double share) {
    Scenario s = test::small_scenario("silo", 4000, 720);
    s.run.burn_in_days = 0;
    s.life_course.leave_home_rate = {0, 0};
    s.life_course.partnership_rate = {1, 1};
    s.life_course.parents_home_share = share;
    s.life_course.join_child_rate = {0, 0, 0};
    s.migration.out_factor = 0;
    Town run(s);
    run.days(720);
    EXPECT_EQ(household_inconsistency(run.ctx, run.st), "");
    std::int64_t n = 0;
    for (auto r = static_cast<std::int32_t>(run.st.initial_residents);
         r < static_cast<std::int32_t>(run.st.residents.size()); ++r)
      n += run.st.residents.alive(r) && partner_of(run.st, r) >= 0 && lives_with_parents(run.st, r);
    return n;
  };
  EXPECT_GT(partners_living_with_parents(1.0), 15);
  EXPECT_EQ(partners_living_with_parents(0.0), 0);
}

// A move to another block ends the resident's neighbour ties and keeps its friendships, and it
// starts forming new neighbour ties in the new block (docs/ODD.md §7 "Tie formation").
TEST(HouseholdDynamics, AMoveEndsTheNeighbourTiesAndStartsAnew) {
  Town run(test::small_scenario("silo", 2000, 10));
  State& st = run.st;
  const auto held = [&](std::int32_t r, TieKind kind) {
    int n = 0;
    for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t) { n += st.ties.records[tie].kind() == kind; });
    return n;
  };
  std::int32_t r = 0;
  while (held(r, TieKind::neighbour) == 0 || held(r, TieKind::friendship) == 0 ||
         st.households.members[st.residents.household[r]] < 2)
    ++r;
  const int friends = held(r, TieKind::friendship);
  const std::int32_t from = st.residents.household[r];
  const std::int32_t block = st.households.block[from] == 0 ? 1 : 0;
  const std::int32_t h = add_household(st, block, HouseholdType::single);
  move_to_household(run.ctx, st, r, h);
  EXPECT_EQ(held(r, TieKind::neighbour), 0);
  EXPECT_EQ(held(r, TieKind::friendship), friends);
  EXPECT_EQ(static_cast<int>(st.ties.blocks[r].count), friends);
  EXPECT_EQ(st.households.connected[h], st.residents.core[r].outside_ties > 0 ? 1 : 0);
  EXPECT_EQ(st.residents.household[r], h);
  const std::int32_t position = st.ties.block_position[r];
  ASSERT_GE(position, 0);
  EXPECT_EQ(st.ties.block_residents[block][position], r);
  run.days(1);
  EXPECT_EQ(household_inconsistency(run.ctx, st), "");
  EXPECT_GE(st.households.members[from], 1);
}
}  // namespace
}  // namespace kyosei

namespace kyosei {
namespace {

struct Composition {
  std::array<double, kHouseholdTypeCount> share{};  // of non-empty households, by current type
  double men_65_alone = 0, women_65_alone = 0, in_care_65 = 0;
  double age_65 = 0;  // share of present residents aged 65+
};

Composition composition(const State& st) {
  Composition c;
  double households = 0;
  for (std::size_t h = 0; h < st.households.size(); ++h) {
    if (st.households.members[h] == 0) continue;
    households += 1;
    c.share[static_cast<int>(household_type(st, static_cast<std::int32_t>(h)))] += 1;
  }
  for (double& s : c.share) s /= households;
  std::array<double, 2> old{}, alone{};
  double care = 0;
  for (std::size_t r = 0; r < st.residents.size(); ++r) {
    const bool present = st.residents.alive(r),
               in_care = st.residents.departure[r] == static_cast<std::uint8_t>(Departure::in_care);
    if ((!present && !in_care) || st.residents.age(r, st.today) < 65) continue;
    old[st.residents.female[r]] += 1;
    alone[st.residents.female[r]] += present && lives_alone(st, static_cast<std::int32_t>(r));
    care += in_care;
  }
  c.men_65_alone = alone[0] / old[0];
  c.women_65_alone = alone[1] / old[1];
  c.in_care_65 = care / (old[0] + old[1]);
  c.age_65 = (old[0] + old[1] - care) / static_cast<double>(st.totals.alive);
  return c;
}

// The household-type shares of the default (ageing) municipality over 30 years, printed for
// docs/calibration.md. Not stationary: the largest drift measured is 8 points (couple with
// children up, parents 65+ with an adult child down); a drift past 10 points fails.
TEST(HouseholdDynamics, HouseholdTypeSharesOverThirtyYears) {
  Scenario s = test::small_scenario("silo", 20000, 30 * 365);
  s.run.burn_in_days = 0;
  Town run(s, 1);
  const Composition start = composition(run.st);
  Composition now = start;
  for (int year = 5; year <= 30; year += 5) {
    run.days(5 * 365);
    now = composition(run.st);
    std::printf("year %2d residents %lld:", year, static_cast<long long>(run.st.totals.alive));
    for (int t = 0; t < kHouseholdTypeCount; ++t) std::printf(" %s %.3f", kHouseholdTypeNames[t].data(), now.share[t]);
    std::printf(" | 65+ alone men %.3f women %.3f in care %.3f\n", now.men_65_alone, now.women_65_alone,
                now.in_care_65);
  }
  std::printf("start:");
  for (int t = 0; t < kHouseholdTypeCount; ++t) std::printf(" %s %.3f", kHouseholdTypeNames[t].data(), start.share[t]);
  std::printf(" | 65+ alone men %.3f women %.3f\n", start.men_65_alone, start.women_65_alone);
  for (int t = 0; t < kHouseholdTypeCount; ++t)
    EXPECT_NEAR(now.share[t], start.share[t], 0.10) << kHouseholdTypeNames[t];
  EXPECT_EQ(household_inconsistency(run.ctx, run.st), "");
}

// Newcomers arrive with the conditions of their age and sex at the start prevalences (docs/ODD.md
// §7 "Migration"), the needs those open as at the start, and no condition under its age window.
TEST(HouseholdDynamics, NewcomersArriveWithTheConditionsOfTheirAge) {
  Scenario s = test::small_scenario("silo", 1000, 30);
  s.run.burn_in_days = 0;
  Town run(s, 1);
  const auto born = [&](double age) { return run.st.today - static_cast<Day>(age * kDaysPerYear); };
  constexpr int kEach = 20000;
  int care_85 = 0, withdrawn_30 = 0, open_30 = 0, any_5 = 0;
  for (int i = 0; i < kEach; ++i) {
    Draws d = run.ctx.draws(Process::newcomer_household, static_cast<std::uint32_t>(i), 99);
    const std::int32_t h = add_household(run.st, 0, HouseholdType::single);
    const std::int32_t old = add_newcomer(run.ctx, run.st, h, born(85.5), true, d);
    const std::int32_t young = add_newcomer(run.ctx, run.st, h, born(30), false, d);
    const std::int32_t child = add_newcomer(run.ctx, run.st, h, born(5), false, d);
    care_85 += run.st.residents.has(old, kCare);
    withdrawn_30 += run.st.residents.has(young, kWithdrawn);
    open_30 += open_episode_of(run.st, young, NeedKind::withdrawal) >= 0;
    any_5 += run.st.residents.core[child].conditions & (kCare | kWithdrawn | kNoIncome);
  }
  const Scenario::Conditions& C = s.conditions;
  const double withdrawn = C.withdrawal_prevalence_15_39 * 2 * C.withdrawal_male_share;  // a man
  const double care = care_prevalence(C, 85.5);
  EXPECT_NEAR(care_85 / double(kEach), care, 4 * std::sqrt(care * (1 - care) / kEach));
  EXPECT_NEAR(withdrawn_30 / double(kEach), withdrawn, 4 * std::sqrt(withdrawn / kEach));
  EXPECT_GT(withdrawn_30, 0);
  EXPECT_EQ(open_30, withdrawn_30);  // each withdrawn newcomer has an open need
  EXPECT_EQ(any_5, 0);
}

// Births, deaths and moves in and out recorded since the last print.
struct Flows {
  std::size_t from = 0;
  std::int64_t births = 0, deaths = 0, in = 0, out = 0;
  void take(const DailySeries& S) {
    const auto sum = [&](const auto& v) {
      std::int64_t n = 0;
      for (std::size_t i = from; i < v.size(); ++i) n += v[i];
      return n;
    };
    births = sum(S.births), deaths = sum(S.deaths), in = sum(S.moves_in), out = sum(S.moves_out);
    from = S.day.size();
  }
};

void print_composition(const char* label, const Composition& c, const State& st, Flows& f) {
  f.take(st.series);
  std::printf("%s residents %lld (births %lld deaths %lld in %lld out %lld) 65+ %.3f:", label,
              static_cast<long long>(st.totals.alive), static_cast<long long>(f.births),
              static_cast<long long>(f.deaths), static_cast<long long>(f.in), static_cast<long long>(f.out), c.age_65);
  for (int t = 0; t < kHouseholdTypeCount; ++t) std::printf(" %s %.3f", kHouseholdTypeNames[t].data(), c.share[t]);
  std::printf(" | 65+ alone men %.3f women %.3f in care %.3f\n", c.men_65_alone, c.women_65_alone, c.in_care_65);
}

// The isolation rate of residents in scenarios/stationary.yaml holds within 5% over 30 recorded
// years: yearly means of the daily series, the first recorded year against the last, summed over
// seeds 1 and 2 at 100,000 residents. At 50,000 a single seed's last year moved by up to 6% (seed
// 1 read +5.0%, seed 2 +5.5%, where the 4-seed mean at 100,000 reads about +1%).
TEST(HouseholdDynamics, IsolationHoldsInAStationaryPopulation) {
  const Scenario s = test::small_scenario("stationary", 100000, 30 * 365);
  double first_year = 0, last_year = 0;
  for (const std::uint64_t seed : {1, 2}) {
    if (test::kSanitized && seed > 1) GTEST_SKIP() << "the mean over seeds is checked by the main build";
    Town run(s, seed);
    run.days(s.run.burn_in_days + s.run.horizon_days);
    const std::vector<double>& isolation = run.st.series.isolation_residents;
    ASSERT_EQ(isolation.size(), 30u * 365u);
    const auto year_mean = [&](std::size_t first) {
      double sum = 0;
      for (std::size_t d = first; d < first + 365; ++d) sum += isolation[d];
      return sum / 365;
    };
    const double first = year_mean(0), last = year_mean(isolation.size() - 365);
    std::printf("isolation of residents, seed %d: year 1 %.4f, year 30 %.4f (%+.1f%%)\n", static_cast<int>(seed), first,
                last, 100 * (last / first - 1));
    first_year += first;
    last_year += last;
  }
  EXPECT_NEAR(last_year, first_year, 0.05 * first_year);
}

// The share of households of residents 65+ only on the commissioners' list.
double registered_share_of_65_plus_households(const State& st) {
  double older_only = 0, registered = 0;
  for (std::int32_t h = 0; h < static_cast<std::int32_t>(st.households.size()); ++h) {
    if (!all_members_older_than(st, h, 65)) continue;
    older_only += 1;
    registered += st.households.registered[h];
  }
  return registered / older_only;
}

// Households ageing into 65+ only join the list at the same rate as those that start so: a 65th
// birthday asks too (without it the share fell from 0.62 to 0.41 over ten recorded years), and a
// household asked again and again draws the same answer.
TEST(HouseholdDynamics, RegisteredShareOf65PlusOnlyHouseholdsHolds) {
  Scenario s = test::small_scenario("stationary", 30000, 10 * 365);
  Town run(s, 5);
  const double at_start = registered_share_of_65_plus_households(run.st);
  run.days(s.run.burn_in_days + s.run.horizon_days);
  const double at_end = registered_share_of_65_plus_households(run.st);
  std::printf("registered share of 65+-only households: %.3f at the start, %.3f after %lld days\n", at_start, at_end,
              static_cast<long long>(run.st.today));
  EXPECT_NEAR(at_start, s.commissioners.registration, 0.03);
  EXPECT_NEAR(at_end, s.commissioners.registration, 0.03);
}

// Adds c to a sum over seeds: the ratio of two sums is the ratio of the means.
void add(Composition& sum, const Composition& c) {
  for (int t = 0; t < kHouseholdTypeCount; ++t) sum.share[t] += c.share[t];
  sum.men_65_alone += c.men_65_alone;
  sum.women_65_alone += c.women_65_alone;
  sum.in_care_65 += c.in_care_65;
  sum.age_65 += c.age_65;
}

// Stationarity (docs/calibration.md "Stationarity"): in scenarios/stationary.yaml, whose births
// and newcomers keep the population's size and its share of residents 65+, both hold within 10%
// over 30 years after the burn-in, and each household type within 5% (the bound), read as
// means over four seeds at 100,000 residents (about 3 s a seed): one seed moves a share by up to
// 10 points in 100 at 50,000 and 6 at 100,000, more than the bound. Men and women 65+ living alone
// (about 1,700 and 3,500 residents here) are held within 8% and the stock in residential care within
// 10%: their four-seed means move by 3 points in 100 between sets of seeds (men +5.4% here, +2.5%
// over eight other seeds of `kyosei run`; the isolation rate: IsolationHoldsInAStationaryPopulation).
// Measured (couples read from partner links, 2026-12-07): size +0%, 65+ -3.5%, couples with
// children -2.2%, parents 65+ with an adult child +2.4%, three generations -2.1%, men and women
// 65+ alone +5.4% and +2.5%, in care -2.8%; every seed's rows are printed. Before 2026-12-07 (no
// returns to the parental home, no stock in care at the start, flat birth and partnership rates,
// arrivals seeking half their ties): parent 65+ with an adult child -20.4%, in care 3.2% -> 8.1%
// of residents 65+, isolation +6.7% (+15% at seed 2).
TEST(HouseholdDynamics, SharesHoldInAStationaryPopulation) {
  const Scenario s = test::small_scenario("stationary", 100000, 30 * 365);
  Composition start, now;  // summed over the seeds
  double start_alive = 0, now_alive = 0;
  for (const std::uint64_t seed : {1, 2, 3, 4}) {
    if (test::kSanitized && seed > 1) GTEST_SKIP() << "the means over seeds are checked by the main build";
    Town run(s, seed);
    Flows flows;
    run.days(s.run.burn_in_days);
    const Composition first = composition(run.st);
    start_alive += static_cast<double>(run.st.totals.alive);
    std::printf("seed %d\n", static_cast<int>(seed));
    print_composition("start  ", first, run.st, flows);
    Composition last = first;
    for (int year = 5; year <= 30; year += 5) {
      run.days(5 * 365);
      last = composition(run.st);
      char label[24];
      std::snprintf(label, sizeof label, "year %2d", year);
      print_composition(label, last, run.st, flows);
    }
    now_alive += static_cast<double>(run.st.totals.alive);
    add(start, first);
    add(now, last);
    EXPECT_EQ(household_inconsistency(run.ctx, run.st), "");
  }
  EXPECT_NEAR(now_alive, start_alive, 0.10 * start_alive);
  EXPECT_NEAR(now.age_65, start.age_65, 0.10 * start.age_65);
  for (int t = 0; t < kHouseholdTypeCount; ++t)
    EXPECT_NEAR(now.share[t], start.share[t], 0.05 * start.share[t]) << kHouseholdTypeNames[t];
  EXPECT_NEAR(now.men_65_alone, start.men_65_alone, 0.08 * start.men_65_alone);
  EXPECT_NEAR(now.women_65_alone, start.women_65_alone, 0.08 * start.women_65_alone);
  EXPECT_NEAR(now.in_care_65, start.in_care_65, 0.10 * start.in_care_65);
  // The drifts of the means, for docs/calibration.md "Stationarity".
  for (int t = 0; t < kHouseholdTypeCount; ++t)
    std::printf("%s %+.1f%% ", kHouseholdTypeNames[t].data(), 100 * (now.share[t] / start.share[t] - 1));
  std::printf("| men alone %+.1f%% women alone %+.1f%% in care %+.1f%% 65+ %+.1f%%\n",
              100 * (now.men_65_alone / start.men_65_alone - 1), 100 * (now.women_65_alone / start.women_65_alone - 1),
              100 * (now.in_care_65 / start.in_care_65 - 1), 100 * (now.age_65 / start.age_65 - 1));
}

}  // namespace
}  // namespace kyosei

namespace kyosei {
namespace {

// Common random numbers: with mortality's relative risks of isolation and unserved care set to 1,
// the levers change detection, service, ties and isolation, not who is born, dies, leaves home, partners, enters care or migrates, so the silo regime and the full system with
// the same seed share every one of those events.
TEST(HouseholdDynamics, ScenariosWithTheSameSeedShareTheirLifeEvents) {
  const auto series_of = [](const std::string& name) {
    Scenario s = test::small_scenario(name, 4000, 2 * 365);
    s.run.burn_in_days = 0;
    // Isolation and unserved care raise mortality, and the levers change both: without those
    // relative risks no life event depends on the regime.
    s.demography.isolation_mortality_ratio = 1;
    s.demography.midlife_isolated_men_mortality_ratio = 1;
    s.demography.unserved_care_mortality_ratio = 1;
    Simulation sim(s, RunOptions{5, 0, 1});
    sim.run();
    return sim.results().series;
  };
  const DailySeries silo = series_of("silo"), full = series_of("full_juso");
  EXPECT_EQ(silo.births, full.births);
  EXPECT_EQ(silo.deaths, full.deaths);
  EXPECT_EQ(silo.moves_in, full.moves_in);
  EXPECT_EQ(silo.moves_out, full.moves_out);
  EXPECT_EQ(silo.care_entries, full.care_entries);
  EXPECT_EQ(silo.households_formed, full.households_formed);
  EXPECT_EQ(silo.households_dissolved, full.households_dissolved);
  EXPECT_NE(silo.isolation_residents, full.isolation_residents);  // the levers did change something
}

}  // namespace
}  // namespace kyosei
