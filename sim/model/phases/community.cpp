// Community building (地域づくり, docs/ODD.md §7 "Community building"): places in every district with a
// number of regular attendees. Free seats are offered every day to residents of the district, who
// accept by sociability and age (older residents and parents of young children come more).
// Attending is a connection outside the household, renews the attendee's dormant ties faster and
// makes them watch and report more, so neighbours notice more.
#include <algorithm>
#include <cmath>
#include <vector>

#include "model/context.hpp"
#include "model/episodes.hpp"
#include "model/events.hpp"
#include "model/phases.hpp"
#include "model/phases/community.hpp"
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

void attend(const Context& ctx, State& st, std::int32_t r, std::int32_t place) {
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

// A free seat offered to a resident of the place's district, with the draws that decide it.
struct Offer {
  std::int32_t place, resident;
  Draws draws;
};

// The day's offers, place by place and seat by seat: each free seat of a place in force goes to one
// resident of its district, drawn at random. Who is offered a seat depends on the free seats
// alone, which deciding other places' offers leaves as they are, so the offers are drawn before
// any is decided and the residents' memory is asked for at once: about 200 residents a day at a
// million, each anywhere in memory.
std::vector<Offer> draw_offers(const Context& ctx, const State& st) {
  const LeverState& L = st.levers;
  std::vector<Offer> offers;
  // Places of a district are laid out district by district; those in force are open.
  const std::int32_t per_district = st.districts > 0 ? places_in_force(ctx, st) / st.districts : 0;
  const auto laid_out = static_cast<std::int32_t>(L.place_district.size()) / std::max(1, st.districts);
  for (std::int32_t district = 0; district < st.districts; ++district) {
    const std::int32_t first = L.district_first_resident[district], end = L.district_first_resident[district + 1];
    if (end <= first) continue;
    for (std::int32_t place = district * laid_out; place < district * laid_out + per_district; ++place) {
      const std::int64_t free = ctx.scenario.community.capacity - L.place_attendees[place];
      for (std::int64_t seat = 0; seat < free; ++seat) {
        Draws d = ctx.draws(Process::place_attendance, static_cast<std::uint32_t>(place), st.today,
                            static_cast<std::uint32_t>(seat) + 2);
        const auto r = first + static_cast<std::int32_t>(d.below(static_cast<std::uint32_t>(end - first)));
        __builtin_prefetch(&st.residents.death_day[r]);
        __builtin_prefetch(&st.residents.core[r]);
        __builtin_prefetch(&st.residents.household[r]);
        __builtin_prefetch(&st.residents.sociability[r]);
        __builtin_prefetch(&st.residents.next_member[r]);  // and so, mostly, its household's members'
        offers.push_back({place, r, d});
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
void decide(const Context& ctx, State& st, Offer& offer) {
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
  for (Offer& offer : draw_offers(ctx, st)) decide(ctx, st, offer);
}

}  // namespace kyosei
