#pragma once
// Summary statistics of a run: the stages of the pathway as cumulative incidences with crisis and
// death competing, the deprecated Kaplan-Meier acceptance times (right-censored), mean isolation
// rates, referral losses.
#include <array>
#include <span>
#include <string_view>
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
std::vector<KaplanMeierPoint> kaplan_meier(std::span<const double> times, std::span<const std::uint8_t> observed);

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

// Competing risks (docs/ODD.md "Outcomes"): each duration ends in a cause, 0 for censoring and
// 1..k for the competing events. The Aalen-Johansen estimate of the cumulative incidence of one
// cause, F(t) = sum over event times t_j <= t of S(t_j-) d_j / n_j, with S the Kaplan-Meier curve
// of all causes together; its standard error is the delta-method formula that statsmodels'
// CumIncidenceRight uses (Choudhury 2002), and the pointwise 95% band is F +- 1.96 se clipped to
// [0, 1]. Ties: every duration ending at t is at risk at t.
struct CumulativeIncidencePoint {
  double time;
  double incidence;  // F(t) just after time t
  double std_error;
  double lower, upper;
  std::int64_t at_risk;
  std::int64_t events;  // of the chosen cause at this time
};
// Durations counted by distinct time, ascending, with the events of each cause: causes[c][k]
// events of cause c + 1 at time[k]; ending and size as in DurationCounts (ending counts all).
struct CompetingCounts {
  std::vector<double> time;
  std::vector<std::int64_t> ending;
  std::vector<std::vector<std::int64_t>> causes;
  std::int64_t size = 0;
};
CompetingCounts count_competing(std::span<const double> times, std::span<const std::uint8_t> causes);
// The curve of cause `cause` (1-based), one point per time where any cause has an event.
std::vector<CumulativeIncidencePoint> cumulative_incidence(const CompetingCounts& counts, int cause);
std::vector<CumulativeIncidencePoint> cumulative_incidence(std::span<const double> times,
                                                           std::span<const std::uint8_t> causes, int cause);
// F(t) at time t (0 before the first point) and the first time F reaches 0.5 (NaN if never).
double incidence_at(std::span<const CumulativeIncidencePoint> curve, double t);
double incidence_median(std::span<const CumulativeIncidencePoint> curve);

// The stages of a need's pathway (docs/ODD.md "Outcomes"), each an outcome of its own, timed from
// onset. Competing events end the follow-up for a stage: a crisis before first contact or
// acceptance (a need revealed by a crisis is never a detection), death, or remission before the
// stage. Needs still open short of the stage at the horizon are censored.
enum class Stage : std::uint8_t { contact = 0, detection, engagement, resolution };
inline constexpr int kStageCount = 4;
inline constexpr std::array<std::string_view, kStageCount> kStageNames = {"contact", "detection", "engagement",
                                                                          "resolution"};
// Causes of PathwayTimes: the stage reached, then the competing events.
enum class PathwayCause : std::uint8_t { censored = 0, reached, crisis, death, remission };
inline constexpr int kPathwayCauseCount = 4;  // without censoring
inline constexpr std::array<std::string_view, kPathwayCauseCount> kPathwayCauseNames = {"reached", "crisis", "death",
                                                                                        "remission"};  // cause 1..4
struct PathwayTimes {
  std::vector<double> time;
  std::vector<std::uint8_t> cause;  // PathwayCause
};
PathwayTimes pathway_times(const EpisodeTable& episodes, std::int32_t horizon_days, Stage stage);

// Detection time of each recorded episode: days from onset to detection if detected, else
// censored at the end of follow-up (end_day if the episode closed undetected, else horizon).
struct DetectionTimes {
  std::vector<double> time;
  std::vector<std::uint8_t> detected;
};
DetectionTimes detection_times(const EpisodeTable& episodes, std::int32_t horizon_days);

Summary compute_summary(const EpisodeTable& episodes, const DailySeries& series, std::int32_t horizon_days);

// Adds the system side (waits, workload, levers, costs) to a summary of `results`.
void add_system_summary(const Results& results, Summary& summary);

// Adds the solitary deaths (count, rate per 100,000 residents a year, share aged 65+, shares
// discovered after 8+ and 30+ days, median days to discovery) to a summary of `results`.
void add_solitary_death_summary(const Results& results, Summary& summary);

}  // namespace kyosei
