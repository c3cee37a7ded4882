#pragma once
// The mutable State of one run: structures of flat arrays for
// residents, households, ties, episodes and agencies, the day-bucketed event calendars of each
// phase, and the running counters from which the daily series are read. Internal day 0 is the
// start of the burn-in; recorded day = internal day - burn_in_days.
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <vector>

#include "kyosei/engine/calendar.hpp"
#include "kyosei/model/fields.hpp"
#include "kyosei/model/results.hpp"
#include "kyosei/model/warnings.hpp"

namespace kyosei {

inline constexpr double kDaysPerYear = 365.25;

// Condition bits of a resident.
enum ConditionBit : std::uint16_t {
  kCare = 1u << 0,
  kDementia = 1u << 1,
  kDisability = 1u << 2,
  kCertified = 1u << 3,
  kWithdrawn = 1u << 4,
  kNoIncome = 1u << 5,
  kChildNeed = 1u << 6,
};

// The conditions that open a need episode, each with one open episode at most per resident.
enum class NeedKind : std::uint8_t { care = 0, disability, withdrawal, poverty, child };
inline constexpr int kNeedKindCount = 5;

// Every member of the State is listed once, in the member lists below (one list per group), with
// its type and meaning. The structs declare their members from these lists, and the checkpoint
// (sim/model/state_visit.hpp), the byte counts of state_member_bytes() (state_layout.hpp) and
// docs/state.md are generated from them. A list names each member with one of:
//
//   A(element type, name, meaning)                  a flat array, std::vector<element type>;
//                                                   a checkpoint saves it as it is
//   V(type, name, initial value, meaning)           a scalar; saved as a one-element array
//   S(type, name, how it is saved, meaning)         any other member: records, deques, calendars,
//                                                   lists of lists; saved by the function `how` of
//                                                   sim/model/state_visit.hpp, which names its
//                                                   datasets
//   D(type, name, meaning)                          derived, not saved: rebuilt when a checkpoint
//                                                   is restored, or empty between days
//
// A type that holds a comma gets an alias first (AgencyOfField), as a macro argument cannot hold
// one. Adding a member is adding its line to its group's list (docs/state.md says more).
#define KYOSEI_DECLARE_STATE_ARRAY(T, name, meaning) std::vector<T> name;
#define KYOSEI_DECLARE_STATE_VALUE(T, name, initial, meaning) T name = initial;
#define KYOSEI_DECLARE_STATE_OTHER(T, name, how, meaning) T name{};
#define KYOSEI_DECLARE_STATE_DERIVED(T, name, meaning) T name{};
#define KYOSEI_DECLARE_STATE_MEMBERS(LIST) \
  LIST(KYOSEI_DECLARE_STATE_ARRAY, KYOSEI_DECLARE_STATE_VALUE, KYOSEI_DECLARE_STATE_OTHER, KYOSEI_DECLARE_STATE_DERIVED)
// Reserves `rows` elements in every flat array (A) of a member list, in the group object named
// `group` where it is expanded (reserve_resident_rows and the like, before a group's rows fill).
#define KYOSEI_RESERVE_STATE_ARRAY(T, name, meaning) group.name.reserve(rows);
#define KYOSEI_SKIP_STATE_MEMBER(...)
#define KYOSEI_RESERVE_STATE_ARRAYS(LIST) \
  LIST(KYOSEI_RESERVE_STATE_ARRAY, KYOSEI_SKIP_STATE_MEMBER, KYOSEI_SKIP_STATE_MEMBER, KYOSEI_SKIP_STATE_MEMBER)

// The run's clock. Internal day 0 is the start of the burn-in.
#define KYOSEI_RUN_MEMBERS(A, V, S, D)                              \
  V(Day, today, 0, "Internal day of the next step")                 \
  V(Day, burn_in, 0, "Days of burn-in before the recorded horizon") \
  V(Day, total_days, 0, "Burn-in and recorded days")                \
  V(std::int64_t, initial_residents, 0, "The municipality's population at the start")

// The fields of a resident that the phases read most, for residents met at random (the ends of a
// flipping tie, the ties of a need being watched): together, one cache line instead of four
// (docs/performance.md), in 12 bytes.
struct ResidentCore {
  Day birth_day;               // negative: born before the run
  std::int32_t place;          // community place attended, -1
  std::uint16_t outside_ties;  // active ties outside the household, +1 in a programme, +1 at a place
  std::uint16_t conditions;    // ConditionBit set
};

// Residents, index = resident id (births append). Fields touched by the daily phases first.
#define KYOSEI_RESIDENT_MEMBERS(A, V, S, D)                                               \
  S(std::vector<ResidentCore>, core, columns,                                             \
    "Birth day (negative: born before the run), "                                         \
    "community place attended (-1), active ties outside the household, ConditionBit set") \
  A(std::int32_t, household, "Household the resident lives in")                           \
  A(std::int32_t, first_open, "First open episode, linked by episodes' next_open; -1")    \
  A(Day, death_day, "kNever while alive")                                                 \
  A(std::uint8_t, female, "1 woman, 0 man")                                               \
  A(float, help_seeking, "Propensity to seek help, mean 1")                               \
  A(float, sociability, "Propensity to form and keep ties, mean 1")                       \
  A(std::uint8_t, discouragement, "Refusals and lost referrals so far (saturates)")       \
  A(std::int8_t, word_of_mouth, "Ties helped minus ties turned away (capped)")            \
  A(std::int32_t, next_member, "Next resident of the same household, -1")                 \
  A(std::int32_t, partner, "Partner living in the same household, -1")                    \
  A(std::uint8_t, in_programme, "In a participation support programme")                   \
  A(std::uint8_t, departure, "Departure: present, or why the resident left")

struct Residents {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_RESIDENT_MEMBERS)

