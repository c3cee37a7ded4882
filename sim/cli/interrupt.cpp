// SIGINT and SIGTERM in the command-line tool (cli.hpp): a flag that the day loop checks, and
// saving what an interrupted command had simulated.
#include <unistd.h>

#include <csignal>

#include <atomic>
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "kyosei/engine/errors.hpp"

namespace kyosei::cli {
namespace {

// The one global of the tool: a signal handler has nowhere else to write.
std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free atomic");

// Set while only populations are being built: a signal then ends the process at once.
std::atomic<bool> nothing_to_save{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free atomic");

extern "C" void on_signal(int signal) {
  if (nothing_to_save.load()) {
    static const char message[] =
        "\nkyosei: interrupted while the population was being built: nothing had been simulated, nothing was "
        "written\n";
    [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(128 + signal);
  }
  int none = 0;
  received.compare_exchange_strong(none, signal);  // the first signal is the one reported
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second signal takes its default action: the process ends
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() { return received.load(); }

void exit_at_once_on_signal(bool at_once) { nothing_to_save.store(at_once); }

std::string signal_name(int signal) {
  return signal == SIGTERM ? "SIGTERM" : signal == SIGINT ? "SIGINT" : "signal " + std::to_string(signal);
}

std::string incomplete_path(const std::string& path) {
  std::filesystem::path p(path);
  if (p.extension() == ".h5") p.replace_extension();
  return p.string() + ".incomplete.h5";
}

int save_interrupted(const std::vector<StartedRun>& started, std::size_t not_started, bool force) {
  const int signal = interrupt_signal();
  std::cerr << "kyosei: interrupted by " << signal_name(signal);
  const char* separator = " at the end of ";
  for (const StartedRun& run : started) {
    if (run.outcome == nullptr || run.outcome->provenance.complete) continue;
    std::cerr << separator << "day " << run.outcome->days_done << " of " << run.outcome->days_total << " of "
              << run.label;
    separator = ", ";
  }
  if (not_started > 0)
    std::cerr << "; " << not_started << (not_started == 1 ? " run was" : " runs were") << " not started";
  std::cerr << '\n';
  for (const StartedRun& run : started) {
    if (run.output.empty()) continue;
    const std::string partial = incomplete_path(run.output);
    const bool finished = run.outcome == nullptr || run.outcome->provenance.complete;
    try {
      if (run.outcome == nullptr)
        move_result_file(run.pending, partial, force);
      else
        write_results_hdf5(partial, run.outcome->results, run.outcome->provenance, force);
      std::cerr << "kyosei: saved " << (finished ? "the finished run" : "the results so far") << " in " << partial
                << " (complete=" << finished << "); nothing was written to " << run.output << '\n';
    } catch (const OutputError& e) {
      if (run.outcome == nullptr) remove_files({run.pending});
      std::cerr << "kyosei: could not save " << (finished ? "the finished run" : "the results so far") << ": "
                << e.what() << '\n';
    }
  }
  return 128 + signal;
}

}  // namespace kyosei::cli
