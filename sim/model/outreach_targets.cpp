// The outreach team's target list (docs/ODD.md §7 "Outreach"): remade every 30 days, or once the
// team has visited to its end, from the households its targeting rule admits, ranked by risk (the
// risk rule) and then by a random key. At a million residents the list holds about 280,000
// households and a team of two visits a few hundred before the next, so the households are scored
// in parallel tasks, but only the top of the list is put in order, and only the households that
// could reach the top draw their keys then: the rest keep their scores until the team gets near
// them.
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <numeric>
#include <span>
#include <vector>

#include <omp.h>

#include "model/context.hpp"
#include "model/outreach_targets.hpp"
#include "model/residents.hpp"
#include "engine/ordered_in_stretches.hpp"

namespace kyosei {
namespace {

constexpr Day kTargetListDays = 30;                 // the list is remade monthly from what the team knows
constexpr std::int32_t kHouseholdsPerTask = 16384;  // households a task scores
constexpr std::size_t kKeysPerTask = 16384;         // keys a task draws

// The ages the lists look at, as days lived (days_to_age): a scan over every household compares
// instead of dividing for each member.
struct AgeLines {
  Day school = days_to_age(6), working = days_to_age(15), adult = days_to_age(18), retired = days_to_age(65),
      older = days_to_age(75);
};

// The risk rule's six factors, a bit each, in the order of the outreach.risk weights: a member 75
// or over, living alone, no member with a tie outside, a need that ended in a crisis, a member of
// working age without a tie outside, a member known to an agency but not engaged.
constexpr int kRiskPatterns = 64;

// Known but not engaged (支援拒否 and lost referrals): a member's open need reached an agency once
// (refused, referred on and lost, given up on the way) and no agency took it on.
bool known_unengaged(const State& st, std::int32_t m) {
  for (std::int32_t e = st.residents.first_open[m]; e >= 0; e = st.episodes.next_open[e])
    if (st.episodes.outcome[e] == Outcome::undetected && st.episodes.first_contact[e] != kNever) return true;
  return false;
}

// What the rules ask of a household's members, a bit each, ORed over the members: the risk rule's
// member factors (a member 75 or over, one of working age without a tie outside, one known but not
// engaged) and the lists' (a member without income, a school-age child, an adult in difficulty).
enum MemberBit : unsigned {
  kOlder = 1,
  kIsolatedMember = 2,
  kUnengaged = 4,
  kWithoutIncome = 8,
  kPupil = 16,
  kAdultInDifficulty = 32
};

// One member's bits, from comparisons rather than branches: a household's members differ at random.
[[gnu::always_inline]] inline unsigned member_bits(const State& st, const AgeLines& at, std::int32_t m) {
  const ResidentCore& c = st.residents.core[m];
  const Day lived = st.today - c.birth_day;
  const unsigned in_difficulty = (c.conditions & (kWithdrawn | kNoIncome | kCare | kDisability)) != 0;
  unsigned bits = (lived >= at.older) * kOlder |
                  ((lived >= at.working) & (lived < at.retired) & (c.outside_ties == 0)) * kIsolatedMember |
                  ((c.conditions & kNoIncome) != 0) * kWithoutIncome |
                  ((lived >= at.school) & (lived < at.working)) * kPupil |
                  ((lived >= at.adult) & in_difficulty) * kAdultInDifficulty;
  if (st.residents.first_open[m] >= 0 && known_unengaged(st, m)) bits |= kUnengaged;
  return bits;
}

// Each household's member bits, ORed over its members in a pass over the residents in their
// order. Read in order, the residents' rows stream from memory; a walk of each household's members
// waited on a miss for each, as households and their members lie apart once people move and are
// born. Tasks take stretches of residents; a household's members may fall in two, so the bits are
// ORed in atomically where tasks run side by side.
constexpr std::int32_t kResidentsPerTask = 65536;

template <bool kSideBySide>
void or_member_bits(const State& st, std::int32_t first, std::int32_t end, std::uint8_t* household_bits) {
  const AgeLines at;
  for (std::int32_t r = first; r < end; ++r) {
    // Those who left keep their last household's index; their bits are masked off, not branched
    // around, since who has left is a coin toss to the branch predictor.
    const auto bits = static_cast<std::uint8_t>(member_bits(st, at, r) & -unsigned{st.residents.alive(r)});
    std::uint8_t& to = household_bits[st.residents.household[r]];
    if constexpr (kSideBySide) {
      if (bits != 0) std::atomic_ref<std::uint8_t>(to).fetch_or(bits, std::memory_order_relaxed);
    } else {
      to |= bits;
    }
  }
}

std::vector<std::uint8_t> household_member_bits(const State& st) {
  std::vector<std::uint8_t> bits(st.households.size(), 0);
  const auto residents = static_cast<std::int32_t>(st.residents.size());
  const std::int32_t tasks = (residents + kResidentsPerTask - 1) / kResidentsPerTask;
  std::uint8_t* const out = bits.data();
  if (omp_get_num_threads() == 1) {
    or_member_bits<false>(st, 0, residents, out);
    return bits;
  }
#pragma omp taskloop grainsize(1) default(none) shared(st, residents, tasks) firstprivate(out)
  for (std::int32_t t = 0; t < tasks; ++t)
    or_member_bits<true>(st, t * kResidentsPerTask, std::min(residents, (t + 1) * kResidentsPerTask), out);
  return bits;
}

// The risk score of each pattern of factors: the weights of those present, summed in their order.
std::array<double, kRiskPatterns> pattern_scores(const Scenario::Outreach& O) {
  const auto& w = O.risk_weights;
  std::array<double, kRiskPatterns> score{};
  for (int p = 0; p < kRiskPatterns; ++p)
    score[p] = w[0] * ((p & 1) != 0) + w[1] * ((p & 2) != 0) + w[2] * ((p & 4) != 0) + w[3] * ((p & 8) != 0) +
               w[4] * ((p & 16) != 0) + w[5] * ((p & 32) != 0);
  return score;
}

// Lists the team receives: commissioners' registered households, utilities' arrears (a member
// without income), schools' concerns (a school-age child living with a member in difficulty), and
// the agencies' own list of people known but not engaged.
bool on_a_list(const State& st, std::int32_t h, unsigned members) {
  return st.households.registered[h] | ((members & (kWithoutIncome | kUnengaged)) != 0) |
         (((members & kPupil) != 0) & ((members & kAdultInDifficulty) != 0));
}

// How many targets to order at a time: twice a month's visits, so that a list is seldom ordered
// further before it is made again (a step is linear in the list's length), and at least 1,024.
std::size_t targets_to_order(const Scenario::Outreach& O) {
  const double month = O.workers * O.visits_per_worker_day * kTargetListDays;
  return static_cast<std::size_t>(std::max(1024.0, 2 * month));
}

// One task's households: how many it listed, and how many of them had each risk pattern.
struct Listed {
  std::size_t count = 0;
  std::array<std::size_t, kRiskPatterns> per_pattern{};
};

// Lists the households the rule takes among [first, end) from `out` on, in household order, each
// with its key's deterministic part, -score (the random part is drawn later: draw_keys).
template <OutreachTargeting kRule>
Listed list_households(const State& st, const std::array<double, kRiskPatterns>& scores,
                       const std::uint8_t* household_bits, std::int32_t first, std::int32_t end, OutreachTarget* out) {
  Listed listed;
  for (std::int32_t h = first; h < end; ++h) {
    const std::int32_t members = st.households.members[h];
    const unsigned of_members = kRule == OutreachTargeting::random ? 0 : household_bits[h];
    std::uint8_t factors = 0;
    double score = 0.0;  // random and lists: every household alike
    bool taken = members != 0;
    if (kRule == OutreachTargeting::lists) taken = taken & on_a_list(st, h, of_members);
    if (kRule == OutreachTargeting::risk) {
      factors =
          static_cast<std::uint8_t>(((of_members & kOlder) != 0) | (members == 1) << 1 |
                                    (st.households.connected[h] == 0) << 2 | (st.households.had_crisis[h] != 0) << 3 |
                                    ((of_members & kIsolatedMember) != 0) << 4 | ((of_members & kUnengaged) != 0) << 5);
      score = scores[factors];
      taken = taken & (score > 0);
    }
    // Written whether taken or not, and kept by moving on: whether a household is taken is a coin
    // toss to the branch predictor.
    out[listed.count] = {-score, h};
    listed.count += taken;
    listed.per_pattern[factors] += taken;
  }
  return listed;
}

Listed list_households(const Context& ctx, const State& st, const std::array<double, kRiskPatterns>& scores,
                       const std::uint8_t* household_bits, std::int32_t first, std::int32_t end, OutreachTarget* out) {
  switch (ctx.scenario.outreach.targeting) {
    case OutreachTargeting::risk:
      return list_households<OutreachTargeting::risk>(st, scores, household_bits, first, end, out);
    case OutreachTargeting::lists:
      return list_households<OutreachTargeting::lists>(st, scores, household_bits, first, end, out);
    default: return list_households<OutreachTargeting::random>(st, scores, household_bits, first, end, out);
  }
}

// Completes the keys of `targets`: the random part orders the households (random, lists) and
// breaks ties of equal risk. Drawn for the list's day, whenever it is drawn.
void draw_keys(const Context& ctx, Day built, std::span<OutreachTarget> targets) {
  const std::size_t tasks = (targets.size() + kKeysPerTask - 1) / kKeysPerTask;
#pragma omp taskloop grainsize(1) default(none) shared(ctx, built, targets, tasks)
  for (std::size_t t = 0; t < tasks; ++t)
    for (std::size_t i = t * kKeysPerTask; i < std::min(targets.size(), (t + 1) * kKeysPerTask); ++i) {
      Draws d = ctx.draws(Process::outreach_targets, static_cast<std::uint32_t>(targets[i].household), built);
      targets[i].key -= 1e-3 * d.uniform();
    }
}

// The lowest score that may rank among the first `top` of the list. A key lies in
// (-score - 1e-3, -score], so a household whose score is more than 1e-3 below the top-th highest
// score ranks after at least `top` others; the margin is doubled for the key's rounding.
double lowest_contending_score(const std::array<double, kRiskPatterns>& scores,
                               const std::array<std::size_t, kRiskPatterns>& count, std::size_t top) {
  std::array<int, kRiskPatterns> by_score;
  std::iota(by_score.begin(), by_score.end(), 0);
  std::sort(by_score.begin(), by_score.end(), [&](int a, int b) { return scores[a] > scores[b]; });
  std::size_t listed = 0;
  for (const int p : by_score)
    if (count[p] > 0 && (listed += count[p]) >= top) return scores[p] - 2e-3;
  return -INFINITY;  // the whole list is the top
}

void make_target_list(const Context& ctx, State& st) {
  LeverState& L = st.levers;
  L.targets_drawn = L.targets_ordered = L.next_target = 0;
  L.targets_built = st.today;
  const Scenario::Outreach& O = ctx.scenario.outreach;
  if (O.targeting == OutreachTargeting::none) {
    L.targets.clear();
    return;
  }
  // Scored in tasks, which the threads of the day's parallel region that wait for the earlier
  // phases (step.cpp) take up beside this one. Each lists into its own stretch of the list, which
  // has room for every household; the stretches are then closed up in household order.
  const auto households = static_cast<std::int32_t>(st.households.size());
  // Room for every household, kept from list to list with an eighth to spare: the households only
  // grow (newcomers, new homes), and a list sized afresh each month would take megabytes of fresh
  // memory from the system, page by page, and clear them. The last list's entries stay, as the
  // tasks write over what they list.
  if (L.targets.capacity() < static_cast<std::size_t>(households)) L.targets.reserve(households + households / 8);
  L.targets.resize(static_cast<std::size_t>(households));
  std::vector<Listed> parts(static_cast<std::size_t>((households + kHouseholdsPerTask - 1) / kHouseholdsPerTask));
  const std::array<double, kRiskPatterns> scores = pattern_scores(O);
  const State& scored = st;
  const std::vector<std::uint8_t> of_members =
      O.targeting == OutreachTargeting::random ? std::vector<std::uint8_t>{} : household_member_bits(scored);
  OutreachTarget* const list = L.targets.data();
#pragma omp taskloop grainsize(1) default(none) shared(ctx, scored, scores, of_members, parts, households) \
    firstprivate(list)
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const auto first = static_cast<std::int32_t>(p) * kHouseholdsPerTask;
    parts[p] = list_households(ctx, scored, scores, of_members.data(), first,
                               std::min(households, first + kHouseholdsPerTask), list + first);
  }
  std::size_t end = 0;
  std::array<std::size_t, kRiskPatterns> per_pattern{};
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const OutreachTarget* part = list + p * kHouseholdsPerTask;
    std::copy(part, part + parts[p].count, list + end);  // moved leftwards, so never onto what is still to move
    end += parts[p].count;
    for (int k = 0; k < kRiskPatterns; ++k) per_pattern[k] += parts[p].per_pattern[k];
  }
  L.targets.resize(end);
  // Only the households that may rank in the first stretch draw their keys now, and that stretch
  // is ordered among them: it is the list's first stretch, as if every key had been drawn.
  const std::size_t stretch = targets_to_order(O);
  const double lowest = lowest_contending_score(scores, per_pattern, stretch);
  const auto contending = std::partition(L.targets.begin(), L.targets.end(),
                                         [lowest](const OutreachTarget& t) { return -t.key >= lowest; });
  L.targets_drawn = static_cast<std::size_t>(contending - L.targets.begin());
  const std::span<OutreachTarget> drawn = std::span(L.targets).first(L.targets_drawn);
  draw_keys(ctx, L.targets_built, drawn);
  L.targets_ordered = order_stretch(drawn, 0, stretch);
}

}  // namespace

void remake_target_list_when_due(const Context& ctx, State& st) {
  const LeverState& L = st.levers;
  if (L.targets_built == st.today) return;
  if (L.targets_built == kNever || st.today - L.targets_built >= kTargetListDays || L.next_target >= L.targets.size())
    make_target_list(ctx, st);
}

std::int32_t next_target(const Context& ctx, State& st) {
  LeverState& L = st.levers;
  if (L.next_target >= L.targets.size()) return -1;
  if (L.next_target == L.targets_ordered) {
    // Visited down to the end of the ordered top: every key is drawn, and the next stretch ordered.
    draw_keys(ctx, L.targets_built, std::span(L.targets).subspan(L.targets_drawn));
    L.targets_drawn = L.targets.size();
    L.targets_ordered = order_stretch(std::span(L.targets), L.targets_ordered, targets_to_order(ctx.scenario.outreach));
  }
  return L.targets[L.next_target++].household;
}

}  // namespace kyosei
