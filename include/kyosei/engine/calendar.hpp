#pragma once
// The day-bucketed event calendars: what a phase schedules for a later day, and the day type.
#include <cstdint>
#include <vector>

namespace kyosei {

using Day = std::int32_t;
inline constexpr Day kNever = -1;

// A scheduled event. `aux` carries a small argument (a need kind, a target agency).
struct Event {
  std::int32_t id;
  std::uint32_t version;
  std::int16_t aux;
  std::uint8_t kind;
};

// A scheduled tie flip: the tie and the version its flip was drawn for. Eight bytes where an
// Event takes twelve: the ties' calendar is a run's largest array after the tie graph
// (docs/performance.md, "Tie flips in eight bytes, buckets that grow by half").
struct TieFlip {
  std::int32_t id;
  std::uint32_t version;
};

// Day-bucketed calendar of one phase. Events past the last day are dropped: nothing simulated
// needs them. `processed` counts the events handed to the phase (stale ones included), the
// work measure of docs/performance.md.
template <class E>
class BasicCalendar {
public:
  using event_type = E;
  void resize(Day days) { buckets_.assign(static_cast<std::size_t>(days), {}); }
  void schedule(Day day, const E& event) {
    if (day >= static_cast<Day>(buckets_.size())) return;
    std::vector<E>& b = buckets_[day];
    if (b.size() == b.capacity()) b.reserve(grown(b.capacity()));
    b.push_back(event);
  }
  // Asks for the memory that scheduling an event on `day` writes, the end of its bucket: a loop
  // scheduling on days far apart asks a few events ahead, so that the misses overlap.
  void prefetch(Day day) const {
    if (day >= static_cast<Day>(buckets_.size())) return;
    const std::vector<E>& b = buckets_[day];
    __builtin_prefetch(b.data() + b.size(), 1);
  }
  // The room a bucket has once n events were scheduled into it one at a time.
  static std::size_t room_for(std::size_t n) {
    std::size_t room = 0;
    while (room < n) room = grown(room);
    return room;
  }
  std::vector<E>& bucket(Day day) { return buckets_[day]; }
  void release(Day day) {
    processed_ += static_cast<std::int64_t>(buckets_[day].size());
    std::vector<E>().swap(buckets_[day]);
  }
  std::size_t pending() const {
    std::size_t n = 0;
    for (const auto& b : buckets_) n += b.size();
    return n;
  }
  // Every bucket, for checkpoints (sim/state_visit.hpp).
  std::vector<std::vector<E>>& buckets() { return buckets_; }
  const std::vector<std::vector<E>>& buckets() const { return buckets_; }
  std::int64_t processed() const { return processed_; }
  void restore_processed(std::int64_t n) { processed_ = n; }  // checkpoints

private:
  // A full bucket grows by a quarter, where libstdc++'s push_back doubles it: a day's bucket
  // fills over the months before the day, and with doubling a third of the room went spare
  // (growth by half left a sixth; by an eighth, each event was copied nine times on average,
  // which cost more time than the 3 MB it saved at 1M: docs/performance.md, "Peak memory (branch
  // h19mem)").
  static std::size_t grown(std::size_t room) { return room < 8 ? 8 : room + room / 4; }
  std::vector<std::vector<E>> buckets_;
  std::int64_t processed_ = 0;
};

using Calendar = BasicCalendar<Event>;
using FlipCalendar = BasicCalendar<TieFlip>;

}  // namespace kyosei
