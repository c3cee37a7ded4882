// The table of the day's phases (phase_table.hpp), in the order of docs/ODD.md §3.
#include "model/phase_table.hpp"

#include "model/phases.hpp"
#include "model/phases/tie_formation.hpp"

namespace kyosei {
namespace {

template <auto calendar>
std::int64_t handed_out(const State& st) {
  return (st.calendars.*calendar).processed();
}

// The ties' phase on its own: the waits of today's flips drawn first, then the flips.
void ties_with_their_waits(const Context& ctx, State& st) {
  phase_ties(ctx, st, draw_flip_waits(ctx, st, [] {}));
}

using C = State::Calendars;

}  // namespace

const std::array<Phase, 16> kDayPhases = {{
    {"demography", phase_demography, handed_out<&C::demography>},  // 1. deaths, births, coming of age, 65th birthdays
    {"households", phase_households, handed_out<&C::households>},  //    leaving home, partnership
    {"care_entry", phase_care_entry, handed_out<&C::care_entry>},  //    moves into residential care
    {"migration", phase_migration, handed_out<&C::migration>},     //    moves out and newcomers
    {"onset", phase_onset, handed_out<&C::onset>},                 // 2. new conditions open needs; recoveries
    {"progression", phase_progression, handed_out<&C::progression>},  // 3. undetected needs reaching a crisis
    {"detection", phase_detection, handed_out<&C::detection>},  // 4. self-referral, ties, commissioners, institutions
    {"intake", phase_intake, handed_out<&C::intake>},           // 5. referrals and hand-offs arriving
    {"collaboration", phase_collaboration, nullptr},            //    support plans for compound households
    {"service", phase_service, handed_out<&C::service>},        // 6. service ends, queues move
    {"outreach", phase_outreach, handed_out<&C::outreach>},     // 7. outreach visits
    {"participation", phase_participation, handed_out<&C::participation>},  // 8. participation support programmes
    {"community", phase_community, handed_out<&C::community>},              // 9. community places
    {"formation", phase_tie_formation, handed_out<&C::formation>},          //    new ties: neighbours, friends
    {"ties", ties_with_their_waits, handed_out<&C::ties>},                  // 10. tie decay and renewal, isolation
    {"record", phase_record, nullptr},                                      // 11. the day's row of the series
}};

}  // namespace kyosei
