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

// A block of at least `slots` slots: reused from its class's free list, or cut from the arena's end.
// The arena grows by an eighth at a time where doubling would leave a run's peak memory to chance.
TieBlock allocate(Ties& T, std::uint32_t slots) {
  const int k = std::bit_width(std::max(1u, slots) - 1);  // 2^k >= slots
  if (k >= kSizeClasses) throw std::length_error("a resident has more ties than a tie block holds");
  if (T.free_blocks.size() < kSizeClasses) T.free_blocks.resize(kSizeClasses);
  TieBlock b;
  b.capacity = static_cast<std::uint16_t>(1u << k);
  if (auto& free = T.free_blocks[k]; !free.empty()) {
    b.first = free.back();
    free.pop_back();
    return b;
  }
  const std::size_t end = T.arena.size();
  if (end + b.capacity > T.arena.capacity()) T.arena.reserve(end + end / 8 + b.capacity);
  T.arena.resize(end + b.capacity);
  b.first = static_cast<std::uint32_t>(end);
  return b;
}

void release(Ties& T, const TieBlock& b) {
  if (b.capacity == 0) return;
  if (T.free_blocks.size() < kSizeClasses) T.free_blocks.resize(kSizeClasses);
  T.free_blocks[class_holding(b.capacity)].push_back(b.first);
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
