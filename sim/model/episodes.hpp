#pragma once
// Need episodes (episodes.cpp): opening and closing them, and the hazards of their detection.
#include <array>
#include <cstdint>

#include "model/context.hpp"

namespace kyosei {

// Episodes a run is expected to open: 0.025 a resident-year (full_juso opens about 0.017 at the
// defaults, those open at the start included) over the run's years and one more; reserved in every
// episode column before the first opens, so that no column is copied to a larger one during the
// run (docs/performance.md, "Peak memory (branch h19mem)").
std::size_t episode_rows_room(const State& st, std::size_t residents);
void reserve_episode_rows(State& st, std::size_t rows);
std::int32_t open_episode(const Context& ctx, State& st, std::int32_t r, NeedKind kind, Field field);
// Closes an open episode (remitted, resolved, died): off the resident's open list and totals.
void close_episode(const Context& ctx, State& st, std::int32_t e, Outcome outcome);
std::uint8_t compound_tags(const State& st, std::int32_t household);
// Draws the next candidate detection of an undetected episode at its detection_bound.
void reschedule_detection(const Context& ctx, State& st, std::int32_t e);
// The detection bounds of r's episodes may have risen: redraws those whose bound rose. Only what
// raises a bound calls it (a birth, a registration, joining a place; a new epoch redraws all):
// between those, bounds only fall, and thinning needs no redraw.
void refresh_resident(const Context& ctx, State& st, std::int32_t r);

struct ChannelRates {
  std::array<double, kChannelCount> per_day{};  // indexed by Channel; crisis is separate
  double total() const;
};
ChannelRates detection_rates(const Context& ctx, const State& st, std::int32_t e);
// Days between a commissioner's visits to a registered household, stretched when the registered
// households outnumber what the commissioners can visit.
double commissioner_round_days(const Context& ctx, const State& st);
// Contacts per day along an active tie, and with the other attendees of a community place.
double tie_contact(const Context& ctx, const State& st, std::uint32_t tie);
double place_contact(const Context& ctx);
// An upper bound of detection_rates(e).total() that holds until a birth into the household, a
// registration, joining a place or a story of a tie helped raises it (each refreshes the residents
// concerned); it takes the awareness of the integrated window as complete.
double detection_bound(const Context& ctx, const State& st, std::int32_t e);

}  // namespace kyosei
