// The jūsō levers, each on the same seed against its baseline (phase_outreach.cpp,
// phase_participation.cpp, phase_community.cpp, phase_collaboration.cpp, intake.cpp hand-offs).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <numeric>
#include <string>
#include <tuple>

#include "kyosei/run/simulation.hpp"
#include "test_support.hpp"

namespace kyosei {
namespace {

Results run(const Scenario& s, std::uint64_t seed = 17) {
  Simulation sim(s, RunOptions{seed, 0, 0});
  sim.run();
  return sim.results();
}

Scenario base(std::int64_t residents = 50000, std::int64_t days = 1825) {
  return test::small_scenario("silo", residents, days);
}

Scenario with(Scenario s, const std::function<void(Scenario&)>& change) {
  change(s);
  return s;
}

template <class T>
double total(const std::vector<T>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

// A town's few hundred gap needs a year: the crisis share moves by a point or two either way
// between two runs once they diverge, so four seeds are pooled, each against its own run without
// outreach on common random numbers.
TEST(Outreach, ShortensDetectionOfWithdrawalNeeds) {
  const Scenario silo = base();
  const auto gap = static_cast<int>(Field::gap);
  double detected_with = 0, detected_without = 0, crisis_with = 0, crisis_without = 0;
  for (const std::uint64_t seed : {17, 18, 19, 20}) {
    const Results without = run(silo, seed);
    const Results with_outreach = run(with(silo, [](Scenario& s) { s.outreach.workers = 4; }), seed);
    detected_with += with_outreach.summary.by_field[gap].detection_365 / 4;
    detected_without += without.summary.by_field[gap].detection_365 / 4;
    crisis_with += with_outreach.summary.by_field[gap].crisis_365 / 4;
    crisis_without += without.summary.by_field[gap].crisis_365 / 4;
    EXPECT_GT(total(with_outreach.series.detections_outreach), 50) << "seed " << seed;
    EXPECT_EQ(total(without.series.outreach_visits), 0) << "seed " << seed;
  }
  EXPECT_GT(detected_with, detected_without + 0.02);
  EXPECT_LT(crisis_with, crisis_without);
  std::printf("gap needs, 4 seeds: detected before a crisis within 365 days %.3f -> %.3f, crisis %.3f -> %.3f\n",
              detected_without, detected_with, crisis_without, crisis_with);
}

TEST(Outreach, WithdrawnHouseholdsNeedSeveralVisits) {
  // Trust that needs many visits lets the same team find fewer withdrawal needs.
  const Scenario s = with(base(), [](Scenario& x) { x.outreach.workers = 4; });
  const Results quick = run(with(s, [](Scenario& x) { x.outreach.visits_to_trust = 1; }));
  const Results slow = run(with(s, [](Scenario& x) { x.outreach.visits_to_trust = 12; }));
  const auto gap = static_cast<int>(Field::gap);
  EXPECT_GT(quick.summary.by_field[gap].detected, slow.summary.by_field[gap].detected);
}

// The agencies' list of people known but not engaged (outreach.risk.known_unengaged): the team
// finds more of the needs that had reached an agency before and were turned away or lost.
TEST(Outreach, WorksTheListOfPeopleKnownButNotEngaged) {
  const Scenario s = with(base(), [](Scenario& x) {
    x.outreach.workers = 2;
    x.outreach.targeting = OutreachTargeting::risk;
  });
  const auto turned_away_found = [](const Results& r) {
    std::int64_t n = 0;
    for (std::size_t e = 0; e < r.episodes.size(); ++e)
      n += r.episodes.channel[e] == static_cast<std::uint8_t>(Channel::outreach) && r.episodes.bounces[e] > 0;
    return n;
  };
  const Results listed = run(s);
  const Results unlisted = run(with(s, [](Scenario& x) { x.outreach.risk_weights[5] = 0; }));
  EXPECT_GT(turned_away_found(listed), turned_away_found(unlisted) + 10);
}

TEST(Outreach, TargetingNoneMakesNoVisits) {
  const Results r = run(with(base(20000, 365), [](Scenario& s) {
    s.outreach.workers = 4;
    s.outreach.targeting = OutreachTargeting::none;
  }));
  EXPECT_EQ(total(r.series.outreach_visits), 0);
}

TEST(Participation, LowersIsolation) {
  const Scenario silo = base();
  const Results without = run(silo);
  const Results with_places = run(with(silo, [](Scenario& s) { s.participation.slots = 400; }));
  // About 2% of the isolation level (0.1 point when isolation was 4.7%, before calibration; 1.8%
  // to 2.7% since newcomers arrive with their conditions, by the poverty onset): at least 1%.
  EXPECT_LT(with_places.summary.mean_isolation_residents, 0.99 * without.summary.mean_isolation_residents);
  EXPECT_GT(with_places.summary.mean_participants, 20);  // demand, not places, limits it here
  for (auto p : with_places.series.participants) EXPECT_LE(p, 400);
}

TEST(Community, RaisesDetectionsByNeighbours) {
  // Watchful attendees notice more. The gain is small against this municipality's seed noise
  // (~320 tie detections in five years): at the default watchfulness it is within the noise (0.92
  // to 1.00 over seeds 17-20), at watchfulness 5 it is 1.01 to 1.11, so four seeds are pooled, each
  // against its own baseline under common random numbers.
  const Scenario silo = base();
  const Scenario places = with(silo, [](Scenario& s) {
    s.community.places_per_district = 20;
    s.community.watchfulness = 5;
  });
  double tie_without = 0, tie_with = 0;
  for (const std::uint64_t seed : {17, 18, 19, 20}) {
    const Results without = run(silo, seed);
    const Results with_places = run(places, seed);
    tie_without += total(without.series.detections_tie);
    tie_with += total(with_places.series.detections_tie);
    EXPECT_GT(with_places.summary.mean_attendees, 50);
    EXPECT_LT(with_places.summary.mean_isolation_residents, without.summary.mean_isolation_residents);
  }
  EXPECT_GT(tie_with, 1.03 * tie_without);
}

TEST(HandOff, WarmLowersDropOff) {
  const Scenario silo = base();
  const Results cold = run(silo);
  const Results warm = run(with(silo, [](Scenario& s) { s.intake.handoff = HandOff::warm; }));
  EXPECT_LT(warm.summary.dropoffs, cold.summary.dropoffs / 2);
  EXPECT_LT(warm.summary.share_bounced, cold.summary.share_bounced);
  EXPECT_GT(warm.summary.overall.detection_365, cold.summary.overall.detection_365);
}

class Coordination : public ::testing::Test {
protected:
  static Scenario juso(CollaborationMode mode, double coordinators) {
    Scenario s = test::small_scenario("full_juso", 50000, 1825);
    s.collaboration.mode = mode;
    s.collaboration.coordinators = coordinators;
    // Demand held as without expectations: collaboration also teaches referrers of the integrated
    // window, the gap needs they then bring fill the same queues, and the households helped or
    // turned away change their ties' help seeking (tested in test_expectations.cpp); these tests
    // are about the plans alone.
    s.awareness.silo_gap_belief = 1;
    s.awareness.silo_gap_referral_belief = 1;
    s.detection.word_of_mouth = 1;
    return s;
  }
};

// An understaffed hub keeps a long queue, but a household waiting for its plan is not kept from
// service: the accepted need goes on meanwhile (docs/ODD.md "Multi-agency collaboration"). The
// queue does not grow without bound: households whose needs all end while they wait leave it.
// The days from detection to service of compound households' needs are a mean over a few hundred
// needs with a long tail, so they are compared pooled over seeds 17-20: one seed's hub waits 8
// days longer (seed 17: 10.8 against 2.7), another's 0.5 shorter; pooled, 2.6 days (2026-12-07).
TEST_F(Coordination, UnderstaffedHubQueuesWithoutHoldingServiceBack) {
  const Results hub = run(juso(CollaborationMode::hub, 0.25));
  const Results distributed = run(juso(CollaborationMode::distributed, 0.5));
  EXPECT_GT(hub.summary.mean_coordinator_queue, 2 * distributed.summary.mean_coordinator_queue + 10);
  const auto& queue = hub.series.coordinator_queue;
  const auto second_half =
      std::minmax_element(queue.begin() + static_cast<std::ptrdiff_t>(queue.size() / 2), queue.end());
  EXPECT_GT(*second_half.first, 10);
  EXPECT_LT(*second_half.second, 4 * hub.summary.mean_coordinator_queue);
  std::printf("understaffed hub's queue over the second half of the run: %d to %d (mean %.1f)\n",
              static_cast<int>(*second_half.first), static_cast<int>(*second_half.second),
              hub.summary.mean_coordinator_queue);
  double hub_days = hub.summary.compound_coverage_days, distributed_days = distributed.summary.compound_coverage_days;
  for (const std::uint64_t seed : {18, 19, 20}) {
    hub_days += run(juso(CollaborationMode::hub, 0.25), seed).summary.compound_coverage_days;
    distributed_days += run(juso(CollaborationMode::distributed, 0.5), seed).summary.compound_coverage_days;
  }
  std::printf("days from detection to service of compound needs, seeds 17-20: hub %.1f, distributed %.1f\n",
              hub_days / 4, distributed_days / 4);
  EXPECT_LT(hub_days / 4, distributed_days / 4 + 5);
}

// Collaboration never delays service relative to the same regime without it: the needs of
// compound households start service within a year from onset at least as often. The runs share
// their seeds, but detection and service diverge once the meetings change any state, so a single
// town's few hundred 8050 needs differ by several points either way by chance (seeds 17-22 at
// 50,000 residents: -7 to +7 points, mean under one). The test therefore matches the same needs
// (resident, onset day, field) across the runs of four seeds and counts those started within a
// year in one run only: a delay shows as more of them without collaboration than with it, beyond
// two standard deviations of the sign test. The wait from acceptance to service
// (compound_coverage_days) may still grow a little: the meetings find more needs, which join the
// same queues.
TEST_F(Coordination, NeverDelaysServiceRelativeToTheSameRegimeWithoutIt) {
  using Need = std::tuple<std::int32_t, std::int32_t, std::uint8_t>;
  // The needs of households with the tag, and whether each started service within a year.
  const auto engaged_within_a_year = [](const Results& r, std::uint8_t tag) {
    std::map<Need, bool> out;
    const EpisodeTable& e = r.episodes;
    for (std::size_t i = 0; i < e.size(); ++i)
      if (e.compound[i] & tag)
        out[{e.resident[i], e.onset_day[i], e.field[i]}] =
            e.covered_day[i] >= 0 && e.covered_day[i] - e.onset_day[i] <= 365;
    return out;
  };
  constexpr std::array<CollaborationMode, 2> kModes = {CollaborationMode::hub, CollaborationMode::distributed};
  constexpr std::array<std::uint8_t, 2> kTags = {kTag8050, kTagDoubleCare};
  std::int64_t only_without[2][2] = {}, only_with[2][2] = {}, matched[2][2] = {};
  double overall_off = 0, overall_on[2] = {};
  for (const std::uint64_t seed : {17, 18, 19, 20}) {
    const Results off = run(juso(CollaborationMode::off, 1), seed);
    overall_off += off.summary.overall.engagement_365 / 4;
    for (int m = 0; m < 2; ++m) {
      const Results on = run(juso(kModes[m], 2), seed);
      overall_on[m] += on.summary.overall.engagement_365 / 4;
      for (int t = 0; t < 2; ++t) {
        const auto without = engaged_within_a_year(off, kTags[t]), with = engaged_within_a_year(on, kTags[t]);
        for (const auto& [need, engaged] : without) {
          const auto it = with.find(need);
          if (it == with.end()) continue;
          ++matched[m][t];
          only_without[m][t] += engaged && !it->second;
          only_with[m][t] += !engaged && it->second;
        }
      }
    }
  }
  for (int m = 0; m < 2; ++m) {
    for (int t = 0; t < 2; ++t) {
      SCOPED_TRACE(std::string(m == 0 ? "hub " : "distributed ") + std::string(kCompoundTagNames[t]));
      EXPECT_GT(matched[m][t], 200);
      const double noise = 2 * std::sqrt(static_cast<double>(only_without[m][t] + only_with[m][t]));
      EXPECT_LE(only_without[m][t], only_with[m][t] + noise)
          << only_without[m][t] << " needs started within a year only without collaboration, " << only_with[m][t]
          << " only with it, of " << matched[m][t];
    }
    EXPECT_GE(overall_on[m], overall_off - 0.005);
  }
}

// The modes differ by more than pooling (docs/ODD.md "Multi-agency collaboration"). With
// capacity unbounded on both, a hub's plan follows acceptance only after the referral, consent
// and the team's next support meeting (collaboration.hub_*), while a distributed coordinator plans
// its own agency's case the day it is accepted and waits only to reach agencies outside its
// field (collaboration.outside_agency_days).
TEST_F(Coordination, ModesDifferBeyondPooling) {
  // The wait of each plan from the household's referral: the least wait from acceptance to the
  // plan among the needs it took (a need accepted earlier, when the household needed no plan yet,
  // is taken too; needs found at the meeting itself are left out).
  struct Waits {
    double plans = 0, same_day = 0, days = 0, off_meeting_day = 0;
  };
  const auto waits_to_plan = [](const Results& r, std::int64_t burn_in, std::int64_t interval) {
    std::map<std::pair<std::int32_t, std::int32_t>, std::int32_t> least;  // (household, plan day) -> wait
    const EpisodeTable& e = r.episodes;
    for (std::size_t i = 0; i < e.size(); ++i) {
      if (e.plan_day[i] < 0 || e.channel[i] == static_cast<std::uint8_t>(Channel::household)) continue;
      const std::int32_t wait = e.plan_day[i] - e.detected_day[i];
      const auto [it, fresh] = least.try_emplace({e.household[i], e.plan_day[i]}, wait);
      if (!fresh) it->second = std::min(it->second, wait);
    }
    Waits w;
    for (const auto& [plan, wait] : least) {
      ++w.plans;
      w.same_day += wait == 0;
      w.days += wait;
      w.off_meeting_day += (plan.second + burn_in) % interval != 0;
    }
    w.days /= w.plans;
    return w;
  };
  const auto unbounded = [&](CollaborationMode mode) {
    return with(juso(mode, 1000), [](Scenario& s) { s.collaboration.plans_per_coordinator_month = 1000; });
  };
  const Scenario hub_scenario = unbounded(CollaborationMode::hub);
  const std::int64_t burn_in = hub_scenario.run.burn_in_days,
                     interval = hub_scenario.collaboration.hub_meeting_interval_days;
  const Waits hub = waits_to_plan(run(hub_scenario), burn_in, interval);
  const Waits distributed = waits_to_plan(run(unbounded(CollaborationMode::distributed)), burn_in, interval);
  const Waits next_door = waits_to_plan(run(with(unbounded(CollaborationMode::distributed),
                                                 [](Scenario& s) { s.collaboration.outside_agency_days = 0; })),
                                        burn_in, interval);
  ASSERT_GT(hub.plans, 100);
  ASSERT_GT(distributed.plans, 100);
  // Hub: only on meeting days, after a referral of a week, half a meeting interval and, for a
  // fifth, a month stalled on consent: about four weeks (the same day only for a need accepted
  // on a meeting day while its household was already queued).
  EXPECT_EQ(hub.off_meeting_day, 0);
  EXPECT_LT(hub.same_day, 0.05 * hub.plans);
  EXPECT_GT(hub.days, 20);
  // Distributed: its own cases the same day, the others after reaching the agencies outside its
  // field.
  EXPECT_GT(distributed.same_day, 0.3 * distributed.plans);
  EXPECT_LT(distributed.same_day, 0.95 * distributed.plans);
  EXPECT_GT(distributed.days * distributed.plans / (distributed.plans - distributed.same_day), 7);
  EXPECT_LT(distributed.days, hub.days / 2);
  // Without the cost of reaching other agencies every plan is made within a day of the referral.
  EXPECT_LE(next_door.days, 1);
}

// A distributed coordinator's time is its own agency's (no pooling), and a plan that reaches
// agencies outside its field takes more of it: with scarce time, more outside work leaves longer
// queues. (The count of plans hardly moves: a household that waits long in a queue has often
// seen its other agencies' needs end, and its plan then reaches nobody outside.)
TEST_F(Coordination, DistributedPlansReachingOtherAgenciesCostMore) {
  const Scenario scarce = juso(CollaborationMode::distributed, 0.15);
  const Results cheap = run(with(scarce, [](Scenario& s) { s.collaboration.outside_agency_plan_work = 0; }));
  const Results dear = run(with(scarce, [](Scenario& s) { s.collaboration.outside_agency_plan_work = 1; }));
  EXPECT_GT(cheap.summary.mean_coordinator_queue, 5);
  EXPECT_GT(dear.summary.mean_coordinator_queue, 1.2 * cheap.summary.mean_coordinator_queue);
  EXPECT_LE(total(dear.series.plans), total(cheap.series.plans));
}

TEST_F(Coordination, MeetingHoursOnlyWhenCollaborationIsOn) {
  const Results off = run(juso(CollaborationMode::off, 1));
  EXPECT_EQ(total(off.series.meeting_hours), 0);
  EXPECT_EQ(total(off.series.plans), 0);
  EXPECT_EQ(total(off.series.coordinator_queue), 0);
  for (auto d : off.episodes.plan_day) EXPECT_EQ(d, -1);
  const Results on = run(juso(CollaborationMode::hub, 2));
  EXPECT_GT(total(on.series.meeting_hours), 0);
  // Every plan holds a meeting of at least one agency: a household whose needs all ended while it
  // waited for the hub gets no plan.
  const double hours_per_agency = juso(CollaborationMode::hub, 2).collaboration.meeting_hours_per_agency;
  EXPECT_GE(total(on.series.meeting_hours), total(on.series.plans) * hours_per_agency);
  int planned = 0;
  for (auto d : on.episodes.plan_day) planned += d >= 0;
  EXPECT_GT(planned, 0);
}

// Pooled over four seeds: a run has about 55 household detections, and a plan's meeting finds some
// that relatives would have found later anyway.
TEST_F(Coordination, PlansFindHiddenNeedsOfTheHousehold) {
  double off = 0, on = 0;
  for (const std::uint64_t seed : {17, 18, 19, 20}) {
    off += total(run(juso(CollaborationMode::off, 1), seed).series.detections_household);
    on += total(run(juso(CollaborationMode::hub, 4), seed).series.detections_household);
  }
  std::printf("household detections over four seeds: %.0f with plans, %.0f without\n", on, off);
  EXPECT_GT(on, off);
}

// A support plan changes what happens afterwards (collaboration.plan_service_time_factor and
// plan_chronic_factor): planned needs end sooner and stay open as monitoring less often than the
// same needs when a plan changes nothing. A town's few hundred planned needs, of which some 120
// end within the run, differ by a tenth either way between two runs once they diverge, so four
// seeds are pooled, each against its own inert run on common random numbers.
TEST_F(Coordination, APlanShortensServiceAndMakesFewerNeedsChronic) {
  struct Planned {
    double served = 0, ended = 0, days = 0, chronic = 0;
  };
  const auto add_planned_needs = [](const Results& r, Planned& p) {
    for (std::size_t e = 0; e < r.episodes.size(); ++e) {
      if (r.episodes.plan_day[e] < 0 || r.episodes.covered_day[e] < 0) continue;
      ++p.served;
      p.chronic += r.episodes.outcome[e] == static_cast<std::uint8_t>(Outcome::monitoring);
      if (r.episodes.resolved_day[e] < 0) continue;
      ++p.ended;
      p.days += r.episodes.resolved_day[e] - std::max(r.episodes.covered_day[e], r.episodes.plan_day[e]);
    }
  };
  // Eight seeds: durations are long-tailed. With four (17-20) the ratio of the means read 0.88, and
  // 0.95 once an unrelated change moved every draw; over 21-28 it read 0.82-0.84 (the factor: 0.8).
  Planned with_plan, without;
  for (const std::uint64_t seed : {17, 18, 19, 20, 21, 22, 23, 24}) {
    add_planned_needs(run(juso(CollaborationMode::hub, 4), seed), with_plan);
    add_planned_needs(run(with(juso(CollaborationMode::hub, 4),
                               [](Scenario& s) {
                                 s.collaboration.plan_service_time_factor = s.collaboration.plan_chronic_factor = 1;
                               }),
                          seed),
                      without);
  }
  ASSERT_GT(with_plan.served, 800);
  // Mean days from plan (or service) to resolution.
  EXPECT_LT(with_plan.days / with_plan.ended, 0.95 * without.days / without.ended);
  // Share still monitored at the horizon.
  EXPECT_LT(with_plan.chronic / with_plan.served, without.chronic / without.served);
}

}  // namespace
}  // namespace kyosei
