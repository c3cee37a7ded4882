// Day-bucketed calendars (include/kyosei/model/state.hpp) and scheduling many events at once
// (sim/engine/schedule_in_order.hpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "../../sim/engine/schedule_in_order.hpp"
#include "kyosei/model/state.hpp"

namespace kyosei {
namespace {

constexpr Day kDays = 50;

// The day of item i's k-th event (some past the last day), spread unevenly over the days.
Day day_of(std::int64_t i, int k) { return static_cast<Day>((i * 7 + k * 13) % (kDays + 5)); }
int events_of_item(std::int64_t i) { return static_cast<int>(i % 4); }  // items without any too

TEST(Calendar, DropsEventsPastTheLastDay) {
  FlipCalendar c;
  c.resize(kDays);
  c.schedule(kDays - 1, {1, 1});
  c.schedule(kDays, {2, 1});
  EXPECT_EQ(c.pending(), 1u);
  EXPECT_EQ(c.bucket(kDays - 1).front().id, 1);
}

TEST(Calendar, ABucketGrowsByAQuarterOfItsRoom) {
  FlipCalendar c;
  c.resize(1);
  std::vector<std::size_t> rooms;
  for (std::int32_t n = 1; n <= 1000; ++n) {
    c.schedule(0, {n, 0});
    const std::size_t room = c.bucket(0).capacity();
    ASSERT_EQ(room, FlipCalendar::room_for(static_cast<std::size_t>(n))) << n;
    if (rooms.empty() || rooms.back() != room) rooms.push_back(room);
  }
  EXPECT_EQ(rooms.front(), 8u);
  for (std::size_t k = 1; k < rooms.size(); ++k) EXPECT_EQ(rooms[k], rooms[k - 1] + rooms[k - 1] / 4);
  EXPECT_EQ(FlipCalendar::room_for(0), 0u);
}

// schedule_in_order leaves each bucket as one schedule() call per event in item order does: the
// same events in the same order and the same room, whatever the threads.
TEST(Calendar, ScheduleInOrderIsScheduleOneAtATime) {
  constexpr std::int64_t kItems = 2000;
  Calendar one_at_a_time;
  one_at_a_time.resize(kDays);
  one_at_a_time.schedule(3, {-1, 0, 0, 0});  // events already there stay first
  for (std::int64_t i = 0; i < kItems; ++i)
    for (int k = 0; k < events_of_item(i); ++k)
      one_at_a_time.schedule(day_of(i, k), {static_cast<std::int32_t>(i), static_cast<std::uint32_t>(k), 0, 0});
  for (const int threads : {1, 2, 3}) {
    Calendar at_once;
    at_once.resize(kDays);
    at_once.schedule(3, {-1, 0, 0, 0});
    schedule_in_order(at_once, kItems, threads, [](std::int64_t i, const auto& emit) {
      for (int k = 0; k < events_of_item(i); ++k)
        emit(day_of(i, k), Event{static_cast<std::int32_t>(i), static_cast<std::uint32_t>(k), 0, 0});
    });
    for (Day d = 0; d < kDays; ++d) {
      const std::vector<Event>& want = one_at_a_time.bucket(d);
      const std::vector<Event>& got = at_once.bucket(d);
      ASSERT_EQ(got.size(), want.size()) << "day " << d << ", " << threads << " threads";
      EXPECT_EQ(got.capacity(), want.capacity()) << "day " << d << ", " << threads << " threads";
      for (std::size_t e = 0; e < want.size(); ++e) {
        EXPECT_EQ(got[e].id, want[e].id);
        EXPECT_EQ(got[e].version, want[e].version);
      }
    }
  }
}

}  // namespace
}  // namespace kyosei
