// Tie formation (docs/ODD.md §7 "Tie formation"): a resident who arrives owes itself a Poisson number
// of potential ties of each kind with ties.arrival_share of its expected ties as mean (the start's
// mean times its sociability; the rest come from others' meetings); one who loses a tie owes one
// more with probability 1 - arrival_share (so the mean number of ties per resident stays as it is
// when residents die or leave, and newcomers reach the ties of residents like them within a few
// years instead of decades); each tie it owes is sought on its own, a calendar event at the
// kind's rate: a neighbour from its housing block's roster, a friend from its district (some from
// anywhere) or, for some friendships, a friend's friend (triadic closure). No resident draws
// anything on the days between.
#include "model/phases/tie_formation.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "model/episodes.hpp"
#include "model/events.hpp"
#include "model/phases.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"
#include "model/tie_store.hpp"

namespace kyosei {
namespace {

// Draws of one (resident, day) key: the waits to the meetings of a kind owed on arrival, and a
// meeting (with the wait to the next if it fails); of one (tie, day) key: whether its loss is
// replaced, and the wait to that meeting.
constexpr std::uint32_t kWaitDraw = 0, kMeetingDraw = 2;  // + the kind
constexpr std::uint32_t kLossDraw = 4;

int index(TieKind kind) { return static_cast<int>(kind); }

// The draw of a resident's meeting of this kind that is its `ordinal`-th of the kind today (0 for
// the first): a resident who owes several ties may have more than one meeting on a day, and each
// draws its own numbers. The ordinal takes the draw's bits above the first eight.
std::uint32_t meeting_draw(TieKind kind, std::uint16_t ordinal) {
  return (std::uint32_t{ordinal} << 8) | (kMeetingDraw + static_cast<std::uint32_t>(index(kind)));
}

// Each meeting's ordinal among its resident's meetings of its kind in the day's bucket, in bucket
// order: counted in a hash table of (resident, kind) keys at least twice the bucket's size, open
// addressing (a sort of the bucket took several times longer).
std::vector<std::uint16_t> meeting_ordinals(const std::vector<Event>& bucket) {
  const int bits = std::bit_width(std::max<std::size_t>(8, 2 * bucket.size()) - 1);
  const std::size_t mask = (std::size_t{1} << bits) - 1;
  std::vector<std::uint64_t> keys(mask + 1, 0);  // (resident, kind) + 1; 0: empty
  std::vector<std::uint16_t> seen(mask + 1, 0);  // meetings of the key so far
  std::vector<std::uint16_t> ordinal(bucket.size());
  for (std::size_t i = 0; i < bucket.size(); ++i) {
    const std::uint64_t key =
        std::uint64_t{static_cast<std::uint32_t>(bucket[i].id)} * kTieKindCount + bucket[i].kind + 1;
    std::size_t at = (key * 0x9E3779B97F4A7C15ull) >> (64 - bits);
    while (keys[at] != 0 && keys[at] != key) at = (at + 1) & mask;
    keys[at] = key;
    ordinal[i] = seen[at]++;
  }
  return ordinal;
}

double formation_rate(const Context& ctx, TieKind kind) {
  const Scenario::Ties& P = ctx.scenario.ties;
  return kind == TieKind::neighbour ? P.neighbour_formation : P.friend_formation;
}

std::uint8_t& owed(State& st, std::int32_t r, TieKind kind) {
  return st.ties.owed[static_cast<std::size_t>(r) * kTieKindCount + index(kind)];
}

// The share of r's expected ties of this kind that it seeks itself on arrival (ties.arrival_share):
// the mean of the Poisson number it draws.
double arrival_mean(const Context& ctx, const State& st, std::int32_t r, TieKind kind) {
  const Scenario::Ties& P = ctx.scenario.ties;
  const double mean = kind == TieKind::neighbour ? P.neighbours_per_resident : P.friends_per_resident;
  return mean * st.residents.sociability[r] * P.arrival_share;
}

Day formation_age_day(const Context& ctx, const State& st, std::int32_t r) {
  return st.residents.core[r].birth_day + days_to_age(static_cast<double>(ctx.scenario.ties.formation_min_age));
}

// `count` meetings of r's of this kind, one for each tie it seeks, from `from` on, their waits drawn
// from `d`.
void schedule_meetings(const Context& ctx, State& st, std::int32_t r, TieKind kind, Day from, int count, Draws& d) {
  for (int i = 0; i < count; ++i)
    st.calendars.formation.schedule(event_day(from, d.exponential(formation_rate(ctx, kind)) * kDaysPerYear),
                                    {r, 0, 0, static_cast<std::uint8_t>(kind)});
}

// r owes `more` ties of this kind: a meeting for each starts, from school age.
void owe(const Context& ctx, State& st, std::int32_t r, TieKind kind, int more, Draws& d) {
  if (formation_rate(ctx, kind) <= 0) return;
  std::uint8_t& n = owed(st, r, kind);
  more = std::min(more, 255 - n);
  if (more <= 0) return;
  n = static_cast<std::uint8_t>(n + more);
  schedule_meetings(ctx, st, r, kind, std::max(st.today, formation_age_day(ctx, st, r)), more, d);
}

std::int32_t roster_member(const State& st, std::int32_t block, Draws& d) {
  const std::vector<std::int32_t>& roster = st.ties.block_residents[block];
  return roster.empty() ? -1 : roster[d.below(static_cast<std::uint32_t>(roster.size()))];
}

// Someone r meets in its housing block (a neighbour) or, for a friend, in a block of its district
// or, as a small-world shortcut, anywhere (docs/ODD.md §2 "Ties").
std::int32_t meet_stranger(const Context& ctx, const State& st, std::int32_t r, TieKind kind, Draws& d) {
  std::int32_t block = st.households.block[st.residents.household[r]];
  if (kind == TieKind::friendship) {
    const auto& districts = st.block_district;  // non-decreasing: districts are runs of blocks
    if (d.bernoulli(ctx.scenario.ties.friend_outside_district)) {
      block = static_cast<std::int32_t>(d.below(static_cast<std::uint32_t>(districts.size())));
    } else {
      const auto [lo, hi] = std::equal_range(districts.begin(), districts.end(), districts[block]);
      block = static_cast<std::int32_t>(lo - districts.begin()) +
              static_cast<std::int32_t>(d.below(static_cast<std::uint32_t>(hi - lo)));
    }
  }
  return roster_member(st, block, d);
}

// A friend of one of r's active ties, met through it; -1 when the tie drawn is dormant.
std::int32_t meet_friend_of_friend(const State& st, std::int32_t r, Draws& d) {
  const TieBlock mine = st.ties.blocks[r];
  if (mine.count == 0) return -1;
  const TieSlot via = st.ties.arena[mine.first + d.below(mine.count)];
  if (st.ties.records[via.tie].status() != kActive) return -1;
  const TieBlock theirs = st.ties.blocks[via.other];
  if (theirs.count == 0) return -1;
  return st.ties.arena[theirs.first + d.below(theirs.count)].other;
}

// Candidates drawn by `candidate` (-1: none) until one is accepted with probability
// min(1, sociability / kSociabilityCeiling), at most kCandidates of them: a partner drawn in
// proportion to its sociability, as the start draws partners (docs/ODD.md §2 "Ties"), so that the
// least sociable are met no more often than at the start; -1 when none is accepted.
constexpr double kSociabilityCeiling = 3;  // above 99.8% of sociabilities at the default gamma shape
constexpr int kCandidates = 16;            // (2/3)^16: 0.2% of meetings find nobody at mean sociability

template <class Candidate>
std::int32_t by_sociability(const State& st, Draws& d, Candidate&& candidate) {
  for (int i = 0; i < kCandidates; ++i) {
    const std::int32_t other = candidate();
    if (other >= 0 && d.bernoulli(std::min(1.0, st.residents.sociability[other] / kSociabilityCeiling))) return other;
  }
  return -1;
}

// A meeting of r's, drawn before the day's meetings form ties, from what they leave as they are
// (the housing blocks' rosters, the residents' blocks, households and sociability): the stranger r
// meets, drawn by sociability; or, for a friend's friend, the draws that find one when r's turn
// comes, since the ties r gains today change whom it meets that way; then, only so that its reads
// are asked for ahead of its turn, the friend's friend r would meet through the ties of the day's
// start (`likely`).
// For a stranger, the walk also decides can_form_tie against the phase's start: of what it reads,
// only r's ties change before r's turn, by the ties the day's earlier meetings append to r's block
// (the phase removes none), so at the turn only r's slots from `held` on are left to look at.
struct DrawnMeeting {
  Draws d;
  std::int32_t other = -1;
  bool through_friend = false;
  bool may_form = false;   // can_form_tie(r, other) at the phase's start
  std::uint16_t held = 0;  // r's ties at the phase's start
  std::int32_t likely = -1;
};

// One meeting being drawn (draw_meetings): the draws of meet_stranger and by_sociability, in their
// order, cut into steps at each far-apart read, which the step before asks for ahead.
struct MeetingWalk {
  enum class Step : std::uint8_t {
    household,
    block,
    roster,
    member,
    acceptance,
    tie_block,    // the stranger accepted: r's tie block, for can_form_tie
    eligibility,  // can_form_tie, its reads asked for
    // A friend's friend, walked on a copy of the draws (`guess`) through the ties of the day's
    // start (meet_friend_of_friend, by_sociability): its reads come into the cache for r's turn.
    friend_block,
    friend_via,
    friend_theirs,
    friend_member,
    friend_acceptance
  };
  std::size_t i = 0;          // the meeting's place in the bucket and in `drawn`
  std::uint16_t ordinal = 0;  // among r's meetings of the kind today (meeting_ordinals)
  Step step = Step::household;
  TieKind kind = TieKind::neighbour;
  int candidates = 0;
  std::int32_t r = -1, household = -1, block = -1, other = -1;
  std::uint32_t position = 0;
  std::int32_t district_first = 0, district_blocks = 0;  // r's district, for a friend met in it
  Draws guess{RngKey{}, Process::tie_formation, 0, 0};
  std::uint32_t slot = 0;  // in the arena: the tie through which r meets, then the one met
  TieSlot via{};
};

// The helpers below that only ask for lines ahead are inlined by force: GCC (12, -O3) finds a
// function whose only effect is __builtin_prefetch free of effects and drops the call.

// Asks for the arena's lines of `count` slots from `first`.
[[gnu::always_inline]] inline void prefetch_slots(const Ties& T, std::uint32_t first, std::uint32_t count) {
  constexpr std::uint32_t kSlotsPerLine = 64 / sizeof(TieSlot);
  for (std::uint32_t i = 0; i < count; i += kSlotsPerLine) __builtin_prefetch(T.arena.data() + first + i);
  if (count > 0) __builtin_prefetch(T.arena.data() + first + count - 1);
}

// The walks of up to kWalks meetings taken a step each in turn, so that each one's far-apart reads
// (r's household and block, a roster, a roster entry, the candidate's sociability) overlap the
// others' instead of waiting one at a time. Each meeting draws from its own key, in the same order
// as draw_meeting would, so the meetings drawn are the same.
class MeetingWalker {
public:
  MeetingWalker(const Context& ctx, const State& st, std::vector<DrawnMeeting>& drawn)
      : ctx_(ctx), st_(st), drawn_(drawn) {}

