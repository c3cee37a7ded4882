#pragma once
// Progress of a long command on stderr, the same in every command (run, resume, compare, sweep,
// region, sensitivity, factorial): on a terminal, one line redrawn in place with an estimate of
// the time left; without one (a batch job's log), a line each time another step of the work is
// done (a tenth) or a minute has passed, never more than one line per `min_gap_s` and none in the
// first `min_gap_s` (a short run's log stays clean), so that a SLURM log shows the job is alive.
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>

namespace kyosei::cli {

class Progress {
public:
  using Clock = std::function<double()>;  // seconds on a monotonic clock
  struct Style {
    bool terminal = false;
    int steps = 10;         // batch: a line every tenth of the work
    double every_s = 60;    // batch: and at least one a minute
    double min_gap_s = 10;  // batch: never closer than this
    double redraw_s = 0.2;  // terminal: redraw at most this often
  };

  // `what` names the work ("silo", "compare"), `unit` its units ("days", "runs"); `done` of
  // `total` are done before this call (a resumed run). The default clock is std::steady_clock,
  // the default style that of stderr (terminal or not).
  Progress(std::string what, std::string unit, long long total, long long done = 0);
  Progress(std::string what, std::string unit, long long total, long long done, Style style, Clock clock,
           std::FILE* out);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // `n` more units done (thread-safe: a comparison's runs share one Progress).
  void advance(long long n = 1);
  // A message on a line of its own, the progress line redrawn after it on a terminal.
  void note(const std::string& message);
  // Clears the terminal line (the destructor does it too).
  void finish();

  // "about 1 h 05 min left", "about 42 s left" (for tests).
  static std::string time_left(double seconds);

private:
  void show(double now);
  std::string line(double now) const;

  std::string what_, unit_;
  long long total_, start_, done_;
  Style style_;
  Clock clock_;
  std::FILE* out_;
  std::mutex mutex_;
  double started_ = 0, last_shown_ = 0;
  long long last_step_ = 0;  // batch: the last step a line was written for
  bool drawn_ = false;       // terminal: a progress line is on screen
};

// The style of stderr: a terminal or a log.
Progress::Style stderr_style();

}  // namespace kyosei::cli