  std::size_t size() const { return core.size(); }
  // Present in the community's households: not dead, moved away or in residential care.
  bool alive(std::size_t r) const { return death_day[r] == kNever; }
  bool has(std::size_t r, std::uint16_t bits) const { return (core[r].conditions & bits) != 0; }
  double age(std::size_t r, Day today) const { return (today - core[r].birth_day) / kDaysPerYear; }
  Day days_lived(std::size_t r, Day today) const { return today - core[r].birth_day; }
};

// Why a resident is no longer among the community's households (death_day holds the day).
enum class Departure : std::uint8_t { present = 0, died, moved_out, in_care, died_in_care };

// The fewest days lived at which age() reaches `years`: days_lived(r, today) >= days_to_age(years)
// exactly when age(r, today) >= years, without a division, for a loop over many residents.
inline Day days_to_age(double years) {
  auto d = static_cast<Day>(std::ceil(years * kDaysPerYear));
  while ((d - 1) / kDaysPerYear >= years) --d;
  while (d / kDaysPerYear < years) ++d;
  return d;
}

// Households, index = household id.
#define KYOSEI_HOUSEHOLD_MEMBERS(A, V, S, D)                                          \
  A(std::int32_t, first_member, "First alive member, -1 when empty")                  \
  A(std::int32_t, members, "Alive members")                                           \
  A(std::int32_t, connected, "Alive members with an active outside tie")              \
  A(std::int32_t, block, "Block the household lives in")                              \
  A(HouseholdType, type, "Type at formation; household_type() gives the current one") \
  A(std::uint8_t, registered, "On a welfare commissioner's list")                     \
  A(std::uint8_t, had_crisis, "A need of the household ended in a crisis")            \
  A(Day, last_visit, "Outreach visit, kNever before the first")                       \
  A(std::uint8_t, trust, "Outreach visits so far while building trust")               \
  A(Day, last_plan, "Support plan (支援プラン), kNever before the first")             \
  A(std::uint8_t, awaiting_plan, "Plan pending: 0 no, 1 referred to a coordinator, 2 in its queue")

struct Households {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_HOUSEHOLD_MEMBERS)
  std::size_t size() const { return block.size(); }
};

// The municipality's districts, members of the State itself; a checkpoint saves them with the
// households.
#define KYOSEI_DISTRICT_MEMBERS(A, V, S, D)                 \
  A(std::int32_t, block_district, "District of each block") \
  V(std::int32_t, districts, 0, "Districts of the municipality")

