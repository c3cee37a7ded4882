#pragma once
// How many threads each simulated day uses: the threads asked for, or one thread where the
// machine's cores are taken (other processes keep them busy, so a day's short parallel regions
// wait for a time slice). It decides from what the scheduler says at the start and after the
// first days (LoadSensor), and settles the question with measured day times. Results never depend
// on it: every thread count gives the same results (docs/performance.md, "A busy machine").
#include <array>
#include <cstdint>

namespace kyosei {

// What the machine says about its load at one moment; a field below zero is unknown.
struct LoadReading {
  double wall_seconds = -1;    // a steady clock
  double waited_seconds = -1;  // the calling thread's time ready to run but without a CPU, so far
  int others_running = -1;     // tasks ready to run now, this process's threads aside
  int processors = -1;         // online processors
  int allowed = -1;            // the processors this process may run on (its affinity)
};

class LoadSensor {
public:
  virtual ~LoadSensor() = default;
  virtual LoadReading read() = 0;
};

// The sensor of this machine: /proc/thread-self/schedstat (the run delay), /proc/loadavg (the
// tasks running, less this process's), sysconf and sched_getaffinity; fields it cannot read stay
// unknown.
LoadSensor& this_machine();

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
  // came) probes one thread at once instead of at the scheduled day.
  static constexpr double kJump = 1.5;
  // Days between scheduled probes: the first after the first window, then doubling after each
  // lost probe up to the maximum, back to the minimum after a won one.
  static constexpr std::int64_t kMinInterval = 56, kMaxInterval = 1792;
  // The sensor is read after the first kEarlyDays days (the wait since the governor was made, so
  // the population's construction counts too), then whenever kReadingSeconds of days have passed
  // since the last reading: a few system calls each, under 0.1% of a run.
  static constexpr std::int64_t kEarlyDays = 2;
  static constexpr double kReadingSeconds = 0.05;
  // The calling thread is oversubscribed when it waited for a CPU this share of the wall time
  // between two readings (a thread that has a core to itself waits well under 1%).
  static constexpr double kWaitedShare = 0.1;
  // Days from the last probe before one a reading asked for: this at first, doubling after each
  // such probe that lost (up to a quarter of kMaxInterval), back to it after one that won.
  static constexpr std::int64_t kMinPromptedGap = 2 * kWindow;

  // `threads` asked for (1 or more); `adapt` false keeps them every day. With a `sensor`, a start
  // where the tasks ready to run and the threads asked for are more than the processors (or the
  // threads more than the processors allowed) starts on one thread, the population's
  // construction included; so does a run whose first days waited for a CPU. Later readings
  // bring a probe forward: of one thread when the days wait for a CPU, of the threads asked for
  // when one thread does not and there are processors for them.
  ThreadGovernor(int threads, bool adapt, LoadSensor* sensor = nullptr);

  // Threads for the next day (and, before the first, for the population's construction).
  int threads() const { return probing_ ? other(settled_) : settled_; }
  // The wall time of the day just run with threads().
  void record_day(double seconds);

  // Days run with fewer threads than asked for, so far.
  std::int64_t days_on_fewer_threads() const { return fewer_days_; }

private:
  int other(int t) const { return t == asked_ ? 1 : asked_; }
  bool crowded(const LoadReading& r) const;
  void settled_day(double seconds);
  void probe_day(double seconds);
  void next_probe_later();
  void read_sensor();

  int asked_;
  bool adapt_;
  LoadSensor* sensor_;
  int settled_;
  std::array<double, kWindow> window_{};
  int in_window_ = 0;
  double settled_median_ = -1;  // the last window's at the settled count; < 0 before the first
  std::int64_t interval_ = kMinInterval;
  std::int64_t until_probe_ = 0;  // days; the first probe follows the first window
  std::int64_t days_since_probe_ = 0;
  bool probing_ = false;
  bool confirming_ = false;      // the first window after a won probe
  double left_median_ = -1;      // then: the last median of the count it left
  int faster_ = 0, slower_ = 0;  // the probe's days so far
  double probe_seconds_ = 0;     // and their time
  std::int64_t fewer_days_ = 0;
  std::int64_t days_ = 0;
  LoadReading last_reading_;
  double seconds_since_reading_ = 0;
  bool early_done_ = false;
  bool probe_wanted_ = false;  // a reading asked for a probe at the next window's end
  bool prompted_ = false;      // the probe running is one that a reading asked for
  std::int64_t prompted_gap_ = kMinPromptedGap;
};

}  // namespace kyosei
