#pragma once
// Internal interface of the engine: construction steps, the helpers that several day phases
// share, and the phases themselves. Every function reads the immutable Scenario and writes the
// State (DESIGN.md principle 1).
#include <functional>
#include <string_view>
#include <vector>

#include "kyosei/scenario.hpp"
#include "kyosei/state.hpp"
#include "rng.hpp"

namespace kyosei {

struct Context {
  const Scenario& scenario;
  RngKey key;
  int threads;
  Draws draws(Process process, std::uint32_t entity, Day day, std::uint32_t draw = 0) const {
    return Draws(key, process, entity, day, draw);
  }
};

// Event kinds, per calendar.
enum DemographyEvent : std::uint8_t { kDeath = 0, kBirth, kComeOfAge };
enum OnsetEvent : std::uint8_t { kOnset = 0, kRecovery, kProgrammeRecovery };
enum IntakeEvent : std::uint8_t { kReferralArrival = 0, kHandOffArrival, kHandOffRetry };

// First day of an event whose waiting time from `today` is `wait_days` (continuous). Events
// happen on a later day than the one that schedules them, so a phase never adds to a bucket it
// has already processed.
Day event_day(Day today, double wait_days);

// --- construction (initialise.cpp, population.cpp, ties.cpp, agencies.cpp, conditions.cpp) ----
// The run's length and its empty calendars, before anything is built.
void start_clock(const Context& ctx, State& st);
void build_population(const Context& ctx, State& st);
void build_ties(const Context& ctx, State& st);
// Lays out the agencies (with an outreach team if `with_outreach`) and sizes them.
void build_agencies(const Context& ctx, State& st, bool with_outreach);
// Staff and capacity of every agency from the parameters in force; admits queued needs if a
// capacity grew.
void size_agencies(const Context& ctx, State& st);
void seed_conditions(const Context& ctx, State& st);

// --- residents and households (residents.cpp) -------------------------------------------------
std::int32_t add_resident(const Context& ctx, State& st, std::int32_t household, Day birth_day,
                          bool female, float help_seeking, float sociability);
// Takes a resident who died out of its household and out of the running totals.
void remove_resident(const Context& ctx, State& st, std::int32_t r);
Day coming_of_age_day(const Context& ctx, const State& st, std::int32_t r);
bool all_members_older_than(const State& st, std::int32_t household, double age);
void update_registration(const Context& ctx, State& st, std::int32_t household);
// Adds `delta` (+1/-1) active outside ties to r, keeping the isolation totals.
void change_outside_ties(const Context& ctx, State& st, std::int32_t r, int delta);
// The same with the change of the totals returned, to be summed (in any order) and added after;
// with kConcurrent the counters change atomically, for threads changing residents at once (a
// locked add costs far more than a plain one, and a run on one thread needs none).
struct IsolationChange {
  std::int64_t isolated_eligible = 0, isolated_households = 0;
};
template <bool kConcurrent>
IsolationChange change_outside_ties_counted(const Context& ctx, State& st, std::int32_t r, int delta);
bool isolation_eligible(const Context& ctx, const State& st, std::int32_t r);
template <class F>
void for_each_member(const State& st, std::int32_t household, F&& f) {
  for (std::int32_t m = st.households.first_member[household]; m >= 0;
       m = st.residents.next_member[m])
    f(m);
}

// --- life events (conditions.cpp) -------------------------------------------------------------
void schedule_onset(const Context& ctx, State& st, std::int32_t r, NeedKind kind);
void schedule_recovery(const Context& ctx, State& st, std::int32_t r, NeedKind kind);
// The extra hazard of leaving withdrawal that a participation programme adds while it lasts.
void schedule_programme_recovery(const Context& ctx, State& st, std::int32_t r);
void schedule_births(const Context& ctx, State& st, std::int32_t r);
void schedule_life_events(const Context& ctx, State& st, std::int32_t r);
// Every resident's life events (initialisation), in resident order.
void schedule_every_life_event(const Context& ctx, State& st);
std::uint16_t condition_bit(NeedKind kind);
// Ends a condition (recovery or resolved service) and schedules its next onset.
void clear_condition(const Context& ctx, State& st, std::int32_t r, NeedKind kind);
void open_prevalent_needs(const Context& ctx, State& st, std::int32_t r);
// r lived on the pension of a member who died: r's income ends, and a poverty need begins today
// unless r already has one. Returns the new episode, or -1.
std::int32_t lose_pension_income(const Context& ctx, State& st, std::int32_t r);

// --- episodes (episodes.cpp) ------------------------------------------------------------------
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

// --- solitary deaths (solitary_deaths.cpp) ----------------------------------------------------
// Called as r dies, before anything of r is taken away: if r lived alone and died at home,
// records the death with its day and channel of discovery.
void record_solitary_death(const Context& ctx, State& st, std::int32_t r);
// An upper bound of detection_rates(e).total() that holds until a birth into the household, a
// registration or joining a place raises it (each refreshes the residents concerned).
double detection_bound(const Context& ctx, const State& st, std::int32_t e);

// --- intake and routing (intake.cpp) ----------------------------------------------------------
IntakeMode intake_mode(const Context& ctx, const State& st);
HandOff handoff_style(const Context& ctx, const State& st);
// The agency that owns a field for a household, or -1 (a gap need under silo intake).
std::int32_t owner_agency(const Context& ctx, const State& st, std::int32_t e);
// A contact about episode e reaches window `window` through `channel`.
void contact(const Context& ctx, State& st, std::int32_t e, Channel channel, std::int32_t window);
// A contact chooses its window from the person's (or institution's) knowledge.
std::int32_t choose_window(const Context& ctx, State& st, std::int32_t e, Channel channel);
// An agency takes responsibility for episode e at `window`; with `assess_household` it then looks
// at the household's other needs (integrated: takes them on; silo: refers those it notices).
void accept(const Context& ctx, State& st, std::int32_t e, std::int32_t window, Channel channel,
            bool assess_household = true);
// The agency that will serve an accepted need (its owner, or who takes needs nobody owns).
std::int32_t serving_agency(const Context& ctx, const State& st, std::int32_t e);
// Sends an accepted need from the agency holding it to the one that will serve it.
void route_accepted(const Context& ctx, State& st, std::int32_t e);
// Episodes::planned while the need waits for its household's support plan.
inline constexpr Day kAwaitingPlan = -2;

// --- multi-agency collaboration (phase_collaboration.cpp) -------------------------------------
// Whether an accepted need's household goes to a coordinator (the need is handed on meanwhile).
bool needs_plan(const Context& ctx, const State& st, std::int32_t e);
void queue_for_plan(const Context& ctx, State& st, std::int32_t household, std::int32_t agency);

// --- participation support and community places (phase_participation.cpp, phase_community.cpp) -
// A resident who is isolated or withdrawn, met by an agency, is offered a programme place.
void offer_participation(const Context& ctx, State& st, std::int32_t r);
// Community places: how many there are in force, and ending a resident's attendance.
std::int32_t places_in_force(const Context& ctx, const State& st);
void leave_place(const Context& ctx, State& st, std::int32_t r);
void leave_programme(const Context& ctx, State& st, std::int32_t r, bool completed);

// --- service (service.cpp) --------------------------------------------------------------------
void request_service(const Context& ctx, State& st, std::int32_t e, std::int32_t agency);
// Fills free caseload places from the agency's queue, first come first served.
void admit_from_queue(const Context& ctx, State& st, std::int32_t agency);
// Frees the caseload place of an episode that ends outside service (death).
void release_case(const Context& ctx, State& st, std::int32_t e);

// --- ties (tie_dynamics.cpp) ------------------------------------------------------------------
struct TieRates {
  double decay, renewal;  // per year
};
// Decay and renewal hazards of a tie given both ends' age and withdrawal.
TieRates tie_rates(const Context& ctx, const State& st, std::uint32_t tie);
// A change of the tie's rates (or status): its scheduled flip no longer holds, and its next one is
// drawn with today's flips (phase_ties). A tie's rates change only through the changes that call
// this, so drawing at the day's end from the version of the last change gives the flip the draw
// that change would have made: the same key (tie, day, version) and the same rates. Superseded
// changes of the day draw nothing.
void redraw_tie_flip(State& st, std::uint32_t tie);
// Initialisation: every tie's start status (active or dormant), the outside ties and isolation
// totals it gives, and its first flip.
void start_ties(const Context& ctx, State& st);
void redraw_ties_of(State& st, std::int32_t r);
void remove_ties_of(const Context& ctx, State& st, std::int32_t r);
template <class F>
void for_each_tie(const State& st, std::int32_t r, F&& f) {
  if (static_cast<std::size_t>(r) >= boost::num_vertices(st.ties.graph)) return;  // born later
  const auto [first, last] = boost::out_edges(static_cast<std::uint32_t>(r), st.ties.graph);
  const auto tie_of = [&](const auto& arc) { return st.ties.tie_of_arc[boost::get(boost::edge_index, st.ties.graph, arc)]; };
  // The tie records and the other ends' core records lie anywhere in memory: asked for all at
  // once, their loads overlap instead of following one another through `f`.
  for (auto it = first; it != last; ++it) {
    __builtin_prefetch(&st.ties.records[tie_of(*it)]);
    __builtin_prefetch(&st.residents.core[boost::target(*it, st.ties.graph)]);
  }
  for (auto it = first; it != last; ++it) f(tie_of(*it), static_cast<std::int32_t>(boost::target(*it, st.ties.graph)));
}

// --- warnings (warnings.cpp) -------------------------------------------------------------------
// Counts one occurrence of `warning` in the State (and so in the results).
void count_warning(State& st, Warning warning);
// The warnings counted so far, by name in kWarnings order, those never counted left out.
std::vector<std::pair<std::string, std::int64_t>> counted_warnings(const State& st);

// --- the outreach team's target list (outreach_targets.cpp) ------------------------------------
// Makes the list again when a month has passed since it was made, or the team has visited to its end.
void remake_target_list_when_due(const Context& ctx, State& st);
// The next household down the list, in visiting order; -1 at its end.
std::int32_t next_target(const Context& ctx, State& st);

// --- the day's phases, in MODEL.md §3 order (one source file each) --------------------------
void phase_demography(const Context& ctx, State& st);
void phase_onset(const Context& ctx, State& st);
void phase_progression(const Context& ctx, State& st);
void phase_detection(const Context& ctx, State& st);
void phase_intake(const Context& ctx, State& st);
void phase_collaboration(const Context& ctx, State& st);
void phase_service(const Context& ctx, State& st);
void phase_outreach(const Context& ctx, State& st);
void phase_participation(const Context& ctx, State& st);
void phase_community(const Context& ctx, State& st);
// Phase 10 in two steps. The waits to today's flips' next flips at rate 1 (exponential(1)) are
// keyed by the flips' events alone, so they are drawn apart from the flips: by the other threads
// while `earlier` (the day's phases 1-9) runs on this one when there are many, otherwise after
// it. The flips then divide each wait by the tie's current rate. `earlier` runs inside a parallel
// region: a parallel region of its own would get one thread.
std::vector<double> draw_flip_waits(const Context& ctx, const State& st, const std::function<void()>& earlier);
void phase_ties(const Context& ctx, State& st, const std::vector<double>& waits);
void phase_record(const Context& ctx, State& st);

}  // namespace kyosei