// Outside ties: potential ties (acquaintances), each active or dormant; decay and renewal flip
// them, new ones form and ties end with an end (docs/ODD.md §2 "Ties"). Each undirected tie is one
// record, listed in both ends' blocks of tie slots.
enum class TieKind : std::uint8_t { neighbour = 0, friendship = 1 };
inline constexpr int kTieKindCount = 2;
enum TieStatus : std::uint8_t { kDormant = 0, kActive = 1, kGone = 2 };  // kGone: ended, its record free
// Where a tie was made: drawn at the start, or formed during the run in the neighbourhood (a
// neighbour, or a friend met anywhere), through a friend (triadic closure), at a community place or
// in a participation programme.
enum class TieOrigin : std::uint8_t { start = 0, neighbourhood, friend_of_friend, place, programme };
inline constexpr int kTieOriginCount = 5;

// One undirected tie, in one 12-byte record (16 bytes took 15 more a resident at the peak): its
// ends and one word of its version, TieKind, TieStatus and TieOrigin. The version invalidates
// scheduled flips after a rate change and is kept when the record is reused; it has 26 bits, so
// it wraps after 67 million changes of one record. Version and status share the word so that a
// flip writes both at once: a day's flips run in parallel, and other threads read the version of
// a tie whose stale events they hold (phases/ties.cpp).
struct Tie {
  static constexpr std::uint32_t kVersionMask = (1u << 26) - 1;
  static constexpr int kKindShift = 26, kStatusShift = 27, kOriginShift = 29;

  std::int32_t end_a, end_b;
  std::uint32_t word;

  static Tie make(std::int32_t a, std::int32_t b, std::uint32_t version, TieKind kind, std::uint8_t status,
                  TieOrigin origin) {
    return {a, b,
            (version & kVersionMask) | std::uint32_t{static_cast<std::uint8_t>(kind)} << kKindShift |
                std::uint32_t{status} << kStatusShift |
                std::uint32_t{static_cast<std::uint8_t>(origin)} << kOriginShift};
  }
  // The version after `version`.
  static std::uint32_t next(std::uint32_t version) { return (version + 1) & kVersionMask; }
  static std::uint32_t version_of(std::uint32_t word) { return word & kVersionMask; }
  static std::uint8_t status_of(std::uint32_t word) { return static_cast<std::uint8_t>((word >> kStatusShift) & 3u); }
  // `word` with this status and version.
  static std::uint32_t with(std::uint32_t word, std::uint8_t status, std::uint32_t version) {
    return (word & ~(kVersionMask | 3u << kStatusShift)) | std::uint32_t{status} << kStatusShift |
           (version & kVersionMask);
  }

  std::uint32_t version() const { return version_of(word); }
  std::uint8_t status() const { return status_of(word); }  // TieStatus
  TieKind kind() const { return static_cast<TieKind>((word >> kKindShift) & 1u); }
  TieOrigin origin() const { return static_cast<TieOrigin>(word >> kOriginShift); }
  void set_status(std::uint8_t status) { word = with(word, status, version()); }
  // Moves the version on (a rate change) and returns the new one.
  std::uint32_t advance() {
    word = with(word, status(), next(version()));
    return version();
  }
};
static_assert(sizeof(Tie) == 12);

// A tie whose rates changed today, with the version the change gave it.
struct TieRedraw {
  std::uint32_t tie, version;
};

// One end of a tie in a resident's block: the tie, and the resident at its other end.
struct TieSlot {
  std::uint32_t tie;
  std::int32_t other;
};

// A resident's run of tie slots in the arena: slots [first, first + count) are its ties, room for
// `capacity`. A full block moves to a block a quarter larger (sim/model/tie_store.hpp).
struct TieBlock {
  std::uint32_t first = 0;
  std::uint16_t count = 0, capacity = 0;
};

