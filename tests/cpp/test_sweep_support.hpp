#pragma once
// Helpers of the ensemble tests (test_sweep*.cpp, test_region.cpp): a scratch directory per test,
// files, small sweeps, and running the command-line tools.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "test_support.hpp"

namespace kyosei::test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

// A directory of its own for each test, removed afterwards.
class ScratchDir {
public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("kyosei_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" + std::to_string(::getpid()));
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

// A municipality small enough to run in a few hundredths of a second.
inline const char* kSmallSet =
    "set:\n"
    "  population.residents: 3000\n"
    "  run.horizon_days: 200\n"
    "  run.burn_in_days: 30\n";

// A sweep over lever_outreach.yaml of the repository: 2 x 2 grid, `replicates` each.
inline std::string small_sweep(int replicates = 2, std::uint64_t seed = 5, const std::string& extra = "") {
  return "name: small\nbase: " + source_path("scenarios/lever_outreach.yaml") + "\n" + kSmallSet +
         "vary:\n  grid:\n    outreach.workers: [1, 3]\n    outreach.targeting: [random, lists]\n" +
         "replicates: " + std::to_string(replicates) + "\nseed: " + std::to_string(seed) + "\n" + extra;
}

struct CommandResult {
  int code;
  std::string out, err;
};

// Runs a shell command line from the repository root; stdout and stderr captured.
inline CommandResult run_command(const std::string& command_line, const ScratchDir& dir) {
  const std::string out = dir / ".stdout", err = dir / ".stderr";
  const std::string command = "cd '" + std::string(KYOSEI_SOURCE_DIR) + "' && " + command_line + " >'" + out + "' 2>'" + err + "'";
  const int status = std::system(command.c_str());
  CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  fs::remove(out);
  fs::remove(err);
  return r;
}

inline CommandResult run_kyosei(const std::string& args, const ScratchDir& dir) {
  std::string command = "'";  // appended, not "'" + ...: GCC 12 warns falsely (-Wrestrict, PR 105651)
  command += KYOSEI_CLI_PATH;
  command += "' ";
  command += args;
  return run_command(command, dir);
}

// Lines of a text file.
inline std::size_t count_lines(const fs::path& p) {
  const std::string text = slurp(p);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace kyosei::test
