// The CLI's progress lines (sim/cli/progress.hpp) with an injected clock: what a terminal and a
// batch log show, and how often, without waiting for any time to pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "../../sim/cli/progress.hpp"

namespace kyosei::cli {
namespace {

// Progress written to a memory buffer, its clock set by the test.
class ProgressLines : public ::testing::Test {
protected:
  ~ProgressLines() override {
    if (out_ != nullptr) std::fclose(out_);
    std::free(buffer_);
  }
  std::FILE* stream() { return out_ = open_memstream(&buffer_, &size_); }
  std::string text() {
    std::fflush(out_);
    return std::string(buffer_, size_);
  }
  Progress::Clock clock() {
    return [this] { return now_; };
  }
  double now_ = 0;
  std::FILE* out_ = nullptr;
  char* buffer_ = nullptr;
  std::size_t size_ = 0;
};

int count(const std::string& text, char c) { return static_cast<int>(std::count(text.begin(), text.end(), c)); }

TEST_F(ProgressLines, ABatchLogGetsALineEveryTenthOfTheWorkButNeverCloserThanTheGap) {
  Progress::Style style;  // batch: 10%, every minute, at least 10 s apart
  Progress progress("silo", "days", 1000, 0, style, clock(), stream());
  for (int day = 1; day <= 1000; ++day) {
    now_ = day / 10.0;  // 100 s in all: a tenth of the work every 10 s
    progress.advance();
  }
  const std::string log = text();
  EXPECT_EQ(log.find('\r'), std::string::npos) << "no redrawing in a log";
  EXPECT_EQ(count(log, '\n'), 10) << log;  // 10%, 20%, ... 100%; nothing in the first 10 s
  EXPECT_NE(log.find("[silo] 100 of 1000 days (10%), about 1 min 30 s left\n"), std::string::npos) << log;
  EXPECT_NE(log.find("[silo] 1000 of 1000 days (100%)\n"), std::string::npos) << log;
}

TEST_F(ProgressLines, AShortRunLeavesTheLogClean) {
  Progress progress("silo", "days", 1000, 0, Progress::Style{}, clock(), stream());
  for (int day = 1; day <= 1000; ++day) {
    now_ = day / 200.0;  // 5 s in all
    progress.advance();
  }
  EXPECT_EQ(text(), "");
}

TEST_F(ProgressLines, ASlowRunStillSaysItIsAliveEveryMinute) {
  Progress progress("big", "days", 100, 0, Progress::Style{}, clock(), stream());
  now_ = 61;
  progress.advance();  // 1% after a minute: no new tenth, but a minute has passed
  now_ = 100;
  progress.advance();  // 40 s later: neither
  now_ = 122;
  progress.advance();
  const std::string log = text();
  EXPECT_EQ(count(log, '\n'), 2) << log;
  EXPECT_NE(log.find("[big] 1 of 100 days (1%), about 1 h 40 min left\n"), std::string::npos) << log;
}

TEST_F(ProgressLines, ATerminalLineIsRedrawnInPlaceAtABoundedRateAndCleared) {
  Progress::Style style;
  style.terminal = true;
  {
    Progress progress("compare: 2 runs", "days", 400, 0, style, clock(), stream());
    for (int day = 1; day <= 400; ++day) {
      now_ = day / 100.0;  // 4 s: at most 20 redraws at 0.2 s, plus the last
      progress.advance();
    }
    progress.note("kyosei: a note");
  }
  const std::string screen = text();
  EXPECT_EQ(screen.find('\n'), screen.find("kyosei: a note\n") + std::string("kyosei: a note").size());
  EXPECT_LE(count(screen, '\r'), 25);
  EXPECT_GE(count(screen, '\r'), 19);
  EXPECT_NE(screen.find("\r\033[K[compare: 2 runs] 20 of 400 days (5%), about 4 s left"), std::string::npos) << screen;
  EXPECT_NE(screen.find("\r\033[K[compare: 2 runs] 400 of 400 days (100%)"), std::string::npos) << screen;
  EXPECT_EQ(screen.substr(screen.size() - 4), "\r\033[K") << "the line is cleared at the end";
}

TEST_F(ProgressLines, AResumedRunEstimatesFromTheDaysDoneSinceItStarted) {
  Progress::Style style;
  style.terminal = true;
  Progress progress("city", "days", 1000, 900, style, clock(), stream());
  now_ = 10;
  progress.advance(50);  // 50 days in 10 s: 50 left, about 10 s
  EXPECT_NE(text().find("950 of 1000 days (95%), about 10 s left"), std::string::npos) << text();
}

TEST(ProgressTimeLeft, ReadsAsAPersonSaysIt) {
  EXPECT_EQ(Progress::time_left(42.4), "about 42 s left");
  EXPECT_EQ(Progress::time_left(125), "about 2 min 05 s left");
  EXPECT_EQ(Progress::time_left(3 * 3600 + 7 * 60 + 12), "about 3 h 07 min left");
  EXPECT_EQ(Progress::time_left(-1), "about 0 s left");
}

}  // namespace
}  // namespace kyosei::cli