// The tie store (sim/model/tie_store.hpp), saved as it is, free lists included, so a resumed run
// reuses the same records and blocks as the run it continues.
#define KYOSEI_TIE_MEMBERS(A, V, S, D)                                                           \
  S(std::vector<Tie>, records, columns,                                                          \
    "Per tie: its ends (end_a < end_b) and one word: the version that invalidates scheduled "    \
    "flips after a rate change (bits 0-25), its TieKind (26), TieStatus (27-28; kGone: the "     \
    "record is free) and TieOrigin (29-31)")                                                     \
  A(std::uint32_t, free_records, "kGone records, reused last freed first")                       \
  S(std::vector<TieBlock>, blocks, columns, "Per resident: its block of tie slots in the arena") \
  S(std::vector<TieSlot>, arena, columns, "Every block's slots: the tie, and the other end")     \
  S(std::vector<std::vector<std::uint32_t>>, free_blocks, queues,                                \
    "Free blocks by size class: "                                                                \
    "entry k holds blocks of at least 2^k slots")                                                \
  S(std::vector<std::vector<std::int32_t>>, block_residents, queues,                             \
    "Residents of each "                                                                         \
    "housing block, for neighbours to meet")                                                     \
  A(std::int32_t, block_position,                                                                \
    "Each resident's position in its housing block's residents, "                                \
    "-1 when in none")                                                                           \
  A(std::uint8_t, owed,                                                                          \
    "Ties each resident still has to form, per kind (index 2 x resident + "                      \
    "kind, saturating): a meeting of that kind is on the formation calendar exactly while its "  \
    "count is above 0")                                                                          \
  D(std::vector<TieRedraw>, redraws,                                                             \
    "The ties whose rates changed today, in the order of the "                                   \
    "changes: their next flips are drawn with the day's flips (phase_ties), from the rates the " \
    "day ends with. Empty between days")

struct Ties {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_TIE_MEMBERS)
  std::size_t size() const { return records.size(); }
};

// Need episodes, index = episode id (onsets append).
#define KYOSEI_EPISODE_MEMBERS(A, V, S, D)                                            \
  A(std::int32_t, resident, "Resident with the need")                                 \
  A(std::int32_t, household, "Household of the resident at onset")                    \
  A(Field, field, "Field of the need")                                                \
  A(NeedKind, kind, "Condition that opened the need")                                 \
  A(std::uint8_t, compound, "Household compound tags at onset (docs/outputs.md)")     \
  A(HouseholdType, household_type, "Type of the household at onset (household_type)") \
  A(std::int16_t, age, "Age of the resident at onset, years")                         \
  A(Day, onset, "Day the need began")                                                 \
  A(Day, first_contact, "First day any agency heard of it, kNever")                   \
  A(Day, detected, "Day an agency took responsibility, kNever")                       \
  A(Day, covered, "Day the owning agency began service, kNever")                      \
  A(Day, resolved, "Day service ended the need, kNever")                              \
  A(Day, ended, "Day the episode closed for any reason, kNever")                      \
  A(Outcome, outcome, "Where the episode stands")                                     \
  A(Channel, channel, "Of the latest contact; final once detected")                   \
  A(std::int16_t, hops, "Referrals so far; final once detected")                      \
  A(std::int16_t, bounces, "Contacts that ended in a refusal or a lost referral")     \
  A(std::int16_t, agency, "Serving (or queued at) agency, -1")                        \
  A(Day, planned, "Day a support plan took the need on, kNever")                      \
  A(std::uint8_t, recorded, "Onset inside the recorded horizon")                      \
  A(std::uint32_t, version, "Invalidates scheduled detections")                       \
  A(double, detection_bound, "Hazard the scheduled detection was drawn at")           \
  A(std::int32_t, next_open, "Next open episode of the same resident, -1")

struct Episodes {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_EPISODE_MEMBERS)
  std::size_t size() const { return onset.size(); }
};

using AgencyOfField = std::array<std::int32_t, kSiloCount>;

