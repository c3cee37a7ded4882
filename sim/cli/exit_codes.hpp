#pragma once
// The command-line tool's one vocabulary of faults: each kind of error has one exit code and one
// form of message in every command (the README's table of exit codes).
#include <exception>

namespace CLI {
class App;
}

namespace kyosei::cli {

enum ExitCode : int {
  kSuccess = 0,
  kInternalError = 1,  // a defect of kyosei: please report it
  kBadInput = 2,       // scenario, options, a run too big for the machine, an unknown command
  kOutputFailed = 3,   // an output refused or not written; a result file or checkpoint unreadable
  kTargetMissed = 4,   // validate-model --strict: a calibration target missed
  kSignalBase = 128,   // 128 + N: stopped by signal N (130 SIGINT, 143 SIGTERM) after saving
};

// What main returns. After a failed write (kOutputFailed), ends the process without the atexit
// handlers: HDF5 1.10's library termination crashes on a file whose close failed (a file size
// limit, a full disk), which would turn exit code 3 into a segmentation fault after the summary.
int exit_with(int code);

// Prints the message of an error that ended a command on stderr and returns its exit code.
int report_error(const std::exception_ptr& error);

// When argv names no command of `app` where it expects one (argv[1] not an option), prints
// "error: unknown command 'x' (did you mean 'y'?)" and returns true.
bool refuse_unknown_command(const CLI::App& app, int argc, const char* const* argv);

}  // namespace kyosei::cli
