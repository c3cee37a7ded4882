#pragma once
// Scheduling many events at once with the result of scheduling them one at a time.
#include <omp.h>

#include <cstdint>
#include <vector>

#include "kyosei/engine/calendar.hpp"

namespace kyosei {

// Schedules the events of items 0..n-1 into `calendar` in item order, exactly as one
// BasicCalendar::schedule call per event in that order would, spread over `threads`: each thread
// counts its items' events per day, every bucket grows once, then each thread writes its part of
// every bucket. events_of(i, emit) calls emit(day, event) for each event of item i in order (day
// >= 0; days past the last are dropped, as schedule() drops them); it is
// called twice per item, so it should only read what was drawn before.
template <class CalendarT, class EventsOf>
void schedule_in_order(CalendarT& calendar, std::int64_t n, int threads, const EventsOf& events_of) {
  using E = typename CalendarT::event_type;
  auto& buckets = calendar.buckets();
  const auto days = static_cast<Day>(buckets.size());
  std::vector<std::vector<std::size_t>> slot;                      // per thread and day: the next index to write
  std::vector<std::size_t> grown(static_cast<std::size_t>(days));  // per day: the bucket's new size
#pragma omp parallel num_threads(threads)
  {
    const int teams = omp_get_num_threads(), t = omp_get_thread_num();
#pragma omp single
    slot.assign(static_cast<std::size_t>(teams), std::vector<std::size_t>(static_cast<std::size_t>(days), 0));
    std::vector<std::size_t>& mine = slot[static_cast<std::size_t>(t)];
    const std::int64_t lo = n * t / teams, hi = n * (t + 1) / teams;
    for (std::int64_t i = lo; i < hi; ++i)
      events_of(i, [&](Day day, const E&) {
        if (day < days) ++mine[static_cast<std::size_t>(day)];
      });
#pragma omp barrier
      // The buckets are allocated by the calling thread: the rest of the run grows and frees them
      // there, and a bucket allocated by a worker would come from the worker's malloc arena, whose
      // freed memory the calling thread never reuses (the peak at 2 threads was 12 bytes a
      // resident more). Filling them (and faulting their pages in) is shared out.
#pragma omp master
    for (Day d = 0; d < days; ++d) {
      std::size_t next = buckets[d].size();
      for (auto& counts : slot) {
        const std::size_t count = counts[d];
        counts[d] = next;
        next += count;
      }
      // The room that scheduling one event at a time would leave: the events the run adds later
      // then find the same room, and the peak memory stays as it was.
      if (next > 0) buckets[d].reserve(CalendarT::room_for(next));
      grown[static_cast<std::size_t>(d)] = next;
    }
#pragma omp barrier
#pragma omp for schedule(static)
    for (Day d = 0; d < days; ++d) buckets[d].resize(grown[static_cast<std::size_t>(d)]);
    for (std::int64_t i = lo; i < hi; ++i)
      events_of(i, [&](Day day, const E& event) {
        if (day < days) buckets[day][mine[static_cast<std::size_t>(day)]++] = event;
      });
  }
}

}  // namespace kyosei
