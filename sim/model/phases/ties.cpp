// Tie dynamics (docs/ODD.md §7 "Tie dynamics and isolation"): active outside ties decay to dormant,
// dormant ones are renewed; withdrawal and old age speed decay and slow renewal. Each flip is an
// event drawn from the tie's current hazard, so a quiet tie costs nothing on the days between.
#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <omp.h>

#include "model/context.hpp"
#include "model/events.hpp"
#include "model/phases.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"
#include "model/phases/tie_formation.hpp"
#include "model/tie_store.hpp"
#include "engine/schedule_in_order.hpp"

namespace kyosei {
namespace {

// A day's flips are random accesses into the ties and residents: each loop asks for the memory
// of the flips this many events ahead (the tie record twice as far, its ends' fields after it).
constexpr std::int64_t kPrefetchDistance = 8;
// Fewer flips than this in a day (with the redraws, in phase_ties) are done, and their waits
// drawn, on one thread: a parallel region costs more. A helper asleep between regions
// (OMP_WAIT_POLICY=passive) takes a while to start, so drawing beside the earlier phases gains only
// where those take longer (measured in docs/performance.md, "Waits of the flips drawn beside the
// earlier phases").
constexpr std::int64_t kParallelFlips = 512;

// Days lived at 75, the old age that slows a tie: compared instead of dividing for the age at
// each end of each flip (days_to_age gives the same answer as age() >= 75).
const Day kOldAgeDays = days_to_age(75);

double end_factor(const Context& ctx, const State& st, std::int32_t r) {
  const Scenario::Ties& P = ctx.scenario.ties;
  double f = 1.0;
  if (st.residents.has(r, kWithdrawn)) f *= P.withdrawn_factor;
  if (st.residents.days_lived(r, st.today) >= kOldAgeDays) f *= P.old_age_factor;
  return f;
}

// Asks for the residents' fields that a flip reads (tie_rates) and writes.
void prefetch_end(const State& st, std::int32_t r) { __builtin_prefetch(&st.residents.core[r], 1); }

// The wait to a tie's flip at rate 1, drawn on `day` for the tie's `version`.
double unit_flip_wait(const Context& ctx, std::uint32_t tie, Day day, std::uint32_t version) {
  return ctx.draws(Process::tie_flip, tie, day, version).exponential(1.0);
}

// Day of the tie's next flip from its current status and rates after the wait `unit_wait` at
// rate 1; kNever when the status has no hazard. Reads the State only.
Day flip_day_after(const State& st, std::uint32_t tie, const TieRates& rates, double unit_wait) {
  const double rate = st.ties.records[tie].status() == kActive ? rates.decay : rates.renewal;
  if (rate <= 0) return kNever;
  return event_day(st.today, unit_wait / rate * kDaysPerYear);  // exactly exponential(rate)
}

// The same with the wait drawn for `version`.
Day flip_day(const Context& ctx, const State& st, std::uint32_t tie, const TieRates& rates, std::uint32_t version) {
  return flip_day_after(st, tie, rates, unit_flip_wait(ctx, tie, st.today, version));
}

// Outside ties and the isolation totals once every tie has its start status: counted per
// resident and per household (an order-free sum, so in parallel) instead of one flip at a time.
void count_start_ties(const Context& ctx, State& st) {
  Residents& R = st.residents;
  const auto n = static_cast<std::int64_t>(st.ties.blocks.size());
  std::int64_t connected_eligible = 0, connected_households = 0;
#pragma omp parallel num_threads(ctx.threads)
  {
#pragma omp for schedule(static) reduction(+ : connected_eligible)
    for (std::int64_t r = 0; r < n; ++r) {
      std::int32_t active = 0;
      for_each_tie(st, static_cast<std::int32_t>(r),
                   [&](std::uint32_t tie, std::int32_t) { active += st.ties.records[tie].status() == kActive; });
      if (active > 0 && R.core[r].outside_ties == 0 && isolation_eligible(ctx, st, static_cast<std::int32_t>(r)))
        ++connected_eligible;
      R.core[r].outside_ties += active;
    }
#pragma omp for schedule(static) reduction(+ : connected_households)
    for (std::int64_t h = 0; h < static_cast<std::int64_t>(st.households.size()); ++h) {
      std::int32_t connected = 0;
      for_each_member(st, static_cast<std::int32_t>(h),
                      [&](std::int32_t m) { connected += R.core[m].outside_ties > 0; });
      if (connected > 0 && st.households.connected[h] == 0 && st.households.members[h] > 0) ++connected_households;
      st.households.connected[h] = connected;
    }
  }
  st.totals.isolated_eligible -= connected_eligible;
  st.totals.isolated_households -= connected_households;
}

// A tie's next flip, kept by the thread that drew it until the calendar takes it.
struct NextFlip {
  Day day;
  TieFlip flip;
};

}  // namespace

TieRates tie_rates(const Context& ctx, const State& st, std::uint32_t tie) {
  const Scenario::Ties& P = ctx.scenario.ties;
  const Tie& t = st.ties.records[tie];
  const double factor = end_factor(ctx, st, t.end_a) * end_factor(ctx, st, t.end_b);
  // Renewal balances decay at the target active share for residents without factors; a
  // community place renews its attendees' ties faster.
  double renewal = P.decay_rate * P.active_share / (1 - P.active_share) / factor;
  for (std::int32_t end : {t.end_a, t.end_b})
    if (st.residents.core[end].place >= 0) renewal *= ctx.scenario.community.renewal_factor;
  return {P.decay_rate * factor, renewal};
}

void redraw_tie_flip(State& st, std::uint32_t tie) {
  Tie& t = st.ties.records[tie];
  if (t.status() != kGone) st.ties.redraws.push_back({tie, t.advance()});
}

void start_ties(const Context& ctx, State& st) {
  // Each tie starts in its balance between decay and renewal and draws its first flip from the
  // same rates. Its draws are its own, so ties are drawn in parallel, then counted at their ends
  // and scheduled in tie order.
  Ties& T = st.ties;
  const auto m = static_cast<std::int64_t>(T.size());
  const std::unique_ptr<Day[]> day(new Day[static_cast<std::size_t>(m)]);  // each written below, by its thread
#pragma omp parallel for num_threads(ctx.threads) schedule(static)
  for (std::int64_t i = 0; i < m; ++i) {
    // The lower ends come in order; the upper ones lie anywhere in a block, a district window or
    // beyond.
    if (i + kPrefetchDistance < m) prefetch_end(st, T.records[i + kPrefetchDistance].end_b);
    const auto tie = static_cast<std::uint32_t>(i);
    const TieRates rates = tie_rates(ctx, st, tie);
    Draws d = ctx.draws(Process::tie_activity, tie, 0);
    if (d.bernoulli(rates.renewal / (rates.renewal + rates.decay))) T.records[i].set_status(kActive);
    day[i] = flip_day(ctx, st, tie, rates, T.records[i].advance());
  }
  count_start_ties(ctx, st);
  schedule_in_order(st.calendars.ties, m, ctx.threads, [&](std::int64_t i, const auto& emit) {
    if (day[i] != kNever) emit(day[i], TieFlip{static_cast<std::int32_t>(i), T.records[i].version()});
  });
}

void redraw_ties_of(State& st, std::int32_t r) {
  for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t) { redraw_tie_flip(st, tie); });
}

