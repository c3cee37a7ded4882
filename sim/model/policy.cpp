// A change of the parameters in force (the end of the burn-in, a step of the timeline): agencies
// take their new staff, coordinator queues follow the collaboration mode, the outreach team
// rebuilds its target list, and every undetected need's detection is drawn again under the new
// hazards.
#include "model/step.hpp"
#include "model/construction.hpp"
#include "model/episodes.hpp"

namespace kyosei {

void apply_policy(const Context& ctx, State& st) {
  size_agencies(ctx, st);
  LeverState& L = st.levers;
  if (ctx.scenario.collaboration.mode == CollaborationMode::hub) {
    // One team takes over every household already waiting for a coordinator.
    for (std::size_t q = 1; q < L.coordinator_queue.size(); ++q) {
      L.coordinator_queue[0].insert(L.coordinator_queue[0].end(), L.coordinator_queue[q].begin(),
                                    L.coordinator_queue[q].end());
      L.coordinator_queue[q].clear();
    }
  }
  L.targets_built = kNever;
  for (std::size_t e = 0; e < st.episodes.size(); ++e)
    if (st.episodes.outcome[e] == Outcome::undetected) reschedule_detection(ctx, st, static_cast<std::int32_t>(e));
}

}  // namespace kyosei
