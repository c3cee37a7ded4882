// The result files of a command's several runs (compare, factorial): their names in the output
// directory, and the pending files where finished runs wait, whole, until every run has finished.
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "cli.hpp"
#include "kyosei/engine/errors.hpp"
#include "kyosei/io/output_check.hpp"

namespace kyosei::cli {

std::string replicate_file(const std::string& directory, const std::string& name, std::uint32_t replicate,
                           std::uint32_t first, int replicates) {
  const std::string plain = result_file_name(name);  // refuses unsafe names
  if (replicates == 1) return (std::filesystem::path(directory) / plain).string();
  const std::size_t width = std::to_string(first + static_cast<std::uint32_t>(replicates) - 1).size();
  std::string number = std::to_string(replicate);
  number.insert(0, width - number.size(), '0');
  return (std::filesystem::path(directory) / (plain.substr(0, plain.size() - 3) + ".r" + number + ".h5")).string();
}

std::string pending_path(const std::string& output) { return output + ".pending-" + std::to_string(::getpid()); }

void keep_finished_run(std::string& pending, const Results& results, const Provenance& provenance) {
  try {
    write_results_hdf5(pending, results, provenance, true);
  } catch (const OutputError& e) {
    pending = save_elsewhere(pending,
                             [&](const std::string& where) { write_results_hdf5(where, results, provenance, false); });
    std::fprintf(stderr, "kyosei: %s; the run was saved in %s instead\n", e.what(), pending.c_str());
  }
}

}  // namespace kyosei::cli
