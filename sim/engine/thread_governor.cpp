// The thread count of each day from measured day times (kyosei/engine/thread_governor.hpp): settle on a
// count, now and then run a few days with the other, and keep whichever had the faster days.
#include "kyosei/engine/thread_governor.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

namespace kyosei {

ThreadGovernor::ThreadGovernor(int threads, bool adapt, bool crowded)
    : asked_(threads), adapt_(adapt && threads > 1), settled_(adapt_ && crowded ? 1 : threads) {}

void ThreadGovernor::record_day(double seconds) {
  if (threads() < asked_) ++fewer_days_;
  if (!adapt_) return;
  if (probing_) probe_day(seconds);
  else settled_day(seconds);
}

void ThreadGovernor::settled_day(double seconds) {
  window_[static_cast<std::size_t>(in_window_++)] = seconds;
  if (in_window_ < kWindow) return;
  in_window_ = 0;
  std::nth_element(window_.begin(), window_.begin() + kWindow / 2, window_.end());
  const double median = window_[kWindow / 2];
  if (confirming_) {
    confirming_ = false;
    if (!(median < kWinningShare * left_median_)) {  // the probe's days were luck: back
      settled_ = other(settled_);
      settled_median_ = left_median_;
      next_probe_later();
      return;
    }
  }
  const bool slowed = settled_ == asked_ && settled_median_ > 0 && median > kJump * settled_median_;
  settled_median_ = median;
  until_probe_ -= kWindow;
  probing_ = slowed || until_probe_ <= 0;
}

void ThreadGovernor::probe_day(double seconds) {
  ++(seconds < kWinningShare * settled_median_ ? faster_ : slower_);
  probe_seconds_ += seconds;
  constexpr int kMost = kWindow / 2 + 1;
  // Lost as soon as it has taken longer than a whole window at the settled count: on a loaded
  // machine one day of a team can take as long as a hundred on one thread.
  const bool lost = slower_ >= kMost || probe_seconds_ > kWindow * settled_median_;
  if (faster_ < kMost && !lost) return;
  probing_ = false;
  faster_ = slower_ = 0;
  probe_seconds_ = 0;
  if (lost) {
    next_probe_later();
    return;
  }
  settled_ = other(settled_);
  left_median_ = settled_median_;
  settled_median_ = -1;  // the next window sets it
  confirming_ = true;
  interval_ = kMinInterval;
  until_probe_ = interval_;
}

void ThreadGovernor::next_probe_later() {
  interval_ = std::min(2 * interval_, kMaxInterval);
  until_probe_ = interval_;
}

bool machine_is_crowded() {
  const long processors = sysconf(_SC_NPROCESSORS_ONLN);
  long fewest = -1;
  for (int reading = 0; reading < 3; ++reading) {
    std::ifstream loadavg("/proc/loadavg");  // "0.52 0.58 0.59 3/421 12345": 3 running of 421
    std::string one, five, fifteen, running;
    if (!(loadavg >> one >> five >> fifteen >> running)) return false;
    const long others = std::strtol(running.c_str(), nullptr, 10) - 1;  // the caller runs too
    fewest = fewest < 0 ? others : std::min(fewest, others);
  }
  return processors > 0 && fewest >= processors;
}

}  // namespace kyosei
