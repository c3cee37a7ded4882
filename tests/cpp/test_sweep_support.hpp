#pragma once
// Helpers of the ensemble tests (test_sweep*.cpp, test_region.cpp): files and small sweeps; the
// scratch directory and the command-line runs are in test_cli_support.hpp.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_cli_support.hpp"
#include "test_support.hpp"

namespace kyosei::test {

namespace fs = std::filesystem;

inline void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

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

// Lines of a text file.
inline std::size_t count_lines(const fs::path& p) {
  const std::string text = slurp(p);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace kyosei::test
