// Population snapshots (snapshot.hpp): read from the State, never written to it.
#include "model/snapshot.hpp"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

#include "model/episodes.hpp"
#include "model/households.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"

namespace kyosei {
namespace {

// The departure day of a resident still present (docs/outputs.md): no day can have this number.
constexpr std::int32_t kPresent = std::numeric_limits<std::int32_t>::min();

std::uint8_t saturated(int count) { return static_cast<std::uint8_t>(std::min(count, 255)); }

void add_residents(const Context& ctx, const State& st, Day ended, SnapshotResidents& t) {
  const Residents& R = st.residents;
  for (std::size_t i = 0; i < R.size(); ++i) {
    const auto r = static_cast<std::int32_t>(i);
    const bool present = R.alive(i);
    const std::int32_t h = R.household[i];
    int open = 0, known = 0;
    for (std::int32_t e = R.first_open[i]; e >= 0; e = st.episodes.next_open[e]) {
      ++open;
      known += st.episodes.detected[e] != kNever;
    }
    // Eligibility as the totals count it at the end of the day (a coming of age counts on its day).
    const bool of_age = ended >= coming_of_age_day(ctx, st, r);
    t.id.push_back(r);
    t.household.push_back(h);
    t.partner.push_back(R.partner[i]);
    t.block.push_back(st.households.block[h]);
    t.female.push_back(R.female[i]);
    t.age.push_back(static_cast<std::int16_t>(R.age(i, present ? ended : R.death_day[i])));
    t.birth_day.push_back(R.core[i].birth_day - st.burn_in);
    t.departure.push_back(R.departure[i]);
    t.departure_day.push_back(present ? kPresent : R.death_day[i] - st.burn_in);
    t.isolated.push_back(present && of_age && R.core[i].outside_ties == 0);
    t.outside_ties.push_back(R.core[i].outside_ties);
    t.conditions.push_back(R.core[i].conditions);
    t.open_needs.push_back(saturated(open));
    t.known_needs.push_back(saturated(known));
    t.place.push_back(R.core[i].place);
    t.in_programme.push_back(R.in_programme[i]);
    t.sociability.push_back(R.sociability[i]);
    t.help_seeking.push_back(R.help_seeking[i]);
  }
}

void add_households(const State& st, SnapshotHouseholds& t) {
  const Households& H = st.households;
  for (std::size_t i = 0; i < H.size(); ++i) {
    const auto h = static_cast<std::int32_t>(i);
    const bool occupied = H.members[i] > 0;
    t.id.push_back(h);
    t.block.push_back(H.block[i]);
    t.district.push_back(st.block_district[H.block[i]]);
    t.type.push_back(static_cast<std::uint8_t>(household_type(st, h)));
    t.members.push_back(H.members[i]);
    t.isolated.push_back(occupied && H.connected[i] == 0);
    t.registered.push_back(H.registered[i]);
    t.compound.push_back(occupied ? compound_tags(st, h) : 0);
  }
}

// Each tie once, from its lower end, in the order of (a, b): an order that does not depend on how
// the tie store lays out its records and blocks.
void add_ties(const State& st, SnapshotTies& t) {
  std::vector<std::pair<std::int32_t, std::uint32_t>> higher;  // (other end, tie) of one resident
  for (std::size_t i = 0; i < st.residents.size(); ++i) {
    const auto r = static_cast<std::int32_t>(i);
    higher.clear();
    for_each_tie(st, r, [&](std::uint32_t tie, std::int32_t other) {
      if (other > r) higher.emplace_back(other, tie);
    });
    std::sort(higher.begin(), higher.end());
    for (const auto& [other, tie] : higher) {
      const Tie& record = st.ties.records[tie];
      t.a.push_back(r);
      t.b.push_back(other);
      t.kind.push_back(static_cast<std::uint8_t>(record.kind()));
      t.active.push_back(record.status() == kActive);
      t.origin.push_back(static_cast<std::uint8_t>(record.origin()));
    }
  }
}

}  // namespace

PopulationSnapshot take_snapshot(const Context& ctx, const State& st) {
  PopulationSnapshot s;
  s.day = static_cast<std::int32_t>(st.today - 1 - st.burn_in);
  // The internal day whose end this is; the State as built counts as the start of day 0.
  const Day ended = std::max<Day>(st.today - 1, 0);
  add_residents(ctx, st, ended, s.residents);
  add_households(st, s.households);
  add_ties(st, s.ties);
  return s;
}

}  // namespace kyosei
