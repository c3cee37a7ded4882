// Households as they change (households.hpp; docs/ODD.md §7 "Household dynamics").
#include "model/households.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "model/episodes.hpp"
#include "model/phases/household_dynamics.hpp"
#include "model/phases/tie_formation.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"

namespace kyosei {
namespace {

// Applies a change of a household's members and connected members to the totals of nonempty and
// isolated households (a household is isolated when it has members and none is connected).
void change_household(State& st, std::int32_t h, int members, int connected) {
  Households& H = st.households;
  const bool was_nonempty = H.members[h] > 0, was_isolated = was_nonempty && H.connected[h] == 0;
  H.members[h] += members;
  H.connected[h] += connected;
  const bool nonempty = H.members[h] > 0, isolated = nonempty && H.connected[h] == 0;
  st.totals.nonempty_households += static_cast<int>(nonempty) - static_cast<int>(was_nonempty);
  st.totals.isolated_households += static_cast<int>(isolated) - static_cast<int>(was_isolated);
}

}  // namespace

HouseholdType household_type(const State& st, std::int32_t household) {
  struct Member {
    double age;
    std::int32_t id, partner;
  };
  std::array<Member, 16> members{};
  std::size_t n = 0;
  for_each_member(st, household, [&](std::int32_t m) {
    if (n < members.size()) members[n++] = {st.residents.age(m, st.today), m, st.residents.partner[m]};
  });
  if (n == 0) return HouseholdType::other;
  if (n == 1) return HouseholdType::single;
  std::sort(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(n),
            [](const Member& a, const Member& b) { return a.age > b.age; });
  // Generations: each starts at the oldest member more than kGenerationGap younger than the
  // previous generation's oldest.
  std::array<std::size_t, 3> count{};
  std::size_t generation = 0;
  double head = members[0].age;
  bool couple_below = false;  // a couple in a younger generation than the oldest
  for (std::size_t i = 0; i < n; ++i) {
    if (head - members[i].age > kGenerationGap) {
      generation = std::min<std::size_t>(generation + 1, 2);
      head = members[i].age;
    }
    ++count[generation];
    couple_below = couple_below || (generation > 0 && members[i].partner >= 0);
  }
  // Two adults of the oldest generation are a couple when they are each other's partners; two
  // siblings or friends are one of the census's other households (兄弟姉妹のみ, 非親族).
  const bool couple_on_top = count[0] == 2 && members[0].partner == members[1].id;
  if (count[2] > 0) return HouseholdType::three_generation;
  if (count[1] == 0) return couple_on_top ? HouseholdType::couple : HouseholdType::other;
  // A couple living with a parent (夫婦と親), and children with two adults of the oldest generation
  // who are not partners, are, as in the census, other households.
  if (count[0] > 2 || couple_below || (count[0] == 2 && !couple_on_top)) return HouseholdType::other;
  if (members[0].age >= 65 && members[n - 1].age >= 18) return HouseholdType::parent_adult_child;
  return count[0] == 2 ? HouseholdType::couple_children : HouseholdType::single_parent;
}

bool lives_with_parents(const State& st, std::int32_t r) {
  const double age = st.residents.age(r, st.today);
  bool older = false, younger = false;
  for_each_member(st, st.residents.household[r], [&](std::int32_t m) {
    const double other = st.residents.age(m, st.today);
    older = older || other - age > kGenerationGap;
    younger = younger || age - other > kGenerationGap;
  });
  return older && !younger;
}

bool lives_alone(const State& st, std::int32_t r) { return st.households.members[st.residents.household[r]] == 1; }

std::int32_t partner_of(const State& st, std::int32_t r) { return st.residents.partner[r]; }

bool child_at_home(const State& st, std::int32_t r) { return partner_of(st, r) < 0 && lives_with_parents(st, r); }

bool unpartnered(const State& st, std::int32_t r) {
  return partner_of(st, r) < 0 && (lives_alone(st, r) || lives_with_parents(st, r));
}

BirthChain birth_chain(const State& st, std::int32_t r) {
  if (!st.residents.female[r]) return BirthChain::none;
  if (partner_of(st, r) >= 0) return BirthChain::partnered;
  return unpartnered(st, r) ? BirthChain::unpartnered : BirthChain::none;
}

std::int32_t add_household(State& st, std::int32_t block, HouseholdType type) {
  Households& H = st.households;
  const auto h = static_cast<std::int32_t>(H.size());
  H.first_member.push_back(-1);
  H.members.push_back(0);
  H.connected.push_back(0);
  H.block.push_back(block);
  H.type.push_back(type);
  H.registered.push_back(0);
  H.had_crisis.push_back(0);
  H.last_visit.push_back(kNever);
  H.trust.push_back(0);
  H.last_plan.push_back(kNever);
  H.awaiting_plan.push_back(0);
  ++st.counters.households_formed;
  return h;
}

std::int32_t random_block(const State& st, Draws& d) {
  return static_cast<std::int32_t>(d.below(static_cast<std::uint32_t>(st.block_district.size())));
}

void move_to_household(const Context& ctx, State& st, std::int32_t r, std::int32_t household) {
  Households& H = st.households;
  const std::int32_t from = st.residents.household[r];
  if (from == household) return;
  // A move ends the resident's neighbour ties (if it leaves its block) and its ties with its new
  // household's members while it still lives in the old household and block (their other ends
  // replace them in time); it keeps its friends and meets the new block's neighbours (docs/ODD.md
  // §7 "Tie formation").
  end_ties_on_move(ctx, st, r, household);
  const int connected = st.residents.core[r].outside_ties > 0 ? 1 : 0;
  unlink_member(st, r);
  change_household(st, from, -1, -connected);
  if (H.members[from] == 0) {
    ++st.counters.households_dissolved;
    if (H.registered[from]) {
      H.registered[from] = 0;
      --st.totals.registered_households;
    }
  }
  st.residents.household[r] = household;
  st.residents.next_member[r] = H.first_member[household];
  H.first_member[household] = r;
  change_household(st, household, 1, connected);
  // Those left behind may now all be 65+ (registration); the household joined has one more member
  // to watch over the others, whose detection bounds rise.
  if (H.members[from] > 0) {
    update_registration(ctx, st, from);
    after_member_left(ctx, st, from);
  }
  update_registration(ctx, st, household);
  for_each_member(st, household, [&](std::int32_t m) { refresh_resident(ctx, st, m); });
  on_arrival(ctx, st, r);
}

std::string household_inconsistency(const Context& ctx, const State& st) {
  const Residents& R = st.residents;
  const Households& H = st.households;
  std::int64_t listed = 0, nonempty = 0, isolated = 0, registered = 0;
  for (std::size_t h = 0; h < H.size(); ++h) {
    std::int32_t members = 0, connected = 0;
    for (std::int32_t m = H.first_member[h]; m >= 0; m = R.next_member[m]) {
      if (!R.alive(static_cast<std::size_t>(m)))
        return "household " + std::to_string(h) + " lists resident " + std::to_string(m) + " who left";
      if (R.household[m] != static_cast<std::int32_t>(h))
        return "resident " + std::to_string(m) + " listed in household " + std::to_string(h) + " but belongs to " +
               std::to_string(R.household[m]);
      if (++members > static_cast<std::int32_t>(R.size()))
        return "household " + std::to_string(h) + ": member list loops";
      connected += R.core[m].outside_ties > 0;
    }
    if (members != H.members[h])
      return "household " + std::to_string(h) + ": members " + std::to_string(H.members[h]) + ", listed " +
             std::to_string(members);
    if (connected != H.connected[h])
      return "household " + std::to_string(h) + ": connected " + std::to_string(H.connected[h]) + ", counted " +
             std::to_string(connected);
    if (H.registered[h] && members == 0) return "household " + std::to_string(h) + ": registered but empty";
    listed += members;
    nonempty += members > 0;
    isolated += members > 0 && connected == 0;
    registered += H.registered[h];
  }
  std::int64_t alive = 0, in_care = 0, eligible = 0, isolated_eligible = 0;
  for (std::size_t r = 0; r < R.size(); ++r) {
    in_care += R.departure[r] == static_cast<std::uint8_t>(Departure::in_care);
    const std::int32_t partner = R.partner[r];
    if (!R.alive(r)) {
      if (partner >= 0) return "resident " + std::to_string(r) + " left but keeps partner " + std::to_string(partner);
      continue;
    }
    if (partner >= 0 && (R.partner[partner] != static_cast<std::int32_t>(r) || R.household[partner] != R.household[r]))
      return "resident " + std::to_string(r) + "'s partner " + std::to_string(partner) +
             " is not partnered back in the same household";
    ++alive;
    // Coming of age is counted at the start of its day: eligible on the day last stepped.
    const bool counted = st.today - 1 >= coming_of_age_day(ctx, st, static_cast<std::int32_t>(r));
    eligible += counted;
    isolated_eligible += counted && R.core[r].outside_ties == 0;
  }
  const auto differ = [](const char* what, std::int64_t kept, std::int64_t counted) {
    return "totals." + std::string(what) + " " + std::to_string(kept) + ", counted " + std::to_string(counted);
  };
  const Totals& T = st.totals;
  if (listed != alive)
    return "households list " + std::to_string(listed) + " residents, " + std::to_string(alive) + " present";
  if (T.alive != alive) return differ("alive", T.alive, alive);
  if (T.nonempty_households != nonempty) return differ("nonempty_households", T.nonempty_households, nonempty);
  if (T.isolated_households != isolated) return differ("isolated_households", T.isolated_households, isolated);
  if (T.registered_households != registered)
    return differ("registered_households", T.registered_households, registered);
  if (T.in_care != in_care) return differ("in_care", T.in_care, in_care);
  if (T.eligible != eligible) return differ("eligible", T.eligible, eligible);
  if (T.isolated_eligible != isolated_eligible)
    return differ("isolated_eligible", T.isolated_eligible, isolated_eligible);
  return {};
}

}  // namespace kyosei
