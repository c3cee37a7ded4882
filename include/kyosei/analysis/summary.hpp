#pragma once
// Summary statistics of a run: Kaplan-Meier detection times (right-censored), shares detected
// within 30, 90 and 365 days, mean isolation rates, referral losses.
#include <span>
#include <vector>

#include "kyosei/model/results.hpp"

namespace kyosei {

// One point of a Kaplan-Meier curve: S(t) just after time t.
struct KaplanMeierPoint {
  double time;
  double survival;
  std::int64_t at_risk;
  std::int64_t events;
};

// Kaplan-Meier curve of durations with right-censoring (observed[i] false: censored at times[i]).
// Ties: events are counted before censorings at the same time (the usual convention).
std::vector<KaplanMeierPoint> kaplan_meier(std::span<const double> times,
                                           std::span<const std::uint8_t> observed);

// Durations counted by distinct time, ascending: ending[k] of them end at time[k], events[k] of
// those with the event. `size` counts every duration, also those that end after the last time
// listed (a table cut at a horizon): they are at risk throughout.
struct DurationCounts {
  std::vector<double> time;
  std::vector<std::int64_t> ending;
  std::vector<std::int64_t> events;
  std::int64_t size = 0;
};
// The Kaplan-Meier curve of counted durations (the one update rule behind both overloads).
std::vector<KaplanMeierPoint> kaplan_meier(const DurationCounts& counts);

// Median of the curve (first time S(t) <= 0.5), NaN if it never gets there.
double km_median(std::span<const KaplanMeierPoint> curve);
// Area under S(t) from 0 to tau (restricted mean).
double km_restricted_mean(std::span<const KaplanMeierPoint> curve, double tau);
// S(t) at time t.
double km_survival_at(std::span<const KaplanMeierPoint> curve, double t);

// Detection time of each recorded episode: days from onset to detection if detected, else
// censored at the end of follow-up (end_day if the episode closed undetected, else horizon).
struct DetectionTimes {
  std::vector<double> time;
  std::vector<std::uint8_t> detected;
};
DetectionTimes detection_times(const EpisodeTable& episodes, std::int32_t horizon_days);

Summary compute_summary(const EpisodeTable& episodes, const DailySeries& series,
                        std::int32_t horizon_days);

// Adds the system side (waits, workload, levers, costs) to a summary of `results`.
void add_system_summary(const Results& results, Summary& summary);

// Adds the solitary deaths (count, rate per 100,000 residents a year, share aged 65+, shares
// discovered after 8+ and 30+ days, median days to discovery) to a summary of `results`.
void add_solitary_death_summary(const Results& results, Summary& summary);

}  // namespace kyosei
