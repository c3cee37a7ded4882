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

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "kyosei/engine/calendar.hpp"
#include "kyosei/model/fields.hpp"
#include "kyosei/model/results.hpp"
#include "kyosei/model/warnings.hpp"

namespace kyosei {

inline constexpr double kDaysPerYear = 365.25;

// Condition bits of a resident.
enum ConditionBit : std::uint16_t {
  kCare = 1u << 0, kDementia = 1u << 1, kDisability = 1u << 2, kCertified = 1u << 3,
  kWithdrawn = 1u << 4, kNoIncome = 1u << 5, kChildNeed = 1u << 6,
};

// The conditions that open a need episode, each with one open episode at most per resident.
enum class NeedKind : std::uint8_t { care = 0, disability, withdrawal, poverty, child };
inline constexpr int kNeedKindCount = 5;

// Residents, index = resident id (births append). Fields touched by the daily phases first.
// The fields of a resident that the phases read most, for residents met at random (the ends of a
// flipping tie, the ties of a need being watched): together, one cache line instead of four
// (docs/performance.md).
struct ResidentCore {
  Day birth_day;              // negative: born before the run
  std::int32_t place;         // community place attended, -1
  std::int32_t outside_ties;  // active ties outside the household
  std::uint16_t conditions;   // ConditionBit set
};

struct Residents {
  std::vector<ResidentCore> core;           // birth day, place, outside ties, conditions
  std::vector<std::int32_t> household;
  std::vector<std::int32_t> first_open;     // first open episode, linked by Episodes::next_open
  std::vector<Day> death_day;               // kNever while alive
  std::vector<std::uint8_t> female;
  std::vector<float> help_seeking;          // mean 1
  std::vector<float> sociability;           // mean 1
  std::vector<std::uint8_t> discouragement; // refusals and lost referrals so far (saturates)
  std::vector<std::int32_t> next_member;    // next resident of the same household, -1
  std::array<std::vector<std::int32_t>, kNeedKindCount> episode;  // open episode per kind, -1
  std::vector<std::uint8_t> in_programme;   // in a participation support programme
  std::vector<std::uint8_t> departure;      // Departure: present, or why the resident left

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

struct Households {
  std::vector<std::int32_t> first_member;  // -1 when empty
  std::vector<std::int32_t> members;       // alive members
  std::vector<std::int32_t> connected;     // alive members with an active outside tie
  std::vector<std::int32_t> block;
  std::vector<HouseholdType> type;          // type at formation; household_type() gives the current one
  std::vector<std::uint8_t> registered;    // on a welfare commissioner's list
  std::vector<std::uint8_t> had_crisis;    // a need of the household ended in a crisis
  std::vector<Day> last_visit;             // outreach, kNever before the first visit
  std::vector<std::uint8_t> trust;         // outreach visits so far while building trust
  std::vector<Day> last_plan;              // support plan (支援プラン), kNever before the first
  std::vector<std::uint8_t> awaiting_plan; // queued at a coordinator
  std::size_t size() const { return block.size(); }
};

// Outside ties: potential ties (acquaintances) in a compressed sparse row graph, each active or
// dormant; decay and renewal flip them. Each undirected tie is stored as two arcs.
enum class TieKind : std::uint8_t { neighbour = 0, friendship = 1 };
enum TieStatus : std::uint8_t { kDormant = 0, kActive = 1, kGone = 2 };  // kGone: an end died

// One undirected tie, in one 16-byte record: a flip reads and writes a single cache line.
struct Tie {
  std::int32_t end_a, end_b;
  std::uint32_t version;  // invalidates scheduled flips after a rate change
  TieKind kind;
  std::uint8_t status;    // TieStatus
};

// A tie whose rates changed today, with the version the change gave it.
struct TieRedraw {
  std::uint32_t tie, version;
};

struct Ties {
  using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                   boost::no_property, boost::no_property,
                                                   std::uint32_t, std::uint32_t>;
  Graph graph;                              // vertices: residents present at the start
  std::vector<std::uint32_t> tie_of_arc;    // undirected tie of each arc (edge index order)
  std::vector<Tie> records;                 // per tie
  // The ties whose rates changed today, in the order of the changes: their next flips are drawn
  // with the day's flips (phase_ties), from the rates the day ends with. Empty between days.
  std::vector<TieRedraw> redraws;
  std::size_t size() const { return records.size(); }
};

struct Episodes {
  std::vector<std::int32_t> resident, household;
  std::vector<Field> field;
  std::vector<NeedKind> kind;
  std::vector<std::uint8_t> compound;
  std::vector<std::int16_t> age;
  std::vector<Day> onset, first_contact, detected, covered, resolved, ended;
  std::vector<Outcome> outcome;
  std::vector<Channel> channel;              // of the latest contact; final once detected
  std::vector<std::int16_t> hops;            // referrals so far; final once detected
  std::vector<std::int16_t> bounces;
  std::vector<std::int16_t> agency;          // serving (or queued at) agency, -1
  std::vector<Day> planned;                  // day a support plan took the need on, kNever
  std::vector<std::uint8_t> recorded;        // onset inside the recorded horizon
  std::vector<std::uint32_t> version;        // invalidates scheduled detections
  std::vector<double> detection_bound;       // hazard the scheduled detection was drawn at
  std::vector<std::int32_t> next_open;       // next open episode of the same resident
  std::size_t size() const { return onset.size(); }
};

struct AgencyState {
  std::vector<AgencyInfo> info;
  std::vector<std::int64_t> caseload, monitoring;
  std::vector<std::deque<std::int32_t>> queue;
  std::vector<std::int32_t> elderly_centre_of_district;
  std::array<std::int32_t, kSiloCount> agency_of_field{};  // municipality-wide agencies
  std::int32_t outreach = -1;  // the outreach team, when any epoch has outreach workers
  std::vector<double> district_elderly;  // residents 65+ at the start, which size the centres
};

// A household on the outreach team's target list and its ranking key: the list is visited in the
// order of the keys, then of the households.
struct OutreachTarget {
  double key;
  std::int32_t household;
  auto operator<=>(const OutreachTarget&) const = default;
};

// The jūsō levers' own state (docs/ODD.md §7, "Intake and routing" to "Community building").
struct LeverState {
  // Outreach: visits owed today, and the target list (outreach_targets.cpp). The list is put in
  // visiting order a stretch at a time, as the team reaches it: its first targets_ordered entries
  // are in order, the rest in none; the first targets_drawn have their whole keys, the others hold
  // -score until the team gets near them.
  double visit_credit = 0;
  std::vector<OutreachTarget> targets;
  std::size_t targets_drawn = 0;
  std::size_t targets_ordered = 0;
  std::size_t next_target = 0;
  Day targets_built = kNever;
  // Participation support: places taken and residents waiting for one.
  std::int64_t participants = 0;
  std::deque<std::int32_t> programme_waiting;
  // Community building: regular attendees of each place (places of a district are consecutive).
  std::vector<std::int32_t> place_attendees;
  std::vector<std::int32_t> place_district;
  std::vector<std::int32_t> district_first_resident;  // residents present at the start, by district
  std::int64_t attendees = 0;
  // Multi-agency collaboration: households waiting for a support plan, per coordinator (one for a
  // hub, one per agency when distributed), and each coordinator's plans owed.
  std::vector<std::deque<std::int32_t>> coordinator_queue;
  std::vector<double> plan_credit;
};

// Deaths at home of residents living alone (孤立死), one entry per death in the recorded horizon,
// in the order they happened. The discovery is drawn at death (its hazards do not change after
// it), so each death also adds one to the discoveries due on its discovery day.
struct SolitaryDeaths {
  std::vector<std::int32_t> resident;
  std::vector<Day> died, discovered;         // internal days; discovered may lie past the run
  std::vector<DiscoveryChannel> channel;
  std::vector<std::int16_t> outside_ties;    // active outside ties at death
  std::vector<std::int32_t> discoveries_due; // per internal day
  std::int64_t died_today = 0;               // counter of the day, reset after recording
  std::size_t size() const { return resident.size(); }
};

// Counters of one day, reset after recording.
struct DayCounters {
  std::int64_t onsets = 0, first_contacts = 0, refusals = 0, referrals = 0, dropoffs = 0,
               resolutions = 0, deaths = 0, births = 0, outreach_visits = 0, plans = 0,
               moves_in = 0, moves_out = 0, care_entries = 0, households_formed = 0,
               households_dissolved = 0;
  double meeting_hours = 0;
  std::array<std::int64_t, kChannelCount> detections{};
};

// Running totals kept incrementally, so recording a day costs O(agencies).
struct Totals {
  std::int64_t alive = 0;
  std::int64_t eligible = 0;            // alive residents of isolation age
  std::int64_t isolated_eligible = 0;
  std::int64_t nonempty_households = 0;
  std::int64_t isolated_households = 0;
  std::int64_t open_undetected = 0;
  std::int64_t registered_households = 0;
  std::int64_t commissioners = 0;
  std::int64_t in_care = 0;             // alive residents who left for residential care
};

struct State {
  Day today = 0;
  Day burn_in = 0;
  Day total_days = 0;
  std::int64_t initial_residents = 0;  // the municipality's population at the start
  Residents residents;
  Households households;
  std::vector<std::int32_t> block_district;
  std::int32_t districts = 0;
  Ties ties;
  Episodes episodes;
  AgencyState agencies;
  struct Calendars {
    Calendar demography, onset, progression, detection, intake, service, outreach, participation,
        community, households, care_entry, migration;
    FlipCalendar ties;
  } calendars;
  LeverState levers;
  SolitaryDeaths solitary;
  DayCounters counters;
  Totals totals;
  DailySeries series;
  std::array<std::int64_t, kWarningCount> warnings{};  // indexed by Warning
};

}  // namespace kyosei
