// Counted warnings: oddities during a run that do not stop it but that a
// reader of its results should know of. The list is kWarnings (warnings.hpp); each is explained
// in docs/ODD.md ("Warnings").
#include <algorithm>

#include "model/warnings.hpp"

namespace kyosei {

void count_warning(State& st, Warning warning) { ++st.warnings[static_cast<std::size_t>(warning)]; }

std::vector<std::pair<std::string, std::int64_t>> counted_warnings(const State& st) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (int w = 0; w < kWarningCount; ++w)
    if (st.warnings[w] > 0) out.emplace_back(std::string(kWarnings[w].name), st.warnings[w]);
  return out;
}

}  // namespace kyosei