namespace {

// The tie between r and `other` is gone: counted as ended, out of the other's block (the caller
// takes it out of r's), its record free; the other end may replace it.
void end_tie(const Context& ctx, State& st, std::int32_t r, std::uint32_t tie, std::int32_t other) {
  Ties& T = st.ties;
  const Tie t = T.records[tie];
  if (t.status() == kActive) {
    change_outside_ties(ctx, st, r, -1);
    change_outside_ties(ctx, st, other, -1);
  }
  ++st.counters.ties_ended[static_cast<int>(t.kind())][static_cast<int>(t.origin())];
  erase_tie_slot(T, other, tie);
  free_tie_record(T, tie);
  replace_lost_tie(ctx, st, other, t.kind(), tie);
}

}  // namespace

void remove_ties_of(const Context& ctx, State& st, std::int32_t r) {
  Ties& T = st.ties;
  if (static_cast<std::size_t>(r) >= T.blocks.size()) return;
  const TieBlock b = T.blocks[r];
  // Each tie's record, the other end's core record, presence, household, owed meetings and block
  // header, then the other end's slots and household, all asked for before any is used: their
  // loads from far apart overlap (as in for_each_tie).
  for (std::uint32_t i = b.first; i < b.first + b.count; ++i) {
    const auto other = static_cast<std::size_t>(T.arena[i].other);
    __builtin_prefetch(&T.records[T.arena[i].tie]);
    __builtin_prefetch(&st.residents.core[other]);
    __builtin_prefetch(&st.residents.death_day[other]);
    __builtin_prefetch(&st.residents.household[other]);
    __builtin_prefetch(&T.owed[other * kTieKindCount]);
    __builtin_prefetch(&T.blocks[other]);
  }
  for (std::uint32_t i = b.first; i < b.first + b.count; ++i) {
    const auto other = static_cast<std::size_t>(T.arena[i].other);
    __builtin_prefetch(&T.arena[T.blocks[other].first]);
    __builtin_prefetch(&st.households.connected[st.residents.household[other]]);
  }
  for (std::uint32_t i = b.first; i < b.first + b.count; ++i) end_tie(ctx, st, r, T.arena[i].tie, T.arena[i].other);
  release_tie_block(T, r);
  leave_block_roster(T, r, st.households.block[st.residents.household[r]]);
}

