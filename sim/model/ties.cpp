// The tie graph (docs/ODD.md §2 "Ties"): potential neighbour ties within a block and friendship
// ties in a small world (mostly within a window of nearby blocks of the district, some shortcuts
// anywhere), each resident's number of ties scaled by sociability. Stored in the tie store
// (tie_store.hpp), each resident's block laid out exactly full.
#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <omp.h>

#include "model/construction.hpp"
#include "model/context.hpp"
#include "engine/large_pages.hpp"
#include "engine/prefix_search.hpp"
#include "model/tie_store.hpp"

namespace kyosei {
namespace {

// Friendship partners stay within this many residents of each other unless they take a
// shortcut: about a dozen blocks, the walking distance of a daily-life area.
constexpr std::int32_t kFriendWindow = 2000;

// A candidate tie's upper end and kind in one word that sorts by upper end, then kind (a
// neighbour first). Resident indices are below 2^31, so the end fits beside the kind's bit.
struct Partner {
  std::uint32_t key;
  static Partner of(std::int32_t end, TieKind kind) {
    return {static_cast<std::uint32_t>(end) << 1 | static_cast<std::uint32_t>(kind)};
  }
  std::int32_t end() const { return static_cast<std::int32_t>(key >> 1); }
  TieKind kind() const { return static_cast<TieKind>(key & 1); }
  bool operator<(Partner o) const { return key < o.key; }
};

// A candidate as drawn: its lower end, and its partner there.
struct Candidate {
  std::int32_t a;
  Partner partner;
};

// Contiguous index ranges of residents per block and per district (generation is sequential).
struct Ranges {
  std::vector<std::int32_t> block_start, district_start;
};

Ranges resident_ranges(const State& st) {
  Ranges r;
  const auto blocks = static_cast<std::int32_t>(st.block_district.size());
  r.block_start.assign(blocks + 1, static_cast<std::int32_t>(st.residents.size()));
  r.district_start.assign(st.districts + 1, static_cast<std::int32_t>(st.residents.size()));
  for (std::int32_t i = static_cast<std::int32_t>(st.residents.size()) - 1; i >= 0; --i) {
    const std::int32_t b = st.households.block[st.residents.household[i]];
    r.block_start[b] = i;
    r.district_start[st.block_district[b]] = i;
  }
  return r;
}

void add_candidate(std::vector<Candidate>& out, const State& st, std::int32_t r, std::int32_t p, TieKind kind) {
  if (p == r || st.residents.household[p] == st.residents.household[r]) return;
  out.push_back({std::min(r, p), Partner::of(std::max(r, p), kind)});
}

// First of `count` items in the chunk c of `chunks` equal contiguous chunks.
std::int64_t chunk_start(std::int64_t count, int chunks, int c) { return count * c / chunks; }

// Counts per part and key become the positions each part writes from, in an array ordered by
// key and within a key by part (the order one pass over the parts in turn would give), so the
// parts can be scattered in parallel. key_start[k] receives the first position of key k and
// key_start[keys] the total. The keys are split into chunks summed in parallel.
void counts_to_positions(std::vector<std::vector<std::uint32_t>>& counts, std::int64_t keys, int threads,
                         std::vector<std::uint32_t>& key_start) {
  key_start.resize(static_cast<std::size_t>(keys) + 1);
  std::vector<std::uint32_t> chunk_first(static_cast<std::size_t>(threads) + 1, 0);
#pragma omp parallel num_threads(threads)
  {
#pragma omp for schedule(static)
    for (int c = 0; c < threads; ++c) {
      std::uint32_t sum = 0;
      for (std::int64_t k = chunk_start(keys, threads, c); k < chunk_start(keys, threads, c + 1); ++k)
        for (const auto& part : counts) sum += part[k];
      chunk_first[c + 1] = sum;
    }
#pragma omp single
    for (int c = 0; c < threads; ++c) chunk_first[c + 1] += chunk_first[c];
#pragma omp for schedule(static)
    for (int c = 0; c < threads; ++c) {
      std::uint32_t next = chunk_first[c];
      for (std::int64_t k = chunk_start(keys, threads, c); k < chunk_start(keys, threads, c + 1); ++k) {
        key_start[k] = next;
        for (auto& part : counts) {
          const std::uint32_t count = part[k];
          part[k] = next;
          next += count;
        }
      }
    }
  }
  key_start[keys] = chunk_first[threads];
}

// Candidates grouped by their lower end: group a, the partners of a, is [start[a], start[a + 1]),
// sorted.
struct Grouped {
  std::unique_ptr<Partner[]> partners;  // not zeroed: the threads that fill it touch it first
  std::vector<std::uint32_t> start;
};

Grouped draw_candidates(const Context& ctx, const State& st) {
  const Scenario::Ties& T = ctx.scenario.ties;
  const auto n = static_cast<std::int32_t>(st.residents.size());
  const int threads = std::max(1, ctx.threads);
  const Ranges ranges = resident_ranges(st);
  const GuidedPrefixSums by_sociability(st.residents.sociability);

  std::vector<std::vector<Candidate>> per_thread(threads);
  // The longest stretch of construction: the first thread asks whether to stop every
  // kStopCheckEvery residents of its share, and then every thread skips the rest of its own.
  std::atomic<bool> stopping{false};
#pragma omp parallel num_threads(threads)
  {
    std::vector<Candidate>& out = per_thread[omp_get_thread_num()];
    // About half of each resident's expected ties are drawn by it (the rest by their other ends).
    out.reserve(static_cast<std::size_t>(1.1 * n * (T.neighbours_per_resident + T.friends_per_resident) / 2 /
                                         omp_get_num_threads()));
#pragma omp for schedule(static)
    for (std::int32_t r = 0; r < n; ++r) {
      if (r % Context::kStopCheckEvery == 0 && omp_get_thread_num() == 0 && ctx.stop_requested()) stopping = true;
      if (stopping.load(std::memory_order_relaxed)) continue;
      const double social = st.residents.sociability[r];
      const std::int32_t block = st.households.block[st.residents.household[r]];
      const std::int32_t district = st.block_district[block];
      // Each tie has two ends, so a resident draws half its expected ties itself.
      Draws nd = ctx.draws(Process::neighbour_ties, static_cast<std::uint32_t>(r), 0);
      const std::uint32_t neighbours = nd.poisson(T.neighbours_per_resident * social / 2);
      for (std::uint32_t k = 0; k < neighbours; ++k)
        add_candidate(out, st, r,
                      by_sociability.pick(ranges.block_start[block], ranges.block_start[block + 1], nd.uniform()),
                      TieKind::neighbour);
      Draws fd = ctx.draws(Process::friend_ties, static_cast<std::uint32_t>(r), 0);
      const std::uint32_t friends = fd.poisson(T.friends_per_resident * social / 2);
      for (std::uint32_t k = 0; k < friends; ++k) {
        std::int32_t lo = 0, hi = n;
        if (!fd.bernoulli(T.friend_outside_district)) {
          lo = std::max(ranges.district_start[district], r - kFriendWindow);
          hi = std::min(ranges.district_start[district + 1], r + kFriendWindow + 1);
        }
        add_candidate(out, st, r, by_sociability.pick(lo, hi, fd.uniform()), TieKind::friendship);
      }
    }
  }
  if (stopping) Context::abandon_build();
  ctx.stop_if_asked();  // between the sub-steps too: the ties are the longest step (RunOptions::stop)
  // Grouped by the lower end with a parallel counting sort, then each short group sorted: the
  // result does not depend on the thread count.
  Grouped g;
  {
    std::vector<std::vector<std::uint32_t>> slot(per_thread.size());
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::size_t p = 0; p < per_thread.size(); ++p) {
      slot[p].assign(n, 0);
      for (const Candidate& c : per_thread[p]) ++slot[p][c.a];
    }
    counts_to_positions(slot, n, threads, g.start);
    ctx.stop_if_asked();
    g.partners.reset(new Partner[g.start[n]]);
#pragma omp parallel for num_threads(threads) schedule(static)
    for (std::size_t p = 0; p < per_thread.size(); ++p) {
      for (const Candidate& c : per_thread[p]) g.partners[slot[p][c.a]++] = c.partner;
      std::vector<Candidate>().swap(per_thread[p]);
    }
  }
#pragma omp parallel for num_threads(threads) schedule(static)
  for (std::int32_t a = 0; a < n; ++a) std::sort(&g.partners[g.start[a]], &g.partners[g.start[a + 1]]);
  return g;
}

// The distinct pairs of a group, in order: a pair drawn twice (or both as neighbours and
// friends) is one tie, a neighbour tie if either draw was (the group sorts it first).
template <class Visit>
void for_each_distinct(const Grouped& g, std::int32_t a, const Visit& visit) {
  for (std::uint32_t j = g.start[a]; j < g.start[a + 1]; ++j)
    if (j == g.start[a] || g.partners[j].end() != g.partners[j - 1].end()) visit(g.partners[j]);
}

}  // namespace

