// Community building (地域づくり, docs/ODD.md §7 "Community building"): places in every district with a
// number of regular attendees. Free seats are offered every day to residents of the district, who
// accept by sociability and age (older residents and parents of young children come more).
// Some seats go by personal invitation to isolated residents a commissioner or an agency knows, or
// whom a regular knows and brings along.
// Attending is a connection outside the household, makes new ties with the regulars, renews the
// attendee's dormant ties faster and makes them watch and report more, so neighbours notice more.
#include <algorithm>
#include <cmath>
#include <vector>

#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/events.hpp"
#include "model/phases.hpp"
#include "model/phases/community.hpp"
#include "model/phases/tie_formation.hpp"
#include "model/phases/ties.hpp"
#include "model/residents.hpp"

namespace kyosei {
namespace {

bool prefers_places(const State& st, std::int32_t r) {
  if (st.residents.age(r, st.today) >= 65) return true;
  bool infant = false;
  for_each_member(st, st.residents.household[r],
                  [&](std::int32_t m) { infant = infant || st.residents.age(m, st.today) < 6; });
  return infant;
}

// Meeting the regulars: Poisson(community.ties_per_attendee) of them, drawn at random, become ties.
void meet_regulars(const Context& ctx, State& st, std::int32_t r, std::int32_t place) {
  const std::vector<std::int32_t>& regulars = st.levers.place_members[place];
  Draws d = ctx.draws(Process::place_ties, static_cast<std::uint32_t>(r), st.today);
  const std::uint32_t meetings = d.poisson(ctx.scenario.community.ties_per_attendee);
  for (std::uint32_t i = 0; i < meetings && !regulars.empty(); ++i) {
    const std::int32_t other = regulars[d.below(static_cast<std::uint32_t>(regulars.size()))];
    if (can_form_tie(ctx, st, r, other)) form_tie(ctx, st, r, other, TieKind::friendship, TieOrigin::place);
  }
}

void attend(const Context& ctx, State& st, std::int32_t r, std::int32_t place) {
  meet_regulars(ctx, st, r, place);
  st.levers.place_members[place].push_back(r);
  st.residents.core[r].place = place;
  ++st.levers.place_attendees[place];
  ++st.levers.attendees;
  change_outside_ties(ctx, st, r, +1);
  Draws d = ctx.draws(Process::place_attendance, static_cast<std::uint32_t>(r), st.today, 1);
  st.calendars.community.schedule(event_day(st.today, d.exponential(1.0 / ctx.scenario.community.mean_attendance_days)),
                                  {r, 0, 0, 0});
  redraw_ties_of(st, r);
  refresh_resident(ctx, st, r);  // attending raises r's own detection bound, no one else's
}

// A district's housing blocks (a run of consecutive blocks) and the most residents any of them
// holds today (their rosters: the residents present, newcomers and those born since the start
// included). The phase moves nobody between blocks, so a day's figures hold through it.
struct DistrictBlocks {
  std::int32_t first = 0;
  std::uint32_t count = 0, largest = 0;
};

std::vector<DistrictBlocks> district_blocks(const State& st) {
  std::vector<DistrictBlocks> districts(static_cast<std::size_t>(st.districts));
  const auto& rosters = st.ties.block_residents;
  for (std::size_t b = 0; b < st.block_district.size(); ++b) {
    DistrictBlocks& D = districts[static_cast<std::size_t>(st.block_district[b])];
    if (D.count++ == 0) D.first = static_cast<std::int32_t>(b);
    if (b < rosters.size()) D.largest = std::max(D.largest, static_cast<std::uint32_t>(rosters[b].size()));
  }
  return districts;
}

// A resident present in the district, each equally likely: a block of the district and a place
// below the largest roster, drawn again until the place is held (accepted at mean over largest
// roster, about 0.8 at the defaults); -1 when nobody is present.
std::int32_t district_resident(const State& st, const DistrictBlocks& D, Draws& d) {
  if (D.largest == 0) return -1;
  for (;;) {
    const std::vector<std::int32_t>& roster =
        st.ties.block_residents[D.first + static_cast<std::int32_t>(d.below(D.count))];
    const std::uint32_t at = d.below(D.largest);
    if (at < roster.size()) return roster[at];
  }
}

// A free seat offered to a resident of the place's district, with the draws that decide it; an
// invitation goes to a known isolated resident instead when one is found.
struct Offer {
  std::int32_t place, resident;
  bool invitation;
  Draws draws;
};

// Residents an invitation looks through, at random in the district, for a known isolated one.
constexpr int kInvitationSearch = 16;

// Isolated: alive, no outside tie, of isolation age, at no place.
bool isolated(const Context& ctx, const State& st, std::int32_t r) {
  return st.residents.alive(r) && st.residents.core[r].outside_ties == 0 && st.residents.core[r].place < 0 &&
         st.residents.age(r, st.today) >= ctx.scenario.ties.isolation_min_age;
}

// Isolated and known: in a household on a commissioner's list, or with a need an agency has heard of.
bool known_isolated(const Context& ctx, const State& st, std::int32_t r) {
  if (!isolated(ctx, st, r)) return false;
  if (st.households.registered[st.residents.household[r]]) return true;
  for (std::int32_t e = st.residents.first_open[r]; e >= 0; e = st.episodes.next_open[e])
    if (st.episodes.first_contact[e] != kNever) return true;
  return false;
}

// An isolated acquaintance of one of the place's regulars, drawn at random, whom the regular
// brings along (誘い合い: a tie out of touch is still known); -1 when the regular knows none.
std::int32_t brought_by_a_regular(const Context& ctx, const State& st, std::int32_t place, Draws& d) {
  const std::vector<std::int32_t>& regulars = st.levers.place_members[place];
  if (regulars.empty()) return -1;
  const std::int32_t regular = regulars[d.below(static_cast<std::uint32_t>(regulars.size()))];
  std::int32_t found = -1;
  for_each_tie(st, regular, [&](std::uint32_t, std::int32_t other) {
    if (found < 0 && isolated(ctx, st, other)) found = other;
  });
  return found;
}

// The day's offers, place by place and seat by seat: each free seat of a place in force goes to one
// resident of its district, drawn at random. Who is offered a seat depends on the free seats
// alone, which deciding other places' offers leaves as they are, so the offers are drawn before
// any is decided and the residents' memory is asked for at once: about 200 residents a day at a
// million, each anywhere in memory.
std::vector<Offer> draw_offers(const Context& ctx, const State& st, const std::vector<DistrictBlocks>& districts) {
  const LeverState& L = st.levers;
  std::vector<Offer> offers;
  // Places of a district are laid out district by district; those in force are open.
  const std::int32_t per_district = st.districts > 0 ? places_in_force(ctx, st) / st.districts : 0;
  const auto laid_out = static_cast<std::int32_t>(L.place_district.size()) / std::max(1, st.districts);
  for (std::int32_t district = 0; district < st.districts; ++district) {
    const DistrictBlocks& D = districts[static_cast<std::size_t>(district)];
    if (D.largest == 0) continue;
    for (std::int32_t place = district * laid_out; place < district * laid_out + per_district; ++place) {
      const std::int64_t free = ctx.scenario.community.capacity - L.place_attendees[place];
      for (std::int64_t seat = 0; seat < free; ++seat) {
        Draws d = ctx.draws(Process::place_attendance, static_cast<std::uint32_t>(place), st.today,
                            static_cast<std::uint32_t>(seat) + 2);
        const std::int32_t r = district_resident(st, D, d);
        __builtin_prefetch(&st.residents.death_day[r]);
        __builtin_prefetch(&st.residents.core[r]);
        __builtin_prefetch(&st.residents.household[r]);
        __builtin_prefetch(&st.residents.sociability[r]);
        __builtin_prefetch(&st.residents.next_member[r]);  // and so, mostly, its household's members'
        const bool invitation = d.bernoulli(ctx.scenario.community.invitation_share);
        offers.push_back({place, r, invitation, d});
      }
    }
  }
  // The head of each resident's member list (prefers_places), once its household has come.
  for (const Offer& offer : offers)
    __builtin_prefetch(&st.households.first_member[st.residents.household[offer.resident]]);
  return offers;
}

// The resident takes the seat offered if alive, of age, not at a place already, and willing:
// acceptance grows with sociability; the preferred groups come older_preference times as often.
// An invitation: the first known isolated resident among kInvitationSearch drawn in the district
// or, when none is, an isolated acquaintance of one of the place's regulars, accepts with
// probability community.invitation_acceptance; false when nobody was found, and the seat is
// offered as any other.
bool invite(const Context& ctx, State& st, const DistrictBlocks& district, Offer& offer) {
  std::int32_t invited = -1;
  for (int i = 0; i < kInvitationSearch && invited < 0; ++i) {
    const std::int32_t r = district_resident(st, district, offer.draws);
    if (known_isolated(ctx, st, r)) invited = r;
  }
  if (invited < 0) invited = brought_by_a_regular(ctx, st, offer.place, offer.draws);
  if (invited < 0) return false;
  if (offer.draws.bernoulli(ctx.scenario.community.invitation_acceptance)) attend(ctx, st, invited, offer.place);
  return true;
}

void decide(const Context& ctx, State& st, const std::vector<DistrictBlocks>& districts, Offer& offer) {
  const DistrictBlocks& district = districts[static_cast<std::size_t>(st.levers.place_district[offer.place])];
  if (offer.invitation && invite(ctx, st, district, offer)) return;
  const Scenario::Community& C = ctx.scenario.community;
  const std::int32_t r = offer.resident;
  if (!st.residents.alive(r) || st.residents.core[r].place >= 0 ||
      st.residents.age(r, st.today) < ctx.scenario.ties.isolation_min_age)
    return;
  const double preference = prefers_places(st, r) ? 1.0 : 1.0 / std::max(1.0, C.older_preference);
  if (offer.draws.bernoulli(std::min(1.0, 0.5 * st.residents.sociability[r] * preference)))
    attend(ctx, st, r, offer.place);
}

}  // namespace

std::int32_t places_in_force(const Context& ctx, const State& st) {
  const auto per_district = static_cast<std::int32_t>(std::ceil(ctx.scenario.community.places_per_district));
  return std::min<std::int32_t>(per_district * st.districts,
                                static_cast<std::int32_t>(st.levers.place_district.size()));
}

void leave_place(const Context& ctx, State& st, std::int32_t r) {
  std::vector<std::int32_t>& members = st.levers.place_members[st.residents.core[r].place];
  members.erase(std::find(members.begin(), members.end(), r));
  --st.levers.place_attendees[st.residents.core[r].place];
  --st.levers.attendees;
  st.residents.core[r].place = -1;
  change_outside_ties(ctx, st, r, -1);
  redraw_ties_of(st, r);
}

void phase_community(const Context& ctx, State& st) {
  const std::vector<Event>& leaving = st.calendars.community.bucket(st.today);
  for (const Event& ev : leaving) {
    __builtin_prefetch(&st.residents.death_day[ev.id]);
    __builtin_prefetch(&st.residents.core[ev.id]);
  }
  for (const Event& ev : leaving)
    if (st.residents.alive(ev.id) && st.residents.core[ev.id].place >= 0) leave_place(ctx, st, ev.id);
  st.calendars.community.release(st.today);
  const std::vector<DistrictBlocks> districts = district_blocks(st);
  for (Offer& offer : draw_offers(ctx, st, districts)) decide(ctx, st, districts, offer);
}

}  // namespace kyosei