  // Starts the meeting at bucket place i of r's, of this kind.
  MeetingWalk start(std::size_t i, std::uint16_t ordinal, std::int32_t r, TieKind kind) const {
    __builtin_prefetch(&st_.residents.household[r]);
    MeetingWalk w;
    w.i = i;
    w.ordinal = ordinal;
    w.r = r;
    w.kind = kind;
    return w;
  }

  // Takes w one step; false once its meeting is drawn.
  bool advance(MeetingWalk& w) const {
    using Step = MeetingWalk::Step;
    DrawnMeeting& m = drawn_[w.i];
    switch (w.step) {
      case Step::household: {
        const std::int32_t h = st_.residents.household[w.r];
        __builtin_prefetch(&st_.households.block[h]);
        w.household = h;
        w.step = Step::block;
        return true;
      }
      case Step::block: {
        const std::int32_t home = st_.households.block[w.household];
        m = DrawnMeeting{ctx_.draws(Process::tie_formation, static_cast<std::uint32_t>(w.r), st_.today,
                                    meeting_draw(w.kind, w.ordinal))};
        if (w.kind == TieKind::friendship && m.d.bernoulli(ctx_.scenario.ties.triadic_closure)) {
          m.through_friend = true;
          w.guess = m.d;
          __builtin_prefetch(&st_.ties.blocks[w.r]);
          w.step = Step::friend_block;
          return true;
        }
        if (w.kind == TieKind::friendship) {
          const auto& districts = st_.block_district;
          const auto [lo, hi] = std::equal_range(districts.begin(), districts.end(), districts[home]);
          w.district_first = static_cast<std::int32_t>(lo - districts.begin());
          w.district_blocks = static_cast<std::int32_t>(hi - lo);
        }
        w.block = home;
        return next_candidate(w, m, false);
      }
      case Step::roster: {
        const std::vector<std::int32_t>& roster = st_.ties.block_residents[w.block];
        if (roster.empty()) return next_candidate(w, m, true);
        w.position = m.d.below(static_cast<std::uint32_t>(roster.size()));
        __builtin_prefetch(&roster[w.position]);
        w.step = Step::member;
        return true;
      }
      case Step::member:
        w.other = st_.ties.block_residents[w.block][w.position];
        __builtin_prefetch(&st_.residents.sociability[w.other]);
        w.step = Step::acceptance;
        return true;
      case Step::acceptance:
        if (m.d.bernoulli(std::min(1.0, st_.residents.sociability[w.other] / kSociabilityCeiling))) {
          m.other = w.other;
          __builtin_prefetch(&st_.residents.death_day[w.other]);
          __builtin_prefetch(&st_.residents.household[w.other]);
          __builtin_prefetch(&st_.residents.core[w.other]);
          __builtin_prefetch(&st_.ties.blocks[w.r]);
          w.step = Step::tie_block;
          return true;
        }
        return next_candidate(w, m, true);
      case Step::tie_block: {
        const TieBlock mine = st_.ties.blocks[w.r];
        prefetch_slots(st_.ties, mine.first, mine.count);
        w.step = Step::eligibility;
        return true;
      }
      case Step::eligibility:
        m.may_form = can_form_tie(ctx_, st_, w.r, w.other);
        m.held = st_.ties.blocks[w.r].count;
        return false;
      case Step::friend_block: {
        const TieBlock mine = st_.ties.blocks[w.r];
        if (mine.count == 0) return false;  // nobody met this way
        w.slot = mine.first + w.guess.below(mine.count);
        __builtin_prefetch(&st_.ties.arena[w.slot]);
        w.step = Step::friend_via;
        return true;
      }
      case Step::friend_via:
        w.via = st_.ties.arena[w.slot];
        __builtin_prefetch(&st_.ties.records[w.via.tie]);
        __builtin_prefetch(&st_.ties.blocks[w.via.other]);
        w.step = Step::friend_theirs;
        return true;
      case Step::friend_theirs: {
        const TieBlock theirs = st_.ties.blocks[w.via.other];
        if (st_.ties.records[w.via.tie].status() != kActive || theirs.count == 0) return next_friend(w);
        w.slot = theirs.first + w.guess.below(theirs.count);
        __builtin_prefetch(&st_.ties.arena[w.slot]);
        w.step = Step::friend_member;
        return true;
      }
      case Step::friend_member:
        w.other = st_.ties.arena[w.slot].other;
        __builtin_prefetch(&st_.residents.sociability[w.other]);
        w.step = Step::friend_acceptance;
        return true;
      case Step::friend_acceptance:
        if (w.guess.bernoulli(std::min(1.0, st_.residents.sociability[w.other] / kSociabilityCeiling))) {
          m.likely = w.other;
          return false;
        }
        return next_friend(w);
    }
    return false;
  }

private:
  // The next friend's friend, through another of r's ties, after one more refused or not found.
  static bool next_friend(MeetingWalk& w) {
    if (++w.candidates == kCandidates) return false;
    w.step = MeetingWalk::Step::friend_block;
    return true;
  }