void end_ties_on_move(const Context& ctx, State& st, std::int32_t r, std::int32_t household) {
  Ties& T = st.ties;
  const bool new_block = st.households.block[household] != st.households.block[st.residents.household[r]];
  const TieBlock b = T.blocks[r];
  for (std::uint32_t i = b.first; i < b.first + b.count; ++i) {  // what deciding reads, asked for at once
    __builtin_prefetch(&T.records[T.arena[i].tie]);
    __builtin_prefetch(&st.residents.household[T.arena[i].other]);
  }
  for (std::uint32_t i = b.first + b.count; i-- > b.first;) {  // from the end: erasing moves the later slots
    const auto [tie, other] = T.arena[i];
    const bool neighbour = T.records[tie].kind() == TieKind::neighbour;
    if (!(neighbour && new_block) && st.residents.household[other] != household) continue;
    end_tie(ctx, st, r, tie, other);
    erase_tie_slot(T, r, tie);
  }
  leave_block_roster(T, r, st.households.block[st.residents.household[r]]);
}

std::vector<double> draw_flip_waits(const Context& ctx, const State& st, const std::function<void()>& earlier) {
  const Day today = st.today;
  const std::vector<TieFlip>& bucket = st.calendars.ties.buckets()[static_cast<std::size_t>(today)];
  const auto n = static_cast<std::int64_t>(bucket.size());
  std::vector<double> waits(static_cast<std::size_t>(n));  // by the calling thread (schedule_in_order.hpp)
  // Each flip's next version is its event's plus one (phase_ties). The helpers read the bucket
  // alone, which the earlier phases leave as it is: they list redraws and schedule no flips.
  const auto draw = [&](std::int64_t lo, std::int64_t hi) {
    for (std::int64_t i = lo; i < hi; ++i)
      waits[i] = unit_flip_wait(ctx, static_cast<std::uint32_t>(bucket[i].id), today, Tie::next(bucket[i].version));
  };
  int helpers = 0;
  std::exception_ptr failure;  // an exception may not leave a parallel region
#pragma omp parallel num_threads(n >= kParallelFlips ? ctx.threads : 1)
  {
    const int team = omp_get_thread_num(), teams = omp_get_num_threads();
    if (team == 0) {
      helpers = teams - 1;
      try {
        earlier();
      } catch (...) {
        failure = std::current_exception();
      }
    } else {
      draw(n * (team - 1) / (teams - 1), n * team / (teams - 1));
    }
  }
  if (failure) std::rethrow_exception(failure);
  if (helpers == 0) draw(0, n);  // one thread, or a team of one inside another parallel region
  return waits;
}

