// The process's peak resident memory, for the resource columns of an ensemble's manifest
// (sweep.hpp: RunRecord, peak_memory_mib).
#include <sys/resource.h>

#include <fstream>
#include <string>

#include "kyosei/ensemble/sweep.hpp"

namespace kyosei {

double peak_memory_mib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) / 1024.0;  // "VmHWM:   123456 kB"
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kB on Linux
}

void reset_peak_memory() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";  // resets VmHWM to the current resident size (Linux 4.0); nothing where it is missing
}

}  // namespace kyosei
