#pragma once
// `kyosei report DIR [-o report.html]`: one self-contained HTML report of a run, a comparison, a
// sweep, a region or a sensitivity study. The report is made by the Python package
// (kyosei.html_report, with matplotlib): this command runs it with the interpreter the module was
// built for and the package built beside this executable (or an installed one).
#include <CLI/CLI.hpp>

#include <string>

namespace kyosei::cli {

struct ReportSettings {
  CLI::App* command = nullptr;
  std::string source;  // a result file or a directory that kyosei wrote
  std::string output = "report.html";
  std::string title, baseline;
  bool force = false;  // replace an existing report
};

void add_report_command(CLI::App& app, ReportSettings& settings);
// Returns the report's exit status: 0 written, 2 bad input or Python/matplotlib/kyosei package
// missing (with a message saying what to install), 3 the file could not be written.
int command_report(const ReportSettings& settings);

}  // namespace kyosei::cli
