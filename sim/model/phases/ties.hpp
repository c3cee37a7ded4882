#pragma once
// Tie dynamics (ties.cpp): the decay and renewal of ties and the redraws of their flips.
#include <cstdint>

#include <boost/graph/compressed_sparse_row_graph.hpp>

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
void remove_ties_of(const Context& ctx, State& st, std::int32_t r);
template <class F>
void for_each_tie(const State& st, std::int32_t r, F&& f) {
  if (static_cast<std::size_t>(r) >= boost::num_vertices(st.ties.graph)) return;  // born later
  const auto [first, last] = boost::out_edges(static_cast<std::uint32_t>(r), st.ties.graph);
  const auto tie_of = [&](const auto& arc) {
    return st.ties.tie_of_arc[boost::get(boost::edge_index, st.ties.graph, arc)];
  };
  // The tie records and the other ends' core records lie anywhere in memory: asked for all at
  // once, their loads overlap instead of following one another through `f`.
  for (auto it = first; it != last; ++it) {
    __builtin_prefetch(&st.ties.records[tie_of(*it)]);
    __builtin_prefetch(&st.residents.core[boost::target(*it, st.ties.graph)]);
  }
  for (auto it = first; it != last; ++it) f(tie_of(*it), static_cast<std::int32_t>(boost::target(*it, st.ties.graph)));
}
// The other end of each of the resident's active outside ties.
template <class F>
void for_each_active_tie(const State& st, std::int32_t r, F&& f) {
  for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t other) {
    if (st.ties.records[tie].status == kActive) f(other);
  });
}

}  // namespace kyosei
