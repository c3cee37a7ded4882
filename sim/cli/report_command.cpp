// `kyosei report`: runs `python3 -c <bootstrap> SOURCE -o OUT` with the kyosei package on
// PYTHONPATH (report_command.hpp).
#include "report_command.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "kyosei/io/output_check.hpp"

extern char** environ;

namespace kyosei::cli {

namespace {

namespace fs = std::filesystem;

// Checks what the report needs before importing it, so that a missing piece is named.
constexpr const char* kBootstrap = R"py(import sys
try:
    import matplotlib, numpy, pandas
except ImportError as e:
    sys.exit(print(f"error: kyosei report needs {e.name} (Debian: apt install python3-matplotlib "
                   f"python3-pandas)", file=sys.stderr) or 2)
try:
    from kyosei.html_report import main
except ImportError as e:
    sys.exit(print(f"error: kyosei report cannot import the kyosei Python package ({e}); build it "
                   f"(scripts/build.sh kyosei_python) or pip install . (README.md)", file=sys.stderr) or 2)
sys.exit(main(sys.argv[1:])))py";

// $KYOSEI_PYTHON, else the Debian interpreter the module is built for, else python3 on PATH.
std::string python_interpreter() {
  if (const char* chosen = std::getenv("KYOSEI_PYTHON"); chosen != nullptr && *chosen != '\0') return chosen;
  if (::access("/usr/bin/python3", X_OK) == 0) return "/usr/bin/python3";
  return "python3";
}

// The package built beside this executable (build/kyosei -> build/python/kyosei), if there is one.
std::string built_package_parent() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const fs::path parent = exe.parent_path() / "python";
  return fs::exists(parent / "kyosei" / "__init__.py", ec) ? parent.string() : std::string();
}

// This process's environment with the built package first on PYTHONPATH and matplotlib's Agg
// backend (no display needed).
std::vector<std::string> child_environment() {
  std::vector<std::string> env;
  std::string python_path = built_package_parent();
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (entry.starts_with("PYTHONPATH=")) {
      const std::string rest = entry.substr(11);
      if (!rest.empty()) python_path += (python_path.empty() ? "" : ":") + rest;
    } else if (!entry.starts_with("MPLBACKEND=")) {
      env.push_back(entry);
    }
  }
  if (!python_path.empty()) env.push_back("PYTHONPATH=" + python_path);
  env.push_back("MPLBACKEND=Agg");
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

void add_report_command(CLI::App& app, ReportSettings& s) {
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Write one self-contained HTML report (figures embedded) of a run, comparison, sweep, region or sensitivity "
      "study; needs Python 3 with matplotlib and the kyosei package");
  s.command = cmd;
  cmd->add_option("source", s.source,
                  "A result file (.h5) or a directory written by compare, sweep, region or sensitivity")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("-o,--output", s.output, "HTML file to write (default: report.html)");
  cmd->add_option("--title", s.title, "Title of the report");
  cmd->add_option("--baseline", s.baseline, "Scenario the differences are taken from (default: compare's first)");
  cmd->add_flag("--force", s.force, "Replace an existing report");
}

int command_report(const ReportSettings& s) {
  check_output_path(s.output, 0, s.force);  // before Python renders any figure (exit code 3)
  const std::string python = python_interpreter();
  std::vector<std::string> args = {python, "-c", kBootstrap, s.source, "-o", s.output};
  if (!s.title.empty()) args.insert(args.end(), {"--title", s.title});
  if (!s.baseline.empty()) args.insert(args.end(), {"--baseline", s.baseline});
  std::vector<std::string> env = child_environment();
  std::vector<char*> argv = pointers(args), envp = pointers(env);
  pid_t pid = 0;
  const int failed = ::posix_spawnp(&pid, python.c_str(), nullptr, nullptr, argv.data(), envp.data());
  if (failed != 0) {
    std::cerr << "error: kyosei report needs Python 3 with matplotlib: cannot start " << python << " ("
              << std::strerror(failed) << "); install python3 and python3-matplotlib or set KYOSEI_PYTHON\n";
    return 2;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      std::cerr << "error: kyosei report: lost the Python process (" << std::strerror(errno) << ")\n";
      return 1;
    }
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  std::cerr << "error: kyosei report: Python stopped by signal " << WTERMSIG(status) << '\n';
  return 128 + WTERMSIG(status);
}

}  // namespace kyosei::cli
