#pragma once
// The one list of State members (include/kyosei/model/state.hpp) that a checkpoint saves and restores:
// the checkpoint writer and reader (sim/io/checkpoint.cpp) both walk it, so a new State member
// is added here once, and the round-trip test fails until it is.
//
// A Visitor provides
//   static constexpr bool kRestores;  // true: what it visits is overwritten from the file
//   void value(std::string_view name, T& x);                // T arithmetic or enum
//   void array(std::string_view name, std::vector<T>& x);   // the same, flat
//   void strings(std::string_view name, std::vector<std::string>& x);
// (each with `const` arguments where kRestores is false).
// Names are "group/member" paths. Members that are not flat arrays (deques, calendars, the agency
// records) are packed into flat arrays before the visit and, when restoring, unpacked after it;
// the tie graph is laid out again from the tie records.
#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <omp.h>

#include "kyosei/model/state.hpp"
#include "model/tie_graph.hpp"

namespace kyosei {

// A restored member whose packed arrays do not fit together (a file written by another build).
class StateShapeError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

namespace state_visit {

inline void require(bool ok, std::string_view name, const std::string& what) {
  if (!ok) throw StateShapeError(std::string(name) + ": " + what);
}

template <class V, class Array>
void fixed(V& v, std::string_view name, Array& x) {
  constexpr std::size_t N = std::tuple_size_v<std::remove_const_t<Array>>;
  std::vector<typename Array::value_type> flat(x.begin(), x.end());
  v.array(name, flat);
  if constexpr (V::kRestores) {
    require(flat.size() == N, name, "expected " + std::to_string(N) + " values");
    std::copy(flat.begin(), flat.end(), x.begin());
  }
}

template <class V, class Queue>
void queue(V& v, std::string_view name, Queue& x) {
  std::vector<std::int32_t> flat(x.begin(), x.end());
  v.array(name, flat);
  if constexpr (V::kRestores) x.assign(flat.begin(), flat.end());
}

// A list of lists as offsets (size + 1, from 0); when restoring, the lists are cut from `items`
// (visited by the caller).
template <class V, class Lists, class Items>
void ragged(V& v, const std::string& name, Lists& lists, const Items& items) {
  std::vector<std::uint64_t> offsets{0};
  for (const auto& list : lists) offsets.push_back(offsets.back() + list.size());
  v.array(name + "_offsets", offsets);
  if constexpr (V::kRestores) {
    require(!offsets.empty() && offsets.front() == 0 && offsets.back() == items.size(), name,
            "offsets do not match the items");
    lists.assign(offsets.size() - 1, {});
    for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
      require(offsets[i] <= offsets[i + 1], name, "offsets decrease");
      lists[i].assign(items.begin() + static_cast<std::ptrdiff_t>(offsets[i]),
                      items.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1]));
    }
  }
}

template <class V, class Queues>
void queues(V& v, const std::string& name, Queues& x) {
  std::vector<std::int32_t> items;
  for (const auto& q : x) items.insert(items.end(), q.begin(), q.end());
  v.array(name, items);
  ragged(v, name, x, items);
}

// A calendar's buckets as offsets and one column per event member (tie flips have no aux or kind).
template <class V, class CalendarT>
void calendar(V& v, const std::string& name, CalendarT& c) {
  using E = typename std::remove_const_t<CalendarT>::event_type;
  constexpr bool kDetailed = std::is_same_v<E, Event>;
  auto& buckets = c.buckets();
  std::vector<std::int32_t> id;
  std::vector<std::uint32_t> version;
  std::vector<std::int16_t> aux;
  std::vector<std::uint8_t> kind;
  for (const auto& bucket : buckets)
    for (const E& e : bucket) {
      id.push_back(e.id);
      version.push_back(e.version);
      if constexpr (kDetailed) {
        aux.push_back(e.aux);
        kind.push_back(e.kind);
      }
    }
  v.array(name + "/id", id);
  v.array(name + "/version", version);
  if constexpr (kDetailed) {
    v.array(name + "/aux", aux);
    v.array(name + "/kind", kind);
  }
  std::vector<E> events;  // needed only to restore: ragged() writes the offsets alone
  if constexpr (V::kRestores) {
    require(version.size() == id.size() && (!kDetailed || (aux.size() == id.size() && kind.size() == id.size())),
            name, "event columns of different lengths");
    for (std::size_t i = 0; i < id.size(); ++i)
      if constexpr (kDetailed)
        events.push_back({id[i], version[i], aux[i], kind[i]});
      else
        events.push_back({id[i], version[i]});
  }
  ragged(v, name + "/bucket", buckets, events);
  std::int64_t processed = c.processed();
  v.value(name + "/processed", processed);
  if constexpr (V::kRestores) c.restore_processed(processed);
}

