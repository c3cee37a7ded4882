#pragma once
// The tie graph's arcs laid out from the tie records: by construction (ties.cpp) and again when a
// checkpoint is restored (state_visit.hpp), which therefore saves the records alone.
#include <cstdint>

#include "kyosei/model/state.hpp"

namespace kyosei {

// Fills the compressed sparse row arrays of ties.graph and ties.tie_of_arc for `vertices`
// residents from ties.records, which must be sorted by lower end, then upper end, with
// end_a < end_b < vertices. Vertex v's row lists its lower neighbours, then its higher ones, each
// in tie order; the result does not depend on `threads`.
void lay_out_graph(Ties& ties, std::uint32_t vertices, int threads);

}  // namespace kyosei
