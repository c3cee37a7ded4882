#pragma once
// Tie dynamics (ties.cpp): the decay and renewal of ties and the redraws of their flips.
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

struct TieRates {
  double decay, renewal;  // per year
};
// Decay and renewal hazards of a tie given both ends' age and withdrawal.
TieRates tie_rates(const Context& ctx, const State& st, std::uint32_t tie);
// A change of the tie's rates (or status): its scheduled flip no longer holds, and its next one is
// drawn with today's flips (phase_ties). A tie's rates change only through the changes that call
// this, so drawing at the day's end from the version of the last change gives the flip the draw
// that change would have made: the same key (tie, day, version) and the same rates. Superseded
// changes of the day draw nothing.
void redraw_tie_flip(State& st, std::uint32_t tie);
// Initialisation: every tie's start status (active or dormant), the outside ties and isolation
// totals it gives, and its first flip.
void start_ties(const Context& ctx, State& st);
void redraw_ties_of(State& st, std::int32_t r);
// A resident leaves the community (death, a move away, a move into care): each of its ties is gone
// at both ends, and the other ends replace them in time (tie_formation.hpp). r leaves its housing
// block's roster.
void remove_ties_of(const Context& ctx, State& st, std::int32_t r);
// r, still in its old household, is about to move to `household` within the municipality: its
// neighbour ties end if the new household is in another housing block, and its ties with the
// members of `household` end (they become household members); its friendships stay, as friends
// who move across town stay in touch. The other ends replace the ties that ended; r leaves its
// housing block's roster (on_arrival puts it on the new one).
void end_ties_on_move(const Context& ctx, State& st, std::int32_t r, std::int32_t household);
// f(tie, other end) for each of r's ties, in its block's order.
template <class F>
void for_each_tie(const State& st, std::int32_t r, F&& f) {
  if (static_cast<std::size_t>(r) >= st.ties.blocks.size()) return;
  const TieBlock b = st.ties.blocks[r];
  const TieSlot* slots = st.ties.arena.data() + b.first;
  // The tie records and the other ends' core records lie anywhere in memory: asked for all at
  // once, their loads overlap instead of following one another through `f`.
  for (std::uint32_t i = 0; i < b.count; ++i) {
    __builtin_prefetch(&st.ties.records[slots[i].tie]);
    __builtin_prefetch(&st.residents.core[slots[i].other]);
  }
  for (std::uint32_t i = 0; i < b.count; ++i) f(slots[i].tie, slots[i].other);
}
// The other end of each of the resident's active outside ties.
template <class F>
void for_each_active_tie(const State& st, std::int32_t r, F&& f) {
  for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t other) {
    if (st.ties.records[tie].status() == kActive) f(other);
  });
}

}  // namespace kyosei
