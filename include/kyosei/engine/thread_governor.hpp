#pragma once
// How many threads each simulated day uses: the threads asked for, or one thread where the
// measured days say that one is faster (a machine whose cores other processes keep busy, where a
// day's short parallel regions wait for a time slice). Results never depend on it: every thread
// count gives the same results (docs/performance.md, "A busy machine").
#include <array>
#include <cstdint>

namespace kyosei {

class ThreadGovernor {
public:
  // Days per window at the settled count: a window's median day time is what probes are judged
  // against, so one slow day (a scan every 30 days, a page fault, a lost time slice) decides
  // nothing.
  static constexpr int kWindow = 7;
  // A probe runs days with the other count until most of kWindow days were faster than this share
  // of the last window's median (the probe wins and its count is settled), or most were not, or
  // its days took longer than a whole window at the settled count (it loses). The first window
  // after a win must be faster by the same share, or the count goes back (a run of lucky days on
  // a loaded machine is not a win).
  static constexpr double kWinningShare = 0.9;
  // A window of the threads asked for whose median is this factor above the one before (load
  // came) probes one thread at once instead of at the scheduled day. One-thread days never probe
  // early: on a loaded machine they vary most, and each probe of more threads there is costly.
  static constexpr double kJump = 1.5;
  // Days between probes: the first after the first window, then doubling after each lost probe
  // up to the maximum, back to the minimum after a won one.
  static constexpr std::int64_t kMinInterval = 56, kMaxInterval = 1792;

  // `threads` asked for (1 or more); `adapt` false keeps them every day. With `crowded` (other
  // tasks want every core already: machine_is_crowded()) it starts settled on one thread, and
  // the first probe tries the threads asked for.
  ThreadGovernor(int threads, bool adapt, bool crowded = false);

  // Threads for the next day.
  int threads() const { return probing_ ? other(settled_) : settled_; }
  // The wall time of the day just run with threads().
  void record_day(double seconds);

  // Days run with fewer threads than asked for, so far.
  std::int64_t days_on_fewer_threads() const { return fewer_days_; }

private:
  int other(int t) const { return t == asked_ ? 1 : asked_; }
  void settled_day(double seconds);
  void probe_day(double seconds);
  void next_probe_later();

  int asked_;
  bool adapt_;
  int settled_;
  std::array<double, kWindow> window_{};
  int in_window_ = 0;
  double settled_median_ = -1;  // the last window's at the settled count; < 0 before the first
  std::int64_t interval_ = kMinInterval;
  std::int64_t until_probe_ = 0;  // days; the first probe follows the first window
  bool probing_ = false;
  bool confirming_ = false;    // the first window after a won probe
  double left_median_ = -1;    // then: the last median of the count it left
  int faster_ = 0, slower_ = 0;  // the probe's days so far
  double probe_seconds_ = 0;     // and their time
  std::int64_t fewer_days_ = 0;
};

// True when the tasks ready to run other than the caller are at least as many as the machine's
// online processors (the running count of /proc/loadavg, the smallest of a few readings); false
// where that cannot be read.
bool machine_is_crowded();

}  // namespace kyosei
