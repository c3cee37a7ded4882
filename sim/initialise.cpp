// Initialisation (MODEL.md §5): population, conditions at their prevalence, ties, agencies, then
// every resident's first life events, every tie's first flip and the needs open at the start.
#include "step.hpp"

namespace kyosei {

void initialise(const Context& ctx, State& st) {
  const Scenario& s = ctx.scenario;
  st.burn_in = static_cast<Day>(s.run.burn_in_days);
  st.total_days = static_cast<Day>(s.run.burn_in_days + s.run.horizon_days);
  for (Calendar* c : {&st.calendars.demography, &st.calendars.onset, &st.calendars.progression,
                      &st.calendars.detection, &st.calendars.intake, &st.calendars.service,
                      &st.calendars.ties})
    c->resize(st.total_days);
  build_population(ctx, st);
  seed_conditions(ctx, st);  // before ties: withdrawn residents start with fewer active ties
  build_ties(ctx, st);
  build_agencies(ctx, st);
  for (std::size_t h = 0; h < st.households.size(); ++h) update_registration(ctx, st, static_cast<std::int32_t>(h));
  const auto residents = static_cast<std::int32_t>(st.residents.size());
  for (std::int32_t r = 0; r < residents; ++r) schedule_life_events(ctx, st, r);
  for (std::uint32_t t = 0; t < st.ties.size(); ++t) schedule_tie_flip(ctx, st, t);
  for (std::int32_t r = 0; r < residents; ++r) open_prevalent_needs(ctx, st, r);
  st.series.day.reserve(static_cast<std::size_t>(s.run.horizon_days));
}

}  // namespace kyosei
