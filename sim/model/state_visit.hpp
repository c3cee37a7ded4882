#pragma once
// The checkpoint's walk over the State (include/kyosei/model/state.hpp): the checkpoint writer
// and reader (sim/io/checkpoint.cpp) both call visit_state, which is generated from the State's
// member lists, so that a member added to its list is saved and restored with no line here. A
// member listed as S(type, name, how, meaning) is saved by the function `how` below; only a new
// kind of member (one no function here saves) needs a new function.
//
// A Visitor provides
//   static constexpr bool kRestores;  // true: what it visits is overwritten from the file
//   void value(std::string_view name, T& x);                // T arithmetic or enum
//   void array(std::string_view name, std::vector<T>& x);   // the same, flat
//   void strings(std::string_view name, std::vector<std::string>& x);
// (each with `const` arguments where kRestores is false).
// Names are "group/member" paths. Members that are not flat arrays (deques, calendars, records,
// the tie store's free lists) are packed into flat arrays before the visit and, when restoring,
// unpacked after it.
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

#include "kyosei/model/state.hpp"

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

// Where a member's datasets go: "group/member" for its own, "group/column" for a record's columns.
struct Path {
  std::string_view group, member;
  std::string full() const { return std::string(group) + "/" + std::string(member); }
  std::string in_group(std::string_view name) const { return std::string(group) + "/" + std::string(name); }
};

// A std::array of numbers, as one array.
template <class V, class Array, class Group>
void fixed(V& v, const Path& p, Array& x, Group&) {
  constexpr std::size_t N = std::tuple_size_v<std::remove_const_t<Array>>;
  const std::string name = p.full();
  std::vector<typename Array::value_type> flat(x.begin(), x.end());
  v.array(name, flat);
  if constexpr (V::kRestores) {
    require(flat.size() == N, name, "expected " + std::to_string(N) + " values");
    std::copy(flat.begin(), flat.end(), x.begin());
  }
}