// One member of a record type, saved as the column `name`.
template <class Record, class T>
struct Column {
  const char* name;
  T Record::*member;
};
template <class Record, class T>
Column(const char*, T Record::*) -> Column<Record, T>;  // clang 14 deduces no aggregates' arguments

// An array of records as one column per member; when restoring, the records are rebuilt from the
// columns (sized by the first).
template <class V, class Records, class Record, class... T>
void columns(V& v, std::string_view what, Records& records, const Column<Record, T>&... column) {
  std::size_t n = records.size();
  bool first = true;
  const auto one = [&](const auto& c) {
    std::vector<std::remove_cvref_t<decltype(records[0].*c.member)>> values;
    if constexpr (!V::kRestores)
      for (const Record& r : records) values.push_back(r.*c.member);
    v.array(c.name, values);
    if constexpr (V::kRestores) {
      if (first) {
        n = values.size();
        records.assign(n, Record{});
        first = false;
      }
      require(values.size() == n, what, "columns of different lengths");
      for (std::size_t i = 0; i < n; ++i) records[i].*c.member = values[i];
    }
  };
  (one(column), ...);
}

// The tie graph: its vertex count alone. Its arcs are laid out again from the tie records, exactly
// as construction laid them out (tie_graph.hpp), so the records must be visited first and, when
// restoring, are checked before anything is written from them.
template <class V, class TiesT>
void graph(V& v, TiesT& ties) {
  std::uint64_t vertices = boost::num_vertices(ties.graph);
  v.value("ties/vertices", vertices);
  if constexpr (V::kRestores) {
    require(vertices <= UINT32_MAX, "ties/vertices", "more vertices than tie ends can name");
    const auto& r = ties.records;
    for (std::size_t i = 0; i < r.size(); ++i)
      require(r[i].end_a >= 0 && r[i].end_a < r[i].end_b && static_cast<std::uint64_t>(r[i].end_b) < vertices &&
                  (i == 0 || std::tie(r[i - 1].end_a, r[i - 1].end_b) < std::tie(r[i].end_a, r[i].end_b)),
              "ties/end_a", "tie ends out of range or not sorted");
    lay_out_graph(ties, static_cast<std::uint32_t>(vertices), omp_get_max_threads());
  }
}

template <class V, class AgencyStateT>
void agencies(V& v, AgencyStateT& a) {
  std::vector<std::string> name;
  std::vector<Field> field;
  std::vector<std::int32_t> district;
  std::vector<double> staff;
  std::vector<std::int64_t> capacity;
  for (const AgencyInfo& info : a.info) {
    name.push_back(info.name);
    field.push_back(info.field);
    district.push_back(info.district);
    staff.push_back(info.staff);
    capacity.push_back(info.capacity);
  }
  v.strings("agencies/name", name);
  v.array("agencies/field", field);
  v.array("agencies/district", district);
  v.array("agencies/staff", staff);
  v.array("agencies/capacity", capacity);
  if constexpr (V::kRestores) {
    const std::size_t n = name.size();
    require(field.size() == n && district.size() == n && staff.size() == n && capacity.size() == n,
            "agencies", "columns of different lengths");
    a.info.clear();
    for (std::size_t i = 0; i < n; ++i) a.info.push_back({name[i], field[i], district[i], staff[i], capacity[i]});
  }
  v.array("agencies/caseload", a.caseload);
  v.array("agencies/monitoring", a.monitoring);
  queues(v, "agencies/queue", a.queue);
  v.array("agencies/elderly_centre_of_district", a.elderly_centre_of_district);
  fixed(v, "agencies/agency_of_field", a.agency_of_field);
  v.value("agencies/outreach", a.outreach);
  v.array("agencies/district_elderly", a.district_elderly);
}