// Agencies, index = agency id.
#define KYOSEI_AGENCY_MEMBERS(A, V, S, D)                                                     \
  S(std::vector<AgencyInfo>, info, columns,                                                   \
    "Name, field, district (-1: municipality-wide), "                                         \
    "staff (FTE) and capacity (open cases at full load) of each agency")                      \
  A(std::int64_t, caseload, "Open cases in service, monitoring included")                     \
  A(std::int64_t, monitoring, "Chronic cases kept open as monitoring")                        \
  S(std::vector<std::deque<std::int32_t>>, queue, queues,                                     \
    "Accepted needs waiting for a free "                                                      \
    "caseload place, per agency")                                                             \
  A(std::int32_t, elderly_centre_of_district,                                                 \
    "The community general support centre of each "                                           \
    "district")                                                                               \
  S(AgencyOfField, agency_of_field, fixed, "The municipality-wide agency of each silo field") \
  V(std::int32_t, outreach, -1, "The outreach team, when any epoch has outreach workers; -1") \
  A(double, district_elderly, "Residents 65+ at the start, by district, which size the centres")

struct AgencyState {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_AGENCY_MEMBERS)
};

// The day-bucketed event calendar of each phase (sim/model/phase_table.cpp).
#define KYOSEI_CALENDAR_MEMBERS(A, V, S, D)                                            \
  S(Calendar, demography, calendar, "Deaths, births, coming of age, 65th birthdays")   \
  S(Calendar, onset, calendar, "New conditions opening needs; recoveries")             \
  S(Calendar, progression, calendar, "Undetected needs reaching a crisis")             \
  S(Calendar, detection, calendar, "Self-referral, ties, commissioners, institutions") \
  S(Calendar, intake, calendar, "Referrals and hand-offs arriving")                    \
  S(Calendar, service, calendar, "Service ends, queues move")                          \
  S(Calendar, outreach, calendar, "Outreach visits")                                   \
  S(Calendar, participation, calendar, "Participation support programmes")             \
  S(Calendar, community, calendar, "Community places")                                 \
  S(FlipCalendar, ties, calendar, "Tie decay and renewal")                             \
  S(Calendar, formation, calendar, "Meetings that form new ties")                      \
  S(Calendar, households, calendar, "Leaving home, partnership")                       \
  S(Calendar, care_entry, calendar, "Moves into residential care")                     \
  S(Calendar, migration, calendar, "Moves out and newcomers")

// A household on the outreach team's target list and its ranking key: the list is visited in the
// order of the keys, then of the households.
struct OutreachTarget {
  double key;
  std::int32_t household;
  auto operator<=>(const OutreachTarget&) const = default;
};

// The jūsō levers' own state (docs/ODD.md §7, "Intake and routing" to "Community building").
// Outreach: visits owed today, and the target list (outreach_targets.cpp). The list is put in
// visiting order a stretch at a time, as the team reaches it: its first targets_ordered entries
// are in order, the rest in none; the first targets_drawn have their whole keys, the others hold
// -score until the team gets near them. Participation support: places taken and residents waiting
// for one. Community building: regular attendees of each place (places of a district are
// consecutive). Multi-agency collaboration: households waiting for a support plan, per
// coordinator (one for a hub, one per agency when distributed), and each coordinator's plans owed.
// Integrated intake: whole-household assessments under way at each window (intake.cpp).
#define KYOSEI_LEVER_MEMBERS(A, V, S, D)                                                           \
  V(double, visit_credit, 0, "Outreach visits owed today")                                         \
  S(std::vector<OutreachTarget>, targets, columns,                                                 \
    "The outreach target list: ranking key and "                                                   \
    "household")                                                                                   \
  V(std::size_t, targets_drawn, 0, "Targets with their whole keys drawn")                          \
  V(std::size_t, targets_ordered, 0, "Targets put in visiting order")                              \
  V(std::size_t, next_target, 0, "The next target to visit")                                       \
  V(Day, targets_built, kNever, "Day the target list was built, kNever")                           \
  V(std::int64_t, participants, 0, "Programme places taken")                                       \
  S(std::deque<std::int32_t>, programme_waiting, queue, "Residents waiting for a programme place") \
  A(std::int32_t, place_attendees, "Regular attendees of each community place")                    \
  S(std::vector<std::vector<std::int32_t>>, place_members, queues,                                 \
    "The attendees of each "                                                                       \
    "community place")                                                                             \
  A(std::int32_t, place_district, "District of each community place")                              \
  V(std::int64_t, attendees, 0, "Regular attendees of all places")                                 \
  S(std::vector<std::deque<std::int32_t>>, coordinator_queue, queues,                              \
    "Households waiting for "                                                                      \
    "a support plan, per coordinator")                                                             \
  A(double, plan_credit, "Support plans owed, per coordinator")                                    \
  A(std::int32_t, assessments_pending,                                                             \
    "Whole-household assessments under way at each window "                                        \
    "(integrated intake)")

