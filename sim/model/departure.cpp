// Leaving the community's households (departure.hpp).
#include "model/departure.hpp"

#include "model/episodes.hpp"
#include "model/phases/community.hpp"
#include "model/phases/household_dynamics.hpp"
#include "model/phases/participation.hpp"
#include "model/phases/service.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"

namespace kyosei {

void depart(const Context& ctx, State& st, std::int32_t r, Departure why) {
  const Outcome outcome = why == Departure::died ? Outcome::died : Outcome::left;
  while (st.residents.first_open[r] >= 0) {
    const std::int32_t e = st.residents.first_open[r];
    release_case(ctx, st, e);
    close_episode(ctx, st, e, outcome);
  }
  if (st.residents.in_programme[r]) leave_programme(ctx, st, r, false);
  if (st.residents.core[r].place >= 0) leave_place(ctx, st, r);
  remove_ties_of(ctx, st, r);
  const std::int32_t h = st.residents.household[r];
  remove_resident(ctx, st, r);
  st.residents.departure[r] = static_cast<std::uint8_t>(why);
  if (st.households.members[h] == 0) ++st.counters.households_dissolved;
  if (why == Departure::moved_out) ++st.counters.moves_out;
  if (why == Departure::in_care) ++st.totals.in_care;
  // The household lost a member who watched over the others: their detection bounds fall, which
  // needs no redraw (thinning); the survivors may now be registered, which raises them.
  update_registration(ctx, st, h);
  after_member_left(ctx, st, h);
}

void die_in_care(State& st, std::int32_t r) {
  st.residents.departure[r] = static_cast<std::uint8_t>(Departure::died_in_care);
  --st.totals.in_care;
}

}  // namespace kyosei
