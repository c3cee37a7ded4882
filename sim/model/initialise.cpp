// Initialisation (docs/ODD.md §5): population, conditions at their prevalence, ties, agencies and
// the levers' places, then every resident's first life events (household, care and migration
// events included), every tie's first flip and the needs
// open at the start.
#include <algorithm>
#include <cmath>

#include "model/step.hpp"
#include "model/construction.hpp"
#include "model/phases/care_entry.hpp"
#include "model/phases/household_dynamics.hpp"
#include "model/phases/migration.hpp"
#include "model/phases/onset.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"

namespace kyosei {
namespace {

// Community places are laid out for the most any epoch uses; fewer may be open at a time.
void lay_out_places(const std::vector<Epoch>& epochs, State& st) {
  double per_district = 0;
  for (const Epoch& e : epochs) per_district = std::max(per_district, e.scenario.community.places_per_district);
  LeverState& L = st.levers;
  const auto places = static_cast<std::int32_t>(std::ceil(per_district));
  for (std::int32_t d = 0; d < st.districts; ++d)
    for (std::int32_t p = 0; p < places; ++p) L.place_district.push_back(d);
  L.place_attendees.assign(L.place_district.size(), 0);
  L.place_members.assign(L.place_district.size(), {});
}

}  // namespace

void start_clock(const Context& ctx, State& st) {
  const Scenario& s = ctx.scenario;
  st.burn_in = static_cast<Day>(s.run.burn_in_days);
  st.total_days = static_cast<Day>(s.run.burn_in_days + s.run.horizon_days);
  for (Calendar* c : {&st.calendars.demography, &st.calendars.onset, &st.calendars.progression, &st.calendars.detection,
                      &st.calendars.intake, &st.calendars.service, &st.calendars.outreach, &st.calendars.participation,
                      &st.calendars.community, &st.calendars.formation, &st.calendars.households,
                      &st.calendars.care_entry, &st.calendars.migration})
    c->resize(st.total_days);
  st.calendars.ties.resize(st.total_days);
  st.solitary.discoveries_due.assign(static_cast<std::size_t>(st.total_days), 0);
}

void initialise(const Context& ctx, const std::vector<Epoch>& epochs, State& st) {
  const Scenario& s = ctx.scenario;
  start_clock(ctx, st);
  // The population and its ties (the construction that docs/performance.md times step by step),
  // asking between the steps, and within the long serial loops, whether to stop (RunOptions::stop).
  build_population(ctx, st);
  ctx.stop_if_asked();
  st.initial_residents = static_cast<std::int64_t>(st.residents.size());
  seed_conditions(ctx, st);  // before ties: withdrawn residents start with fewer active ties
  ctx.stop_if_asked();
  build_ties(ctx, st);
  ctx.stop_if_asked();
  start_ties(ctx, st);
  ctx.stop_if_asked();
  const bool outreach =
      std::any_of(epochs.begin(), epochs.end(), [](const Epoch& e) { return e.scenario.outreach.workers > 0; });
  build_agencies(ctx, st, outreach);
  st.levers.coordinator_queue.resize(st.agencies.info.size());
  st.levers.plan_credit.assign(st.agencies.info.size(), 0.0);
  st.levers.assessments_pending.assign(st.agencies.info.size(), 0);
  lay_out_places(epochs, st);
  for (std::size_t h = 0; h < st.households.size(); ++h) {
    if (h % Context::kStopCheckEvery == 0) ctx.stop_if_asked();
    update_registration(ctx, st, static_cast<std::int32_t>(h));
  }
  const auto residents = static_cast<std::int32_t>(st.residents.size());
  schedule_every_life_event(ctx, st);
  schedule_life_course_at_start(ctx, st);
  schedule_care_entries_at_start(ctx, st);
  schedule_moves_out_at_start(ctx, st);
  for (std::int32_t r = 0; r < residents; ++r) {
    if (r % Context::kStopCheckEvery == 0) ctx.stop_if_asked();
    open_prevalent_needs(ctx, st, r);
  }
  st.series.day.reserve(static_cast<std::size_t>(s.run.horizon_days));
}

}  // namespace kyosei