template <class V, class Queue, class Group>
void queue(V& v, const Path& p, Queue& x, Group&) {
  std::vector<std::int32_t> flat(x.begin(), x.end());
  v.array(p.full(), flat);
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

// A list of lists (queues, free lists), as their items and the offsets of each list's.
template <class V, class Queues, class Group>
void queues(V& v, const Path& p, Queues& x, Group&) {
  const std::string name = p.full();
  std::vector<typename std::remove_const_t<Queues>::value_type::value_type> items;
  for (const auto& q : x) items.insert(items.end(), q.begin(), q.end());
  v.array(name, items);
  ragged(v, name, x, items);
}

// A calendar's buckets as offsets and one column per event member (tie flips have no aux or kind).
template <class V, class CalendarT, class Group>
void calendar(V& v, const Path& p, CalendarT& c, Group&) {
  using E = typename std::remove_const_t<CalendarT>::event_type;
  constexpr bool kDetailed = std::is_same_v<E, Event>;
  const std::string name = p.full();
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
    require(version.size() == id.size() && (!kDetailed || (aux.size() == id.size() && kind.size() == id.size())), name,
            "event columns of different lengths");
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

// One member of a record type, saved as the column `name` of the record's group.
template <class Record, class T>
struct Column {
  const char* name;
  T Record::*member;
};
template <class Record, class T>
Column(const char*, T Record::*) -> Column<Record, T>;  // clang 14 deduces no aggregates' arguments

// The columns of each record type a member list holds in an array (S(..., columns, ...)).
inline constexpr auto columns_of(const ResidentCore*) {
  return std::tuple{Column{"conditions", &ResidentCore::conditions},
                    Column{"outside_ties", &ResidentCore::outside_ties}, Column{"birth_day", &ResidentCore::birth_day},
                    Column{"place", &ResidentCore::place}};
}
inline constexpr auto columns_of(const Tie*) {
  return std::tuple{Column{"end_a", &Tie::end_a}, Column{"end_b", &Tie::end_b}, Column{"word", &Tie::word}};
}
inline constexpr auto columns_of(const TieBlock*) {
  return std::tuple{Column{"block_first", &TieBlock::first}, Column{"block_count", &TieBlock::count},
                    Column{"block_capacity", &TieBlock::capacity}};
}
inline constexpr auto columns_of(const TieSlot*) {
  return std::tuple{Column{"slot_tie", &TieSlot::tie}, Column{"slot_other", &TieSlot::other}};
}
inline auto columns_of(const AgencyInfo*) {
  return std::tuple{Column{"name", &AgencyInfo::name}, Column{"field", &AgencyInfo::field},
                    Column{"district", &AgencyInfo::district}, Column{"staff", &AgencyInfo::staff},
                    Column{"capacity", &AgencyInfo::capacity}};
}
inline constexpr auto columns_of(const OutreachTarget*) {
  return std::tuple{Column{"target_key", &OutreachTarget::key}, Column{"target_household", &OutreachTarget::household}};
}

// An array of records as one column per member (text as strings); when restoring, the records are
// rebuilt from the columns (sized by the first).
template <class V, class Records, class Group>
void columns(V& v, const Path& p, Records& records, Group&) {
  using Record = typename std::remove_const_t<Records>::value_type;
  std::size_t n = records.size();
  bool first = true;
  const auto one = [&](const auto& c) {
    const std::string name = p.in_group(c.name);
    std::vector<std::remove_cvref_t<decltype(records[0].*c.member)>> values;
    if constexpr (!V::kRestores)
      for (const Record& r : records) values.push_back(r.*c.member);
    if constexpr (std::is_same_v<typename decltype(values)::value_type, std::string>)
      v.strings(name, values);
    else
      v.array(name, values);
    if constexpr (V::kRestores) {
      if (first) {
        n = values.size();
        records.assign(n, Record{});
        first = false;
      }
      require(values.size() == n, p.full(), "columns of different lengths");
      for (std::size_t i = 0; i < n; ++i) records[i].*c.member = values[i];
    }
  };
  std::apply([&](const auto&... column) { (one(column), ...); }, columns_of(static_cast<const Record*>(nullptr)));
}

// A fixed grid of counts (the ties formed or ended by kind and origin), flat.
template <class V, class Grid, class Group>
void grid(V& v, const Path& p, Grid& x, Group&) {
  const std::string name = p.full();
  std::vector<std::int64_t> flat;
  for (const auto& row : x) flat.insert(flat.end(), row.begin(), row.end());
  v.array(name, flat);
  if constexpr (V::kRestores) {
    require(flat.size() == x.size() * x[0].size(), name, "counts of another shape");
    std::size_t i = 0;
    for (auto& row : x)
      for (auto& c : row) c = flat[i++];
  }
}

// After restoring the tie store (sim/model/tie_store.hpp): every block must lie in the arena, every
// slot name a record and a resident, every live record name residents, every free block lie in the arena.
inline void check_tie_store(const Ties& T) {
  for (const TieBlock& b : T.blocks)
    require(b.count <= b.capacity && std::uint64_t{b.first} + b.capacity <= T.arena.size(), "ties/blocks",
            "a block past the arena");
  for (const TieSlot& slot : T.arena)
    require(slot.tie < T.records.size() && slot.other >= 0 && static_cast<std::size_t>(slot.other) < T.blocks.size(),
            "ties/arena", "a slot names no tie record or no resident");
  for (const Tie& t : T.records) {
    require(t.status() <= kGone && static_cast<int>(t.origin()) < kTieOriginCount, "ties/word",
            "a tie status or origin out of range");
    require(t.status() == kGone ||
                (t.end_a >= 0 && t.end_a < t.end_b && static_cast<std::size_t>(t.end_b) < T.blocks.size()),
            "ties/end_a", "tie ends out of range");
  }
  for (std::uint32_t tie : T.free_records) require(tie < T.records.size(), "ties/free_records", "no such record");
  require(T.free_blocks.size() <= 16, "ties/free_blocks", "more size classes than a block's capacity has");
  for (std::size_t k = 0; k < T.free_blocks.size(); ++k)
    for (std::uint32_t first : T.free_blocks[k])
      require(std::uint64_t{first} + (std::uint64_t{1} << k) <= T.arena.size(), "ties/free_blocks",
              "a free block past the arena");
  require(T.block_position.size() == T.blocks.size() && T.owed.size() == kTieKindCount * T.blocks.size(), "ties/blocks",
          "per-resident columns of different lengths");
}

// The daily series, as "series/<name>" (the output field tables).
template <class V, class Series, class Group>
void series(V& v, const Path& p, Series& x, Group&) {
  const std::string group = std::string(p.member) + "/";
  v.array(group + "day", x.day);
#define KYOSEI_VISIT(name, type, unit, meaning) v.array(group + #name, x.name);
  KYOSEI_SERIES(KYOSEI_VISIT)
#undef KYOSEI_VISIT
#define KYOSEI_VISIT(name, unit, meaning) v.array(group + #name, x.name);
  KYOSEI_AGENCY_SERIES(KYOSEI_VISIT)
#undef KYOSEI_VISIT
}

// Warning counts by name, as "warnings/name" and "warnings/count", so that a checkpoint survives a
// warning added to the end of kWarnings.
template <class V, class Counts, class Group>
void by_name(V& v, const Path& p, Counts& x, Group&) {
  const std::string group = std::string(p.member) + "/";
  std::vector<std::string> name;
  std::vector<std::int64_t> count;
  for (int w = 0; w < kWarningCount; ++w) {
    if (x[w] == 0) continue;
    name.emplace_back(kWarnings[w].name);
    count.push_back(x[w]);
  }
  v.strings(group + "name", name);
  v.array(group + "count", count);
  if constexpr (V::kRestores) {
    require(count.size() == name.size(), p.member, "names and counts of different lengths");
    x.fill(0);
    for (std::size_t i = 0; i < name.size(); ++i) {
      const auto known =
          std::find_if(kWarnings.begin(), kWarnings.end(), [&](const WarningInfo& w) { return w.name == name[i]; });
      require(known != kWarnings.end(), p.member, "unknown warning '" + name[i] + "'");
      x[static_cast<std::size_t>(known - kWarnings.begin())] = count[i];
    }
  }
}

// One column of a snapshot table, concatenated over the snapshots; `rows` holds each snapshot's
// rows of the table.
template <class V, class Snapshots, class TableOf, class ColumnOf>
void snapshot_column(V& v, const std::string& name, Snapshots& x, const std::vector<std::uint64_t>& rows,
                     TableOf table_of, ColumnOf column_of) {
  using Column = std::remove_cvref_t<decltype(column_of(table_of(x[0])))>;
  Column flat;
  if constexpr (!V::kRestores)
    for (const auto& s : x) flat.insert(flat.end(), column_of(table_of(s)).begin(), column_of(table_of(s)).end());
  v.array(name, flat);
  if constexpr (V::kRestores) {
    std::uint64_t total = 0;
    for (std::uint64_t n : rows) total += n;
    require(flat.size() == total, name, "rows do not match the snapshots' row counts");
    auto at = flat.begin();
    for (std::size_t i = 0; i < x.size(); ++i) {
      column_of(table_of(x[i])).assign(at, at + static_cast<std::ptrdiff_t>(rows[i]));
      at += static_cast<std::ptrdiff_t>(rows[i]);
    }
  }
}

// The population snapshots (output_fields.hpp): their days, and each table as its columns
// concatenated over the snapshots with the rows of each ("<table>_rows").
template <class V, class Snapshots, class Group>
void snapshots(V& v, const Path& p, Snapshots& x, Group&) {
  const std::string name = p.full();
  std::vector<std::int32_t> day;
  for (const PopulationSnapshot& s : x) day.push_back(s.day);
  v.array(name + "/day", day);
  if constexpr (V::kRestores) {
    x.assign(day.size(), PopulationSnapshot{});
    for (std::size_t i = 0; i < day.size(); ++i) x[i].day = day[i];
  }
#define KYOSEI_VISIT_SNAPSHOT_COLUMN(column, type, unit, meaning) \
  snapshot_column(                                                \
      v, prefix + #column, x, rows, table_of, [](auto& t) -> auto& { return t.column; });
#define KYOSEI_VISIT_SNAPSHOT_TABLE(table, COLUMNS)                                                     \
  {                                                                                                     \
    const auto table_of = [](auto& s) -> auto& { return s.table; };                                     \
    const std::string prefix = name + "/" #table "/";                                                   \
    std::vector<std::uint64_t> rows;                                                                    \
    for (const PopulationSnapshot& s : x) rows.push_back(s.table.size());                               \
    v.array(name + "/" #table "_rows", rows);                                                           \
    if constexpr (V::kRestores) require(rows.size() == x.size(), name, "row counts of another length"); \
    COLUMNS(KYOSEI_VISIT_SNAPSHOT_COLUMN)                                                               \
  }
  KYOSEI_VISIT_SNAPSHOT_TABLE(residents, KYOSEI_SNAPSHOT_RESIDENT_COLUMNS)
  KYOSEI_VISIT_SNAPSHOT_TABLE(households, KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS)
  KYOSEI_VISIT_SNAPSHOT_TABLE(ties, KYOSEI_SNAPSHOT_TIE_COLUMNS)
#undef KYOSEI_VISIT_SNAPSHOT_TABLE
#undef KYOSEI_VISIT_SNAPSHOT_COLUMN
}

}  // namespace state_visit

#define KYOSEI_VISIT_STATE_ARRAY(T, name, meaning) v.array(path(#name), group_object.name);
#define KYOSEI_VISIT_STATE_VALUE(T, name, initial, meaning) v.value(path(#name), group_object.name);
#define KYOSEI_VISIT_STATE_OTHER(T, name, how, meaning) \
  state_visit::how(v, state_visit::Path{group_name, #name}, group_object.name, group_object);
#define KYOSEI_VISIT_STATE_DERIVED(T, name, meaning)
#define KYOSEI_VISIT_STATE_GROUP(group, object, LIST)                                                              \
  {                                                                                                                \
    [[maybe_unused]] constexpr std::string_view group_name = #group;                                               \
    [[maybe_unused]] const auto path = [&](std::string_view member) {                                              \
      return state_visit::Path{group_name, member}.full();                                                         \
    };                                                                                                             \
    auto& group_object = object;                                                                                   \
    LIST(KYOSEI_VISIT_STATE_ARRAY, KYOSEI_VISIT_STATE_VALUE, KYOSEI_VISIT_STATE_OTHER, KYOSEI_VISIT_STATE_DERIVED) \
  }

// Visits every member of `state` (State, or const State for a Visitor that only reads) in the order
// of KYOSEI_STATE_GROUPS: the order of the checkpoint's checksum.
template <class StateT, class V>
void visit_state(StateT& state, V& v) {
  static_assert(std::is_same_v<std::remove_const_t<StateT>, State>);
  KYOSEI_STATE_GROUPS(KYOSEI_VISIT_STATE_GROUP)
  if constexpr (V::kRestores) {
    const LeverState& L = state.levers;
    state_visit::require(L.next_target <= L.targets_ordered && L.targets_ordered <= L.targets_drawn &&
                             L.targets_drawn <= L.targets.size(),
                         "levers/targets", "positions past the target list");
    state_visit::check_tie_store(state.ties);
  }
}

#undef KYOSEI_VISIT_STATE_ARRAY
#undef KYOSEI_VISIT_STATE_VALUE
#undef KYOSEI_VISIT_STATE_OTHER
#undef KYOSEI_VISIT_STATE_DERIVED
#undef KYOSEI_VISIT_STATE_GROUP

}  // namespace kyosei