namespace {

// The flips of bucket[lo, hi), their ends' counters and their next draws into `next`, the totals'
// changes into `change`. Concurrent with other ranges of the same bucket: a tie has one current
// event at most, and the stale events it may share the bucket with match neither its old version
// nor its new one; the counters of the ends are then changed atomically.
template <bool kConcurrent>
void flip_range(const Context& ctx, State& st, const std::vector<TieFlip>& bucket, const std::vector<double>& waits,
                std::int64_t lo, std::int64_t hi, std::vector<NextFlip>& next, IsolationChange& change) {
  Ties& T = st.ties;
  next.reserve(static_cast<std::size_t>(hi - lo));
  for (std::int64_t i = lo; i < hi; ++i) {
    if (i + 2 * kPrefetchDistance < hi) __builtin_prefetch(&T.records[bucket[i + 2 * kPrefetchDistance].id]);
    if (i + kPrefetchDistance < hi) {
      const Tie& ahead = T.records[bucket[i + kPrefetchDistance].id];
      prefetch_end(st, ahead.end_a);
      prefetch_end(st, ahead.end_b);
    }
    const TieFlip& ev = bucket[i];
    const auto tie = static_cast<std::uint32_t>(ev.id);
    Tie& t = T.records[tie];
    std::atomic_ref<std::uint32_t> word(t.word);
    const std::uint32_t was = word.load(std::memory_order_relaxed);
    if (ev.version != Tie::version_of(was)) continue;
    const bool activates = Tie::status_of(was) != kActive;
    word.store(Tie::with(was, activates ? kActive : kDormant, Tie::next(ev.version)), std::memory_order_relaxed);
    for (std::int32_t end : {t.end_a, t.end_b}) {
      const IsolationChange c = change_outside_ties_counted<kConcurrent>(ctx, st, end, activates ? 1 : -1);
      change.isolated_eligible += c.isolated_eligible;
      change.isolated_households += c.isolated_households;
    }
    const Day day = flip_day_after(st, tie, tie_rates(ctx, st, tie), waits[i]);
    if (day != kNever) next.push_back({day, {ev.id, Tie::next(ev.version)}});
  }
}

// The next flips of the day's redraws whose version is still the tie's (a later change or a
// death, which raises it too, superseded the others). Concurrent with the flips: the day's events
// of these ties are stale, so no flip writes them.
std::vector<NextFlip> redraw(const Context& ctx, const State& st) {
  const std::vector<TieRedraw>& redraws = st.ties.redraws;
  const auto n = static_cast<std::int64_t>(redraws.size());
  std::vector<NextFlip> next;
  next.reserve(redraws.size());
  for (std::int64_t i = 0; i < n; ++i) {
    // As in flip_range: the records ahead, and the ends of the ones nearer.
    if (i + 2 * kPrefetchDistance < n) __builtin_prefetch(&st.ties.records[redraws[i + 2 * kPrefetchDistance].tie]);
    if (i + kPrefetchDistance < n) {
      const Tie& ahead = st.ties.records[redraws[i + kPrefetchDistance].tie];
      __builtin_prefetch(&st.residents.core[ahead.end_a]);
      __builtin_prefetch(&st.residents.core[ahead.end_b]);
    }
    const auto [tie, version] = redraws[i];
    if (st.ties.records[tie].version() != version) continue;
    const Day day = flip_day(ctx, st, tie, tie_rates(ctx, st, tie), version);
    if (day != kNever) next.push_back({day, {static_cast<std::int32_t>(tie), version}});
  }
  return next;
}

// Schedules the flips in their order, asking for the ends of the buckets of those a few ahead: a
// flip's day is anywhere in the next years, its bucket's end a miss each.
void schedule_all(FlipCalendar& calendar, const std::vector<NextFlip>& flips) {
  const auto n = static_cast<std::int64_t>(flips.size());
  for (std::int64_t i = 0; i < n; ++i) {
    if (i + kPrefetchDistance < n) calendar.prefetch(flips[i + kPrefetchDistance].day);
    calendar.schedule(flips[i].day, flips[i].flip);
  }
}

}  // namespace

void phase_ties(const Context& ctx, State& st, const std::vector<double>& waits) {
  FlipCalendar& calendar = st.calendars.ties;
  const std::vector<TieFlip>& bucket = calendar.bucket(st.today);
  const auto n = static_cast<std::int64_t>(bucket.size()), m = static_cast<std::int64_t>(st.ties.redraws.size());
  const int threads = n + m >= kParallelFlips ? ctx.threads : 1;
  std::vector<NextFlip> redrawn;
  std::vector<std::vector<NextFlip>> next(static_cast<std::size_t>(threads));
  std::int64_t isolated_eligible = 0, isolated_households = 0;
  // The threads flip their parts of the bucket, and one draws the redraws. The draws read the
  // residents' conditions, ages and places, which flips do not change. Tie flips leave detection
  // alone: its bound counts every potential tie (episodes.cpp).
#pragma omp parallel num_threads(threads) reduction(+ : isolated_eligible, isolated_households)
  {
    const int teams = omp_get_num_threads(), team = omp_get_thread_num();
    // The calling thread draws the redraws: it changed those ties today, so their records are in
    // its caches (another core fetches them from it, slower than from memory on the development
    // VM), and flips fewer of the bucket's ties by as many.
    const std::int64_t share = (n + m) / teams, first = std::clamp<std::int64_t>(share - m, 0, n);
    if (team == 0) redrawn = redraw(ctx, st);
    const std::int64_t lo = team == 0 ? 0 : first + (n - first) * (team - 1) / (teams - 1);
    const std::int64_t hi = team == 0 ? first : first + (n - first) * team / (teams - 1);
    std::vector<NextFlip>& mine = next[static_cast<std::size_t>(team)];
    IsolationChange change;
    if (teams > 1)
      flip_range<true>(ctx, st, bucket, waits, lo, hi, mine, change);
    else
      flip_range<false>(ctx, st, bucket, waits, lo, hi, mine, change);
    isolated_eligible += change.isolated_eligible;
    isolated_households += change.isolated_households;
  }
  // The redrawn flips in the order of the changes, then the next flips in bucket order, by one
  // thread: the calendar's buckets then grow in one thread's heap, where the ones released later
  // are found again (grown by several threads, the run's peak memory rose by 8 bytes a resident).
  schedule_all(calendar, redrawn);
  for (const std::vector<NextFlip>& part : next) schedule_all(calendar, part);
  st.ties.redraws.clear();
  st.totals.isolated_eligible += isolated_eligible;
  st.totals.isolated_households += isolated_households;
  calendar.release(st.today);
}

}  // namespace kyosei
