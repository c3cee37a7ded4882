// Errors to messages and exit codes (exit_codes.hpp).
#include "exit_codes.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <new>
#include <string>

#include "kyosei/engine/errors.hpp"
#include "kyosei/model/params.hpp"
#include "kyosei/run/resource_guard.hpp"

namespace kyosei::cli {

int exit_with(int code) {
  if (code != kOutputFailed) return code;
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}

int report_error(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const ScenarioError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return kBadInput;
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return kBadInput;
  } catch (const ResourceError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return kBadInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory: the run needed more than the machine could give (the estimate "
                 "that KYOSEI_MEMORY_LIMIT bounds was too low for it)\n";
    return kBadInput;
  } catch (const OutputError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return kOutputFailed;
  } catch (const std::filesystem::filesystem_error& e) {
    // A file or directory that the system refused: the user's path, not kyosei's defect.
    std::cerr << "error: " << (e.path1().empty() ? "" : e.path1().string() + ": ") << e.code().message() << '\n';
    return kOutputFailed;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << " (a defect of kyosei: please report it with the command line)\n";
    return kInternalError;
  }
}

bool refuse_unknown_command(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  const std::string given = argv[1];
  std::string best;
  std::size_t best_distance = std::string::npos;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (command->get_name() == given) return false;
    const std::size_t d = edit_distance(given, command->get_name());
    if (d < best_distance) best_distance = d, best = command->get_name();
  }
  std::cerr << "error: unknown command '" << given << "'";
  if (best_distance <= std::max<std::size_t>(2, given.size() / 3)) std::cerr << " (did you mean '" << best << "'?)";
  std::cerr << "; `kyosei --help` lists the commands\n";
  return true;
}

}  // namespace kyosei::cli
