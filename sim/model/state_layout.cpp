// Bytes of each State member (state_layout.hpp), walked from the member lists.
#include "kyosei/model/state_layout.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <type_traits>

#include "kyosei/model/state_members.hpp"

namespace kyosei {
namespace {

// The memory a member owns beyond its own sizeof. Declared first, as each may count another's.
template <class T>
requires std::is_trivially_copyable_v<T> std::size_t owned_bytes(const T&);
std::size_t owned_bytes(const std::string& text);
std::size_t owned_bytes(const AgencyInfo& info);
std::size_t owned_bytes(const DailySeries& series);
std::size_t owned_bytes(const PopulationSnapshot& snapshot);
template <class T>
std::size_t owned_bytes(const std::vector<T>& x);
template <class T>
std::size_t owned_bytes(const std::deque<T>& x);
template <class T, std::size_t N>
requires(!std::is_trivially_copyable_v<std::array<T, N>>) std::size_t owned_bytes(const std::array<T, N>& x);
template <class E>
std::size_t owned_bytes(const BasicCalendar<E>& calendar);

template <class T>
requires std::is_trivially_copyable_v<T> std::size_t owned_bytes(const T&) { return 0; }
std::size_t owned_bytes(const std::string& text) { return text.capacity(); }
std::size_t owned_bytes(const AgencyInfo& info) { return owned_bytes(info.name); }
std::size_t owned_bytes(const DailySeries& series) {
  std::size_t bytes = owned_bytes(series.day);
#define KYOSEI_COUNT(name, type, unit, meaning) bytes += owned_bytes(series.name);
  KYOSEI_SERIES(KYOSEI_COUNT)
#undef KYOSEI_COUNT
#define KYOSEI_COUNT(name, unit, meaning) bytes += owned_bytes(series.name);
  KYOSEI_AGENCY_SERIES(KYOSEI_COUNT)
#undef KYOSEI_COUNT
  return bytes;
}
std::size_t owned_bytes(const PopulationSnapshot& snapshot) {
  std::size_t bytes = 0;
#define KYOSEI_COUNT(name, type, unit, meaning) bytes += owned_bytes(table.name);
  {
    const auto& table = snapshot.residents;
    KYOSEI_SNAPSHOT_RESIDENT_COLUMNS(KYOSEI_COUNT)
  }
  {
    const auto& table = snapshot.households;
    KYOSEI_SNAPSHOT_HOUSEHOLD_COLUMNS(KYOSEI_COUNT)
  }
  {
    const auto& table = snapshot.ties;
    KYOSEI_SNAPSHOT_TIE_COLUMNS(KYOSEI_COUNT)
  }
#undef KYOSEI_COUNT
  return bytes;
}
template <class T>
std::size_t owned_bytes(const std::vector<T>& x) {
  std::size_t bytes = x.capacity() * sizeof(T);
  if constexpr (!std::is_trivially_copyable_v<T>)
    for (const T& item : x) bytes += owned_bytes(item);
  return bytes;
}
template <class T>
std::size_t owned_bytes(const std::deque<T>& x) {
  return x.size() * sizeof(T);
}
template <class T, std::size_t N>
requires(!std::is_trivially_copyable_v<std::array<T, N>>) std::size_t owned_bytes(const std::array<T, N>& x) {
  std::size_t bytes = 0;
  for (const T& item : x) bytes += owned_bytes(item);
  return bytes;
}
template <class E>
std::size_t owned_bytes(const BasicCalendar<E>& calendar) {
  return owned_bytes(calendar.buckets());
}

}  // namespace

std::vector<StateMemberBytes> state_member_bytes(const State& state) {
  std::vector<StateMemberBytes> members;
  for_each_state_member(state, [&](const StateMember& m, const auto& member) {
    members.push_back({m.group, m.name, sizeof member + owned_bytes(member)});
  });
  return members;
}

std::vector<StateGroupBytes> state_group_bytes(const State& state) {
  std::vector<StateGroupBytes> groups;
  for (const StateMemberBytes& m : state_member_bytes(state)) {
    if (groups.empty() || groups.back().group != m.group) groups.push_back({m.group, 0});
    groups.back().bytes += m.bytes;
  }
  return groups;
}

}  // namespace kyosei
