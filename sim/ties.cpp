// The tie graph (MODEL.md §2 "Ties"): potential neighbour ties within a block and friendship ties
// in a small world (mostly within a window of nearby blocks of the district, some shortcuts
// anywhere), each resident's number of ties scaled by sociability. Stored as a Boost.Graph
// compressed sparse row graph with one arc each way per undirected tie.
#include <algorithm>
#include <numeric>
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
  std::vector<Candidate> all;
  for (auto& part : per_thread) all.insert(all.end(), part.begin(), part.end());
  // Sorting makes the result independent of the thread count; a pair drawn twice (or both as
  // neighbours and friends) is one tie, a neighbour tie if either draw was.
  std::sort(all.begin(), all.end());
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
  T.end_a.resize(m);
  T.end_b.resize(m);
  T.kind.resize(m);
  T.status.assign(m, kDormant);
  T.version.assign(m, 0);
  // Arcs grouped by source with a counting sort (linear in the ties), then each resident's few
  // arcs sorted by target: the order the compressed sparse row graph expects.
  const std::size_t n = st.residents.size();
  std::vector<std::size_t> row_start(n + 1, 0);
  for (std::size_t i = 0; i < m; ++i) {
    T.end_a[i] = ties[i].a;
    T.end_b[i] = ties[i].b;
    T.kind[i] = ties[i].kind;
    ++row_start[ties[i].a + 1];
    ++row_start[ties[i].b + 1];
  }
  for (std::size_t v = 0; v < n; ++v) row_start[v + 1] += row_start[v];
  struct Arc {
    std::uint32_t target, tie;
    bool operator<(const Arc& o) const { return target < o.target; }
  };
  std::vector<Arc> arcs(2 * m);
  std::vector<std::size_t> fill(row_start.begin(), row_start.end() - 1);
  for (std::size_t i = 0; i < m; ++i) {
    const auto id = static_cast<std::uint32_t>(i);
    arcs[fill[ties[i].a]++] = {static_cast<std::uint32_t>(ties[i].b), id};
    arcs[fill[ties[i].b]++] = {static_cast<std::uint32_t>(ties[i].a), id};
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> endpoints(arcs.size());
  T.tie_of_arc.resize(arcs.size());
  for (std::size_t v = 0; v < n; ++v) {
    std::sort(arcs.begin() + static_cast<std::ptrdiff_t>(row_start[v]), arcs.begin() + static_cast<std::ptrdiff_t>(row_start[v + 1]));
    for (std::size_t i = row_start[v]; i < row_start[v + 1]; ++i) {
      endpoints[i] = {static_cast<std::uint32_t>(v), arcs[i].target};
      T.tie_of_arc[i] = arcs[i].tie;
    }
  }
  T.graph = Ties::Graph(boost::edges_are_sorted, endpoints.begin(), endpoints.end(),
                        static_cast<std::uint32_t>(st.residents.size()));

  // Start each tie in its balance between decay and renewal (tie_dynamics.cpp).
  for (std::size_t i = 0; i < m; ++i) {
    const TieRates rates = tie_rates(ctx, st, static_cast<std::uint32_t>(i));
    const double active = rates.renewal / (rates.renewal + rates.decay);
    Draws d = ctx.draws(Process::tie_activity, static_cast<std::uint32_t>(i), 0);
    if (!d.bernoulli(active)) continue;
    T.status[i] = kActive;
    change_outside_ties(ctx, st, T.end_a[i], +1);
    change_outside_ties(ctx, st, T.end_b[i], +1);
  }
}

}  // namespace kyosei
