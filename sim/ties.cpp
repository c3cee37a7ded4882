// The tie graph (MODEL.md §2 "Ties"): potential neighbour ties within a block and friendship ties
// in a small world (mostly within a window of nearby blocks of the district, some shortcuts
// anywhere), each resident's number of ties scaled by sociability. Stored as a Boost.Graph
// compressed sparse row graph with one arc each way per undirected tie.
#include <algorithm>
#include <omp.h>

#include "engine.hpp"

namespace kyosei {
namespace {

// Friendship partners stay within this many residents of each other unless they take a
// shortcut: about a dozen blocks, the walking distance of a daily-life area.
constexpr std::int32_t kFriendWindow = 2000;

struct Candidate {
  std::int32_t a, b;  // a < b
  TieKind kind;
  bool operator<(const Candidate& o) const {
    return a != o.a ? a < o.a : b != o.b ? b < o.b : kind < o.kind;
  }
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

// A partner in [lo, hi) chosen in proportion to sociability (prefix sums `cum`).
std::int32_t partner_in(const std::vector<double>& cum, std::int32_t lo, std::int32_t hi, Draws& d) {
  const double x = cum[lo] + d.uniform() * (cum[hi] - cum[lo]);
  const auto it = std::upper_bound(cum.begin() + lo + 1, cum.begin() + hi + 1, x);
  return static_cast<std::int32_t>(it - cum.begin()) - 1;
}

void add_candidate(std::vector<Candidate>& out, const State& st, std::int32_t r, std::int32_t p,
                   TieKind kind) {
  if (p == r || st.residents.household[p] == st.residents.household[r]) return;
  out.push_back({std::min(r, p), std::max(r, p), kind});
}

std::vector<Candidate> draw_candidates(const Context& ctx, const State& st) {
  const Scenario::Ties& T = ctx.scenario.ties;
  const auto n = static_cast<std::int32_t>(st.residents.size());
  const Ranges ranges = resident_ranges(st);
  std::vector<double> cum(n + 1, 0.0);
  for (std::int32_t i = 0; i < n; ++i) cum[i + 1] = cum[i] + st.residents.sociability[i];

  std::vector<std::vector<Candidate>> per_thread(std::max(1, ctx.threads));
#pragma omp parallel num_threads(static_cast<int>(per_thread.size()))
  {
    std::vector<Candidate>& out = per_thread[omp_get_thread_num()];
    // About half of each resident's expected ties are drawn by it (the rest by their other ends).
    out.reserve(static_cast<std::size_t>(1.1 * n * (T.neighbours_per_resident + T.friends_per_resident) / 2 /
                                         omp_get_num_threads()));
#pragma omp for schedule(static)
    for (std::int32_t r = 0; r < n; ++r) {
      const double social = st.residents.sociability[r];
      const std::int32_t block = st.households.block[st.residents.household[r]];
      const std::int32_t district = st.block_district[block];
      // Each tie has two ends, so a resident draws half its expected ties itself.
      Draws nd = ctx.draws(Process::neighbour_ties, static_cast<std::uint32_t>(r), 0);
      const std::uint32_t neighbours = nd.poisson(T.neighbours_per_resident * social / 2);
      for (std::uint32_t k = 0; k < neighbours; ++k)
        add_candidate(out, st, r,
                      partner_in(cum, ranges.block_start[block], ranges.block_start[block + 1], nd),
                      TieKind::neighbour);
      Draws fd = ctx.draws(Process::friend_ties, static_cast<std::uint32_t>(r), 0);
      const std::uint32_t friends = fd.poisson(T.friends_per_resident * social / 2);
      for (std::uint32_t k = 0; k < friends; ++k) {
        std::int32_t lo = 0, hi = n;
        if (!fd.bernoulli(T.friend_outside_district)) {
          lo = std::max(ranges.district_start[district], r - kFriendWindow);
          hi = std::min(ranges.district_start[district + 1], r + kFriendWindow + 1);
        }
        add_candidate(out, st, r, partner_in(cum, lo, hi, fd), TieKind::friendship);
      }
    }
  }
  // Sorting makes the result independent of the thread count: grouped by the lower end with a
  // counting sort, then each short group sorted, in linear time. A pair drawn twice (or both as
  // neighbours and friends) is one tie, a neighbour tie if either draw was.
  std::vector<std::uint32_t> group(static_cast<std::size_t>(n) + 1, 0);
  for (const auto& part : per_thread)
    for (const Candidate& c : part) ++group[c.a + 1];
  for (std::int32_t r = 0; r < n; ++r) group[r + 1] += group[r];
  std::vector<Candidate> all(group[n]);
  {
    std::vector<std::uint32_t> fill(group.begin(), group.end() - 1);
    for (auto& part : per_thread) {
      for (const Candidate& c : part) all[fill[c.a]++] = c;
      std::vector<Candidate>().swap(part);
    }
  }
#pragma omp parallel for num_threads(static_cast<int>(per_thread.size())) schedule(static)
  for (std::int32_t r = 0; r < n; ++r) std::sort(all.begin() + group[r], all.begin() + group[r + 1]);
  all.erase(std::unique(all.begin(), all.end(),
                        [](const Candidate& x, const Candidate& y) { return x.a == y.a && x.b == y.b; }),
            all.end());
  return all;
}

}  // namespace

void build_ties(const Context& ctx, State& st) {
  const std::vector<Candidate> ties = draw_candidates(ctx, st);
  Ties& T = st.ties;
  const std::size_t m = ties.size();
  const std::size_t n = st.residents.size();
  // The compressed sparse row arrays are filled in place (Boost.Graph's constructors would copy
  // an edge list of 16 bytes an arc): arcs grouped by source with a counting sort, then each
  // resident's few arcs sorted by target, the order the graph requires.
  auto& rows = T.graph.m_forward.m_rowstart;
  auto& targets = T.graph.m_forward.m_column;
  rows.assign(n + 1, 0);
  T.records.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    T.records[i] = {ties[i].a, ties[i].b, 0, ties[i].kind, kDormant};
    ++rows[ties[i].a + 1];
    ++rows[ties[i].b + 1];
  }
  for (std::size_t v = 0; v < n; ++v) rows[v + 1] += rows[v];
  targets.resize(2 * m);
  T.tie_of_arc.resize(2 * m);
  {
    std::vector<std::uint32_t> fill(rows.begin(), rows.end() - 1);
    for (std::size_t i = 0; i < m; ++i) {
      const auto id = static_cast<std::uint32_t>(i);
      const auto a = static_cast<std::uint32_t>(ties[i].a), b = static_cast<std::uint32_t>(ties[i].b);
      targets[fill[a]] = b;
      T.tie_of_arc[fill[a]++] = id;
      targets[fill[b]] = a;
      T.tie_of_arc[fill[b]++] = id;
    }
  }
#pragma omp parallel for num_threads(ctx.threads) schedule(static)
  for (std::int64_t v = 0; v < static_cast<std::int64_t>(n); ++v)
    for (std::uint32_t i = rows[v] + 1; i < rows[v + 1]; ++i)  // insertion sort: rows are short
      for (std::uint32_t j = i; j > rows[v] && targets[j - 1] > targets[j]; --j) {
        std::swap(targets[j - 1], targets[j]);
        std::swap(T.tie_of_arc[j - 1], T.tie_of_arc[j]);
      }
}

}  // namespace kyosei
