#pragma once
// Typed exceptions: the first of kyosei's two error channels.
// Library code throws these; only the CLI's main turns them into exit codes, and the Python
// bindings map each type to a Python exception of the same name.
#include <stdexcept>
#include <string>

namespace kyosei {

// Base of every error kyosei raises on purpose.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// A scenario file or override is wrong. what() is the full message
// "file:line:col: key.path: problem (expected ...)"; the parts are kept for programs.
class ScenarioError : public Error {
public:
  ScenarioError(std::string file, int line, int column, std::string key, std::string problem);
  const std::string& file() const { return file_; }
  int line() const { return line_; }      // 1-based; 0 when unknown (an override from the CLI)
  int column() const { return column_; }  // 1-based; 0 when unknown
  const std::string& key() const { return key_; }
  const std::string& problem() const { return problem_; }

private:
  std::string file_;
  int line_;
  int column_;
  std::string key_;
  std::string problem_;
};

// The caller misused the API or the CLI (bad option values, stepping a finished run).
class UsageError : public Error {
public:
  using Error::Error;
};

// A result could not be written or read (file exists without --force, I/O failure, bad file).
class OutputError : public Error {
public:
  using Error::Error;
};

// A run was asked to stop (RunOptions::stop, simulation.hpp) before its population was built:
// nothing was simulated. Not a fault: a command that sets the stop says why it stopped.
class RunStopped : public Error {
public:
  using Error::Error;
};

}  // namespace kyosei
