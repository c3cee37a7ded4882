// The thread count of each day (kyosei/engine/thread_governor.hpp): start on the threads asked for
// unless the machine is crowded or the first days waited for a CPU; then settle on a count, now
// and then (sooner when a reading of the machine asks for it) run a few days with the other, and
// keep whichever had the faster days.
#include "kyosei/engine/thread_governor.hpp"

#include <algorithm>

namespace kyosei {

ThreadGovernor::ThreadGovernor(int threads, bool adapt, LoadSensor* sensor)
    : asked_(threads), adapt_(adapt && threads > 1), sensor_(adapt_ ? sensor : nullptr), settled_(threads) {
  if (sensor_ == nullptr) return;
  last_reading_ = sensor_->read();
  if (crowded(last_reading_)) {  // the first window is on one thread, then probes as readings allow
    settled_ = 1;
    early_done_ = true;
  }
}

bool ThreadGovernor::crowded(const LoadReading& r) const {
  if (r.allowed > 0 && asked_ > r.allowed) return true;
  return r.others_running >= 0 && r.processors > 0 && r.others_running + asked_ > r.processors;
}

void ThreadGovernor::record_day(double seconds) {
  ++days_;
  if (threads() < asked_) ++fewer_days_;
  if (!adapt_) return;
  if (probing_) {
    probe_day(seconds);
  } else {
    ++days_since_probe_;
    settled_day(seconds);
  }
  if (sensor_ == nullptr) return;
  seconds_since_reading_ += seconds;
  if (early_done_ ? seconds_since_reading_ >= kReadingSeconds : days_ >= kEarlyDays) read_sensor();
}

void ThreadGovernor::read_sensor() {
  const LoadReading r = sensor_->read();
  const LoadReading before = last_reading_;
  const bool early = !early_done_;
  early_done_ = true;
  last_reading_ = r;
  seconds_since_reading_ = 0;
  if (r.waited_seconds < 0 || before.waited_seconds < 0 || !(r.wall_seconds > before.wall_seconds)) return;
  const bool waiting = r.waited_seconds - before.waited_seconds > kWaitedShare * (r.wall_seconds - before.wall_seconds);
  if (probing_ || confirming_) return;  // the days of two counts are being compared: they decide
  if (early) {
    if (waiting && settled_ == asked_) {  // as a crowded start: one thread, a probe after a window
      settled_ = 1;
      in_window_ = 0;
      settled_median_ = -1;
      until_probe_ = 0;
    }
    return;
  }
  probe_wanted_ = settled_ == asked_ ? waiting : !waiting && r.others_running >= 0 && !crowded(r);
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
  // A probe a reading asked for waits prompted_gap_ days since the last probe, which doubles
  // while such probes lose: a reading that misleads (other jobs on other cores of a node) costs
  // a bounded share of days.
  const bool prompted = probe_wanted_ && days_since_probe_ >= prompted_gap_;
  probe_wanted_ = false;
  // A scheduled probe of the threads asked for, where the last reading found no processors for
  // them, is skipped as a lost one (on a machine with many tasks ready to run, one day of a team
  // can wait for time slices for a tenth of a second); at the longest interval it runs anyway,
  // so a reading that misleads still lets the day times decide now and then.
  if (until_probe_ <= 0 && settled_ == 1 && crowded(last_reading_) && interval_ < kMaxInterval) {
    next_probe_later();
    return;
  }
  if (slowed || until_probe_ <= 0 || prompted) {
    probing_ = true;
    prompted_ = prompted && !slowed && until_probe_ > 0;
  }
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
  days_since_probe_ = 0;
  if (prompted_) prompted_gap_ = lost ? std::min(2 * prompted_gap_, kMaxInterval / 4) : kMinPromptedGap;
  prompted_ = false;
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

}  // namespace kyosei