// By name, so that a checkpoint survives a warning added to the end of kWarnings.
template <class V, class Counts>
void warnings(V& v, Counts& x) {
  std::vector<std::string> name;
  std::vector<std::int64_t> count;
  for (int w = 0; w < kWarningCount; ++w) {
    if (x[w] == 0) continue;
    name.emplace_back(kWarnings[w].name);
    count.push_back(x[w]);
  }
  v.strings("warnings/name", name);
  v.array("warnings/count", count);
  if constexpr (V::kRestores) {
    require(count.size() == name.size(), "warnings", "names and counts of different lengths");
    x.fill(0);
    for (std::size_t i = 0; i < name.size(); ++i) {
      const auto known = std::find_if(kWarnings.begin(), kWarnings.end(), [&](const WarningInfo& w) { return w.name == name[i]; });
      require(known != kWarnings.end(), "warnings", "unknown warning '" + name[i] + "'");
      x[static_cast<std::size_t>(known - kWarnings.begin())] = count[i];
    }
  }
}

}  // namespace state_visit

// Visits every member of `st` (State, or const State for a Visitor that only reads) in a fixed
// order: the order of the checkpoint's checksum.
template <class StateT, class V>
void visit_state(StateT& st, V& v) {
  static_assert(std::is_same_v<std::remove_const_t<StateT>, State>);
  namespace sv = state_visit;
  v.value("run/today", st.today);
  v.value("run/burn_in", st.burn_in);
  v.value("run/total_days", st.total_days);
  v.value("run/initial_residents", st.initial_residents);

  auto& R = st.residents;
  sv::columns(v, "residents", R.core, sv::Column{"residents/conditions", &ResidentCore::conditions},
              sv::Column{"residents/outside_ties", &ResidentCore::outside_ties},
              sv::Column{"residents/birth_day", &ResidentCore::birth_day}, sv::Column{"residents/place", &ResidentCore::place});
  v.array("residents/household", R.household);
  v.array("residents/first_open", R.first_open);
  v.array("residents/death_day", R.death_day);
  v.array("residents/female", R.female);
  v.array("residents/help_seeking", R.help_seeking);
  v.array("residents/sociability", R.sociability);
  v.array("residents/discouragement", R.discouragement);
  v.array("residents/next_member", R.next_member);
  for (std::size_t k = 0; k < R.episode.size(); ++k) v.array("residents/episode_" + std::to_string(k), R.episode[k]);
  v.array("residents/in_programme", R.in_programme);
  v.array("residents/departure", R.departure);

  auto& H = st.households;
  v.array("households/first_member", H.first_member);
  v.array("households/members", H.members);
  v.array("households/connected", H.connected);
  v.array("households/block", H.block);
  v.array("households/type", H.type);
  v.array("households/registered", H.registered);
  v.array("households/had_crisis", H.had_crisis);
  v.array("households/last_visit", H.last_visit);
  v.array("households/trust", H.trust);
  v.array("households/last_plan", H.last_plan);
  v.array("households/awaiting_plan", H.awaiting_plan);
  v.array("households/block_district", st.block_district);
  v.value("households/districts", st.districts);

  auto& T = st.ties;
  sv::columns(v, "ties", T.records, sv::Column{"ties/end_a", &Tie::end_a}, sv::Column{"ties/end_b", &Tie::end_b},
              sv::Column{"ties/version", &Tie::version}, sv::Column{"ties/kind", &Tie::kind},
              sv::Column{"ties/status", &Tie::status});
  sv::graph(v, T);

  auto& E = st.episodes;
  v.array("episodes/resident", E.resident);
  v.array("episodes/household", E.household);
  v.array("episodes/field", E.field);
  v.array("episodes/kind", E.kind);
  v.array("episodes/compound", E.compound);
  v.array("episodes/age", E.age);
  v.array("episodes/onset", E.onset);
  v.array("episodes/first_contact", E.first_contact);
  v.array("episodes/detected", E.detected);
  v.array("episodes/covered", E.covered);
  v.array("episodes/resolved", E.resolved);
  v.array("episodes/ended", E.ended);
  v.array("episodes/outcome", E.outcome);
  v.array("episodes/channel", E.channel);
  v.array("episodes/hops", E.hops);
  v.array("episodes/bounces", E.bounces);
  v.array("episodes/agency", E.agency);
  v.array("episodes/planned", E.planned);
  v.array("episodes/recorded", E.recorded);
  v.array("episodes/version", E.version);
  v.array("episodes/detection_bound", E.detection_bound);
  v.array("episodes/next_open", E.next_open);

  sv::agencies(v, st.agencies);

  auto& C = st.calendars;
  sv::calendar(v, "calendars/demography", C.demography);
  sv::calendar(v, "calendars/onset", C.onset);
  sv::calendar(v, "calendars/progression", C.progression);
  sv::calendar(v, "calendars/detection", C.detection);
  sv::calendar(v, "calendars/intake", C.intake);
  sv::calendar(v, "calendars/service", C.service);
  sv::calendar(v, "calendars/outreach", C.outreach);
  sv::calendar(v, "calendars/participation", C.participation);
  sv::calendar(v, "calendars/community", C.community);
  sv::calendar(v, "calendars/households", C.households);
  sv::calendar(v, "calendars/care_entry", C.care_entry);
  sv::calendar(v, "calendars/migration", C.migration);
  sv::calendar(v, "calendars/ties", C.ties);

  auto& L = st.levers;
  v.value("levers/visit_credit", L.visit_credit);
  sv::columns(v, "levers/targets", L.targets, sv::Column{"levers/target_key", &OutreachTarget::key},
              sv::Column{"levers/target_household", &OutreachTarget::household});
  v.value("levers/targets_drawn", L.targets_drawn);
  v.value("levers/targets_ordered", L.targets_ordered);
  v.value("levers/next_target", L.next_target);
  if constexpr (V::kRestores)
    sv::require(L.next_target <= L.targets_ordered && L.targets_ordered <= L.targets_drawn &&
                    L.targets_drawn <= L.targets.size(),
                "levers/targets", "positions past the target list");
  v.value("levers/targets_built", L.targets_built);
  v.value("levers/participants", L.participants);
  sv::queue(v, "levers/programme_waiting", L.programme_waiting);
  v.array("levers/place_attendees", L.place_attendees);
  v.array("levers/place_district", L.place_district);
  v.array("levers/district_first_resident", L.district_first_resident);
  v.value("levers/attendees", L.attendees);
  sv::queues(v, "levers/coordinator_queue", L.coordinator_queue);
  v.array("levers/plan_credit", L.plan_credit);

  auto& SD = st.solitary;
  v.array("solitary/resident", SD.resident);
  v.array("solitary/died", SD.died);
  v.array("solitary/discovered", SD.discovered);
  v.array("solitary/channel", SD.channel);
  v.array("solitary/outside_ties", SD.outside_ties);
  v.array("solitary/discoveries_due", SD.discoveries_due);
  v.value("solitary/died_today", SD.died_today);

  auto& D = st.counters;
  v.value("counters/onsets", D.onsets);
  v.value("counters/first_contacts", D.first_contacts);
  v.value("counters/refusals", D.refusals);
  v.value("counters/referrals", D.referrals);
  v.value("counters/dropoffs", D.dropoffs);
  v.value("counters/resolutions", D.resolutions);
  v.value("counters/deaths", D.deaths);
  v.value("counters/births", D.births);
  v.value("counters/outreach_visits", D.outreach_visits);
  v.value("counters/plans", D.plans);
  v.value("counters/moves_in", D.moves_in);
  v.value("counters/moves_out", D.moves_out);
  v.value("counters/care_entries", D.care_entries);
  v.value("counters/households_formed", D.households_formed);
  v.value("counters/households_dissolved", D.households_dissolved);
  v.value("counters/meeting_hours", D.meeting_hours);
  sv::fixed(v, "counters/detections", D.detections);

  auto& S = st.totals;
  v.value("totals/alive", S.alive);
  v.value("totals/eligible", S.eligible);
  v.value("totals/isolated_eligible", S.isolated_eligible);
  v.value("totals/nonempty_households", S.nonempty_households);
  v.value("totals/isolated_households", S.isolated_households);
  v.value("totals/open_undetected", S.open_undetected);
  v.value("totals/registered_households", S.registered_households);
  v.value("totals/commissioners", S.commissioners);
  v.value("totals/in_care", S.in_care);

  v.array("series/day", st.series.day);
#define KYOSEI_VISIT(name, type, unit, meaning) v.array("series/" #name, st.series.name);
  KYOSEI_SERIES(KYOSEI_VISIT)
#undef KYOSEI_VISIT
#define KYOSEI_VISIT(name, unit, meaning) v.array("series/" #name, st.series.name);
  KYOSEI_AGENCY_SERIES(KYOSEI_VISIT)
#undef KYOSEI_VISIT

  sv::warnings(v, st.warnings);
}

}  // namespace kyosei
