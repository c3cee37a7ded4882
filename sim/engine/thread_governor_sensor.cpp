// What Linux says about this machine's load (LoadSensor, kyosei/engine/thread_governor.hpp).
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "kyosei/engine/thread_governor.hpp"

namespace kyosei {
namespace {

// The calling thread's run delay ("cpu_ns run_delay_ns slices" in /proc/thread-self/schedstat):
// the time it was ready to run but had no CPU.
double waited_seconds() {
  std::ifstream schedstat("/proc/thread-self/schedstat");
  double cpu_ns = 0, delay_ns = 0;
  if (!(schedstat >> cpu_ns >> delay_ns)) return -1;
  return delay_ns * 1e-9;
}

// This process's threads ready to run, the caller among them (the state after the name in
// /proc/self/task/*/stat): a worker of an earlier run still spinning is not other load.
int own_running() {
  int running = 0;
  std::error_code error;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", error)) {
    std::ifstream stat(task.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const std::size_t name_end = line.rfind(')');
    if (name_end != std::string::npos && name_end + 2 < line.size() && line[name_end + 2] == 'R') ++running;
  }
  return std::max(running, 1);
}

// The running count of /proc/loadavg ("0.52 0.58 0.59 3/421 12345": 3 running of 421), less this
// process's, the smallest of a few readings (a task that runs for a moment is not load).
int others_running() {
  int fewest = -1;
  for (int reading = 0; reading < 3; ++reading) {
    std::ifstream loadavg("/proc/loadavg");
    std::string one, five, fifteen, running;
    if (!(loadavg >> one >> five >> fifteen >> running)) return -1;
    const int all = static_cast<int>(std::strtol(running.c_str(), nullptr, 10));
    fewest = fewest < 0 ? all : std::min(fewest, all);
  }
  return std::max(fewest - own_running(), 0);
}

int allowed_processors() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
  return CPU_COUNT(&set);
}

class ThisMachine final : public LoadSensor {
public:
  LoadReading read() override {
    LoadReading r;
    r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    r.waited_seconds = waited_seconds();
    r.others_running = others_running();
    r.processors = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
    r.allowed = allowed_processors();
    return r;
  }
};

}  // namespace

LoadSensor& this_machine() {
  static ThisMachine machine;  // it keeps nothing: any thread may read it
  return machine;
}

}  // namespace kyosei
