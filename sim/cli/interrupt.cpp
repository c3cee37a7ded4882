// SIGINT and SIGTERM in the command-line tool (cli.hpp): a flag that the day loop checks.
#include <csignal>

#include <atomic>
#include <filesystem>

#include "cli.hpp"

namespace kyosei::cli {
namespace {

// The one global of the tool: a signal handler has nowhere else to write.
std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free atomic");

extern "C" void on_signal(int signal) {
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

std::string incomplete_path(const std::string& path) {
  std::filesystem::path p(path);
  if (p.extension() == ".h5") p.replace_extension();
  return p.string() + ".incomplete.h5";
}

}  // namespace kyosei::cli
