// The ties' store (tie_store.hpp): blocks of tie slots in one arena, with free lists by size class.
#include "model/tie_store.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <utility>

namespace kyosei {
namespace {

// Size classes 2^0 .. 2^15 slots: a block's capacity is 16 bits.
constexpr int kSizeClasses = 16;

// The class of the free list a block of `capacity` slots goes back to: the largest 2^k it holds.
int class_holding(std::uint32_t capacity) { return std::bit_width(capacity) - 1; }

// Gives `capacity` slots from `first` back to the free lists as power-of-two pieces, the largest
// first: a block laid out exactly full at the start (11 slots: 8 + 2 + 1) loses none of them.
void release_slots(Ties& T, std::uint32_t first, std::uint32_t capacity) {
  while (capacity > 0) {
    const int k = class_holding(capacity);
    T.free_blocks[k].push_back(first);
    first += 1u << k;
    capacity -= 1u << k;
  }
}

// The arena is compacted rather than grown when this fraction of it (1/8) is free: the blocks
// that residents leave behind when they die, move or outgrow them. Its pages stay resident once
// used, so the most it ever held, free pieces included, is what it adds to the run's peak; at a
// sixteenth the compactions, twice as many, cost more time than the 5 MB they saved at 1M.
constexpr std::size_t kCompactWhenFree = 8;

std::size_t free_slots(const Ties& T) {
  std::size_t slots = 0;
  for (std::size_t k = 0; k < T.free_blocks.size(); ++k) slots += T.free_blocks[k].size() << k;
  return slots;
}

// The room a block keeps when the arena is compacted: its slots and one more, so that one new tie
// does not move it at once (a block cut exactly full moved at its next tie, which had the arena
// compacted twice as often), and none for a block with no slots.
std::uint32_t kept_room(std::uint32_t count, std::uint32_t capacity) {
  return count == 0 ? 0 : std::min(capacity, count + 1);
}

// Slides every resident's block towards the arena's start, in the order the blocks lie, each cut
// to kept_room (the room that erasures and growth by a quarter left in it goes back), and
// empties the free lists. It needs no memory of its own and reads the arena in order: each piece's
// first slot is marked first, a free piece's with its size, a block's with its resident, count
// and capacity (the slot it displaces waits in the block's record), so that the walk over the
// pieces finds each next piece without a lookup. It depends on the store alone (never on the room
// reserved), so a resumed run compacts on the same days as the run it resumes.
void compact(Ties& T) {
  constexpr std::int32_t kFreePiece = 0;  // a block's mark holds its capacity, at least 1
  static_assert(sizeof(TieBlock) == sizeof(TieSlot));
  for (std::size_t k = 0; k < T.free_blocks.size(); ++k)
    for (const std::uint32_t first : T.free_blocks[k]) T.arena[first] = {1u << k, kFreePiece};
  constexpr std::size_t kAhead = 32;  // blocks whose first slots, then records, are asked for ahead
  for (std::size_t r = 0; r < T.blocks.size(); ++r) {
    if (r + kAhead < T.blocks.size() &&
        T.blocks[r + kAhead].capacity > 0)  // an empty block's place may be the arena's end
      __builtin_prefetch(&T.arena[T.blocks[r + kAhead].first], 1);
    const TieBlock b = T.blocks[r];
    if (b.capacity == 0) {
      // An empty block's place is never read, but the arena may now end before it: a checkpoint
      // checks that every block lies in the arena.
      T.blocks[r].first = 0;
      continue;
    }
    TieSlot& head = T.arena[b.first];
    T.blocks[r] = std::bit_cast<TieBlock>(head);
    head = {static_cast<std::uint32_t>(r), static_cast<std::int32_t>(std::uint32_t{b.count} << 16 | b.capacity)};
  }
  // A second cursor walks kAhead pieces in front, asking for the records of the blocks it meets.
  std::size_t ahead = 0;
  const auto step_ahead = [&] {
    if (ahead >= T.arena.size()) return;
    const TieSlot head = T.arena[ahead];
    if (head.other == kFreePiece) {
      ahead += head.tie;
    } else {
      __builtin_prefetch(&T.blocks[head.tie], 1);
      ahead += static_cast<std::uint32_t>(head.other) & 0xFFFFu;
    }
  };
  for (std::size_t i = 0; i < kAhead; ++i) step_ahead();
  std::uint32_t end = 0;
  for (std::size_t at = 0; at < T.arena.size();) {
    step_ahead();
    const TieSlot head = T.arena[at];
    const auto mark = static_cast<std::uint32_t>(head.other);
    if (mark == kFreePiece) {
      at += head.tie;
      continue;
    }
    const std::uint32_t count = mark >> 16, capacity = mark & 0xFFFFu, room = kept_room(count, capacity);
    TieBlock& b = T.blocks[head.tie];
    if (count > 0) {
      if (end < at) std::copy_n(T.arena.begin() + at + 1, count - 1, T.arena.begin() + end + 1);  // leftwards
      T.arena[end] = std::bit_cast<TieSlot>(b);
    }
    // The spare slot held a mark: a slot naming tie 0 and resident 0 instead, as the arena's new
    // slots do, so that every slot names a record and a resident (what a checkpoint checks).
    std::fill(T.arena.begin() + end + count, T.arena.begin() + end + room, TieSlot{});
    b = {room > 0 ? end : 0, static_cast<std::uint16_t>(count), static_cast<std::uint16_t>(room)};
    end += room;
    at += capacity;
  }
  T.arena.resize(end);
  for (auto& free : T.free_blocks) free.clear();
}

// A block of `slots` slots: cut from the smallest free piece that holds them (the rest going back
// as pieces), else from the arena's end. Where a block lies changes no result: a resident's slots
// keep their order wherever its block is.
TieBlock allocate(Ties& T, std::uint32_t slots) {
  const int k = std::bit_width(std::max(1u, slots) - 1);  // 2^k >= slots
  if (slots > UINT16_MAX) throw std::length_error("a resident has more ties than a tie block holds");
  if (T.free_blocks.size() < kSizeClasses) T.free_blocks.resize(kSizeClasses);
  TieBlock b;
  b.capacity = static_cast<std::uint16_t>(slots);
  for (int j = k; j < kSizeClasses; ++j) {
    auto& free = T.free_blocks[j];
    if (free.empty()) continue;
    b.first = free.back();
    free.pop_back();
    release_slots(T, b.first + b.capacity, (1u << j) - b.capacity);
    return b;
  }
  if (free_slots(T) >= T.arena.size() / kCompactWhenFree) compact(T);
  const std::size_t end = T.arena.size();
  // Past the room reserved (lay_out_tie_blocks), by an eighth: doubling would leave a run's peak
  // memory to chance.
  if (end + b.capacity > T.arena.capacity()) T.arena.reserve(end + end / 8 + b.capacity);
  T.arena.resize(end + b.capacity);
  b.first = static_cast<std::uint32_t>(end);
  return b;
}

void release(Ties& T, const TieBlock& b) {
  if (T.free_blocks.size() < kSizeClasses) T.free_blocks.resize(kSizeClasses);
  release_slots(T, b.first, b.capacity);
}

void append_slot(Ties& T, std::int32_t r, TieSlot slot) {
  TieBlock& b = T.blocks[r];
  if (b.count == b.capacity) {
    // By a quarter and one slot, four at least: growth to the next power of two left a third of
    // the arena spare (docs/performance.md, "Peak memory (branch h19mem)").
    const std::uint32_t room = std::max<std::uint32_t>(4, b.count + 1u + b.count / 4u);
    TieBlock grown = allocate(T, b.count + 1u > UINT16_MAX ? b.count + 1u : std::min<std::uint32_t>(room, UINT16_MAX));
    std::copy_n(T.arena.begin() + b.first, b.count, T.arena.begin() + grown.first);
    grown.count = b.count;
    release(T, b);
    b = grown;
  }
  T.arena[b.first + b.count++] = slot;
}

}  // namespace

void add_tie_vertex(Ties& T) {
  T.blocks.push_back({});
  T.block_position.push_back(-1);
  T.owed.insert(T.owed.end(), kTieKindCount, 0);
}

std::uint32_t insert_tie(Ties& T, std::int32_t a, std::int32_t b, TieKind kind, TieOrigin origin) {
  std::uint32_t tie;
  if (!T.free_records.empty()) {
    tie = T.free_records.back();
    T.free_records.pop_back();
  } else {
    tie = static_cast<std::uint32_t>(T.records.size());
    // By an eighth, as the arena: doubling would hold both copies at the run's peak.
    if (T.records.size() == T.records.capacity()) T.records.reserve(T.records.size() + T.records.size() / 8 + 1);
    T.records.push_back({});
  }
  Tie& t = T.records[tie];
  t = Tie::make(std::min(a, b), std::max(a, b), t.version(), kind, kDormant, origin);
  append_slot(T, a, {tie, b});
  append_slot(T, b, {tie, a});
  return tie;
}

void erase_tie_slot(Ties& T, std::int32_t r, std::uint32_t tie) {
  TieBlock& b = T.blocks[r];
  const auto first = T.arena.begin() + b.first, last = first + b.count;
  const auto at = std::find_if(first, last, [&](const TieSlot& s) { return s.tie == tie; });
  if (at == last) return;
  std::copy(at + 1, last, at);
  --b.count;
}

void free_tie_record(Ties& T, std::uint32_t tie) {
  Tie& t = T.records[tie];
  t.set_status(kGone);
  t.advance();
  T.free_records.push_back(tie);
}

void release_tie_block(Ties& T, std::int32_t r) {
  release(T, T.blocks[r]);
  T.blocks[r] = {};
}

bool tied(const Ties& T, std::int32_t a, std::int32_t b) {
  const TieBlock& blk = T.blocks[a];
  for (std::uint32_t i = blk.first; i < blk.first + blk.count; ++i)
    if (T.arena[i].other == b) return true;
  return false;
}

void join_block_roster(Ties& T, std::int32_t r, std::int32_t block) {
  if (T.block_residents.size() <= static_cast<std::size_t>(block)) T.block_residents.resize(block + 1);
  T.block_position[r] = static_cast<std::int32_t>(T.block_residents[block].size());
  T.block_residents[block].push_back(r);
}

void leave_block_roster(Ties& T, std::int32_t r, std::int32_t block) {
  const std::int32_t at = T.block_position[r];
  if (at < 0) return;
  auto& roster = T.block_residents[block];
  roster[at] = roster.back();
  T.block_position[roster[at]] = at;
  roster.pop_back();
  T.block_position[r] = -1;
}

}  // namespace kyosei
