// Demography (sim/phase_demography.cpp): the death of a pensioner on whose pension a withdrawn
// member lived ends that income (docs/ODD.md "Demography", the 8050 end).
#include <gtest/gtest.h>

#include "../../sim/model/events.hpp"
#include "../../sim/model/residents.hpp"
#include "../../sim/model/step.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

struct Household8050 {
  std::int32_t parent = -1, child = -1;
};

// A household with a member 65+ and a member 40-64; the child is made withdrawn without income
// of their own (the 8050 household), as the conditions would make them.
Household8050 find_8050(State& st) {
  const Residents& R = st.residents;
  for (std::size_t r = 0; r < R.size(); ++r) {
    if (!R.alive(static_cast<std::int32_t>(r)) || R.age(r, st.today) < 70) continue;
    Household8050 found{static_cast<std::int32_t>(r), -1};
    for_each_member(st, R.household[r], [&](std::int32_t m) {
      const double age = R.age(static_cast<std::size_t>(m), st.today);
      if (age >= 40 && age < 65 && !R.has(static_cast<std::size_t>(m), kNoIncome | kWithdrawn)) found.child = m;
    });
    if (found.child >= 0) return found;
  }
  return {};
}

struct PensionerDies {
  Scenario scenario;
  Context ctx;
  State st;
  Household8050 h;
  explicit PensionerDies(double notice)
      : scenario(test::with_neutral_mortality(test::small_scenario("silo", 5000, 30))), ctx{scenario, RngKey{4, 0}, 1} {
    scenario.demography.bereavement_notice = notice;
    initialise(ctx, {Epoch{0, scenario}}, st);
    h = find_8050(st);
    st.residents.core[h.child].conditions |= kWithdrawn;
    st.calendars.demography.schedule(st.today, {h.parent, 0, 0, kDeath});
    step_day(ctx, st);
  }
};

TEST(Demography, APensionersDeathEndsTheIncomeOfAWithdrawnDependant) {
  PensionerDies run(0.0);
  ASSERT_GE(run.h.child, 0);
  EXPECT_FALSE(run.st.residents.alive(run.h.parent));
  EXPECT_TRUE(run.st.residents.has(run.h.child, kNoIncome));
  const std::int32_t e = open_episode_of(run.st, run.h.child, NeedKind::poverty);
  ASSERT_GE(e, 0);
  EXPECT_EQ(run.st.episodes.onset[e], run.st.today - 1);  // the day of the death
  EXPECT_EQ(run.st.episodes.first_contact[e], kNever);    // nobody was told
}

TEST(Demography, TheDeathRegistrationCanBringTheLossToAnAgency) {
  PensionerDies run(1.0);
  const std::int32_t e = open_episode_of(run.st, run.h.child, NeedKind::poverty);
  ASSERT_GE(e, 0);
  EXPECT_EQ(run.st.episodes.first_contact[e], run.st.today - 1);
}

TEST(Demography, AMemberWithAnIncomeOrNotWithdrawnLosesNothing) {
  Scenario scenario = test::with_neutral_mortality(test::small_scenario("silo", 5000, 30));
  const Context ctx{scenario, RngKey{4, 0}, 1};
  State st;
  initialise(ctx, {Epoch{0, scenario}}, st);
  const Household8050 h = find_8050(st);
  ASSERT_GE(h.child, 0);
  st.calendars.demography.schedule(st.today, {h.parent, 0, 0, kDeath});
  step_day(ctx, st);
  EXPECT_FALSE(st.residents.has(h.child, kNoIncome));  // not withdrawn: earns a living
}

}  // namespace
}  // namespace kyosei
