// The day step: a table of contents of the phases, in the order of MODEL.md §3.
#include "model/step.hpp"
#include "model/phases.hpp"

namespace kyosei {

void step_day(const Context& ctx, State& st) {
  // Phases 1-9 run on this thread while the others draw the random waits of today's tie flips.
  const std::vector<double> flip_waits = draw_flip_waits(ctx, st, [&] {
    phase_demography(ctx, st);     // 1. deaths, births, coming of age
    phase_onset(ctx, st);          // 2. new conditions open need episodes; recoveries
    phase_progression(ctx, st);    // 3. undetected needs reaching a crisis
    phase_detection(ctx, st);      // 4. self-referral, ties, commissioners, institutions
    phase_intake(ctx, st);         // 5. referrals and hand-offs arriving at their agency
    phase_collaboration(ctx, st);  //    coordinators' support plans for compound households
    phase_service(ctx, st);        // 6. service ends, queues move
    phase_outreach(ctx, st);       // 7. outreach visits
    phase_participation(ctx, st);  // 8. participation support programmes
    phase_community(ctx, st);      // 9. community places
  });
  phase_ties(ctx, st, flip_waits);  // 10. tie decay and renewal, isolation
  phase_record(ctx, st);            // 11. the day's row of the series
  ++st.today;
}

}  // namespace kyosei