  // The next candidate's block drawn (meet_stranger), after `counted` one more (by_sociability).
  bool next_candidate(MeetingWalk& w, DrawnMeeting& m, bool counted) const {
    if (counted && ++w.candidates == kCandidates) return false;  // none accepted: m.other stays -1
    std::int32_t block = w.block;                                // a neighbour: r's own block, each time
    if (w.kind == TieKind::friendship) {
      if (m.d.bernoulli(ctx_.scenario.ties.friend_outside_district))
        block = static_cast<std::int32_t>(m.d.below(static_cast<std::uint32_t>(st_.block_district.size())));
      else
        block = w.district_first + static_cast<std::int32_t>(m.d.below(static_cast<std::uint32_t>(w.district_blocks)));
    }
    w.block = block;
    __builtin_prefetch(&st_.ties.block_residents[block]);
    w.step = MeetingWalk::Step::roster;
    return true;
  }

  const Context& ctx_;
  const State& st_;
  std::vector<DrawnMeeting>& drawn_;
};

// The meetings [first, last) of the bucket drawn, kWalks at a time (MeetingWalker); none for a
// resident who has left or owes no more ties of the kind, as its meeting lapses (meet).
void draw_meetings(const Context& ctx, const State& st, const std::vector<Event>& bucket,
                   const std::vector<std::uint16_t>& ordinals, std::size_t first, std::size_t last,
                   std::vector<DrawnMeeting>& drawn) {
  constexpr std::size_t kWalks = 16;
  const MeetingWalker walker(ctx, st, drawn);
  std::array<MeetingWalk, kWalks> walks;
  std::size_t active = 0, next = first;
  const auto start_next = [&](MeetingWalk& w) {
    for (; next < last; ++next) {
      if (next + kWalks < last) {  // the rows its check below reads, asked for ahead
        const std::int32_t ahead = bucket[next + kWalks].id;
        __builtin_prefetch(&st.residents.death_day[ahead]);
        __builtin_prefetch(&st.ties.owed[static_cast<std::size_t>(ahead) * kTieKindCount]);
      }
      const std::int32_t r = bucket[next].id;
      const auto kind = static_cast<TieKind>(bucket[next].kind);
      if (!st.residents.alive(r) || st.ties.owed[static_cast<std::size_t>(r) * kTieKindCount + index(kind)] == 0)
        continue;
      w = walker.start(next, ordinals[next], r, kind);
      ++next;
      return true;
    }
    return false;
  };
  while (active < kWalks && start_next(walks[active])) ++active;
  while (active > 0)
    for (std::size_t k = 0; k < active;) {
      if (walker.advance(walks[k]) || start_next(walks[k])) {
        ++k;
      } else {
        walks[k] = walks[--active];  // this slot's walk is done and none is left to start
      }
    }
}

// Whether a and b are tied by one of a's slots from `held` on: the ties a formed since it held
// `held` (a resident's slots keep their order as its block grows or moves).
bool tied_since(const Ties& T, std::int32_t a, std::int32_t b, std::uint16_t held) {
  const TieBlock& blk = T.blocks[a];
  for (std::uint32_t i = blk.first + held; i < blk.first + blk.count; ++i)
    if (T.arena[i].other == b) return true;
  return false;
}

// The meeting, for one tie r owes, takes place: the one met becomes a tie if both may; if not, the
// tie is sought again at the kind's rate.
void meet(const Context& ctx, State& st, std::int32_t r, TieKind kind, DrawnMeeting& m) {
  std::uint8_t& n = owed(st, r, kind);
  if (n == 0) return;  // r has left: the meetings it had scheduled lapse
  if (!st.residents.alive(r)) {
    n = 0;
    return;
  }
  TieOrigin origin = TieOrigin::neighbourhood;
  bool may_form = false;
  if (m.through_friend) {
    origin = TieOrigin::friend_of_friend;
    m.other = by_sociability(st, m.d, [&] { return meet_friend_of_friend(st, r, m.d); });
    may_form = m.other >= 0 && can_form_tie(ctx, st, r, m.other);
  } else {
    may_form = m.may_form && !tied_since(st.ties, r, m.other, m.held);
  }
  if (may_form) {
    form_tie(ctx, st, r, m.other, kind, origin);
    --n;
  } else {
    schedule_meetings(ctx, st, r, kind, st.today, 1, m.d);
  }
}

// Whom r's meeting m will likely tie r to: the stranger, if it may form, or the friend's friend
// met through the ties of the day's start; -1 for none.
std::int32_t likely_partner(const DrawnMeeting& m) {
  if (m.through_friend) return m.likely;
  return m.may_form ? m.other : -1;
}

// The rows that meet and form_tie read of r and its likely partner (the rows of the alive
// check, the tie blocks, the outside ties and open episodes that form_tie updates).
[[gnu::always_inline]] inline void prefetch_rows(const State& st, std::int32_t r, const DrawnMeeting& m) {
  const Residents& R = st.residents;
  __builtin_prefetch(&R.death_day[r]);
  __builtin_prefetch(&st.ties.owed[static_cast<std::size_t>(r) * kTieKindCount]);
  __builtin_prefetch(&st.ties.blocks[r]);
  __builtin_prefetch(&R.core[r]);
  __builtin_prefetch(&R.first_open[r]);
  const std::int32_t other = likely_partner(m);
  if (other < 0) return;
  if (m.through_friend) {  // can_form_tie is left to r's turn
    __builtin_prefetch(&R.death_day[other]);
    __builtin_prefetch(&R.household[other]);
  }
  __builtin_prefetch(&R.core[other]);
  __builtin_prefetch(&R.first_open[other]);
  __builtin_prefetch(&st.ties.blocks[other]);
}

// The tie slots r's meeting reads and appends to (from the tie blocks prefetch_rows asked for),
// and the tie record the `ahead`-th tie formed from now would take.
[[gnu::always_inline]] inline void prefetch_turn_slots(const State& st, std::int32_t r, const DrawnMeeting& m,
                                                       std::size_t ahead) {
  const Ties& T = st.ties;
  const TieBlock mine = T.blocks[r];
  if (m.through_friend) {
    prefetch_slots(T, mine.first, mine.count);  // the tie it meets through, drawn at its turn
  } else if (m.may_form) {
    prefetch_slots(T, mine.first + m.held, mine.count - m.held + 1u);  // today's ties, and the next slot
  } else {
    return;
  }
  const std::int32_t other = likely_partner(m);
  if (other >= 0) __builtin_prefetch(T.arena.data() + T.blocks[other].first + T.blocks[other].count);
  if (T.free_records.size() > ahead) __builtin_prefetch(&T.records[T.free_records[T.free_records.size() - 1 - ahead]]);
}

// Meetings a task draws (phase_tie_formation): small enough that a day's meetings (about 400 at 300,000
// residents) make several tasks for the threads to share, large enough to keep kWalks in flight.
constexpr std::size_t kMeetingsPerTask = 128;

}  // namespace

std::int32_t meet_in_district(const Context& ctx, const State& st, std::int32_t r, Draws& d) {
  return meet_stranger(ctx, st, r, TieKind::friendship, d);
}

bool can_form_tie(const Context& ctx, const State& st, std::int32_t r, std::int32_t other) {
  return other != r && st.residents.alive(other) && st.residents.household[other] != st.residents.household[r] &&
         st.residents.age(other, st.today) >= static_cast<double>(ctx.scenario.ties.formation_min_age) &&
         !tied(st.ties, r, other);
}

void form_tie(const Context& ctx, State& st, std::int32_t a, std::int32_t b, TieKind kind, TieOrigin origin) {
  const std::uint32_t tie = insert_tie(st.ties, a, b, kind, origin);
  st.ties.records[tie].set_status(kActive);  // a new acquaintance is in touch
  change_outside_ties(ctx, st, a, +1);
  change_outside_ties(ctx, st, b, +1);
  redraw_tie_flip(st, tie);
  ++st.counters.ties_formed[index(kind)][static_cast<int>(origin)];
  refresh_resident(ctx, st, a);  // one more potential tie raises both ends' detection bounds
  refresh_resident(ctx, st, b);
}

void on_arrival(const Context& ctx, State& st, std::int32_t r) {
  join_block_roster(st.ties, r, st.households.block[st.residents.household[r]]);
  for (TieKind kind : {TieKind::neighbour, TieKind::friendship}) {
    int held = 0;
    for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t) { held += st.ties.records[tie].kind() == kind; });
    Draws d = ctx.draws(Process::tie_formation, static_cast<std::uint32_t>(r), st.today, kWaitDraw + index(kind));
    const auto drawn = static_cast<int>(d.poisson(arrival_mean(ctx, st, r, kind)));
    owe(ctx, st, r, kind, drawn - held - owed(st, r, kind), d);
  }
}

