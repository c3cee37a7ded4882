// Expectations, word of mouth and awareness (sim/model/expectations.cpp, docs/ODD.md §7
// "Expectations and awareness"): integrated intake surfaces needs the silos never saw, gradually
// as its window becomes known; a tie turned away lowers a resident's help seeking.
#include <gtest/gtest.h>

#include <cstdlib>
#include <numeric>

#include "../../sim/model/context.hpp"
#include "../../sim/model/episodes.hpp"
#include "../../sim/model/expectations.hpp"
#include "../../sim/model/phases/ties.hpp"
#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

Results run(const Scenario& s, std::uint64_t seed = 5) {
  Simulation sim(s, RunOptions{seed, 0, 0});
  sim.run();
  return sim.results();
}

std::int64_t sum(const std::vector<std::int64_t>& v, std::size_t from = 0, std::size_t to = SIZE_MAX) {
  to = std::min(to, v.size());
  return std::accumulate(v.begin() + static_cast<std::ptrdiff_t>(from), v.begin() + static_cast<std::ptrdiff_t>(to),
                         std::int64_t{0});
}

TEST(Expectations, IntegratedIntakeRaisesFirstContactsWithNeedsTheSilosNeverSaw) {
  const Results silo = run(test::small_scenario("silo", 30000, 1095));
  const Results integrated = run(test::small_scenario("integrated_intake_only", 30000, 1095));
  const std::int64_t rise = sum(integrated.series.first_contacts) - sum(silo.series.first_contacts);
  const std::int64_t gap_rise = sum(integrated.series.first_contacts_gap) - sum(silo.series.first_contacts_gap);
  EXPECT_GT(rise, 0);
  // The rise is made of gap needs, which no silo window takes.
  EXPECT_GT(gap_rise, rise / 2);
  EXPECT_GT(sum(integrated.series.first_contacts_gap), sum(silo.series.first_contacts_gap) * 5 / 4);
  // The channels add up to all first contacts.
  for (const Results* r : {&silo, &integrated}) {
    const auto& S = r->series;
    EXPECT_EQ(sum(S.first_contacts_self_referral) + sum(S.first_contacts_tie) + sum(S.first_contacts_commissioner) +
                  sum(S.first_contacts_institution) + sum(S.first_contacts_crisis) + sum(S.first_contacts_household) +
                  sum(S.first_contacts_outreach),
              sum(S.first_contacts));
  }
  // Nobody knows an integrated window that never opened.
  for (double a : silo.series.awareness_residents) EXPECT_EQ(a, 0.0);
  for (double a : silo.series.awareness_referrers) EXPECT_EQ(a, 0.0);
}

// Silo for a year, then integrated intake.
Scenario adoption(bool diffusion) {
  Scenario s = test::small_scenario("silo", 30000, 1095);
  s.timeline.push_back({365, "intake.mode", 1});
  s.awareness.diffusion = diffusion;
  return s;
}

TEST(Expectations, AwarenessGrowsGraduallyAfterAdoptionAndIsAStepWithoutDiffusion) {
  const Results gradual = run(adoption(true)), step = run(adoption(false));
  const auto& A = gradual.series.awareness_residents;
  EXPECT_EQ(A[364], 0.0);
  EXPECT_LT(A[365], 0.01);
  EXPECT_GT(A[365 + 365], 0.2);
  EXPECT_GT(A[1094], A[365 + 365]);
  EXPECT_LT(A[1094], 1.0);
  EXPECT_GT(gradual.series.awareness_referrers[1094], 0.2);
  EXPECT_EQ(step.series.awareness_residents[365], 1.0);
  EXPECT_EQ(step.series.awareness_referrers[365], 1.0);
  // Gap needs surface from the first quarter without diffusion; with it, they build up.
  const std::int64_t step_first = sum(step.series.first_contacts_gap, 365, 365 + 91);
  const std::int64_t gradual_first = sum(gradual.series.first_contacts_gap, 365, 365 + 91);
  const std::int64_t gradual_last = sum(gradual.series.first_contacts_gap, 1095 - 91);
  EXPECT_GT(step_first, gradual_first * 5 / 4);
  EXPECT_GT(gradual_last, gradual_first * 5 / 4);
}

TEST(Expectations, ARefusalAmongTiesLowersHelpSeekingAndHelpRaisesIt) {
  const Scenario s = test::small_scenario("silo", 5000, 30);
  Simulation sim(s, RunOptions{3, 0, 1});
  sim.run();
  State st = sim.state();
  const Context ctx{s, RngKey{3, 0}, 1};
  // A resident with an undetected need who can ask for help, and a tie of theirs.
  std::int32_t teller = -1, e = -1;
  for (std::size_t i = 0; i < st.episodes.size() && teller < 0; ++i) {
    const auto candidate = static_cast<std::int32_t>(i);
    if (st.episodes.outcome[i] != Outcome::undetected) continue;
    if (detection_rates(ctx, st, candidate).per_day[static_cast<int>(Channel::self_referral)] <= 0) continue;
    // Stories one way and two the other stay within the cap.
    if (std::abs(st.residents.word_of_mouth[st.episodes.resident[i]]) > s.detection.word_of_mouth_cap - 2) continue;
    for_each_active_tie(st, st.episodes.resident[i], [&](std::int32_t other) {
      if (teller < 0) teller = other;
    });
    if (teller >= 0) e = candidate;
  }
  ASSERT_GE(e, 0);
  const auto self = [&] { return detection_rates(ctx, st, e).per_day[static_cast<int>(Channel::self_referral)]; };
  const double before = self();
  tell_ties(ctx, st, teller, -1);
  EXPECT_NEAR(self(), before / s.detection.word_of_mouth, 1e-12 * before);
  tell_ties(ctx, st, teller, +1);
  tell_ties(ctx, st, teller, +1);
  EXPECT_NEAR(self(), before * s.detection.word_of_mouth, 1e-12 * before);
  // A raised hazard stays under the bound its candidate detection was drawn at.
  EXPECT_LE(detection_rates(ctx, st, e).total(), st.episodes.detection_bound[e] * (1 + 1e-12));
  // Stories count up to the cap.
  for (int i = 0; i < 10; ++i) tell_ties(ctx, st, teller, -1);
  EXPECT_EQ(st.residents.word_of_mouth[st.episodes.resident[e]], -s.detection.word_of_mouth_cap);
}

}  // namespace
}  // namespace kyosei
