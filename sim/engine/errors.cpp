// Typed exceptions (see errors.hpp).
#include "kyosei/engine/errors.hpp"

#include <utility>

namespace kyosei {
namespace {

// "file:line:col: key: problem"; the location shrinks to "file:" when the line is unknown (an
// override from the command line) and the key part disappears when no key is concerned.
std::string located_message(const std::string& file, int line, int column, const std::string& key,
                            const std::string& problem) {
  std::string message = file;
  if (line > 0) {
    message += ':' + std::to_string(line);
    if (column > 0) message += ':' + std::to_string(column);
  }
  message += ": ";
  if (!key.empty()) message += key + ": ";
  return message + problem;
}

}  // namespace

ScenarioError::ScenarioError(std::string file, int line, int column, std::string key, std::string problem)
    : Error(located_message(file, line, column, key, problem)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      key_(std::move(key)),
      problem_(std::move(problem)) {}

}  // namespace kyosei
