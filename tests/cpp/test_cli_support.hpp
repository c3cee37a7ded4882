#pragma once
// Helpers of the tests that run the command-line tool (KYOSEI_CLI_PATH): a scratch directory per
// test, whole files as text, and the tool run to its end (exit code, stdout and stderr captured)
// or started in the background.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace kyosei::test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A directory of its own for each test, removed afterwards.
class ScratchDir {
public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name =
        "kyosei_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" + std::to_string(::getpid());
    std::replace(name.begin(), name.end(), '/', '_');  // parameterised tests: "Suite/Test/0"
    path_ = fs::temp_directory_path() / name;
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
  fs::path path_;
};

struct CommandResult {
  int code;
  std::string out, err;
};

// Runs a shell command line in `working_directory` (by default the repository root); stdout and
// stderr captured through files in `dir`, removed afterwards.
inline CommandResult run_command(const std::string& command_line, const ScratchDir& dir,
                                 const fs::path& working_directory = KYOSEI_SOURCE_DIR) {
  const std::string out = dir / ".stdout", err = dir / ".stderr";
  const std::string command =
      "cd '" + working_directory.string() + "' && " + command_line + " >'" + out + "' 2>'" + err + "'";
  const int status = std::system(command.c_str());
  CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  fs::remove(out);
  fs::remove(err);
  return r;
}

// `kyosei <args>` (args as shell words) run to its end, as run_command.
inline CommandResult run_kyosei(const std::string& args, const ScratchDir& dir,
                                const fs::path& working_directory = KYOSEI_SOURCE_DIR) {
  std::string command = "'";  // appended, not "'" + ...: GCC 12 warns falsely (-Wrestrict, PR 105651)
  command += KYOSEI_CLI_PATH;
  command += "' ";
  command += args;
  return run_command(command, dir, working_directory);
}

// Starts `kyosei <args>` in the background, without a shell, with stdout and stderr written to
// the files `out` and `err` (created or truncated); the process id, or -1 when it cannot start.
inline pid_t spawn_kyosei(const std::vector<std::string>& args, const std::string& out, const std::string& err) {
  std::vector<std::string> argv = {KYOSEI_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (std::string& a : argv) pointers.push_back(a.data());
  pointers.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, pointers[0], &actions, nullptr, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return error == 0 ? pid : -1;
}

// How many times `what` occurs in `text`.
inline int occurrences(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Waits until the file `err` holds `line` `count` times (a state, not a time), sends `signal` to
// `pid` and waits for it to exit: its exit code, or -1 with a test failure when it ended before the
// line came or was ended by a signal. Bounded only so that a broken build fails instead of hanging:
// the bound is never reached when all is well.
inline int signal_when_logged(pid_t pid, const std::string& err, const std::string& line, int signal, int count = 1) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  int status = 0;
  while (occurrences(slurp(err), line) < count) {
    if (::waitpid(pid, &status, WNOHANG) != 0 || std::chrono::steady_clock::now() > give_up) {
      ADD_FAILURE() << "never saw '" << line << "' " << count << " time(s) before the process ended:\n" << slurp(err);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, signal);
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > give_up) {
      ADD_FAILURE() << "the process did not stop after the signal";
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(WIFEXITED(status)) << "ended by a signal instead of exiting: "
                                 << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace kyosei::test
