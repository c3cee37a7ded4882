// Progression (docs/ODD.md §7 "Progression to crisis"): an undetected need that reaches its crisis
// (hospital, eviction, collapse) is revealed and taken on by its owner, but counts as a failure of
// detection.
#include "model/context.hpp"
#include "model/phases.hpp"
#include "model/phases/intake.hpp"

namespace kyosei {

void phase_progression(const Context& ctx, State& st) {
  for (const Event& ev : st.calendars.progression.bucket(st.today)) {
    const std::int32_t e = ev.id;
    if (st.episodes.outcome[e] != Outcome::undetected) continue;
    st.households.had_crisis[st.episodes.household[e]] = 1;
    accept(ctx, st, e, serving_agency(ctx, st, e), Channel::crisis);
  }
  st.calendars.progression.release(st.today);
}

}  // namespace kyosei
