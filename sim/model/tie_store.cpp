// The ties' store (tie_store.hpp): blocks of tie slots in one arena, with free lists by size class.
#include "model/tie_store.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

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
// that residents leave behind when they die, move or outgrow them.
constexpr std::size_t kCompactWhenFree = 8;

std::size_t free_slots(const Ties& T) {
  std::size_t slots = 0;
  for (std::size_t k = 0; k < T.free_blocks.size(); ++k) slots += T.free_blocks[k].size() << k;
  return slots;
}

// Slides every resident's block towards the arena's start, in the order the blocks lie, and empties
// the free lists. It depends on the store alone (never on the room reserved), so a resumed run
// compacts on the same days as the run it resumes.
void compact(Ties& T) {
  std::vector<std::pair<std::uint32_t, std::int32_t>> placed;  // (first slot, resident)
  for (std::size_t r = 0; r < T.blocks.size(); ++r)
    if (T.blocks[r].capacity > 0) placed.emplace_back(T.blocks[r].first, static_cast<std::int32_t>(r));
  std::sort(placed.begin(), placed.end());
  std::uint32_t end = 0;
  for (const auto& [first, r] : placed) {
    TieBlock& b = T.blocks[r];
    std::copy_n(T.arena.begin() + first, b.count, T.arena.begin() + end);  // leftwards: end <= first
    b.first = end;
    end += b.capacity;
  }
  T.arena.resize(end);
  for (auto& free : T.free_blocks) free.clear();
}

// A block of at least `slots` slots: reused from its class's free list, else cut from the smallest
// larger free block (the rest going back as pieces), else from the arena's end. Where a block
// lies changes no result: a resident's slots keep their order wherever its block is.
TieBlock allocate(Ties& T, std::uint32_t slots) {
  const int k = std::bit_width(std::max(1u, slots) - 1);  // 2^k >= slots
  if (k >= kSizeClasses) throw std::length_error("a resident has more ties than a tie block holds");
  if (T.free_blocks.size() < kSizeClasses) T.free_blocks.resize(kSizeClasses);
  TieBlock b;
  b.capacity = static_cast<std::uint16_t>(1u << k);
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
    // The next power of two: a block laid out exactly full at the start grows by less than double.
    TieBlock grown = allocate(T, std::max<std::uint32_t>(4, b.count + 1u));
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
  t = {std::min(a, b), std::max(a, b), t.version, kind, kDormant, origin};
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
  t.status = kGone;
  ++t.version;
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
