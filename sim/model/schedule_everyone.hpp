#pragma once
// Scheduling the start's events of one kind for every resident: drawn in parallel (each resident's
// draws are its own), then scheduled in resident order, a chunk of residents at a time so the drawn
// events add little to the peak memory (as schedule_every_life_event does, onset.cpp).
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "engine/schedule_in_order.hpp"
#include "model/context.hpp"

namespace kyosei {

struct TimedEvent {
  Day day = kNever;  // kNever: no event
  Event event{};
};

// draw(r) returns r's events, at most N, each with day kNever where there is none.
template <std::size_t N, class Draw>
void schedule_for_every_resident(const Context& ctx, State& st, Calendar& calendar, const Draw& draw) {
  constexpr std::int64_t kChunk = 1 << 16;
  const auto n = static_cast<std::int64_t>(st.residents.size());
  std::vector<std::array<TimedEvent, N>> drawn(static_cast<std::size_t>(std::min(n, kChunk)));
  for (std::int64_t start = 0; start < n; start += kChunk) {
    const std::int64_t count = std::min(kChunk, n - start);
#pragma omp parallel for num_threads(ctx.threads) schedule(static)
    for (std::int64_t i = 0; i < count; ++i) drawn[i] = draw(static_cast<std::int32_t>(start + i));
    schedule_in_order(calendar, count, ctx.threads, [&](std::int64_t i, const auto& emit) {
      for (const TimedEvent& t : drawn[i])
        if (t.day != kNever) emit(t.day, t.event);
    });
  }
}

}  // namespace kyosei