void lay_out_tie_blocks(Ties& T, std::uint32_t vertices, int threads) {
  threads = std::max(1, threads);
  const auto n = static_cast<std::int64_t>(vertices);
  const std::size_t m = T.records.size();
  // Chunk c holds the ties whose lower end is in chunk c of the vertices: the records are sorted
  // by lower end, so each chunk is a run of them.
  std::vector<std::uint32_t> first_tie(threads + 1, static_cast<std::uint32_t>(m));
  for (int c = 0; c < threads; ++c)
    first_tie[c] =
        static_cast<std::uint32_t>(std::lower_bound(T.records.begin(), T.records.end(), chunk_start(n, threads, c),
                                                    [](const Tie& t, std::int64_t end) { return t.end_a < end; }) -
                                   T.records.begin());
  // Room for half as many slots again as the start's, reserved but not touched (so not resident
  // until used): the blocks that grow and the newcomers' find it, and the arena does not move to a
  // larger copy, which would hold both at the run's peak (docs/performance.md, "Speed and memory
  // of issue 19").
  std::vector<TieSlot>().swap(T.arena);
  reserve_on_large_pages(T.arena, 3 * m);
  T.arena.resize(2 * m);
  // slots[c][v], for chunk c, counts then places the slots of v from a lower end in that chunk;
  // slots[threads][v] those of v to a higher end (each chunk counts those of its own vertices).
  std::vector<std::vector<std::uint32_t>> slots(threads + 1);
  slots[threads].resize(n);
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int c = 0; c < threads; ++c) {
    slots[c].assign(n, 0);
    for (std::uint32_t i = first_tie[c]; i < first_tie[c + 1]; ++i) {
      ++slots[c][T.records[i].end_b];
      ++slots[threads][T.records[i].end_a];
    }
  }
  std::vector<std::uint32_t> first;
  counts_to_positions(slots, n, threads, first);
  T.blocks.assign(n, TieBlock{});
  bool fits = true;