struct LeverState {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_LEVER_MEMBERS)
};

// Deaths at home of residents living alone (孤立死), one entry per death in the recorded horizon,
// in the order they happened. The discovery is drawn at death (its hazards do not change after
// it), so each death also adds one to the discoveries due on its discovery day.
#define KYOSEI_SOLITARY_MEMBERS(A, V, S, D)                             \
  A(std::int32_t, resident, "Resident who died")                        \
  A(Day, died, "Internal day of death")                                 \
  A(Day, discovered, "Internal day of discovery; may lie past the run") \
  A(DiscoveryChannel, channel, "Who found the death")                   \
  A(std::int16_t, outside_ties, "Active outside ties at death")         \
  A(std::int32_t, discoveries_due, "Discoveries due, per internal day") \
  V(std::int64_t, died_today, 0, "Deaths of the day, reset after recording")

struct SolitaryDeaths {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_SOLITARY_MEMBERS)
  std::size_t size() const { return resident.size(); }
};

using DetectionsByChannel = std::array<std::int64_t, kChannelCount>;
using TieCounts = std::array<std::array<std::int64_t, kTieOriginCount>, kTieKindCount>;

// Who knows the integrated window (docs/ODD.md §7 "Expectations and awareness"): shares of
// residents and of referrers. A resident knows it when their own fixed draw falls below the share.
#define KYOSEI_AWARENESS_MEMBERS(A, V, S, D)                                   \
  V(double, residents, 0, "Share of residents who know the integrated window") \
  V(double, referrers, 0, "Share of referrers who know the integrated window")

struct Awareness {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_AWARENESS_MEMBERS)
};

// Counters of one day, reset after recording.
#define KYOSEI_COUNTER_MEMBERS(A, V, S, D)                                               \
  V(std::int64_t, onsets, 0, "Needs opened")                                             \
  V(std::int64_t, first_contacts, 0, "Needs that reached an agency for the first time")  \
  V(std::int64_t, refusals, 0, "Contacts refused")                                       \
  V(std::int64_t, referrals, 0, "Referrals made")                                        \
  V(std::int64_t, dropoffs, 0, "Referrals that never arrived")                           \
  V(std::int64_t, resolutions, 0, "Needs whose service ended")                           \
  V(std::int64_t, deaths, 0, "Deaths")                                                   \
  V(std::int64_t, births, 0, "Births")                                                   \
  V(std::int64_t, births_unpartnered, 0, "Of those, to a mother without a partner")      \
  V(std::int64_t, outreach_visits, 0, "Outreach home visits")                            \
  V(std::int64_t, plans, 0, "Support plans made")                                        \
  V(std::int64_t, moves_in, 0, "Residents who moved in (newcomers, partners joining)")   \
  V(std::int64_t, moves_out, 0, "Residents who moved out of the municipality")           \
  V(std::int64_t, care_entries, 0, "Residents who moved into residential care")          \
  V(std::int64_t, households_formed, 0, "Households formed")                             \
  V(std::int64_t, households_dissolved, 0, "Households whose last member died or left")  \
  V(double, meeting_hours, 0, "Staff hours in joint meetings")                           \
  V(double, intake_hours, 0,                                                             \
    "Staff hours in whole-household assessments and accompanied "                        \
    "hand-offs")                                                                         \
  S(DetectionsByChannel, detections, fixed, "Needs detected, by Channel")                \
  S(DetectionsByChannel, first_contacts_by_channel, fixed, "First contacts, by Channel") \
  V(std::int64_t, first_contacts_gap, 0, "First contacts of needs no silo window owns")  \
  S(TieCounts, ties_formed, grid, "Ties formed, by TieKind and TieOrigin")               \
  S(TieCounts, ties_ended, grid, "Ties ended, by TieKind and TieOrigin")

struct DayCounters {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_COUNTER_MEMBERS)
};

