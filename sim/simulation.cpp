// The Simulation facade: owns the Scenario copy and the State, steps days, extracts Results.
#include "kyosei/simulation.hpp"

#include <omp.h>

#include "kyosei/errors.hpp"
#include "kyosei/summary.hpp"
#include "step.hpp"

namespace kyosei {
namespace {

Context context_of(const Scenario& s, const RunOptions& o) {
  return Context{s, RngKey{o.seed, o.replicate}, o.threads > 0 ? o.threads : omp_get_max_threads()};
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
  }
  return t;
}

}  // namespace

Simulation::Simulation(const Scenario& scenario, const RunOptions& options)
    : scenario_(scenario), options_(options), state_(std::make_unique<State>()) {
  if (options.threads < 0) throw UsageError("threads must be 0 (default) or positive");
  initialise(context_of(scenario_, options_), *state_);
}

Simulation::~Simulation() = default;

std::int64_t Simulation::days_done() const { return state_->today; }
std::int64_t Simulation::days_total() const { return state_->total_days; }

void Simulation::step() {
  if (finished()) throw UsageError("the run has reached its horizon");
  step_day(context_of(scenario_, options_), *state_);
}

void Simulation::run(const std::function<bool(std::int64_t, std::int64_t)>& progress) {
  const Context ctx = context_of(scenario_, options_);
  while (!finished()) {
    step_day(ctx, *state_);
    if (progress && state_->today % 30 == 0 && !progress(days_done(), days_total())) return;
  }
}

Results Simulation::results() const {
  Results r;
  r.episodes = episode_table(*state_);
  r.series = state_->series;
  r.agencies = state_->agencies.info;
  r.warnings = state_->warnings;
  const auto recorded_days = static_cast<std::int32_t>(std::max<Day>(0, state_->today - state_->burn_in));
  r.summary = compute_summary(r.episodes, r.series, recorded_days);
  return r;
}

}  // namespace kyosei
