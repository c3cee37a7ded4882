// The Simulation facade: owns the Scenario copy and the State, steps days, extracts Results.
#include "kyosei/run/simulation.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <utility>

#include "kyosei/engine/errors.hpp"
#include "kyosei/run/resource_guard.hpp"
#include "kyosei/analysis/summary.hpp"
#include "engine/free_pages.hpp"
#include "model/snapshot.hpp"
#include "model/step.hpp"
#include "model/warnings.hpp"

namespace kyosei {
namespace {

Context context_of(const Scenario& s, const RunOptions& o, int threads) {
  return Context{s, RngKey{o.seed, o.replicate}, threads};
}

// Whether the days' thread count adapts to the machine's load: the option, unless
// KYOSEI_ADAPT_THREADS says 0 or off.
bool adapting(const RunOptions& o) {
  const char* value = std::getenv("KYOSEI_ADAPT_THREADS");
  if (value == nullptr || *value == '\0') return o.adapt_threads;
  const std::string v = value;
  if (v == "0" || v == "off") return false;
  if (v == "1" || v == "on") return o.adapt_threads;
  throw UsageError("KYOSEI_ADAPT_THREADS=" + v +
                   ": expected 0 or off (keep the threads asked for every day), or 1 or on");
}

// The run's governor, reading this machine's load: on a crowded machine it builds the population
// on one thread too.
ThreadGovernor governor_of(const RunOptions& o) {
  const int threads = threads_to_use(o);
  return ThreadGovernor(threads, threads > 1 && adapting(o), &this_machine());
}

// The parameters in force over the run: the silo baseline for the burn-in, then the scenario,
// then each day of its timeline.
std::vector<Epoch> epochs_of(const Scenario& s) {
  const auto burn_in = static_cast<Day>(s.run.burn_in_days);
  std::vector<Epoch> epochs;
  if (burn_in > 0) epochs.push_back({0, s.in_force(0).silo_baseline()});
  epochs.push_back({burn_in, s.in_force(0)});
  std::vector<std::int64_t> days;
  for (const auto& change : s.timeline)
    if (change.day > 0) days.push_back(change.day);
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  for (std::int64_t day : days) epochs.push_back({burn_in + static_cast<Day>(day), s.in_force(day)});
  return epochs;
}

// Day as recorded: days since the burn-in ended, -1 for "never".
std::int32_t recorded_day(Day d, Day burn_in) { return d == kNever ? -1 : d - burn_in; }

EpisodeTable episode_table(const State& st) {
  const Episodes& E = st.episodes;
  EpisodeTable t;
  for (std::size_t e = 0; e < E.size(); ++e) {
    if (!E.recorded[e]) continue;
    const bool detected = E.detected[e] != kNever;
    t.resident.push_back(E.resident[e]);
    t.household.push_back(E.household[e]);
    t.field.push_back(static_cast<std::uint8_t>(E.field[e]));
    t.compound.push_back(E.compound[e]);
    t.household_type.push_back(static_cast<std::uint8_t>(E.household_type[e]));
    t.age.push_back(E.age[e]);
    t.onset_day.push_back(recorded_day(E.onset[e], st.burn_in));
    t.first_contact_day.push_back(recorded_day(E.first_contact[e], st.burn_in));
    t.detected_day.push_back(recorded_day(E.detected[e], st.burn_in));
    t.covered_day.push_back(recorded_day(E.covered[e], st.burn_in));
    t.resolved_day.push_back(recorded_day(E.resolved[e], st.burn_in));
    t.end_day.push_back(recorded_day(E.ended[e], st.burn_in));
    t.outcome.push_back(static_cast<std::uint8_t>(E.outcome[e]));
    t.channel.push_back(static_cast<std::uint8_t>(detected ? E.channel[e] : Channel::none));
    t.hops.push_back(detected ? E.hops[e] : std::int16_t{-1});
    t.bounces.push_back(E.bounces[e]);
    t.agency.push_back(E.covered[e] != kNever ? E.agency[e] : std::int16_t{-1});
    t.plan_day.push_back(E.planned[e] >= 0 ? recorded_day(E.planned[e], st.burn_in) : -1);
  }
  return t;
}

SolitaryDeathTable solitary_death_table(const State& st) {
  const SolitaryDeaths& S = st.solitary;
  SolitaryDeathTable t;
  for (std::size_t i = 0; i < S.size(); ++i) {
    const std::int32_t r = S.resident[i];
    t.resident.push_back(r);
    t.household.push_back(st.residents.household[r]);
    t.age.push_back(static_cast<std::int16_t>(st.residents.age(static_cast<std::size_t>(r), S.died[i])));
    t.female.push_back(st.residents.female[r]);
    t.death_day.push_back(recorded_day(S.died[i], st.burn_in));
    t.discovery_day.push_back(recorded_day(S.discovered[i], st.burn_in));
    t.days_to_discovery.push_back(S.discovered[i] - S.died[i]);
    t.channel.push_back(static_cast<std::uint8_t>(S.channel[i]));
    t.outside_ties.push_back(S.outside_ties[i]);
  }
  return t;
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, const RunOptions& options)
    : scenario_(scenario),
      options_(options),
      epochs_(epochs_of(scenario)),
      state_(std::make_unique<State>()),
      governor_(governor_of(options)) {
  if (options.threads < 0) throw UsageError("threads must be 0 (default) or positive");
  check_snapshot_days(options.snapshot_days, scenario.run.horizon_days, "snapshot_days");
  check_resources(scenario_);  // before anything is allocated (resource_guard.hpp)
  Context build = context_of(epochs_.front().scenario, options_, governor_.threads());
  build.stop = &options_.stop;  // only while building: the day loop's check is the caller's
  initialise(build, epochs_, *state_);
  state_->snapshot_days = options.snapshot_days;
}

Simulation::Simulation(const Scenario& scenario, const RunOptions& options, std::unique_ptr<State> restored)
    : scenario_(scenario),
      options_(options),
      epochs_(epochs_of(scenario)),
      state_(std::move(restored)),
      governor_(governor_of(options)) {
  if (options.threads < 0) throw UsageError("threads must be 0 (default) or positive");
  if (!state_) throw UsageError("no State to restore");
  check_resources(scenario_);  // the machine may be another than the one that saved the State
  if (state_->burn_in != scenario.run.burn_in_days ||
      state_->total_days != scenario.run.burn_in_days + scenario.run.horizon_days || state_->today < 0 ||
      state_->today > state_->total_days)
    throw UsageError("the restored State (day " + std::to_string(state_->today) + " of " +
                     std::to_string(state_->total_days) + ", burn-in " + std::to_string(state_->burn_in) +
                     ") does not belong to a run of " + std::to_string(scenario.run.burn_in_days) + " + " +
                     std::to_string(scenario.run.horizon_days) + " days");
  options_.snapshot_days = state_->snapshot_days;  // the days the saved run was asked for
}

const Scenario& Simulation::in_force() const {
  std::size_t i = 0;
  while (i + 1 < epochs_.size() && epochs_[i + 1].start <= state_->today) ++i;
  return epochs_[i].scenario;
}

void Simulation::advance() {
  for (std::size_t i = 1; i < epochs_.size(); ++i)
    if (epochs_[i].start == state_->today)
      apply_policy(context_of(epochs_[i].scenario, options_, governor_.threads()), *state_);
  const auto start = std::chrono::steady_clock::now();
  const Context ctx = context_of(in_force(), options_, governor_.threads());
  step_day(ctx, *state_, profile_.get());
  governor_.record_day(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  const std::vector<std::int32_t>& days = state_->snapshot_days;
  if (std::binary_search(days.begin(), days.end(), static_cast<std::int32_t>(state_->today - 1 - state_->burn_in)))
    state_->snapshots.push_back(take_snapshot(ctx, *state_));
  if (state_->today % kDaysBetweenTrims == 0) return_free_pages();
}

Simulation::~Simulation() = default;

void check_snapshot_days(const std::vector<std::int32_t>& days, std::int64_t horizon_days, const std::string& name) {
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (days[i] < 0 || days[i] >= horizon_days)
      throw UsageError(name + ": day " + std::to_string(days[i]) + " is not a recorded day of this run (0 .. " +
                       std::to_string(horizon_days - 1) + ", run.horizon_days = " + std::to_string(horizon_days) + ")");
    if (i > 0 && days[i] <= days[i - 1])
      throw UsageError(name + ": day " + std::to_string(days[i]) +
                       (days[i] == days[i - 1] ? " is given twice" : " follows " + std::to_string(days[i - 1])) +
                       " (expected distinct days in ascending order)");
  }
}

PopulationSnapshot Simulation::snapshot() const {
  return take_snapshot(context_of(in_force(), options_, governor_.threads()), *state_);
}

int threads_to_use(const RunOptions& options) { return options.threads > 0 ? options.threads : omp_get_max_threads(); }

std::int64_t Simulation::days_done() const { return state_->today; }
std::int64_t Simulation::days_total() const { return state_->total_days; }

void Simulation::enable_profile() {
  if (!profile_) profile_ = std::make_unique<PhaseProfile>();
}

void Simulation::step() {
  if (finished()) throw UsageError("the run has reached its horizon");
  advance();
}

void Simulation::run(const std::function<bool(std::int64_t, std::int64_t)>& progress) {
  while (!finished()) {
    advance();
    if (progress && state_->today % 30 == 0 && !progress(days_done(), days_total())) return;
  }
}

Results Simulation::results() const {
  Results r;
  r.episodes = episode_table(*state_);
  r.solitary_deaths = solitary_death_table(*state_);
  r.series = state_->series;
  r.agencies = state_->agencies.info;
  r.warnings = counted_warnings(*state_);
  r.snapshots = state_->snapshots;
  const auto recorded_days = static_cast<std::int32_t>(std::max<Day>(0, state_->today - state_->burn_in));
  r.summary = compute_summary(r.episodes, r.series, recorded_days);
  add_system_summary(r, r.summary);
  add_solitary_death_summary(r, r.summary);
  return r;
}

}  // namespace kyosei