// Running totals kept incrementally, so recording a day costs O(agencies).
#define KYOSEI_TOTAL_MEMBERS(A, V, S, D)                                                   \
  V(std::int64_t, alive, 0, "Residents alive")                                             \
  V(std::int64_t, eligible, 0, "Alive residents of isolation age")                         \
  V(std::int64_t, isolated_eligible, 0, "Of those, with no active outside tie")            \
  V(std::int64_t, nonempty_households, 0, "Households with an alive member")               \
  V(std::int64_t, isolated_households, 0,                                                  \
    "Of those, with no member holding an active "                                          \
    "outside tie")                                                                         \
  V(std::int64_t, open_undetected, 0, "Open needs no agency has taken responsibility for") \
  V(std::int64_t, registered_households, 0, "Households on a commissioner's list")         \
  V(std::int64_t, commissioners, 0, "Welfare commissioners")                               \
  V(std::int64_t, in_care, 0, "Alive residents who left for residential care")

struct Totals {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_TOTAL_MEMBERS)
};

using WarningCounts = std::array<std::int64_t, kWarningCount>;

// What the run records, members of the State itself.
#define KYOSEI_RECORDED_MEMBERS(A, V, S, D)                                                   \
  S(DailySeries, series, series, "The daily series (include/kyosei/model/output_fields.hpp)") \
  S(WarningCounts, warnings, by_name, "Times each Warning was raised, saved by name")         \
  A(std::int32_t, snapshot_days,                                                              \
    "Recorded days, ascending, at whose end a population snapshot is taken "                  \
    "(RunOptions::snapshot_days)")                                                            \
  S(std::vector<PopulationSnapshot>, snapshots, snapshots,                                    \
    "The population snapshots taken so far, in day order (include/kyosei/model/output_fields.hpp)")

struct State {
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_RUN_MEMBERS)
  Residents residents;
  Households households;
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_DISTRICT_MEMBERS)
  Ties ties;
  Episodes episodes;
  AgencyState agencies;
  struct Calendars {
    KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_CALENDAR_MEMBERS)
  } calendars;
  LeverState levers;
  Awareness awareness;
  SolitaryDeaths solitary;
  DayCounters counters;
  Totals totals;
  KYOSEI_DECLARE_STATE_MEMBERS(KYOSEI_RECORDED_MEMBERS)
};

// r's open episode of `kind`, -1 when none: found on r's list of open episodes (first_open,
// next_open), which holds one of each kind at most, rather than kept in a column per kind.
inline std::int32_t open_episode_of(const State& st, std::int32_t r, NeedKind kind) {
  std::int32_t e = st.residents.first_open[r];
  while (e >= 0 && st.episodes.kind[e] != kind) e = st.episodes.next_open[e];
  return e;
}

// The groups of the State in order, each as G(group name, the group's object in a State named
// `state`, its member list): the checkpoint's order, and the order of docs/state.md.
#define KYOSEI_STATE_GROUPS(G)                              \
  G(run, state, KYOSEI_RUN_MEMBERS)                         \
  G(residents, state.residents, KYOSEI_RESIDENT_MEMBERS)    \
  G(households, state.households, KYOSEI_HOUSEHOLD_MEMBERS) \
  G(households, state, KYOSEI_DISTRICT_MEMBERS)             \
  G(ties, state.ties, KYOSEI_TIE_MEMBERS)                   \
  G(episodes, state.episodes, KYOSEI_EPISODE_MEMBERS)       \
  G(agencies, state.agencies, KYOSEI_AGENCY_MEMBERS)        \
  G(calendars, state.calendars, KYOSEI_CALENDAR_MEMBERS)    \
  G(levers, state.levers, KYOSEI_LEVER_MEMBERS)             \
  G(awareness, state.awareness, KYOSEI_AWARENESS_MEMBERS)   \
  G(solitary, state.solitary, KYOSEI_SOLITARY_MEMBERS)      \
  G(counters, state.counters, KYOSEI_COUNTER_MEMBERS)       \
  G(totals, state.totals, KYOSEI_TOTAL_MEMBERS)             \
  G(recorded, state, KYOSEI_RECORDED_MEMBERS)

}  // namespace kyosei