void replace_lost_tie(const Context& ctx, State& st, std::int32_t r, TieKind kind, std::uint32_t tie) {
  if (!st.residents.alive(r)) return;
  Draws d = ctx.draws(Process::tie_formation, tie, st.today, kLossDraw);  // the tie's own key
  if (d.bernoulli(1 - ctx.scenario.ties.arrival_share)) owe(ctx, st, r, kind, 1, d);
}

void phase_tie_formation(const Context& ctx, State& st) {
  const auto& bucket = st.calendars.formation.bucket(st.today);
  const std::size_t n = bucket.size();
  // The meetings drawn first, each from its own keys, in tasks that the threads of the day's
  // parallel region waiting for the earlier phases (step.cpp) take up beside this one, then held
  // in bucket order: the same on any number of threads. Drawn together, their reads of far-apart
  // rosters and residents overlap instead of waiting one at a time.
  std::vector<DrawnMeeting> drawn(n, DrawnMeeting{Draws({}, Process::tie_formation, 0, 0)});
  const std::vector<std::uint16_t> ordinals = meeting_ordinals(bucket);
  const State& before = st;
  const auto tasks = static_cast<std::int64_t>((n + kMeetingsPerTask - 1) / kMeetingsPerTask);
#pragma omp taskloop grainsize(1) default(none) shared(ctx, before, bucket, ordinals, drawn, n, tasks)
  for (std::int64_t t = 0; t < tasks; ++t) {
    const std::size_t first = static_cast<std::size_t>(t) * kMeetingsPerTask;
    draw_meetings(ctx, before, bucket, ordinals, first, std::min(n, first + kMeetingsPerTask), drawn);
  }
  // What a meeting reads and writes, asked for ahead: the rows kFar meetings ahead, the tie slots
  // they point to kNear ahead.
  constexpr std::size_t kNear = 8, kFar = 16;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kFar < n) prefetch_rows(st, bucket[i + kFar].id, drawn[i + kFar]);
    if (i + kNear < n) prefetch_turn_slots(st, bucket[i + kNear].id, drawn[i + kNear], kNear);
    meet(ctx, st, bucket[i].id, static_cast<TieKind>(bucket[i].kind), drawn[i]);
  }
  st.calendars.formation.release(st.today);
}

}  // namespace kyosei
