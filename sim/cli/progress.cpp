// Progress lines on stderr (progress.hpp).
#include "progress.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>

namespace kyosei::cli {
namespace {

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Progress::Style stderr_style() {
  Progress::Style style;
  style.terminal = isatty(STDERR_FILENO) != 0;
  return style;
}

Progress::Progress(std::string what, std::string unit, long long total, long long done)
    : Progress(std::move(what), std::move(unit), total, done, stderr_style(), steady_seconds, stderr) {}

Progress::Progress(std::string what, std::string unit, long long total, long long done, Style style, Clock clock,
                   std::FILE* out)
    : what_(std::move(what)),
      unit_(std::move(unit)),
      total_(total),
      start_(done),
      done_(done),
      style_(style),
      clock_(std::move(clock)),
      out_(out) {
  started_ = last_shown_ = clock_();
}

Progress::~Progress() { finish(); }

std::string Progress::time_left(double seconds) {
  const long long s = std::llround(std::max(0.0, seconds));
  char buffer[48];
  if (s < 60)
    std::snprintf(buffer, sizeof buffer, "about %lld s left", s);
  else if (s < 3600)
    std::snprintf(buffer, sizeof buffer, "about %lld min %02lld s left", s / 60, s % 60);
  else
    std::snprintf(buffer, sizeof buffer, "about %lld h %02lld min left", s / 3600, s % 3600 / 60);
  return buffer;
}

std::string Progress::line(double now) const {
  char buffer[160];
  const double share = total_ > 0 ? static_cast<double>(done_) / static_cast<double>(total_) : 1.0;
  std::snprintf(buffer, sizeof buffer, "[%s] %lld of %lld %s (%.0f%%)", what_.c_str(), done_, total_, unit_.c_str(),
                100 * share);
  std::string text = buffer;
  const long long since_start = done_ - start_;
  if (since_start > 0 && done_ < total_) {
    const double rate = (now - started_) / static_cast<double>(since_start);
    text += ", " + time_left(rate * static_cast<double>(total_ - done_));
  }
  return text;
}

void Progress::show(double now) {
  if (style_.terminal) {
    std::fprintf(out_, "\r\033[K%s", line(now).c_str());
    drawn_ = true;
  } else {
    std::fprintf(out_, "%s\n", line(now).c_str());
  }
  std::fflush(out_);
  last_shown_ = now;
}

void Progress::advance(long long n) {
  const std::lock_guard lock(mutex_);
  done_ += n;
  const double now = clock_();
  if (style_.terminal) {
    if (now - last_shown_ >= style_.redraw_s || done_ >= total_) show(now);
    return;
  }
  const long long step = total_ > 0 ? done_ * style_.steps / total_ : 0;
  const double gap = now - last_shown_;
  if (now - started_ < style_.min_gap_s || gap < style_.min_gap_s) return;
  if (step > last_step_ || gap >= style_.every_s) {
    last_step_ = step;
    show(now);
  }
}

void Progress::note(const std::string& message) {
  const std::lock_guard lock(mutex_);
  std::fprintf(out_, "%s%s\n", drawn_ ? "\r\033[K" : "", message.c_str());
  if (drawn_) std::fprintf(out_, "%s", line(clock_()).c_str());
  std::fflush(out_);
}

void Progress::finish() {
  const std::lock_guard lock(mutex_);
  if (drawn_) std::fprintf(out_, "\r\033[K");
  drawn_ = false;
  std::fflush(out_);
}

}  // namespace kyosei::cli
