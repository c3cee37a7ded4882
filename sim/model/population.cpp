// Synthetic population (docs/ODD.md §5): households by type, members' ages and sexes by their role
// in the household, blocks and districts, and each resident's traits. Conditions come after
// (conditions.cpp), so compound households arise from members' conditions, never as labels.
#include <algorithm>
#include <array>
#include <cmath>

#include "model/construction.hpp"
#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/residents.hpp"

namespace kyosei {
namespace {

struct Member {
  double age;
  bool female;
};

// The members of one household: at most 7 (three generations with three children).
struct Members {
  std::array<Member, 8> list;
  std::size_t count = 0;
  std::uint8_t couples = 0;  // bit j: member j and member j + 1 are partners
  void push_back(const Member& m) { list[count++] = m; }
  void partner_last_two() { couples |= static_cast<std::uint8_t>(1u << (count - 2)); }
  std::size_t size() const { return count; }
  Member& operator[](std::size_t i) { return list[i]; }
  const Member& operator[](std::size_t i) const { return list[i]; }
};

// Age of a member by role: uniform within one of a few bands, drawn by band weight. The bands
// are calibrated so that the population matches the 2020 census age shares (0-14 11.9%,
// 65+ 28.6%, 75+ 14.7%) within the tolerances tested in test_population.cpp.
struct Band {
  double lo, hi, weight;
};
template <std::size_t N>
double age_from_bands(Draws& d, const Band (&bands)[N]) {
  double total = 0;
  for (const Band& b : bands) total += b.weight;
  double u = d.uniform() * total;
  for (const Band& b : bands) {
    if (u < b.weight) return d.between(b.lo, b.hi);
    u -= b.weight;
  }
  return d.between(bands[N - 1].lo, bands[N - 1].hi);
}

// A child's age given a parent's: born when the parent was 22-40, never negative.
double child_age(Draws& d, double parent_age, double min_age = 0) {
  const double age = parent_age - d.between(22, 40);
  return std::max(min_age, age < 0 ? d.between(0, std::max(1.0, parent_age - 22)) : age);
}

std::uint32_t count_from(Draws& d, std::initializer_list<double> weights) {
  double u = d.uniform();
  std::uint32_t k = 0;
  for (double w : weights) {
    if (u < w) return k;
    u -= w;
    ++k;
  }
  return k - 1;
}

void add_children(Draws& d, Members& m, double parent_age, std::uint32_t count, double min_age = 0) {
  for (std::uint32_t i = 0; i < count; ++i) m.push_back({child_age(d, parent_age, min_age), d.bernoulli(0.49)});
}

Members members_of(HouseholdType type, Draws& d, const Scenario& s) {
  Members m;
  switch (type) {
    case HouseholdType::single: {
      static constexpr Band bands[] = {{18, 35, 0.30}, {35, 65, 0.38}, {65, 75, 0.15}, {75, 98, 0.17}};
      const double age = age_from_bands(d, bands);
      m.push_back({age, d.bernoulli(age >= 65 ? s.population.elderly_single_female_share : 0.45)});
      break;
    }
    case HouseholdType::couple: {
      static constexpr Band bands[] = {{22, 45, 0.15}, {45, 65, 0.28}, {65, 75, 0.32}, {75, 95, 0.25}};
      const double age = age_from_bands(d, bands);
      m.push_back({age, false});
      m.push_back({std::max(20.0, age - d.between(-1, 5)), true});
      m.partner_last_two();
      break;
    }
    case HouseholdType::couple_children: {
      const double mother = d.between(25, 58);
      m.push_back({mother, true});
      m.push_back({mother + d.between(0, 4), false});
      m.partner_last_two();
      add_children(d, m, mother, 1 + count_from(d, {0.30, 0.45, 0.25}));
      break;
    }
    case HouseholdType::single_parent: {
      const double parent = d.between(25, 58);
      m.push_back({parent, d.bernoulli(0.85)});
      add_children(d, m, parent, 1 + count_from(d, {0.5, 0.4, 0.1}));
      break;
    }
    case HouseholdType::parent_adult_child: {
      static constexpr Band bands[] = {{65, 75, 0.40}, {75, 85, 0.40}, {85, 97, 0.20}};
      const double parent = age_from_bands(d, bands);
      const bool both = d.bernoulli(0.45);
      m.push_back({parent, both ? false : d.bernoulli(0.75)});
      if (both) {
        m.push_back({std::max(60.0, parent - d.between(-1, 5)), true});
        m.partner_last_two();
      }
      add_children(d, m, parent, 1 + count_from(d, {0.70, 0.30}), 20);
      for (std::size_t i = both ? 2 : 1; i < m.size(); ++i) m[i].female = d.bernoulli(0.45);
      break;
    }
    case HouseholdType::three_generation: {
      const double grandparent = d.between(65, 92);
      m.push_back({grandparent, true});
      if (d.bernoulli(0.5)) {
        m.push_back({grandparent + d.between(0, 4), false});
        m.partner_last_two();
      }
      const double middle = std::max(25.0, grandparent - d.between(25, 35));
      m.push_back({middle, false});
      m.push_back({middle - d.between(0, 3), true});
      m.partner_last_two();
      add_children(d, m, middle, 1 + count_from(d, {0.35, 0.45, 0.20}));
      break;
    }
    case HouseholdType::other: {
      // A couple living with one or two parents (夫婦と親), or siblings or unrelated adults of one
      // generation, three or four: the census's other households (夫婦と両親, 夫婦とひとり親, 兄弟姉妹のみ,
      // 非親族を含む).
      if (d.bernoulli(s.population.other_couple_parent_share)) {
        const double parent = d.between(65, 92);
        const bool both = d.bernoulli(0.3);
        m.push_back({parent, !both && d.bernoulli(0.75)});
        if (both) {
          m.push_back({std::max(60.0, parent - d.between(-1, 5)), true});
          m.partner_last_two();
        }
        const double husband = std::max(25.0, parent - d.between(25, 35));
        m.push_back({husband, false});
        m.push_back({husband - d.between(0, 3), true});
        m.partner_last_two();
        break;
      }
      const double eldest = d.between(25, 85);
      const std::uint32_t n = 3 + count_from(d, {0.8, 0.2});
      for (std::uint32_t i = 0; i < n; ++i) m.push_back({std::max(18.0, eldest - d.between(0, 10)), d.bernoulli(0.5)});
      break;
    }
  }
  return m;
}

HouseholdType draw_type(Draws& d, const Scenario& s) {
  double u = d.uniform();
  for (int t = 0; t < kHouseholdTypeCount; ++t) {
    if (u < s.population.household_shares[t]) return static_cast<HouseholdType>(t);
    u -= s.population.household_shares[t];
  }
  return HouseholdType::single;  // rounding of shares that sum to 1
}

// A household as the residents' arrays take it: each member's birth day and sex.
struct DrawnHousehold {
  HouseholdType type;
  std::uint8_t size;
  std::uint8_t female;   // bit j: member j
  std::uint8_t couples;  // bit j: members j and j + 1 are partners
  std::array<Day, 8> birth_day;
};

DrawnHousehold draw_household(const Context& ctx, std::uint32_t h) {
  Draws type_draw = ctx.draws(Process::household_type, h, 0);
  const HouseholdType type = draw_type(type_draw, ctx.scenario);
  Draws d = ctx.draws(Process::household_members, h, 0);
  const Members members = members_of(type, d, ctx.scenario);
  DrawnHousehold drawn{type, static_cast<std::uint8_t>(members.size()), 0, members.couples, {}};
  for (std::size_t j = 0; j < members.size(); ++j) {
    drawn.birth_day[j] = -static_cast<Day>(std::lround(members[j].age * kDaysPerYear));
    drawn.female |= static_cast<std::uint8_t>(members[j].female ? 1u << j : 0u);
  }
  return drawn;
}

// Households are drawn until the residents reach the target, in parallel a chunk at a time.
struct DrawnPopulation {
  std::vector<DrawnHousehold> households;
  std::vector<std::int32_t> first;  // first resident of each household, and one past the last
};

DrawnPopulation draw_households(const Context& ctx, std::int64_t target) {
  DrawnPopulation p;
  p.first.push_back(0);
  const std::int64_t chunk = std::max<std::int64_t>(4096, target / 16);
  // Room for the most that can be drawn (a household has a member at least), reserved at once:
  // growing step by step would leave freed blocks in the heap, adding to the run's peak memory.
  p.households.reserve(static_cast<std::size_t>(target + chunk));
  for (std::int64_t start = 0; p.first.back() < target; start += chunk) {
    ctx.stop_if_asked();  // a sixteenth of the households at a time (RunOptions::stop)
    p.households.resize(static_cast<std::size_t>(start + chunk));
#pragma omp parallel for num_threads(ctx.threads) schedule(static)
    for (std::int64_t h = start; h < start + chunk; ++h)
      p.households[h] = draw_household(ctx, static_cast<std::uint32_t>(h));
    for (std::int64_t h = start; h < start + chunk && p.first.back() < target; ++h)
      p.first.push_back(p.first.back() + p.households[h].size);
  }
  p.households.resize(p.first.size() - 1);
  return p;
}

}  // namespace

void build_population(const Context& ctx, State& st) {
  const Scenario& s = ctx.scenario;
  // Two passes, so that households and residents are numbered as if generated one by one: the
  // households drawn give each its first resident, then all are filled in parallel (each draw is
  // keyed by its household or resident).
  const DrawnPopulation drawn = draw_households(ctx, s.population.residents);
  const std::vector<std::int32_t>& first = drawn.first;
  const auto households = static_cast<std::int64_t>(first.size()) - 1;
  const auto n = static_cast<std::size_t>(first.back());
  Households& H = st.households;
  reserve_household_rows(st, household_rows_room(ctx, st, static_cast<std::size_t>(households)));
  H.first_member.resize(households);
  H.members.resize(households);
  H.connected.assign(households, 0);
  H.block.resize(households);
  H.type.resize(households);
  H.registered.assign(households, 0);
  H.had_crisis.assign(households, 0);
  H.last_visit.assign(households, kNever);
  H.trust.assign(households, 0);
  H.last_plan.assign(households, kNever);
  H.awaiting_plan.assign(households, 0);
  Residents& R = st.residents;
  reserve_resident_rows(st, resident_rows_room(ctx, st, n));
  reserve_episode_rows(st, episode_rows_room(st, n));
  R.core.assign(n, {0, -1, 0, 0});  // birth days filled below
  R.household.resize(n);
  R.first_open.assign(n, -1);
  R.death_day.assign(n, kNever);
  R.female.resize(n);
  R.help_seeking.resize(n);
  R.sociability.resize(n);
  R.discouragement.assign(n, 0);
  R.word_of_mouth.assign(n, 0);
  R.in_programme.assign(n, 0);
  R.departure.assign(n, 0);
  R.next_member.resize(n);
  R.partner.resize(n);
#pragma omp parallel for num_threads(ctx.threads) schedule(static)
  for (std::int64_t h = 0; h < households; ++h) {
    const DrawnHousehold& household = drawn.households[h];
    H.type[h] = household.type;
    H.block[h] = static_cast<std::int32_t>(h / s.population.block_households);
    // Member lists as add_resident links them: the newest member first.
    H.members[h] = household.size;
    H.first_member[h] = first[h + 1] - 1;
    for (std::size_t j = 0; j < household.size; ++j) {
      const std::int32_t r = first[h] + static_cast<std::int32_t>(j);
      Draws t = ctx.draws(Process::traits, static_cast<std::uint32_t>(r), 0);
      R.help_seeking[r] = static_cast<float>(t.gamma_mean_one(s.population.help_seeking_shape));
      R.sociability[r] = static_cast<float>(t.gamma_mean_one(s.population.sociability_shape));
      R.household[r] = static_cast<std::int32_t>(h);
      R.core[r].birth_day = household.birth_day[j];
      R.female[r] = (household.female >> j) & 1u;
      R.next_member[r] = j == 0 ? -1 : r - 1;
      // Bit j of `couples`: members j and j + 1 (residents r and r + 1) are partners.
      const bool with_next = (household.couples >> j) & 1u;
      const bool with_previous = j > 0 && ((household.couples >> (j - 1)) & 1u);
      R.partner[r] = with_next ? r + 1 : (with_previous ? r - 1 : -1);
    }
  }
  // The totals add_resident keeps: every household has members and, before ties, no connection.
  std::int64_t eligible = 0;
#pragma omp parallel for num_threads(ctx.threads) schedule(static) reduction(+ : eligible)
  for (std::int64_t r = 0; r < static_cast<std::int64_t>(n); ++r)
    eligible += isolation_eligible(ctx, st, static_cast<std::int32_t>(r));
  st.totals.alive += static_cast<std::int64_t>(n);
  st.totals.nonempty_households += households;
  st.totals.isolated_households += households;
  st.totals.eligible += eligible;
  st.totals.isolated_eligible += eligible;
  // Districts: consecutive blocks, as many districts as the target size allows.
  const std::int32_t blocks = H.block.empty() ? 0 : H.block.back() + 1;
  st.districts = static_cast<std::int32_t>(std::max<std::int64_t>(
      1, std::llround(static_cast<double>(st.residents.size()) / s.population.district_residents)));
  st.districts = std::min(st.districts, std::max(1, blocks));
  st.block_district.resize(blocks);
  for (std::int32_t b = 0; b < blocks; ++b)
    st.block_district[b] = static_cast<std::int32_t>(static_cast<std::int64_t>(b) * st.districts / blocks);
}

}  // namespace kyosei