#pragma omp parallel for num_threads(threads) schedule(static) reduction(&& : fits)
  for (std::int64_t v = 0; v < n; ++v) {
    const std::uint32_t count = first[v + 1] - first[v];
    fits = fits && count <= UINT16_MAX;
    T.blocks[v] = {first[v], static_cast<std::uint16_t>(count), static_cast<std::uint16_t>(count)};
  }
  if (!fits) throw std::length_error("a resident has more ties than a tie block holds");
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int c = 0; c < threads; ++c)
    for (std::uint32_t i = first_tie[c]; i < first_tie[c + 1]; ++i) {
      const Tie& t = T.records[i];
      T.arena[slots[threads][t.end_a]++] = {i, t.end_b};
      T.arena[slots[c][t.end_b]++] = {i, t.end_a};
    }
  T.free_blocks.assign(16, {});
  T.free_records.clear();
}

void build_ties(const Context& ctx, State& st) {
  Grouped g = draw_candidates(ctx, st);
  ctx.stop_if_asked();
  Ties& T = st.ties;
  const auto n = static_cast<std::int64_t>(st.residents.size());
  const int threads = std::max(1, ctx.threads);
  // Ties numbered in order of (lower end, upper end), each chunk of lower ends in parallel.
  std::vector<std::uint32_t> first_tie(threads + 1, 0);
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int c = 0; c < threads; ++c) {
    std::uint32_t count = 0;
    for (std::int64_t a = chunk_start(n, threads, c); a < chunk_start(n, threads, c + 1); ++a)
      for_each_distinct(g, static_cast<std::int32_t>(a), [&](Partner) { ++count; });
    first_tie[c + 1] = count;
  }
  for (int c = 0; c < threads; ++c) first_tie[c + 1] += first_tie[c];
  const std::size_t m = first_tie[threads];
  reserve_on_large_pages(T.records, m);
  T.records.resize(m);
#pragma omp parallel for num_threads(threads) schedule(static)
  for (int c = 0; c < threads; ++c) {
    std::uint32_t i = first_tie[c];
    for (std::int64_t a = chunk_start(n, threads, c); a < chunk_start(n, threads, c + 1); ++a)
      for_each_distinct(g, static_cast<std::int32_t>(a), [&](Partner x) {
        T.records[i++] = Tie::make(static_cast<std::int32_t>(a), x.end(), 0, x.kind(), kDormant, TieOrigin::start);
      });
  }
  g = Grouped{};
  ctx.stop_if_asked();
  lay_out_tie_blocks(T, static_cast<std::uint32_t>(n), threads);
  // Every resident present meets its housing block's neighbours; none is forming ties yet.
  T.owed.assign(static_cast<std::size_t>(n) * kTieKindCount, 0);
  T.block_position.assign(static_cast<std::size_t>(n), -1);
  T.block_residents.assign(st.block_district.size(), {});
  for (std::int32_t r = 0; r < n; ++r) join_block_roster(T, r, st.households.block[st.residents.household[r]]);
}

}  // namespace kyosei
