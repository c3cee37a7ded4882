#pragma once
// The ties' store (docs/ODD.md §2 "Ties", docs/performance.md "A tie store that grows"): tie records
// in one array whose ended records are reused, and each resident's tie slots in a block of one flat
// arena. A block that fills moves to a block a quarter larger, cut from a free piece that holds it
// (the rest going back) or from the arena's end; freed blocks wait on free lists by size class, as
// power-of-two pieces, and the arena is compacted in place rather than grown when an eighth of it
// is free, each block cut to its slots and one more (docs/performance.md, "Peak memory (branch
// h19mem)"). Sequential: ties form and end in the day's sequential phases, never during flips.
#include <cstdint>

#include "kyosei/model/state.hpp"

namespace kyosei {

// A block and a formation state for a resident added to the run, in no housing block yet.
void add_tie_vertex(Ties& T);
// A new tie between a and b (not tied yet), listed at the end of both blocks; returns its record.
// A reused record keeps its version, so the flips its former tie left scheduled stay stale.
std::uint32_t insert_tie(Ties& T, std::int32_t a, std::int32_t b, TieKind kind, TieOrigin origin);
// Takes the tie out of r's block, keeping the order of the others.
void erase_tie_slot(Ties& T, std::int32_t r, std::uint32_t tie);
// The tie has ended: its flips are stale and its record free.
void free_tie_record(Ties& T, std::uint32_t tie);
// r's block back on the free lists, r with no slots.
void release_tie_block(Ties& T, std::int32_t r);
bool tied(const Ties& T, std::int32_t a, std::int32_t b);
inline std::uint32_t tie_degree(const Ties& T, std::int32_t r) {
  return static_cast<std::size_t>(r) < T.blocks.size() ? T.blocks[r].count : 0u;
}

// The housing block's list of residents who can meet there as neighbours.
void join_block_roster(Ties& T, std::int32_t r, std::int32_t block);
void leave_block_roster(Ties& T, std::int32_t r, std::int32_t block);  // r lives in `block`

// Lays out the blocks of `vertices` residents from the tie records of the start, which must be
// sorted by lower end, then upper end, with end_a < end_b < vertices: each block exactly full, the
// blocks in resident order; block v lists its lower neighbours, then its higher ones, each in tie
// order. The result does not depend on `threads`.
void lay_out_tie_blocks(Ties& T, std::uint32_t vertices, int threads);

}  // namespace kyosei
